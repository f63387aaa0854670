"""Where events happened: the places component through the real pipeline."""

from __future__ import annotations

import datetime

from communique.model import Article


def _events(extractor, text: str):
    return extractor.extract(Article(id="p", text=text, date=datetime.date(2023, 5, 2))).events


def test_a_signing_takes_the_city_of_its_clause(extractor) -> None:
    (event,) = [
        e
        for e in _events(
            extractor, "Kazakhstan and the European Union signed a memorandum in Sharm el-Sheikh."
        )
        if e.cameo == "057"
    ]
    assert event.event_loc is not None and event.event_loc.country_code == "EGY"
    assert event.event_loc.geonameid and event.event_loc.lat is not None


def test_a_visit_takes_its_destination(extractor) -> None:
    events = _events(extractor, "Russian President Vladimir Putin paid a working visit to Turkey.")
    visits = [e for e in events if e.cameo == "042"]
    assert visits and visits[0].event_loc is not None and visits[0].event_loc.country_code == "TUR"


def test_a_phone_call_has_no_place(extractor) -> None:
    events = _events(
        extractor,
        "President of France Emmanuel Macron held a telephone conversation with "
        "Chancellor Olaf Scholz of Germany in Paris.",
    )
    calls = [e for e in events if e.cameo == "041"]
    assert calls and all(e.event_loc is None for e in calls)


def test_a_condemnation_is_not_located_where_its_object_is(extractor) -> None:
    events = _events(extractor, "The United Kingdom condemned the attacks in Syria.")
    assert events and all(e.event_loc is None for e in events)


def test_cities_of_one_name_are_told_apart_by_the_article(extractor) -> None:
    gazetteer = extractor.codebook.gazetteer
    assert gazetteer.lookup("Paris").country_iso3 == "FRA"
    assert gazetteer.lookup("Paris", prefer={"USA"}).country_iso3 == "USA"
    assert gazetteer.lookup("the White House").country_iso3 == "USA"
