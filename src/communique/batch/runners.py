"""What a runner is, and the in-order streaming that the parallel runners share.

A runner turns a stream of partitions into a stream of ``PartitionResult`` in the same
order. Runners differ only in where ``work.run_partition`` executes: here (serial),
in worker processes (``process.py``), or on Dask workers (``dask.py``). The single
writer in ``ingest.py`` consumes the stream and commits each result.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from communique.batch.plan import Partition
from communique.batch.work import PartitionResult
from communique.errors import CommuniqueError


class WorkerLostError(CommuniqueError):
    """An extraction worker died (killed, out of memory) before returning its partition.

    Everything committed before is kept; re-running the same command resumes.
    """

    exit_code = 5

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"an extraction worker died ({detail}); everything committed so far is kept: "
            "run the same command again to resume (fewer --workers if memory is short)"
        )


class Runner(Protocol):
    """The interface every runner offers to ``ingest``."""

    name: str

    @property
    def pipeline_version(self) -> str:
        """The version the workers code with (known before any work is sent, so that
        articles already stored with it are skipped, not sent)."""
        ...

    def map(self, partitions: Iterable[Partition]) -> Iterator[PartitionResult]:
        """Results in partition order. Closing the iterator early cancels what is queued."""
        ...

    def close(self) -> None:
        """Release workers (the runner's creator calls it)."""
        ...


class _Done(Protocol):
    """What ``ordered`` asks of a future: both ``concurrent.futures`` and Dask's have it."""

    def done(self) -> bool: ...

    def add_done_callback(self, fn: Callable[[Any], object], /) -> None: ...


F = TypeVar("F", bound=_Done)


#: How many results, at most, wait for an earlier partition (``ordered``), per partition
#: in flight: memory stays bounded by a few partitions' events.
HELD_PER_RUNNING = 2
#: Longest sleep of ``ordered`` between looks at its futures (a missed wake-up costs this).
WAKE_SECONDS = 0.5


def ordered(
    submit: Callable[[Partition], F],
    wait: Callable[[F], PartitionResult],
    cancel: Callable[[F], object],
    partitions: Iterable[Partition],
    ahead: int,
) -> Iterator[PartitionResult]:
    """Keep up to ``ahead`` partitions running; yield their results in input order.

    A new partition is submitted as soon as any running one finishes, not only when the
    oldest does: a long partition (a hearing transcript) at the head of the queue no
    longer leaves the other workers idle once they have finished what follows it (with
    a refill on the oldest only, they did, up to a whole partition per worker). Results
    finished out of turn wait here, at most ``HELD_PER_RUNNING * ahead`` of them.

    The input is pulled only to refill the window, so reading and the skip check of
    later articles overlap with extraction, and a stop request seen by the producer
    stops new work at once. Queued work is cancelled when the consumer stops early.
    """
    if ahead < 1:
        raise ValueError(f"ahead must be at least 1, got {ahead}")
    source = iter(partitions)
    pending: deque[F] = deque()
    exhausted = False
    finished = threading.Event()  # set by any future's completion (a worker is free)

    def on_done(_future: object) -> None:
        finished.set()

    def running() -> int:
        return sum(1 for f in pending if not f.done())

    def refill() -> None:
        nonlocal exhausted
        limit = (1 + HELD_PER_RUNNING) * ahead
        while not exhausted and len(pending) < limit and running() < ahead:
            part = next(source, None)
            if part is None:
                exhausted = True
            else:
                future = submit(part)
                future.add_done_callback(on_done)
                pending.append(future)

    try:
        refill()
        while pending:
            head = pending[0]
            if not head.done():
                finished.clear()
                refill()  # a worker may have finished meanwhile
                if not head.done():
                    finished.wait(WAKE_SECONDS)
                continue
            pending.popleft()
            result = wait(head)
            refill()  # keep the workers busy while the writer commits this result
            yield result
    finally:
        for future in pending:
            cancel(future)
