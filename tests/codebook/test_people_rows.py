"""A user's actors file (CSV, TSV, YAML): checked row by row, and it takes precedence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from communique.codebook import default_codebook
from communique.codebook.people import default_people
from communique.codebook.people_rows import read_actors_file
from communique.errors import InputError


def _read(path: Path):
    cb = default_codebook()
    known = [c.iso3 for c in cb.countries] + [i.code for i in cb.igos]
    return read_actors_file(path, known, [o.role for o in cb.offices])


def test_csv_rows_become_people_that_override_the_knowledge_base(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(
        "name,aliases,country,office,sector,start,end\n"
        "Vladimir Putin,Putin,KAZ,head_of_state,GOV,2000-01-01,\n"
        "Anna Vesterlund,Vesterlund,SWE,foreign_minister,GOV,2020-01-01,2030-01-01\n",
        encoding="utf-8",
    )
    people = _read(path)
    assert [p.name for p in people] == ["Vladimir Putin", "Anna Vesterlund"]
    kb = default_people().extended(people, override=True)
    assert kb.resolve("Vladimir Putin", dt.date(2023, 1, 1)).country == "KAZ"
    assert kb.resolve("Vesterlund", dt.date(2023, 1, 1), surname_ok=True).country == "SWE"
    assert default_people().resolve("Vladimir Putin", dt.date(2023, 1, 1)).country == "RUS"


def test_yaml_rows(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(
        "- name: Anna Vesterlund\n  country: SWE\n  office: foreign_minister\n  start: 2020-01-01\n",
        encoding="utf-8",
    )
    (person,) = _read(path)
    assert person.spells[0].start == dt.date(2020, 1, 1) and person.spells[0].country == "SWE"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("a.csv", "name,country\nAnna,XXX\n", "a.csv:2: unknown country"),
        ("b.csv", "name,country,office\n\nAnna,SWE,emperor\n", "b.csv:3: unknown office"),
        ("c.csv", "name,country,start\nAnna,SWE,2020-13-01\n", "c.csv:2: start '2020-13-01'"),
        ("d.tsv", "name\tcountry\tcolour\nAnna\tSWE\tred\n", "d.tsv:2: unknown column"),
        ("e.yaml", "- name: Anna\n  country: SWE\n- name: Bo\n  country: QQQ\n", "e.yaml:3: unknown country"),
        ("f.yaml", "- name: [unclosed\n", "f.yaml:2: not valid YAML"),
    ],
)
def test_bad_rows_name_the_file_and_line(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        _read(path)
    assert message in str(err.value)
