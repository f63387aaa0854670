"""What is there for speed only (issue 9) changes nothing coded: ``doc_text`` and
``span_text`` (nlp/extensions.py) are spaCy's ``doc.text`` and ``span.text``; the
tokenizer's cache is emptied after the pipeline is built; ``explain=False`` gives the same
results without explanations."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from communique.extract import Extractor
from communique.fileio import read_articles
from communique.model import Article
from communique.nlp.extensions import TEXT_KEY, doc_text, span_text
from communique.nlp.pipeline import TOKENIZER_CACHE_SIZE

TEXTS = [
    "The ministers   met  in Astana.\n\nThey're gonna meet again; c'mon, it's nothin' new.  ",
    "  \t Leading spaces. Trailing spaces and a break \n",
    "One.",
    "",
]


def test_doc_and_span_text_are_spacys(nlp: Language) -> None:
    for text in TEXTS:
        doc = nlp(text)
        assert doc_text(doc) == doc.text == text
        assert doc.user_data[TEXT_KEY] == text  # kept: asked once per Doc
        for sent in doc.sents:
            assert span_text(sent) == sent.text
        for start in range(len(doc)):
            for end in range(start + 1, min(len(doc), start + 5) + 1):
                assert span_text(doc[start:end]) == doc[start:end].text


def test_a_kept_text_is_read_back(nlp: Language) -> None:
    doc = nlp.make_doc("Talks in Geneva.")
    doc.user_data[TEXT_KEY] = "Talks in Geneva."  # as extract.py sets it
    assert doc_text(doc) == "Talks in Geneva."


def test_the_tokenizer_cache_holds_article_words(nlp: Language) -> None:
    # spaCy's default is 10,000 chunks, which the codebook names had filled
    assert nlp.tokenizer.max_cache_size >= TOKENIZER_CACHE_SIZE
    text = "The ministers met in Astana on Tuesday and signed a memorandum."
    first = [(t.text, t.whitespace_) for t in nlp.make_doc(text)]
    assert [(t.text, t.whitespace_) for t in nlp.make_doc(text)] == first  # read from the cache


@pytest.fixture(scope="module")
def alone() -> Extractor:
    """Articles coded alone (as ingest codes them), so two passes see the same knowledge."""
    return Extractor(learn_from_text=False)


def test_results_without_explanations_are_the_same(alone: Extractor, examples_dir: Path) -> None:
    articles = [a for a in read_articles([str(examples_dir)]) if isinstance(a, Article)]
    assert len(articles) >= 8
    full = list(alone.extract_many(articles))
    slim = list(alone.extract_many(articles, explain=False))
    assert any(r.explanations for r in full)
    for a, b in zip(full, slim, strict=True):
        assert b.explanations == ()
        assert (a.events, a.sentences, a.mentions, a.places) == (b.events, b.sentences, b.mentions, b.places)
