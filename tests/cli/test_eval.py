"""``communique eval``: scores a gold file against extracted or given events."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "examples" / "kazakhstan-eu-2022"


def _cells(cli, text: str) -> str:
    return cli.squash(text.replace("\u2502", " "))


@pytest.mark.skipif(not EXAMPLE.exists(), reason=f"needs the worked example at {EXAMPLE}")
def test_eval_of_the_gold_against_itself_is_perfect(cli) -> None:
    gold = EXAMPLE / "expected.jsonl"
    out = _cells(cli, cli.ok("eval", str(gold), "--pred", str(gold)).stdout)
    assert "with dates 1.000 1.000 1.000 6 6" in out


@pytest.mark.skipif(not EXAMPLE.exists(), reason=f"needs the worked example at {EXAMPLE}")
def test_eval_runs_the_pipeline_on_input_articles(cli) -> None:
    """The worked example: all 6 required events found, none outside the gold list."""
    result = cli.ok("eval", str(EXAMPLE / "expected.jsonl"), "--input", str(EXAMPLE / "article.txt"), "-v")
    out = _cells(cli, result.stdout)
    assert "with dates 1.000 1.000 1.000 6 6" in out
    assert "MISS" not in out and "EXTRA" not in out


def test_eval_needs_exactly_one_source_of_events(cli, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"event": "CONSULT", "gold": "required"}\n', encoding="utf-8")
    result = cli.run("eval", str(gold))
    assert result.exit_code != 0 and "--input" in result.output
