"""Ingest: read articles, extract events, store them in committed batches.

Each partition is one transaction, so a crash or Ctrl-C loses at most the partitions in
flight, and a re-run skips every article already stored with the same content and
pipeline version (resume): they are skipped here, before any work is sent to a worker.
An article that cannot be read or processed is recorded as a rejection with its
reason, and the rest goes on.

The flow is DESIGN.md's: read + skip check + ``plan.partition`` (here, lazily) → a
runner (serial, processes or Dask) → ``PartitionResult`` in input order → this one
writer, which commits each. Every runner gives the same stored result.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from communique.batch.plan import Partition, partition
from communique.batch.runners import Runner
from communique.batch.serial import SerialRunner
from communique.batch.work import PartitionResult, WorkerConfig, batch_gc
from communique.errors import CommuniqueError
from communique.extract import Extractor, learned_people
from communique.model import Article, Rejection

if TYPE_CHECKING:  # the caller opened the store; importing this module stays light (below)
    from communique.store import RunInfo, Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IngestConfig:
    """What ingest needs to know, as plain values (front ends read the settings)."""

    model: str
    batch_size: int = 32
    require_recipient: bool = True
    actors_file: str | None = None
    cache_dir: str | None = None  # built knowledge tables kept between processes (codebook/cache.py)

    def worker_config(self) -> WorkerConfig:
        """The part of the config a worker needs to build its pipeline."""
        return WorkerConfig(
            self.model, self.batch_size, self.require_recipient, self.actors_file, self.cache_dir
        )


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did; ``ok`` is False when anything was rejected."""

    run_id: int
    articles_read: int = 0
    articles_coded: int = 0
    articles_skipped: int = 0
    events: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    status: str = "running"
    not_articles: list[str] = field(default_factory=list)  # folder files of other types, skipped
    killed_runs: list[RunInfo] = field(default_factory=list)  # earlier runs found dead, now interrupted

    @property
    def ok(self) -> bool:
        return not self.rejections and self.status == "ok"


class PipelineMismatchError(CommuniqueError):
    """A worker coded with another pipeline version than the run was started with."""


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    config: IngestConfig,
    *,
    extractor: Extractor | None = None,
    runner: Runner | None = None,
    command: str = "ingest",
    on_article: Callable[[str], None] | None = None,
    on_progress: Callable[[IngestReport], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> IngestReport:
    """Ingest articles from ``paths`` into ``store``.

    ``runner`` says where extraction runs (``SerialRunner``, ``ProcessRunner``,
    ``DaskRunner``); by default it is serial, with ``extractor`` (or one built from
    ``config``). The caller owns a runner it passes and closes it. An ``extractor``
    given here is switched to coding every article alone (``learn_from_text=False``).

    ``on_article`` is called for every item read; ``on_progress`` after every committed
    partition, with the report so far (progress bars). ``should_stop`` is polled between
    articles and partitions: when it answers True (the CLI sets it on Ctrl-C) no new
    partition is started, the run ends as ``interrupted`` at a clean point, and every
    committed partition is kept. That is why an interrupt is a request, not an
    exception raised inside a database call.
    """
    if runner is None:
        if extractor is not None:
            # Every article is coded alone in an ingest (no learning from one article for
            # the next), so that any runner, partitioning or resumed run stores the same.
            extractor.learn_from_text = False
        runner = SerialRunner(extractor or config.worker_config().build_extractor())
    elif extractor is not None:
        raise ValueError("give an extractor or a runner, not both")
    version = runner.pipeline_version
    killed = store.mark_dead_runs()
    report = IngestReport(run_id=store.begin_run(command, version), killed_runs=killed)

    def stop_requested() -> bool:
        return should_stop is not None and should_stop()

    todo = _articles_to_code(paths, store, version, report, on_article, stop_requested, config.batch_size)
    planned = _unless_stopped(partition(todo, config.batch_size), stop_requested)
    results = runner.map(planned)
    with batch_gc():  # the collector tuned for a long run (work.tune_gc)
        try:
            for done in results:
                _write(done, version, store, report)
                if on_progress is not None:
                    on_progress(report)
                if stop_requested():
                    break
            report.status = "interrupted" if stop_requested() else "ok"
        except KeyboardInterrupt:
            report.status = "interrupted"
            raise
        except BaseException:
            report.status = "failed"
            raise
        finally:
            close = getattr(results, "close", None)
            if close is not None:
                close()  # cancels partitions queued on workers
            store.finish_run(report.run_id, status=report.status)
    return report


def _articles_to_code(
    paths: Iterable[str | Path],
    store: Store,
    version: str,
    report: IngestReport,
    on_article: Callable[[str], None] | None,
    stop_requested: Callable[[], bool],
    check_every: int,
) -> Iterator[Article]:
    """Articles read from ``paths`` that are not stored and current; rejections are
    recorded as they are met. Stops reading when a stop is requested.

    Whether articles are current is asked of the store for ``check_every`` articles at a
    time (one query, not one per article each). Reading is pulled by the partitions, so
    with the batch size as ``check_every`` the serial runner still checks an article only
    after every partition before its own is committed, as one query per article did."""
    # Imported here: a parallel ingest starts its workers (batch/process.py) before this
    # process imports the readers and their libraries, so the two overlap.
    from communique.fileio import read_articles

    read: list[Article] = []
    for item in read_articles(paths, on_skip=report.not_articles.append):
        if stop_requested():
            return
        if on_article is not None:
            on_article(item.item_id or item.source if isinstance(item, Rejection) else item.id)
        if isinstance(item, Rejection):
            log.info("rejected %s", item.describe())
            report.rejections.append(item)
            store.save_rejections([item], run_id=report.run_id)
            continue
        report.articles_read += 1
        read.append(item)
        if len(read) >= check_every:
            yield from _not_current(read, store, version, report)
            read = []
    yield from _not_current(read, store, version, report)


def _not_current(read: list[Article], store: Store, version: str, report: IngestReport) -> Iterator[Article]:
    """The articles of ``read`` that the store does not hold from the same text and version."""
    if not read:
        return
    current = store.current_ids([(a.id, a.content_hash) for a in read], version)
    for article in read:
        if article.id in current:
            report.articles_skipped += 1
        else:
            yield article


def _unless_stopped(parts: Iterable[Partition], stop_requested: Callable[[], bool]) -> Iterator[Partition]:
    """Partitions until a stop is requested: the partition in hand is then not started
    (it is redone on the next run)."""
    for part in parts:
        if stop_requested():
            return
        yield part


def _write(done: PartitionResult, version: str, store: Store, report: IngestReport) -> None:
    """The one writer: a partition's results in one transaction, then its rejections."""
    if done.pipeline_version != version:
        raise PipelineMismatchError(
            f"a worker coded partition {done.index} with pipeline {done.pipeline_version}, "
            f"but this run uses {version}: install the same Communique and model everywhere"
        )
    if done.results:
        report.events += store.save_results(done.results, run_id=report.run_id)
        report.articles_coded += len(done.results)
        store.save_people([p for result in done.results for p in learned_people(result)])
    if done.rejections:
        report.rejections.extend(done.rejections)
        store.save_rejections(done.rejections, run_id=report.run_id)
