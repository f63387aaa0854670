"""States, international bodies and the surface forms the actor matcher uses."""

from __future__ import annotations

import dataclasses

import country_converter as coco
import pytest

from communique.codebook import Codebook, default_codebook
from communique.codebook.actors import collisions


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return default_codebook()


#: Surface forms that two different actors claim in the packaged data. Ambiguity is
#: decided in the data (one row keeps the form, e.g. "Georgia" is only the state,
#: "Dominican" only DOM, "Congo" only COD), so this is empty; a new collision fails
#: test_collisions_are_listed until it is decided and listed here.
KNOWN_COLLISIONS: dict[str, tuple[tuple[str, str], ...]] = {}


@pytest.fixture(scope="module")
def iso3_codes() -> set[str]:
    return set(coco.CountryConverter().data["ISO3"])


def test_every_country_is_a_valid_iso3(codebook: Codebook, iso3_codes: set[str]) -> None:
    assert len(codebook.countries) == 197
    assert {c.iso3 for c in codebook.countries} <= iso3_codes
    assert {"TWN", "XKX", "PSE", "VAT", "KAZ", "USA"} <= {c.iso3 for c in codebook.countries}


def test_igo_codes_are_not_state_codes(codebook: Codebook, iso3_codes: set[str]) -> None:
    assert not {igo.code for igo in codebook.igos} & iso3_codes


def test_names_resolve(codebook: Codebook) -> None:
    names = codebook.actor_names()
    assert names["Kazakh"] == ("demonym", "KAZ")
    assert names["Kazakhstani"] == ("demonym", "KAZ")
    assert names["Republic of Kazakhstan"] == ("state", "KAZ")
    assert names["Astana"] == ("capital", "KAZ")
    for form in ("United States", "U.S.", "US", "USA", "America"):
        assert names[form] == ("state", "USA"), form
    for form in ("United Kingdom", "U.K.", "UK", "Britain", "Great Britain"):
        assert names[form] == ("state", "GBR"), form
    for form, iso3 in [
        ("Russian Federation", "RUS"),
        ("Republic of Korea", "KOR"),
        ("DPRK", "PRK"),
        ("PRC", "CHN"),
        ("People's Republic of China", "CHN"),
        ("Islamic Republic of Iran", "IRN"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Czech Republic", "CZE"),
        ("Czechia", "CZE"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Georgia", "GEO"),
    ]:
        assert names[form] == ("state", iso3), form
    assert names["Washington"] == ("capital", "USA")
    assert names["Moscow"] == ("capital", "RUS")
    assert names["Brussels"] == ("capital", "BEL")  # not an alias of the EU
    assert names["Singapore"] == ("state", "SGP")  # state beats capital for one actor
    for demonym, iso3 in [
        ("American", "USA"),
        ("British", "GBR"),
        ("Russian", "RUS"),
        ("Chinese", "CHN"),
        ("French", "FRA"),
        ("German", "DEU"),
    ]:
        assert names[demonym] == ("demonym", iso3)
    for ambiguous in ("Holland", "Korean", "Victoria", "Male", "the United States"):
        assert ambiguous not in names, ambiguous


def test_every_state_has_demonym_or_explicit_gap(codebook: Codebook) -> None:
    # DMA and COG lose "Dominican"/"Congolese" to DOM/COD; the Vatican has none.
    missing = {c.iso3 for c in codebook.countries if not c.demonyms}
    assert missing == {"DMA", "COG", "VAT"}
    missing_capital = {c.iso3 for c in codebook.countries if not c.capital}
    assert missing_capital == {"SYC"}  # "Victoria" is too ambiguous


def test_igos(codebook: Codebook) -> None:
    eu, council = codebook.igo("EU"), codebook.igo("EUCO")
    assert eu is not None and council is not None
    assert eu.cameo == "IGOEUREEC" and eu.parent is None and eu.country == "EU"
    assert council.name == "European Council" and council.parent == "EU"
    assert council.country == "EU"
    names = codebook.actor_names()
    assert names["European Council"] == ("igo", "EUCO")
    assert names["Council of Europe"] == ("igo", "CoE")
    assert names["European Union"] == ("igo", "EU")
    for form in ("United Nations", "U.N.", "UN"):
        assert names[form] == ("igo", "UN")
    assert names["North Atlantic Treaty Organization"] == ("igo", "NATO")
    assert "the Alliance" not in names and "Security Council" not in names
    for code in (
        "EU",
        "UN",
        "NATO",
        "OSCE",
        "SCO",
        "ASEAN",
        "AU",
        "OAS",
        "GCC",
        "CSTO",
        "CIS",
        "EAEU",
        "WTO",
        "IMF",
        "WB",
        "IAEA",
        "WHO",
        "OPEC",
        "G7",
        "G20",
        "BRICS",
        "OIC",
        "LAS",
        "CoE",
        "ICC",
        "ICJ",
        "UNSC",
        "UNGA",
        "UNHCR",
        "UNICEF",
        "ECOWAS",
        "SADC",
        "APEC",
        "CICA",
        "OTS",
        "INTERPOL",
        "EBRD",
        "ADB",
        "EC",
        "CEU",
        "EP",
        "EEAS",
        "ECB",
        "EIB",
    ):
        igo = codebook.igo(code)
        assert igo is not None, code
        assert codebook.actor_code(igo.code, None), code
    for code in ("EC", "EUCO", "CEU", "EP", "EEAS", "ECB", "EIB"):
        assert codebook.igo(code).country == "EU"  # type: ignore[union-attr]


def test_actor_code(codebook: Codebook) -> None:
    assert codebook.actor_code("KAZ", "GOV") == "KAZGOV"
    assert codebook.actor_code("USA", "MIL") == "USAMIL"
    assert codebook.actor_code("KAZ", None) == "KAZ"
    assert codebook.actor_code("EU", "GOV") == "IGOEUREEC"
    assert codebook.actor_code("EUCO", None) == "IGOEUREEC"  # institution -> parent's
    assert codebook.actor_code("UN") == "IGOUNO"
    assert codebook.actor_code("UNSC") == "IGOUNO"
    assert codebook.actor_code("UNHCR") == "IGOUNOREFHCR"  # institution with its own
    assert codebook.actor_code("NATO") == "IGOWSTNAT"
    assert codebook.actor_code("INTERPOL") == "IGOCOPITP"
    assert codebook.actor_code(None, "GOV") is None
    assert codebook.actor_code("ZZZ", "GOV") is None


def test_collisions_are_listed(codebook: Codebook) -> None:
    assert codebook.actor_collisions() == KNOWN_COLLISIONS


def test_collision_detection_works_on_real_rows(codebook: Codebook) -> None:
    """Giving Dominica the demonym "Dominican" too must be reported, not silently won."""
    countries = tuple(
        dataclasses.replace(c, demonyms=("Dominican",)) if c.iso3 == "DMA" else c for c in codebook.countries
    )
    found = collisions(countries, codebook.igos)
    assert found == {"Dominican": (("demonym", "DMA"), ("demonym", "DOM"))}
