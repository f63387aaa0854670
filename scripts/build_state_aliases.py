"""Build ``src/communique/codebook/data/state_aliases.tsv`` from PETRARCH2's country dictionary.

Phoenix.Countries.actors.txt lists under each state, besides its name and demonym, the
other words that stand for it as an actor: regions ("ABKHAZIA_", "RAKHINE_STATE_"),
breakaway territories ("TRANSNISTRIA [MDA]"), cities, old names and misspellings. Their
block's code is a bare state code ("[GEO >911221]", "[MDA]"); bodies and persons (codes
with a sector, blocks marked ``# CountryInfo.txt``) are left to the other build scripts.

We keep facts only: each form and the state it stands for (the block's last code: the
present one after dated codes of former states). A form two states claim is left out.
A form ending in "State", "Province" or "Region" also gives the form without that word
("Rakhine State" -> "Rakhine"), as English names such a unit both ways. Deterministic:
rows sorted by form.

    python scripts/build_state_aliases.py [--kb ../shared/kb/actors] [--out PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KB = ROOT.parent / "shared" / "kb" / "actors"
DEFAULT_OUT = ROOT / "src" / "communique" / "codebook" / "data" / "state_aliases.tsv"
COUNTRIES = "petrarch/Phoenix.Countries.actors.txt"
UNIT_WORDS = ("State", "Province", "Region")
HEADER = """\
# Communique state aliases: regions, territories, cities and other names that stand for a
# state as an actor ("Abkhazia" -> GEO, "Transnistria" -> MDA), with the state's ISO3 code.
# Built by scripts/build_state_aliases.py from shared/kb/actors/{source} (sha256 {digest}),
# PETRARCH2's Phoenix dictionary (openeventdata/petrarch2, MIT License, Copyright (c) 2014
# Open Event Data Alliance): forms of blocks coded with a bare state code; forms two states
# claim are left out. Rebuild: python scripts/build_state_aliases.py
name\tcountry
"""


def _organisations():
    """The block reader of ``build_organisations.py`` (one definition of the TABARI format)."""
    path = Path(__file__).parent / "build_organisations.py"
    spec = importlib.util.spec_from_file_location("build_organisations", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(kb: Path) -> str:
    """The text of state_aliases.tsv built from the knowledge-base folder ``kb``."""
    orgs = _organisations()
    raw = (kb / COUNTRIES).read_bytes()
    states = orgs._states()
    claims: dict[str, set[str]] = {}
    for names, person, codes in orgs._blocks(raw.decode("utf-8", errors="replace")):
        if person or not codes or codes[-1][0] not in states:
            continue
        if any(code[3:6] in orgs.SECTORS or code[6:9] in orgs.SECTORS for code, _dated in codes):
            continue  # a body ("[RUSGOV]") or a person's dated sectors (former states'
            # codes, "[USRGEO <910409]", "[GEOUNR ...]", are no sector)
        for name in names:
            if "\ufffd" in name or len(name) < 4:
                continue
            forms = [name]
            head, _, last = name.rpartition(" ")
            if head and last in UNIT_WORDS:
                forms.append(head)
            for form in forms:
                claims.setdefault(form, set()).add(codes[-1][0])
    rows = sorted((form, codes.pop()) for form, codes in claims.items() if len(codes) == 1)
    head = HEADER.format(source=COUNTRIES, digest=hashlib.sha256(raw).hexdigest()[:16])
    return head + "".join(f"{form}\t{code}\n" for form, code in rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for flag, default in (("--kb", DEFAULT_KB), ("--out", DEFAULT_OUT)):
        parser.add_argument(flag, type=Path, default=default)
    args = parser.parse_args(argv)
    args.out.write_text(build(args.kb), encoding="utf-8")


if __name__ == "__main__":
    main()
