"""Common nouns that name a kind of actor ("police", "rebels", "taxi drivers") -> sector.

``agents.tsv`` is built by ``scripts/build_agents.py`` from PETRARCH2's agents dictionary;
rows whose sector is not one of :data:`~communique.codebook.offices.SECTORS` are left out
when read. The recogniser uses it for the noun a state or demonym governs ("Kazakh
police"); :func:`agent_sector` finds the longest agent phrase in a short text.

Named actors other than people and states: ``groups.tsv`` (non-state groups,
``scripts/build_groups.py``) and ``organisations.tsv`` (state bodies, NGOs, companies,
``scripts/build_organisations.py``), both from PETRARCH2's Phoenix dictionaries, and
``name_heads.tsv`` (hand-written: the last word of a body's name and its sector).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from communique.codebook._tsv import read_tsv, split_list
from communique.codebook.offices import SECTORS

AGENTS_FILE = "agents.tsv"
AGENT_COLUMNS = ("phrase", "sector")
MAX_WORDS = 6


#: CAMEO codes of the agents dictionary that are not sectors of their own but name one:
#: the religion codes (MUS, CHR, HIN, BUD, JEW: "Muslim clerics", "Buddhist monks") are a
#: religious group (REL). PPL ("men", "people": no kind of actor) stays out.
AGENT_CODE_SECTOR = {"MUS": "REL", "CHR": "REL", "HIN": "REL", "BUD": "REL", "JEW": "REL"}


@functools.lru_cache(maxsize=1)
def load_agents() -> Mapping[str, str]:
    """phrase (lower case, words joined by single spaces) -> CAMEO sector."""
    out = {}
    for _line, row in read_tsv(AGENTS_FILE, AGENT_COLUMNS):
        sector = AGENT_CODE_SECTOR.get(row["sector"], row["sector"])
        if sector in SECTORS:
            out[row["phrase"]] = sector
    return out


@functools.lru_cache(maxsize=1)
def load_agent_table() -> Mapping[str, str]:
    """Every common-noun phrase that names a kind of actor: PETRARCH2's agents
    (``agents.tsv``) with the sector nouns of ``sector_nouns.tsv`` (hand-written rows and
    PLOVER's agents) over them, as the recogniser reads them (sector nouns first)."""
    from communique.codebook.offices import load_sector_nouns

    table = dict(load_agents())
    table.update({k.lower(): v for k, v in load_sector_nouns().items()})
    return table


def _singular(word: str) -> str | None:
    """The singular of a regular English plural ("drivers", "ambulances", "militias",
    "parties"), or None when the word does not look plural."""
    if len(word) < 4 or not word.endswith("s") or word.endswith("ss"):
        return None
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1]


#: Nouns of people who speak or act for someone else: "the governor's spokesman" is of
#: the governor's sector, not the media (the agents dictionary's spokesman: MED).
DEPENDENT_NOUNS = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "spokesmen", "aide", "aides", "adviser", "advisor"}
)


def owner_sector(text: str) -> tuple[str, str] | None:
    """For a dependent ("The provincial governor's spokesman"), the agent phrase and sector
    of its owner, named before the possessive; None otherwise."""
    norm = text.replace("’", "'")
    head, sep, rest = norm.rpartition("'s ")
    if not sep or not head:
        return None
    found = agent_sector(rest)
    if found is None or found[0] not in DEPENDENT_NOUNS:
        return None
    return agent_sector(head)


def agent_sector(text: str, agents: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """The longest agent phrase in ``text`` (the last one, as English heads come last) and
    its sector: "A team of heavily armed police" -> ("police", "COP"). A phrase whose last
    word is a regular plural is also tried in the singular ("taxi drivers")."""
    table = load_agent_table() if agents is None else agents
    raw = "".join(c if c.isalnum() or c in "-'" else " " for c in text.lower().replace("’", "'")).split()
    words = [w.removesuffix("'s") for w in raw]  # "the company's board": the company
    best: tuple[int, int, str] | None = None
    for i in range(len(words)):
        for j in range(min(len(words), i + MAX_WORDS), i, -1):
            one = _singular(words[j - 1])
            forms = (" ".join(raw[i:j]), " ".join(words[i:j]), " ".join([*words[i : j - 1], one or ""]))
            phrase = next((f for f in forms if f in table), "")
            if phrase in table:
                if best is None or (j - i, i) > (best[1] - best[0], best[0]):
                    best = (i, j, phrase)
                break
    return (best[2], table[best[2]]) if best else None


GROUPS_FILE = "groups.tsv"
GROUP_COLUMNS = ("name", "aliases", "country", "sector")


@functools.lru_cache(maxsize=1)
def load_groups() -> tuple[tuple[str, tuple[str, ...], str, str | None], ...]:
    """Non-state groups (built by ``scripts/build_groups.py``): (name, aliases, country, sector).
    Rows with a sector outside :data:`SECTORS` keep their country and lose the sector."""
    return _named_bodies(GROUPS_FILE)


def _named_bodies(filename: str) -> tuple[tuple[str, tuple[str, ...], str, str | None], ...]:
    """The rows of a groups-shaped table (:data:`GROUP_COLUMNS`)."""
    return tuple(row[:4] for row in _body_rows(filename, GROUP_COLUMNS))


def _body_rows(filename: str, columns: tuple[str, ...]) -> tuple[tuple, ...]:
    """(name, aliases, country, sector, *the other columns) of a groups-shaped table."""
    out = []
    for _line, row in read_tsv(filename, columns):
        sector = row["sector"] if row["sector"] in SECTORS else None
        extra = tuple(row[c] for c in columns[len(GROUP_COLUMNS) :])
        out.append((row["name"], split_list(row["aliases"]), row["country"], sector, *extra))
    return tuple(out)


ORGANISATIONS_FILE = "organisations.tsv"


@functools.lru_cache(maxsize=1)
def load_organisations() -> tuple[tuple[str, tuple[str, ...], str, str | None], ...]:
    """State bodies, NGOs and companies with a home state (built by
    ``scripts/build_organisations.py``): (name, aliases, country, sector), as
    :func:`load_groups`."""
    return _named_bodies(ORGANISATIONS_FILE)


TRANSNATIONAL_FILE = "transnational.tsv"
TRANSNATIONAL_COLUMNS = (*GROUP_COLUMNS, "code")


@functools.lru_cache(maxsize=1)
def load_transnational() -> tuple[tuple[str, tuple[str, ...], str, str | None], ...]:
    """Actors with no home state (built by ``scripts/build_organisations.py``): international
    NGOs ("Amnesty International", "Red Cross"; sector NGO) and militant groups ("al-Qaeda",
    "the Islamic State"; sector REB): (name, aliases, "", sector), as :func:`load_groups`."""
    return tuple(row[:4] for row in _transnational_rows())


@functools.lru_cache(maxsize=1)
def load_transnational_codes() -> Mapping[str, str]:
    """Each name of an actor with no home state -> its CAMEO actor code ("IMGMUSALQ" for
    al-Qaeda, "NGOHRIAMN" for Amnesty International): what the record's code field says of
    such an actor when the text names no state for it."""
    return {name: row[4] for row in _transnational_rows() if row[4] for name in (row[0], *row[1])}


def _transnational_rows() -> tuple[tuple, ...]:
    return _body_rows(TRANSNATIONAL_FILE, TRANSNATIONAL_COLUMNS)


INSTITUTIONS_FILE = "institutions.tsv"
INSTITUTION_COLUMNS = ("noun", "name")


@functools.lru_cache(maxsize=1)
def load_institutions() -> Mapping[str, str]:
    """noun as the text words it after a state ("foreign ministry") -> institution name."""
    return {row["noun"]: row["name"] for _line, row in read_tsv(INSTITUTIONS_FILE, INSTITUTION_COLUMNS)}


NAME_HEADS_FILE = "name_heads.tsv"


@functools.lru_cache(maxsize=1)
def load_name_heads() -> Mapping[str, str]:
    """The last word of an organisation's proper name ("Party", "Fleet") -> sector."""
    from communique.errors import CodebookError

    out = {}
    for line, row in read_tsv(NAME_HEADS_FILE, ("head", "sector")):
        if row["sector"] not in SECTORS:
            raise CodebookError(f"{NAME_HEADS_FILE}:{line}: unknown sector {row['sector']!r}")
        out[row["head"]] = row["sector"]
    return out


def name_head_sector(text: str, heads: Mapping[str, str] | None = None) -> str | None:
    """The sector the head word of a name gives: its last word ("Russia's Baltic Fleet" ->
    MIL), or in an "N of X" name the word before "of" ("Massachusetts Institute of
    Technology" -> EDU). A phrase that ends in a common noun ("Senate hopeful") is no name."""
    table = load_name_heads() if heads is None else heads
    words = [w.strip(".,;:'’") for w in text.split()]
    if not words or not words[-1][:1].isupper():
        return None
    if "of" in words[1:]:
        before = words[words.index("of", 1) - 1]
        if before in table:
            return table[before]
    return table.get(words[-1])


STATE_ALIASES_FILE = "state_aliases.tsv"


TERRITORIES_FILE = "territories.tsv"


@functools.lru_cache(maxsize=1)
def load_state_aliases() -> Mapping[str, str]:
    """Other names that stand for a state as an actor (built by
    ``scripts/build_state_aliases.py``): regions, territories, cities, old names
    ("Abkhazia" -> GEO, "Transnistria" -> MDA), with the hand-curated ``territories.tsv``
    over them ("South Ossetia" -> GEO, "Hong Kong" -> CHN). Case-sensitive form -> ISO3."""
    table = {row["name"]: row["country"] for _line, row in read_tsv(STATE_ALIASES_FILE, ("name", "country"))}
    table.update(load_territories())
    return table


@functools.lru_cache(maxsize=1)
def load_territories() -> Mapping[str, str]:
    """The hand-curated ``territories.tsv``: territory name -> the state it belongs to."""
    return {
        row["name"]: row["country"] for _line, row in read_tsv(TERRITORIES_FILE, ("name", "country", "note"))
    }


REGIONAL_DEMONYMS_FILE = "regional_demonyms.tsv"


@functools.lru_cache(maxsize=1)
def load_regional_demonyms() -> Mapping[str, str]:
    """The hand-made ``regional_demonyms.tsv``: the adjective of a region or people inside
    one state -> that state ("Chechen" -> RUS). Case-sensitive form -> ISO3."""
    rows = read_tsv(REGIONAL_DEMONYMS_FILE, ("demonym", "country", "region"))
    return {row["demonym"]: row["country"] for _line, row in rows}


ATTACK_MEANS_FILE = "attack_means.tsv"


@functools.lru_cache(maxsize=1)
def load_attack_means() -> frozenset[str]:
    """The hand-made ``attack_means.tsv``: lower-case head nouns that name the weapon or
    blast of an attack ("bomb", "shell", "blast"), a subject that names no attacker."""
    return frozenset(row["noun"] for _line, row in read_tsv(ATTACK_MEANS_FILE, ("noun", "note")))


CURATED_BODIES_FILE = "bodies_curated.tsv"


@functools.lru_cache(maxsize=1)
def load_curated_bodies() -> tuple[tuple[str, tuple[str, ...], str, str | None], ...]:
    """National bodies curated by hand (``bodies_curated.tsv``: intelligence services,
    armed forces, aid agencies, legislatures, political parties): (name, aliases, country,
    sector), as :func:`load_groups`; read before the PETRARCH2 tables, so they win."""
    return tuple(row[:4] for row in _body_rows(CURATED_BODIES_FILE, (*GROUP_COLUMNS, "source")))


BARE_BODIES_FILE = "bare_bodies.tsv"


@functools.lru_cache(maxsize=1)
def load_bare_bodies() -> Mapping[str, tuple[str, str]]:
    """A body's bare name that an international body and states share ("Security Council")
    -> (the international body's igos.tsv code, the sector of a state's body of that name)."""
    return {
        row["name"]: (row["igo"], row["sector"])
        for _line, row in read_tsv(BARE_BODIES_FILE, ("name", "igo", "sector"))
    }
