"""`communique actors`, `actors show`, `actors resolve`, `extract --entities/--source`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.errors import InputError


def test_actors_lists_office_holders_on_a_date(cli) -> None:
    out = cli.ok("actors", "--country", "RUS", "--office", "head_of_state", "--on", "2023-06-01").stdout
    assert "Putin" in out
    assert "Yeltsin" not in out


def test_actors_show_gives_offices_with_their_source(cli) -> None:
    out = cli.ok("actors", "show", "Angela Merkel").stdout
    assert "DEU head_of_government 2005-11-22..2021-12-08 (cia_factbook)" in out
    missing = cli.run("actors", "show", "Nobody Atall")
    assert missing.exit_code != 0 and "no person named" in missing.output


def test_actors_resolve_one_phrase_and_a_file(cli, tmp_path: Path) -> None:
    (answer,) = cli.jsonl(cli.ok("actors", "resolve", "Vladimir Putin", "--date", "2010-05-01").stdout)
    assert (answer["country"], answer["sector"], answer["code"]) == ("RUS", "GOV", "RUSGOV")
    assert "knowledge base" in answer["how"]
    (vp,) = cli.jsonl(
        cli.ok(
            "actors", "resolve", "the Vice President", "--date", "2023-05-01", "--source", "whitehouse.gov"
        ).stdout
    )
    assert vp["country"] == "USA" and vp["name"].startswith("Kamala")
    lines = tmp_path / "in.jsonl"
    lines.write_text(
        json.dumps({"text": "Barack Obama", "date": "2019-05-01"})
        + "\n"
        + json.dumps({"text": "the Iraqi Foreign Minister", "context": "He met the Iraqi Foreign Minister."})
        + "\n",
        encoding="utf-8",
    )
    obama, iraqi = cli.jsonl(cli.ok("actors", "resolve", "--input", lines, "--date", "2023-06-01").stdout)
    assert (obama["country"], obama["sector"]) == ("USA", "ELI")
    assert iraqi["country"] == "IRQ" and iraqi["office"] == "Foreign Minister"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Putin"}\n{"date": "2020-01-01"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:2: expected"):
        cli.run("actors", "resolve", "--input", bad)


def test_extract_entities_with_a_source_for_plain_files(cli, tmp_path: Path) -> None:
    article = tmp_path / "readout.txt"
    article.write_text(
        "Date: 2023-06-01\n\nThe President spoke with Prime Minister Fumio Kishida. "
        "The President thanked Kishida for his leadership.\n",
        encoding="utf-8",
    )
    rows = cli.jsonl(
        cli.ok(
            "extract", article, "--entities", "--format", "jsonl", "--source", "https://www.whitehouse.gov"
        ).stdout
    )
    by_name = {r["name"]: r for r in rows}
    assert by_name["Fumio Kishida"]["country"] == "JPN"
    biden = next(r for r in rows if r["name"].endswith("Biden"))
    assert biden["country"] == "USA" and len(biden["mentions"]) >= 1
    no_source = cli.jsonl(cli.ok("extract", article, "--entities", "--format", "jsonl").stdout)
    assert not any(r["name"].endswith("Biden") for r in no_source)


def test_a_users_actors_file_takes_precedence(cli, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        "name,country,office,start\nAnna Vesterlund,SWE,foreign_minister,2020-01-01\n", encoding="utf-8"
    )
    (answer,) = cli.jsonl(
        cli.ok("actors", "resolve", "Anna Vesterlund", env={"COMMUNIQUE_ACTORS": str(people)}).stdout
    )
    assert answer["country"] == "SWE"
    people.write_text("name,country\nAnna Vesterlund,XXX\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"people.csv:2: unknown country"):
        cli.run("actors", "resolve", "Anna Vesterlund", env={"COMMUNIQUE_ACTORS": str(people)})


def test_ingest_keeps_people_learned_from_the_text_and_extract_uses_them_later(cli, tmp_path: Path) -> None:
    """Ingest stores what the text taught (with its evidence) but codes every article
    alone, so that any runner or a resumed run stores the same events; one `extract`
    call over several articles uses a person learned in one for the next."""
    db = f"sqlite:///{tmp_path / 'learn.db'}"
    first = tmp_path / "one" / "a.txt"
    first.parent.mkdir()
    first.write_text(
        "Date: 2023-01-05\n\nPrime Minister Anna Vesterlund of Sweden met the President of Finland.\n",
        encoding="utf-8",
    )
    cli.ok("ingest", first, "--db", db)
    shown = cli.squash(cli.ok("actors", "show", "Vesterlund", "--db", db).stdout)
    assert "Anna Vesterlund (learned from the text): SWE Prime Minister GOV" in shown
    assert "Prime Minister Anna Vesterlund of Sweden met the President of Finland." in shown
    later = tmp_path / "two" / "b.txt"
    later.parent.mkdir()
    later.write_text("Date: 2023-02-01\n\nAnna Vesterlund criticized Russia on Monday.\n", encoding="utf-8")
    alone = cli.jsonl(cli.ok("extract", later, "--format", "jsonl").stdout)
    assert [a["country"] for e in alone for a in e["actor"]] == [None]
    events = cli.jsonl(cli.ok("extract", first, later, "--format", "jsonl").stdout)
    actors = [a for e in events if e["article_id"] == "b" for a in e["actor"]]
    assert actors and actors[0]["country"] == "SWE"
