"""Opening a store: URLs, bare paths, and clear errors for what cannot be opened."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import StoreError
from communique.store import Store, open_store


def test_bare_path_creates_file_and_parent_directories(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "events.db"
    with open_store(str(path)) as store:
        assert store.url == f"sqlite:///{path}"
        assert store.article_count() == 0
    assert path.is_file()


def test_relative_paths_are_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store("rel.db") as bare, open_store("sqlite:///rel2.db") as url:
        assert bare.url == f"sqlite:///{tmp_path / 'rel.db'}"
        assert url.url == f"sqlite:///{tmp_path / 'rel2.db'}"
    assert (tmp_path / "rel.db").is_file()
    assert (tmp_path / "rel2.db").is_file()


def test_path_objects_are_accepted(tmp_path: Path) -> None:
    with open_store(tmp_path / "p.db") as store:
        assert isinstance(store, Store)


def test_in_memory_store_works() -> None:
    with open_store("sqlite://") as store:
        run = store.begin_run("test", "v")
        store.finish_run(run)
        assert [r.id for r in store.runs()] == [run]


@pytest.mark.parametrize(
    "url",
    ["", "not a url://", "nosuchdb://host/db", "postgresql+nosuchdriver://u:secret@localhost/db"],
)
def test_bad_urls_raise_store_error(url: str) -> None:
    with pytest.raises(StoreError) as info:
        open_store(url)
    assert "secret" not in str(info.value)


def test_unwritable_location_raises_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError, match="directory"):
        open_store(blocker / "events.db")


def test_a_directory_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory"):
        open_store(tmp_path)


def test_a_file_that_is_not_sqlite_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is certainly not a SQLite database file, just some text" * 20)
    with pytest.raises(StoreError, match=r"notes\.db"):
        open_store(path)


def test_repr_hides_nothing_for_sqlite_and_close_is_idempotent(tmp_path: Path) -> None:
    store = open_store(tmp_path / "x.db")
    assert "x.db" in repr(store)
    store.close()
    store.close()


def test_reading_a_missing_sqlite_file_is_an_error_not_an_empty_database(tmp_path) -> None:
    from communique.errors import StoreError
    from communique.store import open_store

    missing = tmp_path / "never-ingested.db"
    with pytest.raises(StoreError, match="no database"):
        open_store(f"sqlite:///{missing}", create=False)
    assert not missing.exists()
