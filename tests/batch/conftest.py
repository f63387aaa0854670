"""Fixtures of the batch tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def articles_dir(examples_dir: Path, tmp_path: Path) -> Path:
    """A folder holding a copy of the sample articles (examples/*.txt)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for txt in sorted(examples_dir.glob("*.txt")):
        shutil.copy(txt, folder / txt.name)
    return folder
