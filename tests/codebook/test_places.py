"""The offline gazetteer."""

from __future__ import annotations

import time

import pytest

from communique.codebook import Codebook, Gazetteer, default_codebook


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return default_codebook()


@pytest.fixture(scope="module")
def gazetteer(codebook: Codebook) -> Gazetteer:
    return codebook.gazetteer


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Sharm el-Sheikh", "EGY"),
        ("Sharm El Sheikh", "EGY"),
        ("sharm al-sheikh", "EGY"),
        ("Astana", "KAZ"),
        ("Nur-Sultan", "KAZ"),
        ("Almaty", "KAZ"),
        ("Kiev", "UKR"),
        ("Kyiv", "UKR"),
        ("Brasilia", "BRA"),
        ("Geneva", "CHE"),
        ("Moscow", "RUS"),
        ("New Delhi", "IND"),
        ("Washington", "USA"),
        ("Pristina", "XKX"),
    ],
)
def test_cities(gazetteer: Gazetteer, name: str, iso3: str) -> None:
    place = gazetteer.lookup(name)
    assert place is not None, name
    assert place.country_iso3 == iso3
    assert place.resolution == 4
    assert place.lat is not None and place.lon is not None and place.geonameid
    assert gazetteer.country_of(name) == iso3


def test_capitals_are_pplc(gazetteer: Gazetteer) -> None:
    for capital in ("Moscow", "Astana", "Cairo", "Washington", "Kyiv"):
        assert gazetteer.lookup(capital).feature_code == "PPLC", capital  # type: ignore[union-attr]
    assert gazetteer.lookup("Almaty").feature_code == "PPL"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Kazakhstan", "KAZ"),
        ("Georgia", "GEO"),
        ("the Netherlands", "NLD"),
        ("Ivory Coast", "CIV"),
        ("U.S.", "USA"),
        ("Luxembourg", "LUX"),
        ("Egypt", "EGY"),
    ],
)
def test_countries_resolve_to_resolution_1(gazetteer: Gazetteer, name: str, iso3: str) -> None:
    place = gazetteer.lookup(name)
    assert place is not None and place.country_iso3 == iso3
    assert place.resolution == 1 and place.feature_code == "PCLI"


def test_primary_name_beats_alternate(gazetteer: Gazetteer) -> None:
    place = gazetteer.lookup("Victoria")
    assert place is not None and place.name == "Victoria"


def test_unknown(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Xyzzyville") is None
    assert gazetteer.lookup("") is None
    assert gazetteer.country_of("Xyzzyville") is None


def test_builds_lazily_and_fast(codebook: Codebook) -> None:
    fresh = Gazetteer(countries=codebook.countries)
    assert fresh._primary is None  # nothing loaded until the first lookup
    start = time.perf_counter()
    fresh.load()
    assert time.perf_counter() - start < 5.0  # ~0.8 s measured; generous for slow CI
