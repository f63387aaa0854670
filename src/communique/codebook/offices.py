"""Office titles and sector nouns: what a person's title or a common noun says about them.

``offices.tsv`` lists the titles officials carry in diplomatic news with their CAMEO
sector and a normalised ``role``; the role is what lets coreference link "Foreign
Minister Tileuberdi" to a later "the top diplomat". ``sector_nouns.tsv`` maps common
nouns ("troops", "the ministry", "protesters") to a sector, for actors named only by
what they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from communique.codebook._tsv import fail, read_tsv, split_list

OFFICES_FILE = "offices.tsv"
OFFICE_COLUMNS = ("title", "sector", "role", "aliases")
SECTOR_NOUNS_FILE = "sector_nouns.tsv"
SECTOR_NOUN_COLUMNS = ("noun", "sector")

#: Sector codes an actor may carry: the CAMEO role codes (MED = media, HLH = health),
#: REL for religious actors, IGO/NGO for organisations, and PLOVER's PRM (paramilitary).
#: Note PLOVER itself uses MED for health and JRN for media; Communique follows CAMEO,
#: whose actor codes (``KAZGOV``) the event record carries.
SECTORS: frozenset[str] = frozenset(
    {
        "GOV", "MIL", "LEG", "JUD", "ELI", "BUS", "MED", "CVL", "OPP", "REB", "COP",
        "SPY", "PTY", "EDU", "CRM", "UAF", "AGR", "DEV", "ENV", "HLH", "HRI", "LAB",
        "REF", "MOD", "RAD", "REL", "IGO", "NGO", "PRM",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Office:
    """A title, the sector its holder belongs to, and the role it denotes.

    ``aliases`` are descriptive phrases news uses for holders of the role ("top
    diplomat" for a foreign minister). Titles and aliases are meant to be matched
    case-insensitively.
    """

    title: str
    sector: str
    role: str
    aliases: tuple[str, ...]


def load_offices() -> tuple[Office, ...]:
    """Read ``offices.tsv``; every sector must be known, no form may repeat."""
    offices: list[Office] = []
    seen: dict[str, int] = {}
    for line, row in read_tsv(OFFICES_FILE, OFFICE_COLUMNS):
        if not row["title"] or not row["role"]:
            raise fail(OFFICES_FILE, line, "empty title or role")
        if row["sector"] not in SECTORS:
            raise fail(OFFICES_FILE, line, f"unknown sector {row['sector']!r}")
        aliases = split_list(row["aliases"])
        for form in (row["title"], *aliases):
            key = form.casefold()
            if key in seen:
                raise fail(OFFICES_FILE, line, f"{form!r} already on line {seen[key]}")
            seen[key] = line
        offices.append(Office(row["title"], row["sector"], row["role"], aliases))
    return tuple(offices)


def load_sector_nouns() -> dict[str, str]:
    """Read ``sector_nouns.tsv`` into a dict of lower-case noun -> sector."""
    nouns: dict[str, str] = {}
    for line, row in read_tsv(SECTOR_NOUNS_FILE, SECTOR_NOUN_COLUMNS):
        noun = row["noun"]
        if not noun or noun != noun.lower():
            raise fail(SECTOR_NOUNS_FILE, line, f"noun {noun!r} should be non-empty lower case")
        if noun in nouns:
            raise fail(SECTOR_NOUNS_FILE, line, f"duplicate noun {noun!r}")
        if row["sector"] not in SECTORS:
            raise fail(SECTOR_NOUNS_FILE, line, f"unknown sector {row['sector']!r}")
        nouns[noun] = row["sector"]
    return nouns
