"""The console script's exit skips the collector's passes over what the command loaded
(issue 9: ~0.7 CPU s of every ``ingest``/``extract``), whatever the command's outcome,
and exit codes and output are as before."""

from __future__ import annotations

import subprocess
import sys

# Runs the real entry point, then reports from an atexit handler (which runs after it).
PROBE = (
    "import atexit, gc, sys\n"
    "from communique.cli import main\n"
    "atexit.register(lambda: print('frozen', gc.get_freeze_count(), file=sys.stderr))\n"
    "sys.argv = ['communique', *sys.argv[1:]]\n"
    "main()\n"
)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120)


def _frozen(stderr: str) -> int:
    line = next(line for line in stderr.splitlines() if line.startswith("frozen "))
    return int(line.split()[1])


def test_a_successful_command_ends_with_its_objects_frozen() -> None:
    done = _run("--help")
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout
    assert _frozen(done.stderr) > 1000


def test_a_failed_command_keeps_its_message_and_exit_code(tmp_path) -> None:
    missing = tmp_path / "missing.jsonl"
    done = _run("extract", str(missing))
    assert done.returncode != 0
    assert "missing.jsonl" in done.stderr
    assert _frozen(done.stderr) > 1000
