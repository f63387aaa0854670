"""``communique ingest`` and ``communique rejections`` on real SQLite files."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from communique import cli as cli_module
from communique.fileio import read_articles
from communique.model import Article

MODIFIED = "aid-india-vanuatu.txt"


def stored_events(path: Path) -> dict[str, set[str]]:
    """``{article_id: {event ids}}`` read with plain sqlite3, not through our store."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT article_id, id FROM events").fetchall()
    found: dict[str, set[str]] = {}
    for article_id, event_id in rows:
        found.setdefault(article_id, set()).add(event_id)
    return found


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def summary(stderr: str) -> dict[str, int]:
    """The numbers of ingest's closing line ("8 articles read, 8 coded, ...")."""
    text = " ".join(stderr.split())
    match = re.search(
        r"(\d+) articles read, (\d+) coded, (\d+) already current, (\d+) events stored, "
        r"(\d+) rejected",
        text,
    )
    assert match, stderr
    keys = ("read", "coded", "current", "events", "rejected")
    return dict(zip(keys, map(int, match.groups()), strict=True))


def test_ingest_examples_into_fresh_db(examples_db, extractor) -> None:
    result = examples_db.ingest
    assert result.exit_code == 0, result.stderr
    n_events = count(examples_db.path, "events")
    assert n_events > 0
    assert summary(result.stderr) == {
        "read": 8,
        "coded": 8,
        "current": 0,
        "events": n_events,
        "rejected": 0,
    }
    assert count(examples_db.path, "articles") == 8
    # What is stored is what the pipeline extracts, field for field.
    articles = [a for a in read_articles(examples_db.articles) if isinstance(a, Article)]
    extracted = {e.id: e.to_dict() for r in extractor.extract_many(articles) for e in r.events}
    assert {e["id"]: e for e in examples_db.events} == extracted
    assert {e["article_id"] for e in examples_db.events} <= {p.stem for p in examples_db.articles}


def test_ingest_again_adds_nothing(cli, examples_db) -> None:
    before = stored_events(examples_db.path)
    result = cli.ok("ingest", *examples_db.articles, "--db", examples_db.url)
    numbers = summary(result.stderr)
    assert numbers == {"read": 8, "coded": 0, "current": 8, "events": 0, "rejected": 0}
    assert "8 already current" in " ".join(result.stderr.split())
    assert stored_events(examples_db.path) == before
    assert count(examples_db.path, "events") == len(examples_db.events)
    assert count(examples_db.path, "articles") == 8


def test_ingest_modified_article_replaces_its_events(cli, examples_dir, tmp_path, extractor) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for txt in examples_dir.glob("*.txt"):
        shutil.copy(txt, folder / txt.name)
    db = tmp_path / "events.db"
    url = f"sqlite:///{db}"
    cli.ok("ingest", *sorted(folder.glob("*.txt")), "--db", url)
    before = stored_events(db)
    stem = Path(MODIFIED).stem
    assert before[stem], "the article to modify has no events to replace"
    rows_before = {
        e["id"]: e
        for e in cli.jsonl(cli.ok("events", "--db", url, "--format", "jsonl").stdout)
        if e["article_id"] != stem
    }

    # A new first paragraph: every old sentence moves, so every old event id must go.
    path = folder / MODIFIED
    header, body = path.read_text(encoding="utf-8").split("\n\n", 1)
    path.write_text(
        f"{header}\n\nPrime Minister of Vanuatu Charlot Salwai met with the High Commissioner "
        f"of India on Monday.\n\n{body}",
        encoding="utf-8",
    )
    result = cli.ok("ingest", *sorted(folder.glob("*.txt")), "--db", url)
    assert summary(result.stderr)["coded"] == 1
    assert summary(result.stderr)["current"] == 7

    after = stored_events(db)
    assert not before[stem] & after.get(stem, set()), "old event ids of the modified article remain"
    (article,) = read_articles([path])
    assert after[stem] == {e.id for e in extractor.extract(article).events}
    assert {k: v for k, v in after.items() if k != stem} == {k: v for k, v in before.items() if k != stem}
    rows_after = {
        e["id"]: e
        for e in cli.jsonl(cli.ok("events", "--db", url, "--format", "jsonl").stdout)
        if e["article_id"] != stem
    }
    assert rows_after == rows_before
    assert count(db, "articles") == 8


GOOD_TXT = (
    "Title: Sweden thanks Finland for wildfire help\n"
    "Date: 2024-08-02\n"
    "Source: Nordic Example News\n"
    "\n"
    "Sweden thanked Finland for its support during the wildfires, the Swedish foreign ministry "
    "said on Thursday.\n"
)
GOOD_RECORDS = [
    {
        "id": "good-macron-scholz",
        "date": "2024-05-02",
        "text": "President of France Emmanuel Macron met with Chancellor of Germany Olaf Scholz in "
        "Berlin on Tuesday.",
    },
    {
        "id": "good-japan-australia",
        "date": "2024-05-03",
        "text": "Japan signed a trade agreement with Australia on Friday.",
    },
]


def write_bad_inputs(folder: Path) -> dict[str, int | None]:
    """Good and bad input files; returns ``{relative file: line}`` of each expected rejection."""
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TXT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")
    latin1 = "Title: Visit\nDate: 2024-01-02\n\nLe ministre fran\xe7ais a rencontr\xe9 le pr\xe9sident.\n"
    (folder / "latin1.txt").write_bytes(latin1.encode("latin-1"))
    lines = [
        json.dumps(GOOD_RECORDS[0]),
        '{"id": "broken", "text": "no closing quote}',
        json.dumps(GOOD_RECORDS[1]),
    ]
    (folder / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "notext.csv").write_text(
        "id,date,body\nc1,2024-01-01,India thanked Japan for its support.\n", encoding="utf-8"
    )
    return {
        "bad/empty.txt": None,
        "bad/image.txt": None,
        "bad/latin1.txt": 4,
        "bad/mixed.jsonl": 2,
        "bad/notext.csv": None,
    }


def test_ingest_bad_inputs_exit_3_keeps_the_good_and_records_rejections(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # relative paths, as a user types them
    expected = write_bad_inputs(tmp_path / "bad")
    db = tmp_path / "out" / "events.db"
    url = f"sqlite:///{db}"

    result = cli.run("ingest", "bad", "--db", url)

    assert result.exit_code == 3, (result.stdout, result.stderr)
    err = result.stderr
    for source, line in expected.items():
        where = f"{source}:{line}:" if line is not None else f"{source}:"
        assert where in err, (where, err)
    assert "bad/good.txt" not in err
    numbers = summary(err)
    assert numbers["read"] == 3 and numbers["coded"] == 3 and numbers["rejected"] == 5

    with sqlite3.connect(db) as conn:
        stored = {row[0] for row in conn.execute("SELECT id FROM articles")}
        rejected = set(conn.execute("SELECT source, line FROM rejections"))
    assert stored == {"good", "good-macron-scholz", "good-japan-australia"}
    assert rejected == set(expected.items())
    assert count(db, "events") >= 3

    listing = cli.ok("rejections", "--db", url).stdout.splitlines()
    assert len(listing) == 5
    for source, line in expected.items():
        where = f"{source}:{line}: " if line is not None else f"{source}: "
        assert sum(entry.startswith(where) for entry in listing) == 1, (where, listing)
    reasons = "\n".join(listing)
    for words in ("empty file", "binary", "not valid UTF-8", "malformed JSON", "'text' column"):
        assert words in reasons


def test_rejections_of_a_clean_db_says_so(cli, examples_db) -> None:
    result = cli.ok("rejections", "--db", examples_db.url)
    assert result.stdout == ""
    assert "No rejected items" in result.stderr


def test_ingest_reports_each_rejection_on_one_unbroken_line(cli, tmp_path) -> None:
    """A file name in the report can be copied or grepped, even when stderr is a log file."""
    deep = tmp_path
    for n in range(4):
        deep = deep / f"a-long-folder-name-from-a-real-archive-of-press-releases-level-{n}"
    deep.mkdir(parents=True)
    empty = deep / "an-empty-article-file-that-must-be-named-in-full.txt"
    empty.write_bytes(b"")
    env = {"COLUMNS": None}  # the user's environment: stderr piped to a file, no COLUMNS

    result = cli.run("ingest", empty, "--db", f"sqlite:///{tmp_path / 'x.db'}", env=env)

    assert result.exit_code == 3
    wanted = f"rejected {empty}: empty file"
    assert any(line.strip() == wanted for line in result.stderr.splitlines()), result.stderr


def test_ctrl_c_inside_a_database_call_is_a_clean_interrupt(tmp_path, monkeypatch, capsys) -> None:
    """A real SIGINT that lands while SQLAlchemy closes a connection, made deterministic.

    The real-process test (test_entry_point.py) hit this window about one run in five when
    Ctrl-C raised KeyboardInterrupt wherever Python was; here a trace function sends the
    signal to this process exactly there, on entry to SQLAlchemy's ``_close_impl`` during
    the second article's check (``current_ids``) (the first article is already committed,
    batch size 1). The CLI must turn it into a stop request honoured at a clean point.
    """
    path = tmp_path / "two.jsonl"
    path.write_text(
        '{"id": "a", "date": "2024-01-02", "text": "India thanked Japan for its support."}\n'
        '{"id": "b", "date": "2024-01-03", "text": "Japan signed an agreement with India."}\n',
        encoding="utf-8",
    )
    db = tmp_path / "events.db"
    monkeypatch.setenv("COMMUNIQUE_BATCH_SIZE", "1")
    monkeypatch.delenv("COMMUNIQUE_MODEL", raising=False)
    # one process: the writer is also the extractor (test_entry_point.py's real-process
    # Ctrl-C test covers the default, worker processes)
    argv = ["communique", "ingest", str(path), "--db", f"sqlite:///{db}", "--workers", "1"]
    monkeypatch.setattr(sys, "argv", argv)
    state = {"checks": 0, "fired": False}

    def tracer(frame, event, _arg):
        if event != "call" or state["fired"]:
            return None
        code = frame.f_code
        if code.co_name == "current_ids" and code.co_filename.endswith(os.path.join("store", "store.py")):
            state["checks"] += 1
        elif code.co_name == "_close_impl" and "sqlalchemy" in code.co_filename and state["checks"] == 2:
            state["fired"] = True
            os.kill(os.getpid(), signal.SIGINT)
        return None

    sys.settrace(tracer)
    try:
        with pytest.raises(SystemExit) as info:
            cli_module.main()
    finally:
        sys.settrace(None)
    assert state["fired"], "the interrupt was never delivered"
    err = capsys.readouterr().err
    assert info.value.code == 130
    assert "Interrupted" in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT id FROM articles").fetchall() == [("a",)]
        assert conn.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]


def test_a_folder_with_non_article_files_ingests_with_one_notice(cli, examples_dir, tmp_path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(examples_dir / MODIFIED, folder / MODIFIED)
    (folder / "README.md").write_text("# what this folder is\n", encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4\x00binary")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    db = tmp_path / "inbox.db"
    result = cli.run("ingest", folder, "--db", f"sqlite:///{db}")
    assert result.exit_code == 0, result.stderr
    notices = [line for line in result.stderr.splitlines() if line.startswith("notice:")]
    assert len(notices) == 1, result.stderr
    assert "skipped 2 file(s)" in notices[0] and "README.md" in notices[0] and "notes.pdf" in notices[0]
    assert summary(result.stderr)["read"] == 1 and summary(result.stderr)["rejected"] == 0
    assert count(db, "rejections") == 0
    # Named explicitly, the same README is an error: the user asked for it.
    named = cli.run("ingest", folder / "README.md", "--db", f"sqlite:///{db}")
    assert named.exit_code == 3
    assert "unsupported file type .md" in named.stderr


@pytest.mark.parametrize("runner", [("--workers", "2"), ("--dask", "local", "--workers", "2")])
def test_parallel_ingest_stores_exactly_what_one_process_stores(cli, examples_db, tmp_path, runner) -> None:
    """``--workers 2`` and ``--dask local``: same events, same ids, same counts as ``--workers 1``."""
    if runner[0] == "--dask":
        pytest.importorskip("distributed", reason="the dask extra is not installed")
    serial_db = tmp_path / "serial.db"
    parallel_db = tmp_path / "parallel.db"
    one = cli.ok("ingest", *examples_db.articles, "--db", f"sqlite:///{serial_db}", "--workers", "1")
    many = cli.ok("ingest", *examples_db.articles, "--db", f"sqlite:///{parallel_db}", *runner)
    assert summary(many.stderr) == summary(one.stderr)
    assert summary(one.stderr)["coded"] == 8
    dumps = [
        cli.ok("events", "--db", f"sqlite:///{db}", "--format", "jsonl").stdout
        for db in (serial_db, parallel_db)
    ]
    assert dumps[0] == dumps[1]
    assert {e["id"] for e in cli.jsonl(dumps[1])} == {e["id"] for e in examples_db.events}
    for table in ("articles", "sentences", "entities", "events", "event_actors"):
        assert count(serial_db, table) == count(parallel_db, table), table
    # and a parallel re-run skips everything before sending it to a worker
    again = cli.ok("ingest", *examples_db.articles, "--db", f"sqlite:///{parallel_db}", *runner)
    assert summary(again.stderr) == {"read": 8, "coded": 0, "current": 8, "events": 0, "rejected": 0}
