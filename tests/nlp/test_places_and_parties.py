"""Where an act happened is not who took part in it; a delegation's visit has a host
(sentences written for these tests)."""

from __future__ import annotations

import pytest


def events(parse, text: str) -> list[tuple[str, str, list[str | None], list[str | None], str | None]]:
    _, result = parse(text)
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


def test_a_place_in_what_was_signed_is_the_venue_not_a_party(parse) -> None:
    coded = events(parse, "Chile and Peru signed a trade agreement in Bolivia on Monday.")
    assert [(e[0], sorted(e[2]), e[3]) for e in coded] == [("SUPPORT", ["CHL", "PER"], [])]


def test_a_place_in_what_was_discussed_is_a_topic_not_a_party(parse) -> None:
    coded = events(
        parse, "Chile's foreign minister met Peru's president to discuss the situation in Bolivia."
    )
    assert coded and all("BOL" not in e[3] for e in coded)
    assert all(e[4] != "BOL" for e in coded), "a topic's place is not where the meeting was held"


def test_a_condemned_attack_still_aims_at_its_place(parse) -> None:
    coded = events(parse, "Chile condemned the bombing of hospitals in Bolivia.")
    assert [(e[0], e[3]) for e in coded] == [("ACCUSE", ["BOL"])]


@pytest.mark.parametrize(
    "text",
    [
        "Chile's foreign minister led a delegation to Peru on Monday.",
        "On Monday the Chilean envoy Ana Soto led a Chilean delegation to a conference in Lima.",
    ],
)
def test_leading_a_delegation_somewhere_is_a_visit_to_its_host(parse, text: str) -> None:
    coded = events(parse, text)
    assert [(e[0], e[1], e[2], e[3]) for e in coded] == [("CONSULT", "042", ["CHL"], ["PER"])]


def test_leading_something_else_is_no_visit(parse) -> None:
    assert events(parse, "The Chilean coach led the team to victory in Lima.") == []


def test_a_meeting_placed_nowhere_with_the_datelines_country_is_held_there(parse) -> None:
    text = "LIMA, March 14 (Wire) - Chile's foreign minister met Peru's police chiefs on Monday."
    assert [(e[0], e[3], e[4]) for e in events(parse, text)] == [("CONSULT", ["PER"], "PER")]


def test_a_meeting_with_another_country_than_the_datelines_is_not_placed_there(parse) -> None:
    text = "LIMA, March 14 (Wire) - Chile's foreign minister met Bolivia's police chiefs on Monday."
    assert [(e[0], e[3], e[4]) for e in events(parse, text)] == [("CONSULT", ["BOL"], None)]
