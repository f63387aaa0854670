"""Throughput of ``communique ingest`` against plain spaCy on the evaluation news.

Run: ``.venv/bin/python benchmarks/throughput.py [--model NAME] [--limit N] [--parallel]``
Linear cost: ``.venv/bin/python benchmarks/throughput.py --linear 1,2,4 [--linear-runner "--workers 2"]``
Profile: ``.venv/bin/python benchmarks/throughput.py --profile 100``

Texts are every article of ``../shared/eval/news/*.jsonl`` (709), read with
``communique.fileio.read_articles`` so both sides see exactly the same strings; with
``--limit N`` the first N records (files in sorted order) are copied to a temporary
JSONL file that both sides read.

Each measurement runs in its own child process, whose peak RSS comes from ``os.wait4``
(the child's own ``ru_maxrss``, so the figures do not mask one another):

* **plain spaCy**: this script re-invoked with ``--only-baseline`` on a JSON list of the
  texts (so that child imports spaCy and nothing of communique): ``import spacy``,
  ``spacy.load(model)``, then ``nlp.pipe(texts, batch_size=32)``, every doc consumed.
* **communique ingest (CLI)**: ``.venv/bin/communique ingest FILES --db sqlite:///TMP/bench.db
  --workers 1``, the command users run, in one process, timed wall-clock from start to
  exit. Its fixed cost (interpreter, imports, model load, store creation) is estimated by
  the same command on a one-article file; "excl. load" is the difference of the two.
  Every communique run uses one fresh ``COMMUNIQUE_CACHE_DIR`` (the cache of built
  knowledge tables, codebook/cache.py): a first one-article run fills it ("cold"), and all
  the runs after it read it ("warm"), as a user's second and later commands do.
* **communique library**: this script re-invoked with ``--only-library``: ``Extractor(...)``
  then ``communique.batch.ingest(...)`` in-process, each timed separately.

Words are the tokens of the plain-spaCy docs that are neither space nor punctuation
(``not tok.is_space and not tok.is_punct``); communique runs the same tokenizer over the
same texts, so the same count is used for every row. The aim (issue 9) is ingest >= 1.0 x
plain spaCy in one process.

``--parallel`` adds ``communique ingest ... --workers 2`` and ``--dask local --workers 2``
(a LocalCluster of 2 worker processes), each compared with the one-process CLI run, both
wall-clock and excluding each command's own fixed cost (the same command on one article).
The peak RSS of every process under the command is sampled with psutil every 0.2 s; the
processes above 200 MiB (the ones holding a pipeline) are reported as the workers. Aims:
--workers 2 >= 1.8x, dask >= 1.7x one process, <= 1.5 GiB per worker.

``--rounds N`` (with ``--parallel``) adds N - 1 more rounds of the one-process CLI run
followed at once by each parallel run, and prints every round's ratios and their median:
on a shared machine a ratio of two runs made minutes apart measures the load as much as
the runners.

``--linear 1,2,4`` ingests 1, 2 and 4 copies of the corpus (each copy's ids suffixed
``~cK``, so every article is new) into fresh databases and prints the time per article
and the peak RSS per process; the aim is a flat time per article (within 10%).
With a small ``--limit`` the ratios mean little: one-off costs inside the run (the place
gazetteer is built on the first article, ~0.9 s) weigh on a few seconds of work.

``--profile N`` instead runs the library path in-process on the first N texts: a
stage-by-stage timing (tokenizer, each pipe, convert + dedup, store), then cProfile of
``Extractor.extract_many`` + ``Store.save_results`` with the costliest ``communique.*``
functions by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import logging
import os
import pstats
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

NEWS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "news"
VENV_BIN = Path(sys.executable).parent
DEFAULT_BATCH = 32
AIM = 1.0
AIM_WORKERS = 1.8
AIM_DASK = 1.7
#: The parallel runs of ``--parallel``: label and the ``communique ingest`` options.
PARALLEL_RUNS = (
    ("workers-2", ("--workers", "2")),
    ("dask-local-2", ("--dask", "local", "--workers", "2")),
)
WORDS = "tokens that are neither space nor punctuation (spaCy tokenizer of the model)"
_REPORT_LINE = re.compile(
    r"(\d+) articles read, (\d+) coded, (\d+) already current, (\d+) events stored, (\d+) rejected"
)


def _default_model() -> str:
    from communique.settings import DEFAULT_MODEL

    return DEFAULT_MODEL


def _read_texts(paths: list[str]) -> list[str]:
    from communique.fileio import read_articles

    # the reader's notes (e.g. "date is coarser than a day") belong to the ingest run, not here
    logging.getLogger("communique.fileio").setLevel(logging.ERROR)
    from communique.model import Rejection

    return [a.text for a in read_articles(paths) if not isinstance(a, Rejection)]


def _count_words(doc) -> int:
    return sum(1 for tok in doc if not tok.is_space and not tok.is_punct)


# --- child processes -------------------------------------------------------------


def run_baseline(texts_json: str, model: str, batch_size: int) -> dict:
    """Plain spaCy: load, then ``nlp.pipe`` over the texts, consuming every doc.

    The texts come as a JSON list written by the parent, so this process imports
    spaCy and nothing of communique (its RSS and load time are spaCy's alone).
    """
    texts = json.loads(Path(texts_json).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    c0 = time.process_time()
    import spacy

    nlp = spacy.load(model)
    t1 = time.perf_counter()
    c1 = time.process_time()
    words = tokens = 0
    for doc in nlp.pipe(texts, batch_size=batch_size):
        words += _count_words(doc)
        tokens += len(doc)
    t2 = time.perf_counter()
    return {
        "texts": len(texts),
        "words": words,
        "tokens": tokens,
        "load_s": t1 - t0,
        "load_cpu_s": c1 - c0,
        "run_s": t2 - t1,
        "pipes": nlp.pipe_names,
    }


def run_library(paths: list[str], model: str, batch_size: int, db: str) -> dict:
    """The library path of ``communique ingest``: Extractor, then batch.ingest into SQLite."""
    t0 = time.perf_counter()
    from communique.batch import IngestConfig, ingest
    from communique.extract import Extractor
    from communique.settings import Settings
    from communique.store import open_store

    cache_dir = Settings().kb_cache_dir  # the benchmark's COMMUNIQUE_CACHE_DIR, as the CLI
    extractor = Extractor(model=model, batch_size=batch_size, cache_dir=cache_dir)
    t1 = time.perf_counter()
    config = IngestConfig(model=model, batch_size=batch_size, cache_dir=cache_dir)
    with open_store(db) as store:
        report = ingest(paths, store, config, extractor=extractor)
    t2 = time.perf_counter()
    return {
        "texts": report.articles_coded,
        "events": report.events,
        "rejected": len(report.rejections),
        "load_s": t1 - t0,
        "run_s": t2 - t1,
        "pipes": extractor.nlp.pipe_names,
    }


# --- measuring a child ----------------------------------------------------------------


@dataclass
class Child:
    returncode: int
    wall_s: float
    maxrss_mib: float
    stdout: str
    stderr: str
    #: peak RSS (MiB) of each descendant process seen by sampling, by "name pid"
    descendants: dict[str, float] | None = None
    #: user + system CPU seconds of the child and the descendants it waited for (workers)
    cpu_s: float = 0.0
    #: last sampled user + system CPU seconds of each descendant, by "name pid"
    descendant_cpu: dict[str, float] | None = None


def _sample_descendants(
    pid: int, peaks: dict[str, float], cpus: dict[str, float], stop: threading.Event
) -> None:
    """Every 0.2 s, the RSS and CPU seconds of every process below ``pid`` (workers)."""
    import psutil

    try:
        root = psutil.Process(pid)
    except psutil.Error:
        return
    while not stop.wait(0.2):
        try:
            children = root.children(recursive=True)
        except psutil.Error:
            return
        for child in children:
            try:
                rss = child.memory_info().rss / 2**20
                key = f"{child.name()} {child.pid}"
                times = child.cpu_times()
            except psutil.Error:
                continue
            peaks[key] = max(peaks.get(key, 0.0), rss)
            cpus[key] = times.user + times.system


def measure(cmd: list[str], env: dict | None = None, *, sample: bool = False) -> Child:
    """Run ``cmd``; wall-clock seconds and peak RSS.

    ``maxrss_mib`` is ``wait4``'s ``ru_maxrss``: the peak of the child or of any
    descendant it waited for, whichever is larger. With ``sample`` the peak RSS of every
    descendant (the extraction workers) is also sampled with psutil every 0.2 s.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        peaks: dict[str, float] = {}
        cpus: dict[str, float] = {}
        stop = threading.Event()
        sampler = threading.Thread(
            target=_sample_descendants, args=(proc.pid, peaks, cpus, stop), daemon=True
        )
        if sample:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        stop.set()
        if sample:
            sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Child(
            proc.returncode,
            wall,
            usage.ru_maxrss / 1024,  # KiB on Linux
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
            dict(peaks) if sample else None,
            usage.ru_utime + usage.ru_stime,
            dict(cpus) if sample else None,
        )


def _self(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *args]


def _json_child(child: Child, what: str) -> dict:
    if child.returncode != 0:
        sys.exit(f"{what} failed (exit {child.returncode}):\n{child.stderr[-3000:]}")
    return json.loads(child.stdout.strip().splitlines()[-1])


def _ingest_cmd(
    paths: list[str], db_file: Path, model: str, runner: tuple[str, ...] = ("--workers", "1")
) -> list[str]:
    """``communique ingest`` as a user types it; one process unless ``runner`` says otherwise."""
    cmd = [str(VENV_BIN / "communique")]
    if model != _default_model():
        cmd += ["--model", model]
    return [*cmd, "ingest", *paths, "--db", f"sqlite:///{db_file}", *runner]


def _events_in(db_file: Path) -> int:
    with sqlite3.connect(db_file) as conn:
        return conn.execute("select count(*) from events").fetchone()[0]


def _uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "load average: " + " ".join(f"{x:.2f}" for x in os.getloadavg())


# --- inputs -----------------------------------------------------------------------------


def corpus_files() -> list[Path]:
    files = sorted(NEWS.glob("*.jsonl"))
    if not files:
        sys.exit(f"no .jsonl files in {NEWS}")
    return files


def first_records(files: list[Path], limit: int, dest: Path) -> Path:
    """Copy the first ``limit`` non-empty lines of ``files`` (in order) to ``dest``."""
    n = 0
    with dest.open("w", encoding="utf-8") as out:
        for path in files:
            with path.open(encoding="utf-8") as f:
                for line in f:
                    if n >= limit:
                        return dest
                    if line.strip():
                        out.write(line if line.endswith("\n") else line + "\n")
                        n += 1
    return dest


def shortest_record(files: list[Path], dest: Path) -> Path:
    """A one-article JSONL (the shortest text) for the fixed cost of ``communique ingest``."""
    best = None
    for path in files:
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    size = len(json.loads(line).get("text") or "")
                    if size > 0 and (best is None or size < best[0]):
                        best = (size, line)
    dest.write_text(best[1] if best[1].endswith("\n") else best[1] + "\n", encoding="utf-8")
    return dest


# --- the benchmark --------------------------------------------------------------------------


def _row(name: str, texts: int, words: int, secs: float, rss: float | None) -> str:
    rss_s = f"{rss:9.0f}" if rss is not None else f"{'':>9}"
    return f"{name:<44} {texts:>6} {words:>8} {secs:>9.1f} {words / secs:>9.0f} {rss_s}"


def benchmark(args: argparse.Namespace) -> int:
    files = corpus_files()
    with tempfile.TemporaryDirectory(prefix="cq-bench-") as tmp:
        tmpdir = Path(tmp)
        if args.limit:
            paths = [str(first_records(files, args.limit, tmpdir / f"first-{args.limit}.jsonl"))]
        else:
            paths = [str(p) for p in files]
        one = [str(shortest_record(files, tmpdir / "one.jsonl"))]
        print(f"corpus:  {NEWS}  ({len(files)} files{f', first {args.limit} records' if args.limit else ''})")
        print(f"model:   {args.model}   batch size: {args.batch_size}   cpus: {os.cpu_count()}")
        print(f"words:   {WORDS}")
        print(f"before:  {_uptime()}")
        sys.stdout.flush()

        texts_json = tmpdir / "texts.json"
        texts_json.write_text(json.dumps(_read_texts(paths)), encoding="utf-8")
        base_c = measure(
            _self(
                "--only-baseline",
                "--model",
                args.model,
                "--batch-size",
                str(args.batch_size),
                str(texts_json),
            )
        )
        base = _json_child(base_c, "plain spaCy baseline")

        cli_db = tmpdir / "bench.db"
        # Every communique run reads the built knowledge tables from one fresh cache
        # directory (codebook/cache.py): the first one-article run fills it (cold), and
        # every later run reads it (warm), as a user's second command does.
        env = {
            **os.environ,
            "COMMUNIQUE_BATCH_SIZE": str(args.batch_size),
            "COMMUNIQUE_CACHE_DIR": str(tmpdir / "cache"),
        }
        cold = measure(_ingest_cmd(one, tmpdir / "one-cold.db", args.model), env=env)
        if cold.returncode not in (0, 3):
            sys.exit(f"communique ingest (1 article, cold cache) failed:\n{cold.stderr[-3000:]}")
        cli = measure(_ingest_cmd(paths, cli_db, args.model), env=env)
        if cli.returncode not in (0, 3):
            sys.exit(f"communique ingest failed (exit {cli.returncode}):\n{cli.stderr[-3000:]}")
        m = _REPORT_LINE.search(cli.stderr)
        read, coded, _current, stored, rejected = (int(x) for x in m.groups()) if m else (0,) * 5
        events_db = _events_in(cli_db)

        fixed = measure(_ingest_cmd(one, tmpdir / "one.db", args.model), env=env)
        if fixed.returncode not in (0, 3):
            sys.exit(f"communique ingest (1 article) failed:\n{fixed.stderr[-3000:]}")

        lib_c = measure(
            _self(
                "--only-library",
                "--model",
                args.model,
                "--batch-size",
                str(args.batch_size),
                "--db",
                f"sqlite:///{tmpdir / 'lib.db'}",
                *paths,
            )
        )
        lib = _json_child(lib_c, "library ingest")
        parallel = []
        for label, runner in PARALLEL_RUNS if args.parallel else ():
            run = measure(
                _ingest_cmd(paths, tmpdir / f"{label}.db", args.model, runner), env=env, sample=True
            )
            if run.returncode not in (0, 3):
                sys.exit(f"communique ingest {' '.join(runner)} failed:\n{run.stderr[-3000:]}")
            one_run = measure(_ingest_cmd(one, tmpdir / f"{label}-one.db", args.model, runner), env=env)
            parallel.append((label, runner, run, one_run, _events_in(tmpdir / f"{label}.db")))
        rounds = [(cli, [p[2] for p in parallel])] if parallel else []
        for k in range(1, args.rounds if parallel else 1):
            again = measure(_ingest_cmd(paths, tmpdir / f"bench-r{k}.db", args.model), env=env)
            runs = [
                measure(_ingest_cmd(paths, tmpdir / f"{label}-r{k}.db", args.model, runner), env=env)
                for label, runner in PARALLEL_RUNS
            ]
            rounds.append((again, runs))
        after = _uptime()

    words, texts = base["words"], base["texts"]
    base_total = base["load_s"] + base["run_s"]
    cli_excl = cli.wall_s - fixed.wall_s
    print()
    print(f"{'':<44} {'texts':>6} {'words':>8} {'seconds':>9} {'words/s':>9} {'RSS MiB':>9}")
    print(_row("plain spaCy nlp.pipe, incl. model load", texts, words, base_total, base_c.maxrss_mib))
    print(_row("plain spaCy nlp.pipe, excl. model load", texts, words, base["run_s"], None))
    print(_row("communique ingest CLI, wall incl. load", coded, words, cli.wall_s, cli.maxrss_mib))
    print(_row("communique ingest CLI, excl. fixed cost (*)", coded, words, cli_excl, None))
    print(
        _row(
            "library Extractor+batch.ingest, incl. load",
            lib["texts"],
            words,
            lib["load_s"] + lib["run_s"],
            lib_c.maxrss_mib,
        )
    )
    print(_row("library batch.ingest, excl. load", lib["texts"], words, lib["run_s"], None))
    print()
    print(
        f"(*) CLI fixed cost = `communique ingest` of one article: {fixed.wall_s:.1f} s "
        f"(RSS {fixed.maxrss_mib:.0f} MiB); model load alone: plain spaCy {base['load_s']:.1f} s, "
        f"Extractor {lib['load_s']:.1f} s"
    )
    print(
        f"    cache of built tables: one-article ingest {cold.wall_s:.1f} s with an empty cache "
        f"(cold, fills it), {fixed.wall_s:.1f} s reading it (warm; every other run here is warm)"
    )
    # CPU seconds (user + system, from wait4) hardly move when other processes share the
    # cores, where wall-clock ratios do: the one-process ratios by CPU time too.
    cpu_excl = cli.cpu_s - fixed.cpu_s
    print(
        f"CPU seconds (user+sys): plain spaCy {base_c.cpu_s:.1f}, ingest CLI {cli.cpu_s:.1f} "
        f"(one article {fixed.cpu_s:.1f}, cold cache {cold.cpu_s:.1f}), library {lib_c.cpu_s:.1f}; "
        f"ratio by CPU incl. load {base_c.cpu_s / cli.cpu_s:.2f}x, excl. fixed cost "
        f"{(base_c.cpu_s - base['load_cpu_s']) / cpu_excl:.2f}x"
    )
    r_incl = (words / cli.wall_s) / (words / base_total)
    r_excl = (words / cli_excl) / (words / base["run_s"])
    r_lib = (words / lib["run_s"]) / (words / base["run_s"])
    for label, r in (
        ("ratio ingest/plain, incl. load (CLI wall vs load+pipe)", r_incl),
        ("ratio ingest/plain, excl. load (CLI vs nlp.pipe)", r_excl),
        ("ratio library ingest/plain, excl. load", r_lib),
    ):
        print(f"{label:<56} {r:5.2f}x   aim >= {AIM}x: {'met' if r >= AIM else 'NOT met'}")
    print()
    print(
        f"ingest: {read} read, {coded} coded, {rejected} rejected, {stored} events stored "
        f"(exit {cli.returncode}); select count(*) from events -> {events_db}"
    )
    print(f"library: {lib['texts']} coded, {lib['rejected']} rejected, {lib['events']} events")
    if rejected or cli.returncode:
        print("rejections:")
        for line in cli.stderr.splitlines():
            if line.startswith("rejected"):
                print("  " + line)
    if parallel:
        print()
        print("parallel ingest (same texts, same CLI; ratios against the one-process CLI run above):")
        print(f"{'':<44} {'seconds':>9} {'words/s':>9} {'x 1 proc':>9} {'x excl.fixed':>12}  events")
        for _label, runner, run, one_run, n_events in parallel:
            excl = run.wall_s - one_run.wall_s
            print(
                f"{'ingest ' + ' '.join(runner):<44} {run.wall_s:>9.1f} {words / run.wall_s:>9.0f} "
                f"{cli.wall_s / run.wall_s:>9.2f} {cli_excl / excl:>12.2f}  {n_events}"
                + ("" if n_events == events_db else f"  WARNING: one process stored {events_db}")
            )
            print(
                f"    CPU seconds (user+sys, writer and workers) {run.cpu_s:.1f} against one "
                f"process's {cli.cpu_s:.1f}: the parallel run's CPU cost is {run.cpu_s / cli.cpu_s:.2f}x"
            )
            # Where it goes: the workers' share (sampled every 0.2 s, so a little low), the
            # rest is the writer's (with Dask: the scheduler, nannies and client too).
            worker_cpu = {k: v for k, v in (run.descendant_cpu or {}).items() if v > 0.5}
            print(
                "    CPU by process: workers "
                + (", ".join(f"{v:.1f}" for v in sorted(worker_cpu.values(), reverse=True)) or "-")
                + f", writer and helpers {run.cpu_s - sum(worker_cpu.values()):.1f}; fixed cost "
                f"(1 article) {one_run.cpu_s:.1f} against one process's {fixed.cpu_s:.1f}; "
                f"excl. it {(run.cpu_s - one_run.cpu_s) / cpu_excl:.2f}x one process's CPU"
            )
            peaks = run.descendants or {}
            workers = {k: v for k, v in peaks.items() if v > 200}  # pipeline holders, not helpers
            print(
                f"    fixed cost (1 article) {one_run.wall_s:.1f} s; peak RSS: writer+children max "
                f"{run.maxrss_mib:.0f} MiB (wait4); per worker process "
                + (", ".join(f"{v:.0f}" for v in sorted(workers.values(), reverse=True)) or "-")
                + " MiB"
            )
        if len(rounds) > 1:
            _print_rounds(rounds)
        print(
            f"aims: --workers 2 >= {AIM_WORKERS}x, --dask local >= {AIM_DASK}x one process; "
            "RSS <= 1536 MiB/worker"
        )
    print(f"plain pipes:      {', '.join(base['pipes'])}")
    print(f"communique pipes: {', '.join(lib['pipes'])}")
    print(f"after:   {after}")
    if args.limit and args.limit < 100:
        print(f"note: with --limit {args.limit} one-off costs dominate; ratios are not meaningful")
    if texts != coded:
        print(f"WARNING: baseline saw {texts} texts, ingest coded {coded}")
    return 0


def _print_rounds(rounds: list[tuple[Child, list[Child]]]) -> None:
    """Each round: the one-process run, then every parallel run, back to back, so that
    each ratio compares runs made under about the same load (the machine may be shared)."""
    print(f"rounds (one process, then {', '.join(label for label, _ in PARALLEL_RUNS)}, back to back):")
    ratios: dict[str, list[float]] = {label: [] for label, _ in PARALLEL_RUNS}
    for k, (one, runs) in enumerate(rounds, 1):
        parts = [f"one process {one.wall_s:.1f} s ({one.cpu_s:.1f} CPU s)"]
        for (label, _), run in zip(PARALLEL_RUNS, runs, strict=True):
            ratios[label].append(one.wall_s / run.wall_s)
            parts.append(f"{label} {run.wall_s:.1f} s ({run.cpu_s:.1f} CPU s) {one.wall_s / run.wall_s:.2f}x")
        print(f"  round {k}: " + "; ".join(parts))
    for label, values in ratios.items():
        print(
            f"  {label}: median {statistics.median(values):.2f}x one process, "
            f"range {min(values):.2f}-{max(values):.2f}x"
        )


# --- linear cost ------------------------------------------------------------------------------


def copies(files: list[Path], limit: int, times: int, dest: Path) -> int:
    """``times`` copies of the corpus (or its first ``limit`` records), each copy's ids
    suffixed ``~cK`` so that every article is new. Returns the number of records."""
    records = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    if limit:
        records = records[:limit]
    with dest.open("w", encoding="utf-8") as out:
        for k in range(times):
            for record in records:
                out.write(json.dumps({**record, "id": f"{record['id']}~c{k}"}) + "\n")
    return len(records) * times


def linear(args: argparse.Namespace) -> int:
    """Time per article and peak RSS for 1x, 2x, 4x the corpus (``--linear 1,2,4``).

    The command's fixed cost (start-up, model load: the same command on one article) is
    subtracted before dividing by the number of articles, or small runs would look slow.
    """
    files = corpus_files()
    runner = tuple(args.linear_runner.split())
    env = {**os.environ, "COMMUNIQUE_BATCH_SIZE": str(args.batch_size)}  # the user's cache dir
    print(
        f"linear cost: communique ingest {' '.join(runner)}; corpus {NEWS}"
        + (f", first {args.limit} records" if args.limit else "")
    )
    print(f"before:  {_uptime()}")
    first = None
    with tempfile.TemporaryDirectory(prefix="cq-linear-") as tmp:
        one = [str(shortest_record(files, Path(tmp) / "one.jsonl"))]
        fixed = measure(_ingest_cmd(one, Path(tmp) / "one.db", args.model, runner), env=env)
        print(f"fixed cost (the same command on one article): {fixed.wall_s:.1f} s")
        print(
            f"{'copies':>6} {'articles':>8} {'seconds':>9} {'ms/article':>10} {'vs 1st':>7} "
            f"{'peak RSS MiB (per process)':>28}"
        )
        for times in (int(x) for x in args.linear.split(",")):
            src = Path(tmp) / f"x{times}.jsonl"
            n = copies(files, args.limit, times, src)
            run = measure(
                _ingest_cmd([str(src)], Path(tmp) / f"x{times}.db", args.model, runner), env=env, sample=True
            )
            if run.returncode not in (0, 3):
                sys.exit(f"ingest of {times} copies failed:\n{run.stderr[-3000:]}")
            per = (run.wall_s - fixed.wall_s) / n
            first = first or per
            peaks = [run.maxrss_mib, *[v for v in (run.descendants or {}).values() if v > 200]]
            print(
                f"{times:>6} {n:>8} {run.wall_s:>9.1f} {per * 1000:>10.1f} {per / first:>7.2f} "
                f"{', '.join(f'{v:.0f}' for v in peaks):>28}"
            )
    print(f"after:   {_uptime()}")
    print("ms/article excludes the fixed cost; aim: flat within 10% (vs 1st 0.90..1.10), peak RSS flat")
    return 0


# --- profiling ------------------------------------------------------------------------------


def _stage_times(extractor, articles, store) -> list[tuple[str, float]]:
    """Each stage over all docs in turn (same work as nlp.pipe, timed per stage)."""
    from dataclasses import replace

    from communique.dedup import merge_within_article
    from communique.nlp.convert import doc_to_result

    nlp = extractor.nlp
    times: list[tuple[str, float]] = []
    t0 = time.perf_counter()
    docs = []
    for a in articles:
        doc = nlp.make_doc(a.text)
        doc._.cq_article_date = a.date
        docs.append(doc)
    times.append(("tokenizer (make_doc)", time.perf_counter() - t0))
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=extractor.batch_size))
        else:
            docs = [proc(d) for d in docs]
        times.append((name, time.perf_counter() - t0))
    t0 = time.perf_counter()
    results = []
    for doc, a in zip(docs, articles, strict=True):
        r = doc_to_result(doc, a, codebook=extractor.codebook, pipeline_version=extractor.pipeline_version)
        results.append(replace(r, events=merge_within_article(r.events)))
    times.append(("convert.doc_to_result + dedup", time.perf_counter() - t0))
    t0 = time.perf_counter()
    run_id = store.begin_run("bench", extractor.pipeline_version)
    for i in range(0, len(results), extractor.batch_size):
        store.save_results(results[i : i + extractor.batch_size], run_id=run_id)
    store.finish_run(run_id)
    times.append(("store.save_results (SQLite)", time.perf_counter() - t0))
    return times


def profile(args: argparse.Namespace) -> int:
    from communique.extract import Extractor
    from communique.fileio import read_articles
    from communique.model import Rejection
    from communique.store import open_store

    logging.getLogger("communique.fileio").setLevel(logging.ERROR)
    articles = [a for a in read_articles([str(p) for p in corpus_files()]) if not isinstance(a, Rejection)]
    articles = articles[: args.profile]
    print(f"profile: first {len(articles)} texts, model {args.model}, batch size {args.batch_size}")
    print(f"load:    {_uptime()}")
    t0 = time.perf_counter()
    extractor = Extractor(model=args.model, batch_size=args.batch_size)
    print(f"Extractor(): {time.perf_counter() - t0:.1f} s")
    words = sum(_count_words(extractor.nlp.make_doc(a.text)) for a in articles)
    print(f"words: {words} ({WORDS})")

    with tempfile.TemporaryDirectory(prefix="cq-prof-") as tmp:
        # warm-up so that lazy initialisation is not charged to the first stage
        list(extractor.extract_many(articles[:2]))
        with open_store(f"sqlite:///{Path(tmp) / 'stages.db'}") as store:
            stages = _stage_times(extractor, articles, store)
        total = sum(s for _, s in stages)
        print()
        print(f"{'stage':<34} {'seconds':>8} {'share':>7} {'words/s':>9}")
        for name, secs in stages:
            mine = "  <- communique" if name.startswith(("communique", "convert", "store")) else ""
            print(f"{name:<34} {secs:8.2f} {secs / total:7.1%} {words / secs:9.0f}{mine}")
        spacy_s = sum(s for n, s in stages if not n.startswith(("communique", "convert", "store")))
        ours = total - spacy_s
        print(f"{'total':<34} {total:8.2f}   spaCy's own: {spacy_s:.2f} s, communique's: {ours:.2f} s")

        prof = cProfile.Profile()
        with open_store(f"sqlite:///{Path(tmp) / 'prof.db'}") as store:
            run_id = store.begin_run("bench", extractor.pipeline_version)
            prof.enable()
            results = list(extractor.extract_many(articles))
            for i in range(0, len(results), args.batch_size):
                store.save_results(results[i : i + args.batch_size], run_id=run_id)
            prof.disable()
            store.finish_run(run_id)

    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats("cumulative").print_stats(r"communique[/\\]", args.top)
    print()
    print(f"cProfile, top {args.top} communique.* functions by cumulative time:")
    print(_trim_stats(buf.getvalue()))
    buf = io.StringIO()
    stats.stream = buf
    stats.sort_stats("tottime").print_stats(args.top)
    print(f"cProfile, top {args.top} functions overall by own time:")
    print(_trim_stats(buf.getvalue()))
    return 0


def _trim_stats(text: str) -> str:
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    site = str(Path(sys.prefix))
    return "\n".join(line.replace(site, "<venv>") for line in lines[start:] if line.strip())


# --- command line -------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    p.add_argument("--model", default=None, help="spaCy model (default: communique's default)")
    p.add_argument("--limit", type=int, default=0, help="only the first N texts (quick check)")
    p.add_argument("--batch-size", type=int, default=DEFAULT_BATCH)
    p.add_argument("--profile", type=int, default=0, metavar="N", help="profile ingest on N texts")
    p.add_argument("--top", type=int, default=30, help="rows of each cProfile listing")
    p.add_argument(
        "--parallel", action="store_true", help="also time --workers 2 and --dask local (2 workers)"
    )
    p.add_argument(
        "--rounds",
        type=int,
        default=1,
        metavar="N",
        help="with --parallel: N rounds of one-process and parallel runs back to back (median ratio)",
    )
    p.add_argument(
        "--linear", metavar="K,K,...", help="time per article for K copies of the corpus, e.g. 1,2,4"
    )
    p.add_argument("--linear-runner", default="--workers 1", help="ingest options of the --linear runs")
    p.add_argument("--only-baseline", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--only-library", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--db", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    args.model = args.model or _default_model()
    if args.only_baseline:
        print(json.dumps(run_baseline(args.paths[0], args.model, args.batch_size)))
        return 0
    if args.only_library:
        print(json.dumps(run_library(args.paths, args.model, args.batch_size, args.db)))
        return 0
    if args.profile:
        return profile(args)
    if args.linear:
        return linear(args)
    return benchmark(args)


if __name__ == "__main__":
    sys.exit(main())
