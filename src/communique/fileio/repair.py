"""Repair of a scraping artefact that breaks names in saved web pages.

Pages saved from some government sites (kremlin.ru is the commonest in our corpora) keep
the text of a hover card next to each linked name: "Angela Merkel Merkel AngelaFederal
Chancellor of Germany also focused on ...". The repeated, reversed name and the title
glued to it split the sentence in the parser and hide the person from the name matcher.
Rewriting it as "Angela Merkel, Federal Chancellor of Germany also focused on ..." keeps
every fact of the card (the title now reads as an apposition) and gives back one name.

The rule is about the shape (a name, then the same words with the surname first), never
about particular names, so it holds for any person the site links.
"""

from __future__ import annotations

import re

_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD = rf"[{_UPPER}][^\W\d_]*(?:[-'’.][^\W\d_]+)*"
_HOVER_CARD_NAME = re.compile(
    rf"\b(?P<given>{_WORD}(?: {_WORD}){{0,2}}) (?P<surname>{_WORD}) (?P=surname) (?P=given)"
    rf"(?P<glued>(?=[{_UPPER}]))?"
)


def repair_hover_card_names(text: str) -> str:
    """ "Given Surname Surname Given[Title]" → "Given Surname[, Title]" (see module docstring)."""
    return _HOVER_CARD_NAME.sub(_one_name, text)


def _one_name(match: re.Match[str]) -> str:
    name = f"{match['given']} {match['surname']}"
    return f"{name}, " if match["glued"] is not None else name
