"""The multilateral formats table: labels match with spaces and case ignored, members are states."""

from __future__ import annotations

from communique.codebook import default_codebook
from communique.codebook.formats import format_key


def test_a_label_is_found_however_the_tokenizer_spaced_it() -> None:
    formats = default_codebook().formats
    assert format_key("C5 + 1") == format_key("c5+1")
    assert set(formats[format_key("C5 + 1")]) == {"KAZ", "KGZ", "TJK", "TKM", "UZB", "USA"}
    assert formats[format_key("the Bucharest Nine".removeprefix("the "))] == formats[format_key("B9")]


def test_every_member_is_a_known_state_and_no_format_has_its_own_body_code() -> None:
    codebook = default_codebook()
    for key, members in codebook.formats.items():
        assert len(members) >= 2, key
        assert all(codebook.country(code) is not None for code in members), key
        assert codebook.igo(key.upper()) is None, f"{key} has its own code in igos.tsv"
