"""The dated people knowledge base and the publisher table (packaged data, real files)."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from communique.codebook import default_codebook
from communique.codebook._tsv import data_dir
from communique.codebook.people import (
    PEOPLE_FILE,
    Person,
    Spell,
    default_people,
    load_people,
    load_publishers,
    normalise,
    publisher_of,
)

REPO = Path(__file__).resolve().parents[2]


def test_build_script_reproduces_the_packaged_file(shared_dir: Path) -> None:
    kb = shared_dir / "kb" / "actors"
    if not (kb / "people.jsonl.gz").is_file():
        pytest.skip(f"knowledge-base source missing at {kb / 'people.jsonl.gz'}")
    spec = importlib.util.spec_from_file_location("build_people", REPO / "scripts" / "build_people.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build(kb) == data_dir().joinpath(PEOPLE_FILE).read_bytes()


def test_normalise_folds_accents_case_and_punctuation() -> None:
    assert normalise("Joseph R. Biden, Jr.") == "joseph r biden jr"
    assert normalise("Bashar al-Assad") == normalise("Bashar al Assad")
    assert normalise("António Guterres") == "antonio guterres"


def test_office_is_read_at_the_article_date() -> None:
    kb = default_people()
    putin_2010 = kb.resolve("Vladimir Putin", dt.date(2010, 6, 1))
    assert (putin_2010.country, putin_2010.sector, putin_2010.office) == ("RUS", "GOV", "head_of_government")
    assert kb.resolve("Vladimir Putin", dt.date(2023, 6, 1)).office == "head_of_state"
    obama = kb.resolve("Barack Obama", dt.date(2019, 5, 1))
    assert (obama.country, obama.sector, obama.status) == ("USA", "ELI", "former")
    assert kb.resolve("Barack Obama", dt.date(2012, 5, 1)).sector == "GOV"
    assert kb.resolve("Antonio Guterres", dt.date(2023, 6, 1)).country == "UN"
    assert kb.resolve("António Guterres", dt.date(2000, 6, 1)).country == "PRT"


def test_surnames_only_when_asked_and_ambiguity_gives_no_country() -> None:
    kb = default_people()
    assert kb.resolve("Putin", dt.date(2023, 6, 1)) is None  # not a person unless the text says so
    putin = kb.resolve("Putin", dt.date(2023, 6, 1), surname_ok=True)
    assert putin.person.name.endswith("Putin") and putin.country == "RUS"
    johnson = kb.resolve("Johnson", dt.date(2023, 6, 1), surname_ok=True)
    assert johnson.status == "ambiguous" and johnson.country is None
    assert "ambiguous" in johnson.how


def test_a_title_in_the_text_picks_the_matching_spell() -> None:
    kb = default_people()
    plain = kb.resolve("Kaja Kallas", dt.date(2024, 3, 1))
    titled = kb.resolve("Kaja Kallas", dt.date(2024, 3, 1), roles=frozenset({"foreign_minister"}))
    assert plain.country == "EST" and titled.country == "EU"


def test_holder_of_an_office_at_a_date() -> None:
    kb = default_people()
    assert kb.holder("USA", "head_of_state", dt.date(2023, 6, 1)).name.endswith("Biden")
    assert kb.holder("USA", "head_of_state", dt.date(2012, 6, 1)).name.startswith("Barack")
    assert kb.holder("RUS", "foreign_minister", dt.date(2023, 6, 1)).name == "Sergey Lavrov"


def test_publishers_by_host_and_source_name_and_no_guess() -> None:
    cb = default_codebook()
    pubs = load_publishers([c.iso3 for c in cb.countries] + [i.code for i in cb.igos])
    assert publisher_of("https://en.kremlin.ru/events/president/news/1", pubs).country == "RUS"
    assert publisher_of("https://bidenwhitehouse.archives.gov/briefing-room/x", pubs).country == "USA"
    assert publisher_of("www.state.gov", pubs).office == "foreign_minister"
    assert publisher_of("re3d / US State Department", pubs).country == "USA"
    assert publisher_of("https://eeas.europa.eu/x", pubs).country == "EU"
    assert publisher_of("https://www.example.com/news", pubs) is None
    assert publisher_of("Reuters", pubs) is None


def test_other_spellings_of_a_name_join_the_same_country_only() -> None:
    from communique.codebook.people import loose_key

    assert loose_key("aleksandr lukashenko") == loose_key("alexander lukashenko")
    assert loose_key("mohammed hussein roble") == loose_key("mohamed hussein roble")
    assert loose_key("abdelaziz bouteflicka") == loose_key("abdelaziz bouteflika")  # ck, k
    assert loose_key("mustapha ali") == loose_key("mustafa ali")  # ph, f
    assert loose_key("anna kovac") != loose_key("anna kovacs")
    kb = default_people()
    assert kb.resolve("Abdelaziz Bouteflicka", dt.date(2005, 6, 1)).country == "DZA"
    # One person split by the sources' spellings: the exact spelling is a former head of
    # state by one source, another spelling is in office by another.
    res = kb.resolve("Aleksandr Lukashenko", dt.date(2022, 1, 1))
    assert (res.country, res.sector) == ("BLR", "GOV")
    # An unknown spelling of a known name still resolves.
    assert kb.resolve("Mohammed Hussein Roble", dt.date(2021, 6, 1)).country == "SOM"


def test_a_surname_alone_may_name_a_recent_former_leader() -> None:
    kb = default_people()
    trump = kb.resolve("Trump", dt.date(2023, 6, 1), surname_ok=True)
    assert (trump.country, trump.sector, trump.status) == ("USA", "ELI", "former")
    assert kb.resolve("Trump", dt.date(2023, 6, 1)) is None  # only when the text calls it a person


def test_one_office_in_two_states_at_once_goes_to_the_persons_own_state() -> None:
    """The Factbook names the US president head of state of US dependencies too; in office,
    the president is the United States' (the state of most of the person's rows)."""
    kb = default_people()
    in_office = kb.resolve("George Bush", dt.date(1990, 5, 1))
    assert (in_office.country, in_office.sector) == ("USA", "GOV")
    assert {s.country for s in in_office.person.spells} > {"USA"}  # the other rows are still there


def test_a_copy_is_what_extending_by_nobody_gives_and_grows_alone():
    kb = default_people()
    copy, extended = kb.copy(), kb.extended([])
    for table in ("people", "by_form", "by_surname", "by_office", "by_loose"):
        assert list(getattr(copy, table).items()) == list(getattr(extended, table).items()), table
    assert copy.first_words == extended.first_words
    before = len(kb.people)
    copy.add(
        [
            Person(
                "learned:x",
                "Zorblax Quintarian",
                (),
                None,
                (Spell("KAZ", None, "GOV", None, None, "learned"),),
            )
        ]
    )
    assert "learned:x" in copy.people and len(kb.people) == before and "learned:x" not in kb.people
    assert "zorblax quintarian" in copy.by_form and "zorblax quintarian" not in kb.by_form


def test_the_values_spells_repeat_are_one_object_each():
    """Countries, offices, sources and dates recur across ~44,000 spells: one object per
    value, so the cached table pickles each once (codebook/cache.py)."""
    spells = [s for p in load_people().people.values() for s in p.spells]
    dates = [d for s in spells for d in (s.start, s.end) if d is not None]
    assert len(dates) > 10 * len(set(dates))  # the sharing matters
    assert len({id(d) for d in dates}) == len(set(dates))
    for field in ("country", "office", "source"):
        values = [getattr(s, field) for s in spells if getattr(s, field) is not None]
        assert len({id(v) for v in values}) == len(set(values)), field
