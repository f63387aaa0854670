"""The process runner: N worker processes on this machine, each with its own pipeline.

Workers are started with ``spawn`` (a clean interpreter: no inherited threads, locks or
database connections) and ignore SIGINT, so that Ctrl-C reaches only the writer, which
turns it into a stop request honoured between partitions. Each worker loads the
pipeline once, as it starts, and keeps it. A worker that dies (killed, out
of memory) breaks the pool: the run fails with that error instead of hanging.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from communique.batch.plan import Partition
from communique.batch.runners import WorkerLostError, ordered
from communique.batch.work import (
    PartitionResult,
    WorkerConfig,
    prepare_worker,
    run_partition,
    worker_pipeline_version,
)

log = logging.getLogger(__name__)


#: How often a worker checks that the writer that started it is still alive (seconds).
PARENT_CHECK_SECONDS = 1.0


def _start_worker(config: WorkerConfig) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent(os.getppid())
    prepare_worker(config)


def _exit_with_parent(parent: int) -> None:
    """End this worker when the writer that started it is gone.

    A writer killed with SIGKILL (or by the OOM killer) cannot stop its pool; its
    workers would wait forever for work, each holding a pipeline (~0.5 GB). A daemon
    thread polls the parent pid: once the worker has been re-parented, it exits.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="communique-parent-watch", daemon=True).start()


def _wait(future: Future[PartitionResult]) -> PartitionResult:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise WorkerLostError(str(exc) or "the process pool broke") from exc


class ProcessRunner:
    """Partitions extracted by ``workers`` processes; results streamed back in order."""

    name = "process"

    def __init__(self, config: WorkerConfig, workers: int, *, ahead: int | None = None) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.config = config
        self.workers = workers
        self.ahead = ahead or 2 * workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(config,),
        )
        self._version: str | None = None
        # One task per worker makes the pool start every process now, so that the
        # workers load their pipelines while the caller gets ready (opens the store,
        # imports the readers); the first answer gives the version (all workers run
        # the same installed code).
        self._versions = [self._pool.submit(worker_pipeline_version, config) for _ in range(workers)]

    @property
    def pipeline_version(self) -> str:
        if self._version is None:
            self._version = _wait(self._versions[0])  # type: ignore[arg-type]
        return self._version

    def map(self, partitions: Iterable[Partition]) -> Iterator[PartitionResult]:
        def submit(part: Partition) -> Future[PartitionResult]:
            try:
                return self._pool.submit(run_partition, part, self.config)
            except BrokenProcessPool as exc:
                raise WorkerLostError(str(exc) or "the process pool broke") from exc

        return ordered(submit, _wait, Future.cancel, partitions, self.ahead)

    def close(self) -> None:
        """Cancel queued partitions and wait for the workers to finish the one in hand."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ProcessRunner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
