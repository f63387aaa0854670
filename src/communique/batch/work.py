"""One partition of work: extract its articles, return plain records.

This is what every runner executes, in the calling process (serial), in a worker
process, or on a Dask worker. It holds no connection and writes nothing: the one
writer stores what it returns. Results cross process boundaries by pickling, so the
per-sentence explanations (only ``explain`` needs them) are dropped here.
"""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from communique.batch.plan import Partition
from communique.model import ArticleResult, Rejection

if TYPE_CHECKING:  # imported where a pipeline is built: the writer process never needs it
    from communique.extract import Extractor

log = logging.getLogger(__name__)

# Errors that one article can provoke inside the pipeline; anything else (MemoryError,
# a missing model) is not the article's fault and stops the run.
_ARTICLE_ERRORS = (ValueError, RuntimeError, KeyError, IndexError, TypeError, AttributeError)


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    """What a worker needs to build its pipeline, as plain picklable values."""

    model: str
    batch_size: int = 32
    require_recipient: bool = True
    actors_file: str | None = None
    cache_dir: str | None = None

    def build_extractor(self) -> Extractor:
        """Load the pipeline this config names (seconds: do it once per worker).

        Articles are coded alone (no learning from one article for the next), so that
        the stored events do not depend on which worker got which partition."""
        from communique.extract import Extractor

        return Extractor(
            model=self.model,
            batch_size=self.batch_size,
            require_recipient=self.require_recipient,
            actors_file=self.actors_file,
            learn_from_text=False,
            cache_dir=self.cache_dir,
        )


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What a worker returns for one partition: results in input order, and the
    articles the pipeline failed on, as rejections with their reason."""

    index: int
    pipeline_version: str
    results: tuple[ArticleResult, ...]
    rejections: tuple[Rejection, ...] = ()


def extract_partition(partition: Partition, extractor: Extractor) -> PartitionResult:
    """Extract one partition with ``nlp.pipe``; if the batch fails, retry article by
    article so that one bad article is rejected with its reason, not the others."""
    try:
        results = list(extractor.extract_many(partition.articles, explain=False))
        return PartitionResult(partition.index, extractor.pipeline_version, _slim(results))
    except _ARTICLE_ERRORS as exc:
        log.warning("partition %d failed (%s); retrying article by article", partition.index, exc)
    done: list[ArticleResult] = []
    rejected: list[Rejection] = []
    for article in partition.articles:
        try:
            done.append(extractor.extract(article, explain=False))
        except _ARTICLE_ERRORS as exc:
            rejected.append(Rejection(article.id, None, f"extraction failed: {exc}", article.id))
    return PartitionResult(partition.index, extractor.pipeline_version, _slim(done), tuple(rejected))


def _slim(results: list[ArticleResult]) -> tuple[ArticleResult, ...]:
    return tuple(replace(r, explanations=()) for r in results)


# -- the garbage collector in a long batch run ---------------------------------------------

#: Allocations between young-generation collections in a batch run (CPython's default: 700).
BATCH_GC_THRESHOLD = 50_000


def tune_gc() -> tuple[int, int, int]:
    """Make the collector cheap for batch extraction; returns the old thresholds.

    A loaded pipeline is ~270,000 long-lived objects (the people knowledge base, the
    codebook, matchers), and coding an article allocates millions of short-lived ones
    (spaCy tokens, spans), so with CPython's defaults the collector ran ~550 times per
    150 articles and took 5-10% of the CPU time, mostly re-examining the pipeline.
    Freezing what exists now takes the pipeline out of every later collection, and a
    higher first threshold makes the young collections rare; garbage that is not in a
    cycle is freed at once as always, so memory stays flat (measured: the same peak RSS).
    Only the young generations are collected before freezing: a full collection of the
    loaded pipeline took 0.2 s of every process's start for ~700 objects of garbage.
    """
    old = gc.get_threshold()
    gc.collect(1)
    gc.freeze()
    gc.set_threshold(BATCH_GC_THRESHOLD, old[1], old[2])
    return old


@contextlib.contextmanager
def batch_gc() -> Iterator[None]:
    """:func:`tune_gc` for the length of a ``with`` block, then the old settings."""
    old = tune_gc()
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


# -- one pipeline per worker process ------------------------------------------------------

_WORKER_EXTRACTORS: dict[WorkerConfig, Extractor] = {}
_WORKER_ERRORS: dict[WorkerConfig, Exception] = {}


def worker_extractor(config: WorkerConfig) -> Extractor:
    """The pipeline of this worker process, built on first use and kept for the
    process's life (a worker serves many partitions; loading spaCy costs seconds)."""
    if config in _WORKER_ERRORS:
        raise _WORKER_ERRORS[config]
    extractor = _WORKER_EXTRACTORS.get(config)
    if extractor is None:
        extractor = _WORKER_EXTRACTORS[config] = config.build_extractor()
    return extractor


def prepare_worker(config: WorkerConfig) -> None:
    """Load the pipeline as a worker process starts (a process pool's initializer).

    A failure (say, a model that is not installed) is kept and raised by the worker's
    first task, where it reaches the caller as the error it is; raised here, it would
    only break the pool with a message about a process that died.
    """
    try:
        worker_extractor(config)
    except Exception as exc:  # re-raised, typed, by the first task
        _WORKER_ERRORS[config] = exc
    tune_gc()  # this process only extracts from now on


def run_partition(partition: Partition, config: WorkerConfig) -> PartitionResult:
    """Entry point of a worker process: extract ``partition`` with this process's pipeline."""
    return extract_partition(partition, worker_extractor(config))


def worker_pipeline_version(config: WorkerConfig) -> str:
    """The pipeline version a worker codes with (loads the pipeline if needed)."""
    return worker_extractor(config).pipeline_version
