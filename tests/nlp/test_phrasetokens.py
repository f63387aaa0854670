"""The cached token values of codebook phrases (nlp/phrasetokens.py) are the tokenizer's:
read back they make the same phrase-matcher patterns, a new phrase is tokenized, and
another tokenizer never reads them."""

from __future__ import annotations

import spacy
from spacy.attrs import LOWER, ORTH
from spacy.matcher import PhraseMatcher

from communique.codebook.cache import read_entry
from communique.nlp.phrasetokens import CACHE_NAME, PhraseTokens, tokenizer_digest
from communique.settings import DEFAULT_MODEL

PHRASES = ["Deputy Prime Minister", "al-Qaeda", "the U.S. Senate", "Lt. Gen.", "Côte d'Ivoire", ""]


def test_cached_values_are_the_tokenizers_and_read_back_without_tokenizing(tmp_path):
    nlp = spacy.load(DEFAULT_MODEL)
    cold = PhraseTokens(nlp, str(tmp_path))
    for text in PHRASES:
        doc = nlp.make_doc(text)
        assert cold.ids(text, "ORTH") == doc.to_array(ORTH).tolist()
        assert cold.ids(text, "LOWER") == doc.to_array(LOWER).tolist()
    assert cold.tokenized == len(PHRASES)
    cold.save()
    warm = PhraseTokens(spacy.load(DEFAULT_MODEL), str(tmp_path))  # a new process's vocabulary
    assert [warm.ids(t, "LOWER") for t in PHRASES] == [cold.ids(t, "LOWER") for t in PHRASES]
    assert warm.tokenized == 0


def test_patterns_from_the_cache_match_as_patterns_from_docs(tmp_path):
    nlp = spacy.load(DEFAULT_MODEL)
    PhraseTokens(nlp, str(tmp_path)).save()  # nothing asked: an empty entry
    first = PhraseTokens(nlp, str(tmp_path))
    for text in PHRASES:
        first.ids(text, "LOWER")
    first.save()
    fresh = spacy.load(DEFAULT_MODEL)
    phrases = PhraseTokens(fresh, str(tmp_path))
    from_cache, from_docs = PhraseMatcher(fresh.vocab, attr="LOWER"), PhraseMatcher(fresh.vocab, attr="LOWER")
    for text in PHRASES:
        from_cache.add(text, [phrases.ids(text, "LOWER")])
        from_docs.add(text, [fresh.make_doc(text)])
    doc = fresh(
        "The deputy prime minister said AL-QAEDA and the U.S. Senate met Lt. Gen. Smith in Côte d'Ivoire."
    )
    assert from_cache(doc) == from_docs(doc) and len(from_cache(doc)) == 5
    assert phrases.tokenized == 0


def test_the_entry_keeps_the_phrases_of_the_last_build_only(tmp_path):
    nlp = spacy.load(DEFAULT_MODEL)
    old = PhraseTokens(nlp, str(tmp_path))
    old.ids("Foreign Minister", "ORTH")
    old.ids("Red Cross", "ORTH")
    old.save()
    new = PhraseTokens(nlp, str(tmp_path))
    new.ids("Red Cross", "ORTH")  # a row was removed from the codebook
    new.ids("Hamas", "LOWER")  # and one added
    assert new.tokenized == 1
    new.save()
    kept = read_entry(str(tmp_path), CACHE_NAME, tokenizer_digest(nlp))
    assert isinstance(kept, dict) and sorted(kept) == ["Hamas", "Red Cross"]


def test_another_tokenizer_has_another_digest_and_no_cache_means_none(tmp_path):
    nlp, other = spacy.load(DEFAULT_MODEL), spacy.load(DEFAULT_MODEL)
    assert tokenizer_digest(nlp) == tokenizer_digest(other)
    other.tokenizer.add_special_case("al-Qaeda", [{ORTH: "al-Qaeda"}])
    assert tokenizer_digest(nlp) != tokenizer_digest(other)
    off = PhraseTokens(nlp, None)
    assert off.ids("al-Qaeda", "ORTH") == nlp.make_doc("al-Qaeda").to_array(ORTH).tolist()
    off.save()
    assert list(tmp_path.iterdir()) == []
