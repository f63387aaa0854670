"""A bare weekday dates an event by the tense of its clause, on sentences written for these tests
(the article date is the folder's ARTICLE_DATE, a Thursday: 2024-03-14)."""

from __future__ import annotations

import pytest


def event_dates(parse, text: str) -> list[tuple[str, str | None]]:
    _, result = parse(text)
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
def test_weekday_follows_the_tense_of_the_event(parse, text: str, expected: str) -> None:
    dates = event_dates(parse, text)
    assert dates, f"no event coded in {text!r}"
    assert dates[0][1] == expected


def test_a_date_after_a_list_of_names_still_dates_the_clause(parse) -> None:
    """The parser hangs "on Monday" on the last listed name; a list does not end the clause."""
    dates = event_dates(
        parse, "Chile's envoy held meetings with officials from Peru, Bolivia and Ecuador on Monday."
    )
    assert len(dates) == 3
    assert {d for _, d in dates} == {"2024-03-11"}


def test_a_when_clause_retelling_an_earlier_event_takes_its_date(parse) -> None:
    """ "When the talks collapsed" retells "the talks collapsed last month": the act it frames
    happened then, not on the article's day."""
    text = (
        "The fisheries talks in Lima collapsed last month after ten days of bargaining.\n\n"
        "Delegates expect no progress this week.\n\n"
        "When the talks collapsed, Chile accused Peru of sabotaging the negotiations."
    )
    dates = event_dates(parse, text)
    assert ("ACCUSE", "2024-02") in dates, dates
    # Without the earlier telling, the "when" clause carries no date of its own.
    alone = event_dates(parse, text.split("\n\n")[-1])
    assert ("ACCUSE", "2024-03-14") in alone, alone


def test_a_past_act_reported_on_a_day_takes_the_day_of_the_report(parse) -> None:
    """ "said on Tuesday that it had accused": the act took place by the day of the report;
    a planned one ("will sign") keeps its own time."""
    reported = event_dates(
        parse, "The Chilean president said on Tuesday that his government had accused Peru of spying."
    )
    assert reported == [("ACCUSE", "2024-03-12")]
    planned = event_dates(parse, "Chile said on Tuesday that it will sign a trade agreement with Peru.")
    assert planned and all(date == "2024-03-14" for _, date in planned)


def test_a_dated_act_with_no_actor_does_not_date_the_next_sentences(parse) -> None:
    """ "A convoy was attacked on Monday" names nobody who acted: it is no step of the story
    that a later undated report in the paragraph continues; that report keeps the paper's date."""
    text = "A relief convoy was attacked near the border on Monday. Norway strongly condemned Sudan."
    dates = event_dates(parse, text)
    assert ("ACCUSE", "2024-03-14") in dates


def test_a_dated_report_with_a_known_actor_still_dates_the_next_sentences(parse) -> None:
    text = "Chile's foreign minister met on Monday with a visiting envoy. Chile praised Peru for its help."
    dates = event_dates(parse, text)
    assert ("SUPPORT", "2024-03-11") in dates


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ("Chile condemned Bolivia.", "2024-03-11"),  # the next step of Monday's story
        ("Chile has condemned Bolivia.", "2024-03-14"),  # the state at the time of writing
        ("Chile strongly condemns Bolivia.", "2024-03-14"),
        ("Chile said it rejects Bolivia's claim.", "2024-03-11"),  # a present inside a past report
    ],
)
def test_a_report_in_the_present_or_present_perfect_is_not_a_step_of_the_dated_story(
    parse, second: str, expected: str
) -> None:
    text = "On Monday, Chile's foreign minister met Peru's foreign minister in Lima. " + second
    dates = event_dates(parse, text)
    assert dates[0] == ("CONSULT", "2024-03-11")
    assert dates[1][1] == expected
