"""Normalise time expressions ("7 November", "October 26-27 this year", "last month")
to ISO dates at the precision the text supports.

Pure Python (no spaCy): the dates component hands in the text of each DATE entity and
an :class:`Anchor` (the article's date, or a year known from the article's own text).

Rules of the house for dates:

* The machine's clock never leaks into a result. A value that needs an anchor ("7
  November", "yesterday", "this year") is ``None`` when the anchor lacks what it needs.
  dateparser is only a fallback for expressions with an explicit year, and only when
  its answer does not change with its relative base (so it cannot have filled a gap).
* News reports the past: a month/day without a year takes the year that puts it on or
  before the anchor date, or at most ``FUTURE_WINDOW_DAYS`` after it ("December 28" in
  an article of 2023-01-05 is 2022-12-28). A bare weekday is the one between five
  days before the anchor date and the day after it ("Tuesday" in a Monday paper is the
  next day: 12 to 3 in the TimeML news corpora); "last Tuesday" is strictly before.
  ``future=True`` (a future-tense clause) resolves both forwards instead.
* Durations and vague periods ("three decades", "recent years", "the 1990s", "the eve
  of ...") are not calendar points: ``None``.
* Week-level expressions ("last week", "this week") give the US week, Sunday to
  Saturday, as a day range ("this week" in a statement of Saturday 2021-07-17 is
  2021-07-11..17): the convention of the gold sets; there is no week precision.
* Ranges: ``end`` is the last day of a day range ("October 26-27"); a range of months or
  years ("1998-99") has ``end`` at the same precision as ``start``.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

__all__ = ["FUTURE_WINDOW_DAYS", "Anchor", "TimeValue", "infer_document_date", "normalize"]

FUTURE_WINDOW_DAYS = 61
"""How far after the anchor date a month/day without a year may land (about 2 months)."""

DAY, MONTH, YEAR = "day", "month", "year"
_PRECISION_RANK = {YEAR: 0, MONTH: 1, DAY: 2}


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A calendar point or range, ISO at the precision the text supports."""

    start: str  # "2022-11-07", "2022-11" or "2022"
    end: str | None  # last day (or month/year) of a range; None for a point
    precision: str  # "day" | "month" | "year"
    relative: bool  # True when the value needed the anchor (no explicit year in the text)


@dataclass(frozen=True, slots=True)
class Anchor:
    """What a relative expression is resolved against."""

    date: datetime.date | None  # the article's date if known
    year: int | None = None  # else a year known from the text

    @property
    def any_year(self) -> int | None:
        return self.date.year if self.date is not None else self.year


# --------------------------------------------------------------------------- lexicon

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen"]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SPELLED = {w: i + 1 for i, w in enumerate(_UNITS)} | {w: i + 10 for i, w in enumerate(_TEENS)}
_SPELLED |= {w: 10 * (i + 2) for i, w in enumerate(_TENS)}
_TWO_DIGITS = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS)}))?|{'|'.join(_TEENS + _UNITS)})"
_SPELLED_YEAR = re.compile(
    rf"\b(?:(?P<century>nineteen|twenty)\s+(?P<yy>{_TWO_DIGITS})"
    rf"|two thousand(?:\s+(?:and\s+)?(?P<y2k>{_TWO_DIGITS}))?)\b"
)


def _spelled_number(words: str) -> int:
    return sum(_SPELLED[w] for w in re.split(r"[- ]", words))


def _spelled_year(m: re.Match[str]) -> str:
    if m["century"]:
        return str(_SPELLED[m["century"]] * 100 + _spelled_number(m["yy"]))
    return str(2000 + (_spelled_number(m["y2k"]) if m["y2k"] else 0))


_M = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")"
_WD = r"(?:" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")"
_D = r"(?:[12]\d|3[01]|0?[1-9])"
_Y = r"(?:1[0-9]{3}|20[0-9]{2})"
_TO = r"\s*(?:-|to|through|thru|until|till|and)\s*"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|noon|midday))?"

_FULL_DATE = re.compile(  # "october 26[-27|to november 2][, 2022]"
    rf"(?P<m1>{_M})\s+(?P<d1>{_D})(?:{_TO}(?:(?P<m2>{_M})\s+)?(?P<d2>{_D}))?"
    rf"(?:,?\s*(?P<y>{_Y}))?"
)
_FULL_DATE_DMY = re.compile(  # "26[ october][-27] november[ 2022]"
    rf"(?P<d1>{_D})(?:\s+(?P<m1>{_M}))?(?:{_TO}(?P<d2>{_D}))?\s+(?P<m2>{_M})"
    rf"(?:,?\s*(?P<y>{_Y}))?"
)
_MONTH_YEAR = re.compile(  # "november[ 2022]", "october to december 2022"
    rf"(?P<m1>{_M})(?:{_TO}(?P<m2>{_M}))?(?:,?\s*(?:of\s+)?(?P<y>{_Y}))?"
)
_YEARS = re.compile(rf"(?P<y1>{_Y})(?:{_TO}(?P<y2>{_Y}|\d{{2}}))?")
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?")
_NUMERIC = re.compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})")
_NUMERIC_YMD = re.compile(r"(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})")
_WEEKDAY = re.compile(rf"(?:(?P<rel>last|this past|past|this|next|coming)\s+)?(?P<wd>{_WD})")
_UNIT = re.compile(r"(?:(?P<rel>this|last|next|current|the current)\s+)(?P<unit>year|month|week)")
_REL_MONTH = re.compile(rf"(?P<rel>last|this past|past|this|next|coming)\s+(?P<m>{_M})")
_AGO = re.compile(rf"(?P<n>\d+|a|an|{_TWO_DIGITS})\s+(?P<unit>year|month|week|day)s?\s+ago")
_YEAR_SUFFIX = re.compile(r"(?P<head>.+?),?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year")
_MODIFIER = re.compile(
    r"(?:earlier|later|early|late|mid|middle|the middle of|end of|the end of|beginning of|"
    r"the beginning of|start of|the start of|the first half of|the second half of|"
    r"the (?:first|second|third|fourth|last) (?:quarter|half) of|"
    r"(?:spring|summer|autumn|fall|winter)(?: of)?)(?:\s+|\s*-\s*)"
)
_LEADING = re.compile(r"(?:on|in|at|during|of|the|this past)\s+")
_ABBREV_DOT = re.compile(rf"\b({_M}|{_WD})\.")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_DAY_OF_MONTH = re.compile(rf"\b(\d{{1,2}})\s+of\s+({_M})\b")
_WEEKDAY_PREFIX = re.compile(rf"{_WD},?\s+(?=\d|{_M}\b)")
_HAS_YEAR = re.compile(rf"\b{_Y}\b")


def _clean(expression: str) -> str:
    text = expression.strip().lower()
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text).replace("\u2019", "'")
    text = re.sub(r"(?<!0)'s$", "", text)  # "last month's", "1998's"; not "the 1990's"
    text = _ABBREV_DOT.sub(r"\1", text)
    text = _ORDINAL.sub(r"\1", text)
    text = _SPELLED_YEAR.sub(_spelled_year, text)
    text = re.sub(rf"^(?:the\s+)?(?:fiscal(?:\s+year)?|fy|the year)\s+(?={_Y}\b)", "", text)
    text = re.sub(r"\s+", " ", text).strip(" .,;:()\"'")
    text = re.sub(r"\s+,", ",", text)
    text = re.sub(r"^(?:from|between)\s+", "", text)
    while (m := _LEADING.match(text)) and m.end() < len(text):
        text = text[m.end() :]
    text = _DAY_OF_MONTH.sub(r"\1 \2", text)
    return _WEEKDAY_PREFIX.sub("", text)


# --------------------------------------------------------------------------- helpers


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _resolve_year(month: int, day: int | None, anchor: Anchor, future: bool) -> int | None:
    """The year of a month(/day) given without one (news reports the past)."""
    if anchor.date is None:
        return anchor.year
    if future:  # the first on or after the anchor date (a month: that ends on or after)
        for year in (anchor.date.year, anchor.date.year + 1):
            last = day or calendar.monthrange(year, month)[1]
            if _valid(year, month, last) and datetime.date(year, month, last) >= anchor.date:
                return year
        return None
    limit = anchor.date + datetime.timedelta(days=FUTURE_WINDOW_DAYS)
    for year in (anchor.date.year + 1, anchor.date.year, anchor.date.year - 1):
        if day is not None and not _valid(year, month, day):
            continue
        if datetime.date(year, month, day or 1) <= limit:
            return year
    return None


def _point(date: datetime.date, precision: str, relative: bool) -> TimeValue:
    if precision == DAY:
        return TimeValue(_iso(date.year, date.month, date.day), None, DAY, relative)
    if precision == MONTH:
        return TimeValue(_iso(date.year, date.month), None, MONTH, relative)
    return TimeValue(_iso(date.year), None, YEAR, relative)


def _shift_months(date: datetime.date, months: int) -> datetime.date:
    index = date.year * 12 + date.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


# --------------------------------------------------------------------------- parsers


def _month_day(m: re.Match[str], anchor: Anchor, future: bool, forced_year: int | None) -> TimeValue | None:
    month1 = _MONTHS[m["m1"]] if m["m1"] else _MONTHS[m["m2"]]
    month2 = _MONTHS[m["m2"]] if m["m2"] else month1
    day1, day2 = int(m["d1"]), int(m["d2"]) if m["d2"] else None
    relative = m["y"] is None
    year = int(m["y"]) if m["y"] else forced_year
    if year is not None and day2 is not None and month2 < month1:
        year -= 1  # "December 30 - January 2, 2021": the year is the end's
    if year is None:
        year = _resolve_year(month1, day1, anchor, future)
    if year is None or not _valid(year, month1, day1):
        return None
    start = _iso(year, month1, day1)
    if day2 is None:
        return TimeValue(start, None, DAY, relative)
    year2 = year + 1 if month2 < month1 else year
    if not _valid(year2, month2, day2) or (year2, month2, day2) <= (year, month1, day1):
        return None
    return TimeValue(start, _iso(year2, month2, day2), DAY, relative)


def _month_year(m: re.Match[str], anchor: Anchor, future: bool, forced_year: int | None) -> TimeValue | None:
    month1 = _MONTHS[m["m1"]]
    month2 = _MONTHS[m["m2"]] if m["m2"] else None
    relative = m["y"] is None
    year = int(m["y"]) if m["y"] else forced_year
    if year is None:
        year = _resolve_year(month1, None, anchor, future)
    if year is None:
        return None
    end = None
    if month2 is not None and month2 != month1:
        end = _iso(year + 1 if month2 < month1 else year, month2)
    return TimeValue(_iso(year, month1), end, MONTH, relative)


def _years(m: re.Match[str]) -> TimeValue | None:
    year1 = int(m["y1"])
    if m["y2"] is None:
        return TimeValue(_iso(year1), None, YEAR, False)
    year2 = int(m["y2"])
    if len(m["y2"]) == 2:  # "1998-99", "2002-03"; "2021-05" is a month
        if year2 != (year1 + 1) % 100:
            return None
        year2 = year1 + 1
    if year2 <= year1:
        return None
    return TimeValue(_iso(year1), _iso(year2), YEAR, False)


def _numeric(text: str) -> TimeValue | None:
    if m := _ISO.fullmatch(text):
        year, month = int(m["y"]), int(m["m"])
        if m["d"] is None:
            return TimeValue(_iso(year, month), None, MONTH, False) if 1 <= month <= 12 else None
        day = int(m["d"])
        return TimeValue(_iso(year, month, day), None, DAY, False) if _valid(year, month, day) else None
    if m := _NUMERIC_YMD.fullmatch(text):
        year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
        return TimeValue(_iso(year, month, day), None, DAY, False) if _valid(year, month, day) else None
    if m := _NUMERIC.fullmatch(text):
        a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
        if year < 100:
            return None  # "03/04/21": the century is a guess too many
        if a == b or b > 12:
            month, day = a, b  # month first, or both readings agree
        elif a > 12:
            month, day = b, a
        else:
            return None  # "03/04/2021": March 4 or 3 April
        return TimeValue(_iso(year, month, day), None, DAY, False) if _valid(year, month, day) else None
    return None


def _us_week(date: datetime.date, offset: int) -> TimeValue:
    """The US week, Sunday to Saturday, ``offset`` weeks from the one of ``date``, as a day
    range (the convention of US readouts and of the dev-gold guidelines)."""
    sunday = date - datetime.timedelta(days=(date.weekday() + 1) % 7) + datetime.timedelta(weeks=offset)
    saturday = sunday + datetime.timedelta(days=6)
    return TimeValue(sunday.isoformat(), saturday.isoformat(), DAY, True)


def _deictic(text: str, anchor: Anchor, future: bool) -> TimeValue | None:
    """Expressions that need the anchor and name no month: today, on Tuesday, last year."""
    date, year = anchor.date, anchor.any_year
    days = {"today": 0, "yesterday": -1, "tomorrow": 1,
            "the day before yesterday": -2, "day before yesterday": -2,
            "the day after tomorrow": 2, "day after tomorrow": 2}  # fmt: skip
    text = re.sub(rf"{_PART_OF_DAY}$", "", text) if text not in {"tonight"} else "today"
    if text in days:
        return _point(date + datetime.timedelta(days=days[text]), DAY, True) if date else None
    if m := _WEEKDAY.fullmatch(text):
        if date is None:
            return None
        weekday, rel = _WEEKDAYS[m["wd"]], m["rel"]
        if rel in {"next", "coming"}:
            delta = (weekday - date.weekday()) % 7 or 7
        elif rel in {"last", "past", "this past"}:
            delta = -((date.weekday() - weekday) % 7 or 7)
        elif future:
            delta = (weekday - date.weekday()) % 7
        else:  # from 5 days before to the day after ("Tuesday" in a Monday paper)
            delta = (weekday - date.weekday() + 5) % 7 - 5
        return _point(date + datetime.timedelta(days=delta), DAY, True)
    if m := _REL_MONTH.fullmatch(text):  # "last may", "this september", "next june"
        month, rel = _MONTHS[m["m"]], m["rel"]
        if rel in {"this", "the current"}:
            return TimeValue(_iso(year, month), None, MONTH, True) if year else None
        if date is None:
            return None
        if rel in {"next", "coming"}:
            return TimeValue(_iso(date.year + (month <= date.month), month), None, MONTH, True)
        return TimeValue(_iso(date.year - (month >= date.month), month), None, MONTH, True)
    if m := _UNIT.fullmatch(text):
        offset = {"last": -1, "next": 1}.get(m["rel"], 0)
        if m["unit"] == "year":
            return TimeValue(_iso(year + offset), None, YEAR, True) if year else None
        if date is None:
            return None
        if m["unit"] == "month":
            return _point(_shift_months(date, offset), MONTH, True)
        return _us_week(date, offset)
    if m := _AGO.fullmatch(text):
        n = int(m["n"]) if m["n"].isdigit() else _NUMBERS.get(m["n"]) or _spelled_number(m["n"])
        if m["unit"] == "year":
            return TimeValue(_iso(year - n), None, YEAR, True) if year else None
        if date is None:
            return None
        if m["unit"] == "month":
            return _point(_shift_months(date, -n), MONTH, True)
        if m["unit"] == "day":
            return _point(date - datetime.timedelta(days=n), DAY, True)
        return _us_week(date, -n)  # "two weeks ago": that week, as "last week" is
    return None


def _parse(text: str, anchor: Anchor, future: bool, forced_year: int | None = None) -> TimeValue | None:
    if m := _FULL_DATE.fullmatch(text):
        return _month_day(m, anchor, future, forced_year)
    if m := _FULL_DATE_DMY.fullmatch(text):
        return _month_day(m, anchor, future, forced_year)
    if m := _MONTH_YEAR.fullmatch(text):
        return _month_year(m, anchor, future, forced_year)
    if forced_year is not None:
        return None
    if (m := _YEARS.fullmatch(text)) and (value := _years(m)) is not None:
        return value  # "2022", "1998-1999", "1998-99" (but "2021-03" is March)
    if (value := _numeric(text)) is not None:
        return value
    if m := _YEAR_SUFFIX.fullmatch(text):  # "october 26-27 this year", "june last year"
        year = anchor.any_year
        if year is None:
            return None
        offset = {"last": -1, "next": 1}.get(m["rel"], 0)
        value = _parse(m["head"], anchor, future, forced_year=year + offset)
        if value is not None:
            return replace(value, relative=True)
    if m := _MODIFIER.match(text):  # "mid-october", "early 2023", "the end of the year"
        head = text[m.end() :]
        head = {"the year": "this year", "the month": "this month"}.get(head, head)
        return _parse(_clean(head), anchor, future)
    return _deictic(text, anchor, future)


# --------------------------------------------------------------------------- dateparser


@functools.lru_cache(maxsize=2)
def _date_parser(base: datetime.datetime):  # -> dateparser.date.DateDataParser
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    return DateDataParser(languages=["en"], settings=settings)


_BASES = (datetime.datetime(1904, 2, 29, 13, 17), datetime.datetime(1955, 7, 3, 2, 41))


def _fallback(expression: str) -> TimeValue | None:
    """dateparser, for explicit-year forms our grammar misses.

    Accepted only if the answer is the same under two relative bases: anything it
    filled in from a base (and so, by default, from the machine's clock) differs.
    """
    if not _HAS_YEAR.search(expression) or not re.search(r"[a-z]", expression):
        return None  # no year, or all digits ("03/04/2021": its reading is a guess)
    results = []
    for base in _BASES:
        data = _date_parser(base).get_date_data(expression)
        if data.date_obj is None or data.period not in _PRECISION_RANK:
            return None
        results.append(_point(data.date_obj.date(), data.period, False))
    return results[0] if results[0] == results[1] else None


# --------------------------------------------------------------------------- public API


def normalize(expression: str, anchor: Anchor, *, future: bool = False) -> TimeValue | None:
    """Normalise one time expression against an anchor; ``None`` if it is no date.

    ``future=True`` (a clause in the future tense: "will visit on Tuesday") resolves a
    bare weekday or a month/day without a year forwards from the anchor date instead.
    """
    text = _clean(expression)
    if not text or len(text) > 80:
        return None
    value = _parse(text, anchor, future)
    if value is None and not re.search(r"\d0s\b|\d0's\b|\bago\b", text):
        value = _fallback(text)
    return value


def _lower_bound(value: TimeValue) -> str:
    iso = value.end or value.start
    return iso + "-01-01"[: 10 - len(iso)]


def infer_document_date(expressions: Sequence[str]) -> TimeValue | None:
    """Infer an article's date from its time expressions when the article has none.

    The latest value with an explicit year, at its precision (news reports recent
    events; background dates are older). Of a range, its last day. ``None`` when no
    expression carries a year.
    """
    values = [normalize(text, Anchor(None, None)) for text in expressions]
    absolute = [v for v in values if v is not None and not v.relative]
    if not absolute:
        return None
    latest = max(absolute, key=lambda v: (_lower_bound(v), _PRECISION_RANK[v.precision]))
    if latest.end is not None:
        return TimeValue(latest.end, None, latest.precision, False)
    return latest
