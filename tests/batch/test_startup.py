"""Start-up of a parallel ingest: the workers start loading before the writer imports
what only it needs, and the writer never imports spaCy (issue 9)."""

from __future__ import annotations

import subprocess
import sys

from communique.batch import ProcessRunner, WorkerConfig
from communique.extract import DEFAULT_MODEL


def test_the_writer_side_of_batch_imports_no_heavy_library() -> None:
    code = (
        "import sys, communique.batch, communique.batch.process, communique.batch.ingest; "
        "print(sorted(m for m in ('spacy', 'thinc', 'pandas', 'sqlalchemy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_process_runner_starts_its_workers_when_made() -> None:
    with ProcessRunner(WorkerConfig(DEFAULT_MODEL), 2) as runner:
        assert len(runner._pool._processes) == 2  # loading, before anyone asked for the version
        assert runner.pipeline_version.startswith("communique-")


def test_ingest_starts_its_runner_before_importing_the_store() -> None:
    """The workers start loading their pipelines before the writer imports SQLAlchemy
    (~0.25 s of start-up no longer in front of them)."""
    code = (
        "import sys, communique.cli as c\n"
        "seen = []\n"
        "def runner(*args, **kwargs):\n"
        "    seen.append('sqlalchemy' in sys.modules)\n"
        "    raise SystemExit(0)\n"
        "c._runner = runner\n"
        "try:\n"
        "    c.cli.main(['ingest', 'x.jsonl', '--workers', '2'], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(seen)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[False]", out.stderr
