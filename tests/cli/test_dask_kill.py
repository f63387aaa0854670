"""kill -9 of ``communique ingest --dask local``: no Dask worker outlives it, the re-run is exact.

Real processes: the installed console script, a LocalCluster of two worker processes,
SQLite files. The process bookkeeping (``descendants``, ``survivors``) is that of
``benchmarks/crash.py``, which runs the same check at random moments on the news texts.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from communique.fileio import read_articles
from communique.model import Article

pytest.importorskip("distributed", reason="the dask extra is not installed")

REPO = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).parent / "communique"


def _crash_module():
    spec = importlib.util.spec_from_file_location("crash_benchmark", REPO / "benchmarks" / "crash.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


crash = _crash_module()


def _committed(db: Path) -> int:
    return crash.committed(db)


def _start(command: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True
    )


def _wait_for_commits(proc: subprocess.Popen, db: Path, at_least: int, timeout: float = 180) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"ingest ended (exit {proc.returncode}) before {at_least} articles were committed")
        n = _committed(db)
        if n >= at_least:
            return n
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    pytest.fail(f"fewer than {at_least} articles committed within {timeout} s")


def test_process_bookkeeping_finds_a_child_left_behind(tmp_path) -> None:
    """The check itself: a grandchild that outlives its parent is found by pid (start time
    compared, so a re-used pid is not mistaken for it) and by session."""
    code = (
        "import subprocess, sys\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'],\n"
        "                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)\n"
        "print(child.pid, flush=True)\n"
        "sys.stdin.readline()\n"  # the parent ends when told, leaving its child behind
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    child = int(parent.stdout.readline())  # type: ignore[union-attr]
    try:
        known = crash.descendants(parent.pid)
        assert list(known) == [child]
        parent.communicate("\n", timeout=30)
        assert crash.survivors(known, parent.pid, wait=0.2) == [child]
        assert crash.survivors({}, parent.pid, wait=0.2) == [child]  # same session
        assert crash.survivors({child: known[child] + 1}, -1, wait=0.2) == []  # another start time
    finally:
        os.kill(child, signal.SIGKILL)
    assert crash.survivors(known, parent.pid, wait=5) == []


def test_kill_9_of_a_dask_ingest_leaves_no_worker_and_the_rerun_is_exact(
    tmp_path, examples_dir, extractor
) -> None:
    """Three runs on one database: the writer alone killed (as the OOM killer does: its
    LocalCluster's workers must end with it), then the whole process group killed (as
    crash.py does), then a run to the end, which must store exactly the serial events."""
    folder = tmp_path / "copies"  # three copies of the sample articles under new names
    folder.mkdir()
    for n in range(3):
        for txt in sorted(examples_dir.glob("*.txt")):
            shutil.copy(txt, folder / f"{txt.stem}-{n}.txt")
    records = sorted(folder.glob("*.txt"))
    db = tmp_path / "killed.db"
    command = [
        str(SCRIPT),
        "ingest",
        str(folder),
        "--db",
        f"sqlite:///{db}",
        "--dask",
        "local",
        "--workers",
        "2",
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMUNIQUE_")}
    env.update(COMMUNIQUE_BATCH_SIZE="2", TMPDIR=str(tmp_path))

    # 1. SIGKILL to the writer only (it hosts the scheduler and the nannies).
    proc = _start(command, env)
    _wait_for_commits(proc, db, 2)
    workers = crash.descendants(proc.pid)
    assert len(workers) >= 2, workers  # the two Dask workers (and multiprocessing's helper)
    proc.kill()
    proc.wait(timeout=30)
    assert crash.survivors(workers, proc.pid, wait=30) == []

    # 2. SIGKILL to the whole process group, later in the input.
    first = _committed(db)
    proc = _start(command, env)
    _wait_for_commits(proc, db, first + 2)
    workers = crash.descendants(proc.pid)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert crash.survivors(workers, proc.pid, wait=30) == []
    second = _committed(db)
    assert first < second < len(records) and second % 2 == 0

    # 3. To the end: resumes after what is committed, leaves nothing running.
    code, _wall, stderr, left = crash.run_to_end(command, env)
    assert code == 0, stderr
    assert left == []
    text = " ".join(stderr.split())
    assert f"{len(records)} articles read, {len(records) - second} coded, {second} already current" in text
    got = crash.snapshot(db)  # read with plain sqlite3
    assert got["runs"] == [("interrupted",), ("interrupted",), ("ok",)]
    assert got["distinct_events"] == got["n_events"] and got["integrity"] == "ok"
    articles = [a for a in read_articles(records) if isinstance(a, Article)]
    expected = {r.article.id: {e.id for e in r.events} for r in extractor.extract_many(articles)}
    assert got["events"] == {k: v for k, v in expected.items() if v}
