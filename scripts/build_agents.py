"""Build ``src/communique/codebook/data/agents.tsv`` from PETRARCH2's agents dictionary.

``../shared/kb/actors/petrarch/Phoenix.agents.txt`` (openeventdata/petrarch2, MIT,
Copyright (c) 2014 Open Event Data Alliance) maps common nouns to CAMEO sectors
("police" -> COP, "rebels" -> REB). We keep facts only: each noun phrase (lower case,
with its irregular plurals and PETRARCH's regular ones: +s, +es, y -> ies) and its primary
sector (the first three letters of the code after "~"). Deterministic: sorted output.

    python scripts/build_agents.py [--kb ../shared/kb/actors] [--out PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KB = ROOT.parent / "shared" / "kb" / "actors"
DEFAULT_OUT = ROOT / "src" / "communique" / "codebook" / "data" / "agents.tsv"
SOURCE = "petrarch/Phoenix.agents.txt"
LINE = re.compile(r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*\[~(?P<code>[A-Z]{3})[A-Z]*\]")
HEADER = """\
# Communique agents: common nouns that name a kind of actor, with their CAMEO sector.
# Built by scripts/build_agents.py from shared/kb/actors/{source} (sha256 {digest}),
# the PETRARCH2 agents dictionary (openeventdata/petrarch2, MIT License,
# Copyright (c) 2014 Open Event Data Alliance). Rebuild: python scripts/build_agents.py
phrase\tsector
"""


def _words(raw: str) -> str:
    return " ".join(w for w in raw.replace("_", " ").lower().split() if w)


def _plural(phrase: str) -> str:
    if phrase.endswith(("s", "x", "ch", "sh")):
        return phrase + "es"
    if phrase.endswith("y") and not phrase.endswith(("ay", "ey", "oy", "uy")):
        return phrase[:-1] + "ies"
    return phrase + "s"


def build(kb: Path) -> str:
    """The text of agents.tsv built from the knowledge-base folder ``kb``."""
    raw = (kb / SOURCE).read_bytes()
    text = raw.decode("utf-8", errors="replace")
    macros: dict[str, list[str]] = {}
    rows: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("!") and "=" in line:
            name, values = line.split("=", 1)
            macros[name.strip()] = [_words(v) for v in values.split(",") if v.strip()]
            continue
        match = LINE.match(line.strip())
        if match is None:
            continue
        phrase = match["phrase"].strip()
        heads = [phrase]
        for macro, values in macros.items():
            if macro in phrase:
                heads = [phrase.replace(macro, v.replace(" ", "_")) for v in values]
        for head in heads:
            words = _words(head)
            if not words or "!" in words or not all(c.isalpha() or c in " -'." for c in words):
                continue
            forms = {words, _plural(words)}
            forms |= {_words(p) for p in (match["plurals"] or "").split() if _words(p)}
            for form in forms:
                rows.setdefault(form, match["code"])
    digest = hashlib.sha256(raw).hexdigest()[:16]
    body = "".join(f"{phrase}\t{sector}\n" for phrase, sector in sorted(rows.items()))
    return HEADER.format(source=SOURCE, digest=digest) + body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=Path, default=DEFAULT_KB)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    args.out.write_text(build(args.kb), encoding="utf-8")


if __name__ == "__main__":
    main()
