"""Two ``communique ingest`` processes at once against one PostgreSQL database.

Real processes, real pipeline, a real server (tests/conftest.py ``postgres_url``): the
runs overlap on three articles; afterwards every article is stored once, the events are
exactly the pipeline's, and both runs end ``ok``. Then the read commands work on the
same URL.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from communique.fileio import read_articles
from communique.model import Article

SCRIPT = Path(sys.executable).parent / "communique"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMUNIQUE_")}
    env.update(COMMUNIQUE_BATCH_SIZE="1", COLUMNS="250")
    return env


def test_two_ingests_at_once_lose_and_duplicate_nothing(
    postgres_url, examples_dir, tmp_path, extractor
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for txt in sorted(examples_dir.glob("*.txt")):
        shutil.copy(txt, folder / txt.name)
    paths = sorted(folder.glob("*.txt"))
    assert len(paths) == 8
    halves = (paths[:6], paths[3:])
    procs = [
        subprocess.Popen(
            [str(SCRIPT), "ingest", *half, "--db", postgres_url, "--workers", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        for half in halves
    ]
    outputs = [proc.communicate(timeout=600) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], outputs

    articles = [a for a in read_articles(paths) if isinstance(a, Article)]
    expected = {e.id: e.to_dict() for r in extractor.extract_many(articles) for e in r.events}

    done = subprocess.run(
        [str(SCRIPT), "events", "--db", postgres_url, "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),
    )
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert len(records) == len({r["id"] for r in records}) == len(expected) > 0
    assert {r["id"]: r for r in records} == expected

    import psycopg

    with psycopg.connect(postgres_url.replace("+psycopg", "")) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 8
        statuses = [row[0] for row in conn.execute("SELECT status FROM runs ORDER BY id")]
    assert statuses == ["ok", "ok"]

    export = subprocess.run(
        [str(SCRIPT), "export", "--db", postgres_url, "--format", "csv"],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),
    )
    assert export.returncode == 0, export.stderr
    rows = list(csv.DictReader(io.StringIO(export.stdout)))
    assert sorted(r["id"] for r in rows) == sorted(expected)
    rejections = subprocess.run(
        [str(SCRIPT), "rejections", "--db", postgres_url],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),
    )
    assert rejections.returncode == 0 and "No rejected items" in rejections.stderr
