"""Score extracted events against a gold coding (the rule of shared/examples/*/README.md).

A predicted event matches a gold event when the PLOVER event type is the same, the
countries of actor and recipient are the same (in either order for CONSULT and for
joint actions, i.e. gold events with no recipient), and the predicted date agrees with
the gold date at the gold's precision. Each gold event is matched at most once;
required events are matched first. Predictions matching no gold event are "extra".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def countries(entities: list[dict[str, Any]]) -> frozenset[str]:
    return frozenset(e.get("country") or "?" for e in entities)


def matches(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    if pred["event"] != gold["event"]:
        return False
    gold_date = gold.get("date")
    if gold_date and not (pred.get("date") or "").startswith(gold_date):
        return False
    g_act, g_rec = countries(gold.get("actor", [])), countries(gold.get("recipient", []))
    p_act, p_rec = countries(pred.get("actor", [])), countries(pred.get("recipient", []))
    if gold["event"] == "CONSULT" or not g_rec:
        return g_act | g_rec == p_act | p_rec
    return g_act == p_act and g_rec == p_rec


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
    result = Score(required=sum(1 for g in gold if g.get("gold") == "required"))
    unmatched = list(predicted)
    for kind in ("required", "optional"):
        for g in (g for g in gold if g.get("gold") == kind):
            hit = next((p for p in unmatched if matches(p, g)), None)
            if hit is None:
                if kind == "required":
                    result.missed.append(g)
                continue
            unmatched.remove(hit)
            if kind == "required":
                result.required_found += 1
            else:
                result.optional_found += 1
    # A second report of an already matched gold event is a duplicate, not a new event:
    # count it as extra (de-duplication should have merged it).
    result.extra = unmatched
    return result


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
