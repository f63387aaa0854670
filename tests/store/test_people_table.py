"""The store's ``people`` table: people learned from the text, widened on each sighting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from communique.model import LearnedPerson
from communique.store import open_store


def test_learned_people_are_kept_and_widened(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    first = LearnedPerson(
        "Anna Vesterlund",
        "SWE",
        "Prime Minister",
        "GOV",
        dt.date(2023, 1, 5),
        dt.date(2023, 1, 5),
        "a1",
        "Prime Minister Anna Vesterlund of Sweden said.",
    )
    later = LearnedPerson(
        "Anna Vesterlund",
        "SWE",
        "Prime Minister",
        "GOV",
        dt.date(2023, 3, 1),
        dt.date(2023, 3, 1),
        "a2",
        "Another sentence.",
    )
    earlier = LearnedPerson(
        "Anna Vesterlund", "SWE", None, "GOV", dt.date(2022, 12, 1), dt.date(2022, 12, 1), "a0", None
    )
    with open_store(url) as store:
        assert store.save_people([first]) == 1
        store.save_people([later, earlier])
    with open_store(url, create=False) as store:
        (row,) = store.people(name="vesterlund")
    assert (row.first_seen, row.last_seen) == (dt.date(2022, 12, 1), dt.date(2023, 3, 1))
    assert row.evidence == first.evidence and row.article_id == "a1" and row.office == "Prime Minister"
