"""Build ``src/communique/codebook/data/organisations.tsv`` from PETRARCH2's actor dictionaries.

Phoenix.Countries.actors.txt lists, besides each state's names and its leaders, the
state's bodies: parliaments ("KNESSET [ISRGOVLEG]"), agencies and security services
("FEDERAL_SECURITY_SERVICE_ +FSB_ [RUSCOP]"), militaries ("+PENTAGON_ [USAMIL]"),
parties, courts. Phoenix.International.actors.txt adds NGOs and companies with a home
state ("[NGOUSAHRI]", "[MNCUSA]"). Persons (blocks marked ``# CountryInfo.txt`` or with a
dated code) are left to ``scripts/build_people.py``; the non-state groups of
Phoenix.MilNonState are in ``groups.tsv`` (``scripts/build_groups.py``) and not repeated.

We keep facts only: each body's name, aliases, country (the code's first three letters)
and sector. The sector is the code's most specific (last) three letters when they are a
sector ("GOVLEG" -> LEG: a parliament; "GOVMIL" -> MIL), for companies BUS and for NGOs NGO.
Blocks whose code is a bare country ("+TBILISI_ [GEO]") name places, not bodies, and are
left out. Deterministic: rows in file order, first occurrence of a name wins.

It also builds ``transnational.tsv``: the actors with no home state, which news reports as
actors of their own: the non-governmental organisations of Phoenix.International.actors.txt
("AMNESTY_INTERNATIONAL_ [NGOHRIAMN]", "RED_CROSS_ [NGOHLHIRC]", regional ones such as
"[NGOAFRDEV]"; sector NGO) and the international militant groups of all three files
("AL_QA'IDA [IMGMUSALQ]", "THE_ISLAMIC_STATE +ISIS_ [IMGMUSISI >20130408]"; sector REB),
a group being a block with aliases (a lone name coded IMG is mostly one militant). Name,
aliases, an empty country, sector.

    python scripts/build_organisations.py [--kb ../shared/kb/actors] [--out PATH] [--transnational-out PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KB = ROOT.parent / "shared" / "kb" / "actors"
DEFAULT_OUT = ROOT / "src" / "communique" / "codebook" / "data" / "organisations.tsv"
DEFAULT_TRANSNATIONAL_OUT = ROOT / "src" / "communique" / "codebook" / "data" / "transnational.tsv"
COUNTRIES = "petrarch/Phoenix.Countries.actors.txt"
INTERNATIONAL = "petrarch/Phoenix.International.actors.txt"
GROUPS = "petrarch/Phoenix.MilNonState.actors.txt"
CODE = re.compile(r"\[([A-Z]{3,})((?:\s+[<>]?[0-9][0-9-]*)?)\s*\]")
SECTORS = frozenset(
    [
        "GOV",
        "MIL",
        "LEG",
        "JUD",
        "ELI",
        "BUS",
        "MED",
        "CVL",
        "OPP",
        "REB",
        "COP",
        "SPY",
        "PTY",
        "EDU",
        "CRM",
        "UAF",
        "AGR",
        "DEV",
        "ENV",
        "HLH",
        "HRI",
        "LAB",
        "REF",
        "MOD",
        "RAD",
        "REL",
        "NGO",
        "PRM",
    ]
)
KIND_SECTOR = {"MNC": "BUS", "NGO": "NGO"}
HEADER = """\
# Communique organisations: state bodies (parliaments, agencies, security services,
# militaries, parties, courts), NGOs and companies, with country and sector.
# Built by scripts/build_organisations.py from shared/kb/actors/{countries} (sha256
# {countries_digest}) and shared/kb/actors/{international} (sha256 {international_digest}),
# PETRARCH2's Phoenix dictionaries (openeventdata/petrarch2, MIT License, Copyright (c) 2014
# Open Event Data Alliance); states of countries.tsv only. Rebuild: python scripts/build_organisations.py
name\taliases\tcountry\tsector
"""

TRANSNATIONAL_HEADER = """\
# Communique transnational actors: non-governmental organisations (Amnesty International, the
# Red Cross, Medecins Sans Frontieres, regional NGOs; sector NGO) and international militant
# groups (al-Qaeda, the Islamic State; sector REB) with no home state; country empty (the
# record's country is null unless the text names a state before the name).
# Built by scripts/build_organisations.py from shared/kb/actors/{countries} (sha256
# {countries_digest}), shared/kb/actors/{international} (sha256 {international_digest}) and
# shared/kb/actors/{groups} (sha256 {groups_digest}), PETRARCH2's Phoenix dictionaries
# (openeventdata/petrarch2, MIT License, Copyright (c) 2014 Open Event Data Alliance): blocks
# coded NGO (undated) or IMG (a block with aliases) with no state of countries.tsv after the
# kind, not persons; code: the block's own CAMEO actor code ("IMGMUSALQ", "NGOHRIAMN"),
# which the record's code field carries while the text names no state for the actor.
# Rebuild: python scripts/build_organisations.py
name\taliases\tcountry\tsector\tcode
"""


SMALL_WORDS = frozenset({"OF", "THE", "AND", "FOR", "IN", "ON", "DE", "LA", "DEL", "DU", "DES"})


def _name(raw: str) -> str:
    """ "SHIN_BET_SECURITY_AGENCY" -> "Shin Bet Security Agency"; acronyms ("FSB") stay."""
    words = raw.strip().strip("+").replace("_", " ").split()
    return " ".join(
        w.lower()
        if w in SMALL_WORDS and i
        else w
        if len(w) <= 4 and w.isupper() and not any(c in "AEIOU" for c in w[1:])
        else w.title()
        for i, w in enumerate(words)
    )


def _blocks(text: str) -> list[tuple[list[str], bool, list[tuple[str, bool]]]]:
    """(names, marked as a person, [(code, dated)]) per block, as TABARI groups lines: a
    run of name lines, then the code lines that follow them (codes may also sit on a name
    line); a base name after code lines opens the next block, a "+" alias never does."""
    blocks: list[tuple[list[str], bool, list[tuple[str, bool]]]] = []
    for line in text.splitlines():
        body, _, comment = line.partition("#")
        if not body.strip():
            continue
        codes = [(m.group(1), bool(m.group(2).strip())) for m in CODE.finditer(body)]
        name = CODE.sub("", body).strip()
        person = "CountryInfo" in comment
        if name:
            if not blocks or (blocks[-1][2] and not body.lstrip().startswith("+")):
                blocks.append(([], person, []))
            elif person:
                blocks[-1] = (blocks[-1][0], True, blocks[-1][2])
            blocks[-1][0].append(_name(name))
        if codes and blocks:
            blocks[-1][2].extend(codes)
    return blocks


def _states() -> set[str]:
    """ISO3 codes of the states of our codebook (countries.tsv): a body of another code
    ("[NGOHRI]": no home state, "[IMG...]") is left out."""
    lines = (ROOT / "src" / "communique" / "codebook" / "data" / "countries.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in lines.splitlines() if line and not line.startswith("#")]
    column = rows[0].index("iso3")
    return {row[column] for row in rows[1:]}


def _rows(text: str, skip: set[str]) -> list[tuple[str, list[str], str, str]]:
    rows = []
    states = _states()
    for names, person, codes in _blocks(text):
        if person or not names or not codes or any(dated for _c, dated in codes):
            continue
        code = codes[0][0]
        kind, rest = code[:3], code[3:]
        if kind in KIND_SECTOR:  # [MNCUSA], [NGOUSAHRI]
            country, sector = rest[:3], KIND_SECTOR[kind]
        else:
            country = kind
            triples = [rest[i : i + 3] for i in range(0, len(rest) - 2, 3)]
            sector = next((t for t in reversed(triples) if t in SECTORS), "")
        if country not in states or not sector:
            continue
        names = [n for n in dict.fromkeys(names) if n and n.lower() not in skip]
        if names:
            rows.append((names[0], names[1:], country, sector))
    return rows


def _group_forms() -> set[str]:
    """The forms groups.tsv (scripts/build_groups.py) already has, lower case: a group
    whose name names its state stays there."""
    lines = (ROOT / "src" / "communique" / "codebook" / "data" / "groups.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in lines.splitlines() if line and not line.startswith("#")]
    return {f.lower() for row in rows[1:] for f in (row[0], *row[1].split("|")) if f}


def _transnational_rows(text: str, skip: set[str]) -> list[tuple[str, list[str], str, str]]:
    """(name, aliases, sector, CAMEO code) of the blocks with no home state: NGOs
    ("[NGOHRIAMN]", "[NGOAFRDEV]"; undated) and international militant groups
    ("[IMGMUSALQ]"; with aliases)."""
    rows = []
    states = _states()
    for names, person, codes in _blocks(text):
        if person or not names or not codes:
            continue
        code = codes[0][0]
        if code[:3] not in TRANSNATIONAL_SECTOR or (code[:3] == "NGO" and code[3:6] in states):
            continue  # "[NGOUSAHRI]" has a home state; "[IMGMUS...]" is Muslim, not Mauritius
        if code[:3] == "NGO" and any(dated for _c, dated in codes):
            continue  # a dated NGO code is one of its officials
        names = [n for n in dict.fromkeys(names) if n and "[" not in n]
        if code[:3] == "IMG" and len(names) < 2:
            continue  # a lone name: one militant, not the group
        names = [n for n in names if n.lower() not in skip]
        if names:
            rows.append((names[0], names[1:], TRANSNATIONAL_SECTOR[code[:3]], code))
    return rows


#: The kinds of actor with no home state (CAMEO's first three letters) -> our sector.
TRANSNATIONAL_SECTOR = {"NGO": "NGO", "IMG": "REB"}


def _read_sources(kb: Path) -> tuple[dict[str, bytes], dict[str, str]]:
    """The three Phoenix files as bytes (for their digests) and as text."""
    raw = {src: (kb / src).read_bytes() for src in (COUNTRIES, INTERNATIONAL, GROUPS)}
    return raw, {src: data.decode("utf-8", errors="replace") for src, data in raw.items()}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _provenance(raw: dict[str, bytes]) -> dict[str, str]:
    """The header fields naming the country and international files and their digests."""
    return {
        "countries": COUNTRIES,
        "countries_digest": _digest(raw[COUNTRIES]),
        "international": INTERNATIONAL,
        "international_digest": _digest(raw[INTERNATIONAL]),
    }


def build_transnational(kb: Path) -> str:
    """The text of transnational.tsv built from the knowledge-base folder ``kb``; a form the
    state bodies of organisations.tsv or the groups already have is left out."""
    raw, text = _read_sources(kb)
    seen = _group_forms()
    for src in (COUNTRIES, INTERNATIONAL):
        seen |= {f.lower() for name, aliases, _c, _s in _rows(text[src], set()) for f in (name, *aliases)}
    out = []
    taken = set(seen)
    for src in (INTERNATIONAL, COUNTRIES, GROUPS):
        for name, aliases, sector, code in _transnational_rows(text[src], seen):
            # "THE_ISLAMIC_STATE": the name without its article too ("Islamic State fighters")
            bare = [f[4:] for f in (name, *aliases) if f.startswith("The ") and len(f.split()) > 2]
            forms = [f for f in dict.fromkeys((name, *aliases, *bare)) if f.lower() not in taken]
            taken.update(f.lower() for f in forms)
            if forms:
                out.append(f"{forms[0]}\t{'|'.join(forms[1:])}\t\t{sector}\t{code}\n")
    head = TRANSNATIONAL_HEADER.format(**_provenance(raw), groups=GROUPS, groups_digest=_digest(raw[GROUPS]))
    return head + "".join(out)


def build(kb: Path) -> str:
    """The text of organisations.tsv built from the knowledge-base folder ``kb``."""
    raw, text = _read_sources(kb)
    # Names groups.tsv already has (the MilNonState file) are not repeated here.
    skip = {n.lower() for names, _p, _c in _blocks(text[GROUPS]) for n in names}
    seen: set[str] = set()
    out = []
    for src in (COUNTRIES, INTERNATIONAL):
        for name, aliases, country, sector in _rows(text[src], skip):
            forms = [f for f in (name, *aliases) if f.lower() not in seen]
            seen.update(f.lower() for f in forms)
            if forms:
                out.append(f"{forms[0]}\t{'|'.join(forms[1:])}\t{country}\t{sector}\n")
    head = HEADER.format(**_provenance(raw))
    return head + "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=Path, default=DEFAULT_KB)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--transnational-out", type=Path, default=DEFAULT_TRANSNATIONAL_OUT)
    args = parser.parse_args()
    args.out.write_text(build(args.kb), encoding="utf-8")
    args.transnational_out.write_text(build_transnational(args.kb), encoding="utf-8")


if __name__ == "__main__":
    main()
