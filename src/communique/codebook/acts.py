"""Codes of one act: CAMEO codes that report the same real act, for de-duplication.

Read from ``data/same_acts.tsv``: "the presidents met" (040) and "held talks" (046) in one
readout are one meeting, a visit (042) and its hosting (043) one visit. Which codes are one
act is coding-guideline knowledge, so it is a table a coder can review, not a branch in
``dedup.py`` (DESIGN rule 16).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from communique.codebook._tsv import fail, read_tsv

SAME_ACTS_FILE = "same_acts.tsv"
SAME_ACTS_COLUMNS = ("code", "act", "rank", "note")


@dataclass(frozen=True, slots=True)
class SameAct:
    """The act a CAMEO code reports and how specific the code is among that act's codes."""

    act: str
    rank: int


def load_same_acts() -> dict[str, SameAct]:
    """Read ``same_acts.tsv`` into a dict keyed by 3-digit CAMEO code."""
    acts: dict[str, SameAct] = {}
    for line, row in read_tsv(SAME_ACTS_FILE, SAME_ACTS_COLUMNS):
        code = row["code"]
        if not (code.isdigit() and len(code) == 3):
            raise fail(SAME_ACTS_FILE, line, f"bad 3-digit CAMEO code {code!r}")
        if code in acts:
            raise fail(SAME_ACTS_FILE, line, f"duplicate code {code}")
        if not row["act"]:
            raise fail(SAME_ACTS_FILE, line, "empty act")
        try:
            rank = int(row["rank"])
        except ValueError as exc:
            raise fail(SAME_ACTS_FILE, line, f"bad rank: {exc}") from exc
        acts[code] = SameAct(row["act"], rank)
    return acts


@functools.cache
def default_same_acts() -> Mapping[str, SameAct]:
    """The packaged table, read once per process (read-only)."""
    return MappingProxyType(load_same_acts())
