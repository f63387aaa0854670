"""CAMEO event codes with their Goldstein value, GDELT quad class and PLOVER mapping.

One row per CAMEO code (root, 3- and 4-digit), from ``data/cameo.tsv``. The table was
generated once from GDELT's CAMEO code and Goldstein tables and the PLOVER project's
CAMEO2PLOVER-2021 table (codes the PLOVER table omits inherit their parent's mapping;
roots 01 and 02, which PLOVER drops, have no PLOVER event). Keeping the facts in a data
file rather than in code lets them be reviewed, diffed and versioned on their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from communique.codebook._tsv import fail, read_tsv, split_list

CAMEO_FILE = "cameo.tsv"
CAMEO_COLUMNS = (
    "code",
    "description",
    "goldstein",
    "quad_class",
    "plover_event",
    "plover_mode",
    "plover_context",
)
PLOVER_EVENTS = frozenset(
    {
        "CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT",
        "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "CONCEDE",
        "RETREAT",
    }
)  # fmt: skip


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code and what it means in the other schemes.

    ``quad_class`` is GDELT's (1 verbal cooperation, 2 material cooperation, 3 verbal
    conflict, 4 material conflict). ``plover_event`` is None for CAMEO codes PLOVER
    dropped (01x public statements, 02x appeals).
    """

    code: str
    description: str
    goldstein: float
    quad_class: int
    plover_event: str | None
    plover_mode: str | None
    plover_context: tuple[str, ...]

    @property
    def root(self) -> str:
        """The two-digit CAMEO root ("04" for "042")."""
        return self.code[:2]


def load_cameo() -> dict[str, CameoCode]:
    """Read ``cameo.tsv`` into a dict keyed by code, checking every value."""
    codes: dict[str, CameoCode] = {}
    for line, row in read_tsv(CAMEO_FILE, CAMEO_COLUMNS):
        code = row["code"]
        if not (code.isdigit() and 2 <= len(code) <= 4):
            raise fail(CAMEO_FILE, line, f"bad CAMEO code {code!r}")
        if code in codes:
            raise fail(CAMEO_FILE, line, f"duplicate CAMEO code {code}")
        try:
            goldstein = float(row["goldstein"])
            quad = int(row["quad_class"])
        except ValueError as exc:
            raise fail(CAMEO_FILE, line, f"bad number: {exc}") from exc
        if not -10.0 <= goldstein <= 10.0 or quad not in (1, 2, 3, 4):
            raise fail(CAMEO_FILE, line, f"goldstein {goldstein} or quad {quad} out of range")
        event = row["plover_event"] or None
        if event is not None and event not in PLOVER_EVENTS:
            raise fail(CAMEO_FILE, line, f"unknown PLOVER event {event!r}")
        if event is None and (row["plover_mode"] or row["plover_context"]):
            raise fail(CAMEO_FILE, line, "PLOVER mode/context without a PLOVER event")
        if not row["description"]:
            raise fail(CAMEO_FILE, line, "empty description")
        codes[code] = CameoCode(
            code=code,
            description=row["description"],
            goldstein=goldstein,
            quad_class=quad,
            plover_event=event,
            plover_mode=row["plover_mode"] or None,
            plover_context=split_list(row["plover_context"]),
        )
    if not codes:
        raise fail(CAMEO_FILE, 0, "no codes")
    return codes
