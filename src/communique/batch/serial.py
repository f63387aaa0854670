"""The serial runner: partitions extracted one after another in this process.

The reference runner: the process and Dask runners must give exactly its results.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from communique.batch.plan import Partition
from communique.batch.work import PartitionResult, extract_partition
from communique.extract import Extractor


class SerialRunner:
    """Runs partitions in the calling process with one already-loaded extractor."""

    name = "serial"

    def __init__(self, extractor: Extractor) -> None:
        self.extractor = extractor

    @property
    def pipeline_version(self) -> str:
        return self.extractor.pipeline_version

    def map(self, partitions: Iterable[Partition]) -> Iterator[PartitionResult]:
        """Results in partition order; a partition is pulled only when the previous
        one is done (so a stop request is honoured before the next one starts)."""
        for part in partitions:
            yield extract_partition(part, self.extractor)

    def close(self) -> None:
        """Nothing to release: the extractor belongs to the caller."""

    def __enter__(self) -> SerialRunner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
