"""What a runner is, and the in-order streaming that the parallel runners share.

A runner turns a stream of partitions into a stream of ``PartitionResult`` in the same
order. Runners differ only in where ``work.run_partition`` executes: here (serial),
in worker processes (``process.py``), or on Dask workers (``dask.py``). The single
writer in ``ingest.py`` consumes the stream and commits each result.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

from communique.batch.plan import Partition
from communique.batch.work import PartitionResult
from communique.errors import CommuniqueError

F = TypeVar("F")


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


def ordered(
    submit: Callable[[Partition], F],
    wait: Callable[[F], PartitionResult],
    cancel: Callable[[F], object],
    partitions: Iterable[Partition],
    ahead: int,
) -> Iterator[PartitionResult]:
    """Keep up to ``ahead`` partitions submitted; yield their results in input order.

    The input is pulled only to refill the window, so reading and the skip check of
    later articles overlap with extraction, and a stop request seen by the producer
    stops new work at once. Queued work is cancelled when the consumer stops early.
    """
    if ahead < 1:
        raise ValueError(f"ahead must be at least 1, got {ahead}")
    source = iter(partitions)
    pending: deque[F] = deque()
    exhausted = False

    def refill() -> None:
        nonlocal exhausted
        while not exhausted and len(pending) < ahead:
            part = next(source, None)
            if part is None:
                exhausted = True
            else:
                pending.append(submit(part))

    try:
        refill()
        while pending:
            result = wait(pending.popleft())
            refill()  # keep the workers busy while the writer commits this result
            yield result
    finally:
        for future in pending:
            cancel(future)
