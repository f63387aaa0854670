"""Ingest: read articles, extract events, store them in committed batches.

Each batch is one transaction, so a crash or Ctrl-C loses at most the batch in flight,
and a re-run skips every article already stored with the same content and pipeline
version (resume). An article that cannot be read or processed is recorded as a
rejection with its reason, and the rest goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from communique.extract import Extractor, learned_people
from communique.fileio import read_articles
from communique.model import Article, ArticleResult, Rejection
from communique.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IngestConfig:
    """What ingest needs to know, as plain values (front ends read the settings)."""

    model: str
    batch_size: int = 32
    require_recipient: bool = True


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

    @property
    def ok(self) -> bool:
        return not self.rejections and self.status == "ok"


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    config: IngestConfig,
    *,
    extractor: Extractor | None = None,
    command: str = "ingest",
    on_article: Callable[[str], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> IngestReport:
    """Ingest articles from ``paths`` into ``store``.

    ``on_article`` is called for every item read (progress). ``should_stop`` is polled
    between articles and batches: when it answers True (the CLI sets it on Ctrl-C) the
    run ends as ``interrupted`` at a clean point, with every committed batch kept. That
    is why an interrupt is a request, not an exception raised inside a database call.
    """
    extractor = extractor or Extractor(
        model=config.model, batch_size=config.batch_size, require_recipient=config.require_recipient
    )
    version = extractor.pipeline_version
    extractor.learn(store.people())  # people earlier runs learned from the text
    report = IngestReport(run_id=store.begin_run(command, version))
    todo: list[Article] = []

    def stop_requested() -> bool:
        return should_stop is not None and should_stop()

    try:
        for item in read_articles(paths):
            if stop_requested():
                break
            if on_article is not None:
                on_article(item.item_id or item.source if isinstance(item, Rejection) else item.id)
            if isinstance(item, Rejection):
                log.info("rejected %s", item.describe())
                report.rejections.append(item)
                store.save_rejections([item], run_id=report.run_id)
                continue
            report.articles_read += 1
            if store.is_current(item.id, item.content_hash, version):
                report.articles_skipped += 1
                continue
            todo.append(item)
            if len(todo) >= config.batch_size and not stop_requested():
                _flush(todo, extractor, store, report)
                todo = []
        if stop_requested():  # the batch in hand is not started: it is redone on the next run
            report.status = "interrupted"
            return report
        _flush(todo, extractor, store, report)
        report.status = "ok"
    except KeyboardInterrupt:
        report.status = "interrupted"
        raise
    except BaseException:
        report.status = "failed"
        raise
    finally:
        store.finish_run(report.run_id, status=report.status)
    return report


def _flush(batch: list[Article], extractor: Extractor, store: Store, report: IngestReport) -> None:
    if not batch:
        return
    results = list(_extract_safely(batch, extractor, store, report))
    report.events += store.save_results(results, run_id=report.run_id)
    store.save_people([p for result in results for p in learned_people(result)])
    report.articles_coded += len(results)


def _extract_safely(
    batch: list[Article], extractor: Extractor, store: Store, report: IngestReport
) -> Iterator[ArticleResult]:
    """Extract a batch; if the batch fails, retry one by one so that one bad article
    is rejected with its reason instead of sinking the others."""
    try:
        yield from list(extractor.extract_many(batch))
        return
    except (ValueError, RuntimeError, KeyError, IndexError, TypeError) as exc:
        log.warning("batch failed (%s); retrying article by article", exc)
    for article in batch:
        try:
            yield extractor.extract(article)
        except (ValueError, RuntimeError, KeyError, IndexError, TypeError) as exc:
            rejection = Rejection(article.id, None, f"extraction failed: {exc}", article.id)
            report.rejections.append(rejection)
            store.save_rejections([rejection], run_id=report.run_id)
