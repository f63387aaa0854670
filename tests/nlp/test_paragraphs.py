"""``communique_paragraphs`` marks its sentence starts in one array write (issue 9): the
same starts as setting ``token.is_sent_start`` token by token, and the same error once a
parse exists."""

from __future__ import annotations

import pytest
import spacy

from communique.nlp.components.paragraphs import ParagraphSplitter, _dateline_end

TEXTS = [
    "GENEVA, March 15 (Example Wire) - The talks resumed.\n\nThey ended on Friday.\nMore follows.",
    "No dateline here.\n\n\nA third paragraph\n  after spaces.  \n",
    "ASTANA – Short.",
    "One sentence only.",
    "",
    "\n\n",
]


def _token_by_token(doc) -> None:
    """What the component did before: each start set through the Token setter."""
    end = _dateline_end(doc)
    if end is not None:
        doc[end].is_sent_start = True
    for i in range(1, len(doc)):
        before = doc[i - 1]
        if before.is_space and not doc[i].is_space and "\n" in before.text:
            doc[i].is_sent_start = True


def test_same_sentence_starts_as_the_token_setter() -> None:
    nlp = spacy.blank("en")
    splitter = ParagraphSplitter(nlp, "communique_paragraphs")
    for text in TEXTS:
        ours, theirs = nlp.make_doc(text), nlp.make_doc(text)
        splitter(ours)
        _token_by_token(theirs)
        assert [t.is_sent_start for t in ours] == [t.is_sent_start for t in theirs], text
    doc = splitter(nlp.make_doc(TEXTS[0]))
    assert [t.text for t in doc if t.is_sent_start][:3] == ["GENEVA", "The", "They"]


def test_a_parsed_doc_still_raises_spacys_error(nlp) -> None:
    doc = nlp("A first paragraph.\n\nA second one.")
    with pytest.raises(ValueError, match="E043"):
        ParagraphSplitter(nlp, "communique_paragraphs")(doc)
