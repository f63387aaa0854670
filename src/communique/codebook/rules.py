"""Event rules per CAMEO root: whether a recipient is needed, joint acts, topic phrases.

Read from ``data/event_rules.tsv`` so that the roles component holds no per-type lists:
a new event type is a row, not a code change (DESIGN rule 16).
"""

from __future__ import annotations

from dataclasses import dataclass

from communique.codebook._tsv import fail, read_tsv

RULES_FILE = "event_rules.tsv"
RULES_COLUMNS = (
    "root", "recipient", "joint", "on_topic", "dictionary_default", "future_code", "target_preps",
    "counterparts", "own_country", "passive_subject", "unnamed_recipient",
    "condition_target", "negated_code", "note",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventRule:
    """What an event of one CAMEO root needs from the parse."""

    root: str
    recipient_required: bool
    joint: bool
    on_is_topic: bool
    dictionary_default: str  # "no" | "recipient" | "alone" (see event_rules.tsv)
    future_code: str | None = None  # the AGREE code a future act of this root becomes
    target_preps: frozenset[str] = frozenset()  # more prepositions naming the recipient
    separate_counterparts: bool = False  # one event per separately named counterpart state
    own_country_recipient: bool = True  # a recipient of the actor's own country is a counterpart
    passive_subject_acts: bool = False  # "Peru is committed to": a passive's subject with no agent acts
    place_recipient: bool = False  # no named other side: the state where it happened ...
    own_recipient: bool = False  # ... and failing that the actor's own state ("unnamed_recipient" own)
    state_own_recipient: bool = False  # ... even when the actor is that state or its organ ("state")
    condition_target: bool = False  # "threatened to ... if X goes ahead": X is the target
    negated_code: str | None = None  # the REJECT code a refusal of this root's act becomes
    # codes of the root whose future reading differs from future_code, longest prefix first:
    # ("0831", None) = a resignation said of the future stays a resignation ("will resign")
    future_overrides: tuple[tuple[str, str | None], ...] = ()

    def future_for(self, cameo: str) -> str | None:
        """The code an act with CAMEO code ``cameo`` becomes when said of the future
        (event_rules.tsv future_code), None = it keeps its code."""
        for prefix, code in self.future_overrides:
            if cameo.startswith(prefix):
                return code
        return self.future_code


#: The rule for a code whose root has no row: needs a recipient, never joint.
STRICT = EventRule("", True, False, False, "no")
DICTIONARY_TRUST = ("no", "recipient", "alone")


def _yes(value: str, line: int, column: str) -> bool:
    if value not in ("yes", "no"):
        raise fail(RULES_FILE, line, f"{column} must be yes or no, not {value!r}")
    return value == "yes"


def _counterparts(value: str, line: int) -> bool:
    if value not in ("separate", "together"):
        raise fail(RULES_FILE, line, f"counterparts must be separate or together, not {value!r}")
    return value == "separate"


def _passive_subject(value: str, line: int) -> bool:
    if value not in ("actor", "recipient"):
        raise fail(RULES_FILE, line, f"passive_subject must be actor or recipient, not {value!r}")
    return value == "actor"


def _check_unnamed_recipient(value: str, line: int) -> None:
    if value not in ("place", "own", "state", "-"):
        raise fail(RULES_FILE, line, f"unnamed_recipient must be place, own, state or '-', not {value!r}")


def _future_codes(value: str, line: int) -> tuple[str | None, tuple[tuple[str, str | None], ...]]:
    """ "035" or "0831=-|035": the default future code, after 'code=future' exceptions."""
    default: str | None = None
    overrides: list[tuple[str, str | None]] = []
    for item in value.split("|"):
        code, _, future = item.partition("=")
        if not code.isdigit() and code not in ("", "-"):
            raise fail(RULES_FILE, line, f"future_code {item!r} is not a CAMEO code")
        if future:
            overrides.append((code, None if future == "-" else future))
        else:
            default = None if code in ("", "-") else code
    overrides.sort(key=lambda o: len(o[0]), reverse=True)
    return default, tuple(overrides)


def load_event_rules() -> dict[str, EventRule]:
    """Read ``event_rules.tsv`` into a dict keyed by CAMEO root."""
    rules: dict[str, EventRule] = {}
    for line, row in read_tsv(RULES_FILE, RULES_COLUMNS):
        root = row["root"]
        if not (root.isdigit() and len(root) == 2) or root in rules:
            raise fail(RULES_FILE, line, f"bad or duplicate root {root!r}")
        if row["recipient"] not in ("required", "optional"):
            raise fail(RULES_FILE, line, f"recipient must be required or optional, not {row['recipient']!r}")
        future_code, future_overrides = _future_codes(row["future_code"], line)
        rules[root] = EventRule(
            root,
            row["recipient"] == "required",
            _yes(row["joint"], line, "joint"),
            _yes(row["on_topic"], line, "on_topic"),
            row["dictionary_default"],
            future_code,
            frozenset(p for p in row["target_preps"].split("|") if p not in ("", "-")),
            _counterparts(row["counterparts"], line),
            _yes(row["own_country"], line, "own_country"),
            _passive_subject(row["passive_subject"], line),
            row["unnamed_recipient"] in ("place", "own", "state"),
            row["unnamed_recipient"] in ("own", "state"),
            row["unnamed_recipient"] == "state",
            _yes(row["condition_target"], line, "condition_target"),
            None if row["negated_code"] in ("", "-") else row["negated_code"],
            future_overrides,
        )
        _check_unnamed_recipient(row["unnamed_recipient"], line)
        if row["dictionary_default"] not in DICTIONARY_TRUST:
            raise fail(RULES_FILE, line, f"dictionary_default must be one of {DICTIONARY_TRUST}")
    return rules
