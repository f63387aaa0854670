"""Turning a database URL into a configured SQLAlchemy engine.

Everything backend-specific lives here, so that the rest of the store is one code path:
SQLite gets its pragmas (WAL, foreign keys, busy timeout) and real transactions; any
other backend (PostgreSQL) is used as SQLAlchemy configures it.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from communique.errors import StoreError

logger = logging.getLogger(__name__)

#: Milliseconds a SQLite connection waits for another writer before failing.
SQLITE_BUSY_TIMEOUT_MS = 30_000

# Execution option that marks a connection as a writer (see ``begin_write``).
_WRITE_OPTION = "communique_write"

#: Key of the PostgreSQL advisory lock every Communique write transaction holds (an
#: arbitrary constant: "cq" in ASCII, shifted). Taken with ``pg_advisory_xact_lock``, it
#: is released by the commit or rollback itself, so a killed writer never leaves it held.
PG_WRITE_LOCK = 0x6371_0001


def normalize_url(url: str | os.PathLike[str]) -> URL:
    """Parse ``url``; a bare path (no ``://``) means a SQLite file at that path.

    SQLite file paths are made absolute so that ``Store.url`` names the same file from
    any working directory (batch workers reopen the store from it).
    """
    text = os.fspath(url).strip()
    if not text:
        raise StoreError("empty database URL: give a path like 'events.db' or a URL")
    if "://" not in text:
        return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))
    try:
        parsed = make_url(text)
    except ArgumentError as exc:
        raise StoreError(f"cannot parse database URL {text!r}: {exc}") from exc
    if is_sqlite_file(parsed):
        path = Path(parsed.database or "").expanduser().resolve()
        parsed = parsed.set(database=str(path))
    return parsed


def is_sqlite_file(url: URL) -> bool:
    """True for a SQLite URL that names a file (not ``:memory:`` nor a ``file:`` URI)."""
    if url.get_backend_name() != "sqlite":
        return False
    database = url.database or ""
    if database in ("", ":memory:"):
        return False
    return not (database.startswith("file:") and url.query.get("uri") == "true")


def make_engine(url: URL) -> Engine:
    """Create the engine for ``url``, preparing the SQLite file and its connections."""
    kwargs: dict[str, Any] = {}
    if url.get_backend_name() == "sqlite":
        if is_sqlite_file(url):
            _prepare_sqlite_file(Path(url.database or ""))
        elif (url.database or "") in ("", ":memory:"):
            # One shared connection, or every checkout would see a new empty database.
            kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(url, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(
            f"no database driver for {url.drivername!r} ({exc}); for PostgreSQL install "
            "psycopg and use a URL like postgresql+psycopg://user@host/dbname"
        ) from exc
    except ArgumentError as exc:
        raise StoreError(f"invalid database URL {safe_url(url)!r}: {exc}") from exc
    if url.get_backend_name() == "sqlite":
        _install_sqlite_hooks(engine)
    return engine


def safe_url(url: URL | str) -> str:
    """The URL with any password masked, for messages and logs."""
    parsed = url if isinstance(url, URL) else make_url(url)
    return parsed.render_as_string(hide_password=True)


@contextlib.contextmanager
def begin_write(engine: Engine) -> Iterator[Connection]:
    """A transaction that will write: on SQLite it starts with ``BEGIN IMMEDIATE``.

    Why: a deferred SQLite transaction that reads first and writes later can fail with
    SQLITE_BUSY when another writer committed in between, and the busy timeout does not
    help in that case. Taking the write lock up front makes writers queue politely.

    PostgreSQL gets the same discipline from a transaction-scoped advisory lock: writers
    (migrations included) take their turn, so two processes can neither race on the
    first migration nor both insert an article that neither saw when it deleted its old
    rows (which would fail one of them on the primary key). Writes are short (extraction
    happens before), so queuing costs little; reads never wait.
    """
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE_OPTION: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_WRITE_LOCK})
            yield conn


def _prepare_sqlite_file(path: Path) -> None:
    """Create the parent directory and check that the file can be a database."""
    if path.is_dir():
        raise StoreError(f"cannot use {path} as a database: it is a directory")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the directory for database {path}: {exc}") from exc
    target = path if path.exists() else path.parent
    if not os.access(target, os.W_OK):
        logger.warning("database %s is not writable; it can only be read", path)


def _install_sqlite_hooks(engine: Engine) -> None:
    """Pragmas on every new connection, and SQLAlchemy-driven BEGIN.

    Python's sqlite3 module (before 3.12) opens transactions on its own and not before
    DDL, so migrations would not be atomic; we switch that off (``isolation_level =
    None``) and emit BEGIN ourselves, as the SQLAlchemy SQLite docs recommend.
    WAL lets readers (the web app) work while the one writer ingests; foreign keys are
    off by default in SQLite and must be enabled per connection.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(_WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")
