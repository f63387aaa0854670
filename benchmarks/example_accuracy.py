"""Figure: events of the worked example against its human coding.

    .venv/bin/python benchmarks/example_accuracy.py

Runs the real `communique extract --format jsonl` on every folder of
../shared/examples/ and scores it with benchmarks/gold.py (the README's rule).
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


def main() -> int:
    for folder in sorted(p for p in EXAMPLES.iterdir() if (p / "expected.jsonl").exists()):
        out = subprocess.run(
            [str(CLI), "extract", str(folder / "article.txt"), "--format", "jsonl"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        predicted = [json.loads(line) for line in out.splitlines() if line.strip()]
        result = score(predicted, read_jsonl(folder / "expected.jsonl"))
        print(f"{folder.name}: {len(predicted)} events; {result.summary()}")
        for g in result.missed:
            print(f"  missed  {g['event']} {g.get('cameo')} {g.get('event_text')!r} {g.get('date')}")
        for p in result.extra:
            acts = [a.get("country") for a in p["actor"]]
            recs = [r.get("country") for r in p["recipient"]]
            print(f"  extra   {p['event']} {p['cameo']} {acts}->{recs} {p['date']} {p['event_text']!r}")
        ok = result.required_found >= 4 and len(result.extra) <= 2
        print(f"  figure (>=4 of 6 required, <=2 extra): {'reached' if ok else 'NOT reached'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
