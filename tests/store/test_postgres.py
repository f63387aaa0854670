"""PostgreSQL specifics, on a real server: the migration lock and concurrent writers."""

from __future__ import annotations

import subprocess
import sys

from communique.store import latest_version, open_store

_OPEN = """
import sys
from communique.store import open_store
with open_store(sys.argv[1]) as store:
    store.article_count()
"""


def test_processes_opening_a_new_database_at_once_migrate_it_once(postgres_url) -> None:
    """Without the advisory lock, the losers of this race fail on CREATE TABLE."""
    procs = [
        subprocess.Popen([sys.executable, "-c", _OPEN, postgres_url], stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    errors = [proc.communicate(timeout=120)[1] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0, 0, 0], errors
    import psycopg

    with psycopg.connect(postgres_url.replace("+psycopg", "")) as conn:
        versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations")]
    assert sorted(versions) == list(range(1, latest_version() + 1))


def test_postgres_store_url_hides_nothing_it_needs(postgres_url) -> None:
    with open_store(postgres_url) as store:
        assert store.url.startswith("postgresql+psycopg://")
        assert store.article_count() == 0
    # a command that only reads opens an existing PostgreSQL database too
    with open_store(postgres_url, create=False) as store:
        assert store.event_count() == 0
