"""Runs killed without a chance to finish (kill -9, power loss) are found and marked.

Real processes: a child Python process opens the store and begins a run, then either
stays alive or dies; the parent's store decides from the pid whether it is dead.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from communique.store import MIGRATIONS, open_store

BEGIN_AND_WAIT = """
import sys, time
from communique.store import open_store
with open_store(sys.argv[1]) as store:
    print(store.begin_run("ingest", "test-version"), flush=True)
time.sleep(float(sys.argv[2]))
"""


def child_run(url: str, seconds: float) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen(
        [sys.executable, "-c", BEGIN_AND_WAIT, url, str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    run_id = int(proc.stdout.readline())
    return proc, run_id


def statuses(db: Path) -> dict[int, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT id, status FROM runs"))


def test_a_live_run_is_left_alone_and_a_dead_one_is_marked_interrupted(tmp_path: Path) -> None:
    db = tmp_path / "runs.db"
    url = f"sqlite:///{db}"
    alive, alive_id = child_run(url, 60)
    dead, dead_id = child_run(url, 0)
    dead.wait(timeout=30)
    try:
        with open_store(url) as store:
            own = store.begin_run("ingest", "test-version")  # this process: alive
            marked = store.mark_dead_runs()
        assert [r.id for r in marked] == [dead_id]
        assert marked[0].status == "interrupted" and marked[0].finished_at is not None
        assert statuses(db) == {alive_id: "running", dead_id: "interrupted", own: "running"}
        alive.kill()
        alive.wait(timeout=30)
        with open_store(url) as store:
            assert [r.id for r in store.mark_dead_runs()] == [alive_id]
            assert store.mark_dead_runs() == []  # once only
        assert statuses(db)[alive_id] == "interrupted"
    finally:
        if alive.poll() is None:
            alive.kill()


def test_runs_of_another_host_are_not_judged(tmp_path: Path) -> None:
    db = tmp_path / "runs.db"
    url = f"sqlite:///{db}"
    with open_store(url) as store:
        other = store.begin_run("ingest", "test-version")
    with sqlite3.connect(db) as conn:  # as if a worker on another machine had started it
        conn.execute("UPDATE runs SET host = 'another-host', pid = 1 WHERE id = ?", (other,))
    time.sleep(0.01)
    with open_store(url) as store:
        assert store.mark_dead_runs() == []
    assert statuses(db) == {other: "running"}


def test_an_old_database_gains_the_run_columns(tmp_path: Path) -> None:
    """A schema-1 database (runs without host/pid) is upgraded in place, rows kept."""
    db = tmp_path / "old.db"
    url = f"sqlite:///{db}"
    with open_store(url) as store:
        first = store.begin_run("ingest", "v1")
    with sqlite3.connect(db) as conn:  # make it look like schema 1
        conn.execute("ALTER TABLE runs DROP COLUMN host")
        conn.execute("ALTER TABLE runs DROP COLUMN pid")
        conn.execute("DELETE FROM schema_migrations WHERE version > 1")
    with open_store(url) as store:
        runs = store.runs()
    assert [(r.id, r.host, r.pid) for r in runs] == [(first, None, None)]
    with sqlite3.connect(db) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(runs)")}
        versions = [v for (v,) in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert {"host", "pid"} <= columns
    assert versions == [m.version for m in MIGRATIONS]
