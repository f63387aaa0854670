"""``communique dates`` and ``communique places`` on real text through the real pipeline."""

from __future__ import annotations

from pathlib import Path

TEXT = (
    "On 26–27 October President of the European Council Charles Michel visited Kazakhstan. "
    "The memorandum was signed on 7 November 2022 in Sharm el-Sheikh. "
    "Relations go back three decades, and the council meets every year."
)


def test_dates_prints_one_json_object_per_expression(cli) -> None:
    rows = cli.jsonl(cli.ok("dates", TEXT, "--date", "2022-11-20").stdout)
    by_text = {r["text"]: r for r in rows}
    assert by_text["26–27 October"] | {} == {
        "start": TEXT.index("26–27"),
        "end": TEXT.index("26–27") + len("26–27 October"),
        "text": "26–27 October",
        "value": "2022-10-26",
        "enddate": "2022-10-27",
        "precision": "day",
        "kind": "date",
    }
    assert by_text["7 November 2022"]["value"] == "2022-11-07"
    assert "enddate" not in by_text["7 November 2022"]
    assert by_text["three decades"]["kind"] == "duration" and by_text["three decades"]["value"] is None
    assert by_text["every year"]["kind"] == "set" and by_text["every year"]["value"] is None
    for r in rows:
        assert TEXT[r["start"] : r["end"]] == r["text"]


def test_dates_reads_a_file_and_infers_the_year_without_a_date(cli, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    rows = cli.jsonl(cli.ok("dates", path).stdout)
    assert {r["text"]: r["value"] for r in rows}["26–27 October"] == "2022-10-26"


def test_places_resolves_against_geonames(cli) -> None:
    rows = cli.jsonl(cli.ok("places", TEXT).stdout)
    by_text = {r["text"]: r for r in rows}
    sharm = by_text["Sharm el-Sheikh"]
    assert sharm["country_code"] == "EGY" and sharm["feature_code"].startswith("PPL")
    assert sharm["geonameid"] and sharm["lat"] and sharm["lon"]
    assert by_text["Kazakhstan"]["country_code"] == "KAZ"


def _explain_record(cli, tmp_path: Path, record: dict) -> str:
    """``communique explain`` of one JSONL record, its output on one line."""
    import json

    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return " ".join(cli.ok("explain", str(path)).stdout.split())


def test_explain_says_the_article_date_came_from_the_url(cli, tmp_path: Path) -> None:
    record = {
        "id": "u1",
        "url": "https://example.com/news/2021/07/17/ministers-meet/",
        "text": "The foreign minister of Kazakhstan met his Chinese counterpart in Beijing today.",
    }
    out = _explain_record(cli, tmp_path, record)
    assert "article date 2021-07-17 inferred from the URL" in out


def test_explain_shows_the_dateline_and_the_people_who_dated_it(cli, tmp_path: Path) -> None:
    record = {
        "id": "d1",
        "dateline": "TOKYO, March 31 -",
        "text": "Prime Minister Yasuhiro Nakasone said the trade accord of 1980 still held.",
    }
    out = _explain_record(cli, tmp_path, record)
    assert "dateline 'TOKYO, March 31 -'" in out
    assert "article date 1983-03-31 inferred from the dateline" in out
    assert "Yasuhiro Nakasone held office" in out
