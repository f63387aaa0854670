"""The verb dictionary built from PETRARCH2's CAMEO 2.0 file, and its build script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from communique.codebook import Codebook, default_codebook

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT.parent / "shared" / "kb" / "events" / "petrarch" / "CAMEO.2.0.lexicon.tsv"


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return default_codebook()


@pytest.mark.skipif(not SOURCE.exists(), reason=f"needs the source tables at {SOURCE}")
def test_build_script_reproduces_the_packaged_file(tmp_path: Path) -> None:
    out = tmp_path / "verb_patterns.tsv"
    script = ROOT / "scripts" / "build_verb_patterns.py"
    subprocess.run([sys.executable, str(script), "--out", str(out)], check=True, capture_output=True)
    packaged = ROOT / "src" / "communique" / "codebook" / "data" / "verb_patterns.tsv"
    assert out.read_text(encoding="utf-8") == packaged.read_text(encoding="utf-8")


def test_dictionary_covers_every_cameo_root(codebook: Codebook) -> None:
    roots = {p.cameo[:2] for ps in codebook.verbs.patterns.values() for p in ps if p.cameo[:2].isdigit()}
    assert {f"{n:02d}" for n in range(1, 21)} <= roots
    assert len(codebook.verbs) > 4000


def test_patterns_name_objects_and_prepositions(codebook: Codebook) -> None:
    (impose,) = codebook.verbs.lookup("impose")
    patterns = codebook.verbs.patterns_of(impose.block)
    assert any(p.cameo == "163" and any("sanction" in slot for slot in p.words) for p in patterns)
    assert any(p.preps for p in patterns)
    # most specific first, so the matcher can stop at the first match
    assert [p.specificity for p in patterns] == sorted((p.specificity for p in patterns), reverse=True)


def test_phrasal_verbs_come_before_the_plain_verb(codebook: Codebook) -> None:
    calls = codebook.verbs.lookup("call")
    assert calls[0].particle and not calls[-1].particle


def test_event_rules_cover_every_root(codebook: Codebook) -> None:
    for n in range(1, 21):
        assert codebook.event_rule(f"{n:02d}0").root == f"{n:02d}"
    assert not codebook.event_rule("141").recipient_required  # PROTEST: one-sided
    assert codebook.event_rule("042").future_code == "036"  # "will visit" -> AGREE


def test_our_extra_rows_join_the_blocks_of_the_generated_dictionary(codebook: Codebook) -> None:
    (renew,) = codebook.verbs.lookup("renew")  # not in CAMEO 2.0: joins "resume"'s block
    (resume,) = codebook.verbs.lookup("resume")
    assert renew.block == resume.block and renew.source == "verb_patterns_extra.tsv"
    mount = codebook.verbs.patterns_of(codebook.verbs.lookup("mount")[0].block)
    ours = [p for p in mount if p.source]
    assert ours and all(p.cameo.startswith("19") for p in ours)
    assert any(not p.source for p in mount)  # the dictionary's own "* attack" is kept


def test_event_nouns_name_dictionary_verbs_and_light_verbs_have_no_stance(codebook: Codebook) -> None:
    verbs = codebook.verbs
    assert verbs.nominals["suspension"] == "suspend" and verbs.nominals["appeal"] == "appeal"
    assert all(verbs.lookup(verb) for verb in verbs.nominals.values())
    assert {"announce", "order", "make"} <= verbs.light_verbs
    assert not {"welcome", "condemn", "call"} & verbs.light_verbs  # verbs with a stance of their own


def test_our_verb_row_replaces_the_dictionarys_default_for_that_verb(codebook: Codebook) -> None:
    plain = [d for d in codebook.verbs.lookup("take") if not d.particle and d.block == "APPREHEND"]
    assert [(d.cameo, d.source) for d in plain] == [("---", "verb_patterns_extra.tsv")]
    patterns = codebook.verbs.patterns_of("APPREHEND")
    assert any(p.verb == "take" and p.cameo == "181" for p in patterns)  # "took hostages" is kept
    (capture,) = [d for d in codebook.verbs.lookup("capture") if d.block == "APPREHEND"]
    assert capture.cameo == "171" and not capture.source  # the block's other verbs are untouched
