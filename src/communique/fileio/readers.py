"""Read articles from files: ``.txt``, JSON Lines, CSV, HTML, or folders of them.

Every item comes out either as an :class:`~communique.model.Article` or as a
:class:`~communique.model.Rejection` that says where it was and why it could not be
read, so a batch over thousands of files never loses an item silently and one broken
line never stops the rest. Large JSONL/CSV files are streamed, not loaded whole.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from communique.fileio._records import (
    BINARY_SNIFF_BYTES,
    UTF8_BOM,
    RecordError,
    decode_utf8,
    describe_decode_error,
    normalise_text,
    parse_date,
    record_to_article,
    sniff_binary,
)
from communique.model import Article, Rejection

logger = logging.getLogger(__name__)

#: File name endings read by :func:`read_articles` (compared case-insensitively).
SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".jsonl", ".csv", ".html", ".htm")

#: Fields a CSV long text may reach; the csv module's default (128 KiB) is too small
#: for long transcripts, so it is raised (never lowered) to this when reading CSV.
CSV_FIELD_LIMIT = 64 * 1024 * 1024

# What JSON itself calls whitespace: a line of anything else (a stray control character,
# U+2028, ...) is a record that is judged and, if bad, rejected with its line, never
# skipped as blank.
_JSON_SPACE = " \t\r\n"
_HEADER_LINE = re.compile(r"^(title|date|url|source|language|dateline)[ \t]*:[ \t]*(.*?)[ \t]*$", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)

# What the per-format readers yield: an article with where it came from, or a rejection.
_Found = tuple[Article, str, "int | None"]
_Item = _Found | Rejection


def read_articles(
    paths: Iterable[str | Path] | str | Path,
    *,
    default_date: dt.date | None = None,
    on_skip: Callable[[str], None] | None = None,
) -> Iterator[Article | Rejection]:
    """Yield an Article for every readable item and a Rejection for every other one.

    ``paths`` may name ``.txt``, ``.jsonl``, ``.csv``, ``.html``/``.htm`` files or
    folders (read recursively in sorted order, hidden files skipped). A single path is
    accepted too. ``default_date`` is the date given to items that carry none (a
    ``.txt`` without a ``Date:`` header, a record with an empty or null ``date``).

    A file of another type found inside a folder (``README.md``, ``notes.pdf``) is not an
    article and not an error: it is passed to ``on_skip`` (the CLI prints one notice for
    all of them) and logged. A file of another type named explicitly is rejected, since
    the user asked for it.
    Ids must be unique within one call: a repeated id is rejected, naming where it
    was first seen, because the store and the exports key everything on it.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    seen: dict[str, str] = {}
    n_articles = n_rejected = 0
    for given in paths:
        for item in _read_path(given, default_date, on_skip):
            if isinstance(item, Rejection):
                n_rejected += 1
                yield item
                continue
            article, source, line = item
            if article.id in seen:
                n_rejected += 1
                yield Rejection(
                    source,
                    line,
                    f"duplicate id {article.id}, first seen at {seen[article.id]}",
                    item_id=article.id,
                )
                continue
            seen[article.id] = f"{source}:{line}" if line is not None else source
            n_articles += 1
            yield article
    logger.info("read %d articles, rejected %d items", n_articles, n_rejected)


def _read_path(
    given: str | Path, default_date: dt.date | None, on_skip: Callable[[str], None] | None
) -> Iterator[_Item]:
    source = os.fspath(given)
    path = Path(given)
    if path.is_dir():
        for child in _folder_files(path):
            if child.suffix.lower() not in SUPPORTED_SUFFIXES:
                logger.info("skipped %s: not an article file type", child)
                if on_skip is not None:
                    on_skip(os.fspath(child))
                continue
            yield from _read_file(child, os.fspath(child), default_date)
    elif path.exists():
        yield from _read_file(path, source, default_date)
    else:
        yield Rejection(source, None, "no such file or directory")


def _folder_files(folder: Path) -> list[Path]:
    """Every non-hidden file under ``folder``, hidden folders pruned, in sorted order."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root, f) for f in files if not f.startswith("."))
    return sorted(found)


def _read_file(path: Path, source: str, default_date: dt.date | None) -> Iterator[_Item]:
    suffix = path.suffix.lower()
    readers = {
        ".txt": _read_txt,
        ".jsonl": _read_jsonl,
        ".csv": _read_csv,
        ".html": _read_html,
        ".htm": _read_html,
    }
    reader = readers.get(suffix)
    if reader is None:
        yield Rejection(
            source,
            None,
            f"unsupported file type {suffix or '(no extension)'}; expected one of "
            + ", ".join(SUPPORTED_SUFFIXES),
        )
        return
    try:
        yield from reader(path, source, default_date)
    except OSError as err:
        yield Rejection(source, None, f"cannot read file: {err.strerror or err}")


def _whole_file(path: Path, source: str, item_id: str | None) -> str | Rejection:
    """The decoded text of a one-item file, or the Rejection that says why not."""
    data = path.read_bytes()
    if not data.strip():
        return Rejection(source, None, "empty file", item_id=item_id)
    if sniff_binary(data):
        return Rejection(source, None, _binary_reason(data), item_id=item_id)
    try:
        return normalise_text(decode_utf8(data))
    except UnicodeDecodeError as err:
        reason, line = describe_decode_error(data, err)
        return Rejection(source, line, reason, item_id=item_id)


def _binary_reason(head: bytes) -> str:
    return f"binary file, not text (NUL byte at byte offset {head.index(0)})"


def _sniff_stream(fh: io.BufferedReader, source: str) -> Rejection | None:
    """Check the head of a streamed file for emptiness and binary content, then rewind."""
    head = fh.read(BINARY_SNIFF_BYTES)
    fh.seek(0)
    if not head.strip():
        return Rejection(source, None, "empty file")
    if sniff_binary(head):
        return Rejection(source, None, _binary_reason(head))
    return None


# -- .txt ------------------------------------------------------------------------------


def split_txt_header(text: str) -> tuple[dict[str, tuple[str, int]], str]:
    """Split ``Title:``/``Date:``/``URL:``/``Source:``/``Language:`` header lines off.

    A header counts only when one or more such lines open the file and a blank line
    follows them; otherwise the whole text is the article (a first sentence that
    happens to start with "Source:" is not eaten). Returns ``{key: (value, line)}``
    and the body.
    """
    lines = text.split("\n")
    meta: dict[str, tuple[str, int]] = {}
    for index, line in enumerate(lines):
        match = _HEADER_LINE.match(line)
        if match is None:
            if meta and not line.strip():
                return meta, "\n".join(lines[index + 1 :])
            break
        meta[match.group(1).lower()] = (match.group(2), index + 1)
    return {}, text


def _read_txt(path: Path, source: str, default_date: dt.date | None) -> Iterator[_Item]:
    item_id = path.stem
    text = _whole_file(path, source, item_id)
    if isinstance(text, Rejection):
        yield text
        return
    meta, body = split_txt_header(text)
    if not body.strip():
        yield Rejection(source, None, "no article text after the header", item_id=item_id)
        return
    date, precision = default_date, "day"
    if "date" in meta:
        value, line = meta["date"]
        try:
            parsed = parse_date(value)
        except RecordError as err:
            yield Rejection(source, line, f"header {err.reason}", item_id=item_id)
            return
        if parsed is not None:
            date, precision = parsed
    fields = {
        key: (meta[key][0] or None) if key in meta else None
        for key in ("title", "url", "source", "language", "dateline")
    }
    article = Article(id=item_id, text=body, date=date, date_precision=precision, **fields)
    yield article, source, None


# -- JSON Lines ----------------------------------------------------------------------


def _read_jsonl(path: Path, source: str, default_date: dt.date | None) -> Iterator[_Item]:
    with path.open("rb") as fh:
        problem = _sniff_stream(fh, source)
        if problem is not None:
            yield problem
            return
        offset = 0
        records = 0
        for lineno, raw in enumerate(fh, start=1):
            line_offset, offset = offset, offset + len(raw)
            if lineno == 1 and raw.startswith(UTF8_BOM):
                raw, line_offset = raw[len(UTF8_BOM) :], line_offset + len(UTF8_BOM)
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                reason, _ = describe_decode_error(raw, err, base_offset=line_offset, base_line=lineno)
                yield Rejection(source, lineno, reason)
                continue
            if not line.strip(_JSON_SPACE):
                continue  # a blank line; any other character makes it a record to judge
            records += 1
            yield _jsonl_item(line, source, lineno, default_date)
        if records == 0:
            yield Rejection(source, None, "no records in file (only blank lines)")


def _jsonl_item(line: str, source: str, lineno: int, default_date: dt.date | None) -> _Item:
    try:
        obj: Any = json.loads(line)
    except json.JSONDecodeError as err:
        return Rejection(source, lineno, f"malformed JSON: {err.msg} (column {err.colno})")
    if not isinstance(obj, dict):
        return Rejection(source, lineno, f"expected a JSON object, got {type(obj).__name__}")
    try:
        article = record_to_article(obj, default_date=default_date, where=f"{source}:{lineno}")
    except RecordError as err:
        return Rejection(source, lineno, err.reason, item_id=err.item_id)
    return article, source, lineno


# -- CSV -----------------------------------------------------------------------------


def _read_csv(path: Path, source: str, default_date: dt.date | None) -> Iterator[_Item]:
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    with path.open("rb") as fh:
        problem = _sniff_stream(fh, source)
        if problem is not None:
            yield problem
            return
        # surrogateescape keeps bad bytes visible per row, so one bad row is rejected
        # alone instead of the whole file.
        text = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="surrogateescape", newline="")
        reader = csv.reader(text)
        header = _csv_header(reader, source)
        if isinstance(header, Rejection):
            yield header
            return
        records = 0
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                yield Rejection(source, start, f"malformed CSV row: {err}")
                continue
            if not any(cell.strip() for cell in row):
                continue
            records += 1
            yield _csv_item(row, header, source, start, default_date)
        if records == 0:
            yield Rejection(source, None, "no records in file (header only)")


def _csv_header(reader: Any, source: str) -> list[str] | Rejection:
    start = 1  # the line the header row starts on (a quoted cell may span lines)
    try:
        header: list[str] = []
        while not any(cell.strip() for cell in header):
            start = reader.line_num + 1
            header = next(reader)
    except StopIteration:
        return Rejection(source, None, "no header row")
    except csv.Error as err:
        return Rejection(source, reader.line_num, f"malformed CSV header: {err}")
    bad = _surrogate_reason(header, start)
    if bad is not None:
        return Rejection(source, bad[1], bad[0])
    names = [cell.strip().lower() for cell in header]
    if "text" not in names:
        return Rejection(source, None, f"CSV header has no 'text' column (columns: {', '.join(header)})")
    duplicates = sorted({n for n in names if n and names.count(n) > 1})
    if duplicates:
        return Rejection(source, None, f"CSV header repeats column(s) {', '.join(duplicates)}")
    return names


def _csv_item(
    row: list[str], names: list[str], source: str, start: int, default_date: dt.date | None
) -> _Item:
    bad = _surrogate_reason(row, start)
    if bad is not None:
        return Rejection(source, start, bad[0])
    if len(row) > len(names):
        return Rejection(
            source,
            start,
            f"row has {len(row)} fields but the header has {len(names)} (an unquoted comma?)",
        )
    # Short rows are padded: spreadsheets drop trailing empty cells.
    # An empty cell means "not given", except for text, where it is an empty article.
    record = {
        name: (cell if name == "text" else cell or None) for name, cell in zip(names, row, strict=False)
    }
    try:
        article = record_to_article(record, default_date=default_date, where=f"{source}:{start}")
    except RecordError as err:
        return Rejection(source, start, err.reason, item_id=err.item_id)
    return article, source, start


def _surrogate_reason(row: list[str], start: int) -> tuple[str, int] | None:
    """Where a row holds an undecodable byte (kept as a lone surrogate), if anywhere."""
    newlines = 0
    for cell in row:
        for pos, char in enumerate(cell):
            if "\udc80" <= char <= "\udcff":
                line = start + newlines + cell.count("\n", 0, pos)
                return (f"not valid UTF-8: byte 0x{ord(char) - 0xDC00:02x} (line {line})", line)
        newlines += cell.count("\n")
    return None


# -- HTML ----------------------------------------------------------------------------


def _read_html(path: Path, source: str, default_date: dt.date | None) -> Iterator[_Item]:
    item_id = path.stem
    html = _html_text(path, source, item_id)
    if isinstance(html, Rejection):
        yield html
        return
    import trafilatura  # heavy; only loaded when an HTML page is read

    try:
        text = trafilatura.extract(html, favor_precision=False, include_comments=False)
        meta = trafilatura.extract_metadata(html, extensive=False)
    except Exception as err:  # third-party parser: report, never crash the batch
        logger.debug("trafilatura failed on %s", source, exc_info=True)
        yield Rejection(source, None, f"cannot parse HTML: {err}", item_id=item_id)
        return
    if not text or not text.strip():
        yield Rejection(source, None, "no main text found in the HTML page", item_id=item_id)
        return
    date, precision = default_date, "day"
    if meta is not None and meta.date:
        try:
            parsed = parse_date(meta.date)
        except RecordError:
            logger.debug("%s: ignoring unreadable page date %r", source, meta.date)
        else:
            if parsed is not None:
                date, precision = parsed
    yield (
        Article(
            id=item_id,
            text=normalise_text(text),
            date=date,
            date_precision=precision,
            title=(meta.title or None) if meta is not None else None,
            url=(meta.url or None) if meta is not None else None,
            source=(meta.sitename or None) if meta is not None else None,
        ),
        source,
        None,
    )


def _html_text(path: Path, source: str, item_id: str) -> str | Rejection:
    """Decode a page as UTF-8, or in the charset its ``<meta>`` declares."""
    text = _whole_file(path, source, item_id)
    if not isinstance(text, Rejection) or "UTF-8" not in text.reason:
        return text
    data = path.read_bytes()
    declared = _META_CHARSET.search(data[:4096])
    if declared is None:
        return text
    try:
        codec = codecs.lookup(declared.group(1).decode("ascii"))
        return normalise_text(data.decode(codec.name))
    except (LookupError, UnicodeDecodeError):
        return text
