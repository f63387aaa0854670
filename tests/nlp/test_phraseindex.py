"""The phrase index (nlp/phraseindex.py) finds what a phrase matcher with a key per
phrase finds, in the same order and named by the same phrases, without making a
vocabulary entry for every phrase."""

from __future__ import annotations

import spacy
from spacy.matcher import PhraseMatcher

from communique.nlp.phraseindex import PhraseIndex
from communique.settings import DEFAULT_MODEL

PHRASES = [
    "Prime Minister",
    "Deputy Prime Minister",
    "al-Qaeda",
    "the U.S. Senate",
    "Senate",
    "Côte d'Ivoire",
]
TEXT = (
    "The Deputy Prime Minister said AL-QAEDA and the U.S. Senate met the prime minister "
    "of Côte d'Ivoire; the Senate agreed."
)


def _keyed(nlp: spacy.language.Language, attr: str) -> list[tuple[str, int, int]]:
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    for text in PHRASES:
        matcher.add(text, [nlp.make_doc(text)])
    return [(nlp.vocab.strings[key], start, end) for key, start, end in matcher(nlp.make_doc(TEXT))]


def test_matches_are_those_of_a_key_per_phrase_in_the_same_order():
    nlp = spacy.load(DEFAULT_MODEL)
    for attr in ("ORTH", "LOWER"):
        index = PhraseIndex(nlp.vocab, attr, "test_phrases")
        for text in PHRASES:
            doc = nlp.make_doc(text)
            index.add(text, [doc.to_array(attr).tolist()])  # token values, as the actors component gives
        assert index(nlp.make_doc(TEXT)) == _keyed(nlp, attr)
    lower = index(nlp.make_doc(TEXT))
    assert [name for name, _s, _e in lower].count("Prime Minister") == 2  # "Prime Minister", "prime minister"
    assert len(lower) == 8


def test_doc_patterns_and_an_empty_pattern_and_no_match():
    nlp = spacy.load(DEFAULT_MODEL)
    index = PhraseIndex(nlp.vocab, "LOWER", "test_titles")
    index.add("lt. gen.", [nlp.make_doc("Lt. Gen."), nlp.make_doc("Lt . Gen .")])
    index.add("nothing", [[]])
    assert len(index) == 2
    doc = nlp.make_doc("Lt. Gen. Smith spoke.")
    assert [(name, doc[s:e].text) for name, s, e in index(doc)] == [("lt. gen.", "Lt. Gen.")]
    assert index(nlp.make_doc("Nobody spoke.")) == []


def test_the_phrases_make_no_vocabulary_entries():
    nlp = spacy.load(DEFAULT_MODEL)
    index = PhraseIndex(nlp.vocab, "LOWER", "test_bodies")
    before = len(nlp.vocab)
    for i in range(200):
        index.add(f"body number {i}", [[nlp.vocab.strings.add(f"body{i}")]])
    assert len(nlp.vocab) - before == 1  # the one match key, not one per phrase
    keyed = PhraseMatcher(nlp.vocab, attr="LOWER")
    for i in range(200):
        keyed.add(f"body number {i}", [[nlp.vocab.strings.add(f"body{i}")]])
    assert len(nlp.vocab) - before == 201
