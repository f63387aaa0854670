"""Token embeddings computed once per distinct token give exactly the stock model's vectors
and annotations (nlp/memoembed.py): the memoised pipeline and the stock one run side by
side over the same texts, and every token vector (``doc.tensor``) and every annotation the
tagger, parser and NER write must be the same bits."""

from __future__ import annotations

import json

import numpy
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from thinc.api import Model

from communique.nlp import memoembed
from communique.nlp.memoembed import memoise_embeddings
from communique.settings import DEFAULT_MODEL

ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]

# Written for these tests: repeated words (answered from the table), new ones, spacing.
TEXTS = [
    "The ministers met in Astana. The ministers met again in Astana on Friday.",
    "Kazakhstan and Uzbekistan signed a memorandum; the memorandum was signed   twice.\n\nNew line.",
    "",
    "  \t ",
    "Qwxzv Brrlt of the Plorvian Ministry said 1,234 people fled. Plorvian troops left.",
]


def _same(stock_docs, memo_docs) -> None:
    stock_docs, memo_docs = list(stock_docs), list(memo_docs)
    assert len(stock_docs) == len(memo_docs)
    for a, b in zip(stock_docs, memo_docs, strict=True):
        assert a.to_array(ATTRS).tolist() == b.to_array(ATTRS).tolist()
        assert [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]
        assert numpy.array_equal(a.tensor, b.tensor)  # the shared tok2vec's output, bit for bit


@pytest.fixture(scope="module")
def pipelines():
    """The model as shipped, and the same model with its embeddings memoised."""
    stock, memo = spacy.load(DEFAULT_MODEL), spacy.load(DEFAULT_MODEL)
    assert memoise_embeddings(memo) == ["tok2vec", "ner"]  # the shared tok2vec and the NER's own
    return stock, memo


def _tables(nlp) -> list[memoembed.MemoEmbed]:
    return [
        layer.attrs["memo"]
        for _name, proc in nlp.pipeline
        if isinstance(getattr(proc, "model", None), Model)
        for layer in proc.model.walk()
        if "memo" in layer.attrs
    ]


def test_same_vectors_and_annotations_as_the_stock_pipeline(pipelines, examples_dir):
    stock, memo = pipelines
    texts = TEXTS + [p.read_text(encoding="utf-8") for p in sorted(examples_dir.glob("*.txt"))]
    # twice, in batches of two: the second pass answers every token from the tables
    for _ in range(2):
        _same(stock.pipe(texts, batch_size=2), memo.pipe(texts, batch_size=2))
    tables = _tables(memo)
    assert len(tables) == 2
    assert all(0 < len(t.ids) < sum(len(d) for d in memo.pipe(texts)) for t in tables)


def test_same_on_the_news_corpus(pipelines, need_shared):
    stock, memo = pipelines
    texts = []
    for path in sorted(need_shared("eval", "news").glob("*.jsonl")):
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts += [t for t in (r.get("text") or "" for r in records) if len(t) < 3000][:4]
    assert len(texts) >= 24
    _same(stock.pipe(texts, batch_size=16), memo.pipe(texts, batch_size=16))


def test_a_full_table_starts_afresh_and_stays_right(pipelines, monkeypatch):
    stock = pipelines[0]
    nlp = spacy.load(DEFAULT_MODEL)
    memoise_embeddings(nlp)
    monkeypatch.setattr(memoembed, "MAX_ROWS", 20)  # a text has more distinct tokens than this
    _same(stock.pipe(TEXTS * 2, batch_size=1), nlp.pipe(TEXTS * 2, batch_size=1))
    assert all(len(t.ids) <= 20 + max(len(d) for d in stock.pipe(TEXTS)) for t in _tables(nlp))


def test_memoised_once_only(pipelines):
    assert memoise_embeddings(pipelines[1]) == []


def test_training_runs_the_models_own_layers(pipelines):
    memo = pipelines[1]
    # is_train: the stock layer's forward, with its backprop (a table has no gradient)
    docs = [memo.make_doc(t) for t in TEXTS[:2]]
    model = memo.get_pipe("tok2vec").model
    vectors, backprop = model(docs, is_train=True)
    assert [v.shape[0] for v in vectors] == [len(d) for d in docs]
    assert callable(backprop)


def test_a_layer_whose_rows_depend_on_each_other_is_left_alone():
    # the check that keeps the memo out where batch and part disagree (here: a layer
    # normalising over the whole batch instead of over each row)
    nlp = spacy.load(DEFAULT_MODEL)
    embed = nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0].layers[0]
    inner = embed.layers[3].layers[0]
    honest = inner._func

    def batch_wide(model, X, is_train):
        Y, back = honest(model, X, is_train)
        return Y - Y.mean(axis=0), back

    inner._func = batch_wide
    assert not memoembed._rows_independent(embed)
    inner._func = honest
    assert memoembed._rows_independent(embed)
