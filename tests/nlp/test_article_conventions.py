"""Article-level coding conventions of the dev-gold guidelines (issue 7d), on sentences
written for these tests: lists of counterparts, the speaker of a message and its
addressee, blame idioms, collective subjects after separate acts, multilateral formats."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from communique.model import Article
from communique.nlp.frames import ActorMention
from communique.nlp.parties.phrases import list_tail, pobj_mentions


def dyads(result) -> list[tuple[str, tuple, tuple]]:
    return [
        (e.event, tuple(a.country for a in e.actor), tuple(r.country for r in e.recipient))
        for e in result.events
    ]


def test_a_list_of_names_each_followed_by_its_title_is_every_counterpart(parse) -> None:
    # Scraped readouts repeat each title after the name: the list chains item to item.
    _, result = parse(
        "Emmanuel Macron spoke by telephone with President of Chile Gabriel Boric, President of Chile, "
        "President of Peru Dina Boluarte, President of Peru and President of Bolivia Luis Arce, "
        "President of Bolivia."
    )
    assert sorted(r for e, _, (r,) in dyads(result) if e == "CONSULT") == ["BOL", "CHL", "PER"]


def test_one_who_speaks_on_behalf_of_a_leader_speaks_for_the_leaders_state(parse) -> None:
    _, result = parse("On behalf of Prime Minister Justin Trudeau, I congratulate the people of Ghana.")
    assert dyads(result) == [("SUPPORT", ("CAN",), ("GHA",))]


def test_you_in_a_message_is_its_addressee(parse) -> None:
    _, result = parse(
        "On behalf of Prime Minister Justin Trudeau, I congratulate the people of Ghana. "
        "Canada is committed to standing with you."
    )
    assert ("AGREE", ("CAN",), ("GHA",)) in dyads(result)


def test_pointing_the_finger_at_someone_is_blame(parse) -> None:
    _, result = parse("Norwegian officials pointed the finger at Denmark for the collapse of the talks.")
    assert [(e.event, e.cameo) for e in result.events] == [("ACCUSE", "112")]
    assert dyads(result) == [("ACCUSE", ("NOR",), ("DNK",))]


def test_the_leaders_of_separate_calls_each_act_in_their_own_call(parse) -> None:
    _, result = parse(
        "Emmanuel Macron spoke by telephone with the presidents of Chile, Peru and Bolivia. "
        "The Mercosur leaders thanked Emmanuel Macron for his support."
    )
    support = sorted((a, r) for e, a, r in dyads(result) if e == "SUPPORT")
    assert support == [(("BOL",), ("FRA",)), (("CHL",), ("FRA",)), (("PER",), ("FRA",))]


def test_a_format_named_as_the_other_side_stands_for_its_other_members(parse) -> None:
    _, result = parse("The United States proposed launching a C5+1 dialogue on critical minerals.")
    assert [(e.event, tuple(a.country for a in e.actor)) for e in result.events] == [("AGREE", ("USA",))]
    assert {r.country for r in result.events[0].recipient} == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}


def test_members_of_a_format_act_together(parse) -> None:
    _, result = parse("Members of the Visegrad Group signed a joint declaration on energy security.")
    assert [e.event for e in result.events] == ["SUPPORT"]
    parties = {p.country for e in result.events for p in [*e.actor, *e.recipient]}
    assert parties == {"CZE", "HUN", "POL", "SVK"}


def test_criticising_what_a_relative_clause_refers_to_targets_whoever_did_it(parse) -> None:
    _, result = parse(
        "Chile and Peru have kept a policy of closing their ports to foreign trawlers which, "
        "according to reporters, Norway has criticised."
    )
    assert [(e.event, tuple(a.country for a in e.actor)) for e in result.events] == [("ACCUSE", ("NOR",))]
    assert {r.country for r in result.events[0].recipient} == {"CHL", "PER"}


def test_where_a_visitor_arrived_is_the_place_named_before_where(parse) -> None:
    _, result = parse(
        "Officials in Chile and Peru, where President Lula arrived on Tuesday, hoped for new investment."
    )
    assert ("CONSULT", ("BRA",), ("PER",)) in dyads(result)


def test_an_undertaking_to_keep_in_contact_is_agree_but_ongoing_contacts_are_not(parse) -> None:
    _, result = parse(
        "Emmanuel Macron had a telephone conversation with Olaf Scholz. "
        "Both leaders instructed their ministers to maintain close contacts."
    )
    agree = [e for e in result.events if e.event == "AGREE"]
    assert [(e.cameo, {a.country for a in e.actor}) for e in agree] == [("036", {"FRA", "DEU"})]
    _, ongoing = parse("France and Germany maintain regular contacts at all levels.")
    assert [e.event for e in ongoing.events] == []


def test_a_preposition_that_only_dates_the_act_is_no_pattern_particle(parse) -> None:
    # the verb dictionary's "call on" (an appeal) needs an "on" that names someone
    _, result = parse("Chile's president called Peru on Tuesday.")
    assert [e.event for e in result.events] != ["REQUEST"]
    _, appeal = parse("Chile's president called on Peru to reopen the border.")
    assert [e.event for e in appeal.events] == ["REQUEST"]


def test_a_participle_modifying_a_noun_is_no_word_of_a_dictionary_pattern(parse) -> None:
    doc, _ = parse("The Chilean navy built a new pier based on a British design.")
    assert not [f for f in doc._.cq_events if f.cameo.startswith("15")]
    doc, _ = parse("The Chilean navy built a new naval base near the border.")
    assert [f.cameo[:2] for f in doc._.cq_events] == ["15"]


def test_calling_for_a_change_is_an_appeal_to_the_party_that_must_change(parse) -> None:
    _, result = parse(
        "Norway will continue to call for a peaceful transition "
        "to a future in which Nicolas Maduro has no role."
    )
    assert dyads(result) == [("REQUEST", ("NOR",), ("VEN",))]


def test_they_after_a_joint_act_are_its_actors_and_their_own_states_are_no_counterpart(parse) -> None:
    _, result = parse(
        "Emmanuel Macron and Olaf Scholz reaffirmed their support for Ukraine. "
        "They also discussed French-German energy cooperation."
    )
    consult = [e for e in result.events if e.event == "CONSULT"]
    assert [({a.country for a in e.actor}, [r.country for r in e.recipient]) for e in consult] == [
        ({"FRA", "DEU"}, [])
    ]


def test_a_bare_dictionary_verb_in_a_relative_clause_takes_no_antecedent_owner(parse) -> None:
    # "need" is only a dictionary reading: what "we need" is not aimed at Finland
    _, result = parse("Finland has technology that we need, the Chilean minister said.")
    assert [e.event for e in result.events] == []


B9 = ("BGR", "CZE", "EST", "HUN", "LVA", "LTU", "POL", "ROU", "SVK")


def test_what_a_call_is_made_to_do_is_aimed_at_the_callee_and_a_format_label_is_its_members(parse) -> None:
    # "Bucharest" alone is Romania's capital; "the Bucharest Nine" is the format (formats.tsv)
    _, result = parse(
        "President Emmanuel Macron spoke today with the Bucharest Nine group of NATO Allies "
        "to underscore France's commitment to their security."
    )
    assert [(e, a, tuple(sorted(r))) for e, a, r in dyads(result)] == [
        ("CONSULT", ("FRA",), tuple(sorted(B9))),
        ("AGREE", ("FRA",), tuple(sorted(B9))),
    ]


def test_the_city_alone_is_no_format(parse) -> None:
    _, result = parse("The French minister arrived in Bucharest on Monday for talks.")
    assert all(r == ("ROU",) for e, _, r in dyads(result) if e == "CONSULT")


def test_holding_a_state_accountable_is_a_threat_and_holding_it_responsible_is_blame(parse) -> None:
    _, result = parse(
        "Joe Biden spoke today with Justin Trudeau by phone. Both leaders underscored their "
        "commitment to continue holding Russia accountable for its actions in Ukraine."
    )
    threats = [(e.cameo, {a.country for a in e.actor}, [r.country for r in e.recipient])
               for e in result.events if e.event == "THREATEN"]  # fmt: skip
    assert threats == [("131", {"USA", "CAN"}, ["RUS"])]
    _, result = parse("France held Iran responsible for the attack on its embassy.")
    assert [e.cameo for e in result.events] == ["112"]
    assert dyads(result) == [("ACCUSE", ("FRA",), ("IRN",))]


def test_an_attempt_owned_by_a_pronoun_does_not_make_its_owner_do_the_act(parse) -> None:
    _, result = parse(
        "Rebels in Chad on Tuesday blocked roads into the capital as they continued "
        "their effort to overthrow the government."
    )
    assert "ASSAULT" not in [e for e, _, _ in dyads(result)]


def test_we_in_a_transcript_turn_is_the_speaker_its_label_names_even_run_together(parse) -> None:
    # Scraped transcripts glue the label's words ("PrimeMinisterofSpainPedroSanchez"); an
    # undertaking the speaker makes in the talks is made to the other side.
    _, result = parse(
        "President of Chile Gabriel Boric met with Prime Minister of Spain Pedro Sanchez in Santiago.\n\n"
        "President of Chile Gabriel Boric: Welcome to Chile.\n\n"
        "PrimeMinisterofSpainPedroSanchez (retranslated): Thank you, Mr President. "
        "It is a pleasure to be here. Tomorrow, we will sign an agreement with your Economy Minister."
    )
    agree = [
        (tuple(a.country for a in e.actor), tuple(r.country for r in e.recipient), e.date, e.modality)
        for e in result.events
        if e.event == "AGREE"
    ]
    assert agree == [(("ESP",), ("CHL",), "2024-03-15", "future")]


def test_a_visit_the_speaker_looks_forward_to_is_to_the_speakers_state(parse) -> None:
    _, result = parse(
        "Gabriel Boric met Pedro Sanchez. "
        '"We look forward to President Macron\'s visit on May 2," Boric said.'
    )
    assert ("AGREE", ("FRA",), ("CHL",)) in dyads(result)


def test_a_hope_is_no_appeal(parse) -> None:
    _, result = parse(
        'Gabriel Boric met Pedro Sanchez. "I hope that your visit will benefit our relations," Boric said.'
    )
    assert [e for e, _, _ in dyads(result)] == ["CONSULT"]


def test_the_governments_of_the_region_are_the_states_the_article_named(parse) -> None:
    _, result = parse(
        "Malaysia and Indonesia have turned away boats of migrants. Thailand also refused them. "
        '"We urge the governments of the region to work together quickly," said Jeff Rathke, '
        "the State Department spokesperson."
    )
    requests = [(a, set(r)) for e, a, r in dyads(result) if e == "REQUEST"]
    assert requests == [(("USA",), {"MYS", "IDN", "THA"})]


def test_a_spokesperson_is_of_the_state_of_the_body_the_apposition_names(parse) -> None:
    _, result = parse("Jeff Rathke, the State Department spokesperson, said Malaysia must stop.")
    assert dyads(result) == [("REQUEST", ("USA",), ("MYS",))]


def test_spending_days_in_a_foreign_country_is_a_visit_there(parse) -> None:
    _, result = parse("The Chinese premier spent two days in Berlin.")
    assert dyads(result) == [("CONSULT", ("CHN",), ("DEU",))]
    _, result = parse("The minister spent years in prison.")
    assert dyads(result) == []


def test_a_common_noun_after_at_is_no_visited_place(parse) -> None:
    # the gazetteer knows a place called Time; "at one time" names no host
    doc, _ = parse("At one time the Kazakh president visited the large plants.")
    visits = [f for f in doc._.cq_events if f.cameo == "042"]
    assert visits and all(not f.recipients for f in visits)


def test_a_counted_collective_is_that_many_parties_of_the_event_before(parse) -> None:
    # "the two countries" after an appeal by Chile to Peru and Bolivia: the two addressed,
    # not all three parties of the appeal
    _, result = parse(
        "Chile on Monday urged Peru and Bolivia to sign the border treaty that the two countries "
        "finalised last month."
    )
    finalised = [e for e in result.events if e.event_text == "finalised"]
    assert finalised and sorted(a.country for a in finalised[0].actor) == ["BOL", "PER"]


def test_a_counted_collective_with_no_event_of_that_many_parties_names_nobody(parse) -> None:
    _, result = parse("Chile criticised Peru on Monday. The three countries later agreed to hold talks.")
    assert all(e.event_text != "agreed" for e in result.events)


LEAD = (
    "The Chilean president spoke today with President Lula of Brazil, President Petro of Colombia, "
    "and President Arce of Bolivia."
)


def test_the_last_item_of_a_list_the_parser_hung_on_the_verb_is_still_a_counterpart(nlp) -> None:
    # the parse of a long readout lead seen in the news: the list's last name is the verb's
    # conjunct; a noun is never a verb's conjunct, so it ends the list
    words = ["Roe", "spoke", "with", "Dupont", ",", "Weber", ",", "and", "Smith", "."]
    heads = [1, 1, 1, 2, 3, 3, 5, 1, 1, 1]
    deps = ["nsubj", "ROOT", "prep", "pobj", "punct", "conj", "punct", "cc", "conj", "punct"]
    pos = ["PROPN", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "PUNCT", "CCONJ", "PROPN", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    at: list[ActorMention | None] = [None] * len(doc)
    for i, country in ((3, "FRA"), (5, "DEU"), (8, "GBR")):
        at[i] = ActorMention(i, i + 1, words[i], "person", country=country)
    assert "GBR" not in {m.country for m in pobj_mentions(doc[2], at)}
    assert [m.country for m in list_tail(doc[2], at)] == ["GBR"]


def test_a_title_naming_one_call_makes_the_leads_counterparts_one_call(extractor) -> None:
    # README "One act, several parties": "Telephone conversations with ..." are several
    # calls; a readout titled with one "Call with" several leaders reports one call
    def consults(title: str) -> list[tuple[str, ...]]:
        result = extractor.extract(Article(id="t", text=LEAD, date=dt.date(2023, 7, 10), title=title))
        return [tuple(sorted(r.country for r in e.recipient)) for e in result.events if e.event == "CONSULT"]

    assert consults(
        "Readout of the President's Call with the Presidents of Brazil, Colombia and Bolivia"
    ) == [("BOL", "BRA", "COL")]
    assert sorted(
        consults("Telephone conversations with the Presidents of Brazil, Colombia and Bolivia")
    ) == [
        ("BOL",),
        ("BRA",),
        ("COL",),
    ]


def test_what_the_leaders_discussed_names_a_topic_not_a_party(parse) -> None:
    # "They discussed their support for Ukraine" after the call reports what was said in it
    _, result = parse(
        "The Chilean president spoke today with the President of Peru. "
        "The two leaders discussed their support for Bolivia and Ecuador."
    )
    assert dyads(result) == [("CONSULT", ("CHL",), ("PER",))]


def parties_of(result, trigger: str) -> list[str] | None:
    """The sorted countries of the first event with that trigger, None when there is none."""
    event = next((e for e in result.events if e.event_text == trigger), None)
    return None if event is None else sorted(p.country for p in [*event.actor, *event.recipient])


def test_the_two_leaders_of_a_sentence_naming_two_states_are_those_states_leaders(parse) -> None:
    # a later meeting involved one of them with a third state's leader; the sentence names
    # the two states, so "the two leaders" are theirs, not the last meeting's
    _, result = parse(
        "Chilean President Gabriel Boric called Argentine President Javier Milei on Monday. "
        "Later that day Boric held a meeting with Brazilian President Lula. "
        "Argentina welcomed the call and Chile said the two leaders agreed to reopen the border."
    )
    assert parties_of(result, "agreed") == ["ARG", "CHL"]


def test_officials_met_during_a_visit_are_the_hosts(parse) -> None:
    # the latest visit names the host: Peru, not Bolivia visited before
    _, result = parse(
        "The Chilean foreign minister Alberto van Klaveren visited Bolivia on Monday. "
        "On Tuesday he arrived in Peru. He laid a wreath at a memorial before meeting with "
        "students and with government officials."
    )
    met = [e for e in result.events if e.event == "CONSULT" and e.cameo == "040"]
    assert [(tuple(a.country for a in e.actor), tuple(r.country for r in e.recipient)) for e in met] == [
        (("CHL",), ("PER",))
    ]


def test_officials_met_with_no_visit_before_are_nobodys(parse) -> None:
    _, result = parse(
        "The Chilean foreign minister Alberto van Klaveren met with government officials on Monday."
    )
    assert all(e.cameo != "040" for e in result.events)


def test_a_meeting_of_named_leaders_that_will_be_held_is_theirs(parse) -> None:
    # the event noun is its verb's subject: its own "of" phrase names who meets
    _, result = parse(
        "A meeting of the presidents of Chile, Peru and Bolivia will be held in Lima next week."
    )
    assert parties_of(result, "meeting") == ["BOL", "CHL", "PER"]


def test_our_three_countries_summit_is_the_three_parties_named_before(parse) -> None:
    _, result = parse(
        "A meeting of the presidents of Chile, Peru and Bolivia will be held in Lima next week. "
        "The Peruvian president said he was glad that the first round of our three countries’ summit "
        "was going well."
    )
    assert parties_of(result, "summit") == ["BOL", "CHL", "PER"]
