"""Build ``src/communique/codebook/data/people.tsv.gz`` from ``../shared/kb/actors/``.

The knowledge base of who held which office when: one row per person-office spell, read
from the merged ``people.jsonl.gz`` (PETRARCH2/Phoenix dictionaries, CIA World Factbook
executives, the US executive and Congress, the UK IfG ministers database, Wikidata
leader/foreign-minister snapshots, and the hand-curated IGO heads in
``curated/igo_heads.tsv``). Facts only (names, aliases, country, office, sector, dates,
source); no text of any source is copied.

Deterministic: rows keep the input order (sorted by person key), the gzip header has no
time stamp, so re-running on the same input gives the same bytes (a test checks this).

    python scripts/build_people.py [--kb ../shared/kb/actors] [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
from pathlib import Path

from communique.codebook.people import PEOPLE_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KB = ROOT.parent / "shared" / "kb" / "actors"
DEFAULT_OUT = ROOT / "src" / "communique" / "codebook" / "data" / "people.tsv.gz"
COLUMNS = PEOPLE_COLUMNS  # the loader's columns: one definition of the file's shape
SOURCES = ("people.jsonl.gz", "curated/igo_heads.tsv")
HEADER = """\
# Communique people knowledge base: one row per person-office spell (facts only).
# Built by scripts/build_people.py from shared/kb/actors/{files} (sha256 {digests}).
# Sources and licences (see that folder's README): petrarch2_phoenix = openeventdata/petrarch2
#   Phoenix dictionaries (MIT, Copyright Open Event Data Alliance); cia_factbook = CIA World
#   Factbook (US Government public domain / CC0); us_executive, us_congress_* =
#   unitedstates/congress-legislators (CC0); uk_ifg_ministers = Institute for Government
#   ministers database (MIT); wikidata_everypolitician = Wikidata (CC0); curated_igo = ours.
# Rebuild: python scripts/build_people.py (needs ../shared/kb/actors beside the checkout).
# key: normalised person key; aliases (|-separated) are given on a person's first row only;
# start/end: YYYY-MM-DD or empty (end exclusive; empty end = open); fallback 1 = undated default.
"""


def _clean(value: object) -> str:
    return "" if value is None else str(value).replace("\t", " ").replace("\n", " ").strip()


def build(kb: Path) -> bytes:
    """The gzip bytes of the people table built from the knowledge-base folder ``kb``."""
    digests = [hashlib.sha256((kb / name).read_bytes()).hexdigest()[:16] for name in SOURCES]
    out = io.StringIO()
    out.write(HEADER.format(files=", ".join(SOURCES), digests=", ".join(digests)))
    out.write("\t".join(COLUMNS) + "\n")
    with gzip.open(kb / "people.jsonl.gz", "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    aliases_of: dict[str, dict[str, None]] = {}  # every row's aliases, given on the first row
    for row in rows:
        forms = aliases_of.setdefault(row["person_key"], {})
        for alias in row.get("aliases") or []:
            if _clean(alias) and alias != row["name"]:
                forms[_clean(alias)] = None
    for row in rows:
        if not row.get("country"):
            continue  # IMG/NGO/unmapped rows: no actor country to give
        key = row["person_key"]
        forms = aliases_of.pop(key, {})
        forms.pop(_clean(row["name"]), None)
        cells = [
            key,
            _clean(row["name"]),
            "|".join(forms),
            _clean(row.get("family_name")),
            row["country"],
            _clean(row.get("office")),
            _clean(row.get("sector")),
            _clean(row.get("start")),
            _clean(row.get("end")),
            row["source"],
            "1" if row.get("fallback") else "",
        ]
        out.write("\t".join(cells) + "\n")
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="", compresslevel=9) as gz:
        gz.write(out.getvalue().encode("utf-8"))
    return buf.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=Path, default=DEFAULT_KB)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    args.out.write_bytes(build(args.kb))


if __name__ == "__main__":
    main()
