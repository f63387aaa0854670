"""The trigger lexicon: which words report which CAMEO event, and under what conditions.

Kept as a data file (``data/triggers.tsv``) so analysts can read and extend it without
touching code; this module only parses it into typed, validated records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from communique.errors import CodebookError

TRIGGERS_FILE = "triggers.tsv"
NO_EVENT = "-"  # a row that codes nothing: it only keeps the verb dictionary off the word


@dataclass(frozen=True, slots=True)
class Requirement:
    """One condition a trigger word must meet in the parse to count."""

    kind: str  # "prep" | "obj" | "subj" | "medium" | "comp" | "noobj" | "nodobj" | "nocomp"
    #            | "noprep" | "modal" | "planned" | "toinf" | "tocomp"
    values: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """A lexicon row: a lemma with its part of speech, carriers, conditions and CAMEO code."""

    lemma: str
    pos: str
    cameo: str
    light_verbs: frozenset[str] = frozenset()
    standalone: bool = False
    requires: tuple[Requirement, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class TriggerLexicon:
    """All trigger entries, indexed by (lemma, pos), plus the named word classes."""

    entries: Mapping[tuple[str, str], tuple[TriggerEntry, ...]]
    classes: Mapping[str, frozenset[str]]

    def lookup(self, lemma: str, pos: str) -> tuple[TriggerEntry, ...]:
        return self.entries.get((lemma, pos), ())

    def word_class(self, name: str) -> frozenset[str]:
        return self.classes.get(name.lstrip("@"), frozenset())

    @property
    def cameo_codes(self) -> frozenset[str]:
        return frozenset(e.cameo for group in self.entries.values() for e in group if e.cameo != NO_EVENT)


def _parse_requires(text: str, classes: Mapping[str, frozenset[str]], where: str) -> tuple:
    if text in ("", "-"):
        return ()
    out = []
    for part in text.split(","):
        part = part.strip()
        if part in ("noobj", "nodobj", "nocomp", "modal", "planned", "toinf", "tocomp"):
            out.append(Requirement(part))
            continue
        if part.startswith("noobj-prep="):
            out.append(Requirement("noobj"))
            out.append(Requirement("noprep", frozenset(part.split("=", 1)[1].split("|"))))
            continue
        kind, _, value = part.partition("=")
        if kind not in ("prep", "obj", "subj", "medium", "comp") or not value:
            raise CodebookError(f"{where}: unknown requirement {part!r}")
        if value.startswith("@"):
            if value[1:] not in classes:
                raise CodebookError(f"{where}: unknown word class {value!r}")
            values = classes[value[1:]]
        else:
            values = frozenset(value.split("|"))
        out.append(Requirement(kind, values))
    return tuple(out)


def parse_triggers(text: str, *, source: str = TRIGGERS_FILE) -> TriggerLexicon:
    """Parse the TSV text of a trigger lexicon; errors name the file and line."""
    rows: list[tuple[int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        cells = line.split("\t")
        if len(cells) != 6:
            raise CodebookError(f"{source}:{number}: expected 6 tab-separated cells, got {len(cells)}")
        rows.append((number, cells))
    classes = {cells[0][1:]: frozenset(cells[2].split("|")) for _, cells in rows if cells[1] == "CLASS"}
    entries: dict[tuple[str, str], list[TriggerEntry]] = {}
    for number, (lemma, pos, light, requires, cameo, note) in rows:
        if pos == "CLASS":
            continue
        where = f"{source}:{number}"
        if pos not in ("VERB", "NOUN", "ADJ"):
            raise CodebookError(f"{where}: pos must be VERB, NOUN, ADJ or CLASS, not {pos!r}")
        verbs = {v for v in light.split("|") if v not in ("-", "*", "")}
        entry = TriggerEntry(
            lemma=lemma,
            pos=pos,
            cameo=cameo,
            light_verbs=frozenset(verbs),
            standalone="*" in light.split("|"),
            requires=_parse_requires(requires, classes, where),
            note=note,
        )
        entries.setdefault((lemma, pos), []).append(entry)
    return TriggerLexicon({k: tuple(v) for k, v in entries.items()}, classes)


def load_triggers() -> TriggerLexicon:
    """Load the packaged trigger lexicon."""
    text = resources.files("communique.codebook").joinpath("data", TRIGGERS_FILE).read_text("utf-8")
    return parse_triggers(text)
