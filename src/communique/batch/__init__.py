"""Orchestration: run extraction over many articles and store the results.

``plan`` (pure) cuts the input into partitions, ``work`` extracts one partition, a
runner runs them (``SerialRunner`` here, ``ProcessRunner`` on this machine's cores,
``communique.batch.dask.DaskRunner`` on a Dask cluster), and ``ingest`` is the one
writer. The serial runner is the reference: every runner stores the same result.
"""

from communique.batch.ingest import IngestConfig, IngestReport, ingest
from communique.batch.plan import Partition, partition
from communique.batch.process import ProcessRunner
from communique.batch.runners import Runner
from communique.batch.serial import SerialRunner
from communique.batch.work import PartitionResult, WorkerConfig

__all__ = [
    "IngestConfig",
    "IngestReport",
    "Partition",
    "PartitionResult",
    "ProcessRunner",
    "Runner",
    "SerialRunner",
    "WorkerConfig",
    "ingest",
    "partition",
]
