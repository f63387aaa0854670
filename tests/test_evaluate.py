"""``communique.evaluate`` gives the project scorer's numbers (shared/scoring/score.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from communique.errors import InputError
from communique.evaluate import dates_agree, evaluate, event_matches, load_records

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCORER = SHARED / "scoring" / "score.py"
GOLD = SHARED / "dev-gold" / "gold.jsonl"
EXAMPLE = SHARED / "examples" / "kazakhstan-eu-2022" / "expected.jsonl"


def _perturbed(golds: list[dict]) -> list[dict]:
    """Predictions made from the gold by rules that exercise every part of the matcher:
    some dropped, some retyped, parties swapped, dates coarsened, shifted or removed."""
    out = []
    for n, g in enumerate(golds):
        p = {k: g[k] for k in ("article_id", "event", "cameo", "actor", "recipient", "date") if k in g}
        if n % 7 == 0:
            continue
        if n % 5 == 0:
            p["event"] = "ACCUSE" if g["event"] != "ACCUSE" else "REJECT"
        if n % 4 == 0:
            p["actor"], p["recipient"] = g.get("recipient") or [], g.get("actor") or []
        if n % 6 == 0 and p.get("date"):
            p["date"] = p["date"][:7]
        if n % 9 == 0 and p.get("date"):
            p["date"] = p["date"][:8] + "28"
        if n % 11 == 0:
            p["date"] = None
        if n % 13 == 0:
            p["enddate"] = (g.get("date") or "2000-01-01")[:8] + "30"
        out.append(p)
    return out


@pytest.mark.skipif(not (SCORER.exists() and GOLD.exists()), reason=f"needs {SCORER} and {GOLD}")
@pytest.mark.parametrize("gold_path", [GOLD, EXAMPLE])
def test_same_numbers_as_the_project_scorer(tmp_path: Path, gold_path: Path) -> None:
    golds = load_records(gold_path)
    preds = _perturbed(golds)
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(SCORER), "articles", str(gold_path), str(pred_path)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    ours = evaluate(golds, preds)
    assert ours.summary() == json.loads(run.stdout)
    assert ours.dated.extras or ours.dated.misses  # the perturbation left work to do
    assert sum(t.found for t in ours.by_type.values()) == ours.dated.found


def test_joint_acts_match_in_either_order_and_other_types_do_not() -> None:
    usa, egy = {"country": "USA"}, {"country": "EGY"}
    gold = {"event": "CONSULT", "actor": [usa], "recipient": [egy], "date": "2023-10"}
    swapped = {"event": "CONSULT", "actor": [egy], "recipient": [usa], "date": "2023-10-16"}
    assert event_matches(gold, swapped, use_date=True)
    assert not event_matches({**gold, "event": "ACCUSE"}, {**swapped, "event": "ACCUSE"}, use_date=False)


def test_dates_at_gold_precision_ranges_and_alternatives() -> None:
    gold = {"date": "2021-07-11", "enddate": "2021-07-17", "date_alt": "2021-07-20"}
    assert dates_agree(gold, {"date": "2021-07-14"})
    assert dates_agree(gold, {"date": "2021-07-20"})
    assert not dates_agree(gold, {"date": "2021-07-19"})
    assert dates_agree({"date": "2023-10"}, {"date": "2023-10-30"})
    assert dates_agree({"date": None}, {"date": None})


def test_bad_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"event": "CONSULT"}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.jsonl:2"):
        load_records(path)
