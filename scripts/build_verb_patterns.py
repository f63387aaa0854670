"""Build ``src/communique/codebook/data/verb_patterns.tsv`` from PETRARCH2's verb dictionary.

Run from the repository root (with ``../shared`` beside it)::

    python scripts/build_verb_patterns.py            # writes the packaged file
    python scripts/build_verb_patterns.py --check    # exits 1 if the file is stale

Source: ``shared/kb/events/petrarch/CAMEO.2.0.lexicon.tsv`` and
``CAMEO.2.0.synsets.tsv``, the normalised tables of ``CAMEO.2.0.txt``, the verb
dictionary PETRARCH2 loads (openeventdata/petrarch2, commit 676801cd9cb2924bbbad09f86d15c9323e7097bf,
MIT licence, Copyright (c) 2014/2015 Open Event Data Alliance). See
``shared/kb/events/README.md`` for the pattern syntax.

What is kept, and why (a pattern is matched on the dependency parse, not on word order):

* every verb line (``kind=verb``): its lemma, the other words of a phrasal verb
  (``call off`` -> ``off``) and its default code (its own, else its block's);
* every pattern line of a block (``kind=pattern``): the words after the verb, as
  ``words`` (slots joined by ``,``; a slot's alternatives, the members of a ``&SYNSET``,
  joined by ``|``) and the prepositional phrases ``(PREP NP)`` as ``prep:word,word``;
  PETRARCH applies a block's patterns to every verb of the block, and so do we;
* the code for source -> target (``cameo``) and the reversed code (``reverse``,
  ``[aaa:bbb]`` and ``[:bbb]``); ``---`` (null code: the pattern blocks the verb) is kept.

Dropped: patterns with words before the verb (``&MILITARY *``: subject-side words, 327
patterns), codes that are not CAMEO codes of our ``cameo.tsv``, and the actor slot marks
``$ + % ^`` (our roles come from the parse). The output is sorted and has no timestamp, so
re-running the script on the same sources reproduces the file byte for byte.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KB = ROOT.parent / "shared" / "kb" / "events" / "petrarch"
LEXICON = KB / "CAMEO.2.0.lexicon.tsv"
SYNSETS = KB / "CAMEO.2.0.synsets.tsv"
CAMEO = ROOT / "src" / "communique" / "codebook" / "data" / "cameo.tsv"
OUT = ROOT / "src" / "communique" / "codebook" / "data" / "verb_patterns.tsv"
COLUMNS = ("kind", "block", "verb", "particle", "words", "preps", "cameo", "reverse", "line")
SKIP_WORDS = frozenset({"$", "+", "%", "^", "a", "an", "the", "_"})
TOKEN = re.compile(r"\([^()]*\)|\{[^{}]*\}|[^\s(){}]+")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _synsets() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with SYNSETS.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            head = row["member_text"].replace("_", " ").split()[-1].lower()
            members = out.setdefault(row["synset"], [])
            if head not in members:
                members.append(head)
    return out


def _slot(word: str, synsets: dict[str, list[str]]) -> str | None:
    """One required word: a literal (lower case) or a synset's member heads."""
    word = word.strip("_")
    if not word or word.lower() in SKIP_WORDS:
        return None
    if word.startswith("&"):
        members = synsets.get(word)
        return "|".join(members) if members else None
    return word.lower().replace("_", " ").split()[-1]


def _words(text: str, synsets: dict[str, list[str]]) -> list[str]:
    out = []
    for raw in text.replace("_", " ").split():
        slot = _slot(raw, synsets)
        if slot is not None and slot not in out:
            out.append(slot)
    return out


def parse_post_verb(post: str, synsets: dict[str, list[str]]) -> tuple[str, str] | None:
    """``* {FINANCIAL AID} (TO &COUNTRY)`` -> (``financial,aid``, ``to:country|state...``)."""
    words: list[str] = []
    preps: list[str] = []
    for tok in TOKEN.findall(post):
        if tok.startswith("("):
            inner = tok[1:-1].replace("{", " ").replace("}", " ").split()
            if not inner:
                continue
            prep = inner[0].lower().strip("_")
            preps.append(f"{prep}:{','.join(_words(' '.join(inner[1:]), synsets))}")
        elif tok.startswith("{"):
            words += [w for w in _words(tok[1:-1], synsets) if w not in words]
        else:
            words += [w for w in _words(tok, synsets) if w not in words]
    if not words and not preps:
        return None
    return ",".join(words), " ".join(preps)


def build() -> str:
    """The whole output file as text."""
    valid = set()
    with CAMEO.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "code\t")) or not line.strip():
                continue
            valid.add(line.split("\t", 1)[0])
    synsets = _synsets()
    rows: list[tuple[str, ...]] = []
    dropped = {"pre_verb": 0, "bad_code": 0, "empty": 0}
    with LEXICON.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            code = row["code"] or ""
            reverse = row["code_reverse"] or ""
            if code not in valid and code != "---":
                code = ""
            if reverse not in valid:
                reverse = ""
            if not code and not reverse:
                dropped["bad_code"] += 1
                continue
            block = row["block"]
            if row["entry_type"] == "verb":
                words = row["verb"].split()
                head = row["verb_head"].lower() or words[0]
                particle = " ".join(w for w in words if w != head) or "-"
                rows.append(
                    ("verb", block, head, particle, "-", "-", code or "-", reverse or "-", row["line_no"])
                )
                continue
            if row["pre_verb"].strip():
                dropped["pre_verb"] += 1
                continue
            parsed = parse_post_verb(row["post_verb"], synsets)
            if parsed is None:
                dropped["empty"] += 1
                continue
            words, preps = parsed
            verb = row["verb"] if row["verb_assignment"] == "comment_verb_in_block" else "-"
            rows.append(
                (
                    "pattern",
                    block,
                    verb,
                    "-",
                    words or "-",
                    preps or "-",
                    code or "-",
                    reverse or "-",
                    row["line_no"],
                )
            )
    rows.sort(key=lambda r: (r[1], r[0] != "verb", int(r[8])))
    header = [
        "# Verb patterns of PETRARCH2's CAMEO verb dictionary, for Communique's trigger finder.",
        "# GENERATED by scripts/build_verb_patterns.py: do not edit by hand; add rows to triggers.tsv",
        "# (hand rows take precedence over these), to verb_patterns_extra.tsv (our verbs and patterns",
        "# joined to these blocks) or change the script and re-run it.",
        "# Source: openeventdata/petrarch2 petrarch2/data/dictionaries/CAMEO.2.0.txt, commit",
        "#   676801cd9cb2924bbbad09f86d15c9323e7097bf, MIT licence, (c) 2014/2015 Open Event Data Alliance;",
        f"#   via shared/kb/events/petrarch/{LEXICON.name} sha256 {_sha(LEXICON)}",
        f"#   and {SYNSETS.name} sha256 {_sha(SYNSETS)}.",
        "# Rebuild: python scripts/build_verb_patterns.py (needs ../shared beside the checkout).",
        "# kind=verb: a verb of a block; verb = lemma, particle = other words of a phrasal verb,",
        "#   cameo = its default code ('---' or '-': the verb alone is no event).",
        "# kind=pattern: applies to every verb of its block (verb = the verb it was recorded with,",
        "#   which wins a tie between equally specific patterns); words = words the object",
        "#   phrase must hold (',' between slots, '|' between synset alternatives); preps =",
        "#   prepositional phrases 'prep:word,word' ('prep:' = the preposition alone).",
        "# cameo = code source->target, reverse = code target->source; line = its line in CAMEO.2.0.txt.",
        f"# Dropped: {dropped['pre_verb']} patterns with words before the verb, "
        f"{dropped['bad_code']} entries whose code is not in cameo.tsv, {dropped['empty']} empty patterns.",
        "\t".join(COLUMNS),
    ]
    return "\n".join(header + ["\t".join(r) for r in rows]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the packaged file, write nothing")
    parser.add_argument("--out", type=Path, default=OUT, help="output path (default: the packaged file)")
    args = parser.parse_args(argv)
    if not LEXICON.exists():
        sys.stderr.write(f"missing source: {LEXICON}\n")
        return 2
    text = build()
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        sys.stderr.write("up to date\n" if same else f"{args.out} is stale: re-run the script\n")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    sys.stderr.write(f"wrote {args.out} ({text.count(chr(10))} lines)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
