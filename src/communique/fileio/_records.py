"""Shared pieces of the readers: byte checks, date parsing, record → Article.

Kept apart from the per-format readers so that JSONL, CSV, ``.txt`` headers and HTML
metadata all judge dates, ids and text by exactly the same rules.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping
from typing import Any

from communique.fileio.repair import repair_hover_card_names
from communique.model import Article, DatePrecision, content_hash

logger = logging.getLogger(__name__)

#: How many leading bytes are scanned for a NUL byte to call a file binary.
BINARY_SNIFF_BYTES = 8192
UTF8_BOM = b"\xef\xbb\xbf"

_PARTIAL_ISO = re.compile(r"^\d{4}(-\d{2})?$")
_OPTIONAL_TEXT_FIELDS = ("title", "url", "source", "language", "dateline")


class RecordError(ValueError):
    """An item is unreadable; carries the message that goes into the Rejection."""

    def __init__(self, reason: str, *, item_id: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.item_id = item_id


def normalise_text(text: str) -> str:
    """Turn CRLF/CR into LF and drop a stray BOM so offsets mean the same everywhere; mend
    names broken by saved hover cards (``fileio/repair.py``), so that the stored text,
    its offsets and its evidence are those of the mended text."""
    text = text.removeprefix("\ufeff")
    return repair_hover_card_names(text.replace("\r\n", "\n").replace("\r", "\n"))


def sniff_binary(head: bytes) -> bool:
    """True when the first bytes hold a NUL: text files never do, binaries nearly always."""
    return b"\x00" in head[:BINARY_SNIFF_BYTES]


def describe_decode_error(
    data: bytes, err: UnicodeDecodeError, *, base_offset: int = 0, base_line: int = 1
) -> tuple[str, int]:
    """Reason text and 1-based line of the first byte that is not UTF-8.

    The offset is counted from the start of the file (``base_offset`` when ``data`` is
    one line of a larger file), so a user can jump to it with a hex editor.
    """
    line = base_line + data.count(b"\n", 0, err.start)
    bad = data[err.start : err.start + 1].hex()
    offset = base_offset + err.start
    return f"not valid UTF-8: byte 0x{bad} at byte offset {offset} (line {line})", line


def decode_utf8(data: bytes) -> str:
    """Decode UTF-8 with an optional BOM; raises UnicodeDecodeError on bad bytes."""
    return data.decode("utf-8-sig")


ArticleDate = tuple[dt.date, DatePrecision]


def parse_date(value: Any) -> ArticleDate | None:
    """Read an article date and its precision: ISO first, then a strict ``dateparser``.

    ``None``/empty means unknown (the pipeline then infers the date from the text).
    A reduced-precision ISO date keeps its precision: ``2016-10`` is the first of
    October with precision ``"month"``, ``2016`` the first of January with ``"year"``,
    so events that fall back to it say ``2016-10`` or ``2016`` and nothing finer.
    Anything else that does not parse raises :class:`RecordError`.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"date must be a string like YYYY-MM-DD, got {type(value).__name__}")
    text = value.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text), "day"
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date(), "day"
    except ValueError:
        pass
    partial = _PARTIAL_ISO.match(text)
    if partial:
        year, month = int(text[:4]), int(partial.group(1)[1:]) if partial.group(1) else None
        if month is not None and not 1 <= month <= 12:
            raise RecordError(f"cannot read date {value!r}: month {month} is not 01-12")
        if year < 1:
            raise RecordError(f"cannot read date {value!r}: year 0000 does not exist")
        return (dt.date(year, month, 1), "month") if month else (dt.date(year, 1, 1), "year")
    import dateparser  # slow to import; only needed for non-ISO dates

    try:
        parsed = dateparser.parse(text, settings={"STRICT_PARSING": True})
    except (ValueError, OverflowError, TypeError) as err:  # third-party parser on odd input
        raise RecordError(f"cannot read date {value!r} (expected YYYY-MM-DD)") from err
    if parsed is None:
        raise RecordError(f"cannot read date {value!r} (expected YYYY-MM-DD)")
    return parsed.date(), "day"


def _optional_str(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"{key!r} must be a string, got {type(value).__name__}")
    return value.strip() or None


def record_id(record: Mapping[str, Any]) -> str | None:
    """The id a record gives itself; ints become strings, empty means none given."""
    value = record.get("id")
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    raise RecordError(f"'id' must be a string or an integer, got {type(value).__name__}")


def record_to_article(record: Mapping[str, Any], *, default_date: dt.date | None, where: str) -> Article:
    """Build an Article from a JSONL object or CSV row, or raise RecordError.

    ``where`` (``FILE:LINE``) names the item in log lines.
    """
    item_id = record_id(record)
    try:
        text = record.get("text")
        if text is None:
            raise RecordError("missing 'text'")
        if not isinstance(text, str):
            raise RecordError(f"'text' must be a string, got {type(text).__name__}")
        text = normalise_text(text)
        if not text.strip():
            raise RecordError("empty 'text'")
        date = parse_date(record.get("date"))
        meta = {key: _optional_str(record, key) for key in _OPTIONAL_TEXT_FIELDS}
    except RecordError as err:
        err.item_id = item_id
        raise
    if date is None:
        return Article(id=item_id or content_hash(text), text=text, date=default_date, **meta)
    return Article(id=item_id or content_hash(text), text=text, date=date[0], date_precision=date[1], **meta)
