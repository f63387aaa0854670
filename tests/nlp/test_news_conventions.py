"""Conventions of news and readout prose found on a fresh, self-coded check set of real
articles (issue 7I), tested on sentences written for these tests: a schedule told in the
simple present, parties who act separately, attitudes voiced
in talks, appeals made with "should", and acts recalled by an anniversary."""

from __future__ import annotations


def coded(result) -> list[tuple[str, tuple, tuple, str | None, str]]:
    return [
        (
            e.event,
            tuple(a.country for a in e.actor),
            tuple(r.country for r in e.recipient),
            e.date,
            e.modality,
        )
        for e in result.events
    ]


def test_a_simple_present_with_a_weekday_is_a_schedule(parse) -> None:
    # The article date is Thursday 2024-03-14: "meet Monday" is the coming Monday, planned.
    _, planned = parse("The Chilean foreign minister meets Monday with the Peruvian president.")
    _, held = parse("The Chilean foreign minister met Monday with the Peruvian president.")
    assert coded(planned) == [("AGREE", ("CHL",), ("PER",), "2024-03-18", "future")]
    assert coded(held) == [("CONSULT", ("CHL",), ("PER",), "2024-03-11", "asserted")]


def test_a_report_after_a_schedule_keeps_the_article_date(parse) -> None:
    _, result = parse(
        "The Chilean foreign minister meets Monday with the Peruvian president. "
        "The Chilean minister called on Peru to reopen the border."
    )
    assert ("REQUEST", ("CHL",), ("PER",), "2024-03-14", "asserted") in coded(result)


def test_parties_who_meet_separately_hold_separate_meetings(parse) -> None:
    _, result = parse(
        "The Chilean and Bolivian foreign ministers meet separately Monday with the Peruvian president."
    )
    assert coded(result) == [
        ("AGREE", ("CHL",), ("PER",), "2024-03-18", "future"),
        ("AGREE", ("BOL",), ("PER",), "2024-03-18", "future"),
    ]
    _, visits = parse("The Chilean foreign minister met separately with the presidents of Peru and Bolivia.")
    assert [r for _, _, r, _, _ in coded(visits)] == [("PER",), ("BOL",)]


def test_separately_set_off_by_a_comma_means_in_addition(parse) -> None:
    _, result = parse(
        "The Chilean and Bolivian ministers met the Peruvian president on Monday. "
        "Separately, they discussed the border with the Argentine envoy."
    )
    assert [(a, r) for _, a, r, _, _ in coded(result)] == [
        (("CHL", "BOL"), ("PER",)),
        (("CHL", "BOL"), ("ARG",)),
    ]


def test_concerns_voiced_in_talks_criticise_whose_acts_they_are_about(parse) -> None:
    _, result = parse("The Chilean minister discussed concerns over Peru's dangerous actions at sea.")
    assert [(e.event, e.cameo) for e in result.events] == [("ACCUSE", "111")]
    assert coded(result)[0][1:3] == (("CHL",), ("PER",))
    _, expressed = parse("The Chilean minister expressed concern over Peruvian raids.")
    assert coded(expressed)[0][:3] == ("ACCUSE", ("CHL",), ("PER",))
    _, talks = parse(
        "The Chilean and Peruvian presidents discussed concerns over the situation in the region."
    )
    assert [e.event for e in talks.events] == ["CONSULT"]


def test_a_stated_interest_or_desire_to_develop_ties_is_an_intent_to_cooperate(parse) -> None:
    _, interest = parse(
        "The presidents of Chile and Peru confirmed their mutual interest in the further development of ties."
    )
    _, desire = parse(
        "The Chilean and Peruvian ministers reaffirmed their desire to maintain this channel of contact."
    )
    assert coded(interest) == [("AGREE", ("CHL", "PER"), (), "2024-03-14", "asserted")]
    assert coded(desire) == [("AGREE", ("CHL", "PER"), (), "2024-03-14", "asserted")]


def test_acceding_to_an_alliance_is_joining_it(parse) -> None:
    _, result = parse("Bolivia acceded to NATO on Friday.")
    assert [(e.event, e.cameo) for e in result.events] == [("SUPPORT", "057")]
    assert coded(result)[0][1:3] == (("BOL",), ("NATO",))


def test_an_act_recalled_by_an_anniversary_is_no_event(parse) -> None:
    _, result = parse(
        "The visit marks the 25th anniversary of the establishment of diplomatic relations "
        "between Chile and Peru."
    )
    assert not [e for e in result.events if e.cameo == "054"]


def test_saying_a_named_state_should_act_is_an_appeal_to_it(parse) -> None:
    _, appeal = parse("The Chilean minister said Peru should reopen the border.")
    assert [(e.event, e.cameo) for e in appeal.events] == [("REQUEST", "020")]
    assert coded(appeal)[0][1:3] == (("CHL",), ("PER",))
    for sentence in (
        "The Chilean minister said the talks should continue.",
        "The Chilean minister said Peru should have no problems repaying its debt.",
        "The Chilean minister said Peru should have been the first to reopen the border.",
        "The Chilean minister said Chile should reopen the border.",  # advice to one's own state
    ):
        _, none = parse(sentence)
        assert "REQUEST" not in [e.event for e in none.events], sentence


def test_a_phrase_fronted_before_the_subject_is_the_setting_not_the_object(parse) -> None:
    # The verb dictionary's "suggest + conference" and "tell + message" patterns read only the
    # verb's own phrase, not "At a news conference ..., X suggested" or "In a message, X told".
    _, suggested = parse(
        "At a news conference with the Peruvian president in Lima, "
        "the Chilean minister suggested Chile might be willing to move a little."
    )
    assert "REQUEST" not in [e.event for e in suggested.events]
    _, told = parse(
        "In a televised message, the Chilean minister told Peruvian fishermen that the border would reopen."
    )
    assert not told.events
