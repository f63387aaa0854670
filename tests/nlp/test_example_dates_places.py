"""The worked example with no article date: every required event carries its gold date
at the gold's precision (2022-11, 2022-10-26..27, 2022-11-07) and the memorandum is
located in Egypt (Sharm el-Sheikh)."""

from __future__ import annotations

import json

from communique.model import Article


def test_worked_example_dates_and_place_without_an_article_date(extractor, shared_dir) -> None:
    folder = shared_dir / "examples" / "kazakhstan-eu-2022"
    text = (folder / "article.txt").read_text(encoding="utf-8")
    gold = [json.loads(line) for line in (folder / "expected.jsonl").read_text().splitlines() if line.strip()]
    result = extractor.extract(Article(id="example", text=text, date=None))
    assert result.inferred_date == "2022-11" and result.inferred_from
    required = [g for g in gold if g["gold"] == "required"]
    assert len(required) == 6
    for g in required:
        words = g["event_text"].split(" ... ")[0]
        candidates = [
            e for e in result.events if e.cameo == g["cameo"] and words.startswith(e.event_text[:6])
        ]
        assert candidates, (g["event_text"], [(e.cameo, e.event_text) for e in result.events])
        event = candidates[0]
        assert event.date == g["date"], (g["event_text"], event.date)  # same value, same precision
        assert event.enddate == g.get("enddate"), (g["event_text"], event.enddate)
        if g.get("event_loc"):
            assert event.event_loc is not None
            assert event.event_loc.country_code == g["event_loc"]["country_code"] == "EGY"
