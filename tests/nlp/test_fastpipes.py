"""The memoised attribute ruler and lemmatizer give exactly the stock components' annotations.

Each test runs the model's stock pipeline and the memoised one side by side over the same
texts and compares every token attribute the two components (and anything after them)
could touch.
"""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, ORTH, POS, SENT_START, TAG
from spacy.pipeline import AttributeRuler

from communique.nlp.fastpipes import MemoAttributeRuler, MemoPipe, memoise_rule_components
from communique.settings import DEFAULT_MODEL

ATTRS = [ORTH, NORM, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]

# Written for these tests: the contractions and spacing the model's multi-token rules
# ("there is", "ai n't", "gon na", "let 's", "y' all") and its space rules are about.
TRICKY = [
    "There is no deal yet, and there were no talks. Let's see: we ain't gonna sign, y'all.",
    "The ministers   met  in Astana.\n\nThey're gonna meet again; c'mon, it's nothin' new.",
    "Is there a plan? There's one; there are two.  \t The U.S. didn't agree. I'm not sure.",
    "",
    "   ",
    "He has been visiting Paris, while she had visited Berlin and was studying better options.",
]


def _annotations(docs) -> list:
    return [
        (d.to_array(ATTRS).tolist(), [t.lemma_ for t in d], [str(t.morph) for t in d], [t.pos_ for t in d])
        for d in docs
    ]


@pytest.fixture(scope="module")
def stock():
    return spacy.load(DEFAULT_MODEL)


@pytest.fixture(scope="module")
def memo():
    nlp = spacy.load(DEFAULT_MODEL)
    assert memoise_rule_components(nlp) == ["attribute_ruler", "lemmatizer"]
    return nlp


def test_pipe_names_are_kept_and_the_slots_hold_the_memoised_components(stock, memo):
    assert memo.pipe_names == stock.pipe_names
    assert isinstance(memo.get_pipe("attribute_ruler"), MemoPipe)
    assert isinstance(memo.get_pipe("attribute_ruler").inner, MemoAttributeRuler)


def test_same_annotations_as_the_stock_pipeline(stock, memo, examples_dir):
    texts = TRICKY + [p.read_text(encoding="utf-8") for p in sorted(examples_dir.glob("*.txt"))]
    # twice: the second pass answers from the memo only
    for _ in range(2):
        assert _annotations(memo.pipe(texts)) == _annotations(stock.pipe(texts))


def test_same_annotations_on_the_news_corpus(stock, memo, need_shared):
    files = sorted(need_shared("eval", "news").glob("*.jsonl"))
    texts = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines()[:6]:
            if line.strip():
                texts.append(json.loads(line).get("text") or "")
    assert len(texts) >= 30
    assert _annotations(memo.pipe(texts)) == _annotations(stock.pipe(texts))


def _ruler_pipeline(patterns: list[dict]) -> spacy.Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp


def test_longer_patterns_negative_indices_and_pattern_order():
    # Later patterns win; a two- and a three-token pattern aim at inner and last tokens.
    patterns = [
        {"patterns": [[{"LOWER": "the"}]], "attrs": {"TAG": "DT", "LEMMA": "the"}},
        {"patterns": [[{"LOWER": "the"}, {"IS_TITLE": True}]], "attrs": {"TAG": "X1"}, "index": 0},
        {
            "patterns": [[{"LOWER": {"IN": ["a", "the"]}}, {}, {"LOWER": "of"}]],
            "attrs": {"LEMMA": "OF"},
            "index": -1,
        },
        {"patterns": [[{"LOWER": {"REGEX": "^min"}}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
        {"patterns": [[{"TEXT": "The"}]], "attrs": {"LEMMA": "THE"}},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP"}},
    ]
    stock, memo = _ruler_pipeline(patterns), _ruler_pipeline(patterns)
    assert memoise_rule_components(memo) == ["attribute_ruler"]
    texts = ["The Minister of the state met the minister of  the Hague.", "the the The of of", "a b of"]
    for _ in range(2):
        assert _annotations(memo.pipe(texts)) == _annotations(stock.pipe(texts))


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "the"}, {"OP": "?"}, {"LOWER": "state"}],  # an operator: variable length
        [{"IS_SENT_START": True}],  # depends on the neighbours, not the token
        [{"_": {"anything": True}}],  # an extension attribute
    ],
)
def test_patterns_that_look_beyond_the_token_keep_the_stock_ruler(pattern):
    nlp = _ruler_pipeline([{"patterns": [pattern], "attrs": {"LEMMA": "x"}}])
    assert memoise_rule_components(nlp) == []
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler)


def test_word_tag_and_other_tests_answer_as_one_matcher():
    # The memo asks each group of tests apart (word tests only of their words, tag tests
    # once per combination of tags and labels, the rest of every new token): the
    # annotations must be the stock ruler's all the same.
    patterns = [
        {"patterns": [[{"LOWER": {"IN": ["met", "meets"]}, "TAG": "VBD"}]], "attrs": {"LEMMA": "MEET"}},
        {"patterns": [[{"TEXT": "Paris"}]], "attrs": {"POS": "PROPN"}},
        {"patterns": [[{"NORM": {"IN": ["paris", "berlin"]}}]], "attrs": {"MORPH": "Number=Sing"}},
        {"patterns": [[{"TAG": {"NOT_IN": ["DT", ""]}, "IS_TITLE": True}]], "attrs": {"TAG": "T1"}},
        {"patterns": [[{"IS_PUNCT": True}]], "attrs": {"POS": "PUNCT"}},
        {"patterns": [[{"LOWER": {"REGEX": "^ber"}}]], "attrs": {"LEMMA": "B"}},
        {"patterns": [[{"SHAPE": "xxxx"}]], "attrs": {"TAG": "VBG"}},
        {"patterns": [[{}]], "attrs": {"DEP": "dep"}},
        {"patterns": [[{"LOWER": "met"}, {"IS_TITLE": True}]], "attrs": {"TAG": "X2"}, "index": 1},
    ]
    stock, memo = _ruler_pipeline(patterns), _ruler_pipeline(patterns)
    assert memoise_rule_components(memo) == ["attribute_ruler"]
    texts = ["Paris met Berlin, meeting Bern.", "berlin MET paris; Paris meets Berlin.", "The the Met"]
    for _ in range(2):
        assert _annotations(memo.pipe(texts)) == _annotations(stock.pipe(texts))
    tests = memo.get_pipe("attribute_ruler").inner.tests
    assert (len(tests.word), len(tests.tag), len(tests.other)) == (4, 4, 2)
