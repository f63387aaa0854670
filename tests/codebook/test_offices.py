"""Office titles and sector nouns."""

from __future__ import annotations

import pytest

from communique.codebook import SECTORS, Codebook, default_codebook


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return default_codebook()


def test_every_office_has_a_valid_sector(codebook: Codebook) -> None:
    assert codebook.offices
    bad = [(o.title, o.sector) for o in codebook.offices if o.sector not in SECTORS]
    assert bad == []


def test_titles_and_aliases_unique(codebook: Codebook) -> None:
    forms = [f.casefold() for o in codebook.offices for f in (o.title, *o.aliases)]
    assert len(forms) == len(set(forms))


def test_required_titles(codebook: Codebook) -> None:
    by_title = {o.title: o for o in codebook.offices}
    for title in (
        "President",
        "Prime Minister",
        "Deputy Prime Minister",
        "Minister of Foreign Affairs",
        "Foreign Minister",
        "Minister for Foreign Affairs",
        "Secretary of State",
        "High Representative",
        "Vice President",
        "Chancellor",
        "King",
        "Queen",
        "Emir",
        "Crown Prince",
        "Ambassador",
        "Envoy",
        "Special Representative",
        "Secretary-General",
        "Spokesperson",
        "Spokesman",
        "Spokeswoman",
        "Defense Minister",
        "Minister of Defence",
        "General",
        "Admiral",
        "Chief of General Staff",
        "Speaker",
        "Senator",
        "Member of Parliament",
        "Chairman",
        "Commissioner",
        "Governor",
        "Mayor",
        "Foreign Secretary",
        "Premier",
        "Vice Premier",
        "State Councilor",
        "Director General",
        "Judge",
        "Chief Justice",
        "Attorney General",
        "former President",
        "opposition leader",
        "rebel leader",
        "CEO",
        "Pope",
    ):
        assert title in by_title, title
    assert by_title["former President"].sector == "ELI"
    assert by_title["opposition leader"].sector == "OPP"
    assert by_title["rebel leader"].sector == "REB"
    assert by_title["CEO"].sector == "BUS"
    assert by_title["General"].sector == "MIL"
    assert by_title["Senator"].sector == "LEG"
    assert by_title["Judge"].sector == "JUD"
    hr = "High Representative of the Union for Foreign Affairs and Security Policy"
    assert by_title[hr].role == "foreign_minister"
    fm = by_title["Foreign Minister"]
    assert fm.role == "foreign_minister"
    assert {"top diplomat", "foreign policy chief", "head of diplomacy", "chief diplomat"} <= set(fm.aliases)
    assert "head of state" in by_title["President"].aliases
    assert by_title["Prime Minister"].role == by_title["Premier"].role == "head_of_government"
    assert "head of government" in by_title["Prime Minister"].aliases


def test_sector_nouns(codebook: Codebook) -> None:
    nouns = codebook.sector_nouns
    expected = {
        "minister": "GOV",
        "government": "GOV",
        "army": "MIL",
        "military": "MIL",
        "troops": "MIL",
        "parliament": "LEG",
        "lawmakers": "LEG",
        "court": "JUD",
        "police": "COP",
        "rebels": "REB",
        "opposition": "OPP",
        "protesters": "CVL",
        "activists": "CVL",
        "company": "BUS",
        "media": "MED",
        "ministry": "GOV",
        "mfa": "GOV",
        "foreign ministry": "GOV",
        "doctor": "HLH",
        "soldier": "MIL",
    }
    assert {noun: nouns.get(noun) for noun in expected} == expected
    assert set(nouns.values()) <= SECTORS
    assert all(noun == noun.lower() for noun in nouns)
    assert len(nouns) > 1000  # the CAMEO agents dictionary was converted
