"""Seats of international bodies: packaged data and its checks."""

from __future__ import annotations

import pytest

from communique.codebook import default_codebook
from communique.codebook.seats import parse_seats
from communique.errors import CodebookError


def test_every_seat_names_known_bodies_and_a_capital_or_city_we_match():
    codebook = default_codebook()
    names = codebook.actor_names()
    assert codebook.seats["Brussels"][0] == "EU"
    for city, bodies in codebook.seats.items():
        assert all(codebook.igo(b) is not None for b in bodies), city
    # The seats that are capitals are the ones the actor matcher can meet as metonyms.
    assert names["Brussels"] == ("capital", "BEL")


def test_unknown_body_names_file_and_line():
    with pytest.raises(CodebookError, match=r"seats.tsv:2: unknown bodies \['XX'\]"):
        parse_seats("city\tbodies\nBrussels\tEU|XX\n", known_bodies=frozenset({"EU"}))
