"""Precision by confidence band on the PLOVER gold-standard sentences.

Run: ``.venv/bin/python benchmarks/confidence.py [--pred EVENTS.jsonl]``

Data: ``shared/eval/plover/plover_gsr_cameo.jsonl`` (322 sentences of the CAMEO manual
recoded into PLOVER, one gold event each). Each sentence is its own article (id = gold
id), as ``score.py inputs plover`` writes them. Without ``--pred`` the sentences go through
one ``Extractor``; with it, an export of those events is read instead.

A predicted event is correct when it matches its sentence's gold event by the project
scorer's rule (``communique.evaluate.event_matches``, no dates: same PLOVER type, and the
actor and recipient countries agree, either order for joint acts). ``type`` precision
only asks for the same PLOVER type. Confidence is the event's ``confidence`` field
(see ``communique.nlp.convert._confidence``). Prints one row per band.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from communique.evaluate import event_matches, load_records

GSR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "plover" / "plover_gsr_cameo.jsonl"
BANDS = ((0.0, 0.6), (0.6, 0.75), (0.75, 0.9), (0.9, 1.01))


def _golds() -> dict[str, dict]:
    out = {}
    for line in GSR.read_text(encoding="utf-8").splitlines():
        if line.strip():
            case = json.loads(line)
            out[case["id"]] = {
                "event": case["event_current_plover"],
                "actor": [{"code": a.get("code")} for a in case.get("actor") or []],
                "recipient": [{"code": a.get("code")} for a in case.get("recipient") or []],
            }
    return out


def _extract(golds: dict[str, dict]) -> Iterable[dict]:
    import datetime as dt

    from communique.extract import Extractor
    from communique.model import Article

    texts = {}
    for line in GSR.read_text(encoding="utf-8").splitlines():
        if line.strip():
            case = json.loads(line)
            texts[case["id"]] = case["text"].strip()
    articles = [Article(id=k, text=texts[k], date=dt.date(2000, 1, 1)) for k in golds]
    for result in Extractor().extract_many(articles):
        for event in result.events:
            yield event.to_dict()


def _right(gold: dict, pred: dict) -> bool:
    return event_matches(gold, pred, use_date=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Precision by confidence band on the PLOVER gold set.")
    parser.add_argument("--pred", type=Path, help="events already extracted from `score.py inputs plover`")
    args = parser.parse_args(argv)
    if not GSR.exists():
        sys.stderr.write(f"missing {GSR}\n")
        return 2
    golds = _golds()
    preds = load_records(args.pred) if args.pred else list(_extract(golds))
    print(f"{'confidence':>12} {'events':>7} {'type prec':>10} {'full prec':>10}")
    for lo, hi in BANDS:
        band = [p for p in preds if lo <= float(p.get("confidence") or 0) < hi]
        typed = sum(1 for p in band if p.get("event") == golds.get(p.get("article_id"), {}).get("event"))
        full = sum(1 for p in band if p.get("article_id") in golds and _right(golds[p["article_id"]], p))
        n = len(band)
        label = f"{lo:.2f}-{min(hi, 1.0):.2f}"
        print(f"{label:>12} {n:>7} {typed / n if n else 0:>10.3f} {full / n if n else 0:>10.3f}")
    print(f"{'all':>12} {len(preds):>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
