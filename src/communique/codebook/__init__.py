"""The codebook: CAMEO/PLOVER codes, states, international bodies, titles and places.

Domain data with typed loaders and nothing else: it imports no spaCy and no database,
so the pipeline, the store, the exporters and the web pages all read the same facts.
Everything comes from the packaged ``data/`` files; :func:`default_codebook` loads
them once per process.

>>> cb = default_codebook()
>>> cb.cameo_code("042").plover_event
'CONSULT'
>>> cb.actor_code("KAZ", "GOV")
'KAZGOV'
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from communique.codebook._tsv import data_version
from communique.codebook.actors import (
    Country,
    Igo,
    collisions,
    load_countries,
    load_igos,
    surface_forms,
)
from communique.codebook.agents import load_regional_demonyms
from communique.codebook.cameo import CameoCode, load_cameo
from communique.codebook.formats import load_formats
from communique.codebook.offices import SECTORS, Office, load_offices, load_sector_nouns
from communique.codebook.places import Gazetteer, Place, load_landmarks
from communique.codebook.rules import STRICT, EventRule, load_event_rules
from communique.codebook.seats import load_seats
from communique.codebook.topics import Topic, load_topics
from communique.codebook.triggers import TriggerLexicon, load_triggers
from communique.codebook.verbs import VerbDictionary, load_verb_dictionary
from communique.errors import CodebookError

__all__ = [
    "SECTORS",
    "CameoCode",
    "Codebook",
    "Country",
    "EventRule",
    "Gazetteer",
    "Igo",
    "Office",
    "Place",
    "Topic",
    "TriggerLexicon",
    "VerbDictionary",
    "default_codebook",
    "load_codebook",
]


@dataclass(frozen=True)
class Codebook:
    """Every table of the codebook, with the lookups the pipeline and exporters need.

    Build it with :func:`load_codebook` (or share one with :func:`default_codebook`);
    the lookup tables below are derived once in ``__post_init__``.
    """

    cameo: Mapping[str, CameoCode]
    countries: tuple[Country, ...]
    igos: tuple[Igo, ...]
    offices: tuple[Office, ...]
    sector_nouns: Mapping[str, str]
    gazetteer: Gazetteer
    version: str
    #: The pipeline's trigger lexicon and topic taxonomy (their own modules and files).
    triggers: TriggerLexicon = field(default_factory=lambda: TriggerLexicon({}, {}))
    topics: tuple[Topic, ...] = ()
    seats: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: PETRARCH2's CAMEO verb dictionary (generated ``verb_patterns.tsv``), below ``triggers``.
    verbs: VerbDictionary = field(default_factory=lambda: VerbDictionary({}, {}))
    #: What each CAMEO root's events need from the parse (``event_rules.tsv``).
    event_rules: Mapping[str, EventRule] = field(default_factory=dict)
    #: Multilateral formats named by a label ("C5+1"): label key -> member states (``formats.tsv``).
    formats: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Adjectives of a region or people inside one state ("Chechen" -> RUS), below the
    #: states' own demonyms (``regional_demonyms.tsv``).
    regional_demonyms: Mapping[str, str] = field(default_factory=dict)
    _country_by_iso3: Mapping[str, Country] = field(init=False, repr=False, compare=False)
    _igo_by_code: Mapping[str, Igo] = field(init=False, repr=False, compare=False)
    _actor_names: Mapping[str, tuple[str, str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_iso3 = {country.iso3: country for country in self.countries}
        by_code = {igo.code: igo for igo in self.igos}
        shared = sorted(set(by_iso3) & set(by_code))
        if shared:
            raise CodebookError(f"igos.tsv: codes {shared} are also ISO3 codes of states")
        set_ = object.__setattr__  # frozen: derived tables are set once, here
        set_(self, "_country_by_iso3", MappingProxyType(by_iso3))
        set_(self, "_igo_by_code", MappingProxyType(by_code))
        names = surface_forms(self.countries, self.igos)
        for form, iso3 in self.regional_demonyms.items():
            if iso3 in by_iso3:
                names.setdefault(form, ("demonym", iso3))
        set_(self, "_actor_names", MappingProxyType(names))

    def country(self, iso3: str) -> Country | None:
        """The state with this ISO3 code, or None."""
        return self._country_by_iso3.get(iso3)

    def igo(self, code: str) -> Igo | None:
        """The international body with this code (``EU``, ``UNSC``), or None."""
        return self._igo_by_code.get(code)

    def display_name(self, code: str | None) -> str | None:
        """The canonical name of a state (ISO3) or international body (IGO code)."""
        if not code:
            return None
        actor = self._country_by_iso3.get(code) or self._igo_by_code.get(code)
        return actor.name if actor is not None else None

    def event_rule(self, code: str) -> EventRule:
        """The roles an event with this CAMEO code takes (by its root)."""
        return self.event_rules.get(code[:2], STRICT)

    def cameo_code(self, code: str) -> CameoCode:
        """The CAMEO code's record; CodebookError (not KeyError) for an unknown code."""
        try:
            return self.cameo[code]
        except KeyError:
            raise CodebookError(f"unknown CAMEO event code {code!r}") from None

    def actor_names(self) -> dict[str, tuple[str, str]]:
        """Every surface form of an actor -> ``(kind, code)``; keys are case-sensitive.

        Kinds: ``"state"`` (name or alias), ``"igo"``, ``"demonym"``, ``"capital"``;
        the code is the ISO3 code or the IGO code. Forms are bare ("United States", not
        "the United States"): the matcher handles a leading "the". A fresh dict, so
        callers may extend it.
        """
        return dict(self._actor_names)

    def actor_collisions(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """Surface forms two different actors claim (should be empty: see the tests)."""
        return collisions(self.countries, self.igos)

    def actor_code(self, country: str | None, sector: str | None = None) -> str | None:
        """The CAMEO actor code (docs/record.md) for a country (or IGO code) and sector.

        A state gives ISO3 + sector (``KAZGOV``, ``USAMIL``, ``KAZ`` with no sector); an
        international body gives its CAMEO code (an institution without one, its
        parent's), whatever the sector; None when the country is unknown or missing.
        """
        if not country:
            return None
        if sector is not None and sector not in SECTORS:
            raise CodebookError(f"unknown sector {sector!r}")
        if country in self._country_by_iso3:
            return country + (sector or "")
        igo = self._igo_by_code.get(country)
        while igo is not None and igo.cameo is None and igo.parent is not None:
            igo = self._igo_by_code.get(igo.parent)
        return igo.cameo if igo is not None else None


def load_codebook() -> Codebook:
    """Read every packaged data file into a new :class:`Codebook`.

    The gazetteer is created here but loads its GeoNames data on its first lookup.
    ``triggers.tsv`` and ``topics.tsv`` are read by their own loaders
    (:mod:`communique.codebook.triggers`, :mod:`communique.codebook.topics`); any other
    file in ``data/`` is ignored here but still counts towards ``version``.
    """
    countries = load_countries()
    igos = load_igos()
    cameo = load_cameo()
    return Codebook(
        cameo=MappingProxyType(cameo),
        countries=countries,
        igos=igos,
        offices=load_offices(),
        sector_nouns=MappingProxyType(load_sector_nouns()),
        gazetteer=Gazetteer(countries=countries, landmarks=load_landmarks()),
        version=data_version(),
        triggers=load_triggers(),
        topics=load_topics(),
        seats=MappingProxyType(load_seats(frozenset(igo.code for igo in igos))),
        verbs=load_verb_dictionary(frozenset(cameo)),
        event_rules=MappingProxyType(load_event_rules()),
        formats=MappingProxyType(load_formats(country.iso3 for country in countries)),
        regional_demonyms=MappingProxyType(dict(load_regional_demonyms())),
    )


@functools.lru_cache(maxsize=1)
def default_codebook() -> Codebook:
    """One shared :class:`Codebook` per process (the packaged data never changes)."""
    return load_codebook()
