"""Markdown links in article text, read as their visible words with offsets kept.

News texts taken from web pages keep Markdown links: "the ministry
[issued](https://www.example.org/x) a statement". spaCy reads ``issued](https://www...``
as one token, so the sentence has no verb and its event is lost. :func:`visible_text`
blanks the link syntax with spaces of the same length ("the ministry  issued" followed
by spaces), so the parser sees the words a reader sees while every character offset
still points into the stored article text: evidence offsets, sentence spans and the
trigger words are the same slices of the text the user gave (``convert.py`` takes the
sentence text shown as evidence from that original text, link and all).

An inline link ``[words](url)`` or ``[words](url "title")`` and an image
``![alt](url)`` keep their words; an autolink ``<https://...>`` keeps its address.
"""

from __future__ import annotations

import re

# [words](url) / ![alt](url) / [words](url "title"): the words hold no bracket nor line
# break; the address has no space and may hold one level of balanced parentheses
# (Wikipedia addresses "Foo_(bar)"); the link ends at the ")" after it.
_INLINE_LINK = re.compile(r"(!?\[)([^\[\]\n]{1,500})(\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\s*\))")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]+|mailto:[^\s<>]+)>")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(1)) + match.group(2) + " " * len(match.group(3))


def _unwrap(match: re.Match[str]) -> str:
    return " " + match.group(1) + " "


def visible_text(text: str) -> str:
    """``text`` with Markdown link syntax replaced by spaces of the same length: the
    result has the same length and every character outside the syntax in place."""
    if "](" not in text and "<" not in text:
        return text
    out = _INLINE_LINK.sub(_blank, text) if "](" in text else text
    out = _AUTOLINK.sub(_unwrap, out) if "<" in out else out
    return out
