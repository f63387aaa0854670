"""``doc_text`` and ``span_text`` (nlp/extensions.py) give exactly spaCy's ``doc.text`` and
``span.text``: the components read them instead, for speed only (issue 9)."""

from __future__ import annotations

from spacy.language import Language

from communique.nlp.extensions import TEXT_KEY, doc_text, span_text

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
