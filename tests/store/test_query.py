"""Each filter of Store.events(), alone and combined."""

from __future__ import annotations

import types

import pytest

from communique.errors import ConfigError
from communique.model import ArticleResult
from communique.store import Store


def _ids(store: Store, **filters: object) -> list[str]:
    return [ev.id for ev in store.events(**filters)]  # type: ignore[arg-type]


def test_no_filter_returns_everything(filled: Store) -> None:
    assert len(_ids(filled)) == 5


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("borrell", ["a1-ev1"]),  # name, case-insensitive substring
        ("HEAD OF EU", ["a1-ev1"]),  # entity_text
        ("kazakh", ["a1-ev2", "a1-ev1"]),  # as actor (ev2) and as recipient (ev1)
        ("ministers", ["b1-ev2"]),  # entity without a name
        ("russia", ["c1-ev1", "b1-ev1"]),
        ("%", []),  # LIKE wildcards are literal
        ("_", []),
    ],
)
def test_actor_filter(filled: Store, actor: str, expected: list[str]) -> None:
    assert _ids(filled, actor=actor) == expected


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("KAZ", ["a1-ev2", "a1-ev1"]),
        ("eu", ["a1-ev2", "a1-ev1"]),  # IGO code, any case; Borrell is EU too
        ("UKR", ["b1-ev1"]),  # recipient only
        ("FRA", []),
    ],
)
def test_country_filter(filled: Store, country: str, expected: list[str]) -> None:
    assert _ids(filled, country=country) == expected


def test_event_filter(filled: Store) -> None:
    assert _ids(filled, event="CONSULT") == ["a1-ev1", "b1-ev2"]
    assert _ids(filled, event="agree") == ["a1-ev2"]


def test_modality_filter(filled: Store) -> None:
    assert _ids(filled, modality="negated") == ["b1-ev1"]
    assert _ids(filled, modality="future") == ["a1-ev2"]
    assert len(_ids(filled, modality="asserted")) == 3


def test_article_filter(filled: Store) -> None:
    assert _ids(filled, article="b1") == ["b1-ev1", "b1-ev2"]
    assert _ids(filled, article="nope") == []


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        ("2022-11-01", ["a1-ev2", "a1-ev1"]),  # "2022-11" counts as 2022-11-01
        ("2022-11-02", ["a1-ev1"]),
        ("2022-11", ["a1-ev2", "a1-ev1"]),
        ("2022-10-27", ["b1-ev1", "a1-ev2", "a1-ev1"]),  # range 10-26..10-27 overlaps
        ("2022-10-28", ["a1-ev2", "a1-ev1"]),
        ("2021", ["c1-ev1", "b1-ev1", "a1-ev2", "a1-ev1"]),
        ("2023", []),
    ],
)
def test_since_filter(filled: Store, since: str, expected: list[str]) -> None:
    assert _ids(filled, since=since) == expected


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        ("2022-10-31", ["c1-ev1", "b1-ev1"]),
        ("2022-11-01", ["c1-ev1", "b1-ev1", "a1-ev2"]),
        ("2022-11", ["c1-ev1", "b1-ev1", "a1-ev2", "a1-ev1"]),  # the whole of November
        ("2021-01-01", ["c1-ev1"]),  # "2021" counts as 2021-01-01
        ("2020", []),
    ],
)
def test_until_filter(filled: Store, until: str, expected: list[str]) -> None:
    assert _ids(filled, until=until) == expected


def test_since_and_until_together(filled: Store) -> None:
    assert _ids(filled, since="2022-11", until="2022-11") == ["a1-ev2", "a1-ev1"]
    assert _ids(filled, since="2022-11-07", until="2022-11-07") == ["a1-ev1"]


def test_combined_filters_and_limit(filled: Store) -> None:
    assert _ids(filled, actor="kazakhstan", event="CONSULT") == ["a1-ev1"]
    assert _ids(filled, country="RUS", since="2022") == ["b1-ev1"]
    assert _ids(filled, limit=2) == ["c1-ev1", "b1-ev1"]
    assert _ids(filled, limit=0) == []


@pytest.mark.parametrize(
    "bad", [{"since": "last week"}, {"until": "2022/11/07"}, {"since": "22-11"}, {"limit": -1}]
)
def test_bad_filters_raise_config_error_at_call_time(filled: Store, bad: dict) -> None:
    with pytest.raises(ConfigError):
        filled.events(**bad)


def test_many_events_stream_across_chunks(store: Store, build: types.SimpleNamespace) -> None:
    """More events than one fetch chunk: every one comes back with its own actors."""
    article, (sentence,) = build.article("big", ["A met B."], None)
    events = tuple(
        build.event(
            "big",
            i,
            sentence,
            date=f"2020-01-{1 + i % 28:02d}",
            actor=(build.USA,),
            recipient=(build.RUSSIA, build.UKRAINE),
        )
        for i in range(1203)
    )
    run = store.begin_run("ingest", "v")
    assert store.save_results([ArticleResult(article, "v", events, (sentence,))], run_id=run) == 1203
    got = list(store.events())
    assert len(got) == 1203
    assert sorted(ev.id for ev in got) == sorted(ev.id for ev in events)
    assert all(ev.recipient == (build.RUSSIA, build.UKRAINE) for ev in got)
    assert [ev.date for ev in got] == sorted(ev.date for ev in got)
