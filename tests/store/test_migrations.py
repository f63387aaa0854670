"""Migrations build the schema once, atomically, and refuse newer databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Connection, inspect, text

from communique.errors import StoreError
from communique.store import MIGRATIONS, Migration, latest_version, open_store
from communique.store.engine import make_engine, normalize_url
from communique.store.migrations import migrate

TABLES = {
    "schema_migrations",
    "runs",
    "articles",
    "sentences",
    "entities",
    "events",
    "event_actors",
    "rejections",
    "merges",
}


def _sqlite_names(path: Path, kind: str) -> set[str]:
    with sqlite3.connect(path) as con:
        rows = con.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))
        return {name for (name,) in rows}


def _migration_rows(path: Path) -> list[tuple[int, str, str]]:
    with sqlite3.connect(path) as con:
        return con.execute(
            "SELECT version, name, applied_at FROM schema_migrations ORDER BY version"
        ).fetchall()


def test_first_open_creates_every_table_and_index(db_path: Path) -> None:
    open_store(db_path).close()
    assert _sqlite_names(db_path, "table") >= TABLES
    indexes = _sqlite_names(db_path, "index")
    for wanted in (
        "ix_events_date",
        "ix_events_event",
        "ix_events_article_id",
        "ix_events_cameo",
        "ix_event_actors_country",
        "ix_event_actors_name",
    ):
        assert wanted in indexes
    rows = _migration_rows(db_path)
    assert [(v, n) for v, n, _ in rows] == [(m.version, m.name) for m in MIGRATIONS]
    assert latest_version() == rows[-1][0]


def test_reopening_applies_nothing_again(db_path: Path) -> None:
    open_store(db_path).close()
    before = _migration_rows(db_path)
    open_store(f"sqlite:///{db_path}").close()
    assert _migration_rows(db_path) == before
    engine = make_engine(normalize_url(db_path))
    try:
        assert migrate(engine) == []
    finally:
        engine.dispose()


def test_sqlite_file_is_in_wal_mode(db_path: Path) -> None:
    open_store(db_path).close()
    with sqlite3.connect(db_path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_later_migration_is_applied_to_an_existing_database(db_path: Path) -> None:
    open_store(db_path).close()

    def add_notes(conn: Connection) -> None:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))

    steps = (*MIGRATIONS, Migration(len(MIGRATIONS) + 1, "notes", add_notes))
    engine = make_engine(normalize_url(db_path))
    try:
        assert migrate(engine, steps) == [len(MIGRATIONS) + 1]
        assert migrate(engine, steps) == []
        assert inspect(engine).has_table("notes")
    finally:
        engine.dispose()


def test_a_failing_migration_rolls_back_its_ddl(db_path: Path) -> None:
    """DDL is transactional (our own BEGIN), so a half-done migration leaves no trace."""
    open_store(db_path).close()

    def broken(conn: Connection) -> None:
        conn.execute(text("CREATE TABLE half_done (id INTEGER PRIMARY KEY)"))
        conn.execute(text("INSERT INTO no_such_table VALUES (1)"))

    steps = (*MIGRATIONS, Migration(len(MIGRATIONS) + 1, "broken", broken))
    engine = make_engine(normalize_url(db_path))
    try:
        with pytest.raises(StoreError, match="migrate"):
            migrate(engine, steps)
    finally:
        engine.dispose()
    assert "half_done" not in _sqlite_names(db_path, "table")
    assert [v for v, _, _ in _migration_rows(db_path)] == [m.version for m in MIGRATIONS]


def test_a_new_database_is_all_or_nothing(db_path: Path) -> None:
    def broken(conn: Connection) -> None:
        raise RuntimeError("disk on fire")

    steps = (*MIGRATIONS, Migration(len(MIGRATIONS) + 1, "broken", broken))
    engine = make_engine(normalize_url(db_path))
    try:
        with pytest.raises(RuntimeError):
            migrate(engine, steps)
    finally:
        engine.dispose()
    assert not (_sqlite_names(db_path, "table") & TABLES)


def test_a_database_from_a_newer_version_is_refused(db_path: Path) -> None:
    open_store(db_path).close()
    with sqlite3.connect(db_path) as con:
        con.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    with pytest.raises(StoreError, match="newer"):
        open_store(db_path)


def test_misnumbered_migrations_are_a_packaging_error(db_path: Path) -> None:
    engine = make_engine(normalize_url(db_path))
    try:
        with pytest.raises(StoreError, match="numbered"):
            migrate(engine, (MIGRATIONS[0], MIGRATIONS[0]))
    finally:
        engine.dispose()


def test_an_old_database_gains_the_dateline_column_and_keeps_its_articles(db_path: Path, results) -> None:
    """A schema-3 database (articles without ``dateline``) is upgraded in place."""
    with open_store(db_path) as store:
        store.save_results(results[:1], run_id=store.begin_run("ingest", "v1"))
    with sqlite3.connect(db_path) as con:  # make it look like schema 3
        con.execute("ALTER TABLE articles DROP COLUMN dateline")
        con.execute("DELETE FROM schema_migrations WHERE version > 3")
    with open_store(db_path) as store:
        assert [(a.id, a.dateline) for a in store.articles()] == [("a1", None)]
    with sqlite3.connect(db_path) as con:
        columns = {row[1] for row in con.execute("PRAGMA table_info(articles)")}
    assert "dateline" in columns
    assert [v for v, _, _ in _migration_rows(db_path)] == [m.version for m in MIGRATIONS]
