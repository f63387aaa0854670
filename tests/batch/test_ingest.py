"""``communique.batch.ingest`` with the real pipeline and real SQLite files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.batch import IngestConfig, IngestReport, ingest
from communique.extract import DEFAULT_MODEL
from communique.fileio import read_articles
from communique.model import Article, Rejection
from communique.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path / "events.db") as opened:
        yield opened


def config(batch_size: int = 3) -> IngestConfig:
    return IngestConfig(model=DEFAULT_MODEL, batch_size=batch_size)


def stored_ids(store: Store) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for event in store.events():
        found.setdefault(event.article_id, set()).add(event.id)
    return found


def test_ingest_report_counts(articles_dir, store, extractor) -> None:
    seen: list[str] = []
    report = ingest([articles_dir], store, config(), extractor=extractor, on_article=seen.append)

    assert isinstance(report, IngestReport)
    assert report.status == "ok" and report.ok
    assert report.articles_read == 8
    assert report.articles_coded == 8
    assert report.articles_skipped == 0
    assert report.rejections == []
    assert report.events == store.event_count() > 0
    assert store.article_count() == 8
    assert sorted(seen) == sorted(p.stem for p in articles_dir.glob("*.txt"))

    articles = [a for a in read_articles([articles_dir]) if isinstance(a, Article)]
    expected = {r.article.id: {e.id for e in r.events} for r in extractor.extract_many(articles)}
    assert stored_ids(store) == {k: v for k, v in expected.items() if v}

    (run,) = store.runs()
    assert run.id == report.run_id
    assert (run.status, run.articles, run.events, run.rejected) == ("ok", 8, report.events, 0)
    assert run.pipeline_version == extractor.pipeline_version


def test_ingest_batch_size_does_not_change_results(articles_dir, tmp_path, extractor) -> None:
    found = []
    for size in (1, 32):
        with open_store(tmp_path / f"b{size}.db") as store:
            report = ingest([articles_dir], store, config(size), extractor=extractor)
            found.append((report.events, stored_ids(store)))
    assert found[0] == found[1]


def test_ingest_resumes_and_skips_current_articles(articles_dir, store, extractor) -> None:
    paths = sorted(articles_dir.glob("*.txt"))
    first = ingest(paths[:3], store, config(), extractor=extractor)
    assert (first.articles_coded, first.articles_skipped) == (3, 0)
    partial = stored_ids(store)

    second = ingest(paths, store, config(), extractor=extractor)
    assert second.articles_read == 8
    assert second.articles_skipped == 3
    assert second.articles_coded == 5
    assert store.article_count() == 8
    after = stored_ids(store)
    assert {k: after[k] for k in partial} == partial

    third = ingest(paths, store, config(), extractor=extractor)
    assert (third.articles_read, third.articles_skipped, third.articles_coded) == (8, 8, 0)
    assert third.events == 0
    assert stored_ids(store) == after
    assert store.event_count() == sum(len(v) for v in after.values())
    assert [r.status for r in store.runs()] == ["ok", "ok", "ok"]


def test_ingest_recodes_an_article_whose_text_changed(articles_dir, store, extractor) -> None:
    ingest([articles_dir], store, config(), extractor=extractor)
    path = articles_dir / "request-eu-armenia-azerbaijan.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nArmenia thanked France for its support.\n")

    report = ingest([articles_dir], store, config(), extractor=extractor)

    assert (report.articles_coded, report.articles_skipped) == (1, 7)
    (article,) = read_articles([path])
    assert stored_ids(store)[path.stem] == {e.id for e in extractor.extract(article).events}
    assert store.article_count() == 8


def test_ingest_records_rejections_with_file_and_line(tmp_path, store, extractor) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = {"id": "ok-1", "date": "2024-05-03", "text": "Japan signed a trade agreement with Australia."}
    other = {"id": "ok-2", "date": "2024-05-04", "text": "Brazil thanked Argentina for its support."}
    jsonl = folder / "news.jsonl"
    jsonl.write_text(
        "\n".join([json.dumps(good), "{not json", '["a", "list"]', json.dumps(other), json.dumps(good)])
        + "\n",
        encoding="utf-8",
    )
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "nowhere.txt"

    report = ingest([folder, missing], store, config(), extractor=extractor)

    assert report.status == "ok" and not report.ok
    assert report.articles_read == 2 and report.articles_coded == 2
    where = {(r.source, r.line) for r in report.rejections}
    assert where == {
        (str(empty), None),
        (str(jsonl), 2),
        (str(jsonl), 3),
        (str(jsonl), 5),  # the repeated id
        (str(missing), None),
    }
    assert all(isinstance(r, Rejection) and r.reason for r in report.rejections)
    reasons = {(r.source, r.line): r.reason for r in report.rejections}
    assert "malformed JSON" in reasons[(str(jsonl), 2)]
    assert "duplicate id ok-1" in reasons[(str(jsonl), 5)]
    assert "no such file" in reasons[(str(missing), None)]

    assert store.rejections(run_id=report.run_id) == report.rejections
    assert store.rejections() == report.rejections
    assert store.stored_article_ids() == {"ok-1", "ok-2"}
    (run,) = store.runs()
    assert run.rejected == 5


def test_ingest_without_an_extractor_builds_its_own(tmp_path, store) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(
        json.dumps({"id": "one", "date": "2024-01-09", "text": "India thanked Japan for its support."})
        + "\n",
        encoding="utf-8",
    )
    report = ingest([path], store, config())
    assert report.ok and report.articles_coded == 1
    assert store.stored_article_ids() == {"one"}
