"""Nothing lost under kill -9: ingest killed with SIGKILL at random moments, then re-run.

Run: ``.venv/bin/python benchmarks/crash.py [--trials 10] [--workers 2] [--limit N] [--seed S]``
Dask: ``.venv/bin/python benchmarks/crash.py --dask local [--workers 2] ...`` (every ingest,
the clean run too, extracts on a LocalCluster of W workers: ``--dask local --workers W``)

1. A clean ``communique ingest NEWS --db sqlite:///TMP/clean.db --workers W`` gives the
   reference: its wall time T, every stored article and, per article, its event ids.
2. Each trial starts the same command on a fresh database in its own process group,
   waits a random time in [0.02 T, 0.98 T] (uniform, seeded), and sends SIGKILL to the
   whole group (the writer and its extraction workers, as the OOM killer or a power cut
   would). Then the same command is run again to completion.
3. The trial is exact when the re-run exits as the clean run did and the database holds
   exactly the clean run's articles and events (same count, same ids, per article), no
   event id twice, no article both stored and rejected by extraction ("extraction
   failed"), the last run's rejections equal the clean run's, SQLite's integrity and
   foreign-key checks pass, and no process is left behind: neither one of the killed
   command's processes (its descendants are listed just before the kill; each must be
   gone, a pid re-used since is told apart by its start time) nor any process of the
   session of the re-run or of the clean run once they have exited (worker processes,
   Dask nannies' workers, a forkserver). A survivor is reported by pid and command line,
   then killed, and the trial is not exact.

With ``--by-commits`` the moment is instead drawn as a number of committed articles
(uniform in [0, articles - 1]) plus a random 0-3 s: the kill comes when the database
holds at least that many, so it always lands mid-run, however fast the machine is that
day (a time drawn from the clean run can come after a faster re-run has finished; such
a trial is reported as "finished before the kill" and checked all the same).

With ``--dask local`` each command's temporary directory is a folder of the trial's own
(``TMPDIR``), so the Dask workers' scratch folders left by the kills can be counted:
the closing lines say how many remain (Dask removes a stale one when a later cluster
starts).

Texts are every record of ``../shared/eval/news/*.jsonl`` (709), or with ``--limit N``
the first N records copied to one temporary JSONL file. Prints one line per trial and
a closing ``N of M trials exact`` line; exits 1 if any trial is not exact.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

NEWS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "news"
SCRIPT = Path(sys.executable).parent / "communique"
_REPORT = re.compile(r"(\d+) articles read, (\d+) coded, (\d+) already current, (\d+) events stored")


def first_records(files: list[Path], limit: int, dest: Path) -> Path:
    """The first ``limit`` non-empty lines of ``files`` (sorted) copied to ``dest``."""
    n = 0
    with dest.open("w", encoding="utf-8") as out:
        for path in files:
            for line in path.read_text(encoding="utf-8").splitlines():
                if n >= limit:
                    return dest
                if line.strip():
                    out.write(line + "\n")
                    n += 1
    return dest


def snapshot(db: Path) -> dict:
    """What a database holds, read with plain sqlite3 (not through Communique)."""
    with closing(sqlite3.connect(db)) as conn:
        events: dict[str, set[str]] = {}
        n_events = 0
        for article_id, event_id in conn.execute("SELECT article_id, id FROM events"):
            events.setdefault(article_id, set()).add(event_id)
            n_events += 1
        articles = {row[0] for row in conn.execute("SELECT id FROM articles")}
        failed = {
            row[0]
            for row in conn.execute("SELECT item_id FROM rejections WHERE reason LIKE 'extraction failed%'")
        }
        last_run = conn.execute("SELECT max(run_id) FROM rejections").fetchone()[0]
        last_rejections = sorted(
            conn.execute(
                "SELECT source, line, reason FROM rejections WHERE run_id = ?", (last_run,)
            ).fetchall(),
            key=repr,
        )
        return {
            "articles": articles,
            "events": events,
            "n_events": n_events,
            "distinct_events": conn.execute("SELECT count(DISTINCT id) FROM events").fetchone()[0],
            "stored_and_failed": articles & failed,
            "integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
            "fk_violations": len(conn.execute("PRAGMA foreign_key_check").fetchall()),
            "runs": conn.execute("SELECT status FROM runs ORDER BY id").fetchall(),
            "rejections": last_rejections,
        }


def ingest_cmd(paths: list[str], db: Path, workers: int, dask: str | None = None) -> list[str]:
    cmd = [str(SCRIPT), "ingest", *paths, "--db", f"sqlite:///{db}", "--workers", str(workers)]
    return [*cmd, "--dask", dask] if dask else cmd


# -- processes left behind (read from /proc: Linux) ------------------------------------------


def _stat(pid: int) -> tuple[int, int, int, str] | None:
    """(parent pid, session id, start time, state) of ``pid`` from /proc, None if gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()  # after "pid (comm) "
    return int(fields[1]), int(fields[3]), int(fields[19]), fields[0]


def _pids() -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]


def descendants(root: int) -> dict[int, int]:
    """Every live process below ``root``, as pid -> start time."""
    parents: dict[int, list[int]] = {}
    starts: dict[int, int] = {}
    for pid in _pids():
        stat = _stat(pid)
        if stat is not None:
            parents.setdefault(stat[0], []).append(pid)
            starts[pid] = stat[2]
    found: dict[int, int] = {}
    todo = list(parents.get(root, ()))
    while todo:
        pid = todo.pop()
        found[pid] = starts[pid]
        todo.extend(parents.get(pid, ()))
    return found


def survivors(known: dict[int, int], session: int, wait: float = 5.0) -> list[int]:
    """Processes still alive (not zombies) among ``known`` (same start time: not a re-used
    pid) or in session ``session``, after waiting up to ``wait`` s for them to exit."""
    deadline = time.monotonic() + wait
    while True:
        left = []
        for pid in _pids():
            stat = _stat(pid)
            if stat is None or stat[3] in "ZX" or pid == os.getpid():
                continue
            if known.get(pid) == stat[2] or stat[1] == session:
                left.append(pid)
        if not left or time.monotonic() > deadline:
            return sorted(left)
        time.sleep(0.1)


def describe_and_kill(pids: list[int]) -> str:
    """``pid: command line`` of each survivor; each is then sent SIGKILL (by its pid)."""
    parts = []
    for pid in pids:
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:80]
            os.kill(pid, signal.SIGKILL)
        except OSError:
            continue
        parts.append(f"{pid}: {cmdline.strip()}")
    return ", ".join(parts)


# -- running the command ---------------------------------------------------------------------


def run_to_end(cmd: list[str], env: dict[str, str]) -> tuple[int, float, str, list[int]]:
    """Run ``cmd`` in a session of its own to the end: exit code, seconds, stderr and the
    processes of its session still alive after it exited."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True
    )
    _, err = proc.communicate()
    return proc.returncode, time.perf_counter() - t0, err, survivors({}, proc.pid)


def _kill_group(proc: subprocess.Popen) -> list[int]:
    """SIGKILL ``proc``'s whole process group (the writer and its workers, as the OOM killer
    or a power cut would); the processes of it still alive afterwards."""
    before = descendants(proc.pid)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return survivors(before, proc.pid)


def kill_at(cmd: list[str], env: dict[str, str], after: float) -> tuple[bool, list[int]]:
    """Start ``cmd`` in its own process group and SIGKILL the group after ``after`` s;
    False when it had finished before. Also the processes left alive."""
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True
    )
    try:
        proc.wait(timeout=after)
        return False, survivors({}, proc.pid)
    except subprocess.TimeoutExpired:
        return True, _kill_group(proc)


def kill_after_commits(
    cmd: list[str], env: dict[str, str], db: Path, target: int, extra: float
) -> tuple[bool, list[int]]:
    """Start ``cmd`` (own process group); SIGKILL the group ``extra`` s after ``db``
    holds ``target`` articles. False when it finished before. Also the processes left."""
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True
    )
    while proc.poll() is None and committed(db) < target:
        time.sleep(0.05)
    try:
        proc.wait(timeout=extra)
        return False, survivors({}, proc.pid)
    except subprocess.TimeoutExpired:
        return True, _kill_group(proc)


def committed(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def compare(clean: dict, got: dict, code: int, clean_code: int) -> list[str]:
    problems = []
    if code != clean_code:
        problems.append(f"re-run exit {code}, clean run {clean_code}")
    if got["articles"] != clean["articles"]:
        problems.append(
            f"articles differ: {len(clean['articles'] - got['articles'])} missing, "
            f"{len(got['articles'] - clean['articles'])} extra"
        )
    if got["n_events"] != clean["n_events"]:
        problems.append(f"{got['n_events']} events, clean run {clean['n_events']}")
    if got["events"] != clean["events"]:
        every = clean["events"].keys() | got["events"].keys()
        bad = [a for a in every if clean["events"].get(a) != got["events"].get(a)]
        problems.append(f"event ids differ in {len(bad)} articles, e.g. {sorted(bad)[:3]}")
    if got["distinct_events"] != got["n_events"]:
        problems.append("an event id is stored twice")
    if got["stored_and_failed"]:
        problems.append(f"stored and marked failed: {sorted(got['stored_and_failed'])[:3]}")
    if got["rejections"] != clean["rejections"]:
        problems.append("the last run's rejections differ from the clean run's")
    if got["integrity"] != "ok" or got["fk_violations"]:
        problems.append(f"integrity {got['integrity']}, {got['fk_violations']} foreign-key violations")
    return problems


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--trials", type=int, default=10)
    p.add_argument("--workers", type=int, default=2, help="--workers of each ingest (default 2)")
    p.add_argument("--limit", type=int, default=0, help="only the first N records (quick check)")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--seed", type=int, default=9)
    p.add_argument("--by-commits", action="store_true", help="kill after a random number of commits")
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="extract on Dask: 'local' (a LocalCluster of --workers workers) or a scheduler address",
    )
    args = p.parse_args(argv)
    files = sorted(NEWS.glob("*.jsonl"))
    if not files:
        sys.exit(f"no .jsonl files in {NEWS}")
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMUNIQUE_")}
    env["COMMUNIQUE_BATCH_SIZE"] = str(args.batch_size)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="cq-crash-") as tmp:
        tmpdir = Path(tmp)
        scratch = tmpdir / "tmp"  # the commands' TMPDIR: Dask workers' scratch folders
        scratch.mkdir()
        env["TMPDIR"] = str(scratch)
        if args.limit:
            paths = [str(first_records(files, args.limit, tmpdir / "news.jsonl"))]
        else:
            paths = [str(f) for f in files]
        clean_db = tmpdir / "clean.db"
        clean_code, wall, err, left = run_to_end(ingest_cmd(paths, clean_db, args.workers, args.dask), env)
        if left:
            print(f"the clean run left processes behind: {describe_and_kill(left)}")
        if clean_code not in (0, 3):
            sys.exit(f"the clean run failed (exit {clean_code}):\n{err[-3000:]}")
        clean = snapshot(clean_db)
        m = _REPORT.search(" ".join(err.split()))
        print(f"corpus: {NEWS}{f' (first {args.limit} records)' if args.limit else ''}")
        print(
            f"clean run: {wall:.1f} s, exit {clean_code}, {len(clean['articles'])} articles, "
            f"{clean['n_events']} events, {len(clean['rejections'])} rejections; "
            f"workers {args.workers}{f' (Dask {args.dask})' if args.dask else ''}, "
            f"batch {args.batch_size}, seed {args.seed}"
        )
        if m:
            print(f"  ({m.group(0)})")
        exact = 0
        for trial in range(1, args.trials + 1):
            db = tmpdir / f"trial-{trial}.db"
            cmd = ingest_cmd(paths, db, args.workers, args.dask)
            if args.by_commits:
                target = rng.randrange(len(clean["articles"]))
                extra = rng.uniform(0.0, 3.0)
                killed, left = kill_after_commits(cmd, env, db, target, extra)
                after = extra
            else:
                after = rng.uniform(0.02, 0.98) * wall
                killed, left = kill_at(cmd, env, after)
            at_kill = committed(db)
            code, rerun_wall, err, rerun_left = run_to_end(cmd, env)
            got = snapshot(db)
            problems = compare(clean, got, code, clean_code)
            if left:
                problems.append(f"processes left after the kill: {describe_and_kill(left)}")
            if rerun_left:
                problems.append(f"processes left after the re-run: {describe_and_kill(rerun_left)}")
            exact += not problems
            if args.by_commits:
                state = (
                    f"killed {after:.1f} s after {target} articles were committed ({at_kill:4d} at the kill)"
                    if killed
                    else f"finished before the kill (target {target})"
                )
            else:
                state = (
                    f"killed at {after:5.1f} s with {at_kill:4d} articles committed"
                    if killed
                    else f"finished before the kill at {after:.1f} s"
                )
            verdict = "exact, no process left" if not problems else "NOT exact: " + "; ".join(problems)
            print(
                f"trial {trial:2d}: {state}; re-run {rerun_wall:5.1f} s exit {code}: "
                f"{len(got['articles'])} articles, {got['n_events']} events -> {verdict}",
                flush=True,
            )
        if args.dask:
            left_dirs = [d for d in scratch.glob("dask-scratch-space/*") if d.is_dir()]
            print(f"Dask scratch folders left in TMPDIR after all trials: {len(left_dirs)}")
        print(f"{exact} of {args.trials} trials exact")
    return 0 if exact == args.trials else 1


if __name__ == "__main__":
    sys.exit(main())
