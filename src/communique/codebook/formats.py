"""Multilateral formats named by a label ("C5+1", "the Bucharest Nine") and their members.

Read from ``data/formats.tsv``. A label is matched with spaces and case ignored, since
the tokenizer splits "C5+1" into "C5 + 1".
"""

from __future__ import annotations

from collections.abc import Iterable

from communique.codebook._tsv import fail, read_tsv

FORMATS_FILE = "formats.tsv"
FORMATS_COLUMNS = ("names", "members", "note")


def format_key(label: str) -> str:
    """The form a label is looked up by: no spaces, lower case ("C5 + 1" -> "c5+1")."""
    return "".join(label.split()).lower()


def load_formats(known_states: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """label key -> member ISO3 codes; an unknown code or a label listed twice is an error
    naming the file and line."""
    known = frozenset(known_states)
    out: dict[str, tuple[str, ...]] = {}
    for line, row in read_tsv(FORMATS_FILE, FORMATS_COLUMNS):
        members = tuple(m.strip() for m in row["members"].split("|") if m.strip())
        unknown = [m for m in members if m not in known]
        if unknown or len(members) < 2:
            raise fail(
                FORMATS_FILE, line, f"members must be two or more known ISO3 codes, not {unknown or members}"
            )
        for name in (n for n in row["names"].split("|") if n.strip()):
            key = format_key(name)
            if key in out:
                raise fail(FORMATS_FILE, line, f"label {name!r} is listed twice")
            out[key] = members
    return out
