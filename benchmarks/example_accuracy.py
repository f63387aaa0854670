"""Figure: events of the worked example against its human coding.

    .venv/bin/python benchmarks/example_accuracy.py

Runs the real `communique extract --format jsonl` on every folder of
../shared/examples/ (the worked example and its human coding) and on our own sample
articles examples/*.txt with their codings in examples/expected/, and scores each with
benchmarks/gold.py (the rule of `communique eval` and ../shared/scoring/score.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold import read_jsonl, score

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT.parent / "shared" / "examples"
CLI = ROOT / ".venv" / "bin" / "communique"


def cases() -> list[tuple[str, Path, Path]]:
    found = [
        (folder.name, folder / "article.txt", folder / "expected.jsonl")
        for folder in sorted(EXAMPLES.iterdir())
        if (folder / "expected.jsonl").exists()
    ]
    for gold_file in sorted((ROOT / "examples" / "expected").glob("*.jsonl")):
        found.append((gold_file.stem, ROOT / "examples" / f"{gold_file.stem}.txt", gold_file))
    return found


def main() -> int:
    totals = {"required": 0, "found": 0, "optional": 0, "extra": 0, "predicted": 0}
    for name, article, expected in cases():
        out = subprocess.run(
            [str(CLI), "extract", str(article), "--format", "jsonl"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        predicted = [json.loads(line) for line in out.splitlines() if line.strip()]
        result = score(predicted, read_jsonl(expected))
        print(f"{name}: {len(predicted)} events; {result.summary()}")
        for g in result.missed:
            acts = [a.get("country") for a in g["actor"]]
            recs = [r.get("country") for r in g.get("recipient", [])]
            print(
                f"  missed  {g['event']} {g.get('cameo')} {acts}->{recs} {g.get('date')}",
                repr(g.get("event_text")),
            )
        for p in result.extra:
            acts = [a.get("country") for a in p["actor"]]
            recs = [r.get("country") for r in p["recipient"]]
            print(f"  extra   {p['event']} {p['cameo']} {acts}->{recs} {p['date']} {p['event_text']!r}")
        if name == "kazakhstan-eu-2022":
            ok = result.required_found >= 4 and len(result.extra) <= 2
            print(f"  figure (>=4 of 6 required, <=2 extra): {'reached' if ok else 'NOT reached'}")
        totals["required"] += result.required
        totals["found"] += result.required_found
        totals["optional"] += result.optional_found
        totals["extra"] += len(result.extra)
        totals["predicted"] += len(predicted)
    matched = totals["found"] + totals["optional"]
    print(
        f"\nall: required {totals['found']}/{totals['required']} "
        f"(recall {totals['found'] / max(totals['required'], 1):.0%}), "
        f"optional matched {totals['optional']}, "
        f"extra {totals['extra']} of {totals['predicted']} predicted "
        f"(precision {matched / max(totals['predicted'], 1):.0%})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
