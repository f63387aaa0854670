"""The event-coding figures of issue 7, with the project scorer (shared/scoring/score.py).

Run: ``.venv/bin/python benchmarks/event_coding.py [--keep DIR]``

For each gold set it writes the inputs with ``score.py inputs``, extracts events with one
``Extractor`` (as ``communique extract --format jsonl`` would) and scores them with
``score.py``:

* PETRARCH2 GSR validation sentences (``score.py petrarch``): country dyad + CAMEO root
  and exact-code F1;
* PLOVER gold-standard sentences (``score.py plover``): event type found, type + actor
  and recipient countries, and events per sentence;
* the development gold set (``score.py articles``): required-event precision, recall and
  F1 with and without dates, then per PLOVER type (``communique.evaluate``, the same rule);
  and the same with actors and recipients removed from gold and prediction, which
  measures the event types and dates alone (what triggers, patterns and conventions
  control, not actor resolution).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from communique.evaluate import evaluate, load_records
from communique.extract import Extractor
from communique.fileio import read_articles
from communique.model import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCORER = SHARED / "scoring" / "score.py"


def _score(*args: str) -> dict:
    out = subprocess.run([sys.executable, str(SCORER), *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _extract(extractor: Extractor, inputs: Path, out: Path) -> None:
    """Read the inputs as ``communique extract`` does and write the events as JSONL."""
    articles = [a for a in read_articles([str(inputs)]) if isinstance(a, Article)]
    with out.open("w", encoding="utf-8") as fh:
        for result in extractor.extract_many(articles):
            for event in result.events:
                fh.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Event-coding figures of issue 7 (score.py).")
    parser.add_argument("--keep", type=Path, help="write inputs and predictions here (default: a temp dir)")
    args = parser.parse_args(argv)
    if not SCORER.exists():
        sys.stderr.write(f"missing {SCORER}\n")
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="communique-events-"))
    work.mkdir(parents=True, exist_ok=True)
    extractor = Extractor()
    runs = {
        "petrarch": (
            ["inputs", "petrarch"],
            ["petrarch", str(SHARED / "eval" / "petrarch_validation.jsonl")],
        ),
        "plover": (
            ["inputs", "plover"],
            ["plover", str(SHARED / "eval" / "plover" / "plover_gsr_cameo.jsonl")],
        ),
        "dev-gold": (
            ["inputs", "selection", str(SHARED / "dev-gold" / "selection.json")],
            ["articles", str(SHARED / "dev-gold" / "gold.jsonl")],
        ),
    }
    for name, (make_inputs, score) in runs.items():
        inputs, pred = work / f"{name}-in.jsonl", work / f"{name}-pred.jsonl"
        _score(*make_inputs, str(inputs))
        _extract(extractor, inputs, pred)
        figures = _score(*score, str(pred))
        if name == "plover":
            figures["events_per_sentence"] = round(figures["predicted"] / figures["cases"], 2)
        print(f"{name}: {json.dumps(figures)}")
    golds = load_records(SHARED / "dev-gold" / "gold.jsonl")
    preds = load_records(work / "dev-gold-pred.jsonl")
    result = evaluate(golds, preds)
    print("dev-gold per type (dated): found/required, matched/predicted")
    for kind, tally in result.by_type.items():
        print(f"  {kind:10} {tally.found:3}/{tally.required:<3} {tally.matched:3}/{tally.predicted:<3}")

    def strip(records: list[dict]) -> list[dict]:
        return [{k: v for k, v in r.items() if k not in ("actor", "recipient")} for r in records]

    print(
        f"dev-gold, event types and dates only: {json.dumps(evaluate(strip(golds), strip(preds)).summary())}"
    )
    print(f"(inputs and predictions in {work})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
