"""Every Doc extension Communique uses, registered once, all prefixed ``cq_``.

They end at ``nlp/convert.py``: nothing outside ``nlp/`` reads them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

DOC_EXTENSIONS: dict[str, object] = {
    "cq_article_date": None,  # datetime.date | None: the publication date, set before the pipeline
    "cq_article_date_precision": "day",  # "day" | "month" | "year": how much of it the input gave
    "cq_publisher": None,  # (url, source) of the article, set before the pipeline
    "cq_article_head": None,  # (title, dateline) of the article, set before the pipeline
    "cq_doc_date": None,  # TimeValue | None: the date the article speaks from (given or inferred)
    "cq_doc_date_basis": "unknown",  # "article" | "inferred" | "unknown"
    "cq_doc_date_source": None,  # str | None: what an inferred article date was taken from
    "cq_mentions": None,  # list[ActorMention]
    "cq_title_bodies": None,  # list[ActorMention]: bodies named inside titles (entities, not roles)
    "cq_dates": None,  # list[DateMention]
    "cq_places": None,  # list[PlaceMention]
    "cq_events": None,  # list[EventFrame]
    "cq_sentence_topics": None,  # dict[int, list[str]]: sentence start token -> topics (those events read)
}


def register_extensions() -> None:
    """Register the extensions; safe to call many times."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


#: ``doc.user_data`` key of a Doc's text, kept by :func:`doc_text`.
TEXT_KEY = "cq_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token's text (a new Token object
    each) at each access, and the components asked for it six times per article (2% of an
    ingest). A Doc's text never changes (retokenizing keeps it), so keeping it is safe."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text  # type: ignore[no-any-return]


def span_text(span: Span) -> str:
    """``span.text`` as a slice of :func:`doc_text` (the same string: a span's text runs
    from its first token's start to its last token's end), without making its tokens."""
    return doc_text(span.doc)[span.start_char : span.end_char]


#: ``doc.user_data`` key of the text as the article gave it, kept only when the Doc reads
#: a normalised copy of the same length (Markdown links blanked: nlp/markup.py).
SOURCE_KEY = "cq_source_text"


def source_text(span: Span) -> str:
    """The article's own text at ``span``'s offsets: :func:`span_text` unless the Doc
    reads a normalised copy (``SOURCE_KEY``), whose offsets are the same."""
    source = span.doc.user_data.get(SOURCE_KEY)
    if source is None:
        return span_text(span)
    return source[span.start_char : span.end_char]  # type: ignore[no-any-return]
