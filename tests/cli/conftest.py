"""Fixtures of the CLI tests: a CliRunner helper and one examples database shared by the
read-only tests (``events``, ``export``), ingested through the real ``communique ingest``."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from communique.cli import cli as cli_group

#: The environment of every CliRunner call: wide output so Rich does not fold lines, and
#: none of the user's COMMUNIQUE_* settings leaking in (None unsets a variable).
BASE_ENV: dict[str, str | None] = {
    "COLUMNS": "250",
    "COMMUNIQUE_DB": None,
    "COMMUNIQUE_MODEL": None,
    "COMMUNIQUE_BATCH_SIZE": None,
    "COMMUNIQUE_LOG_LEVEL": None,
    "COMMUNIQUE_WORKERS": None,
    "COMMUNIQUE_ACTORS": None,
}


class Cli:
    """Runs ``communique.cli.cli`` in-process and reads its output."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def run(self, *args: Any, env: dict[str, str | None] | None = None) -> Result:
        return self.runner.invoke(
            cli_group,
            [str(a) for a in args],
            env={**BASE_ENV, **(env or {})},
            catch_exceptions=False,
        )

    def ok(self, *args: Any, env: dict[str, str | None] | None = None) -> Result:
        """Run and require exit code 0, showing the output when it is not."""
        result = self.run(*args, env=env)
        assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
        return result

    @staticmethod
    def jsonl(text: str) -> list[dict[str, Any]]:
        """One JSON object per non-empty line (each line must parse on its own)."""
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    @staticmethod
    def squash(text: str) -> str:
        """Whitespace collapsed, so that text folded by Rich compares with the source text."""
        return " ".join(text.split())


@pytest.fixture(scope="session")
def cli() -> Cli:
    return Cli()


@dataclass(frozen=True)
class ExamplesDb:
    url: str
    path: Path
    articles: list[Path]
    ingest: Result
    events: list[dict[str, Any]]


@pytest.fixture(scope="session")
def examples_db(cli: Cli, examples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> ExamplesDb:
    """examples/*.txt ingested once by ``communique ingest`` into a fresh SQLite file.

    Read-only for the tests that use it: the ``events`` of the unfiltered query are kept
    (as JSONL records) so filters can be checked against them.
    """
    root = tmp_path_factory.mktemp("examples-db")
    folder = root / "articles"
    folder.mkdir()
    for txt in sorted(examples_dir.glob("*.txt")):
        shutil.copy(txt, folder / txt.name)
    articles = sorted(folder.glob("*.txt"))
    assert len(articles) == 8
    path = root / "examples.db"
    url = f"sqlite:///{path}"
    result = cli.run("ingest", *articles, "--db", url)
    events = cli.jsonl(cli.ok("events", "--db", url, "--format", "jsonl").stdout)
    return ExamplesDb(url=url, path=path, articles=articles, ingest=result, events=events)
