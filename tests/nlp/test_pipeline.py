"""Behaviour of the Communique spaCy components on sentences written for these tests.

One real pipeline (the default model, `tests/nlp/conftest.py`) serves the folder; each test reads the
Doc extensions or the converted events and checks one behaviour.
"""

from __future__ import annotations

import datetime as dt

import pytest


def run(parse, text: str, date: dt.date | None = dt.date(2024, 3, 14)):
    doc, result = parse(text, date)
    return doc, result.events


def mention(doc, text: str):
    found = [m for m in doc._.cq_mentions if m.entity_text == text]
    assert found, f"no mention {text!r} in {[m.entity_text for m in doc._.cq_mentions]}"
    return found[0]


def countries(entities) -> list[str | None]:
    return [e.country for e in entities]


# -- sentences ---------------------------------------------------------------------------
def test_paragraph_break_ends_a_sentence(parse):
    doc, _ = run(parse, "The talks covered trade and energy and so on\n\nMinisters then left for Geneva.")
    starts = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert starts[1].startswith("Ministers")


# -- actors ------------------------------------------------------------------------------
def test_title_before_name_gives_person_office_country(parse):
    doc, _ = run(parse, "Minister of Foreign Affairs of Portugal João Cravinho arrived in Praia.")
    m = next(m for m in doc._.cq_mentions if m.kind == "person")
    assert m.name == "João Cravinho"
    assert m.country == "PRT"
    assert m.office.startswith("Minister of Foreign Affairs")
    assert m.sector == "GOV"


def test_institution_officials_belong_to_their_body(parse):
    doc, _ = run(parse, "President of the European Council Charles Michel visited Chile.")
    m = next(m for m in doc._.cq_mentions if m.kind == "person")
    assert (m.name, m.country) == ("Charles Michel", "EU")


def test_surname_resolves_to_full_name(parse):
    doc, _ = run(parse, "Foreign Minister of Finland Elina Valtonen met reporters. Valtonen later left.")
    later = [m for m in doc._.cq_mentions if m.entity_text == "Valtonen"]
    assert later and later[0].name == "Elina Valtonen" and later[0].country == "FIN"


def test_description_resolves_to_office_holder(parse):
    text = (
        "Minister of Foreign Affairs of Portugal João Cravinho flew to Praia on Monday. "
        "Prime Minister of Cabo Verde Ulisses Correia e Silva received the Portuguese top diplomat."
    )
    doc, _events = run(parse, text)
    described = [m for m in doc._.cq_mentions if m.source == "description"]
    assert described and described[0].name == "João Cravinho"


def test_demonym_needs_an_actor_noun(parse):
    doc, _ = run(parse, "The Kazakh side praised the Kazakh economy.")
    groups = [m for m in doc._.cq_mentions if m.country == "KAZ"]
    assert len(groups) == 1 and groups[0].sector == "GOV"


def test_capital_is_an_actor_as_subject_but_a_place_after_in(parse):
    doc, _ = run(parse, "Washington condemned the attack. The envoys met in Moscow.")
    texts = [m.entity_text for m in doc._.cq_mentions]
    assert "Washington" in texts and "Moscow" not in texts


def test_pronoun_takes_the_last_person(parse):
    doc, _ = run(parse, "President of Chile Gabriel Boric visited Finland. He praised Finland.")
    he = [m for m in doc._.cq_mentions if m.source == "pronoun"]
    assert he and he[0].name == "Gabriel Boric"


# -- triggers, roles ---------------------------------------------------------------------
def test_visit_with_light_verb(parse):
    _, events = run(parse, "Prime Minister of Japan Fumio Kishida paid a state visit to Vietnam.")
    (ev,) = events
    assert (ev.event, ev.cameo, ev.mode) == ("CONSULT", "042", "visit")
    assert countries(ev.actor) == ["JPN"] and countries(ev.recipient) == ["VNM"]
    assert ev.event_text == "paid a state visit"


def test_meet_with(parse):
    _, events = run(parse, "Chancellor of Germany Olaf Scholz met with President of France Emmanuel Macron.")
    (ev,) = events
    assert ev.event == "CONSULT" and countries(ev.actor) == ["DEU"] and countries(ev.recipient) == ["FRA"]


def test_phone_call_is_041(parse):
    _, events = run(
        parse, "President of Kenya William Ruto spoke by phone with President of Ghana John Mahama."
    )
    assert [e.cameo for e in events] == ["041"]


def test_call_on_is_a_request_not_a_phone_call(parse):
    _, events = run(parse, "The European Union called on Serbia to respect the ruling.")
    (ev,) = events
    assert ev.event == "REQUEST" and countries(ev.recipient) == ["SRB"]


def test_passive_voice_swaps_roles(parse):
    _, events = run(parse, "Georgia was criticised by the European Union on Monday.")
    (ev,) = events
    assert ev.event == "ACCUSE" and countries(ev.actor) == ["EU"] and countries(ev.recipient) == ["GEO"]


def test_joint_signing_needs_no_recipient(parse):
    _, events = run(parse, "Chile and Finland signed a memorandum on green hydrogen in Dubai.")
    (ev,) = events
    assert ev.cameo == "057" and sorted(countries(ev.actor)) == ["CHL", "FIN"] and ev.recipient == ()


def test_sign_without_an_agreement_is_no_event(parse):
    _, events = run(parse, "President of Brazil Lula da Silva signed a decree on Monday.")
    assert events == ()


def test_sanctions_on(parse):
    _, events = run(parse, "The United States imposed sanctions on Nicaragua on Tuesday.")
    (ev,) = events
    assert ev.event == "SANCTION" and countries(ev.actor) == ["USA"] and countries(ev.recipient) == ["NIC"]


def test_trigger_without_actor_is_explained(parse):
    doc, events = run(parse, "The talks were long.")
    assert events == ()
    assert doc._.cq_events and doc._.cq_events[0].reason.startswith("no actor")


# -- modality ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Azerbaijan has not signed the peace agreement with Armenia.", "negated"),
        ("President of France Emmanuel Macron will visit India next month.", "future"),
        ("Israel could sign an agreement with Saudi Arabia.", "hypothetical"),
        ("Canada plans to visit Chile.", "future"),
    ],
)
def test_modality(parse, text, modality):
    _, events = run(parse, text)
    assert events and events[-1].modality == modality


def test_a_refusal_is_one_reject_not_a_negated_signing(parse):
    doc, events = run(parse, "Mexico refused to sign the agreement with Spain.")
    assert [(e.event, e.modality) for e in events] == [("REJECT", "asserted")]
    signing = [f for f in doc._.cq_events if f.cameo == "057"]
    assert signing and signing[0].modality == "negated" and "content of 'refused'" in signing[0].reason


# -- dates -------------------------------------------------------------------------------
def test_relative_weekday_uses_the_article_date(parse):
    _, events = run(parse, "On Tuesday, Japan hosted Brazil.", date=dt.date(2024, 2, 15))
    (ev,) = events
    assert (ev.date, ev.date_basis) == ("2024-02-13", "text")


def test_date_range_gives_enddate(parse):
    _, events = run(parse, "On 14-15 March, Kenya hosted Uganda.", date=dt.date(2024, 3, 20))
    (ev,) = events
    assert (ev.date, ev.enddate) == ("2024-03-14", "2024-03-15")


def test_no_date_in_sentence_falls_back_to_the_article(parse):
    _, events = run(parse, "Kenya hosted Uganda.", date=dt.date(2024, 3, 20))
    (ev,) = events
    assert (ev.date, ev.date_basis) == ("2024-03-20", "article")


def test_undated_article_infers_its_date_from_the_text(parse):
    text = "On 4 July 2024 Kenya praised Uganda.\n\nKenya later criticised Somalia."
    _, events = run(parse, text, date=None)
    assert [e.date for e in events] == ["2024-07-04", "2024-07-04"]
    assert [e.date_basis for e in events] == ["text", "inferred"]


def test_undated_report_continues_the_dated_one_in_its_paragraph(parse):
    text = "On Tuesday Kenya praised Uganda. Kenya thanked Uganda.\n\nKenya also criticised Somalia."
    _, events = run(parse, text, date=dt.date(2024, 2, 15))
    assert [e.date for e in events] == ["2024-02-13", "2024-02-13", "2024-02-15"]
    assert [e.date_basis for e in events] == ["text", "text", "article"]


def test_a_story_opening_with_a_dated_visit_dates_what_happened_during_it(parse):
    text = "On Tuesday Kenya hosted Uganda.\n\nDuring the visit Kenya praised Uganda."
    _, events = run(parse, text, date=dt.date(2024, 2, 15))
    assert [e.date for e in events] == ["2024-02-13", "2024-02-13"]


def test_old_dated_event_is_historical(parse):
    _, events = run(
        parse, "Uzbekistan recognized the independence of Pakistan in 1992.", date=dt.date(2024, 7, 4)
    )
    assert events and events[0].modality == "historical"


# -- places, topics ----------------------------------------------------------------------
def test_place_resolves_through_the_gazetteer(parse):
    _, events = run(parse, "Chile and Finland signed an agreement in Dubai.")
    (ev,) = events
    assert ev.event_loc is not None and ev.event_loc.country_code == "ARE"


def test_topics_come_from_the_sentence(parse):
    _, events = run(parse, "Kenya held talks with Uganda on trade and energy security.")
    (ev,) = events
    assert {"trade", "energy", "security"} <= set(ev.topics)
    assert "economic" in ev.context


# -- convert -----------------------------------------------------------------------------
def test_event_ids_are_stable_and_offsets_point_at_the_sentence(parse):
    text = "Kenya hosted Uganda. Japan hosted Brazil."
    _, first = run(parse, text)
    _, second = run(parse, text)
    assert [e.id for e in first] == [e.id for e in second]
    assert len({e.id for e in first}) == 2
    for ev in first:
        assert text[ev.start : ev.end].strip() == ev.text


# -- discourse ---------------------------------------------------------------------------
def test_received_by_a_named_host_is_hosting(parse):
    text = (
        "President of Ghana John Mahama visited Kenya. "
        "Mahama was received by President of Kenya William Ruto."
    )
    _, events = run(parse, text)
    hosted = [e for e in events if e.cameo == "043"]
    assert hosted and countries(hosted[0].actor) == ["KEN"] and countries(hosted[0].recipient) == ["GHA"]


def test_rejecting_the_accusations_answers_the_accuser(parse):
    text = (
        "The United States accused Venezuela of fraud. The government of Venezuela rejected the accusations."
    )
    _, events = run(parse, text)
    rejected = [e for e in events if e.event == "REJECT"]
    assert rejected and countries(rejected[0].recipient) == ["USA"]


def test_the_two_ministers_are_the_people_who_met(parse):
    text = (
        "Minister of Foreign Affairs of Peru Elmer Schialer met with Minister of Foreign Affairs of Chile "
        "Alberto van Klaveren. Chile thanked Peru. The two ministers agreed to cooperate on migration."
    )
    _, events = run(parse, text)
    agreed = [e for e in events if e.event == "AGREE"]
    assert agreed and {a.kind for a in agreed[0].actor} == {"person"}
    assert sorted(countries(agreed[0].actor)) == ["CHL", "PER"]


def test_a_people_can_act(parse):
    _, events = run(parse, "Palestinians blamed Israel for the attack.")
    (ev,) = events
    assert ev.event == "ACCUSE" and countries(ev.actor) == ["PSE"] and ev.actor[0].sector == "CVL"


def test_a_rejection_needs_no_named_other_side(parse):
    _, events = run(parse, "Russia rejected the proposal on Monday.")
    (ev,) = events
    assert ev.event == "REJECT" and countries(ev.actor) == ["RUS"] and ev.recipient == ()


def test_praise_still_needs_someone_praised(parse):
    doc, events = run(parse, "Russia praised the weather.")
    assert events == ()
    assert doc._.cq_events[0].reason.startswith("no recipient")


def test_a_stance_with_be_and_its_other_side(parse):
    _, events = run(parse, "Armenia is ready to sign the agreement with Azerbaijan.")
    ready = [e for e in events if e.event == "AGREE"]
    assert ready and countries(ready[0].actor) == ["ARM"] and countries(ready[0].recipient) == ["AZE"]
    # PLOVER: the planned signing is the content of the stated intent, one AGREE event.
    assert [e.event for e in events] == ["AGREE"]


def test_a_list_with_a_serial_comma_acts_jointly(parse):
    _, events = run(parse, "The US, Russia, and Switzerland met in Geneva on Monday.")
    (ev,) = events
    assert sorted(countries(ev.actor)) == ["CHE", "RUS", "USA"]


def test_an_untargeted_threat_keeps_the_actors_last_target(parse):
    text = "China condemned the United States on Monday. China would take resolute measures."
    _, events = run(parse, text)
    threat = [e for e in events if e.event == "THREATEN"]
    assert threat and countries(threat[0].recipient) == ["USA"]


def test_a_seat_city_stands_for_its_body_only_when_the_text_is_about_the_body(parse):
    _, about_eu = run(parse, "The European Union called on Serbia to act. Brussels also criticized Serbia.")
    assert [countries(e.actor) for e in about_eu] == [["EU"], ["EU"]]
    _, about_belgium = run(parse, "Belgium hosted Serbia. Brussels also criticized Serbia.")
    assert [countries(e.actor) for e in about_belgium] == [["BEL"], ["BEL"]]


def test_the_union_in_a_title_is_the_union_the_article_names(parse):
    text = (
        "The European Union urged Serbia to act. High Representative of the Union for Foreign Affairs "
        "and Security Policy Kaja Kallas will visit Serbia next month."
    )
    doc, _ = run(parse, text)
    kallas = next(m for m in doc._.cq_mentions if m.name == "Kaja Kallas")
    assert kallas.country == "EU"
    # A name the people knowledge base does not know, so only the text could tell.
    doc, _ = run(parse, "High Representative of the Union Anna Vesterlund will visit Serbia next month.")
    assert next(m for m in doc._.cq_mentions if m.name == "Anna Vesterlund").country is None
