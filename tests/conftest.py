"""Shared fixtures: one real spaCy pipeline per session, the sample articles, the shared data.

Nothing here is mocked: the extractor is the real ``communique.extract.Extractor`` over the
default spaCy model, and the data folders are the ones a user of the repository has.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from communique.extract import Extractor

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The real pipeline, built once (it costs about two seconds)."""
    return Extractor()


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The repository's ``examples/``: eight ``.txt`` articles with Title/Date/Source headers."""
    path = REPO / "examples"
    assert path.is_dir(), f"examples folder missing at {path}"
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's shared folder (CONTRACT.md, examples/kazakhstan-eu-2022, eval/)."""
    path = Path(__file__).resolve().parents[1].parent / "shared"
    if not path.is_dir():
        pytest.skip(f"shared folder not found at {path}")
    return path


def parse_contract_tables(markdown: str) -> dict[str, list[tuple[list[str], str]]]:
    """The field tables of CONTRACT.md: ``{section title: [(field names, meaning), ...]}``.

    A row's first cell may name several fields (``\\`start\\`, \\`end\\```); the last cell is
    the meaning, kept so that tests can read the documented values of a field from it.
    """
    tables: dict[str, list[tuple[list[str], str]]] = {}
    section = None
    for line in markdown.splitlines():
        heading = re.match(r"^#{2,}\s+(.*?)\s*$", line)
        if heading:
            section = heading.group(1)
            continue
        if section is None or not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        names = re.findall(r"`([^`]+)`", cells[0])
        if not names:  # the header row and the |---| separator
            continue
        tables.setdefault(section, []).append((names, cells[-1]))
    return tables


@pytest.fixture(scope="session")
def contract(shared_dir: Path) -> dict[str, list[tuple[list[str], str]]]:
    """CONTRACT.md's tables, read at test time so the tests follow the written contract."""
    tables = parse_contract_tables((shared_dir / "CONTRACT.md").read_text(encoding="utf-8"))
    assert "Event record" in tables and "Entity" in tables, sorted(tables)
    return tables


@pytest.fixture(scope="session")
def event_fields(contract: dict[str, list[tuple[list[str], str]]]) -> list[str]:
    """The field names of the event record, in the contract's order."""
    return [name for names, _ in contract["Event record"] for name in names]


@pytest.fixture(scope="session")
def entity_fields(contract: dict[str, list[tuple[list[str], str]]]) -> list[str]:
    """The field names of an Entity (actor or recipient) in the contract."""
    return [name for names, _ in contract["Entity"] for name in names]


@pytest.fixture(scope="session")
def location_fields(shared_dir: Path) -> list[str]:
    """The Location fields, listed in the paragraph under CONTRACT.md's "Location" heading."""
    text = (shared_dir / "CONTRACT.md").read_text(encoding="utf-8")
    match = re.search(r"^## Location[ \t]*\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, "CONTRACT.md has no Location section"
    return re.findall(r"`([a-z_]+)`", match.group(1))


@pytest.fixture(scope="session")
def documented_values(contract: dict[str, list[tuple[list[str], str]]]):
    """``documented_values("modality")``: the values the contract lists for an event field."""

    def values(field: str) -> set[str]:
        for names, meaning in contract["Event record"]:
            if field in names:
                return set(re.findall(r"`([^`]+)`", meaning))
        raise KeyError(field)

    return values
