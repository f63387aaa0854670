"""Terms of office the Factbook names beyond the merged people table (people_terms.tsv):
built by a script from ../shared/kb, and read with the rest of the people knowledge base."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from communique.codebook._tsv import data_dir
from communique.codebook.people import default_people
from communique.codebook.people_rows import TERMS_FILE
from communique.nlp.timefind import dateline_year

REPO = Path(__file__).resolve().parents[2]


def test_build_script_reproduces_the_packaged_terms(shared_dir: Path) -> None:
    kb = shared_dir / "kb" / "actors"
    for name in ("factbook_executive.tsv.gz", "people.jsonl.gz"):
        if not (kb / name).is_file():
            pytest.skip(f"knowledge-base source missing at {kb / name}")
    spec = importlib.util.spec_from_file_location(
        "build_people_terms", REPO / "scripts" / "build_people_terms.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build(kb) == data_dir().joinpath(TERMS_FILE).read_bytes()


def test_a_prime_minister_named_in_a_factbook_note_has_a_term() -> None:
    """Mahinda Rajapaksa: president 2005-2015 in the merged table; prime minister from
    21 November 2019 only in a note of Sri Lanka's Factbook entry."""
    kb = default_people()
    then = kb.resolve("Mahinda Rajapaksa", dt.date(2020, 6, 1), roles=frozenset({"head_of_government"}))
    assert then is not None and then.country == "LKA" and then.status == "active"
    assert then.spell is not None and then.spell.start == dt.date(2019, 11, 21)
    spells = [
        (s.start, s.end)
        for key in kb.by_form["mahinda rajapaksa"]
        for s in kb.people[key].spells
        if s.office == "head_of_government"
    ]
    # "Prime Minister Mahinda Rajapaksa" under a "COLOMBO, March 3 -" dateline after 2018:
    # 2020, his first 3 March as prime minister, not a year of his presidency.
    assert dateline_year(3, 3, dt.date(2018, 1, 1), {"Mahinda Rajapaksa": spells})[0] == 2020
