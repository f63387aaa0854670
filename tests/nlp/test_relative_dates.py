"""Events dated by relative expressions with spelled counts, on the real pipeline.
Sentences written for these tests; the article date is Thursday 2024-03-14."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "date", "enddate"),
    [
        ("The Chilean foreign minister visited Peru three days ago.", "2024-03-11", None),
        ("The Chilean foreign minister visited Peru 3 days ago.", "2024-03-11", None),
        ("The Chilean foreign minister visited Peru the day before.", "2024-03-13", None),
        ("The Chilean foreign minister visited Peru two weeks ago.", "2024-02-25", "2024-03-02"),
    ],
)
def test_relative_dates_with_spelled_counts(parse, text: str, date: str, enddate: str | None) -> None:
    _, result = parse(text)
    (event,) = result.events
    assert (event.date, event.enddate, event.date_basis) == (date, enddate, "text")
