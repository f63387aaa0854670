"""Saving results: round trips, replacement on re-ingest, atomic batches, runs."""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
import subprocess
import sys
import threading
import types
from pathlib import Path

import pytest

from communique.errors import NotFoundError, StoreError
from communique.model import Article, ArticleResult, Rejection
from communique.store import RunInfo, Store, open_store


def _all_events(results: list[ArticleResult]) -> dict[str, object]:
    return {ev.id: ev for r in results for ev in r.events}


def _rows(url: str, sql: str) -> list[tuple]:
    """Rows read past our store: sqlite3 on the file, or psycopg on the PostgreSQL database."""
    if url.startswith("sqlite"):
        with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as con:
            return con.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://", 1)) as con:
        return [tuple(row) for row in con.execute(sql).fetchall()]


def _count(url: str, table: str) -> int:
    return _rows(url, f"SELECT count(*) FROM {table}")[0][0]


def test_events_round_trip_equal(store: Store, results: list[ArticleResult]) -> None:
    run = store.begin_run("ingest", "test-1.0")
    assert store.save_results(results, run_id=run) == 5
    stored = list(store.events())
    assert {ev.id: ev for ev in stored} == _all_events(results)
    by_id = {ev.id: ev for ev in stored}
    # Tuples, positions and the rebuilt location survive exactly.
    assert by_id["a1-ev2"].actor == results[0].events[1].actor
    assert by_id["a1-ev1"].event_loc == results[0].events[0].event_loc
    assert by_id["a1-ev1"].context == ("economic", "diplomatic")
    assert by_id["b1-ev2"].event_loc is None


def test_events_come_in_date_article_offset_order(filled: Store) -> None:
    ids = [ev.id for ev in filled.events()]
    # 2021 < 2022-10-26 < 2022-11 (= 2022-11-01) < 2022-11-07; undated last.
    assert ids == ["c1-ev1", "b1-ev1", "a1-ev2", "a1-ev1", "b1-ev2"]


def test_rows_are_really_on_disk(filled: Store) -> None:
    filled.close()
    url = filled.url
    (row,) = _rows(
        url,
        "SELECT date, inferred_date, content_hash, pipeline_version FROM articles WHERE id = 'b1'",
    )
    actors = _rows(
        url,
        "SELECT role, position, name, country FROM event_actors "
        "WHERE event_id = 'a1-ev2' ORDER BY role, position",
    )
    (loc,) = _rows(url, "SELECT event_loc FROM events WHERE id = 'b1-ev2'")
    assert row[:2] == (None, "2022-10")
    assert row[3] == "test-1.0"
    assert actors == [("actor", 0, "European Union", "EU"), ("actor", 1, "Kazakhstan", "KAZ")]
    assert loc == (None,)  # SQL NULL, not the JSON text 'null'
    assert _count(url, "sentences") == 5
    assert _count(url, "entities") == 6
    assert _rows(url, "SELECT date FROM articles WHERE id = 'a1'") == [("2022-11-07",)]


def test_resaving_an_article_replaces_it(filled: Store, build: types.SimpleNamespace) -> None:
    old = build.a1()
    sentence = old.sentences[0]
    new_event = build.event("a1", 9, sentence, event_text="visited", date="2022-11-08")
    new = dataclasses.replace(
        old, pipeline_version="test-2.0", events=(new_event,), mentions=old.mentions[:1]
    )
    run = filled.begin_run("ingest", "test-2.0")
    assert filled.save_results([new], run_id=run) == 1
    a1_events = list(filled.events(article="a1"))
    assert a1_events == [new_event]
    assert filled.event_count() == 4
    assert filled.article_count() == 3
    url = filled.url
    stale = _rows(url, "SELECT count(*) FROM event_actors WHERE event_id IN ('a1-ev1', 'a1-ev2')")
    assert stale == [(0,)]
    assert _rows(url, "SELECT count(*) FROM entities WHERE article_id = 'a1'") == [(1,)]
    assert _count(url, "sentences") == 5


def test_saving_the_same_batch_twice_does_not_duplicate(filled: Store, results: list[ArticleResult]) -> None:
    tables = ("articles", "sentences", "entities", "events", "event_actors")
    before = {table: _count(filled.url, table) for table in tables}
    assert before["event_actors"] == 9
    run = filled.begin_run("ingest", "test-1.0")
    filled.save_results(results, run_id=run)
    assert {table: _count(filled.url, table) for table in tables} == before


def test_duplicate_article_in_one_batch_keeps_the_last(store: Store, build: types.SimpleNamespace) -> None:
    first = build.a1()
    last = dataclasses.replace(first, events=first.events[:1])
    run = store.begin_run("ingest", "test-1.0")
    assert store.save_results([first, last], run_id=run) == 1
    assert [ev.id for ev in store.events()] == ["a1-ev1"]


def test_is_current(filled: Store, build: types.SimpleNamespace) -> None:
    a1 = build.a1().article
    assert filled.is_current("a1", a1.content_hash, "test-1.0")
    assert not filled.is_current("a1", a1.content_hash, "test-2.0")
    assert not filled.is_current("a1", "0" * 16, "test-1.0")
    assert not filled.is_current("zz", a1.content_hash, "test-1.0")
    assert filled.stored_article_ids() == {"a1", "b1", "c1"}


def test_current_ids_answers_as_is_current_for_each(filled: Store, build: types.SimpleNamespace) -> None:
    hashes = {r.article.id: r.article.content_hash for r in (build.a1(), build.b1(), build.c1())}
    asked = [("a1", hashes["a1"]), ("b1", "0" * 16), ("zz", hashes["a1"]), ("c1", hashes["c1"])]
    for version in ("test-1.0", "test-2.0"):
        each = {i for i, h in asked if filled.is_current(i, h, version)}
        assert filled.current_ids(asked, version) == each
    assert filled.current_ids(asked, "test-1.0") == {"a1", "c1"}
    assert filled.current_ids([], "test-1.0") == set()
    many = [(f"x{i}", "0" * 16) for i in range(1200)] + [("b1", hashes["b1"])]  # more than one IN list
    assert filled.current_ids(many, "test-1.0") == {"b1"}


def test_a_new_dateline_makes_a_stored_article_stale(filled: Store, build: types.SimpleNamespace) -> None:
    """A dateline can date an undated article, so adding one must code the article again,
    while an article without one keeps the hash it was stored with."""
    a1 = build.a1().article
    assert dataclasses.replace(a1, dateline=None).content_hash == a1.content_hash
    with_dateline = dataclasses.replace(a1, dateline="ROME, Feb 27 -")
    assert not filled.is_current("a1", with_dateline.content_hash, "test-1.0")


def test_a_failing_batch_leaves_earlier_batches_intact(store: Store, build: types.SimpleNamespace) -> None:
    run = store.begin_run("ingest", "test-1.0")
    store.save_results([build.a1()], run_id=run)
    before = list(store.events())

    # a1 again (its old rows get deleted inside the transaction) plus b1 whose two
    # events share one id: the primary key fails after the deletes have run.
    b1 = build.b1()
    clash = dataclasses.replace(b1.events[1], id=b1.events[0].id)
    broken = dataclasses.replace(b1, events=(b1.events[0], clash))
    with pytest.raises(StoreError, match="save 2 articles"):
        store.save_results([build.a1(), broken], run_id=run)

    assert list(store.events()) == before
    assert store.stored_article_ids() == {"a1"}
    assert _count(store.url, "sentences") == 2


def test_a_batch_for_an_unknown_run_is_rejected_by_the_foreign_key(
    store: Store, build: types.SimpleNamespace
) -> None:
    with pytest.raises(StoreError):
        store.save_results([build.a1()], run_id=12345)
    assert store.article_count() == 0


def test_an_event_from_another_article_is_refused(store: Store, build: types.SimpleNamespace) -> None:
    a1 = build.a1()
    stray = dataclasses.replace(a1.events[0], article_id="b1")
    run = store.begin_run("ingest", "test-1.0")
    with pytest.raises(StoreError, match="names article"):
        store.save_results([build.c1(), dataclasses.replace(a1, events=(stray,))], run_id=run)
    assert store.article_count() == 0


def test_empty_batch_writes_nothing(store: Store) -> None:
    run = store.begin_run("ingest", "test-1.0")
    assert store.save_results([], run_id=run) == 0


def test_rejections_round_trip(store: Store) -> None:
    first = store.begin_run("ingest", "v")
    second = store.begin_run("ingest", "v")
    a = Rejection("news.jsonl", 3, "not valid JSON")
    b = Rejection("news.jsonl", 7, "missing text", item_id="x7")
    c = Rejection("folder/empty.txt", None, "empty file")
    store.save_rejections([a, b], run_id=first)
    store.save_rejections([c], run_id=second)
    store.save_rejections([], run_id=second)
    assert store.rejections() == [a, b, c]
    assert store.rejections(run_id=second) == [c]


def test_runs_record_counts_and_status(store: Store, results: list[ArticleResult]) -> None:
    first = store.begin_run("ingest news.jsonl", "test-1.0")
    store.save_results(results[:2], run_id=first)
    store.save_rejections([Rejection("news.jsonl", 1, "bad")], run_id=first)
    store.finish_run(first)
    second = store.begin_run("ingest more.jsonl", "test-1.0")
    store.save_results(results[2:], run_id=second)
    [one, two] = store.runs()
    assert isinstance(one, RunInfo)
    assert (one.id, one.command, one.status) == (first, "ingest news.jsonl", "ok")
    assert (one.articles, one.events, one.rejected) == (2, 4, 1)
    assert one.finished_at is not None
    assert (two.status, two.finished_at, two.articles) == ("running", None, 0)
    store.finish_run(second, status="interrupted")
    assert store.runs()[1].status == "interrupted"
    assert (store.runs()[1].articles, store.runs()[1].events) == (1, 1)


def test_finish_run_checks_its_arguments(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.finish_run(999)
    run = store.begin_run("x", "v")
    with pytest.raises(ValueError, match="status"):
        store.finish_run(run, status="done")


def test_a_second_store_on_the_same_file_sees_the_data(filled: Store, results: list[ArticleResult]) -> None:
    with open_store(filled.url) as other:
        assert other.article_count() == 3
        assert sorted(ev.id for ev in other.events()) == sorted(_all_events(results))
        # and sees what the first one writes next, while reading concurrently
        reader = other.events()
        next(reader)
        run = filled.begin_run("ingest", "test-1.0")
        filled.save_rejections([Rejection("s", 1, "r")], run_id=run)
        assert other.rejections() == [Rejection("s", 1, "r")]
        assert len(list(reader)) == 4


def test_reading_from_another_thread(filled: Store) -> None:
    """The web app reads from worker threads; the pooled engine must allow it."""
    seen: list[int] = []
    worker = threading.Thread(target=lambda: seen.append(len(list(filled.events()))))
    worker.start()
    worker.join()
    assert seen == [5]


_CRASHING_WRITER = """
import os, sys
from communique.model import Article, ArticleResult
from communique.store import open_store
import communique.store.store as impl

def result(article_id):
    return ArticleResult(Article(article_id, "text of " + article_id), "v1")

store = open_store(sys.argv[1])
run = store.begin_run("ingest", "v1")
store.save_results([result("first")], run_id=run)
real_delete = impl._delete_articles

def delete_then_die(conn, ids):
    real_delete(conn, ids)
    os._exit(3)  # the process dies mid-transaction: no rollback, no cleanup

impl._delete_articles = delete_then_die
store.save_results([result("first"), result("second")], run_id=run)
"""


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_crash_mid_batch_loses_only_that_batch(
    tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    url = (
        f"sqlite:///{tmp_path / 'crash.db'}"
        if backend == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    proc = subprocess.run([sys.executable, "-c", _CRASHING_WRITER, url], check=False)
    assert proc.returncode == 3
    with open_store(url) as store:
        assert store.stored_article_ids() == {"first"}
        first = Article("first", "text of first")
        assert store.is_current("first", first.content_hash, "v1")
        assert [r.status for r in store.runs()] == ["running"]
