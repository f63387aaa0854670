"""Token attributes of a whole Doc as plain lists, read in one call (speed only, issue 9).

A ``Token`` is a new Python object at each ``doc[i]`` or step of ``for tok in doc``; a
component that only looks for a few words ("he", "we", a known surname) spends most of
its walk creating them. These read the attribute arrays of the Doc (``Doc.to_array``)
and map the hashes to strings, so the walk makes a Token only where a word is a candidate.
The strings are exactly ``tok.text`` / ``tok.lower_`` (the same StringStore entries).
"""

from __future__ import annotations

from spacy.attrs import LOWER, ORTH, POS, SENT_START
from spacy.symbols import PROPN
from spacy.tokens import Doc

#: hash -> string: a hash names one string in every StringStore, so one table serves all
#: (cleared when it grows large, to stay bounded over a long ingest).
_NAMES: dict[int, str] = {}
_MAX_NAMES = 500_000


def _strings(doc: Doc, attr: int) -> list[str]:
    if not len(doc):
        return []
    hashes = doc.to_array(attr).tolist()
    names = _NAMES
    if len(names) > _MAX_NAMES:
        names.clear()
    out = [names.get(h) for h in hashes]
    if None in out:
        strings = doc.vocab.strings
        for k, h in enumerate(hashes):
            if out[k] is None:
                out[k] = names[h] = strings[h]
    return out


def token_texts(doc: Doc) -> list[str]:
    """``[tok.text for tok in doc]``."""
    return _strings(doc, ORTH)


def token_lowers(doc: Doc) -> list[str]:
    """``[tok.lower_ for tok in doc]``."""
    return _strings(doc, LOWER)


def proper_nouns(doc: Doc) -> list[bool]:
    """``[tok.pos_ == "PROPN" for tok in doc]``."""
    if not len(doc):
        return []
    return [p == PROPN for p in doc.to_array(POS).tolist()]


def sentence_starts_between(doc: Doc, start: int, end: int) -> int:
    """``sum(1 for t in doc[start:end] if t.is_sent_start)``."""
    if start >= end:
        return 0
    # the span's own array: a pronoun's look-back reads only the tokens it spans
    return int((doc[start:end].to_array([SENT_START])[:, 0] == 1).sum())
