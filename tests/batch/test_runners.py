"""The same ingest, on every runner: serial (the reference), worker processes, Dask.

Real pipelines in every worker, real SQLite files; the stored events, their ids and
the counts must be those of the serial runner, field for field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from communique.batch import (
    IngestConfig,
    Partition,
    ProcessRunner,
    SerialRunner,
    WorkerConfig,
    ingest,
    partition,
)
from communique.extract import DEFAULT_MODEL
from communique.fileio import read_articles
from communique.model import Article
from communique.store import Store, open_store

BATCH = 3
RUNNERS = ("serial", "process", "dask")


@pytest.fixture(scope="module", params=RUNNERS)
def runner(request, extractor) -> Iterator[object]:
    kind = request.param
    config = WorkerConfig(DEFAULT_MODEL, batch_size=BATCH)
    if kind == "serial":
        yield SerialRunner(extractor)
    elif kind == "process":
        with ProcessRunner(config, 2) as made:
            yield made
    else:
        pytest.importorskip("distributed", reason="the dask extra is not installed")
        from communique.batch.dask import DaskRunner

        with DaskRunner(config, "local", workers=2) as made:
            yield made


def config() -> IngestConfig:
    return IngestConfig(model=DEFAULT_MODEL, batch_size=BATCH)


def stored(store: Store) -> dict[str, dict]:
    return {e.id: e.to_dict() for e in store.events()}


@pytest.fixture(scope="module")
def reference(extractor, examples_dir) -> dict[str, dict]:
    """What the pipeline extracts from the examples, straight from the Extractor."""
    articles = [a for a in read_articles(sorted(examples_dir.glob("*.txt"))) if isinstance(a, Article)]
    return {e.id: e.to_dict() for r in extractor.extract_many(articles) for e in r.events}


def test_partition_is_pure_and_keeps_order() -> None:
    articles = [Article(id=f"a{i}", text=f"Text {i}.") for i in range(7)]
    parts = list(partition(iter(articles), 3))
    assert [p.index for p in parts] == [0, 1, 2]
    assert [len(p) for p in parts] == [3, 3, 1]
    assert [a for p in parts for a in p.articles] == articles
    assert list(partition([], 3)) == []
    with pytest.raises(ValueError):
        list(partition(articles, 0))
    assert parts[0] == Partition(0, tuple(articles[:3]))


def test_every_runner_stores_what_the_serial_pipeline_extracts(
    runner, articles_dir, tmp_path, reference, extractor
) -> None:
    with open_store(tmp_path / "events.db") as store:
        report = ingest([articles_dir], store, config(), runner=runner)
        assert runner.pipeline_version == extractor.pipeline_version
        assert report.status == "ok" and report.ok
        assert (report.articles_read, report.articles_coded, report.articles_skipped) == (8, 8, 0)
        assert report.events == store.event_count() == len(reference) > 0
        assert stored(store) == reference
        assert store.article_count() == 8
        (run,) = store.runs()
        assert (run.status, run.articles, run.events, run.rejected) == ("ok", 8, len(reference), 0)


def test_every_runner_resumes_skipping_current_articles(runner, articles_dir, tmp_path, reference) -> None:
    paths = sorted(articles_dir.glob("*.txt"))
    with open_store(tmp_path / "events.db") as store:
        first = ingest(paths[:4], store, config(), runner=runner)
        second = ingest(paths, store, config(), runner=runner)
        third = ingest(paths, store, config(), runner=runner)
        assert (first.articles_coded, second.articles_skipped, second.articles_coded) == (4, 4, 4)
        assert (third.articles_skipped, third.articles_coded, third.events) == (8, 0, 0)
        assert stored(store) == reference
        assert first.events + second.events == len(reference)


def test_every_runner_honours_a_stop_request_between_partitions(
    runner, articles_dir, tmp_path, reference
) -> None:
    """A stop after the first committed partition: whole partitions kept, the run is
    'interrupted', and a re-run completes with exactly the reference events."""
    commits: list[int] = []
    with open_store(tmp_path / "events.db") as store:
        report = ingest(
            [articles_dir],
            store,
            config(),
            runner=runner,
            on_progress=lambda r: commits.append(r.articles_coded),
            should_stop=lambda: bool(commits),
        )
        assert report.status == "interrupted"
        assert commits == [BATCH]
        assert store.article_count() == BATCH
        again = ingest([articles_dir], store, config(), runner=runner)
        assert (again.articles_skipped, again.articles_coded) == (BATCH, 8 - BATCH)
        assert stored(store) == reference
        assert [r.status for r in store.runs()] == ["interrupted", "ok"]


def test_every_runner_records_rejections_with_file_and_line(runner, tmp_path) -> None:
    jsonl = tmp_path / "news.jsonl"
    good = {"id": "ok-1", "date": "2024-05-03", "text": "Japan signed a trade agreement with Australia."}
    jsonl.write_text("\n".join([json.dumps(good), "{not json", "[1]"]) + "\n", encoding="utf-8")
    with open_store(tmp_path / "events.db") as store:
        report = ingest([jsonl], store, config(), runner=runner)
        assert report.articles_coded == 1
        assert {(r.source, r.line) for r in report.rejections} == {(str(jsonl), 2), (str(jsonl), 3)}
        assert store.rejections() == report.rejections
        assert store.stored_article_ids() == {"ok-1"}


def test_a_killed_worker_fails_the_run_and_keeps_what_was_committed(
    articles_dir, tmp_path, reference
) -> None:
    """SIGKILL to one extraction process mid-run: a typed error, not a hang; the committed
    partitions stay whole, the run is 'failed', and a re-run completes exactly."""
    import os
    import signal

    import psutil

    from communique.batch.runners import WorkerLostError

    single = IngestConfig(model=DEFAULT_MODEL, batch_size=1)
    killed: list[int] = []

    def spawned() -> set[int]:
        return {p.pid for p in psutil.Process().children() if "spawn_main" in " ".join(p.cmdline())}

    others = spawned()  # e.g. the Dask workers of the module's runner fixture

    def kill_a_worker(_report) -> None:
        if killed:
            return
        ours = sorted(spawned() - others)
        assert ours, "no worker process found"
        os.kill(ours[0], signal.SIGKILL)
        killed.append(ours[0])

    with open_store(tmp_path / "events.db") as store:
        with ProcessRunner(single.worker_config(), 2) as runner, pytest.raises(WorkerLostError):
            ingest([articles_dir], store, single, runner=runner, on_progress=kill_a_worker)
        assert killed
        kept = store.article_count()
        assert 1 <= kept < 8
        assert [r.status for r in store.runs()] == ["failed"]
        with ProcessRunner(single.worker_config(), 2) as runner:
            again = ingest([articles_dir], store, single, runner=runner)
        assert (again.articles_skipped, again.articles_coded) == (kept, 8 - kept)
        assert stored(store) == reference


def _malloc_trim() -> str | None:
    import os

    return os.environ.get("MALLOC_TRIM_THRESHOLD_")


def test_local_dask_workers_run_without_the_nannys_malloc_trim(runner) -> None:
    """Dask's default MALLOC_TRIM_THRESHOLD_=65536 costs spaCy 12-20% CPU (batch/dask.py)."""
    if runner.name != "dask":
        pytest.skip("only the Dask runner starts workers through a nanny")
    assert set(runner._client.run(_malloc_trim).values()) == {None}


def _profiling() -> bool:
    import dask

    return bool(dask.config.get("distributed.worker.profile.enabled"))


def test_local_dask_workers_do_not_sample_their_threads(runner) -> None:
    if runner.name != "dask":
        pytest.skip("only the Dask runner has worker profiling")
    assert set(runner._client.run(_profiling).values()) == {False}


def test_ordered_refills_when_any_partition_finishes_not_only_the_oldest() -> None:
    """A slow partition at the head must not leave the other workers idle: partition 0
    finishes only once partition 3 has started, which with a window of 2 happens only if
    each finished later partition frees its place at once. Results still come in order."""
    import threading
    from concurrent.futures import Future, ThreadPoolExecutor

    from communique.batch.runners import ordered
    from communique.batch.work import PartitionResult

    third_started = threading.Event()

    def work(part: Partition) -> PartitionResult:
        if part.index == 0:
            assert third_started.wait(10), "partition 3 never started while 0 was running"
        if part.index == 3:
            third_started.set()
        return PartitionResult(part.index, "v", ())

    parts = [Partition(i, ()) for i in range(6)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = ordered(lambda p: pool.submit(work, p), Future.result, Future.cancel, parts, 2)
        assert [r.index for r in results] == list(range(6))


def _plugin_names(dask_worker) -> list[str]:
    return sorted(dask_worker.plugins)


def test_local_dask_workers_get_the_extractor_plugin_as_they_start(runner) -> None:
    """Given to the LocalCluster, not registered afterwards: each worker starts loading its
    pipeline before it registers with the scheduler (batch/dask.py)."""
    if runner.name != "dask":
        pytest.skip("only the Dask runner has worker plugins")
    from communique.batch.dask import PLUGIN_NAME

    assert all(PLUGIN_NAME in names for names in runner._client.run(_plugin_names).values())
    assert PLUGIN_NAME not in runner._cluster.scheduler.worker_plugins  # not sent a second time


def test_the_dask_plugin_keeps_a_failed_load_for_the_first_task() -> None:
    """The load started by ``setup`` runs on a thread; its error (a model that is not
    installed) is raised by the first task, once, not retried on every partition."""
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    import threading
    from types import SimpleNamespace

    from communique.batch.dask import ExtractorPlugin

    plugin = ExtractorPlugin(WorkerConfig("no_such_model_xx"))
    plugin.setup(SimpleNamespace(address="tcp://test"))
    for thread in threading.enumerate():
        if thread.name == "communique-pipeline-load":
            thread.join(60)
    with pytest.raises(Exception) as first:
        plugin.extractor()
    with pytest.raises(Exception) as second:
        plugin.extractor()
    assert first.value is second.value
