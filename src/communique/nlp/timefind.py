"""Find time expressions in running text: the one finder of ``communique dates`` and of
extraction.

spaCy's DATE entities miss or mis-span many forms news uses ("on the eve of the visit",
"earlier this month", "26–27 October", "from 5 to 7 May", "22.11.2022", "Feb. 23", "10
days ago", "the following day", "Tuesday", "this evening"). This module finds those with
regular expressions compiled once and run over the whole text (no per-token work),
merges them with the NER's DATE spans it is handed (overlapping or adjacent spans
become one: "October 26-27" + "this year"), labels each one ``date``, ``duration``
("three decades", "for two years") or ``set`` ("every year"), and normalises the dates
with :func:`communique.nlp.timex.normalize`. Durations and sets never get a calendar
value.

"The following day", "the next day", "the day before" are resolved against the last
day-precise date found before them in the text (a story's own time line), not against
the article date.

Pure Python: no spaCy here, so it is testable on strings and the component only hands in
character spans.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from communique.nlp.timex import Anchor, TimeValue, normalize

__all__ = [
    "DATE",
    "DURATION",
    "SET",
    "FoundTime",
    "Term",
    "dateline_date",
    "dateline_year",
    "find_time_expressions",
    "infer_article_date",
    "url_date",
]

DATE, DURATION, SET = "date", "duration", "set"


#: A term of office: its first day and the day after its last (None: open).
Term = tuple[dt.date | None, dt.date | None]


@dataclass(frozen=True, slots=True)
class FoundTime:
    """A time expression the finder found in a text: character offsets, kind, and value
    (dates only). Named apart from ``model.TimeExpression``, the public record that
    ``nlp/convert.py`` builds from it."""

    start: int
    end: int
    text: str
    kind: str  # "date" | "duration" | "set"
    value: TimeValue | None


# --------------------------------------------------------------------------- patterns

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = (  # not "10" of "10 days", "23 and 10 days ago"
    r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    r"(?![\d:]|\s+(?:(?!this|last|next|of)[a-z]+\s+)?(?:days?|weeks?|months?|years?|hours?|people|percent|%))"
)
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DASH = r"\s*(?:[-\u2010-\u2015\u2212]|to|until|through|and)\s*"
_NUM = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|a few|a couple of|several|many|some|few)"
)
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century)"
_PART = r"(?:morning|afternoon|evening|night)"
_UNIT1 = r"(?:day|week|month|year|decade|quarter|season|weekend)"

# Each pattern: (regex, kind). A group named "x" narrows the span to what TimeML marks
# ("in 1993" -> "1993"). Case matters for month and weekday names ("may" is a verb).
_PATTERNS: list[tuple[str, str]] = [
    # "from 5 to 7 May", "26–27 October 2022", "7 November", "the 2nd of February"
    (rf"\b{_DAY}(?:{_DASH}{_DAY})?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", DATE),
    (rf"\b{_DAY}\s+{_MONTH}{_DASH}{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?\b", DATE),
    # "Feb. 23", "October 26-27, 2022", "March 30 - April 2"
    (rf"\b{_MONTH}\s+{_DAY}(?:{_DASH}(?:{_MONTH}\s+)?{_DAY})?(?:,?\s+{_YEAR})?\b", DATE),
    # "November 2022", "October to December 2022"
    (rf"\b{_MONTH}(?:{_DASH}{_MONTH})?,?\s+(?:of\s+)?{_YEAR}\b", DATE),
    # a bare month after a preposition or modifier: "in November", "last May"
    (
        rf"(?:\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]his|[Ll]ast"
        rf"|[Nn]ext|[Oo]f|[Bb]efore|[Aa]fter|[Tt]hrough)\s+)(?P<x>{_MONTH})\b(?!\s*\d)",
        DATE,
    ),
    (r"\b\d{4}-\d{2}-\d{2}\b", DATE),
    (r"\b(?:[12]\d|3[01]|0?[1-9])[./](?:1[0-2]|0?[1-9])[./](?:19|20)\d\d\b", DATE),
    # weekdays, with their qualifier and part of day: "last Tuesday", "Friday morning"
    (
        rf"\b(?:(?:[Ll]ast|[Nn]ext|[Tt]his|[Tt]his past|[Cc]oming|[Ee]arly|[Ll]ate)\s+)?{_WEEKDAY}"
        rf"(?:\s+{_PART})?\b",
        DATE,
    ),
    (
        r"(?i:\b(?:today|yesterday|tomorrow|tonight|(?:the\s+)?day\s+(?:before\s+yesterday|after\s+tomorrow)))\b",
        DATE,
    ),
    (rf"(?i:\b(?:this|earlier\s+this|later\s+this)\s+{_PART})\b", DATE),
    (r"(?i:\b(?:now|currently|nowadays|at present|recently)\b)", DATE),
    # "last week", "this month", "earlier this year", "the end of the year", "next year"
    (
        r"(?i:\b(?:(?:earlier|later|early|late|the\s+(?:end|beginning|start|middle)\s+of)\s+)?"
        r"(?:this|last|next|the\s+current|the\s+coming|the\s+previous|the\s+same|that)"
        r"\s+(?:week|month|year|weekend|quarter|spring|summer|autumn|fall|winter))\b",
        DATE,
    ),
    (r"(?i:\bthe\s+(?:end|beginning|start|middle)\s+of\s+the\s+(?:week|month|year))\b", DATE),
    (r"(?i:\b(?:earlier|later)\s+in\s+the\s+(?:week|month|year|day))\b", DATE),
    # "10 days ago", "two years earlier"
    (rf"(?i:\b{_NUM}\s+{_UNIT}\s+(?:ago|earlier|later|before|after|from\s+now))\b", DATE),
    # "the following day", "the next day", "the day before", "the previous week"
    (rf"(?i:\bthe\s+(?:following|next|previous|same|preceding)\s+(?:{_UNIT1}|{_PART}))\b", DATE),
    (r"(?i:\bthe\s+day\s+(?:before|after))\b", DATE),
    (r"(?i:\bthat\s+(?:day|week|month|year|morning|afternoon|evening|night))\b", DATE),
    # "on the eve of the visit", "in the coming weeks", "in recent days"
    (r"(?i:\bthe\s+eve\s+of(?:\s+(?:the|his|her|their|its|a)\s+[\w-]+)?)", DATE),
    (rf"(?i:\b(?:the\s+)?(?:coming|next\s+few|past\s+few|recent)\s+(?:{_UNIT}))\b", DATE),
    (
        r"(?i:\b(?:the\s+)?(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?:quarter|half))"
        rf"(?:\s+of\s+(?:the\s+year|{_YEAR}))?\b",
        DATE,
    ),
    (rf"\b(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)(?:\s+of)?\s+{_YEAR}\b", DATE),
    (r"\b(?:the\s+)?(?:mid-|early\s+|late\s+)?(?:1[6-9]|20)\d0'?s\b", DATE),
    # a year after a preposition: "in 1993", "since 2014", "fiscal 2013"
    (
        rf"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Dd]uring|[Oo]f|[Bb]efore|[Aa]fter|[Ff]or|[Tt]hrough"
        rf"|[Ff]iscal|[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]ill|[Tt]o|and)\s+(?P<x>{_YEAR})\b(?![-\u2013/]\d|\s*(?:%|percent|people|troops))",
        DATE,
    ),
    (rf"\b{_YEAR}(?:[-\u2013]|\s+to\s+){_YEAR}\b", DATE),
    # durations: "three decades", "the past two years", "for 10 days", "for years"
    (
        rf"(?i:\b(?:(?:over|for|during|within|in)\s+)?(?:the\s+)?(?:(?:past|last|next|previous|first|coming)\s+)?"
        rf"{_NUM}[\s-]+{_UNIT}(?:-long)?)\b",
        DURATION,
    ),
    (r"(?i:\b(?:for|over)\s+(?:years|decades|months|weeks|centuries))\b", DURATION),
    # sets: "every year", "each week", "annually"
    (rf"(?i:\b(?:every|each)\s+(?:other\s+)?(?:{_UNIT1}|{_PART}|{_WEEKDAY}))\b", SET),
    (r"(?i:\b(?:annually|yearly|daily|weekly|monthly)\b)", SET),
    (rf"(?i:\b(?:once|twice|{_NUM}\s+times)\s+a\s+(?:day|week|month|year))\b", SET),
]
# Running 30 patterns over a whole article costs more than the rest of the component:
# each pattern runs only in windows around a cheap "gate" word it cannot match without.
# Patterns written case-insensitive run, without the flag (which makes the regex engine
# slow), over the lower-cased text; the gates run there too.
_GATES = {
    "month": re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"),
    "digit": re.compile(r"\d\d"),
    "weekday": re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"),
    "unit": re.compile(
        r"second|minute|hour|day|week|month|year|decade|centur|morning|afternoon|evening|night"
        r"|quarter|half|season|spring|summer|autumn|fall|winter"
    ),
}
_GATE_OF = {
    **dict.fromkeys((0, 1, 2, 3, 4), "month"),
    **dict.fromkeys((5, 6, 22, 23, 24), "digit"),
    7: "weekday",
    **dict.fromkeys((9, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 25, 26, 29), "unit"),
}
_BEFORE, _AFTER = 64, 48  # how far a match may reach before and after its gate word
_COMPILED = [
    (re.compile(p), re.compile(p.lower()) if p.startswith("(?i:") else None, kind, _GATE_OF.get(n))
    for n, (p, kind) in enumerate(_PATTERNS)
]


def _windows(text: str, gate: re.Pattern[str]) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for m in gate.finditer(text):
        lo, hi = max(0, m.start() - _BEFORE), min(len(text), m.end() + _AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


_DURATION_TEXT = re.compile(
    rf"(?i:^(?:(?:over|for|during|within|in)\s+)?(?:the\s+)?(?:past|last|next|previous|first|coming)?\s*"
    rf"(?:{_NUM}|\d+)[\s-]+{_UNIT}(?:-long|-old)?$|^(?:years|decades|months|weeks|days|hours)$)"
)
_SET_TEXT = re.compile(r"(?i:\b(?:every|each|annual|annually|yearly|daily|weekly|monthly|per)\b)")
_KIND_RANK = {DATE: 0, SET: 1, DURATION: 2}
_JOINABLE = re.compile(r"(?:\s*,)?\s+")  # what may lie between two parts of one expression
_JOIN_SUFFIX = re.compile(r"(?i)^(?:(?:of\s+)?(?:this|last|next)\s+year|" + _YEAR + r")$")
_SHIFT = re.compile(
    r"(?i)^(?:the\s+)?(?P<what>following|next|previous|preceding|same)\s+(?P<unit>day|morning|afternoon|evening|night)$"
    r"|^the\s+day\s+(?P<ba>before|after)$|^that\s+(?:day|morning|afternoon|evening|night)$"
)
_PLAIN_DAY_REL = re.compile(r"(?i)^(?:on\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))$")
_RECENT = re.compile(r"(?i)^(?:recently|(?:the\s+)?recent\s+\w+|(?:in\s+)?recent\s+(?:days|weeks))$")


_NOT_TIME = re.compile(r"(?i)\bold$|^ages?\b|\baged?\b")
_PLURAL_UNIT_END = re.compile(r"(?i)\b(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)$")
_ANCHORED = re.compile(r"(?i)\b(?:ago|earlier|later|before|after|recent|this|last|next|coming|following)\b")


def _candidates(
    text: str, entities: Sequence[tuple[int, int]]
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """Spans the patterns found, and the NER's DATE spans that are time expressions."""
    found: list[tuple[int, int, str]] = []
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: no offsets to share
        low = text
    windows = {name: _windows(low, gate) for name, gate in _GATES.items()}
    for regex, lowered, kind, gate in _COMPILED:
        searched = low if lowered is not None and low is not text else text
        regex = lowered if searched is low and lowered is not None else regex
        for lo, hi in windows[gate] if gate else [(0, len(text))]:
            for m in regex.finditer(searched, lo, hi):
                start, end = m.span("x") if "x" in regex.groupindex and m.group("x") else m.span()
                found.append((start, end, kind))
    from_ner: list[tuple[int, int, str]] = []
    for start, end in entities:
        span = text[start:end].strip()
        if _NOT_TIME.search(span) or (span.isdigit() and not re.fullmatch(_YEAR, span)):
            continue  # "52 years old", "ages 6 months", "65", "80486": the NER's false dates
        if _SET_TEXT.search(span):
            kind = SET
        elif _DURATION_TEXT.match(span) or (_PLURAL_UNIT_END.search(span) and not _ANCHORED.search(span)):
            kind = DURATION  # "almost seven years", "between 12 and 18 months", "centuries"
        else:
            kind = DATE
        from_ner.append((start, end, kind))
    return found, from_ner


def _merge(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping spans become one; a date followed by "this year" or its year joins it."""
    spans.sort(key=lambda s: (s[0], -s[1]))
    merged: list[list] = []
    for start, end, kind in spans:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if _KIND_RANK[kind] < _KIND_RANK[last[2]] and not _DURATION_TEXT.match(text[last[0] : last[1]]):
                last[2] = kind
            elif (
                kind == DATE
                and last[2] == DURATION
                and re.search(r"(?i)\bago\b|\bearlier\b|\blater\b", text[start:end])
            ):
                last[2] = DATE
            continue
        if (
            merged
            and merged[-1][2] == DATE
            and kind == DATE
            and _JOINABLE.fullmatch(text[merged[-1][1] : start])
            and _JOIN_SUFFIX.match(text[start:end])
        ):
            merged[-1][1] = end
            continue
        merged.append([start, end, kind])
    return [(s, e, k) for s, e, k in merged]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading prepositions and trailing punctuation the NER or a pattern took in."""
    while start < end and text[start].isspace():
        start += 1
    m = re.match(r"(?i)(?:(?:on|in|at|from|for|during|over|since)\s+)+", text[start:end])
    if m and m.end() < end - start and not _DURATION_TEXT.match(text[start:end]):
        start += m.end()
    while end > start and text[end - 1] in " ,.;:)'\"":
        if text[end - 1] == "." and re.search(rf"\b{_MONTH}$", text[start:end]):
            break
        end -= 1
    return start, end


def _shifted(expression: str, previous: TimeValue | None, anchor: Anchor) -> TimeValue | None:
    """ "the following day", "the day before": a day from the day last named; with none
    named, "the day before" and "the previous day" count back from the article's day, as
    "three days ago" does (a day after it would be a day the story has not reached)."""
    m = _SHIFT.match(expression.strip())
    if m is None:
        return None
    word = (m["what"] or m["ba"] or "same").lower()
    delta = {"following": 1, "next": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1}.get(
        word, 0
    )
    if previous is None and delta < 0 and anchor.date is not None:
        previous = TimeValue(anchor.date.isoformat(), None, "day", True)
    if previous is None or previous.precision != "day":
        return None
    base = dt.date.fromisoformat(previous.end if delta > 0 and previous.end else previous.start)
    return TimeValue((base + dt.timedelta(days=delta)).isoformat(), None, "day", True)


def find_time_expressions(
    text: str,
    anchor: Anchor,
    *,
    entities: Sequence[tuple[int, int]] = (),
    future_spans: Sequence[tuple[int, int]] = (),
) -> list[FoundTime]:
    """Every time expression of ``text``, in order, with its kind and (dates) value.

    ``entities`` are character spans the NER labelled DATE; ``future_spans`` are spans
    of future-tense clauses, where a bare weekday or month/day resolves forwards.
    """
    out: list[FoundTime] = []
    previous_day: TimeValue | None = None
    found, from_ner = _candidates(text, entities)
    patterns = sorted((s, e) for s, e, k in found if k == DATE)
    for start, end, kind in _merge(text, found + from_ner):
        start, end = _trim(text, start, end)
        if end <= start:
            continue
        if kind != DATE:
            out.append(FoundTime(start, end, text[start:end], kind, None))
            continue
        future = any(s <= start < e for s, e in future_spans)
        parts = [(start, end, _value(text[start:end], anchor, previous_day, future))]
        if parts[0][2] is None:
            # "the year ended March 31", "Feb. 23, 10 days ago": the NER took in words
            # around dates the patterns found; the patterns' spans are the expressions.
            inner: list[tuple[int, int, TimeValue]] = []
            candidates = [(s, e) for s, e in patterns if start <= s and e <= end and (s, e) != (start, end)]
            for s, e in sorted(candidates, key=lambda se: se[0] - se[1]):
                if all(e <= a or b <= s for a, b, _ in inner):
                    if (inner_value := _value(text[s:e], anchor, previous_day, future)) is not None:
                        inner.append((s, e, inner_value))
            parts = sorted(inner) or parts
        for s, e, value in parts:
            if value is not None and value.precision == "day" and not _PLAIN_DAY_REL.match(text[s:e]):
                previous_day = value
            out.append(FoundTime(s, e, text[s:e], kind, value))
    return out


_HEDGE = re.compile(r"(?i)^(?:nearly|almost|about|around|some|just|only|roughly|more than|less than|over)\s+")
_EARLIER = re.compile(r"(?i)\s+(?:earlier|before)$")


def _value(expression: str, anchor: Anchor, previous_day: TimeValue | None, future: bool) -> TimeValue | None:
    value = _shifted(expression, previous_day, anchor)
    if value is None and _RECENT.match(expression) and anchor.date is not None:
        value = TimeValue(anchor.date.isoformat()[:7], None, "month", True)
    if value is None:
        plain = "today" if _PLAIN_DAY_REL.match(expression) else _HEDGE.sub("", expression)
        if _EARLIER.search(plain) and re.match(rf"(?i){_NUM}\s+{_UNIT}", plain):
            plain = _EARLIER.sub(" ago", plain)  # "a year earlier", told from the article's day
        value = normalize(plain, anchor, future=future)
    return value


# --------------------------------------------------------------------------- article date

_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][A-Za-z.'-]+(?:\s+[A-Z][A-Za-z.'-]+)*,\s+)+(?:\(\w+\)\s*)?"
    rf"(?P<date>{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)\b"
)
_DATELINE_DATE = re.compile(rf"(?P<date>{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)\b")
_FORWARD = re.compile(
    r"(?i)\b(?:by|until|till|through|before|to|from|in the year|target|plan for"
    r"|(?:into|beyond|due|planned for|scheduled for)(?:\s+the)?)\s*$"
    r"|\bbetween\s+\S+(?:\s+\S+){0,3}\s+and\s*$"  # "due between January 1987 and December 1992"
)
_RANK = {"day": 1, "month": 1, "year": 0}  # a day or a month names the story's time


def _last_day(value: TimeValue) -> str:
    iso = value.end or value.start
    return iso + "-01-01"[: 10 - len(iso)]


#: A year and month as path segments of a URL (".../2016/10/263174.htm"), when no day follows.
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/(?!(?:[0-2]?[0-9]|3[01])(?:/|$))")


def url_date(url: str | None) -> TimeValue | None:
    """The publication date a news URL carries in its path, the signal news date
    extractors read first: a day (".../2021/07/17/...", "...-2021-07-17-...") by
    htmldate's URL rule, else a year and month (".../2016/10/263174.htm")."""
    if not url:
        return None
    from htmldate.extractors import extract_url_date  # imports lxml: only when a URL is given
    from htmldate.utils import Extractor

    options = Extractor(False, dt.datetime(2099, 12, 31), dt.datetime(1900, 1, 1), False, "%Y-%m-%d")
    if day := extract_url_date(url, options):
        return TimeValue(day, None, "day", False)
    if m := _URL_MONTH.search(url):
        return TimeValue(f"{m[1]}-{int(m[2]):02d}", None, "month", False)
    return None


def _forward(text: str, e: FoundTime, planned: Collection[int]) -> bool:
    """Whether a date looks forward: a plan, a target ("by 2050", "planned for January
    1988"), or one the caller found told in the future tense (``planned``: start offsets)."""
    return e.start in planned or bool(_FORWARD.search(text[max(0, e.start - 40) : e.start]))


def _explicit(
    text: str, expressions: Sequence[FoundTime], *, ahead: bool = False, planned: Collection[int] = ()
) -> list[FoundTime]:
    """The dates of ``text`` that carry their own year and do not look forward ("by
    2050", "2021-2025", "until 2024", "planned for January 1988": plans, not the
    present); with ``ahead``, the days and months that do."""
    return [
        e
        for e in expressions
        if e.kind == DATE
        and e.value is not None
        and not e.value.relative
        and not (e.value.precision == "year" and e.value.end)
        and _forward(text, e, planned) == ahead
        and not (ahead and e.value.precision == "year")
    ]


def _dateline_field(dateline: str | None, text: str) -> tuple[str, str] | None:
    """The date of a dateline and the dateline: the record's own ``dateline`` field
    ("ROME, Feb 27 -"), else one opening the text ("MOSCOW, March 12 (Xinhua) --")."""
    if dateline and (m := _DATELINE_DATE.search(dateline)):
        return m["date"], dateline.strip()
    if m := _DATELINE.match(text):
        return m["date"], m.group(0).strip()
    return None


WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def infer_article_date(
    text: str,
    expressions: Sequence[FoundTime],
    url: str | None = None,
    *,
    dateline: str | None = None,
    title: str | None = None,
    terms: Mapping[str, Sequence[Term]] | None = None,
    weekday: int | None = None,
    planned: Collection[int] = (),
) -> tuple[TimeValue, str] | None:
    """The date an undated article speaks from, and what it was inferred from.

    A date in the article's URL path wins (see :func:`url_date`): it is when the page
    was published.
    A dateline with a date (the record's ``dateline``, "ROME, Feb 27 -", or one opening
    the text, "MOSCOW, March 12 (Xinhua) --") comes next; when it has no year, its
    year is the first in which its month and day fall on or after the latest explicit
    date of the text (a story is not older than the dates it recalls), among the years
    in which the most of the people the text names with their office held it
    (``terms``: each name's terms of office; see :func:`dateline_year`). Otherwise the
    latest of the explicit days and months of the title and text, or failing those of
    their years (a story names its own day or month; years are as often background or
    targets); dates that look forward are plans, not the present, and are skipped. A
    text whose only days and months are plans ("scheduled for October 19, 2010") is
    dated by the earliest of them, and a dateline's year is then the last before it.
    ``expressions`` are the text's expressions found without an anchor; ``weekday`` (0 =
    Monday) the day of the week on which the story's lead reports its news ("Clinton
    Saturday vowed ..."), which a dateline's day falls on (see :func:`dateline_year`);
    ``planned`` the start offsets of expressions the caller found told in the future
    tense ("In July 2020, we will host the summits"): plans, like "scheduled for ...".
    """
    if (from_url := url_date(url)) is not None:
        return from_url, f"the URL {url!r}"
    absolute = _explicit(text, expressions, planned=planned)
    absolute += _anniversaries(text, absolute)
    if title:
        absolute += _explicit(title, find_time_expressions(title, Anchor(None, None)))
    latest = max(absolute, key=lambda e: e.value.start if e.value else "", default=None)
    if (found := _dateline_field(dateline, text)) is not None:
        date, line = found
        value = normalize(date, Anchor(None, _LEAP_YEAR))
        if value is not None and value.relative and value.precision == "day":
            since = _first_day(latest.value.start) if latest is not None and latest.value else None
            month, day = int(value.start[5:7]), int(value.start[8:10])
            year, held = dateline_year(month, day, since, terms or {}, weekday=weekday)
            plans = _explicit(text, expressions, ahead=True, planned=planned) if year is None else []
            if plans:  # "tax cuts planned for January 1988": the story comes before the plan
                plan = min(plans, key=lambda e: e.value.start)  # type: ignore[union-attr]
                year = _last_year_by(month, day, plan.value)  # type: ignore[arg-type]
                source = f"the dateline {line!r}, its year the last before {plan.text!r}"
                return TimeValue(f"{year:04d}{value.start[4:]}", None, "day", False), source
            if year is not None:
                source = f"the dateline {line!r}, its year"
                if latest is not None:
                    source += f" the first after {latest.text!r}"
                if held:
                    source += " in which " + ", ".join(held) + " held office"
                if weekday is not None and dt.date(year, month, day).weekday() == weekday:
                    source += f", and on a {WEEKDAY_NAMES[weekday]}, the day its lead names"
                return TimeValue(f"{year:04d}{value.start[4:]}", None, "day", False), source
        elif value is not None:
            year = int(latest.value.start[:4]) if latest is not None and latest.value else None
            value = normalize(date, Anchor(None, year)) if value.relative else value
            if value is not None:
                source = f"the dateline {line!r}"
                if value.relative and latest is not None:
                    source += f", its year from {latest.text!r}"
                return TimeValue(value.start, None, value.precision, False), source
    source = "the latest explicit date in the text"
    if not absolute:
        # Only plans dated to the day or month ("the talks scheduled for October 19,
        # 2010"): a plan is announced shortly before it, the nearest one is the best guess.
        absolute = _explicit(text, expressions, ahead=True, planned=planned)
        source = "the earliest date the text looks forward to"
        if not absolute:
            return None
        best = min(absolute, key=lambda e: e.value.start)  # type: ignore[union-attr]
    else:
        finest = max(_RANK[e.value.precision] for e in absolute if e.value is not None)
        best = max(
            (e for e in absolute if e.value is not None and _RANK[e.value.precision] == finest),
            key=lambda e: _last_day(e.value),  # type: ignore[arg-type]
        )
        if best.value is not None:
            # "On February 3 the pilot was attacked", after "January 30, 2018": a day named
            # without its year is one near the dates that have one, and it may be later;
            # beside a year alone ("met on 3 March for the 2016 summit"), one in that year.
            near = _first_day(best.value.end or best.value.start)
            yearless = _yearless(text, expressions, near, planned)
            if not finest:  # a year alone is often background: only a day of its own sentence
                years = [y for y in absolute if y.value and y.value.start == best.value.start]
                yearless = [
                    e
                    for e in yearless
                    if e.value
                    and e.value.start[:4] == best.value.start[:4]
                    and any(
                        not _SENTENCE_END.search(text, min(e.end, y.end), max(e.start, y.start))
                        for y in years
                    )
                ]
            later = max(yearless, key=lambda e: _last_day(e.value), default=None)  # type: ignore[arg-type]
            if later is not None and _first_day(later.value.start) > _period_end(best.value):  # type: ignore[union-attr]
                source = f"the latest date in the text, its year from {best.text!r}"
                best = later
    assert best.value is not None
    value = best.value
    if value.end is not None:
        value = TimeValue(value.end, None, value.precision, False)
    return value, f"{source}, {best.text!r}"


#: A month named in a time expression; words that make one relative to the article's time.
_CALENDAR = re.compile(rf"\b{_MONTH}")
_DEICTIC = re.compile(r"(?i)\b(?:last|next|this|coming|past)\b")
#: How far from a dated event a day named without its year may lie (half a year).
YEARLESS_REACH_DAYS = 183


def _yearless(
    text: str, expressions: Sequence[FoundTime], near: dt.date, planned: Collection[int]
) -> list[FoundTime]:
    """The days the text names without a year ("on February 3", "26 March"), each in the
    year that puts it nearest to ``near`` (and within half a year of it); plans ("due on
    May 5") are left out, as the explicit dates' are."""
    out = []
    for e in expressions:
        if e.kind != DATE or e.value is not None or not _CALENDAR.search(e.text) or _DEICTIC.search(e.text):
            continue
        if _forward(text, e, planned):
            continue
        options = [normalize(e.text, Anchor(None, y)) for y in (near.year - 1, near.year, near.year + 1)]
        days = [(abs((_first_day(v.start) - near).days), v) for v in options if v and v.precision == "day"]
        if days and (nearest := min(days, key=lambda d: d[0]))[0] <= YEARLESS_REACH_DAYS:
            day = nearest[1]
            out.append(
                FoundTime(e.start, e.end, e.text, e.kind, TimeValue(day.start, day.end, day.precision, False))
            )
    return out


_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "fifteenth": 15, "twentieth": 20, "twenty-fifth": 25,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "seventy-fifth": 75, "eightieth": 80, "hundredth": 100,
}  # fmt: skip
_ANNIVERSARY = re.compile(
    rf"(?i)\b(?:(?P<n>\d{{1,3}})(?:st|nd|rd|th)|(?P<w>{'|'.join(sorted(_ORDINALS, key=len, reverse=True))}))"
    r"\s+anniversary\b"
)
_CARDINALS = {
    "five": 5, "ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "seventy-five": 75, "eighty": 80, "ninety": 90, "a hundred": 100,
}  # fmt: skip
#: "took place thirty years ago, on September 15-16, 1991": the date is that many years back.
_YEARS_AGO = re.compile(
    rf"(?i)\b(?:(?P<n>\d{{1,3}})|(?P<w>{'|'.join(sorted(_CARDINALS, key=len, reverse=True))}))"
    r"\s+years\s+ago\b"
)
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def _anniversaries(text: str, dated: Sequence[FoundTime]) -> list[FoundTime]:
    """ "the 5th Anniversary of the Signing of the Treaty of May 29, 2014": a story marks
    an anniversary around its day, so the first date named after it in the same sentence,
    moved that many years on (2019-05-29), is one of the story's own. A sentence that names
    a date before the anniversary gives the anniversary's own day ("On July 30, 2016, the
    100th anniversary of ..."): nothing is moved. "Thirty years ago, on September 15-16,
    1991" moves the date of its sentence the same way."""
    out = []
    found = [(m, _ORDINALS) for m in _ANNIVERSARY.finditer(text)]
    found += [(m, _CARDINALS) for m in _YEARS_AGO.finditer(text)]
    for m, words in found:
        years = int(m["n"]) if m["n"] else words[m["w"].lower()]
        ends = [e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())]
        start = ends[-1] if ends else 0
        stop = _SENTENCE_END.search(text, m.end())
        end = stop.start() if stop else len(text)
        inside = [e for e in dated if start <= e.start < end and e.value is not None]
        if words is _CARDINALS:  # "N years ago": the date may come before or after it
            base = min(inside, key=lambda e: abs(e.start - m.start()), default=None)
        elif any(e.start < m.start() for e in inside):
            continue  # "On July 30, 2016, the 100th anniversary of ...": the day is the anniversary's
        else:
            base = inside[0] if inside else None
        if base is None:
            continue
        value = base.value
        assert value is not None
        moved = f"{int(value.start[:4]) + years:04d}{value.start[4:]}"
        if int(moved[:4]) > dt.date.today().year:
            continue  # the anniversary of something else in the sentence
        if moved[5:] == "02-29":
            moved = moved[:8] + "28"
        out.append(
            FoundTime(
                base.start,
                base.end,
                f"{base.text}, {m.group(0)}" if words is _CARDINALS else f"the {m.group(0)} of {base.text}",
                DATE,
                TimeValue(moved, None, value.precision, False),
            )
        )
    return out


#: A leap year: a month and day read in it exist in some year ("Feb 29").
_LEAP_YEAR = 2000


def _first_day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso + "-01-01"[: 10 - len(iso)])


def _period_end(value: TimeValue) -> dt.date:
    """The last day a date covers: "2022-11" ends on 30 November, "2022-10-26..27" on the 27th."""
    iso = value.end or value.start
    if len(iso) == 7:
        return (_first_day(iso) + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    return _first_day(iso)


def _on(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 29 February of a common year
        return None


def _last_year_by(month: int, day: int, plan: TimeValue) -> int:
    """The last year in which the month and day fall within or before a planned day or
    month ("April 7" before "January 1988": 1987; before "April 1987": 1987)."""
    until = _first_day(plan.start)
    if plan.precision == "month":
        until = (until + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    year = until.year
    while (on := _on(year, month, day)) is None or on > until:
        year -= 1
    return year


def dateline_year(
    month: int,
    day: int,
    since: dt.date | None,
    terms: Mapping[str, Sequence[Term]],
    *,
    weekday: int | None = None,
) -> tuple[int | None, list[str]]:
    """The year of a dateline's month and day, and the people whose terms chose it.

    The candidates are the years in which the most of the named people were in office
    on that day ("Prime Minister Nakasone" and "President Reagan": 1982-11 to 1987-11)
    and, when the story's lead names its weekday (``weekday``, 0 = Monday), in which the
    day falls on it; of those, the first in which the day is not before ``since``, the
    latest date the text recalls, else the last one before it; without people, the first
    year after ``since``. With no date to go by, terms of office alone are no answer: they
    leave several years open, and where the knowledge base's spells make one year the
    only candidate, that is an artefact of where its rows end (0 of 8 right on the news
    texts, ``benchmarks/dates.py``). Terms and a weekday together are: a month and day
    fall on a given weekday once in five to eleven years, so within a term of office
    the weekday usually leaves one year.
    """
    if since is None and (weekday is None or not terms):
        return None, []
    bounds = [d.year for spells in terms.values() for term in spells for d in term if d is not None]
    if since is not None:
        bounds += [since.year, since.year + (28 if weekday is not None else 4)]  # a weekday recurs within 28
    if any(b is None for spells in terms.values() for _a, b in spells):
        bounds.append(dt.date.today().year)  # a term still open runs until today, not to its start
    votes: dict[int, list[str]] = {}
    for year in range(min(bounds), max(bounds) + 1):
        if (on := _on(year, month, day)) is not None:
            votes[year] = [
                name
                for name, spells in terms.items()
                if any((a is None or a <= on) and (b is None or on < b) for a, b in spells)
            ]
    most = max((len(names) for names in votes.values()), default=0)
    feasible = [year for year, names in votes.items() if len(names) == most]
    if weekday is not None:
        on_weekday = [y for y in feasible if dt.date(y, month, day).weekday() == weekday]
        if since is None:
            feasible = on_weekday if len(on_weekday) == 1 and most else []
        elif on_weekday:
            feasible = on_weekday
    if since is None:
        year = feasible[0] if feasible else None
    else:
        after = [y for y in feasible if dt.date(y, month, day) >= since]
        year = after[0] if after else (feasible[-1] if feasible else None)
    return year, (votes.get(year, []) if year is not None else [])


DATELINE_TOLERANCE_DAYS = 3


def dateline_date(text: str, article_date: dt.date, dateline: str | None = None) -> dt.date | None:
    """The date of a dateline (the record's ``dateline`` field, or "MOSCOW, March 12
    (Xinhua) --" opening the text) when it differs from the article's (wire) date by a
    few days at most; else None."""
    found = _dateline_field(dateline, text)
    if found is None:
        return None
    value = normalize(found[0], Anchor(article_date))
    if value is None or value.precision != "day":
        return None
    day = dt.date.fromisoformat(value.start)
    return day if 0 < abs((day - article_date).days) <= DATELINE_TOLERANCE_DAYS else None
