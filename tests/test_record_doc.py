"""docs/record.md documents the event record the code writes, and covers the contract."""

from __future__ import annotations

import dataclasses
import re
from typing import get_args

from communique.model import DateBasis, Entity, Event, Location

Tables = dict[str, list[tuple[list[str], str]]]


def fields(table: list[tuple[list[str], str]]) -> list[str]:
    return [name for names, _ in table for name in names]


def listed_values(tables: Tables, field: str) -> set[str]:
    (meaning,) = [m for names, m in tables["Event record"] if field in names]
    return set(re.findall(r"`([A-Za-z_-]+)`", meaning))


def test_the_documented_fields_are_the_fields_the_code_writes(contract: Tables) -> None:
    event = Event("i", "a", "CONSULT", "040", 1, 1.0, "", 0, 0, "")
    assert fields(contract["Event record"]) == list(event.to_dict())
    assert fields(contract["Entity"]) == [f.name for f in dataclasses.fields(Entity)]
    assert fields(contract["Location"]) == [f.name for f in dataclasses.fields(Location)]


def test_every_date_basis_the_code_can_write_is_documented(contract: Tables) -> None:
    assert set(get_args(DateBasis)) <= listed_values(contract, "date_basis")
    assert "unknown" in listed_values(contract, "date_basis")


def test_the_documentation_covers_the_shared_contract(contract: Tables, shared_contract: Tables) -> None:
    """Every field of the project's CONTRACT.md is documented here, with every value it lists."""
    for section in ("Event record", "Entity"):
        assert set(fields(shared_contract[section])) <= set(fields(contract[section])), section
    for field in ("date_basis", "event", "modality"):
        assert listed_values(shared_contract, field) <= listed_values(contract, field), field
