"""Agents (common nouns -> sector) and non-state groups, built from PETRARCH2's dictionaries."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from communique.codebook._tsv import read_text
from communique.codebook.agents import (
    agent_sector,
    load_agents,
    load_groups,
    load_organisations,
    load_state_aliases,
    load_transnational,
    name_head_sector,
    owner_sector,
)

REPO = Path(__file__).resolve().parents[2]


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("script", "data"),
    [
        ("build_agents", "agents.tsv"),
        ("build_groups", "groups.tsv"),
        ("build_organisations", "organisations.tsv"),
        ("build_state_aliases", "state_aliases.tsv"),
    ],
)
def test_build_scripts_reproduce_the_packaged_files(shared_dir: Path, script: str, data: str) -> None:
    kb = shared_dir / "kb" / "actors" / "petrarch"
    if not kb.is_dir():
        pytest.skip(f"PETRARCH2 dictionaries missing at {kb}")
    assert _script(script).build(kb.parent) == read_text(data)


def test_build_script_reproduces_the_transnational_file(shared_dir: Path) -> None:
    kb = shared_dir / "kb" / "actors" / "petrarch"
    if not kb.is_dir():
        pytest.skip(f"PETRARCH2 dictionaries missing at {kb}")
    assert _script("build_organisations").build_transnational(kb.parent) == read_text("transnational.tsv")


def test_transnational_actors_have_no_state_and_are_not_state_bodies() -> None:
    rows = load_transnational()
    actors = {form: (country, sector) for name, aliases, country, sector in rows for form in (name, *aliases)}
    assert actors["Amnesty International"] == ("", "NGO") and actors["Human Rights Watch"] == ("", "NGO")
    assert actors["Al-Qaeda"] == ("", "REB") and actors["Islamic State"] == ("", "REB")
    bodies = {f.lower() for name, aliases, _c, _s in load_organisations() for f in (name, *aliases)}
    groups = {f.lower() for name, aliases, _c, _s in load_groups() for f in (name, *aliases)}
    assert not (bodies | groups) & {f.lower() for f in actors}  # one table per form


def test_agent_nouns_give_sectors() -> None:
    agents = load_agents()
    assert agents["police"] == "COP" and agents["rebels"] == "REB" and agents["soldiers"] == "MIL"
    assert agent_sector("A team of heavily armed police") == ("armed police", "COP")
    assert agent_sector("the Kazakh economy") is None
    # PLOVER's nouns (sector_nouns.tsv) too, and a regular plural read as its singular.
    assert agent_sector("taxi drivers") == ("taxi driver", "CVL")
    assert agent_sector("Ambulances") == ("ambulance", "HLH")
    # The agents dictionary's religion codes are a religious group.
    assert agents["buddhist"] == "REL" and "men" not in agents
    assert owner_sector("the provincial governor's spokesman") == ("governor", "GOV")
    assert owner_sector("a spokesman") is None
    assert name_head_sector("University of Chicago") == "EDU"
    assert name_head_sector("Senate hopeful") is None


def test_state_aliases_are_regions_and_territories_of_one_state() -> None:
    aliases = load_state_aliases()
    assert aliases["Abkhazia"] == "GEO" and aliases["Transnistria"] == "MDA"
    assert aliases["Rakhine State"] == aliases["Rakhine"] == "MMR"


def test_groups_have_a_country_and_sector() -> None:
    groups = {name: (country, sector) for name, _aliases, country, sector in load_groups()}
    assert groups["Boko Haram"] == ("NGA", "REB")
    assert groups["Taliban"] == ("AFG", "REB")


def test_organisations_are_state_bodies_with_a_country_and_sector() -> None:
    bodies = {
        form: (country, sector)
        for name, aliases, country, sector in load_organisations()
        for form in (name, *aliases)
    }
    assert bodies["Knesset"] == ("ISR", "LEG")
    assert bodies["FSB"][0] == "RUS" and bodies["Pentagon"] == ("USA", "MIL")
    groups = {name for name, _aliases, _c, _s in load_groups()}
    assert not groups & set(bodies)  # the non-state groups stay in groups.tsv only


def test_curated_bodies_and_territories_are_facts_of_known_states() -> None:
    from communique.codebook import default_codebook
    from communique.codebook.agents import load_curated_bodies
    from communique.codebook.offices import SECTORS

    codebook = default_codebook()
    bodies = load_curated_bodies()
    assert len(bodies) > 200
    assert all(
        codebook.country(country) is not None and sector in SECTORS for _n, _a, country, sector in bodies
    )
    forms = [f.lower() for name, aliases, _c, _s in bodies for f in (name, *aliases)]
    assert len(forms) == len(set(forms))  # one body per form
    aliases = load_state_aliases()
    assert aliases["South Ossetia"] == "GEO" and aliases["Hong Kong"] == "CHN"  # territories.tsv
    assert aliases["Abkhazia"] == "GEO"  # PETRARCH2's state_aliases.tsv still read


def test_regional_demonyms_are_of_known_states_and_below_the_states_own() -> None:
    from communique.codebook import default_codebook
    from communique.codebook.agents import load_attack_means, load_regional_demonyms

    codebook = default_codebook()
    regional = load_regional_demonyms()
    assert all(codebook.country(iso3) is not None for iso3 in regional.values())
    names = codebook.actor_names()
    assert names["Chechen"] == ("demonym", "RUS") and names["Tibetan"] == ("demonym", "CHN")
    # A state's own demonym is never shadowed by a region's.
    own = {form for country in codebook.countries for form in (*country.demonyms, *country.names)}
    assert not own & set(regional)
    assert {"bomb", "shell", "blast"} <= load_attack_means()
