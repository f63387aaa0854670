"""The token values of codebook phrases, kept between processes (issue 9).

The actors component builds its phrase matchers from ~9,000 codebook names (states,
offices, groups, organisations). Tokenizing them took ~0.2 CPU s of every process's
start, and added ~8,000 words to the vocabulary that most texts never use. A phrase
matcher needs only each phrase's token values (``ORTH`` or ``LOWER`` ids), so those are
kept in the knowledge-table cache (``codebook/cache.py``), named by the tokenizer that
made them (its rules, the model and spaCy's version): the same tokenizer gives the same
values, so the matchers match exactly as with the phrases tokenized afresh.

A phrase the kept table lacks (a new codebook row) is tokenized as before; the table is
then rewritten with the phrases of this build only, so rows removed from the codebook
leave it too. Without a cache directory every phrase is tokenized, as before.
"""

from __future__ import annotations

import hashlib

import spacy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language

from communique.codebook.cache import read_entry, write_entry

#: Name of the cache entries; bump FORMAT when the kept values change shape.
CACHE_NAME = "phrase-tokens"
FORMAT = 1
ATTRS = {"ORTH": 0, "LOWER": 1}

Entry = tuple[tuple[int, ...], tuple[int, ...]]  # ORTH ids, LOWER ids


def tokenizer_digest(nlp: Language) -> str:
    """What decides how a phrase is split and what its token values are: the tokenizer's
    rules, the language (its lexical attribute functions), the model and spaCy's version."""
    h = hashlib.sha256(f"{FORMAT}|{spacy.__version__}|{nlp.lang}|".encode())
    h.update(f"{nlp.meta.get('name')}|{nlp.meta.get('version')}|".encode())
    h.update(nlp.tokenizer.to_bytes(exclude=["vocab"]))
    return h.hexdigest()[:24]


class PhraseTokens:
    """Token values of phrases, read from the cache in ``cache_dir`` when it holds them."""

    def __init__(self, nlp: Language, cache_dir: str | None) -> None:
        self._nlp = nlp
        self._cache_dir = cache_dir
        self._digest = tokenizer_digest(nlp) if cache_dir else ""
        kept = read_entry(cache_dir, CACHE_NAME, self._digest) if cache_dir else None
        self._kept: dict[str, Entry] = kept if isinstance(kept, dict) else {}
        self._used: dict[str, Entry] = {}
        self._tokenized = 0

    def ids(self, text: str, attr: str) -> list[int]:
        """The ``attr`` ("ORTH" or "LOWER") value of each token of ``text``, as the
        pipeline's tokenizer splits it: a phrase matcher pattern."""
        entry = self._used.get(text) or self._kept.get(text)
        if entry is None:
            doc = self._nlp.make_doc(text)
            entry = (tuple(doc.to_array(ORTH).tolist()), tuple(doc.to_array(LOWER).tolist()))
            self._tokenized += 1
        self._used[text] = entry
        return list(entry[ATTRS[attr]])

    @property
    def tokenized(self) -> int:
        """Phrases tokenized by this object (not found in the cache)."""
        return self._tokenized

    def save(self) -> None:
        """Keep the phrases asked for (if the cache lacked any, or held others)."""
        if self._cache_dir and (self._tokenized or self._used.keys() != self._kept.keys()):
            write_entry(self._cache_dir, CACHE_NAME, self._digest, self._used)
