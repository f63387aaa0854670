"""The attribute lists of communique.nlp.tokarrays equal what each Token says (speed only)."""

from __future__ import annotations

from communique.nlp.tokarrays import proper_nouns, sentence_starts_between, token_lowers, token_texts

TEXT = (
    "Foreign Minister Sergey Lavrov met his counterpart in Dar es Salaam on Monday. "
    "He said Sherwood-Randall would visit. The country rejected the plan; they said we won't."
)


def test_lists_equal_token_attributes(nlp) -> None:
    doc = nlp(TEXT)
    assert token_texts(doc) == [t.text for t in doc]
    assert token_lowers(doc) == [t.lower_ for t in doc]
    assert token_texts(doc) == [t.text for t in doc]  # a second read from the table
    assert proper_nouns(doc) == [t.pos_ == "PROPN" for t in doc]
    n = len(doc)
    for start, end in ((1, n), (0, n), (3, 20), (5, 5), (n - 1, n)):
        assert sentence_starts_between(doc, start, end) == sum(1 for t in doc[start:end] if t.is_sent_start)


def test_empty_doc(nlp) -> None:
    doc = nlp.make_doc("")
    assert token_texts(doc) == token_lowers(doc) == proper_nouns(doc) == []
    assert sentence_starts_between(doc, 0, 0) == 0
