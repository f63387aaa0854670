"""The facade: loading, caching, versioning and the layering rule."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import communique.codebook as codebook_package
from communique.codebook import Codebook, default_codebook, load_codebook
from communique.codebook._tsv import data_dir, read_tsv
from communique.errors import CodebookError


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return default_codebook()


def test_default_codebook_is_cached() -> None:
    assert default_codebook() is default_codebook()


def test_version_is_stable_short_hash(codebook: Codebook) -> None:
    assert len(codebook.version) == 12
    assert load_codebook().version == codebook.version


def test_data_files_are_packaged() -> None:
    names = {entry.name for entry in data_dir().iterdir()}
    assert {"cameo.tsv", "countries.tsv", "igos.tsv", "offices.tsv", "sector_nouns.tsv"} <= names


def test_missing_file_names_the_file() -> None:
    try:
        list(read_tsv("no_such_file.tsv", ("a",)))
    except CodebookError as exc:
        assert "no_such_file.tsv" in str(exc)
    else:
        raise AssertionError("expected CodebookError")


def test_wrong_header_names_file_and_line() -> None:
    try:
        list(read_tsv("cameo.tsv", ("code", "goldstein")))
    except CodebookError as exc:
        assert "cameo.tsv:8" in str(exc)  # after the seven comment lines
    else:
        raise AssertionError("expected CodebookError")


def test_imports_only_errors_and_model() -> None:
    """The codebook is domain data: no spaCy, no SQLAlchemy, no other communique layer.

    Checked on the source (importing ``communique`` runs the package's own __init__,
    which pulls in every layer, so sys.modules cannot tell).
    """
    package_dir = Path(codebook_package.__file__).parent
    allowed_communique = {"communique.errors", "communique.model"}
    offenders = []
    for path in sorted(package_dir.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in {"spacy", "sqlalchemy", "pandas", "fastapi", "dask"} or (
                    top == "communique"
                    and not module.startswith("communique.codebook")
                    and module not in allowed_communique
                ):
                    offenders.append(f"{path.name}: {module}")
    assert offenders == []


def test_display_name_and_pipeline_tables(codebook: Codebook) -> None:
    assert codebook.display_name("KAZ") == "Kazakhstan"
    assert codebook.display_name("EU") == "European Union"
    assert codebook.display_name("ZZZ") is None
    assert codebook.display_name(None) is None
    assert codebook.topics  # the lead's taxonomy, loaded by its own loader
    assert codebook.triggers.cameo_codes <= set(codebook.cameo)
