"""Communique: turn diplomatic and political news into structured, queryable event data.

    >>> from communique import Extractor, Article
    >>> extractor = Extractor()
    >>> result = extractor.extract(Article(id="a1", text="Kenya hosted Uganda on Tuesday."))
    >>> [(e.event, e.cameo) for e in result.events]

Names are imported lazily (PEP 562), so ``import communique.codebook`` or
``communique.model`` does not pay for loading spaCy and SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Article": "communique.model",
    "ArticleResult": "communique.model",
    "Entity": "communique.model",
    "Event": "communique.model",
    "Location": "communique.model",
    "Rejection": "communique.model",
    "CommuniqueError": "communique.errors",
    "ConfigError": "communique.errors",
    "InputError": "communique.errors",
    "StoreError": "communique.errors",
    "Extractor": "communique.extract",
    "read_articles": "communique.fileio",
    "write_events": "communique.fileio",
    "Store": "communique.store",
    "open_store": "communique.store",
    "ingest": "communique.batch",
    "IngestConfig": "communique.batch",
}
__all__ = [
    "Article",
    "ArticleResult",
    "CommuniqueError",
    "ConfigError",
    "Entity",
    "Event",
    "Extractor",
    "IngestConfig",
    "InputError",
    "Location",
    "Rejection",
    "Store",
    "StoreError",
    "ingest",
    "open_store",
    "read_articles",
    "write_events",
]

if TYPE_CHECKING:
    from communique.batch import IngestConfig, ingest
    from communique.errors import CommuniqueError, ConfigError, InputError, StoreError
    from communique.extract import Extractor
    from communique.fileio import read_articles, write_events
    from communique.model import Article, ArticleResult, Entity, Event, Location, Rejection
    from communique.store import Store, open_store


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'communique' has no attribute {name!r}")
