"""Score extracted events against a gold coding with the library's rule.

The matching is ``communique.evaluate`` (``communique eval``), which is the project
scorer's (``shared/scoring/score.py``): same PLOVER type; countries in either order for
CONSULT and joint acts, otherwise actor and recipient countries overlapping; the date at
the gold's precision, inside a gold ``date``..``enddate`` range or a predicted date
range, or equal to the gold's ``date_alt``; greedy one-to-one, required events first.
This module only reshapes that result for benchmarks/example_accuracy.py: one article's
predictions against its gold, with the misses and extras to print.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.evaluate import evaluate, event_matches


def matches(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Whether ``pred`` reports ``gold``, dates included (communique.evaluate)."""
    return event_matches(gold, pred, use_date=True)


@dataclass
class Score:
    required: int = 0
    required_found: int = 0
    optional_found: int = 0
    extra: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"required {self.required_found}/{self.required}, optional matched "
            f"{self.optional_found}, extra {len(self.extra)}"
        )


def score(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> Score:
    """One article's predictions against its gold coding. The article ids are left out:
    the extracted file's id (its name) need not be the gold's."""
    tally = evaluate(
        [{**g, "article_id": None} for g in gold],
        [{**p, "article_id": None} for p in predicted],
    ).dated
    return Score(
        required=tally.required,
        required_found=tally.found,
        optional_found=tally.matched - tally.found,
        extra=[dict(p) for p in tally.extras],
        missed=[dict(g) for g in tally.misses],
    )


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
