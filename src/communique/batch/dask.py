"""The Dask runner: partitions extracted on Dask workers, results streamed back in order.

The only module that imports Dask (``pip install communique[dask]``). ``address`` is a
scheduler address (``tcp://host:8786``; a Slurm or Kubernetes cluster started with
dask-jobqueue or dask-kubernetes, see docs/cluster.md) or ``"local"`` for a
``LocalCluster`` of worker processes on this machine.

Each worker gets an :class:`ExtractorPlugin` that holds one pipeline for the worker's
life. Its ``setup`` starts building the pipeline on a thread of its own (built on the
worker's event loop, it would stall the heartbeats for seconds); the first partition
waits for it. Results come back to the one writer, which commits them in input order.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from communique.batch.plan import Partition
from communique.batch.runners import WorkerLostError, ordered
from communique.batch.work import PartitionResult, WorkerConfig, extract_partition, tune_gc
from communique.errors import ConfigError
from communique.extract import Extractor

log = logging.getLogger(__name__)

PLUGIN_NAME = "communique-extractor"

try:  # an optional extra: the error says how to get it
    import dask
    from distributed import Client, Future, LocalCluster, WorkerPlugin, get_worker
    from distributed.scheduler import KilledWorker
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ConfigError(f"--dask needs Dask: pip install 'communique[dask]' ({exc})") from exc


#: Dask settings for the workers of a LocalCluster started here. Dask's nanny starts each
#: worker with MALLOC_TRIM_THRESHOLD_=65536 (glibc hands freed memory back to the system
#: at once, to keep pandas workloads small); spaCy allocates and frees millions of small
#: objects per article, and with that setting extraction took 12-20% more CPU (measured:
#: the same 100 articles, 9.2-9.4 s against 10.5-11.5 s). Workers started by the user
#: (dask-jobqueue, dask-kubernetes) take the same setting from their Dask config
#: (docs/cluster.md).
#: The workers' statistical profiler (a stack sample of every thread each 10 ms, for the
#: dashboard) is off too: 80 articles took 15.3-16.2 CPU seconds without it, 17.0-17.3 with.
#: The cluster's housekeeping runs less often: the event-loop health check (every 20 ms),
#: the memory monitor of workers and nannies (100 ms) and the system monitor (500 ms)
#: each wake a thread that must take the GIL from the extraction. With them every 1 s,
#: 1 s and 5 s, 96 news articles took 17.6-18.6 CPU seconds (writer, scheduler, nannies
#: and workers together) against 19.4-21.0 with Dask's defaults (same run, alternating).
LOCAL_WORKER_CONFIG: dict[str, object] = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}


class ExtractorPlugin(WorkerPlugin):
    """One pipeline per Dask worker, loaded on first use and kept."""

    name = PLUGIN_NAME

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        self._extractor: Extractor | None = None
        self._error: Exception | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["config"])  # type: ignore[misc]

    def setup(self, worker: Any) -> None:
        """Start loading the pipeline at once, on a thread: the worker's event loop stays
        free, and the load overlaps with the rest of the cluster's start-up (a plugin given
        to a LocalCluster's workers is set up before they register with the scheduler)."""
        log.info("communique plugin on worker %s (model %s)", worker.address, self.config.model)
        threading.Thread(target=self._preload, name="communique-pipeline-load", daemon=True).start()

    def _preload(self) -> None:
        with contextlib.suppress(Exception):  # kept; the first task raises it (extractor)
            self.extractor()

    def extractor(self) -> Extractor:
        with self._lock:  # the loading thread, or several task threads
            if self._error is not None:
                raise self._error
            if self._extractor is None:
                try:
                    self._extractor = self.config.build_extractor()
                except Exception as exc:  # e.g. a model that is not installed
                    self._error = exc
                    raise
                tune_gc()  # the pipeline is long-lived: out of later collections
            return self._extractor


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore SIGINT while local workers start, so they inherit "ignore": Ctrl-C in a
    terminal signals the whole process group, and only the writer must act on it (it
    stops at a clean point). Python keeps an inherited "ignore" at start-up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _plugin() -> ExtractorPlugin:
    return get_worker().plugins[PLUGIN_NAME]  # type: ignore[return-value]


def _run_on_worker(partition: Partition) -> PartitionResult:
    return extract_partition(partition, _plugin().extractor())


def _wait(future: Future) -> PartitionResult:
    try:
        return future.result()
    except KilledWorker as exc:
        raise WorkerLostError(f"Dask: {exc}") from exc


def _version_on_worker() -> str:
    return _plugin().extractor().pipeline_version


class DaskRunner:
    """Partitions extracted on the workers of a Dask cluster."""

    name = "dask"

    def __init__(
        self,
        config: WorkerConfig,
        address: str,
        *,
        workers: int | None = None,
        ahead: int | None = None,
    ) -> None:
        self.config = config
        self._cluster: LocalCluster | None = None
        if address == "local":
            # inherited by the worker processes started here
            with _sigint_ignored(), dask.config.set(LOCAL_WORKER_CONFIG):
                self._cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                    # Given to each worker as it starts (a restarted one too), so that it
                    # loads its pipeline while the cluster and the client start up.
                    plugins=(ExtractorPlugin(config),),
                )
            self._client = Client(self._cluster)
        else:
            try:
                self._client = Client(address, timeout=30)
            except (OSError, TimeoutError) as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        try:
            if self._cluster is None:  # a LocalCluster's workers have theirs already
                self._client.register_plugin(ExtractorPlugin(config), name=PLUGIN_NAME)
            addresses = list(self._client.scheduler_info()["workers"])
            self.workers = max(1, len(addresses))
            # One version task per worker (pipeline_version collects the answers): a
            # registered plugin's worker starts loading its pipeline now, a LocalCluster's
            # has since it started; the caller gets ready meanwhile.
            self._versions = [
                self._client.submit(_version_on_worker, pure=False, workers=[address])
                for address in addresses
            ] or [self._client.submit(_version_on_worker, pure=False)]
        except BaseException:
            self.close()
            raise
        self.ahead = ahead or 2 * self.workers
        self._version: str | None = None

    @property
    def dashboard_link(self) -> str | None:
        return getattr(self._client, "dashboard_link", None)

    @property
    def pipeline_version(self) -> str:
        if self._version is None:
            versions = set(self._client.gather(self._versions))
            if len(versions) != 1:
                raise ConfigError(f"Dask workers run different pipeline versions: {sorted(versions)}")
            self._version = versions.pop()
        return self._version

    def map(self, partitions: Iterable[Partition]) -> Iterator[PartitionResult]:
        def submit(part: Partition) -> Future:
            return self._client.submit(_run_on_worker, part, pure=False)

        return ordered(submit, _wait, Future.cancel, partitions, self.ahead)

    def close(self) -> None:
        """Disconnect; a LocalCluster started here is shut down too."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
