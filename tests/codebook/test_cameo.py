"""The CAMEO table against the GDELT/PLOVER facts it was generated from."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from communique.codebook import Codebook, default_codebook
from communique.errors import CodebookError


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return default_codebook()


EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"


@pytest.fixture(scope="module")
def eval_dir() -> Path:
    if not EVAL.is_dir():
        pytest.skip(f"evaluation data not found at {EVAL}")
    return EVAL


@pytest.fixture(scope="module")
def goldstein_rows(eval_dir: Path) -> list[dict[str, str]]:
    with (eval_dir / "cameo_goldstein.tsv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_042_is_a_consult_visit(codebook: Codebook, goldstein_rows: list[dict[str, str]]) -> None:
    code = codebook.cameo_code("042")
    row = next(r for r in goldstein_rows if r["cameo_code"] == "042")
    assert code.plover_event == "CONSULT"
    assert code.plover_mode == "visit"
    assert code.goldstein == pytest.approx(float(row["goldstein"])) == pytest.approx(1.9)
    assert code.quad_class == int(row["quad_class_gdelt"]) == 1
    assert code.description == "Make a visit"


def test_every_eval_code_present_with_same_values(
    codebook: Codebook, goldstein_rows: list[dict[str, str]]
) -> None:

    assert len(goldstein_rows) == 311
    assert set(codebook.cameo) == {r["cameo_code"] for r in goldstein_rows}
    for row in goldstein_rows:
        code = codebook.cameo[row["cameo_code"]]
        assert code.goldstein == pytest.approx(float(row["goldstein"])), row["cameo_code"]
        assert code.quad_class == int(row["quad_class_gdelt"]), row["cameo_code"]
        assert code.description == row["description"].strip(), row["cameo_code"]


# Where our codebook knowingly departs from the 2021 draft table, and why.
PLOVER_DEVIATIONS = {
    # The PLOVER manual puts international (political or economic) sanctions under
    # SANCTION/discontinue; the draft table's COERCE/restrict is for domestic repression.
    "163": ("SANCTION", "discontinue"),
    # The PLOVER ontology's definitions: CONCEDE covers "removing curfews" (and states of
    # emergency); "RETREAT also covers resignations of government officials" (mode resign).
    "0813": ("CONCEDE", None),
    "0814": ("CONCEDE", None),
    "0831": ("RETREAT", "resign"),
}


def test_plover_mapping_follows_the_2021_table(codebook: Codebook, eval_dir: Path) -> None:
    """First row per code wins; codes the table lacks inherit from their parent."""
    first: dict[str, dict[str, str]] = {}
    with (eval_dir / "plover" / "cameo2plover_2021.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            first.setdefault(row["cameo_code"], row)
    for code, record in codebook.cameo.items():
        if code[:2] == "01":
            assert record.plover_event is None, code
            continue
        if code.startswith("02"):  # appeals: REQUEST in this project (cameo.tsv header)
            assert record.plover_event == "REQUEST", code
            continue
        if code in PLOVER_DEVIATIONS:
            assert (record.plover_event, record.plover_mode) == PLOVER_DEVIATIONS[code]
            continue
        source = code
        while source not in first:
            source = source[:-1]
        assert record.plover_event == first[source]["plover_event"], code
        if code != "175":
            assert record.plover_mode == (first[source]["plover_mode"] or None), code


def test_known_quirk_175_fixed(codebook: Codebook) -> None:
    code = codebook.cameo_code("175")
    assert code.plover_event == "ASSAULT"
    assert code.plover_mode is None
    assert "pro_autocracy" in code.plover_context and "military" in code.plover_context


def test_roots_and_contexts(codebook: Codebook) -> None:
    assert codebook.cameo_code("01").plover_event is None
    assert codebook.cameo_code("0871").plover_event == "RETREAT"
    assert codebook.cameo_code("0871").plover_mode == "ceasefire"
    assert codebook.cameo_code("057").plover_event == "SUPPORT"  # so says CAMEO2PLOVER-2021
    assert codebook.cameo_code("036").plover_event == "AGREE"
    assert codebook.cameo_code("19").quad_class == 4
    assert codebook.cameo_code("042").root == "04"
    contexts = {c for code in codebook.cameo.values() for c in code.plover_context}
    assert all(c and " " not in c and ";" not in c for c in contexts)


def test_unknown_code_raises_codebook_error(codebook: Codebook) -> None:
    with pytest.raises(CodebookError, match="0999"):
        codebook.cameo_code("0999")
