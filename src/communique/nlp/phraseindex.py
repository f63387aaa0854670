"""A phrase matcher over many named phrases, with one match key for all (issue 9).

spaCy's ``PhraseMatcher.add(key, ...)`` makes a vocabulary entry (a ``Lexeme``, with
its dozen lexical attributes computed) for every key. The actors component names each
of its ~9,600 codebook phrases by its own key ("People's Republic of China", "boko
haram"), so building it made ~9,600 lexemes no text token ever uses: ~0.17 CPU s of
every process's start (each ``--workers`` / Dask worker pays it again) and their memory.

Here every phrase goes into the matcher under one key, and a match is named by its
tokens' values (the ``ORTH`` or ``LOWER`` ids the matcher compared): a dictionary from
token values to phrase. Matches come in the matcher's own order (by start, then end),
so the spans are the same as with a key per phrase. Two phrases with the same token
values would be one match where a key per phrase gave two (in no fixed order); the
first phrase added names it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.attrs import LOWER, ORTH
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

_ATTRS = {"ORTH": ORTH, "LOWER": LOWER}


class PhraseIndex:
    """Phrases found by token values ``attr`` ("ORTH" or "LOWER"); each match named
    by the phrase it matched (the ``key`` given to :meth:`add`)."""

    def __init__(self, vocab: Vocab, attr: str, label: str) -> None:
        self._attr = _ATTRS[attr]
        self._matcher = PhraseMatcher(vocab, attr=attr)
        self._label = label  # the one match key (one lexeme)
        self._names: dict[tuple[int, ...], str] = {}

    def add(self, key: str, patterns: Iterable[Sequence[int] | Doc]) -> None:
        """Find ``patterns`` (token values, or Docs whose ``attr`` values are taken) as ``key``."""
        values = [
            tuple(p.to_array(self._attr).tolist()) if isinstance(p, Doc) else tuple(p) for p in patterns
        ]
        values = [v for v in values if v]  # an empty pattern matches nothing (as spaCy skips it)
        for value in values:
            self._names.setdefault(value, key)
        if values:
            self._matcher.add(self._label, [list(v) for v in values])

    def __len__(self) -> int:
        """Distinct phrases (token value sequences) held."""
        return len(self._names)

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """``(key, start, end)`` of every match in ``doc``, in the matcher's order."""
        matches = self._matcher(doc)
        if not matches:
            return []
        values = doc.to_array(self._attr).tolist()
        return [(self._names[tuple(values[start:end])], start, end) for _, start, end in matches]
