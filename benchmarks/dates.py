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
    timexes = tuple(
        GoldTimex(doc, text, value, dct) for text, value in pairs if FULL_VALUE.fullmatch(value)
    )
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="timeml folder")
    parser.add_argument("--errors", type=int, default=0, help="print N wrong answers")
    args = parser.parse_args(argv)

    corpora = load_corpora(args.root)
    rows = {name: [t for d in docs for t in d.timexes] for name, docs in corpora.items()}
    rows["overall"] = [t for timexes in rows.values() for t in timexes]
    normalize("warm up 1990", Anchor(None))  # imports dateparser, compiles regexes

    out = sys.stdout
    out.write(
        f"{'corpus':<14}{'DATE':>7}{'coverage':>10}{'exact':>8}{'at prec':>9}{'expr/s':>10}\n"
    )
    for name, timexes in rows.items():
        s = score(timexes)
        out.write(
            f"{name:<14}{s['n']:>7}{s['coverage']:>10.1%}{s['exact']:>8.1%}"
            f"{s['at_precision']:>9.1%}{s['per_second']:>10,.0f}\n"
        )

    out.write(
        f"\n{'document date':<14}{'docs':>7}{'answered':>10}{'agrees':>8}"
        f"{'same yr':>9}{'not after':>11}\n"
    )
    documents = [d for docs in corpora.values() for d in docs]
    for name, docs in [*corpora.items(), ("overall", documents)]:
        s = score_document_dates(docs)
        out.write(
            f"{name:<14}{s['n']:>7}{s['answered']:>10.1%}{s['agrees']:>8.1%}"
            f"{s['same_year']:>9.1%}{s['not_after']:>11.1%}\n"
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
