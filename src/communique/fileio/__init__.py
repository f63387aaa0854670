"""File input and output: read articles from files, write events in every export format.

A facade over the standard library, pandas/pyarrow and trafilatura; it knows nothing of
spaCy or the store. Readers yield :class:`~communique.model.Article` or
:class:`~communique.model.Rejection` (never dropping an item silently); writers take
any iterable of :class:`~communique.model.Event`.
"""

from __future__ import annotations

from communique.fileio.readers import SUPPORTED_SUFFIXES, read_articles, split_txt_header
from communique.fileio.writers import (
    DYADIC_COLUMNS,
    EXPORT_FORMATS,
    FLAT_COLUMNS,
    dyads,
    events_to_frame,
    write_events,
    write_rejections,
)

__all__ = [
    "DYADIC_COLUMNS",
    "EXPORT_FORMATS",
    "FLAT_COLUMNS",
    "SUPPORTED_SUFFIXES",
    "dyads",
    "events_to_frame",
    "read_articles",
    "split_txt_header",
    "write_events",
    "write_rejections",
]
