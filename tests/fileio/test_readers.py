"""read_articles over real files in tmp_path: every format and every rejection case."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from communique.fileio import read_articles, split_txt_header
from communique.model import Article, Rejection, content_hash

BODY = (
    "The foreign minister of Norland met her counterpart from Estavia in Velmora on "
    "Tuesday.\n\nBoth sides agreed to reopen the border crossing at Tarn before winter."
)


def split(items: list[Article | Rejection]) -> tuple[list[Article], list[Rejection]]:
    articles = [i for i in items if isinstance(i, Article)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert len(articles) + len(rejections) == len(items)
    return articles, rejections


def read(*paths: Path | str, **kwargs: object) -> tuple[list[Article], list[Rejection]]:
    return split(list(read_articles(list(paths), **kwargs)))  # type: ignore[arg-type]


def write_jsonl(path: Path, lines: list[object | str]) -> Path:
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def assert_names(rejection: Rejection, path: Path, line: int | None) -> None:
    described = rejection.describe()
    assert path.name in described
    assert rejection.line == line
    if line is not None:
        assert f"{path.name}:{line}:" in described


# -- .txt --------------------------------------------------------------------------


def test_txt_plain_file_uses_stem_and_default_date(tmp_path: Path) -> None:
    path = tmp_path / "norland-talks.txt"
    path.write_text(BODY, encoding="utf-8")
    (article,), rejections = read(path, default_date=dt.date(2024, 3, 5))
    assert rejections == []
    assert article == Article(id="norland-talks", text=BODY, date=dt.date(2024, 3, 5))
    (undated,), _ = read(path)
    assert undated.date is None


def test_txt_header_is_metadata_and_stripped(tmp_path: Path) -> None:
    path = tmp_path / "visit.txt"
    header = (
        "Title: Norland and Estavia reopen a crossing\nDate: 2024-03-05\n"
        "URL: https://example.org/visit\nSource: Example Wire\n\n"
    )
    path.write_bytes(b"\xef\xbb\xbf" + (header + BODY).replace("\n", "\r\n").encode())
    (article,), _ = read(path, default_date=dt.date(1999, 1, 1))
    assert article.text == BODY
    assert article.date == dt.date(2024, 3, 5)
    assert article.title == "Norland and Estavia reopen a crossing"
    assert article.url == "https://example.org/visit"
    assert article.source == "Example Wire"


def test_txt_header_without_blank_line_is_text(tmp_path: Path) -> None:
    text = "Source: officials in Velmora said the talks went well.\nMore text."
    assert split_txt_header(text) == ({}, text)
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    (article,), _ = read(path)
    assert article.text == text and article.title is None


def test_txt_bad_header_date_is_rejected_with_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad-date.txt"
    bad.write_text("Title: T\nDate: sometime soon\n\n" + BODY, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(BODY, encoding="utf-8")
    articles, (rejection,) = read(bad, good)
    assert [a.id for a in articles] == ["good"]
    assert_names(rejection, bad, 2)
    assert "sometime soon" in rejection.reason
    assert rejection.item_id == "bad-date"


def test_txt_header_only_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "header-only.txt"
    path.write_text("Title: Nothing follows\n\n\n", encoding="utf-8")
    _, (rejection,) = read(path)
    assert_names(rejection, path, None)
    assert "no article text" in rejection.reason


# -- whole-file problems --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "line", "words"),
    [
        ("empty.txt", b"", None, "empty file"),
        ("blank.jsonl", b"  \n\n", None, "empty file"),
        ("binary.txt", b"PK\x03\x04\x00\x00 some zip", None, "binary"),
        ("binary.jsonl", b'{"text": "a"}\n\x00\x01', None, "binary"),
        (
            "latin1.txt",
            "first line\nsecond caf\xe9 line\n".encode("latin-1"),
            2,
            "byte 0xe9 at byte offset 21",
        ),
        ("latin1.html", b"<html><body><p>caf\xe9</p></body></html>", 1, "UTF-8"),
    ],
)
def test_unreadable_files_are_rejected(
    tmp_path: Path, name: str, data: bytes, line: int | None, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(BODY, encoding="utf-8")
    articles, (rejection,) = read(path, good)
    assert [a.id for a in articles] == ["good"]
    assert_names(rejection, path, line)
    assert words in rejection.reason


def test_missing_path_and_unsupported_type(tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    _, (r1, r2) = read(missing, pdf)
    assert r1.source == str(missing) and "no such file" in r1.reason
    assert r2.source == str(pdf) and "unsupported file type .pdf" in r2.reason


def test_single_path_string_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text(BODY, encoding="utf-8")
    items = list(read_articles(str(path)))
    assert [type(i) for i in items] == [Article]


# -- folders -----------------------------------------------------------------------


def test_folder_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A text.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".git" / "inside.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# notes", encoding="utf-8")
    (tmp_path / "b" / "scan.pdf").write_bytes(b"%PDF-1.4\x00\x01")
    write_jsonl(tmp_path / "b" / "more.jsonl", [{"id": "j1", "text": "Jay text."}])
    skipped: list[str] = []
    items = list(read_articles(tmp_path, on_skip=skipped.append))
    # Files of other types inside a folder are not articles: skipped, not rejected.
    assert [a.id for a in items] == ["a", "j1", "z"]
    assert skipped == [str(tmp_path / "b" / "scan.pdf"), str(tmp_path / "notes.md")]


def test_an_unsupported_file_named_explicitly_is_rejected(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# notes", encoding="utf-8")
    skipped: list[str] = []
    (rejection,) = list(read_articles([notes], on_skip=skipped.append))
    assert isinstance(rejection, Rejection) and skipped == []
    assert rejection.source == str(notes)
    assert "unsupported file type .md" in rejection.reason


def test_duplicate_ids_name_first_location(tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "one.jsonl", ["", {"id": "x1", "text": "First."}])
    second = write_jsonl(
        tmp_path / "two.jsonl",
        [{"id": "x1", "text": "Second."}, {"text": "Same text."}, {"text": "Same text."}],
    )
    articles, (dup1, dup2) = read(first, second)
    assert [a.text for a in articles] == ["First.", "Same text."]
    assert_names(dup1, second, 1)
    assert dup1.reason == f"duplicate id x1, first seen at {first}:2"
    assert dup1.item_id == "x1"
    assert_names(dup2, second, 3)
    assert dup2.item_id == content_hash("Same text.")


# -- JSON Lines --------------------------------------------------------------------


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        [
            {
                "id": "a1",
                "date": "2024-03-05",
                "title": "T",
                "text": BODY,
                "url": "u",
                "source": "s",
                "language": "en",
                "extra": [1, 2],
            },
            "",
            "{not json",
            "[1, 2]",
            {"id": "m", "title": "no text"},
            {"id": "e", "text": "   "},
            {"id": "n", "text": 42},
            {"id": "d", "text": "ok", "date": "someday maybe"},
            {"id": "d2", "text": "ok", "date": 20240305},
            {"id": ["x"], "text": "ok"},
            {"text": "No id here.", "date": None},
            {"id": 7, "text": "Line one\r\nline two", "date": "2024-03-05T14:30"},
            {"id": "s", "text": "ok", "date": "2024-03-05T14:30:59"},
            {"id": "p", "text": "ok", "date": "March 5, 2024"},
            {"id": "ym", "text": "ok", "date": "2016-10"},
        ],
    )
    articles, rejections = read(path, default_date=dt.date(2000, 1, 1))
    by_id = {a.id: a for a in articles}
    assert list(by_id) == ["a1", content_hash("No id here."), "7", "s", "p", "ym"]
    assert by_id["a1"] == Article(
        id="a1", text=BODY, date=dt.date(2024, 3, 5), title="T", url="u", source="s", language="en"
    )
    assert by_id[content_hash("No id here.")].date == dt.date(2000, 1, 1)
    assert by_id["7"].text == "Line one\nline two"
    assert by_id["7"].date == by_id["s"].date == by_id["p"].date == dt.date(2024, 3, 5)
    # A month is kept at month precision, not turned into "unknown" (nor the default).
    assert (by_id["ym"].date_iso, by_id["ym"].date_precision) == ("2016-10", "month")
    assert by_id["7"].date_precision == "day" and by_id["7"].date_iso == "2024-03-05"

    expected = {
        3: "malformed JSON",
        4: "expected a JSON object, got list",
        5: "missing 'text'",
        6: "empty 'text'",
        7: "'text' must be a string",
        8: "cannot read date 'someday maybe'",
        9: "date must be a string",
        10: "'id' must be a string or an integer",
    }
    assert [r.line for r in rejections] == list(expected)
    for rejection in rejections:
        assert_names(rejection, path, rejection.line)
        assert expected[rejection.line] in rejection.reason  # type: ignore[index]
    assert {r.line: r.item_id for r in rejections}[5] == "m"


def test_jsonl_bad_utf8_line_rejected_alone(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "g1", "text": "Fine."}).encode()
    bad = b'{"id": "b", "text": "caf\xe9"}'
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\n" + bad + b"\n" + good.replace(b"g1", b"g2"))
    articles, (rejection,) = read(path)
    assert [a.id for a in articles] == ["g1", "g2"]
    assert_names(rejection, path, 2)
    offset = 3 + len(good) + 1 + bad.index(b"\xe9")
    assert f"byte 0xe9 at byte offset {offset}" in rejection.reason


def test_jsonl_non_ascii_and_line_separator_kept(tmp_path: Path) -> None:
    text = "Les ministres se sont réunis\u2028à Velmora."
    path = tmp_path / "fr.jsonl"
    path.write_text(json.dumps({"id": "fr", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    (article,), _ = read(path)
    assert article.text == text


# -- CSV ---------------------------------------------------------------------------


def test_csv_rows_with_multiline_fields_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text(
        "\ufeffID,Date,Title,Text,Notes\r\n"  # line 1 (extra column ignored)
        'c1,2024-03-05,First,"Para one.\r\n\r\nPara two, with a comma.",x\r\n'  # 2-4
        "c2,not a date,Bad,Some text,\r\n"  # 5
        "\r\n"  # 6 blank
        'c3,,Third,"Quoted ""word"" here"\r\n'  # 7 short row: padded
        "c4,2024-03-06,Empty,,\r\n"  # 8
        "c5,2024-03-06,Too,many,fields,here\r\n"  # 9
        '"c6","2024-03-07","Multi\r\nline title","Sixth text."\r\n',  # 10-11
        encoding="utf-8",
        newline="",
    )
    articles, rejections = read(path)
    assert [a.id for a in articles] == ["c1", "c3", "c6"]
    assert articles[0].text == "Para one.\n\nPara two, with a comma."
    assert articles[0].date == dt.date(2024, 3, 5)
    assert articles[1].text == 'Quoted "word" here' and articles[1].date is None
    assert articles[2].title == "Multi\r\nline title"
    assert [(r.line, r.item_id) for r in rejections] == [(5, "c2"), (8, "c4"), (9, None)]
    for rejection in rejections:
        assert_names(rejection, path, rejection.line)
    assert "cannot read date" in rejections[0].reason
    assert "empty 'text'" in rejections[1].reason
    assert "6 fields but the header has 5" in rejections[2].reason


def test_csv_without_text_column_is_rejected_whole(tmp_path: Path) -> None:
    path = tmp_path / "notext.csv"
    path.write_text("id,date,body\na,2024-01-01,hello\n", encoding="utf-8")
    _, (rejection,) = read(path)
    assert_names(rejection, path, None)
    assert "no 'text' column" in rejection.reason and "body" in rejection.reason


def test_csv_header_only_and_bad_utf8_row(tmp_path: Path) -> None:
    header_only = tmp_path / "header.csv"
    header_only.write_text("id,text\n", encoding="utf-8")
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(b'id,text\ng1,Fine.\nb1,"two\nlines caf\xe9"\ng2,Also fine.\n')
    articles, (r1, r2) = read(header_only, mixed)
    assert [a.id for a in articles] == ["g1", "g2"]
    assert_names(r1, header_only, None)
    assert "no records" in r1.reason
    assert_names(r2, mixed, 3)
    assert "byte 0xe9 (line 4)" in r2.reason


# -- HTML --------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Norland and Estavia reopen the Tarn crossing | Example Wire</title>
<meta property="og:title" content="Norland and Estavia reopen the Tarn crossing">
<meta property="article:published_time" content="2024-03-05T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Norland and Estavia reopen the Tarn crossing</h1>
<p>The foreign minister of Norland met her counterpart from Estavia in Velmora on
Tuesday, the first such meeting since the two neighbours closed their shared border
three years ago after a dispute over river tolls.</p>
<p>Both sides agreed to reopen the crossing at Tarn before winter, and said customs
officers from each country would work side by side at a single checkpoint.</p>
<p>The ministers also promised to meet again in the spring to discuss fishing rights
on the lake that the two countries share.</p>
</article>
<div class="comments"><p>Reader comment: this will never last.</p></div>
<footer>Copyright Example Wire. All rights reserved.</footer>
</body></html>
"""


def test_html_main_text_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "tarn-crossing.html"
    path.write_text(PAGE, encoding="utf-8")
    empty = tmp_path / "empty-page.htm"
    empty.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    (article,), (rejection,) = read(path, empty)
    assert article.id == "tarn-crossing"
    assert "Both sides agreed to reopen the crossing at Tarn" in article.text
    assert "Reader comment" not in article.text
    assert "Home" not in article.text
    assert "\r" not in article.text
    assert article.title == "Norland and Estavia reopen the Tarn crossing"
    assert article.date == dt.date(2024, 3, 5)
    assert_names(rejection, empty, None)
    assert "no main text" in rejection.reason


def test_html_in_declared_legacy_charset(tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    path.write_bytes(
        PAGE.replace('charset="utf-8"', 'charset="windows-1252"')
        .replace("Velmora", "Vélmora")
        .encode("cp1252")
    )
    (article,), _ = read(path)
    assert "Vélmora" in article.text


# -- dates coarser than a day ----------------------------------------------------------


def test_coarse_dates_keep_their_precision_in_every_format(tmp_path: Path) -> None:
    jsonl = write_jsonl(
        tmp_path / "a.jsonl",
        [{"id": "m", "text": "ok", "date": "2015-12"}, {"id": "y", "text": "ok", "date": "2016"}],
    )
    csv_file = tmp_path / "b.csv"
    csv_file.write_text("id,date,text\nc,1999-03,ok\n", encoding="utf-8")
    txt = tmp_path / "t.txt"
    txt.write_text("Date: 2001\n\nBody text.\n", encoding="utf-8")
    articles, rejections = read(jsonl, csv_file, txt)
    assert rejections == []
    got = {a.id: (a.date_iso, a.date_precision) for a in articles}
    assert got == {
        "m": ("2015-12", "month"),
        "y": ("2016", "year"),
        "c": ("1999-03", "month"),
        "t": ("2001", "year"),
    }
    assert {a.id: a.to_dict()["date"] for a in articles} == {k: v[0] for k, v in got.items()}


def test_an_impossible_month_is_rejected_with_its_line(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "a.jsonl", [{"id": "ok", "text": "ok"}, {"id": "x", "text": "ok", "date": "2016-13"}]
    )
    articles, (rejection,) = read(path)
    assert [a.id for a in articles] == ["ok"]
    assert_names(rejection, path, 2)
    assert "month 13" in rejection.reason


def test_a_wire_dateline_is_read_from_jsonl_csv_and_txt_headers(tmp_path: Path) -> None:
    """A record may keep its dateline apart from its text (Reuters: "ROME, Feb 27 -");
    it is the article's, so an undated article can take its date from it."""
    jsonl = write_jsonl(tmp_path / "wire.jsonl", [{"id": "r1", "text": BODY, "dateline": " ROME, Feb 27 - "}])
    csv_path = tmp_path / "wire.csv"
    csv_path.write_text('id,text,dateline\nr2,"Talks went on.","PARIS, March 3 -"\nr3,"No line.",\n')
    txt = tmp_path / "r4.txt"
    txt.write_text("Title: T\nDateline: MOSCOW, March 12 -\n\nThe talks went on.\n")
    articles, rejections = read(jsonl, csv_path, txt)
    assert rejections == []
    assert {a.id: a.dateline for a in articles} == {
        "r1": "ROME, Feb 27 -",
        "r2": "PARIS, March 3 -",
        "r3": None,
        "r4": "MOSCOW, March 12 -",
    }
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"id": "b", "text": BODY, "dateline": 27}])
    _, rejections = read(bad)
    assert len(rejections) == 1 and "'dateline' must be a string" in rejections[0].reason
