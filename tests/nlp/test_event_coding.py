"""PLOVER coding conventions and verb-dictionary patterns, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest


def test_most_specific_dictionary_pattern_wins_and_explain_names_it(parse) -> None:
    doc, result = parse("China deployed troops to the border with India.")
    (event,) = result.events
    assert (event.event, event.cameo) == ("MOBILIZE", "154")
    frame = next(f for f in doc._.cq_events if f.coded)
    assert frame.rule.startswith("CAMEO.2.0") and frame.specificity >= 1
    notes = [t for ex in result.explanations for t in ex.triggers]
    assert any(n.rule == frame.rule for n in notes)


def test_hand_lexicon_keeps_precedence_over_the_dictionary(parse) -> None:
    doc, result = parse("The United States imposed sanctions on Iran.")
    (event,) = result.events
    assert (event.event, event.cameo) == ("SANCTION", "163")
    assert [r.country for r in event.recipient] == ["IRN"]
    assert next(f for f in doc._.cq_events if f.coded).rule.startswith("triggers.tsv")


def test_future_cooperative_act_is_agree_with_modality_future(parse) -> None:
    _, result = parse("Kazakhstan will host the President of France next week.")
    (event,) = result.events
    assert (event.event, event.cameo, event.modality) == ("AGREE", "036", "future")


def test_agreed_to_meet_is_one_agree(parse) -> None:
    _, result = parse("Japan and the Philippines agreed to meet again next year.")
    assert [(e.event, e.modality) for e in result.events] == [("AGREE", "asserted")]
    assert {a.country for a in result.events[0].actor} == {"JPN", "PHL"}


def test_request_is_split_into_appeal_and_demand(parse) -> None:
    _, urged = parse("Germany urged Russia to release the prisoners.")
    _, demanded = parse("Germany demanded that Russia release the prisoners.")
    assert [(e.event, e.cameo[:2]) for e in urged.events if e.event == "REQUEST"] == [("REQUEST", "02")]
    assert [(e.event, e.cameo[:2]) for e in demanded.events if e.event == "REQUEST"] == [("REQUEST", "10")]
    assert urged.events[0].goldstein > 0 > demanded.events[0].goldstein


def test_condolences_are_not_events(parse) -> None:
    _, result = parse("Kazakhstan expressed condolences to Turkey over the earthquake.")
    assert result.events == ()


def test_joint_discussion_is_one_consult_and_a_topic_country_is_no_party(parse) -> None:
    _, result = parse("France and Germany discussed regional security issues, including Iran.")
    (event,) = result.events
    assert event.event == "CONSULT"
    parties = {e.country for e in (*event.actor, *event.recipient)}
    assert parties == {"FRA", "DEU"}


def test_one_sided_protest_needs_no_named_recipient(parse) -> None:
    # PLOVER: a protest with no named target is aimed at the state where it happens.
    _, result = parse("The Kenyan opposition demonstrated in Nairobi on Monday.")
    assert [
        (e.event, [a.country for a in e.actor], [r.country for r in e.recipient]) for e in result.events
    ] == [("PROTEST", ["KEN"], ["KEN"])]


def test_a_domestic_act_with_no_place_is_aimed_at_the_actors_own_state(parse) -> None:
    _, result = parse("Hundreds of Egyptian students rioted on Monday.")
    assert [
        (e.event, [a.country for a in e.actor], [r.country for r in e.recipient]) for e in result.events
    ] == [("PROTEST", ["EGY"], ["EGY"])]
    (event,) = result.events
    assert event.recipient[0].name == "Egypt"


def test_a_place_in_the_clause_is_the_other_side_of_a_curfew(parse) -> None:
    _, result = parse("The Indian army imposed a curfew in the town of Sopore in Kashmir on Friday.")
    assert [
        (e.event, [a.country for a in e.actor], [r.country for r in e.recipient]) for e in result.events
    ] == [("COERCE", ["IND"], ["IND"])]
    _, abroad = parse("Greece lifted a night curfew in Albania on Sunday.")
    assert [(e.event, [r.country for r in e.recipient]) for e in abroad.events] == [("CONCEDE", ["ALB"])]


def test_an_agent_noun_takes_the_state_its_own_phrase_places_it_in(parse) -> None:
    _, result = parse("Security forces in Nepal attacked Indian traders on Tuesday.")
    assert [(e.event, [a.country for a in e.actor]) for e in result.events] == [("ASSAULT", ["NPL"])]
    _, nameless = parse("The stopover in Nepal attacked Indian traders on Tuesday.")
    assert nameless.events == ()  # only agent nouns (codebook sector nouns) act


def test_a_participle_modifying_a_noun_makes_it_the_patient(parse) -> None:
    # "soldiers killed in X": the soldiers were killed; they did not kill X.
    _, result = parse("There were ten Russian soldiers killed in Ukraine today.")
    assert all("RUS" not in {a.country for a in e.actor} for e in result.events)


def test_force_needs_a_target_named_by_at_or_into(parse) -> None:
    _, aimed = parse("North Korea fired artillery rounds into South Korea.")
    assert [(e.event, [r.country for r in e.recipient]) for e in aimed.events] == [("ASSAULT", ["KOR"])]
    doc, untargeted = parse("Russia shelled the outskirts of the city on Monday.")
    assert untargeted.events == ()  # explained instead: a bare verb without a named target
    assert any(f.reason and "other side" in f.reason for f in doc._.cq_events)


def test_bare_dictionary_verb_without_other_side_is_explained_not_coded(parse) -> None:
    doc, result = parse("Kenya arrested two smugglers on Monday.")
    assert result.events == ()
    assert any(f.reason and "dictionary" in f.reason for f in doc._.cq_events)


def test_confidence_reflects_rule_and_modality(parse) -> None:
    _, hand = parse("Russia condemned Ukraine on Monday.")
    _, dictionary = parse("Russia fired missiles at Ukraine on Monday.")
    _, planned = parse("Russia will host Ukraine on Monday.")
    (condemned,), (fired,), (host,) = hand.events, dictionary.events, planned.events
    assert condemned.confidence > fired.confidence  # a hand row is surer than a dictionary pattern
    assert host.modality == "future" and host.confidence < condemned.confidence


def test_what_the_sides_discussed_is_the_same_consult(parse) -> None:
    doc, result = parse(
        "Kazakhstan and France held talks in Astana on Monday. The two sides discussed trade."
    )
    assert [(e.event, e.event_text) for e in result.events] == [("CONSULT", "held talks")]
    assert any(f.reason and "same talks" in f.reason for f in doc._.cq_events)


def test_a_lemma_slip_of_the_small_model_does_not_lose_a_light_verb(parse) -> None:
    # en_core_web_sm lemmatises "staged" as "stag": the inflection still gives "stage".
    _, result = parse("Kenyan activists staged a protest in Nairobi on Monday.")
    assert [(e.event, e.cameo) for e in result.events] == [("PROTEST", "141")]


def test_two_groups_of_one_state_are_two_parties(parse) -> None:
    _, result = parse("Georgian demonstrators attacked the Georgian government on Monday.")
    (event,) = result.events
    assert ([a.sector for a in event.actor], [r.sector for r in event.recipient]) == (["CVL"], ["GOV"])


def test_a_phrase_naming_the_people_of_two_states_is_both(parse) -> None:
    _, result = parse("Senior Hungarian and Romanian officials agreed on Wednesday to cooperate.")
    (event,) = result.events
    assert {a.country for a in event.actor} == {"HUN", "ROU"}
    assert {a.name for a in event.actor} == {"Hungary", "Romania"}


def test_a_threat_is_aimed_at_the_people_its_content_names(parse) -> None:
    _, result = parse(
        "A Polish minister threatened on Monday to impose import restrictions against German goods."
    )
    assert [(e.event, [r.country for r in e.recipient]) for e in result.events] == [("THREATEN", ["DEU"])]


def test_a_person_without_a_country_takes_the_state_its_own_phrase_names(parse) -> None:
    _, result = parse("Chile's Deputy Foreign Minister visited Peru on Monday.")
    assert [([a.country for a in e.actor], [r.country for r in e.recipient]) for e in result.events] == [
        (["CHL"], ["PER"])
    ]


def test_the_party_named_by_a_threats_condition_is_its_target(parse) -> None:
    _, result = parse("Turkey threatened to suspend the talks if Greece goes ahead with the drilling.")
    assert [(e.event, [r.country for r in e.recipient]) for e in result.events] == [("THREATEN", ["GRC"])]


def test_a_protest_clause_names_the_target_of_a_strike(parse) -> None:
    _, result = parse(
        "Turkish workers began a hunger strike on Monday to protest against Germany's decision."
    )
    strikes = [e for e in result.events if e.cameo == "143"]
    assert [[r.country for r in e.recipient] for e in strikes] == [["DEU"]]


def test_the_people_a_demonym_names_after_a_recipient_preposition_are_the_target(parse) -> None:
    _, result = parse("A court in Peru has issued arrest warrants for two Chilean men on Monday.")
    assert [
        (e.event, [a.country for a in e.actor], [r.country for r in e.recipient]) for e in result.events
    ] == [("COERCE", ["PER"], ["CHL"])]


def test_an_agent_noun_takes_the_state_that_modifies_it(parse) -> None:
    _, result = parse("Bolivia Mining Association officials demanded support from the Bolivian Senate.")
    assert [[a.country for a in e.actor] for e in result.events] == [["BOL"]]


def test_a_pronoun_in_reported_speech_stands_for_the_speaker(parse) -> None:
    _, result = parse(
        "Bosnian Serbs said on Friday their forces had completed their withdrawal"
        " from the Bosnian village of Zepa.",
    )
    # the speaker acts; "Bosnian Serbs" are coded by residence (CAMEO), Bosnia's
    assert [(e.event, [a.country for a in e.actor]) for e in result.events] == [("RETREAT", ["BIH"])]


def test_a_sanction_or_force_said_of_the_future_is_a_threat(parse) -> None:
    # PLOVER: "will withdraw / will boycott / will attack" is THREATEN, not the act itself.
    _, boycott = parse("Norway says it will boycott all official contact with Peru.")
    assert [(e.event, e.cameo[:2], e.modality) for e in boycott.events] == [("THREATEN", "13", "future")]
    assert [r.country for r in boycott.events[0].recipient] == ["PER"]
    _, done = parse("Norway boycotted all official contact with Peru.")
    assert [e.event for e in done.events] == ["SANCTION"]


def test_a_promise_whose_content_is_a_threat_stays_one_threat(parse) -> None:
    _, result = parse("The Chilean president promised to arrest the Bolivian smugglers.")
    assert [e.event for e in result.events] == ["THREATEN"]


def test_an_amount_of_people_stands_for_the_group_it_counts(parse) -> None:
    _, result = parse("Thousands of Peruvian farmers demonstrated in Lima on Monday.")
    assert [(e.event, [a.country for a in e.actor]) for e in result.events] == [("PROTEST", ["PER"])]


def test_an_agent_noun_with_no_state_of_its_own_takes_the_place_of_its_clause(parse) -> None:
    doc, _ = parse("Hundreds of people marched through the streets of Quito to demand new elections.")
    march = next(f for f in doc._.cq_events if f.lemma == "march")
    assert [a.country for a in march.actors] == ["ECU"]


def test_a_passive_by_phrase_naming_a_demonym_group_acts(parse) -> None:
    doc, _ = parse("The embassy was attacked by Serbian protesters.")
    attack = next(f for f in doc._.cq_events if f.lemma == "attack")
    assert [a.country for a in attack.actors] == ["SRB"]


def test_a_people_is_coded_by_the_state_its_phrase_places_it_in(parse) -> None:
    # CAMEO codes an ethnic group by residence: "Bosnian Serbs" are Bosnia's.
    _, bosnian = parse("Bosnian Serbs demanded a truce from Croatia on Monday.")
    assert [[a.country for a in e.actor] for e in bosnian.events] == [["BIH"]]
    _, resident = parse("Ethnic Albanians in south Serbia demanded a United Nations presence.")
    assert [[a.country for a in e.actor] for e in resident.events] == [["SRB"]]
    _, plain = parse("Albanians demanded a United Nations presence.")
    assert [[a.country for a in e.actor] for e in plain.events] == [["ALB"]]


def test_a_retreat_noun_is_aimed_at_the_place_it_leaves(parse) -> None:
    _, result = parse("Chile began the withdrawal of its troops from Haiti on Monday.")
    assert [(e.event, [r.country for r in e.recipient]) for e in result.events] == [("RETREAT", ["HTI"])]


def test_a_pattern_word_may_sit_deep_in_the_object_but_not_in_an_adjunct(parse) -> None:
    _, suspended = parse("Peru suspended part of a military aid program for Bolivia.")
    assert [(e.event, e.cameo) for e in suspended.events] == [("SANCTION", "162")]
    _, arrested = parse("Chilean police arrested 20 Peruvians on Saturday in a sweep of the border area.")
    assert [e.cameo for e in arrested.events] == ["173"]  # "area" is where, not what: no 192


def test_a_noun_event_takes_its_actor_from_its_own_modifiers(parse) -> None:
    doc, _ = parse("Recent US drone attacks have killed at least eight militant leaders in Yemen.")
    killed = next(f for f in doc._.cq_events if f.lemma == "kill")
    assert [a.country for a in killed.actors] == ["USA"]
    _, riots = parse("Chilean riots against Peruvian fishing policies continued on Monday.")
    parties = [
        (e.event, [a.country for a in e.actor], [r.country for r in e.recipient]) for e in riots.events
    ]
    assert parties == [("PROTEST", ["CHL"], ["PER"])]


def test_a_cooperative_act_refused_for_the_future_is_a_rejection(parse) -> None:
    _, refused = parse("Norway said it would not provide military aid to Peru.")
    assert [(e.event, e.cameo, e.modality) for e in refused.events] == [("REJECT", "121", "asserted")]
    assert [r.country for r in refused.events[0].recipient] == ["PER"]
    _, past = parse("Norway did not meet Peru's foreign minister on Monday.")
    assert all(e.event != "REJECT" for e in past.events)  # a report that it did not happen


def test_an_intent_to_leave_a_place_is_aimed_at_it(parse) -> None:
    _, result = parse("Chile says it is willing to withdraw its troops from neighboring Peru.")
    assert [(e.event, [r.country for r in e.recipient]) for e in result.events] == [("AGREE", ["PER"])]


def test_a_preposition_that_only_dates_the_act_is_no_pattern_preposition(parse) -> None:
    _, result = parse("The Chilean foreign minister telephoned the Peruvian president on Tuesday.")
    assert [(e.event, e.cameo) for e in result.events] == [("CONSULT", "041")]


def test_saying_that_another_party_must_act_is_a_demand_on_it(parse) -> None:
    _, said = parse("Chile said on Tuesday that Peru must return the fishing boats.")
    (event,) = said.events
    assert (event.event, [a.country for a in event.actor], [r.country for r in event.recipient]) == (
        "REQUEST", ["CHL"], ["PER"],
    )  # fmt: skip
    _, conj = parse("Norway has indicated it is open to talks but that Peru must be flexible.")
    assert [(e.event, [r.country for r in e.recipient]) for e in conj.events] == [("REQUEST", ["PER"])]
    _, own = parse("Chile said it must protect its fishermen.")
    assert all(e.event != "REQUEST" for e in own.events)  # an obligation of its own is no demand


def test_an_object_counting_people_or_placing_a_body_names_the_other_side(parse) -> None:
    _, beaten = parse("Guinean soldiers beat scores of Peruvian refugees.")
    assert [[r.country for r in e.recipient] for e in beaten.events] == [["PER"]]
    _, embassy = parse("Chile opened an embassy in Lima on Monday.")
    assert [(e.event, [r.country for r in e.recipient]) for e in embassy.events] == [("SUPPORT", ["PER"])]


def test_a_refusal_needs_no_named_other_side(parse) -> None:
    _, result = parse("Chile said it would not meet the kidnappers' demands.")
    assert [(e.event, [a.country for a in e.actor]) for e in result.events] == [("REJECT", ["CHL"])]


def test_a_pattern_preposition_follows_the_verb_not_its_passive_subject(parse) -> None:
    _, result = parse("A shelter for Sudanese refugees was attacked by Chadian gunmen on Monday.")
    assert [(e.event, e.cameo) for e in result.events] == [("ASSAULT", "190")]  # no "attack ... for" (111)
    _, active = parse("Chile attacked Peru for its fishing policy.")
    assert [(e.event, e.cameo) for e in active.events] == [("ACCUSE", "111")]


def test_an_act_with_a_patient_but_no_named_side_is_aimed_at_its_place_or_own_state(parse) -> None:
    _, arrested = parse("Chilean police arrested forty students on Monday.")
    assert [(e.event, [r.country for r in e.recipient]) for e in arrested.events] == [("COERCE", ["CHL"])]
    _, bombs = parse("Peruvian rebels exploded two bombs in Lima on Sunday.")
    assert [(e.event, [r.country for r in e.recipient]) for e in bombs.events] == [("ASSAULT", ["PER"])]
    _, fired = parse("Chilean soldiers fired shots on Sunday.")  # force abroad: no own-state target
    assert not fired.events


def test_our_extra_dictionary_rows_code_verbs_and_objects_the_dictionary_lacks(parse) -> None:
    doc, renewed = parse("Peru and Chile renewed negotiations on Tuesday.")
    assert [e.event for e in renewed.events] == ["CONSULT"]
    doc, mounted = parse("Chile mounted an invasion of southern Peru on Monday.")
    assert [(e.event, [r.country for r in e.recipient]) for e in mounted.events] == [("ASSAULT", ["PER"])]
    frame = next(f for f in doc._.cq_events if f.coded)
    assert "verb_patterns_extra.tsv line" in frame.rule
    _, sent = parse("The United States sent arms to Peru last year.")
    assert [(e.event, e.cameo) for e in sent.events] == [("AID", "072")]  # our row wins the tie


def test_a_one_sided_act_is_as_sure_as_one_with_a_resolved_other_side(parse) -> None:
    _, alone = parse("Chile rejected the proposal on Monday.")
    _, aimed = parse("Chile rejected the proposal of Peru on Monday.")
    (one_sided,), (two_sided,) = alone.events, aimed.events
    assert not one_sided.recipient and [r.country for r in two_sided.recipient] == ["PER"]
    assert one_sided.confidence == two_sided.confidence


def test_a_domestic_concession_with_a_patient_is_aimed_at_the_actors_own_state(parse) -> None:
    _, lifted = parse("The Chilean interior ministry released forty students on Monday.")
    assert [(e.event, [r.country for r in e.recipient]) for e in lifted.events] == [("RETREAT", ["CHL"])]


def test_a_pattern_recorded_with_a_synonym_applies_only_within_the_verbs_own_root(parse) -> None:
    captured, _ = parse("Peruvian troops captured part of a Chilean stronghold near the border.")
    (frame,) = [f for f in captured._.cq_events if f.lemma == "capture"]
    assert frame.cameo == "171"  # not "take part" (030), an idiom of another verb of the block
    took, _ = parse("Chile took part in talks with Peru on Monday.")
    assert [f.cameo for f in took._.cq_events if f.lemma == "take"] == ["030"]
    _, indicted = parse("A Chilean court indicted the Peruvian prime minister on Monday.")
    assert [e.cameo for e in indicted.events] == ["1121"]  # BLAME's accusations apply to "indict" (173)


def test_an_event_noun_carried_by_a_light_verb_is_read_as_its_verb(parse) -> None:
    doc, suspended = parse("France announced the suspension of military aid to Mali.")
    assert [(e.event, e.cameo, [a.country for a in e.actor], [r.country for r in e.recipient])
            for e in suspended.events] == [("SANCTION", "162", ["FRA"], ["MLI"])]  # fmt: skip
    frame = next(f for f in doc._.cq_events if f.coded)
    assert doc[frame.trigger].text == "suspension" and "nominals.tsv" in frame.rule
    _, appeal = parse("Ghana issued an appeal to Nigeria to reopen the border.")
    assert [(e.event, [r.country for r in appeal.events[0].recipient]) for e in appeal.events] == [
        ("REQUEST", ["NGA"])
    ]
    # a verb with a stance of its own carries no event noun: the speaker releases nobody
    _, welcomed = parse("Chile welcomed the release of the Peruvian fishermen.")
    assert "RETREAT" not in [e.event for e in welcomed.events]
    # "prevent demonstration" (1721) is recorded with "prevent": postponing is the organisers' own act
    _, postponed = parse("The Peruvian opposition postponed its demonstration in Lima.")
    assert "COERCE" not in [e.event for e in postponed.events]


# Our extra dictionary rows and light-verb readings: sentence -> the (PLOVER type, CAMEO) coded.
CODED_AS = [
    ("Egypt ended its mediation between Israel and Hamas.", [("SANCTION", "165")]),
    ("Indian troops remained on high alert along the border with Pakistan.", [("MOBILIZE", "152")]),
    ("The government of Sudan shortened the curfew in Khartoum.", [("CONCEDE", "0813")]),
    # a cut in aid, no "reduce camp" (081) read off the adjunct
    ("The United Nations reduced food supplies to the Sudanese refugee camp in Chad.", [("SANCTION", "162")]),
    ("Students in Bogota boycotted classes on Monday.", [("PROTEST", "143")]),  # a strike, no embargo
    ("Chilean police prevented the demonstration of the students in Santiago.", [("COERCE", "1721")]),
    ("The government of Zambia has reneged on its commitment to the opposition.", [("REJECT", "120")]),
    # PLOVER CONCEDE covers "suspending protests"; the phrasal light verb "call off" is read first
    ("Chilean miners called off their strike on Monday.", [("CONCEDE", "080")]),
    ("Chilean miners ended their hunger strike on Monday.", [("CONCEDE", "080")]),
    ("Chilean miners called a strike against the government of Chile.", [("PROTEST", "143")]),
    # letting aid through is CAMEO 0863 (PLOVER RETREAT, access), beside the opening of the border
    (
        "Chile opened the border crossing to allow the delivery of food to Peru.",
        [("CONCEDE", "080"), ("RETREAT", "0863")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CODED_AS)
def test_extra_rows_and_light_verbs_code_the_act_the_sentence_reports(parse, sentence, expected) -> None:
    _, result = parse(sentence)
    assert [(e.event, e.cameo) for e in result.events] == expected


def test_a_lifted_curfew_is_a_concession_and_a_resignation_a_retreat(parse) -> None:
    # the PLOVER ontology: CONCEDE covers "removing curfews"; RETREAT covers resignations
    _, lifted = parse("Chile lifted the curfew in Santiago on Monday.")
    assert [(e.event, e.cameo) for e in lifted.events] == [("CONCEDE", "0813")]
    _, resigned = parse("The prime minister of Peru resigned on Monday.")
    assert [(e.event, e.mode, [a.country for a in e.actor]) for e in resigned.events] == [
        ("RETREAT", "resign", ["PER"])
    ]


def test_would_in_reported_speech_is_the_future_said_then(parse) -> None:
    # "said they would boycott" reports "we will boycott": a sanction said of the future is a threat
    _, reported = parse("Peruvian leaders said they would boycott all contact with Chile.")
    assert [(e.event, e.modality) for e in reported.events] == [("THREATEN", "future")]
    _, unreported = parse("Peru would boycott the talks with Chile.")  # no report: a mere possibility
    assert [(e.event, e.modality) for e in unreported.events] == [("SANCTION", "hypothetical")]


def test_a_passive_by_phrase_names_the_doer_not_a_pattern_word(parse) -> None:
    _, result = parse("The Russian embassy was demolished by Ukrainian troops.")
    assert [
        (e.cameo, [a.country for a in e.actor], [r.country for r in e.recipient]) for e in result.events
    ] == [
        ("1712", ["UKR"], ["RUS"])  # destroying property, not "demolish troops" (190)
    ]


def test_a_group_and_the_government_of_one_state_are_a_domestic_dyad(parse) -> None:
    # cooperation normally drops a recipient of the actor's own state ("welcomed his
    # counterparts' views"), but demonstrators or rebels and their own government are two sides
    _, talks = parse("The Peruvian government held talks with Peruvian rebels in Lima.")
    assert [(e.event, [(a.country, a.sector) for a in e.actor], [(r.country, r.sector) for r in e.recipient])
            for e in talks.events] == [("CONSULT", [("PER", "GOV")], [("PER", "REB")])]  # fmt: skip
    _, assured = parse("Peruvian demonstrators received assurances from the Peruvian government.")
    assert [
        (e.event, [a.sector for a in e.actor], [r.sector for r in e.recipient]) for e in assured.events
    ] == [
        ("AGREE", ["GOV"], ["CVL"])  # the reversed reading: the government gives the assurances
    ]


def test_a_welcome_given_to_a_visitor_is_hosting_and_an_accepted_formula_an_agreement(parse) -> None:
    _, welcomed = parse("President Lula gave a warm welcome on Thursday to Chilean President Bachelet.")
    assert [(e.event, e.cameo, [r.country for r in e.recipient]) for e in welcomed.events] == [
        ("CONSULT", "043", ["CHL"])
    ]
    _, accepted = parse("Peru today accepted a formula for ending its border dispute with Ecuador.")
    assert [(e.event, e.cameo) for e in accepted.events] == [("AGREE", "030")]


def test_a_sanction_a_modal_puts_on_a_condition_is_a_threat(parse) -> None:
    _, conditioned = parse("Chile may halt aid to Peru if Lima refuses to negotiate.")
    assert "THREATEN" in [e.event for e in conditioned.events]
    _, possible = parse("Chile may halt aid to Peru.")  # no condition: a mere possibility
    assert [(e.event, e.modality) for e in possible.events] == [("SANCTION", "hypothetical")]


def test_being_abroad_at_a_hosts_invitation_is_a_visit(parse) -> None:
    _, now = parse("The Peruvian foreign minister is in Brasilia at the invitation of President Lula.")
    assert [(e.event, e.cameo, e.modality) for e in now.events] == [("CONSULT", "042", "asserted")]
    assert [a.country for a in now.events[0].actor] == ["PER"]
    assert [r.country for r in now.events[0].recipient] == ["BRA"]
    _, planned = parse(
        "The Peruvian foreign minister will be in Brasilia at the invitation of President Lula."
    )
    assert [(e.event, e.modality) for e in planned.events] == [("AGREE", "future")]
    _, accepted = parse("The Peruvian foreign minister accepted the invitation of President Lula.")
    assert [e.cameo for e in accepted.events] == ["036"]  # accepting it stays an undertaking


def test_a_concession_said_of_the_future_is_an_intent_to_yield(parse) -> None:
    # PLOVER: "will release", "would allow" promise a concession: AGREE (CAMEO 035), future
    _, release = parse("Peru said it will release forty Chilean fishermen next week.")
    assert [(e.event, e.cameo[:3], e.modality) for e in release.events] == [("AGREE", "035", "future")]
    _, done = parse("Peru released forty Chilean fishermen on Monday.")  # done: the concession itself
    assert [e.event for e in done.events] == ["RETREAT"]
    # a resignation said of the future is no promise to anyone: it stays a resignation
    _, resign = parse("The Peruvian prime minister will resign next week.")
    assert "AGREE" not in [e.event for e in resign.events]


def test_the_content_of_an_appeal_inside_a_pledge_is_not_the_pledge(parse) -> None:
    # "pledged to ask X to approve": the approving is X's; the pledge does not become 035
    _, pledged = parse("The Peruvian president pledged to ask Congress to approve funding for Chile.")
    assert "035" not in [e.cameo for e in pledged.events]


def test_an_investigation_needs_no_named_other_side(parse) -> None:
    # PLOVER: investigating (ACCUSE, CAMEO 09x) is one-sided; what is investigated is no party
    _, opened = parse("Peruvian police have launched an investigation into the alleged fraud.")
    assert [(e.event, e.cameo[:2]) for e in opened.events] == [("ACCUSE", "09")]
    assert [a.country for a in opened.events[0].actor] == ["PER"]


def test_troops_arriving_are_no_visit_and_peacekeepers_arriving_are_peacekeeping(parse) -> None:
    _, peacekeepers = parse("A first contingent of Peruvian peacekeeping troops arrived in Haiti on Monday.")
    assert [(e.event, e.cameo, [r.country for r in e.recipient]) for e in peacekeepers.events] == [
        ("AID", "074", ["HTI"])
    ]
    _, troops = parse("Peruvian troops arrived in Ecuador on Monday.")
    assert "CONSULT" not in [e.event for e in troops.events]
    _, visitor = parse("The Peruvian foreign minister arrived in Quito on Monday.")
    assert [(e.event, e.cameo) for e in visitor.events] == [("CONSULT", "042")]


def test_aid_is_not_aimed_at_the_givers_own_state_by_a_place(parse) -> None:
    # the place of an aid act stands for the receiver only when it is abroad
    _, own = parse("Peru will provide relief goods through the Peruvian aid agency in Lima.")
    assert all({r.country for r in e.recipient}.isdisjoint({a.country for a in e.actor}) for e in own.events)


def test_wanting_another_to_act_is_an_appeal_to_it_not_its_act(parse) -> None:
    _, wants = parse("Peru wants Chile to withdraw its troops from the border.")
    assert [
        (e.event, [a.country for a in e.actor], [r.country for r in e.recipient]) for e in wants.events
    ] == [("REQUEST", ["PER"], ["CHL"])]  # not Chile withdrawing
    _, own = parse("Peru wants to sign a trade treaty with Chile.")  # its own act to come: an intent
    assert [e.event for e in own.events] == ["AGREE"]


def test_swearing_to_fight_is_a_threat_and_to_protect_an_intent(parse) -> None:
    _, fight = parse("Peruvian rebels have sworn to fight the Chilean army until they win.")
    assert [e.event for e in fight.events] == ["THREATEN"]
    _, protect = parse("The Peruvian president swore to protect the rights of Chilean workers.")
    assert [e.event for e in protect.events] == ["AGREE"]


def _aimed(result) -> list[tuple[str, list[str | None]]]:
    return [(e.event, [r.country for r in e.recipient]) for e in result.events]


def _coded(result) -> list[tuple[str, str, list[str | None], list[str | None]]]:
    return [
        (e.event, e.cameo, [a.country for a in e.actor], [r.country for r in e.recipient])
        for e in result.events
    ]


def test_speaking_to_or_with_a_person_is_a_consult_not_speaking_about_one(parse) -> None:
    _, spoke_to = parse("The Chilean president spoke today to the Prime Minister of Norway.")
    assert _coded(spoke_to) == [("CONSULT", "040", ["CHL"], ["NOR"])]
    _, spoke_with = parse("The Chilean president spoke with the Prime Minister of Norway on Monday.")
    assert [e.event for e in spoke_with.events] == ["CONSULT"]
    _, about = parse("The Chilean president spoke about the Prime Minister of Norway at length.")
    assert about.events == ()
    _, press = parse("The Kenyan minister spoke to reporters in Nairobi.")
    assert press.events == ()


def test_our_own_dictionary_rows_code_one_sided_force(parse) -> None:
    # PLOVER: an assault with no clear target is still an event; PETRARCH's one-word
    # patterns stay held back without a named other side, our own rows are trusted
    doc, fire = parse("Bolivian soldiers opened fire near the border on Tuesday.")
    assert _coded(fire) == [("ASSAULT", "193", ["BOL"], [])]
    assert [f.curated for f in doc._.cq_events if f.coded] == [True]
    _, artillery = parse("Colombian troops launched artillery fire against rebel camps.")
    assert [(e.event, e.cameo) for e in artillery.events] == [("ASSAULT", "190")]
    doc, petrarch = parse("Bolivian soldiers fired shells near the border on Tuesday.")
    assert petrarch.events == ()  # PETRARCH's "fire shells" (193) still needs a named target
    assert any(f.cameo == "193" and not f.curated for f in doc._.cq_events)


def test_a_pattern_naming_the_object_and_one_of_our_rows_wins_a_tie(parse) -> None:
    # "dispatch (to ...)" and "dispatch inspectors" pin the parse as much: the object decides
    doc, result = parse("The IAEA dispatched inspectors to a plant in Syria.")
    assert _coded(result) == [("ACCUSE", "090", ["IAEA"], ["SYR"])]
    frame = next(f for f in doc._.cq_events if f.coded)
    assert "verb_patterns_extra.tsv" in frame.rule


def test_refusing_refugees_is_a_rejection_and_sharing_intelligence_cooperation(parse) -> None:
    _, refused = parse("Hungary said it would not accept refugees.")
    assert _coded(refused) == [("REJECT", "121", ["HUN"], [])]
    _, accepted = parse("Hungary accepted refugees from Syria.")
    assert [(e.event, e.cameo) for e in accepted.events] == [("AID", "075")]
    _, shared = parse("Chile shared intelligence with Peru on Monday.")
    assert _coded(shared) == [("COOPERATE", "064", ["CHL"], ["PER"])]


def test_what_a_protest_demands_is_its_purpose_not_a_second_event(parse) -> None:
    doc, marched = parse(
        "Chilean farmers began a hunger strike on Monday to demand that Peru return their land."
    )
    assert [(e.event, [a.country for a in e.actor]) for e in marched.events] == [("PROTEST", ["CHL"])]
    (demand,) = [f for f in doc._.cq_events if f.lemma == "demand"]
    assert demand.reason is not None and demand.reason.startswith("the purpose of 'strike'")
    _, marched = parse(
        "Thousands of Chilean students marched in Santiago to demand that Peru return the islands."
    )
    assert [e.event for e in marched.events] == ["PROTEST"]
    _, rallied = parse("Chilean students staged rallies in Santiago, saying Peru must return the islands.")
    assert [e.event for e in rallied.events] == ["PROTEST"]
    _, demanded = parse("Chile demanded that Peru return the islands.")
    assert [e.event for e in demanded.events] == ["REQUEST"]  # no protest: the demand stands


def test_a_reduction_of_relations_with_no_named_side_is_aimed_at_the_place(parse) -> None:
    # PLOVER's place rule, event_rules.tsv root 16 unnamed_recipient
    _, result = parse("The World Food Programme suspended food aid deliveries in Mogadishu on Friday.")
    assert _aimed(result) == [("SANCTION", ["SOM"])]


def test_convening_a_meeting_is_a_consultation(parse) -> None:
    _, result = parse("Chile convened a meeting with Peruvian officials in Lima.")
    assert _coded(result) == [("CONSULT", "040", ["CHL"], ["PER"])]


def test_an_air_strike_by_a_state_is_an_assault_standing_alone(parse) -> None:
    _, result = parse("An air strike by Turkish warplanes on a village in Iraq killed six civilians.")
    assert [(e.event, e.cameo, [a.country for a in e.actor]) for e in result.events][:1] == [
        ("ASSAULT", "195", ["TUR"])
    ]
    _, walkout = parse("Peruvian dockers staged a strike in Lima on Monday.")
    assert [e.event for e in walkout.events] == ["PROTEST"]  # no medium of force: a walk-out


def test_the_by_phrase_of_an_event_noun_names_who_did_it(parse) -> None:
    _, result = parse("The three-day visit to Kenya by the Chinese foreign minister ended on Monday.")
    assert _coded(result) == [("CONSULT", "042", ["CHN"], ["KEN"])]


def test_two_people_of_one_state_are_no_joint_act(parse) -> None:
    when = dt.date(2015, 3, 5)
    doc, result = parse(
        "Talks between President Barack Obama and Senator Bernie Sanders were held on Monday.", when
    )
    (talks,) = [f for f in doc._.cq_events if f.lemma == "talk"]
    assert [a.country for a in talks.actors] == ["USA", "USA"] and not talks.coded
    assert result.events == ()
    _, two_states = parse(
        "Talks between President Barack Obama and Chancellor Angela Merkel were held on Monday.", when
    )
    assert [(e.event, {a.country for a in e.actor}) for e in two_states.events] == [
        ("CONSULT", {"USA", "DEU"})
    ]


def test_receiving_observers_is_access_and_withdrawing_them_a_sanction(parse) -> None:
    _, received = parse("The Kyrgyz president received a team of OSCE observers in Bishkek.")
    assert _coded(received) == [("RETREAT", "0862", ["KGZ"], ["OSCE"])]
    _, withdrawn = parse("Chile withdrew its observers from Peru on Monday.")
    assert _coded(withdrawn) == [("SANCTION", "1662", ["CHL"], ["PER"])]
    _, threatened = parse("The UN said it will withdraw its observers from Syria.")
    assert _aimed(threatened) == [("THREATEN", ["SYR"])]


def test_a_state_acting_at_home_with_no_other_side_is_aimed_at_itself(parse) -> None:
    # PLOVER's gold: a government conceding or coercing at home (event_rules.tsv unnamed_recipient
    # 'state'); a protest or rejection by a state body is aimed at someone else ('own')
    _, conceded = parse("The Peruvian government on Thursday accepted demands from striking miners.")
    assert _aimed(conceded) == [("CONCEDE", ["PER"])]
    _, senate = parse("Peru's Senate protested on Tuesday.")
    assert _aimed(senate) == [("PROTEST", [])]


def test_a_demand_named_by_a_noun_is_made_of_its_clauses_subject(parse) -> None:
    _, insisted = parse("Chile insisted on its demand that Peru return the islands.")
    assert _coded(insisted) == [("REQUEST", "100", ["CHL"], ["PER"])]


def test_claim_with_a_clause_accuses_and_claim_with_an_object_does_not(parse) -> None:
    # "claimed that Y did ..." is an allegation (CAMEO ALLEGE) against the clause's subject;
    # "claim" + a noun object is a claim to something (an ancestry, a territory), aimed at nobody
    _, alleged = parse("Chile claimed that Bolivia had violated the border treaty.")
    assert [(e.event, [r.country for r in e.recipient]) for e in alleged.events] == [("ACCUSE", ["BOL"])]
    _, ancestry = parse("Thousands of Canadians claim Irish ancestry.")
    assert "ACCUSE" not in [e.event for e in ancestry.events]
    _, territory = parse("Argentina still claims the Falkland Islands.")
    assert "ACCUSE" not in [e.event for e in territory.events]


def test_a_complaint_in_a_reported_clause_accuses_its_subject_not_the_speakers_side(parse) -> None:
    _, other = parse("Chile complained that Bolivia had closed the border crossings.")
    assert [(e.event, [r.country for r in e.recipient]) for e in other.events] == [("ACCUSE", ["BOL"])]
    _, own = parse("Chile complained that it had not been invited.")
    assert all("CHL" not in [r.country for r in e.recipient] for e in own.events)


def test_a_vow_to_bring_someone_to_justice_is_a_threat(parse) -> None:
    # CAMEO: bringing to justice is legal action (173); vowing it is a threat (13x), not an
    # offer of cooperation (03x) as a bare "promised to" would be
    _, vowed = parse("The Chilean president promised to bring the bombers to justice.")
    assert [(e.event, [a.country for a in e.actor]) for e in vowed.events] == [("THREATEN", ["CHL"])]


def test_a_call_held_to_discuss_something_is_one_consult_and_its_topic_is_no_party(parse) -> None:
    _, call = parse(
        "The Chilean president spoke today with the President of Peru to discuss the attacks on Bolivia."
    )
    assert [(e.event, [r.country for r in e.recipient]) for e in call.events] == [("CONSULT", ["PER"])]
    _, planned = parse("The Chilean president will meet the President of Peru next week to discuss trade.")
    assert [e.event for e in planned.events] == ["AGREE"]


# Verbs whose bare dictionary sense is noise in news: alone they code nothing, their blocks'
# patterns still code ("go to war"), and a silenced verb keeps to the patterns of its own sense
# ("needs to work on" is no "press on", 190, a pattern of another verb of its block).
SILENCED = [
    "Peru needs to work with Chile on its ports.",
    "The Chilean foreign minister argued that Peru was wrong.",
    "Chile defended its record before the envoy of Peru.",
    "The Peruvian minister went to Santiago to watch the football final.",
    "Chile demonstrated its commitment to the treaty with Peru.",
    "The visit of the Chilean president reinforced the partnership with Peru.",
]


@pytest.mark.parametrize("sentence", SILENCED)
def test_noisy_bare_senses_of_dictionary_verbs_code_nothing_alone(parse, sentence) -> None:
    _, result = parse(sentence)
    assert result.events == ()


def test_a_silenced_verb_keeps_its_blocks_patterns(parse) -> None:
    doc, result = parse("Peru went to war with Chile.")
    assert [(e.event, e.cameo) for e in result.events] == [("ASSAULT", "190")]
    (frame,) = [f for f in doc._.cq_events if f.coded]
    assert "verb default" not in frame.rule
    # a street demonstration (no object) is still a protest, by its hand row
    _, marched = parse("Thousands of Chilean students demonstrated against Peru in Santiago.")
    assert [(e.event, e.cameo) for e in marched.events] == [("PROTEST", "141")]


# An aid or a concession said of the future is CAMEO's intent to do that very act (033x, 035x),
# lifting sanctions is easing economic sanctions (085); aid of several kinds stays 070.
INTENT_CODES = [
    ("Chile will supply arms to Peru next year.", ("AGREE", "0332", "future")),
    ("Chile will send humanitarian aid to Peru next week.", ("AGREE", "0333", "future")),
    ("Chile has agreed to lift the sanctions on Peru.", ("AGREE", "0354", "asserted")),
    ("Chile lifted the sanctions on Peru on Monday.", ("RETREAT", "085", "asserted")),
    ("Canada provided economic and humanitarian assistance to Peru.", ("AID", "070", "asserted")),
]


@pytest.mark.parametrize(("sentence", "expected"), INTENT_CODES)
def test_an_intent_names_the_act_it_promises_and_aid_its_kind(parse, sentence, expected) -> None:
    _, result = parse(sentence)
    assert [(e.event, e.cameo, e.modality) for e in result.events] == [expected]


def test_calling_someone_a_name_is_no_phone_call(parse) -> None:
    _, named = parse("Chile called the Peruvian minister a liar.")
    assert [(e.event, e.cameo) for e in named.events] == [("ACCUSE", "111")]
    _, phoned = parse("Putin called Macron on Tuesday.")
    assert [(e.event, e.cameo) for e in phoned.events] == [("CONSULT", "041")]


def test_a_notice_that_another_party_must_act_is_a_demand_on_it(parse) -> None:
    # as "said that Peru must ...": the verb that issues the notice carries the demand (CAMEO 100)
    _, issued = parse("Chile issued a stern reminder to Peru that it must respect the treaty.")
    (demand,) = issued.events
    assert (demand.event, demand.cameo, demand.event_text) == ("REQUEST", "100", "issued")
    assert [r.country for r in demand.recipient] == ["PER"]
    _, plain = parse("Chile issued a stern reminder to its citizens about the holiday.")
    assert "REQUEST" not in [e.event for e in plain.events]


def test_force_being_readied_is_a_force_posture_not_a_threat(parse) -> None:
    # "prepared to resume shelling": the readying is done and is MOBILIZE (CAMEO 150); said of
    # the future ("will attack") force stays a threat
    _, readied = parse("Chilean troops prepared to resume shelling Peruvian positions on Monday.")
    assert [(e.event, e.cameo, e.modality) for e in readied.events] == [("MOBILIZE", "150", "asserted")]
    _, promised = parse("Chile will attack Peru.")
    assert [e.event for e in promised.events] == ["THREATEN"]
