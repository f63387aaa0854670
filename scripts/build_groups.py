"""Build ``src/communique/codebook/data/groups.tsv`` from PETRARCH2's non-state actors.

``../shared/kb/actors/petrarch/Phoenix.MilNonState.actors.txt`` (openeventdata/petrarch2,
MIT, Copyright (c) Open Event Data Alliance) lists militant and other non-state groups
with CAMEO codes ("BOKO_HARAM [NGAREB]", "TALIBAN_ [AFGREB]"). We keep facts only: each
group's name, aliases, country (the code's first three letters) and sector (the next
three). Blocks without a code of their own take the code of the block they sit in, as
TABARI reads them; codes of no single country (IMG, INT, regions) take the one state the group's name or
("... Liberation of Rwanda": RWA, by countries.tsv) when the code has a sector, else are
left out.
Deterministic: rows in file order.

    python scripts/build_groups.py [--kb ../shared/kb/actors] [--out PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KB = ROOT.parent / "shared" / "kb" / "actors"
DEFAULT_OUT = ROOT / "src" / "communique" / "codebook" / "data" / "groups.tsv"
SOURCE = "petrarch/Phoenix.MilNonState.actors.txt"
CODE = re.compile(r"\[([A-Z]{3})([A-Z]{3})?[A-Z]*[^\]]*\]")
HEADER = """\
# Communique groups: non-state actors (militant groups, movements) with country and sector.
# Built by scripts/build_groups.py from shared/kb/actors/{source} (sha256 {digest}),
# PETRARCH2's Phoenix dictionary (openeventdata/petrarch2, MIT License, Copyright (c) Open
# Event Data Alliance); a group coded for no state takes the one its name names (countries.tsv).
# Rebuild: python scripts/build_groups.py
name\taliases\tcountry\tsector
"""
SECTORS = frozenset(
    {"GOV", "MIL", "LEG", "JUD", "ELI", "BUS", "MED", "CVL", "OPP", "REB", "COP", "SPY", "PTY",
     "EDU", "CRM", "UAF", "AGR", "DEV", "ENV", "HLH", "HRI", "LAB", "REF", "MOD", "RAD", "REL",
     "NGO", "PRM"}
)  # fmt: skip
NOT_COUNTRIES = frozenset(
    {"IMG", "INT", "KKL", "MEA", "SAS", "WEU", "EUR", "AFR", "ASA", "LAM", "NAF", "SAF"}
)


def _name(raw: str) -> str:
    words = raw.strip().strip("+").replace("_", " ").split()
    return " ".join(
        w if len(w) <= 5 and w.isupper() and not any(c in "AEIOU" for c in w) else w.title() for w in words
    )


def _words(form: str) -> list[str]:
    """Runs of one to three words of a name, lower case ("Liberation Of Rwanda" -> ...)."""
    words = re.findall(r"[a-z]+", form.lower())
    return [" ".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)]


def _country_words() -> dict[str, str]:
    """State names and demonyms of our codebook (countries.tsv), lower case -> ISO3."""
    path = ROOT / "src" / "communique" / "codebook" / "data" / "countries.tsv"
    lines = [line.split("\t") for line in path.read_text("utf-8").splitlines() if line and line[0] != "#"]
    head = lines[0]
    out: dict[str, str] = {}
    for row in lines[1:]:
        cells = dict(zip(head, row, strict=False))
        forms = [cells["name"], *cells.get("demonyms", "").split("|")]
        for form in forms:
            if form.strip():
                out.setdefault(form.strip().lower(), cells["iso3"])
    return out


def build(kb: Path) -> str:
    raw = (kb / SOURCE).read_bytes()
    blocks: list[tuple[str, list[str], str | None]] = []
    for line in raw.decode("utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        code = CODE.search(body)
        name = CODE.sub("", body).strip()
        if body.startswith("+") and blocks:
            blocks[-1][1].append(_name(name))
            continue
        if body.startswith((" ", "\t")) and code and blocks and blocks[-1][2] is None:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], code.group(0))
            continue
        if name:
            blocks.append((_name(name), [], code.group(0) if code else None))
    rows = []
    named = _country_words()
    for name, aliases, code in blocks:
        match = CODE.match(code or "")
        if match is None:
            continue
        country = match.group(1)
        if country in NOT_COUNTRIES:
            # "ARMY_FOR_THE_LIBERATION_OF_RWANDA [KKLREB]": a code of no state, but the
            # name says which: the one state its name names (else left out).
            found = {named[w] for w in _words(name) if w in named}
            if len(found) != 1 or match.group(2) not in SECTORS:
                continue
            country = found.pop()
        aliases = [a for a in dict.fromkeys(aliases) if a and a != name]
        rows.append(f"{name}\t{'|'.join(aliases)}\t{country}\t{match.group(2) or ''}\n")
    digest = hashlib.sha256(raw).hexdigest()[:16]
    return HEADER.format(source=SOURCE, digest=digest) + "".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=Path, default=DEFAULT_KB)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    args.out.write_text(build(args.kb), encoding="utf-8")


if __name__ == "__main__":
    main()
