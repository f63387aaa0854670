"""Communique: turn diplomatic and political news into structured, queryable event data.

    >>> from communique import Extractor, Article
    >>> extractor = Extractor()
    >>> for event in extractor.extract(Article(id="a1", text=text)).events: ...
"""

from communique.errors import CommuniqueError, ConfigError, InputError, StoreError
from communique.extract import Extractor
from communique.fileio import read_articles, write_events
from communique.model import Article, ArticleResult, Entity, Event, Location, Rejection
from communique.store import Store, open_store

__all__ = [
    "Article",
    "ArticleResult",
    "CommuniqueError",
    "ConfigError",
    "Entity",
    "Event",
    "Extractor",
    "InputError",
    "Location",
    "Rejection",
    "Store",
    "StoreError",
    "open_store",
    "read_articles",
    "write_events",
]
