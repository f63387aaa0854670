"""Planning a batch run: which articles go to the workers, in which partitions.

Pure functions over plain records (no IO, no store, no pipeline), so that every runner
(serial, processes, Dask) works from the same plan and gives the same results. A
partition is the unit of work a runner hands to one worker and the unit the writer
commits as one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from communique.model import Article


@dataclass(frozen=True, slots=True)
class Partition:
    """Articles extracted together on one worker and committed together by the writer.

    ``index`` numbers partitions in input order, so results can be written in that
    order whatever order the workers finish in.
    """

    index: int
    articles: tuple[Article, ...]

    def __len__(self) -> int:
        return len(self.articles)


def partition(articles: Iterable[Article], size: int) -> Iterator[Partition]:
    """Group ``articles`` (lazily, in order) into partitions of ``size`` (the last may be
    smaller). Raises ValueError for a size below 1."""
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    batch: list[Article] = []
    index = 0
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield Partition(index, tuple(batch))
            index += 1
            batch = []
    if batch:
        yield Partition(index, tuple(batch))
