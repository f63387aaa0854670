"""The articles table keeps each article's head: its dates and its wire dateline."""

from __future__ import annotations

import dataclasses

from click.testing import CliRunner

from communique.cli import cli
from communique.model import ArticleResult
from communique.store import Store, open_store


def test_a_dateline_is_stored_and_read_back(store: Store, results: list[ArticleResult]) -> None:
    wired = dataclasses.replace(results[0].article, dateline="ASTANA, Nov 7 -")
    saved = [dataclasses.replace(results[0], article=wired), *results[1:]]
    store.save_results(saved, run_id=store.begin_run("ingest", "test-1.0"))
    heads = {a.id: a for a in store.articles()}
    assert heads["a1"].dateline == "ASTANA, Nov 7 -"
    assert heads["b1"].dateline is None
    assert (heads["b1"].date, heads["b1"].inferred_date) == (None, "2022-10")
    assert [a.id for a in store.articles(limit=2)] == sorted(heads)[:2]


def test_the_articles_command_shows_the_dateline(db_path, results: list[ArticleResult]) -> None:
    wired = dataclasses.replace(results[0].article, dateline="ASTANA, Nov 7 -")
    with open_store(db_path) as store:
        saved = [dataclasses.replace(results[0], article=wired), results[1]]
        store.save_results(saved, run_id=store.begin_run("ingest", "test-1.0"))
    out = CliRunner().invoke(cli, ["articles", "--db", str(db_path)])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0].split() == ["article", "date", "dateline", "title"]
    assert "ASTANA, Nov 7 -" in lines[1] and lines[1].startswith("a1")
    assert "~2022-10" in lines[2]  # an inferred date is marked


def test_a_postgresql_database_of_schema_3_gains_the_dateline(postgres_url, results) -> None:
    import psycopg

    with open_store(postgres_url) as store:
        store.save_results(results[:1], run_id=store.begin_run("ingest", "v1"))
    with psycopg.connect(postgres_url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute("ALTER TABLE articles DROP COLUMN dateline")
        conn.execute("DELETE FROM schema_migrations WHERE version > 3")
    with open_store(postgres_url) as store:
        assert [(a.id, a.dateline) for a in store.articles()] == [("a1", None)]
    with psycopg.connect(postgres_url.replace("+psycopg", "")) as conn:
        versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY 1")]
    assert versions == [1, 2, 3, 4]
