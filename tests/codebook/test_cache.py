"""The on-disk cache of built knowledge tables (codebook/cache.py): a hit is the object
built, a changed codebook file is a miss, concurrent builders leave one whole entry."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from communique.codebook._tsv import data_dir
from communique.codebook.cache import KEPT_ENTRIES, cached, cached_people, source_digest
from communique.codebook.people import default_people
from communique.settings import Settings


def _table() -> dict[str, tuple[int, ...]]:
    return {f"k{i}": tuple(range(i % 7)) for i in range(20_000)}


def _build_in_worker(folder: str, digest: str) -> int:
    """Run in a fresh process: builds (or reads) the entry, returns its size."""
    return len(cached(folder, "table", digest, _table))


def _entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_hit_returns_what_was_built_without_building(tmp_path):
    calls = []

    def build():
        calls.append(1)
        return _table()

    first = cached(tmp_path, "table", "d1", build)
    second = cached(tmp_path, "table", "d1", build)
    assert first == second == _table()
    assert calls == [1]
    assert _entries(tmp_path) == ["table-d1.pickle"]


def test_a_changed_codebook_file_changes_the_digest_and_the_new_entry_is_read(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(Path(str(data_dir())), data)
    before = source_digest(data=data)
    assert source_digest(data=data) == before  # stable
    people = data / "people_extra.tsv"
    people.write_text(people.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = source_digest(data=data)
    assert after != before

    cache = tmp_path / "cache"
    cached(cache, "table", before, lambda: {"old": 1})
    assert cached(cache, "table", after, lambda: {"new": 2}) == {"new": 2}  # not the stale one
    assert _entries(cache) == sorted([f"table-{before}.pickle", f"table-{after}.pickle"])


def test_two_codebook_versions_side_by_side_keep_their_entries_and_old_ones_age_out(tmp_path):
    builds = []

    def build(tag):
        return lambda: builds.append(tag) or {"tag": tag}

    cached(tmp_path, "table", "v1", build("v1"))
    cached(tmp_path, "table", "v2", build("v2"))
    # two installs alternating: each reads its own entry, nothing is rebuilt
    for _ in range(3):
        assert cached(tmp_path, "table", "v1", build("v1")) == {"tag": "v1"}
        assert cached(tmp_path, "table", "v2", build("v2")) == {"tag": "v2"}
    assert builds == ["v1", "v2"]
    # newer versions push out the least recently used entry (v1: v2 was read after it)
    os.utime(tmp_path / "table-v1.pickle", ns=(1, 1))
    cached(tmp_path, "table", "v3", build("v3"))
    cached(tmp_path, "table", "v4", build("v4"))
    assert _entries(tmp_path) == [f"table-{v}.pickle" for v in ("v2", "v3", "v4")]
    assert len(_entries(tmp_path)) == KEPT_ENTRIES


def test_code_changes_change_the_digest(tmp_path):
    code = tmp_path / "code"
    code.mkdir()
    (code / "people.py").write_text("x = 1\n")
    before = source_digest(code=code)
    (code / "people.py").write_text("x = 2\n")
    assert source_digest(code=code) != before


def test_a_truncated_entry_is_rebuilt(tmp_path):
    cached(tmp_path, "table", "d1", _table)
    entry = tmp_path / "table-d1.pickle"
    entry.write_bytes(entry.read_bytes()[:100])
    assert cached(tmp_path, "table", "d1", _table) == _table()
    assert cached(tmp_path, "table", "d1", lambda: pytest.fail("rebuilt twice")) == _table()


def test_an_unwritable_cache_only_costs_the_build(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert cached(blocker / "cache", "table", "d1", _table) == _table()


def test_concurrent_builders_leave_one_whole_entry(tmp_path):
    folder = str(tmp_path / "cache")
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=4, mp_context=ctx) as pool:
        sizes = list(pool.map(_build_in_worker, [folder] * 8, ["d1"] * 8))
    assert sizes == [len(_table())] * 8
    assert _entries(Path(folder)) == ["table-d1.pickle"]  # no temporary files left
    assert cached(folder, "table", "d1", lambda: pytest.fail("should be a hit")) == _table()


def test_the_cached_people_knowledge_base_is_the_built_one(tmp_path):
    built = default_people()
    cached_people.cache_clear()
    try:
        cached_people(str(tmp_path))  # builds and writes
        cached_people.cache_clear()
        read = cached_people(str(tmp_path))  # reads the file
    finally:
        cached_people.cache_clear()
    assert read is not built
    assert read.people == built.people
    assert list(read.by_form.items()) == list(built.by_form.items())
    assert list(read.by_surname.items()) == list(built.by_surname.items())
    assert list(read.by_office.items()) == list(built.by_office.items())
    assert list(read.by_loose.items()) == list(built.by_loose.items())
    assert read.first_words == built.first_words


def test_the_setting_names_the_folder_or_turns_the_cache_off(tmp_path):
    assert Settings(cache_dir=str(tmp_path)).kb_cache_dir == str(tmp_path)
    assert Settings(cache_dir="off").kb_cache_dir is None
    default = Settings(cache_dir=None).kb_cache_dir
    assert default is not None and "communique" in default


def test_a_pipeline_built_from_the_cache_codes_as_one_built_without(tmp_path, extractor, examples_dir):
    from communique.extract import Extractor
    from communique.fileio import read_articles
    from communique.model import Rejection

    articles = [a for a in read_articles([examples_dir]) if not isinstance(a, Rejection)][:4]
    expected = [r.events for r in extractor.extract_many(articles)]
    cached_people.cache_clear()
    try:
        cold = Extractor(cache_dir=str(tmp_path))  # builds the entry
        cached_people.cache_clear()
        warm = Extractor(cache_dir=str(tmp_path))  # reads it
    finally:
        cached_people.cache_clear()
    assert f"people-{source_digest()}.pickle" in [p.name for p in tmp_path.iterdir()]
    for made in (cold, warm):
        assert made.pipeline_version == extractor.pipeline_version
        assert [r.events for r in made.extract_many(articles)] == expected


def test_the_cached_gazetteer_is_the_built_one(tmp_path, monkeypatch):
    from communique.codebook import default_codebook
    from communique.codebook.cache import load_gazetteer
    from communique.codebook.places import Gazetteer, load_landmarks

    countries = default_codebook().countries

    def fresh() -> Gazetteer:
        return Gazetteer(countries=countries, landmarks=load_landmarks())

    built = fresh().load()
    load_gazetteer(fresh(), str(tmp_path))  # builds and writes
    monkeypatch.setattr(Gazetteer, "_build_primary", lambda self: pytest.fail("should be read"))
    monkeypatch.setattr(Gazetteer, "_build_alternate", lambda self, primary: pytest.fail("should be read"))
    read = load_gazetteer(fresh(), str(tmp_path))
    assert set(vars(read)) == set(vars(built))
    for name in ("_primary", "_alternate", "_homonyms", "_capitals", "_iso3", "_continents"):
        assert getattr(read, name) == getattr(built, name), name
    # the cities, without the alternate names that only building the index reads (kept built)
    assert len(read._cities) == len(built._cities) and built._cities[0]["alternatenames"]
    for city, whole in zip(read._cities, built._cities, strict=True):
        assert city == {k: v for k, v in whole.items() if k != "alternatenames"}
    assert read.lookup("Shang-hai") is not None  # an alternate name only: read from the built index
    places = ("Paris", "Springfield", "the White House", "Asia", "Nur-Sultan", "Sen.", "Shang-hai", "Bombay")
    for place in places:
        assert read.lookup(place) == built.lookup(place)
        assert read.lookup(place, prefer=("USA",)) == built.lookup(place, prefer=("USA",))
