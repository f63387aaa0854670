"""Every document of the shared evaluation corpus comes out as an Article or a Rejection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.fileio import read_articles
from communique.model import Article, Rejection

NEWS = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "news"


@pytest.mark.slow
def test_eval_news_corpus_is_fully_accounted_for() -> None:
    files = sorted(NEWS.glob("*.jsonl"))
    if not files:
        pytest.skip(f"evaluation corpus not found at {NEWS}")
    assert NEWS / "whitehouse-briefing-room.jsonl" in files
    records = [
        json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    assert len(records) == 709

    items = list(read_articles(files))
    articles = [i for i in items if isinstance(i, Article)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert len(articles) + len(rejections) == len(items) == 709
    assert all(r.reason for r in rejections), [r.describe() for r in rejections]
    assert rejections == []  # the corpus is clean: every document is read

    by_id = {a.id: a for a in articles}
    assert len(by_id) == 709
    null_dates = [r["id"] for r in records if r.get("date") is None]
    assert len(null_dates) == 33
    assert all(by_id[i].date is None for i in null_dates)
    # YYYY-MM dates are kept at month precision, not turned into "unknown".
    assert sum(a.date is None for a in articles) == 33
    coarse = {r["id"]: r["date"] for r in records if r.get("date") and len(r["date"]) < 10}
    assert len(coarse) == 21
    assert all(by_id[i].date_iso == d and by_id[i].date_precision != "day" for i, d in coarse.items())
    assert all(a.text.strip() and "\r" not in a.text for a in articles)
    whitehouse = [a for a in articles if a.id.startswith("whitehouse-")]
    assert len(whitehouse) == 248 and all(a.date is not None for a in whitehouse)
