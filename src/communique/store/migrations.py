"""Numbered schema migrations and the tiny runner that applies them.

Why not Alembic: the database is a user's data file that the library creates on first
use (``open_store("events.db")``), wherever the user points it. There is no project
directory with an ``alembic.ini`` and ``env.py`` next to it, no revision graph to branch,
and no autogenerate step we would trust with user data. Our migrations are a plain,
ordered list of functions that run SQLAlchemy Core DDL on a connection; the runner
applies the missing ones in one transaction and records each in ``schema_migrations``.
That is a few dozen lines, works the same on SQLite and PostgreSQL, and needs no
configuration files.

Rules for adding a migration:

* append ``Migration(n + 1, "what it does", upgrade)``; never renumber or edit a
  released migration (databases in the wild have already run it);
* ``upgrade(conn)`` gets a :class:`sqlalchemy.Connection` inside the runner's
  transaction; use Core constructs (``Table.create``, ``Index.create``, ``ALTER`` through
  ``sqlalchemy.schema``/``DDL``) that both SQLite and PostgreSQL accept;
* migration 1 creates the tables of ``tables.py`` as they are when it runs, so a new
  database gets the current schema at once; every later migration must therefore be
  idempotent: it adds only what is missing (:func:`add_missing_columns`, ``create`` with
  ``checkfirst=True``), which makes it a no-op on a new database and an upgrade on an
  old one. This is why no frozen copy of the version-1 tables is needed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import NamedTuple

from sqlalchemy import Connection, Engine, Table, insert, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from communique.errors import StoreError
from communique.store import tables
from communique.store.engine import begin_write, safe_url

logger = logging.getLogger(__name__)


class Migration(NamedTuple):
    """One schema step: its number, a human name, and the DDL function that performs it."""

    version: int
    name: str
    upgrade: Callable[[Connection], None]


def _create_initial_schema(conn: Connection) -> None:
    """Version 1: every table of ``tables.py`` (articles, events, runs, ...)."""
    data_tables = [t for t in tables.ALL_TABLES if t is not tables.schema_migrations]
    tables.metadata.create_all(conn, tables=data_tables, checkfirst=True)


def add_missing_columns(conn: Connection, table: Table, names: Sequence[str]) -> None:
    """``ALTER TABLE ... ADD COLUMN`` for each of ``names`` the table lacks (nullable,
    no default: the portable subset SQLite and PostgreSQL both accept)."""
    present = {c["name"] for c in inspect(conn).get_columns(table.name)}
    preparer = conn.dialect.identifier_preparer
    for name in names:
        if name in present:
            continue
        column = table.c[name]
        conn.execute(
            text(
                f"ALTER TABLE {preparer.format_table(table)} ADD COLUMN "
                f"{preparer.format_column(column)} {column.type.compile(conn.dialect)}"
            )
        )


def _runs_host_and_pid(conn: Connection) -> None:
    """Version 2: ``runs.host`` and ``runs.pid``, to tell a killed run from a live one."""
    add_missing_columns(conn, tables.runs, ["host", "pid"])


def _create_people(conn: Connection) -> None:
    """Version 3: the ``people`` table of people learned from the text."""
    tables.people.create(conn, checkfirst=True)


def _articles_dateline(conn: Connection) -> None:
    """Version 4: ``articles.dateline``, the wire dateline a record kept apart from its text."""
    add_missing_columns(conn, tables.articles, ["dateline"])


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _create_initial_schema),
    Migration(2, "runs: host and pid", _runs_host_and_pid),
    Migration(3, "people learned from the text", _create_people),
    Migration(4, "articles: dateline", _articles_dateline),
)


def latest_version(migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """The schema version a fully migrated database has."""
    return max((m.version for m in migrations), default=0)


def applied_versions(conn: Connection) -> set[int]:
    """Versions recorded in the database; empty for a new database."""
    if not inspect(conn).has_table(tables.schema_migrations.name):
        return set()
    return set(conn.execute(select(tables.schema_migrations.c.version)).scalars())


def migrate(engine: Engine, migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
    """Apply the migrations the database lacks, atomically; return the versions applied.

    The check is made first in a read-only transaction, so that opening an up-to-date
    database never takes the write lock (and a read-only file can still be opened).
    """
    _check_order(migrations)
    try:
        with engine.connect() as conn:
            done = applied_versions(conn)
        _check_not_newer(done, migrations)
        if all(m.version in done for m in migrations):
            return []
        with begin_write(engine) as conn:
            # Re-read under the write lock: another process may have migrated meanwhile.
            tables.schema_migrations.create(conn, checkfirst=True)
            done = applied_versions(conn)
            applied: list[int] = []
            for migration in migrations:
                if migration.version in done:
                    continue
                logger.info("applying schema migration %d: %s", *migration[:2])
                migration.upgrade(conn)
                conn.execute(
                    insert(tables.schema_migrations).values(
                        version=migration.version,
                        name=migration.name,
                        applied_at=dt.datetime.now(dt.timezone.utc).isoformat(),
                    )
                )
                applied.append(migration.version)
            return applied
    except SQLAlchemyError as exc:
        cause = getattr(exc, "orig", None) or exc
        raise StoreError(f"cannot open or migrate the database {safe_url(engine.url)}: {cause}") from exc


def _check_order(migrations: Sequence[Migration]) -> None:
    """Versions must be 1, 2, 3, ... in order: a gap or duplicate is a packaging bug."""
    versions = [m.version for m in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise StoreError(f"migration list is not numbered 1..n in order: {versions}")


def _check_not_newer(done: set[int], migrations: Sequence[Migration]) -> None:
    """Refuse a database written by a newer Communique rather than corrupt it."""
    unknown = sorted(done - {m.version for m in migrations})
    if unknown:
        raise StoreError(
            f"the database has schema version {max(unknown)}, newer than this version of "
            f"Communique supports ({latest_version(migrations)}); upgrade Communique"
        )
