"""``communique events`` filters and ``communique export`` formats on the examples database.

Expectations are derived from the unfiltered ``events --format jsonl`` output, never
hard-coded, so that the tests follow the pipeline as it improves.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter

import pandas as pd
import pytest

from communique import cli as cli_module


def ids(records: list[dict]) -> list[str]:
    return [r["id"] for r in records]


def entities(record: dict) -> list[dict]:
    return record["actor"] + record["recipient"]


def query(cli, db, *args: str) -> list[dict]:
    return cli.jsonl(cli.ok("events", "--db", db.url, "--format", "jsonl", *args).stdout)


def pad(date: str, *, end: bool) -> str:
    """An ISO date of any precision as YYYY-MM-DD (start or end of its period)."""
    parts = date.split("-")
    defaults = ["", "12", "31"] if end else ["", "01", "01"]
    return "-".join(parts + defaults[len(parts) :])


def test_unfiltered_events_are_the_whole_db(examples_db) -> None:
    everything = examples_db.events
    assert len(everything) == len(set(ids(everything))) > 10
    assert len({r["article_id"] for r in everything}) == 8


def test_events_actor_filter(cli, examples_db) -> None:
    everything = examples_db.events
    # A name that some but not all events involve, given in another case and cut short.
    names = Counter(e["name"] for r in everything for e in entities(r) if e["name"])
    name = next(n for n, _ in names.most_common() if len(n) > 4)
    needle = name[1:-1].upper()
    found = query(cli, examples_db, "--actor", needle)

    def matches(record: dict) -> bool:
        return any(
            needle.lower() in (e["name"] or "").lower() or needle.lower() in e["entity_text"].lower()
            for e in entities(record)
        )

    assert 0 < len(found) < len(everything)
    assert all(matches(r) for r in found)
    assert ids(found) == [r["id"] for r in everything if matches(r)]


def test_events_country_filter(cli, examples_db) -> None:
    everything = examples_db.events
    countries = Counter(c for r in everything for c in {e["country"] for e in entities(r)} if c)
    country, _ = countries.most_common(1)[0]
    found = query(cli, examples_db, "--country", country.lower())

    def matches(record: dict) -> bool:
        return any(e["country"] == country for e in entities(record))

    assert 0 < len(found) < len(everything)
    assert all(matches(r) for r in found)
    assert ids(found) == [r["id"] for r in everything if matches(r)]


def test_events_event_type_filter(cli, examples_db) -> None:
    everything = examples_db.events
    kind, _ = Counter(r["event"] for r in everything).most_common(1)[0]
    found = query(cli, examples_db, "--event", kind.lower())

    assert 0 < len(found) < len(everything)
    assert {r["event"] for r in found} == {kind}
    assert ids(found) == [r["id"] for r in everything if r["event"] == kind]


def test_events_date_filters(cli, examples_db) -> None:
    everything = examples_db.events
    days = sorted({r["date"] for r in everything if r["date"] and len(r["date"]) == 10})
    assert len(days) >= 3
    since, until = days[1], days[-2]

    def after(record: dict) -> bool:
        last = record["enddate"] or record["date"]
        return last is not None and pad(last, end=False) >= since

    def before(record: dict) -> bool:
        return record["date"] is not None and pad(record["date"], end=False) <= until

    found_since = query(cli, examples_db, "--since", since)
    found_until = query(cli, examples_db, "--until", until)
    found_both = query(cli, examples_db, "--since", since, "--until", until)

    for found, keep in ((found_since, after), (found_until, before)):
        assert 0 < len(found) < len(everything)
        assert ids(found) == [r["id"] for r in everything if keep(r)]
    assert ids(found_both) == [r["id"] for r in everything if after(r) and before(r)]
    assert len(found_both) < min(len(found_since), len(found_until))
    assert all(r["date"] is not None for r in found_both)


def test_events_year_precision_bounds(cli, examples_db) -> None:
    everything = examples_db.events
    years = sorted({r["date"][:4] for r in everything if r["date"]})
    year = years[-1]
    found = query(cli, examples_db, "--since", year, "--until", year)
    assert ids(found) == [
        r["id"]
        for r in everything
        if r["date"] and (r["enddate"] or r["date"])[:4] >= year and r["date"][:4] <= year
    ]
    assert 0 < len(found) < len(everything)


def test_events_article_filter(cli, examples_db) -> None:
    everything = examples_db.events
    article = everything[-1]["article_id"]
    found = query(cli, examples_db, "--article", article)
    assert 0 < len(found) < len(everything)
    assert ids(found) == [r["id"] for r in everything if r["article_id"] == article]


def test_events_limit(cli, examples_db) -> None:
    everything = examples_db.events
    assert ids(query(cli, examples_db, "--limit", "3")) == ids(everything[:3])
    assert query(cli, examples_db, "--limit", "0") == []


def test_events_filters_combine(cli, examples_db) -> None:
    everything = examples_db.events
    kind, _ = Counter(r["event"] for r in everything).most_common(1)[0]
    country = next(e["country"] for r in everything if r["event"] == kind for e in r["actor"])
    found = query(cli, examples_db, "--event", kind, "--country", country)
    expected = [
        r["id"]
        for r in everything
        if r["event"] == kind and any(e["country"] == country for e in entities(r))
    ]
    assert ids(found) == expected
    assert len(found) < len(query(cli, examples_db, "--event", kind))


def test_events_table_format(cli, examples_db) -> None:
    out = cli.ok("events", "--db", examples_db.url).stdout
    assert f"{len(examples_db.events)} events" in out
    for column in ("date", "event", "cameo", "actor", "recipient", "modality", "trigger", "article"):
        assert column in out


@pytest.mark.parametrize("columns", ["250", "60"])
def test_events_table_in_a_pipe_is_one_line_per_event(cli, examples_db, columns) -> None:
    """Not a terminal (a pipe, a file, `make demo | less`): plain aligned columns, one
    event per line, however narrow the terminal claims to be; no cell folded in slivers."""
    out = cli.ok("events", "--db", examples_db.url, env={"COLUMNS": columns}).stdout
    lines = out.splitlines()
    header, rows, footer = lines[0], lines[1:-1], lines[-1]
    assert header.split() == [
        "date",
        "event",
        "cameo",
        "actor",
        "recipient",
        "modality",
        "trigger",
        "article",
    ]
    assert footer == f"{len(examples_db.events)} events"
    assert len(rows) == len(examples_db.events)
    for row, record in zip(rows, examples_db.events, strict=True):
        assert row.startswith(record["date"] or "-")
        assert row.rstrip().endswith(record["article_id"])
        assert record["event_text"] in row
    # Columns line up: every row's "cameo" field starts where the header's does.
    at = header.index("cameo")
    assert all(row[at : at + 3].isdigit() for row in rows)


def test_export_jsonl(cli, examples_db, tmp_path, event_fields) -> None:
    out = tmp_path / "events.jsonl"
    result = cli.ok("export", "--db", examples_db.url, "--format", "jsonl", "-o", out)
    records = cli.jsonl(out.read_text(encoding="utf-8"))
    assert records == examples_db.events
    assert all(set(r) == set(event_fields) for r in records)
    assert f"{len(records)} events written to {out}" in cli.squash(result.stderr)
    # Without -o the same records go to stdout.
    assert cli.jsonl(cli.ok("export", "--db", examples_db.url).stdout) == records


def test_export_csv(cli, examples_db, tmp_path) -> None:
    out = tmp_path / "events.csv"
    cli.ok("export", "--db", examples_db.url, "--format", "csv", "-o", out)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == ids(examples_db.events)
    for row, record in zip(rows, examples_db.events, strict=True):
        assert row["event"] == record["event"] and row["cameo"] == record["cameo"]
        assert row["text"] == record["text"]
        assert row["actor_country"] == ";".join(e["country"] or "" for e in record["actor"])
    frame = pd.read_csv(out, dtype={"cameo": str})
    assert len(frame) == len(examples_db.events)


def test_export_csv_with_filter(cli, examples_db, tmp_path) -> None:
    kind, _ = Counter(r["event"] for r in examples_db.events).most_common(1)[0]
    out = tmp_path / "filtered.csv"
    cli.ok("export", "--db", examples_db.url, "--event", kind, "--format", "csv", "-o", out)
    frame = pd.read_csv(out, dtype={"cameo": str})
    assert list(frame["id"]) == [r["id"] for r in examples_db.events if r["event"] == kind]


def test_export_tsv_dyadic(cli, examples_db, tmp_path) -> None:
    out = tmp_path / "events.tsv"
    result = cli.ok("export", "--db", examples_db.url, "--format", "tsv-dyadic", "-o", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    assert {"source_code", "target_code", "cameo", "event_id", "article_id"} <= set(header)
    # Every event gives at least one dyad, and every dyad belongs to an event.
    assert {r["event_id"] for r in rows} == set(ids(examples_db.events))
    assert len(rows) >= len(examples_db.events)
    by_id = {r["id"]: r for r in examples_db.events}
    for row in rows:
        assert row["cameo"] == by_id[row["event_id"]]["cameo"]
        assert row["cameo"].startswith(row["root_code"])
    assert f"{len(examples_db.events)} events written" in cli.squash(result.stderr)


def test_export_parquet(cli, examples_db, tmp_path) -> None:
    out = tmp_path / "events.parquet"
    cli.ok("export", "--db", examples_db.url, "--format", "parquet", "-o", out)
    frame = pd.read_parquet(out)
    assert len(frame) == len(examples_db.events)
    assert list(frame["id"]) == ids(examples_db.events)
    assert list(frame["quad_code"]) == [r["quad_code"] for r in examples_db.events]


def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """``communique.cli.main`` as the console script runs it (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["communique", *args])
    for name in ("COMMUNIQUE_DB", "COMMUNIQUE_MODEL", "COMMUNIQUE_BATCH_SIZE"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(SystemExit) as info:
        cli_module.main()
    out, err = capsys.readouterr()
    return info.value.code, out, err


def test_export_parquet_without_output_fails_clearly(examples_db, monkeypatch, capsys) -> None:
    code, out, err = run_main(monkeypatch, capsys, "export", "--db", examples_db.url, "--format", "parquet")
    assert code == 2
    assert out == ""
    assert "parquet" in err and "-o" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["events", "--since", "last week"], 2, "since"),
        (["events", "--limit", "-1"], 2, "limit"),
        (["events", "--event", "HUG"], 2, "HUG"),
        (["extract", "x.txt", "--date", "2024-13-45"], 2, "YYYY-MM-DD"),
        (["extract"], 2, "PATH"),
        (["frobnicate"], 2, "frobnicate"),
    ],
)
def test_bad_options_exit_with_a_message(
    examples_db, monkeypatch, capsys, args: list[str], code: int, words: str
) -> None:
    if args[0] == "events":
        args = [*args, "--db", examples_db.url]
    got, _out, err = run_main(monkeypatch, capsys, *args)
    assert got == code, err
    assert words in err
    assert "Traceback" not in err


def test_unusable_database_exits_4(tmp_path, monkeypatch, capsys) -> None:
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    code, _, err = run_main(monkeypatch, capsys, "events", "--db", f"sqlite:///{folder}")
    assert code == 4
    assert "a-folder.db" in err and "directory" in err


@pytest.mark.parametrize("command", ["events", "export", "rejections"])
def test_reading_a_missing_database_fails_and_creates_nothing(command, tmp_path, monkeypatch, capsys) -> None:
    missing = tmp_path / "typo.db"
    code, _out, err = run_main(monkeypatch, capsys, command, "--db", f"sqlite:///{missing}")
    assert code == 4
    assert "no database" in err and str(missing) in err
    assert not missing.exists()


def test_export_to_a_missing_folder_fails_clearly(examples_db, tmp_path, monkeypatch, capsys) -> None:
    target = tmp_path / "no-such-folder" / "events.csv"
    code, _out, err = run_main(
        monkeypatch, capsys, "export", "--db", examples_db.url, "--format", "csv", "-o", str(target)
    )
    assert code == 6
    assert str(target) in err and "Traceback" not in err
