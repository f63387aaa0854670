"""Score events against a hand-coded gold file in the event-record format.

The matching rule is the project scorer's (``shared/scoring/score.py``), so that users'
own gold sets and our benchmarks give the same numbers:

* same PLOVER ``event``;
* countries agree: for CONSULT, AGREE, COOPERATE and SUPPORT (joint acts), in either
  order, all gold parties among the prediction's parties; otherwise actor countries
  overlap and recipient countries overlap (an empty gold side matches anything);
* with dates, the predicted date agrees at the gold's precision ("2023-10" accepts any
  day of October), or falls in the gold's ``date``..``enddate`` range, or equals its
  ``date_alt``; a gold event without a date agrees with any date;
* greedy one-to-one matching per article, required gold events first; a prediction that
  matches an optional event is neither a hit nor a false positive.

Pure functions over plain dicts (the JSON records): reading files and running the
pipeline belong to the caller.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.errors import InputError

SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT"})
IGO_ALIASES = {"IGOEUREEC": "EU", "IGOUNO": "UN", "IGOWSTNAT": "NATO", "EUR": "EU", "EEC": "EU"}
Record = Mapping[str, Any]


def cameo_country(code: str | None) -> str | None:
    """The country (or IGO) key of a CAMEO actor code: its first three letters."""
    code = (code or "").upper()
    if not code:
        return None
    if code.startswith("IGO"):
        for prefix, alias in IGO_ALIASES.items():
            if code.startswith(prefix):
                return alias
        return code
    return IGO_ALIASES.get(code[:3], code[:3])


def country_of(entity: Any) -> str | None:
    """An entity's state or IGO: its ``country`` field, else its CAMEO ``code``."""
    if not isinstance(entity, Mapping):
        return None
    country = entity.get("country") or cameo_country(entity.get("code"))
    if not country:
        return None
    country = country.upper()
    return IGO_ALIASES.get(country, country)


def parties(event: Record) -> tuple[set[str], set[str]]:
    actors = {country_of(e) for e in event.get("actor") or []} - {None}
    recipients = {country_of(e) for e in event.get("recipient") or []} - {None}
    return actors, recipients  # type: ignore[return-value]


def _prefix_agree(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _within(d: str, lo: str, hi: str) -> bool:
    """``d`` (any ISO precision) falls in [lo, hi], each compared at its own precision."""
    return lo[: len(d)] <= d[: len(lo)] and d[: len(hi)] <= hi[: len(d)] if d else False


def dates_agree(gold: Record, pred: Record) -> bool:
    """The scorer's date rule (module docstring)."""
    g = gold.get("date")
    if not g:
        return True
    p = pred.get("date")
    if not p:
        return False
    p_end = pred.get("enddate") or p
    for candidate in (g, gold.get("date_alt")):
        if candidate and (_prefix_agree(p, candidate) or _within(candidate, p, p_end)):
            return True
    g_end = gold.get("enddate")
    return bool(g_end) and (_within(p, g, g_end) or _within(g, p, p_end))


def event_matches(gold: Record, pred: Record, *, use_date: bool) -> bool:
    """Whether a predicted event reports the gold event (module docstring)."""
    if (pred.get("event") or "").upper() != (gold.get("event") or "").upper():
        return False
    ga, gr = parties(gold)
    pa, pr = parties(pred)
    if gold["event"].upper() in SYMMETRIC and (not gr or not pr or ga | gr == pa | pr):
        ok = (ga | gr) <= (pa | pr) if ga | gr else True
    else:
        ok = (not ga or bool(ga & pa)) and (not gr or bool(gr & pr))
    if not ok:
        return False
    return dates_agree(gold, pred) if use_date else True


def _required(gold: Record) -> bool:
    return gold.get("gold", "required") == "required"


@dataclass
class Tally:
    """Counts of one scoring pass, with the unmatched records for ``-v``."""

    found: int = 0  # required gold events matched
    required: int = 0
    matched: int = 0  # predictions that matched a gold event (required or optional)
    predicted: int = 0
    misses: list[Record] = field(default_factory=list)
    extras: list[Record] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict[str, float | int]:
        """The figures in score.py's JSON shape (rounded to three places)."""
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "required": self.required,
            "found": self.found,
            "predicted": self.predicted,
            "extras": self.predicted - self.matched,
        }


def _match_article(golds: list[Record], preds: list[Record], use_date: bool, tally: Tally) -> list[tuple]:
    order = sorted(range(len(golds)), key=lambda i: not _required(golds[i]))
    used_pred: set[int] = set()
    pairs = []
    for gi in order:
        gold = golds[gi]
        for pi, pred in enumerate(preds):
            if pi not in used_pred and event_matches(gold, pred, use_date=use_date):
                used_pred.add(pi)
                pairs.append((gold, pred))
                tally.found += _required(gold)
                break
        else:
            if _required(gold):
                tally.misses.append(gold)
    tally.required += sum(1 for g in golds if _required(g))
    tally.matched += len(used_pred)
    tally.predicted += len(preds)
    tally.extras += [p for i, p in enumerate(preds) if i not in used_pred]
    return pairs


@dataclass
class Evaluation:
    """The result of :func:`evaluate`: overall and per-type tallies, with and without dates."""

    undated: Tally
    dated: Tally
    by_type: dict[str, Tally]  # dated, per gold/predicted PLOVER type

    def summary(self) -> dict[str, Any]:
        return {"undated": self.undated.summary(), "dated": self.dated.summary()}


def evaluate(golds: Iterable[Record], preds: Iterable[Record]) -> Evaluation:
    """Score predicted events against gold events, article by article (module docstring).

    Gold and predicted records are grouped by ``article_id``; when the gold names a
    single article (or none), every prediction is scored against it.
    """
    golds = list(golds)
    preds = [p for p in preds if p.get("event")]
    by_gold: dict[str, list[Record]] = defaultdict(list)
    for g in golds:
        by_gold[g.get("article_id") or "_"].append(g)
    by_pred: dict[str, list[Record]] = defaultdict(list)
    single = len(by_gold) == 1 and "_" in by_gold
    for p in preds:
        by_pred["_" if single else p.get("article_id")].append(p)
    undated, dated = Tally(), Tally()
    by_type: dict[str, Tally] = defaultdict(Tally)
    for article, gs in by_gold.items():
        ps = by_pred.get(article, [])
        _match_article(gs, ps, False, undated)
        _match_article(gs, ps, True, dated)
        for kind in {str(r.get("event")) for r in (*gs, *ps)}:
            _match_article(
                [g for g in gs if g.get("event") == kind],
                [p for p in ps if p.get("event") == kind],
                True,
                by_type[kind],
            )
    return Evaluation(undated, dated, dict(sorted(by_type.items())))


def load_records(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSONL file of event records (gold or predicted); errors name file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from exc
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"not a JSON object ({exc.msg})", line=number) from exc
        if not isinstance(record, dict) or "event" not in record:
            raise InputError(str(path), "not an event record (no 'event' field)", line=number)
        records.append(record)
    return records
