"""Property-based tests of every reader: random bytes, random JSON and CSV structures,
random encodings. Whatever the input, ``read_articles`` never raises; it yields only
Articles and Rejections, every Rejection names the file it came from and a reason, and
a bad record in a JSONL or CSV file is reported with its line.

Profiles (tests/fileio/conftest.py): ``default`` in ``make test``; ``stress`` for the
10,000-examples-per-reader run.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from communique.fileio import read_articles
from communique.model import Article, Rejection

SUFFIXES = (".txt", ".jsonl", ".csv", ".html")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1", "cp1252", "shift_jis", "koi8-r", "gb18030")

_WORKDIR = Path(tempfile.mkdtemp(prefix="cq-hypothesis-"))


def _write(name: str, data: bytes) -> Path:
    path = _WORKDIR / name
    path.write_bytes(data)
    return path


def _read(path: Path) -> tuple[list[Article], list[Rejection]]:
    """Every item of one file; the property every reader must keep on any input."""
    items = list(read_articles([path]))
    articles = [i for i in items if isinstance(i, Article)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert len(articles) + len(rejections) == len(items), items
    # lines as an editor counts them (CR, LF or CRLF end a line; CSV reads them so too)
    n_lines = len(re.split(rb"\r\n|\r|\n", path.read_bytes()))
    for r in rejections:
        assert r.source == str(path), r
        assert r.reason.strip(), r
        assert r.line is None or 1 <= r.line <= n_lines, (r, n_lines)
        assert str(path) in r.describe()
    for a in articles:
        assert a.id and a.text.strip()
    return articles, rejections


# -- random bytes, every reader ---------------------------------------------------------

_lines_of_bytes = st.lists(st.binary(max_size=60), max_size=8).map(b"\n".join)
_any_bytes = st.one_of(st.binary(max_size=400), _lines_of_bytes)


@given(data=_any_bytes)
def test_txt_random_bytes(data: bytes) -> None:
    articles, rejections = _read(_write("random.txt", data))
    assert len(articles) + len(rejections) == 1  # one file, one item


@given(data=_any_bytes)
def test_jsonl_random_bytes(data: bytes) -> None:
    _read(_write("random.jsonl", data))


@given(data=_any_bytes)
@example(data=b'"\n\x80')  # a bad byte in a header cell spanning lines: the header's line
@example(data=b"\r\x80")  # CR alone ends a line too
def test_csv_random_bytes(data: bytes) -> None:
    _read(_write("random.csv", data))


@given(data=_any_bytes)
def test_html_random_bytes(data: bytes) -> None:
    articles, rejections = _read(_write("random.html", data))
    assert len(articles) + len(rejections) == 1


# -- random JSON structures --------------------------------------------------------------

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40)
)
_json = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_fields = ("id", "text", "date", "title", "url", "source", "language")
_record = st.dictionaries(
    st.one_of(st.sampled_from(_fields), st.text(max_size=8)),
    st.one_of(_json, st.text(min_size=1, max_size=80), st.dates().map(str)),
    max_size=7,
)
_jsonl_line = st.one_of(
    _record.map(json.dumps), _json.map(json.dumps), st.text(max_size=40).filter(lambda s: "\n" not in s)
)


@given(lines=st.lists(_jsonl_line, min_size=1, max_size=8))
def test_jsonl_random_records_each_line_is_one_item(lines: list[str]) -> None:
    path = _write("records.jsonl", "\n".join(lines).encode("utf-8", "surrogatepass"))
    articles, rejections = _read(path)
    if b"\x00" in path.read_bytes()[:8192]:  # a binary file is refused whole, by name
        assert articles == [] and [r.line for r in rejections] == [None]
        assert "binary" in rejections[0].reason
        return
    if not path.read_bytes().strip():
        assert articles == [] and [r.line for r in rejections] == [None]
        return
    text_lines = path.read_bytes().removeprefix(b"\xef\xbb\xbf").split(b"\n")
    records = [n for n, raw in enumerate(text_lines, 1) if raw.strip(b" \t\r\n")]
    per_line = [r for r in rejections if r.line is not None]
    if records:
        # every non-blank line is either an article or a rejection naming that line
        assert len(articles) + len(per_line) == len(records)
        assert {r.line for r in per_line} <= set(records)
    else:
        assert articles == [] and len(rejections) == 1 and rejections[0].line is None


# -- random CSV structures ---------------------------------------------------------------

_cell = st.one_of(st.text(max_size=30), st.dates().map(str), st.integers().map(str))
_header = st.lists(st.one_of(st.sampled_from(_fields), st.text(max_size=8)), min_size=1, max_size=6)


@given(header=_header, rows=st.lists(st.lists(_cell, max_size=7), max_size=6))
def test_csv_random_tables(header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    path = _write("table.csv", buf.getvalue().encode("utf-8", "surrogatepass"))
    articles, rejections = _read(path)
    names = [h.strip().lower() for h in header if h.strip()]
    if b"\x00" in path.read_bytes()[:8192]:
        assert articles == [] and [r.line for r in rejections] == [None]
        return
    if not names:
        return  # a blank header row is skipped: the first data row becomes the header
    if "text" not in names or len(set(names)) != len(names):
        assert articles == [] and len(rejections) == 1 and rejections[0].line is None
        return
    # each data row with any content is an article or a rejection naming its line
    expected = sum(1 for row in rows if any(cell.strip() for cell in row))
    per_row = [r for r in rejections if r.line is not None]
    assert len(articles) + len(per_row) == expected


# -- random encodings --------------------------------------------------------------------


@given(
    text=st.text(min_size=1, max_size=200),
    encoding=st.sampled_from(ENCODINGS),
    suffix=st.sampled_from(SUFFIXES),
)
def test_random_encodings(text: str, encoding: str, suffix: str) -> None:
    if suffix == ".jsonl":
        text = json.dumps({"id": "x", "text": text}, ensure_ascii=False)
    elif suffix == ".csv":
        buf = io.StringIO()
        csv.writer(buf).writerows([["id", "text"], ["x", text]])
        text = buf.getvalue()
    data = text.encode(encoding, errors="replace")
    _, rejections = _read(_write(f"encoded{suffix}", data))
    if encoding in ("utf-8", "utf-8-sig") and suffix in (".txt", ".jsonl") and text.strip():
        # valid UTF-8 is never refused for its encoding
        assert not any("UTF-8" in r.reason for r in rejections)
