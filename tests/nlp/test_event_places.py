"""Where events happened: the places component through the real pipeline."""

from __future__ import annotations

import datetime

import pytest

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


def _places(
    extractor, text: str, date: datetime.date | None = datetime.date(2023, 5, 2)
) -> dict[str, str | None]:
    events = extractor.extract(Article(id="p", text=text, date=date)).events
    return {e.event_text.split()[-1]: e.event_loc.country_code if e.event_loc else None for e in events}


def test_an_occasion_held_in_a_city_gives_the_place(extractor) -> None:
    text = (
        "Kazakhstan, Kyrgyzstan and Tajikistan formally joined the treaty at a ceremony held in "
        "the city of Lyon, France."
    )
    assert _places(extractor, text)["joined"] == "FRA"


def test_on_the_margins_of_a_gathering_is_at_its_seat(extractor) -> None:
    text = (
        "Kazakh President Tokayev met Mongolian President Khurelsukh on the margins of the "
        "United Nations General Assembly."
    )
    assert _places(extractor, text)["met"] == "USA"


def test_here_is_the_dateline_city(extractor) -> None:
    text = (
        "MOSCOW, March 12 (Xinhua) -- Russian President Vladimir Putin met Chinese President "
        "Xi Jinping here on Tuesday."
    )
    assert _places(extractor, text)["met"] == "RUS"
    assert _places(extractor, text.split("-- ")[1])["met"] is None  # no dateline: "here" is nowhere known


def test_a_meeting_where_a_conference_was_held(extractor) -> None:
    text = (
        "Kazakh President Tokayev travelled to a conference in Tashkent, Uzbekistan, where he met "
        "Afghan President Ashraf Ghani."
    )
    assert _places(extractor, text)["met"] == "UZB"


def test_talks_reported_before_the_located_summit_take_its_place(extractor) -> None:
    text = (
        "Prime Minister Theresa May and President Emmanuel Macron discussed co-operation on "
        "counter-terrorism and migration. Prime Minister Theresa May and President Emmanuel Macron "
        "met on 4 May 2023 for the "
        "annual UK-France Summit at Amiens in France."
    )
    assert _places(extractor, text, None) == {"discussed": "FRA", "met": "FRA"}


@pytest.mark.parametrize(
    ("text", "trigger", "country"),
    [
        # untagged by the NER; the parser makes "capital" the verb's object
        (
            "President Cyril Ramaphosa of South Africa toured Zambian capital Lusaka Thursday "
            "and met President Hakainde Hichilema.",
            "toured",
            "ZMB",
        ),
        ("The envoy of Kazakhstan toured the port city of Ouagadougou.", "toured", "BFA"),
        # the NER calls it a PERSON
        (
            "The Sultan of Brunei welcomed Prime Minister Anthony Albanese of Australia, "
            "who arrived at Bandar Seri Begawan on Monday.",
            "arrived",
            "BRN",
        ),
        # the NER calls it an ORG
        ("Kenyan President William Ruto visited the Zambian capital Lusaka on Thursday.", "visited", "ZMB"),
        # a university is no town
        (
            "Secretary of State John Kerry met Foreign Minister Sergey Lavrov of Russia "
            "at Harvard University.",
            "met",
            None,
        ),
    ],
)
def test_a_place_the_ner_missed_or_mislabelled(
    extractor, text: str, trigger: str, country: str | None
) -> None:
    """A proper-noun run the NER left untagged, or called a PERSON or ORG, is a place
    when GeoNames knows the name and "in/at/to" (multi-word names) or a settlement noun
    stands before it; the settlement noun the parser made the verb's object stands for it."""
    assert _places(extractor, text)[trigger] == country


def test_untagged_words_without_evidence_or_inside_names_are_no_places(extractor) -> None:
    text = (
        "Secretary of State Antony Blinken met the senator at the Conference on Security "
        "Measures in Asia. Sen. Smith spoke in Congress. TALKS IN OTTAWA ended. "
        "They pray to God. The terms are set out in Annex."
    )
    doc = extractor.nlp(text)
    assert {p.text for p in doc._.cq_places if p.country} == set()
    lusaka = extractor.nlp("The envoy toured Zambian capital Lusaka Thursday.")
    assert [(p.text, p.country) for p in lusaka._.cq_places] == [("Lusaka", "ZMB")]
    gazetteer = extractor.codebook.gazetteer
    assert gazetteer.lookup("Asia") is None and gazetteer.lookup("Africa") is None  # continents
    assert gazetteer.lookup("Sen.", alternates=False) is None


def test_what_a_visit_verb_takes_is_a_place_though_the_ner_calls_it_a_person(extractor) -> None:
    text = (
        "Chinese President Xi Jinping visited Nur-Sultan on Wednesday for talks with "
        "President Kassym-Jomart Tokayev."
    )
    assert _places(extractor, text)["visited"] == "KAZ"  # an older name of Astana, tagged PERSON
    # A person the text names is visited, not a place.
    text = "The Turkish foreign minister visited Smith on Monday."
    assert _places(extractor, text).get("visited") is None


def test_an_act_that_names_its_own_place_does_not_take_the_trips(extractor) -> None:
    text = (
        "The Secretary of State arrived in Jordan on Sunday just before leaving Israel, "
        "where he met Prime Minister Benjamin Netanyahu."
    )
    places = _places(extractor, text)
    assert places["arrived"] == "JOR"
    assert places.get("leaving") != "JOR"


def test_talks_about_a_country_during_a_trip_take_the_trips_place(extractor) -> None:
    text = (
        "President Emmanuel Macron arrived in Astana on Monday. President Emmanuel Macron "
        "and President Kassym-Jomart Tokayev discussed Ukraine on Monday."
    )
    places = _places(extractor, text)
    assert places["arrived"] == "KAZ" and places["discussed"] == "KAZ"


def test_a_meeting_during_a_trip_is_at_its_destination_not_where_the_subject_serves(extractor) -> None:
    # "The US envoy in Iraq": where the subject serves is not where the talks were.
    text = "The US envoy in Iraq, Zalmay Khalilzad, met President Michel Suleiman during a visit to Beirut."
    placed = [(e.cameo, e.event_loc and e.event_loc.resolved_place) for e in _events(extractor, text)]
    assert [p for p in placed if p[0].startswith("04")] == [("040", "Beirut")]


def test_talks_or_a_meeting_in_no_party_s_country_are_a_meeting_at_a_third_location(extractor) -> None:
    """CAMEO 044 for talks (046) as for a meeting (040) held where neither side is at home,
    and a meeting and its talks there stay one event (same_acts.tsv)."""
    (talks,) = _events(extractor, "Chile and Peru held talks in Geneva on Monday.")
    assert (talks.cameo, talks.mode, talks.event_loc.country_code) == ("044", "third-party", "CHE")
    at_home = _events(extractor, "Chile and Peru held talks in Lima on Monday.")
    assert [e.cameo for e in at_home] == ["046"]
    both = _events(
        extractor,
        "President Gabriel Boric of Chile met President Dina Boluarte of Peru in Geneva on Monday. "
        "The two presidents held talks on trade and energy.",
    )
    assert [(e.event, e.cameo, e.mentions) for e in both] == [("CONSULT", "044", 2)]
