"""Orchestration: run extraction over many articles and store the results.

The serial runner here is the reference; a Dask runner will plug in beside it with the
same plan and the same single writer.
"""

from communique.batch.ingest import IngestConfig, IngestReport, ingest

__all__ = ["IngestConfig", "IngestReport", "ingest"]
