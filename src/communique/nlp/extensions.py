"""Every Doc extension Communique uses, registered once, all prefixed ``cq_``.

They end at ``nlp/convert.py``: nothing outside ``nlp/`` reads them.
"""

from __future__ import annotations

from spacy.tokens import Doc

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
    "cq_sentence_topics": None,  # dict[int, list[str]]: sentence start token -> topics
}


def register_extensions() -> None:
    """Register the extensions; safe to call many times."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
