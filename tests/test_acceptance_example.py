"""Acceptance: `communique extract` on the worked example, scored by its README's rule.

The figure of the foundation issue: at least 4 of the 6 required events (PLOVER type,
actor/recipient countries, date at the gold's precision) and at most 2 events outside
the gold list.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from click.testing import CliRunner

from communique.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT.parent / "shared" / "examples" / "kazakhstan-eu-2022"


def _gold_module():
    spec = importlib.util.spec_from_file_location("gold", ROOT / "benchmarks" / "gold.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gold", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_kazakhstan_example_meets_the_figure():
    gold = _gold_module()
    result = CliRunner().invoke(cli, ["extract", str(EXAMPLE / "article.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    predicted = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    expected = gold.read_jsonl(EXAMPLE / "expected.jsonl")
    score = gold.score(predicted, expected)
    assert score.required_found >= 4, score.summary()
    assert len(score.extra) <= 2, score.summary()
    assert all(p["article_id"] == "article" for p in predicted)


def test_the_scorer_can_fail():
    """The rule rejects a wrong type, wrong countries and a wrong date."""
    gold = _gold_module()
    required = gold.read_jsonl(EXAMPLE / "expected.jsonl")[0]
    good = {**required, "actor": required["actor"], "recipient": required["recipient"]}
    assert gold.matches(good, required)
    assert not gold.matches({**good, "event": "ACCUSE"}, required)
    assert not gold.matches({**good, "date": "2021-11"}, required)
    assert not gold.matches({**good, "recipient": [{"country": "RUS"}]}, required)
