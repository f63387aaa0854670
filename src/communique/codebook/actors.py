"""States and international bodies: who can act in an event, under which names.

``countries.tsv`` holds one row per sovereign state (ISO 3166-1 alpha-3 code, name,
aliases, demonyms, capital); ``igos.tsv`` one row per international body or institution
(the record's country code, CAMEO actor code, aliases, parent body). :func:`surface_forms`
turns both into the case-sensitive name table the actor recogniser matches against,
and reports every form that two different actors claim, so ambiguity is decided in the
data (one row keeps the form) rather than by load order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from communique.codebook._tsv import fail, read_tsv, split_list

COUNTRIES_FILE = "countries.tsv"
COUNTRY_COLUMNS = ("iso3", "name", "aliases", "demonyms", "capital")
IGOS_FILE = "igos.tsv"
IGO_COLUMNS = ("code", "name", "cameo", "aliases", "parent")

#: Kinds of surface form, in order of precedence when one actor has a form twice
#: (a city-state's name is also its capital: "Singapore" is the state).
KIND_PRECEDENCE = ("state", "igo", "demonym", "capital")


@dataclass(frozen=True)
class Country:
    """A sovereign state and the names news uses for it.

    ``capital`` is the official capital; ``capital_aliases`` holds other spellings and
    seats of government used as metonyms ("Kiev", "The Hague", "La Paz"). Both are
    matched as kind ``"capital"``.
    """

    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    capital_aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Name and aliases (the forms that name the state itself)."""
        return (self.name, *self.aliases)

    @property
    def capitals(self) -> tuple[str, ...]:
        """The capital and its variants."""
        return ((self.capital,) if self.capital else ()) + self.capital_aliases


@dataclass(frozen=True)
class Igo:
    """An international body, or an institution of one (``parent`` set).

    ``cameo`` is the CAMEO actor code; empty for institutions that use their parent's.
    """

    code: str
    name: str
    cameo: str | None
    aliases: tuple[str, ...]
    parent: str | None

    @property
    def country(self) -> str:
        """The ``country`` value of the record (docs/record.md): the parent body's code, else its own."""
        return self.parent or self.code

    @property
    def names(self) -> tuple[str, ...]:
        """Name and aliases."""
        return (self.name, *self.aliases)


def load_countries() -> tuple[Country, ...]:
    """Read ``countries.tsv``; codes must be three capital letters and unique."""
    rows: list[Country] = []
    seen: set[str] = set()
    for line, row in read_tsv(COUNTRIES_FILE, COUNTRY_COLUMNS):
        iso3 = row["iso3"]
        if len(iso3) != 3 or not iso3.isalpha() or not iso3.isupper():
            raise fail(COUNTRIES_FILE, line, f"bad ISO3 code {iso3!r}")
        if iso3 in seen:
            raise fail(COUNTRIES_FILE, line, f"duplicate ISO3 code {iso3}")
        if not row["name"]:
            raise fail(COUNTRIES_FILE, line, "empty name")
        seen.add(iso3)
        capitals = split_list(row["capital"])
        rows.append(
            Country(
                iso3=iso3,
                name=row["name"],
                aliases=split_list(row["aliases"]),
                demonyms=split_list(row["demonyms"]),
                capital=capitals[0] if capitals else None,
                capital_aliases=capitals[1:],
            )
        )
    return tuple(rows)


def load_igos() -> tuple[Igo, ...]:
    """Read ``igos.tsv``; codes unique, parents must be rows of the same file."""
    rows: list[Igo] = []
    lines: dict[str, int] = {}
    for line, row in read_tsv(IGOS_FILE, IGO_COLUMNS):
        code = row["code"]
        if not code or code in lines:
            raise fail(IGOS_FILE, line, f"empty or duplicate IGO code {code!r}")
        if not row["name"]:
            raise fail(IGOS_FILE, line, "empty name")
        cameo = row["cameo"] or None
        if cameo is not None and not cameo.startswith("IGO"):
            raise fail(IGOS_FILE, line, f"CAMEO code {cameo!r} should start with IGO")
        if cameo is None and not row["parent"]:
            raise fail(IGOS_FILE, line, "a body without a parent needs a CAMEO code")
        lines[code] = line
        rows.append(
            Igo(
                code=code,
                name=row["name"],
                cameo=cameo,
                aliases=split_list(row["aliases"]),
                parent=row["parent"] or None,
            )
        )
    for igo in rows:
        if igo.parent is not None and igo.parent not in lines:
            raise fail(IGOS_FILE, lines[igo.code], f"unknown parent {igo.parent!r}")
    return tuple(rows)


def _claims(countries: Iterable[Country], igos: Iterable[Igo]) -> dict[str, list[tuple[str, str]]]:
    """Every surface form with every (kind, code) that claims it, in precedence order."""
    claims: dict[str, list[tuple[str, str]]] = {}

    def claim(form: str, kind: str, code: str) -> None:
        entries = claims.setdefault(form, [])
        if (kind, code) not in entries:
            entries.append((kind, code))

    countries = tuple(countries)
    for country in countries:
        for form in country.names:
            claim(form, "state", country.iso3)
    for igo in igos:
        for form in igo.names:
            claim(form, "igo", igo.code)
    for country in countries:
        for form in country.demonyms:
            claim(form, "demonym", country.iso3)
    for country in countries:
        for form in country.capitals:
            claim(form, "capital", country.iso3)
    return claims


def surface_forms(countries: Iterable[Country], igos: Iterable[Igo]) -> dict[str, tuple[str, str]]:
    """Map each surface form to ``(kind, code)``; the first claim (by kind precedence) wins.

    Callers that care about ambiguity check :func:`collisions` first; the codebook's own
    data is tested to have none beyond those the tests list.
    """
    return {form: entries[0] for form, entries in _claims(countries, igos).items()}


def collisions(countries: Iterable[Country], igos: Iterable[Igo]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Surface forms claimed by two different actors (codes), with all their claims.

    One actor claiming a form twice (Singapore the state and its capital) is not a
    collision; "Dominican" for both DOM and DMA would be.
    """
    return {
        form: tuple(entries)
        for form, entries in _claims(countries, igos).items()
        if len({code for _, code in entries}) > 1
    }
