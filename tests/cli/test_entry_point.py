"""The installed ``communique`` console script, run as a user runs it (a real process).

Each process that builds the pipeline pays ~3 s to load spaCy, so there are few of them:
help, one extraction, one typed error, and the Ctrl-C crash-safety run.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from communique.fileio import read_articles
from communique.model import Article

BIN = Path(sys.executable).parent
SCRIPT = BIN / "communique"
N_ARTICLES = 60
BATCH = 5


def user_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMUNIQUE_")}
    env.update(extra)
    return env


def run(*args: object, timeout: float = 120, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=user_env(**extra),
    )


def test_console_script_is_installed() -> None:
    assert SCRIPT.is_file() and os.access(SCRIPT, os.X_OK), f"no console script at {SCRIPT}"


def test_console_script_help() -> None:
    done = run("--help")
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout
    for name in ("extract", "ingest", "events", "export", "explain", "rejections"):
        assert name in done.stdout
    module = subprocess.run(
        [sys.executable, "-m", "communique", "--help"], capture_output=True, text=True, timeout=60
    )
    assert module.returncode == 0 and "Usage:" in module.stdout


def test_console_script_extract_jsonl(examples_dir, extractor) -> None:
    path = examples_dir / "phone-call-japan-philippines.txt"
    done = run("extract", path, "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    (article,) = read_articles([path])
    assert records == [e.to_dict() for e in extractor.extract(article).events]
    assert records and {r["article_id"] for r in records} == {path.stem}


def test_console_script_translates_typed_errors(tmp_path) -> None:
    done = run("export", "--format", "parquet", "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "error:" in done.stderr and "-o" in done.stderr
    assert "Traceback" not in done.stderr
    usage = run("events", "--limit", "many")
    assert usage.returncode == 2 and "many" in usage.stderr


# -- crash safety ------------------------------------------------------------------------


def scalar(db: Path, sql: str) -> object:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def events_by_article(db: Path) -> dict[str, set[str]]:
    conn = sqlite3.connect(db)
    try:
        found: dict[str, set[str]] = {}
        for article_id, event_id in conn.execute("SELECT article_id, id FROM events"):
            found.setdefault(article_id, set()).add(event_id)
        return found
    finally:
        conn.close()


def wait_for_first_batch(proc: subprocess.Popen, db: Path, timeout: float = 90) -> int:
    """Poll the SQLite file (read-only, never creating it) until articles are committed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"ingest ended (exit {proc.returncode}) before a batch was seen")
        if db.exists():
            try:
                n = scalar(db, "SELECT count(*) FROM articles")
            except sqlite3.OperationalError:  # not migrated yet, or locked for a moment
                n = 0
            if n:
                return int(n)  # type: ignore[arg-type]
        time.sleep(0.02)
    proc.kill()
    pytest.fail("no batch committed within the timeout")


def test_ctrl_c_keeps_committed_batches_and_rerun_completes(tmp_path, shared_dir, extractor) -> None:
    source = shared_dir / "eval" / "news" / "whitehouse-briefing-room.jsonl"
    lines = [ln for ln in source.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert len(lines) >= N_ARTICLES
    jsonl = tmp_path / "briefings.jsonl"
    jsonl.write_text("\n".join(lines[:N_ARTICLES]) + "\n", encoding="utf-8")
    db = tmp_path / "crash.db"
    url = f"sqlite:///{db}"
    # Two worker processes: SIGINT reaches only the writer, which stops between batches
    # (test_ingest.py covers Ctrl-C with --workers 1).
    command = [str(SCRIPT), "ingest", str(jsonl), "--db", url, "--workers", "2"]
    env = user_env(COMMUNIQUE_BATCH_SIZE=str(BATCH))

    with (tmp_path / "err1.txt").open("w") as err:
        # its own process group, signalled whole, as a terminal's Ctrl-C signals every
        # process of the foreground job (the workers too, which must leave it to the writer)
        proc = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=err, env=env, start_new_session=True
        )
        try:
            wait_for_first_batch(proc, db)
            os.killpg(proc.pid, signal.SIGINT)
            code = proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    stderr = (tmp_path / "err1.txt").read_text()
    # Ctrl-C is a stop request honoured between batches: a clean exit, never a traceback.
    assert code == 130, stderr
    assert "Interrupted" in stderr and "Traceback" not in stderr
    status = "interrupted"

    # What was committed is whole: full batches, a readable file, an interrupted run.
    stored = int(scalar(db, "SELECT count(*) FROM articles"))  # type: ignore[arg-type]
    assert 0 < stored < N_ARTICLES, "the run was not interrupted mid-way"
    assert stored % BATCH == 0
    assert scalar(db, "PRAGMA integrity_check") == "ok"
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        runs = conn.execute("SELECT status, articles FROM runs ORDER BY id").fetchall()
        no_sentences = conn.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM sentences s WHERE s.article_id = a.id)"
        ).fetchone()[0]
        stored_ids = {row[0] for row in conn.execute("SELECT id FROM articles")}
    finally:
        conn.close()
    assert runs == [(status, stored)]
    assert no_sentences == 0

    articles = [a for a in read_articles([jsonl]) if isinstance(a, Article)]
    assert len(articles) == N_ARTICLES
    expected = {r.article.id: {e.id for e in r.events} for r in extractor.extract_many(articles)}
    partial = events_by_article(db)
    assert partial == {k: v for k, v in expected.items() if k in stored_ids and v}

    # The re-run resumes: skips what is stored, completes the rest, duplicates nothing.
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, env=env)
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stderr.split())
    assert f"{N_ARTICLES} articles read, {N_ARTICLES - stored} coded, {stored} already current" in text
    assert scalar(db, "SELECT count(*) FROM articles") == N_ARTICLES
    assert events_by_article(db) == {k: v for k, v in expected.items() if v}
    n_events = sum(len(v) for v in expected.values())
    assert scalar(db, "SELECT count(*) FROM events") == n_events
    assert scalar(db, "SELECT count(DISTINCT id) FROM events") == n_events
    conn = sqlite3.connect(db)
    try:
        runs = conn.execute("SELECT status, articles FROM runs ORDER BY id").fetchall()
    finally:
        conn.close()
    assert runs == [(status, stored), ("ok", N_ARTICLES - stored)]


def test_kill_9_leaves_whole_batches_and_the_next_run_marks_it_interrupted(
    tmp_path, examples_dir, extractor
) -> None:
    """SIGKILL (or a power loss) gives no chance to clean up: the run row stays
    "running". The next run on the database must mark it interrupted, say so, and
    finish with exactly the events of a clean run. Runs everywhere: our own articles."""
    bodies = [a for a in read_articles(sorted(examples_dir.glob("*.txt"))) if isinstance(a, Article)]
    jsonl = tmp_path / "copies.jsonl"
    records = [
        {"id": f"{a.id}-{n}", "date": a.date.isoformat() if a.date else None, "text": a.text}
        for n in range(4)
        for a in bodies
    ]
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "killed.db"
    command = [str(SCRIPT), "ingest", str(jsonl), "--db", f"sqlite:///{db}"]
    env = user_env(COMMUNIQUE_BATCH_SIZE="2", COMMUNIQUE_WORKERS="2")

    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        wait_for_first_batch(proc, db)
        workers = psutil.Process(proc.pid).children(recursive=True)
        proc.kill()  # SIGKILL to the writer only: no handler, no finally, no finish_run
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    # Its extraction workers notice they are orphans and end (they hold a pipeline each).
    assert len(workers) >= 2
    _, alive = psutil.wait_procs(workers, timeout=20)
    assert alive == [], [p.pid for p in alive]
    conn = sqlite3.connect(db)
    try:
        (status, pid) = conn.execute("SELECT status, pid FROM runs").fetchone()
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()
    assert (status, pid) == ("running", proc.pid)
    assert 0 < stored < len(records) and stored % 2 == 0

    done = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stderr.split())
    assert "run 1 (started" in text and "was killed before it finished; marked interrupted" in text
    assert f"{len(records)} articles read, {len(records) - stored} coded, {stored} already current" in text
    conn = sqlite3.connect(db)
    try:
        runs = conn.execute("SELECT id, status, articles FROM runs ORDER BY id").fetchall()
    finally:
        conn.close()
    assert runs == [(1, "interrupted", stored), (2, "ok", len(records) - stored)]
    articles = [a for a in read_articles([jsonl]) if isinstance(a, Article)]
    expected = {r.article.id: {e.id for e in r.events} for r in extractor.extract_many(articles)}
    assert events_by_article(db) == {k: v for k, v in expected.items() if v}
    # `communique runs` shows it to the user.
    listing = run("runs", "--db", f"sqlite:///{db}")
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert lines[0].split()[:4] == ["run", "started", "finished", "status"]
    assert lines[1].split()[0] == "1" and "interrupted" in lines[1].split()
    assert lines[2].split()[0] == "2" and "ok" in lines[2].split()
