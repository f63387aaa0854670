"""Benchmark time-expression normalisation on the TimeML corpora.

Run: ``.venv/bin/python benchmarks/dates.py [--root PATH]``

For every TIMEX3 of type DATE whose gold ``value`` is fully specified (``YYYY``,
``YYYY-MM``, ``YYYY-MM-DD``), its text is normalised with the document creation time
(DCT) as anchor. Printed per sub-corpus and overall: the number of such timexes,
coverage (a non-None answer), exact match of the value, match at the gold's precision
(the answer truncated to the gold's length, so "1998-10-26" counts for gold "1998-10"),
and throughput. A last table scores ``infer_document_date`` against each DCT.

``load_corpora`` is also used by ``tests/nlp/test_timex.py``.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from communique.nlp.timex import Anchor, infer_document_date, normalize

DEFAULT_ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "timeml"
FULL_VALUE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
CORPORA = {
    "TimeBank": "tbaq-cleaned/TimeBank",
    "AQUAINT": "tbaq-cleaned/AQUAINT",
    "TE3-platinum": "te3-platinum",
    "MEANTIME": "meantime-en/intra-doc_annotation",
}


@dataclass(frozen=True, slots=True)
class GoldTimex:
    doc: str
    text: str
    value: str  # the gold value, fully specified: YYYY, YYYY-MM or YYYY-MM-DD
    dct: datetime.date


@dataclass(frozen=True, slots=True)
class GoldDocument:
    doc: str
    dct: datetime.date
    texts: tuple[str, ...]  # every DATE timex text in the document, DCT excluded
    timexes: tuple[GoldTimex, ...]  # the fully specified ones


def _dct(value: str) -> datetime.date | None:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    return datetime.date(int(m[1]), int(m[2]), int(m[3])) if m else None


def _document(doc: str, dct: datetime.date, pairs: list[tuple[str, str]]) -> GoldDocument:
    texts = tuple(text for text, _ in pairs)
    timexes = tuple(GoldTimex(doc, text, value, dct) for text, value in pairs if FULL_VALUE.fullmatch(value))
    return GoldDocument(doc, dct, texts, timexes)


def _read_tml(path: Path) -> GoldDocument | None:
    root = ET.parse(path).getroot()
    dct = None
    pairs = []
    for timex in root.iter("TIMEX3"):
        value = timex.get("value", "")
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = dct or _dct(value)
        elif timex.get("type") == "DATE":
            pairs.append((" ".join("".join(timex.itertext()).split()), value))
    return _document(path.stem, dct, pairs) if dct else None


def _detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:)'%]|'s\b|n't\b)", r"\1", text)
    return re.sub(r"([($]) ", r"\1", text)


def _read_meantime(path: Path) -> GoldDocument | None:
    root = ET.parse(path).getroot()
    tokens = {t.get("t_id"): t.text or "" for t in root.iter("token")}
    dct = None
    pairs = []
    for timex in root.iter("TIMEX3"):
        value = timex.get("value", "")
        ids = [a.get("t_id") for a in timex.iter("token_anchor")]
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = dct or _dct(value)
        elif timex.get("type") == "DATE" and ids:
            pairs.append((_detokenize([tokens[i] for i in ids]), value))
    return _document(path.stem, dct, pairs) if dct else None


def load_corpus(root: Path, name: str) -> Iterator[GoldDocument]:
    folder = root / CORPORA[name]
    reader, pattern = (_read_meantime, "*.xml") if name == "MEANTIME" else (_read_tml, "*.tml")
    for path in sorted(folder.rglob(pattern)):
        if (document := reader(path)) is not None:
            yield document


def load_corpora(root: Path = DEFAULT_ROOT) -> dict[str, list[GoldDocument]]:
    return {name: list(load_corpus(root, name)) for name in CORPORA}


def score(timexes: list[GoldTimex]) -> dict[str, float]:
    """Coverage, exact accuracy, accuracy at the gold's precision, throughput."""
    began = time.perf_counter()
    answers = [normalize(t.text, Anchor(t.dct)) for t in timexes]
    seconds = time.perf_counter() - began
    n = len(timexes)
    covered = sum(a is not None for a in answers)
    exact = sum(a is not None and a.start == t.value for a, t in zip(answers, timexes, strict=True))
    at_precision = sum(
        a is not None and len(a.start) >= len(t.value) and a.start[: len(t.value)] == t.value
        for a, t in zip(answers, timexes, strict=True)
    )
    return {
        "n": n,
        "coverage": covered / n if n else 0.0,
        "exact": exact / n if n else 0.0,
        "at_precision": at_precision / n if n else 0.0,
        "per_second": n / seconds if seconds else float("inf"),
    }


def score_document_dates(documents: list[GoldDocument]) -> dict[str, float]:
    """infer_document_date from each document's DATE texts, against its DCT.

    ``agrees``: the DCT falls in the inferred value; ``same_year``: the years agree;
    ``not_after``: the inferred value does not start after the DCT (a sound lower bound).
    Shares are of all documents; TimeML news mostly names only background years.
    """
    n = len(documents)
    counts = {"answered": 0, "agrees": 0, "same_year": 0, "not_after": 0}
    for document in documents:
        value = infer_document_date(document.texts)
        if value is None:
            continue
        dct = document.dct.isoformat()
        counts["answered"] += 1
        counts["agrees"] += dct.startswith(value.start)
        counts["same_year"] += dct[:4] == value.start[:4]
        counts["not_after"] += value.start <= dct
    return {"n": n} | {k: v / n if n else 0.0 for k, v in counts.items()}


# --------------------------------------------------------------------------- end to end


@dataclass(frozen=True, slots=True)
class RawTimex:
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str


@dataclass(frozen=True, slots=True)
class RawDocument:
    doc: str
    dct: datetime.date
    text: str
    timexes: tuple[RawTimex, ...]


def _walk(elem: ET.Element, parts: list[str], timexes: list[RawTimex], offset: list[int]) -> None:
    def add(text: str | None) -> None:
        if text:
            parts.append(text)
            offset[0] += len(text)

    add(elem.text)
    for child in elem:
        start = offset[0]
        _walk(child, parts, timexes, offset)
        if child.tag == "TIMEX3":
            timexes.append(RawTimex(start, offset[0], child.get("type", ""), child.get("value", "")))
        add(child.tail)


def _raw_tml(path: Path) -> RawDocument | None:
    root = ET.parse(path).getroot()
    dct = next(
        (
            _dct(t.get("value", ""))
            for t in root.iter("TIMEX3")
            if t.get("functionInDocument") == "CREATION_TIME"
        ),
        None,
    )
    body = root.find("TEXT")
    if dct is None or body is None:
        return None
    parts: list[str] = []
    timexes: list[RawTimex] = []
    _walk(body, parts, timexes, [0])
    return RawDocument(path.stem, dct, "".join(parts), tuple(timexes))


def _raw_meantime(path: Path) -> RawDocument | None:
    """MEANTIME annotates only a document's first sentences: the text stops where its
    annotation does, so that expressions found past it are not counted as false."""
    root = ET.parse(path).getroot()
    sentence_of = {t.get("t_id"): int(t.get("sentence") or 0) for t in root.iter("token")}
    markables = root.find("Markables")
    anchors = markables.iter("token_anchor") if markables is not None else iter(())
    annotated = max((sentence_of[a.get("t_id")] for a in anchors), default=0)
    pieces, spans, pos, sentence = [], {}, 0, None
    for token in root.iter("token"):
        if int(token.get("sentence") or 0) > annotated:
            break
        if sentence is not None and token.get("sentence") != sentence:
            pieces.append("\n")
            pos += 1
        elif pieces:
            pieces.append(" ")
            pos += 1
        sentence = token.get("sentence")
        word = token.text or ""
        spans[token.get("t_id")] = (pos, pos + len(word))
        pieces.append(word)
        pos += len(word)
    dct = None
    timexes = []
    for timex in root.iter("TIMEX3"):
        ids = [a.get("t_id") for a in timex.iter("token_anchor")]
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = dct or _dct(timex.get("value", ""))
        if ids and all(i in spans for i in ids):
            start, end = spans[ids[0]][0], spans[ids[-1]][1]
            kind = "DCT" if timex.get("functionInDocument") == "CREATION_TIME" else timex.get("type", "")
            timexes.append(RawTimex(start, end, kind, timex.get("value", "")))
    return RawDocument(path.stem, dct, "".join(pieces), tuple(timexes)) if dct else None


def load_raw(root: Path, name: str) -> list[RawDocument]:
    folder = root / CORPORA[name]
    reader, pattern = (_raw_meantime, "*.xml") if name == "MEANTIME" else (_raw_tml, "*.tml")
    return [d for path in sorted(folder.rglob(pattern)) if (d := reader(path)) is not None]


SCORED_TYPES = ("DATE", "TIME", "DCT")


def end_to_end(extractor, documents: list[RawDocument], *, hide_dct: bool = False) -> dict[str, float]:
    """Detection and values of the time expressions the pipeline finds in raw text.

    recall: gold DATE timexes overlapped by a found date; precision: found dates that
    overlap a gold DATE or TIME timex (or MEANTIME's creation date, printed in its
    text); value accuracy: of the found gold DATEs with a
    full value (YYYY, YYYY-MM, YYYY-MM-DD), the share whose found value is exactly the
    gold's (``at_precision``: the found value truncated to the gold's length).
    With ``hide_dct`` the article date is withheld and the inferred one is scored.
    """
    from communique.model import Article

    articles = [Article(id=d.doc, text=d.text, date=None if hide_dct else d.dct) for d in documents]
    counts = dict.fromkeys(["gold", "found", "pred", "correct", "valued", "exact", "at_prec"], 0)
    counts |= dict.fromkeys(["docs", "inferred", "day", "month", "year"], 0)
    for document, result in zip(documents, extractor.extract_many(articles), strict=True):
        counts["docs"] += 1
        if hide_dct:
            dct = document.dct.isoformat()
            inferred = result.inferred_date or ""
            counts["inferred"] += bool(inferred)
            counts["day"] += inferred == dct
            counts["month"] += len(inferred) >= 7 and inferred[:7] == dct[:7]
            counts["year"] += inferred[:4] == dct[:4]
            continue
        found = [t for t in result.time_expressions if t.kind == "date"]
        gold = [t for t in document.timexes if t.type == "DATE"]
        counts["gold"] += len(gold)
        counts["pred"] += len(found)
        counts["correct"] += sum(
            any(g.start < f.end and f.start < g.end for g in document.timexes if g.type in SCORED_TYPES)
            for f in found
        )
        for g in gold:
            hit = next((f for f in found if g.start < f.end and f.start < g.end), None)
            if hit is None:
                continue
            counts["found"] += 1
            if FULL_VALUE.fullmatch(g.value):
                counts["valued"] += 1
                counts["exact"] += hit.value == g.value
                value = hit.value or ""
                counts["at_prec"] += len(value) >= len(g.value) and value.startswith(g.value)
    return counts


def news_dates(extractor, folder: Path, *, with_url: bool = True) -> dict[str, dict[str, int]]:
    """Article-date inference on the news texts with their dates withheld, per file.

    What a user's record would carry besides its date is given: text, title, the wire
    ``dateline`` where the record keeps one apart (Reuters: "ROME, Feb 27 -"), and the
    URL (a date in its path is legitimate input) unless ``with_url`` is false. Never
    given: the record id (some name the date), ``source`` (here it names the
    collection and its years, "Reuters newswire 1987", which no user's source would),
    and the other per-collection fields.

    Only documents whose own date has at least a month count; month right means the
    inferred date names the same month (a year-only answer is not month right).
    ``names`` counts the documents whose given fields name their true month at all
    (:func:`names_month`): the ceiling of month right for inference from the text;
    ``dated`` those that also name its year anywhere (a softer ceiling: the year may
    also come from terms of office or a weekday).
    """
    import json

    from communique.model import Article

    out: dict[str, dict[str, int]] = {}
    for path in sorted(folder.glob("*.jsonl")):
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        records = [r for r in records if r.get("date") and len(r["date"]) >= 7]
        counts = dict.fromkeys(["docs", "inferred", "day", "month", "year", "names", "dated"], 0)
        articles = [
            Article(
                id=str(i),
                text=r["text"],
                title=r.get("title"),
                url=r.get("url") if with_url else None,
                dateline=r.get("dateline"),
            )
            for i, r in enumerate(records)
        ]
        for record, result in zip(records, extractor.extract_many(articles), strict=True):
            truth, inferred = record["date"][:10], result.inferred_date or ""
            counts["docs"] += 1
            counts["inferred"] += bool(inferred)
            counts["day"] += len(truth) == 10 and inferred == truth
            counts["month"] += len(inferred) >= 7 and inferred[:7] == truth[:7]
            counts["year"] += bool(inferred) and inferred[:4] == truth[:4]
            given = [record["text"], record.get("title") or "", record.get("dateline") or ""]
            named = names_month(" ".join(given), truth, record.get("url") if with_url else None)
            counts["names"] += named
            # ... and its year: a text that names its month but never its year leaves the
            # year to other evidence (terms of office, a weekday), which may not decide it.
            url = (record.get("url") or "") if with_url else ""
            year_named = re.search(rf"(?<!\d){truth[:4]}(?!\d)", " ".join([*given, url]))
            counts["dated"] += named and year_named is not None
        out[path.stem[:14]] = counts
    keys = ["docs", "inferred", "day", "month", "year", "names", "dated"]
    total = {k: sum(c[k] for c in out.values()) for k in keys}
    return out | {"news overall": total}


_MONTH_NAMES = (
    "January|Jan",
    "February|Feb",
    "March|Mar",
    "April|Apr",
    "May",
    "June|Jun",
    "July|Jul",
    "August|Aug",
    "September|Sept|Sep",
    "October|Oct",
    "November|Nov",
    "December|Dec",
)


def names_month(text: str, truth: str, url: str | None) -> bool:
    """Whether what the inference is given names the true month at all: its name or
    abbreviation ("March", "Mar.", never the start of "Marmara"), a numeric date of it
    ("2016-03-04", "04.03.2016"), or a URL path with it ("/2016/03/"). A text that never
    names its month cannot have it inferred from the text: the share of such names is the
    ceiling of "month right"."""
    year, month = truth[:4], int(truth[5:7])
    if re.search(rf"\b(?:{_MONTH_NAMES[month - 1]})\b", text):  # the name, not "Marmara" or "Janet"
        return True
    numeric = rf"{year}-{month:02d}\b|\b\d{{1,2}}[./]0?{month}[./]{year}\b"
    return bool(re.search(numeric, text) or (url and re.search(rf"{year}[/_-]0?{month}\b|" + numeric, url)))


def _share(a: int, b: int) -> str:
    return f"{a / b:.1%}" if b else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="timeml folder")
    parser.add_argument("--errors", type=int, default=0, help="print N wrong answers")
    parser.add_argument("--no-end-to-end", action="store_true", help="only the normalisation tables")
    parser.add_argument("--news", type=Path, default=DEFAULT_ROOT.parent / "news", help="news folder")
    args = parser.parse_args(argv)

    corpora = load_corpora(args.root)
    rows = {name: [t for d in docs for t in d.timexes] for name, docs in corpora.items()}
    rows["overall"] = [t for timexes in rows.values() for t in timexes]
    normalize("warm up 1990", Anchor(None))  # imports dateparser, compiles regexes

    out = sys.stdout
    out.write(f"{'corpus':<14}{'DATE':>7}{'coverage':>10}{'exact':>8}{'at prec':>9}{'expr/s':>10}\n")
    for name, timexes in rows.items():
        s = score(timexes)
        out.write(
            f"{name:<14}{s['n']:>7}{s['coverage']:>10.1%}{s['exact']:>8.1%}"
            f"{s['at_precision']:>9.1%}{s['per_second']:>10,.0f}\n"
        )

    out.write(
        f"\n{'document date':<14}{'docs':>7}{'answered':>10}{'agrees':>8}{'same yr':>9}{'not after':>11}\n"
    )
    documents = [d for docs in corpora.values() for d in docs]
    for name, docs in [*corpora.items(), ("overall", documents)]:
        s = score_document_dates(docs)
        out.write(
            f"{name:<14}{s['n']:>7}{s['answered']:>10.1%}{s['agrees']:>8.1%}"
            f"{s['same_year']:>9.1%}{s['not_after']:>11.1%}\n"
        )

    if not args.no_end_to_end:
        from communique.extract import Extractor

        extractor = Extractor()
        out.write(
            f"\nend to end, raw text, DCT given\n{'corpus':<14}{'docs':>5}{'DATE':>6}{'recall':>8}"
            f"{'found':>7}{'precision':>10}{'valued':>8}{'exact':>8}{'at prec':>9}\n"
        )
        raw = {name: load_raw(args.root, name) for name in CORPORA}
        for name, docs in raw.items():
            c = end_to_end(extractor, docs)
            out.write(
                f"{name:<14}{c['docs']:>5}{c['gold']:>6}{_share(c['found'], c['gold']):>8}{c['pred']:>7}"
                f"{_share(c['correct'], c['pred']):>10}{c['valued']:>8}{_share(c['exact'], c['valued']):>8}"
                f"{_share(c['at_prec'], c['valued']):>9}\n"
            )
        hidden = {name: end_to_end(extractor, docs, hide_dct=True) for name, docs in raw.items()}
        tables = [
            ("article date inferred, DCT hidden; news with URLs", hidden | news_dates(extractor, args.news)),
            (
                "news with dates and URLs hidden (text, title, dateline)",
                news_dates(extractor, args.news, with_url=False),
            ),
        ]
        for title, table in tables:
            out.write(
                f"\n{title}\n{'corpus':<14}{'docs':>5}{'answered':>9}{'day':>7}{'month':>7}{'year':>7}"
                f"{'ceiling':>9}{'+year':>7}\n"
            )
            for name, c in table.items():
                n = c["docs"]
                ceiling = _share(c["names"], n) if "names" in c else "-"  # the month named at all
                dated = _share(c["dated"], n) if "dated" in c else "-"  # and the year named too
                out.write(
                    f"{name:<14}{n:>5}{_share(c['inferred'], n):>9}{_share(c['day'], n):>7}"
                    f"{_share(c['month'], n):>7}{_share(c['year'], n):>7}{ceiling:>9}{dated:>7}\n"
                )

    if args.errors:
        out.write("\nwrong answers (text | gold | answer | DCT):\n")
        shown = 0
        for t in rows["overall"]:
            a = normalize(t.text, Anchor(t.dct))
            if a is None or a.start != t.value:
                out.write(f"  {t.text!r} | {t.value} | {a.start if a else None} | {t.dct}\n")
                shown += 1
                if shown >= args.errors:
                    break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
