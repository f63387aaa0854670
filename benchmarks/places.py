"""Benchmark event locations (and event dates) on the development gold set.

Run: ``.venv/bin/python benchmarks/places.py [--shared PATH] [-v]``

The 30 dev-gold articles (``shared/dev-gold/``) go through the real pipeline, with their
dates as the selection gives them. Predicted events are matched to gold events by
sentence, not by actors, so the place and date figures do not depend on actor coding:
a prediction matches a gold event of the same article when its PLOVER type is the same
and its sentence is the gold ``sentence`` or one of its ``also_in`` sentences (same
CAMEO code first; each gold event at most once).

Printed, over the matched events:

* **located, country right**: of the gold events with an ``event_loc``, the share whose
  prediction has a location in the same country (goal 95%);
* **unlocated, none given**: of the gold events without one, the share whose prediction
  has no location either (goal 95%);
* **date right**: of the gold events with a date, the share whose predicted date agrees
  at the gold's precision (``date`` or ``date_alt`` a prefix of the prediction; a range
  counts when the prediction starts inside it).

These are development-set figures: the set is small and was looked at while building.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _squash(text: str) -> str:
    return " ".join(text.split())


def load_inputs(shared: Path) -> tuple[list[Any], list[dict[str, Any]]]:
    """The dev-gold articles (as Articles) and the gold events."""
    import datetime as dt

    from communique.model import Article

    selection = json.loads((shared / "dev-gold" / "selection.json").read_text(encoding="utf-8"))
    rows = selection["articles"] if isinstance(selection, dict) else selection
    articles = []
    for row in rows:
        path = shared / "eval" / "news" / row["source_file"]
        record = next(
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and json.loads(line)["id"] == row["article_id"]
        )
        date = row.get("date") or record.get("date")
        day = dt.date.fromisoformat(date[:10]) if date and len(date) >= 10 else None
        articles.append(
            Article(id=row["article_id"], text=record["text"], date=day, title=record.get("title"))
        )
    gold = [
        json.loads(line)
        for line in (shared / "dev-gold" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return articles, gold


def match_by_sentence(
    predicted: list[dict[str, Any]], gold: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(gold, prediction) pairs: same article, same PLOVER type, same sentence."""
    pairs = []
    used: set[int] = set()
    for same_code in (True, False):
        for g in gold:
            if any(g is pg for pg, _ in pairs):
                continue
            sentences = {_squash(s) for s in [g["sentence"], *(g.get("also_in") or [])]}
            for n, p in enumerate(predicted):
                if n in used or p["article_id"] != g["article_id"] or p["event"] != g["event"]:
                    continue
                if same_code and p["cameo"][:3] != g["cameo"][:3]:
                    continue
                text = _squash(p["text"])
                if text in sentences or any(s in text or text in s for s in sentences if len(s) > 20):
                    pairs.append((g, p))
                    used.add(n)
                    break
    return pairs


def date_right(g: dict[str, Any], p: dict[str, Any]) -> bool:
    date = p.get("date") or ""
    options = [g.get("date"), g.get("date_alt")]
    if any(o and date.startswith(o) for o in options):
        return True
    return bool(g.get("date") and g.get("enddate") and g["date"] <= date[: len(g["date"])] <= g["enddate"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the misses")
    parser.add_argument(
        "--any-recipient",
        action="store_true",
        help="keep events without a recipient too (more events to place and date)",
    )
    args = parser.parse_args(argv)

    from communique.extract import Extractor

    articles, gold = load_inputs(args.shared)
    extractor = Extractor(require_recipient=not args.any_recipient)
    predicted = [e.to_dict() for r in extractor.extract_many(articles) for e in r.events]
    pairs = match_by_sentence(predicted, gold)
    out = sys.stdout
    located = [(g, p) for g, p in pairs if g.get("event_loc")]
    unlocated = [(g, p) for g, p in pairs if not g.get("event_loc")]
    dated = [(g, p) for g, p in pairs if g.get("date")]
    right = [
        (g, p)
        for g, p in located
        if p.get("event_loc") and p["event_loc"].get("country_code") == g["event_loc"]["country_code"]
    ]
    none = [(g, p) for g, p in unlocated if not p.get("event_loc")]
    dates = [(g, p) for g, p in dated if date_right(g, p)]
    out.write(f"gold events {len(gold)}, predicted {len(predicted)}, matched by sentence {len(pairs)}\n")
    for label, ok, n in [
        ("located, country right", right, located),
        ("unlocated, none given", none, unlocated),
        ("date right (gold precision)", dates, dated),
    ]:
        share = f"{len(ok) / len(n):.1%}" if n else "-"
        out.write(f"{label:<30}{len(ok):>5} / {len(n):<5}{share:>8}\n")
    if args.verbose:
        for g, p in located:
            if (g, p) not in right:
                got = p.get("event_loc")
                out.write(f"  LOC  {g['gold_id']} gold {g['event_loc']} got {got} | {p['event_text']}\n")
        for g, p in unlocated:
            if (g, p) not in none:
                out.write(f"  NOLOC {g['gold_id']} got {p['event_loc']} | {p['event_text']}\n")
        for g, p in dated:
            if (g, p) not in dates:
                out.write(
                    f"  DATE {g['gold_id']} gold {g['date']}..{g.get('enddate')} alt {g.get('date_alt')} "
                    f"got {p['date']}..{p.get('enddate')} {p['date_basis']} | {p['event_text']}\n"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
