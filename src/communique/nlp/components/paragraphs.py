"""``communique_paragraphs``: a paragraph break always ends a sentence.

Runs before the parser, which respects sentence starts set in advance. Without it the
small models glue a paragraph's last words to the next paragraph's first sentence
("... and etc.\\n\\nTileuberdi noted ...").
"""

from __future__ import annotations

from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from communique.nlp.extensions import doc_text


class ParagraphSplitter:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        starts = []
        dateline_end = _dateline_end(doc)
        if dateline_end is not None:
            starts.append(dateline_end)
        # A token after a space token holding a line break starts a sentence (a token's
        # own trailing whitespace is one space at most). Read from arrays and the text:
        # no Token object per token (speed only, issue 9).
        rows = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist()
        text = doc_text(doc)
        for i in range(1, len(rows)):
            start, length, space = rows[i - 1]
            if space and not rows[i][2] and "\n" in text[start : start + length]:
                starts.append(i)
        if starts:
            _mark_sentence_starts(doc, starts)
        return doc


def _mark_sentence_starts(doc: Doc, starts: list[int]) -> None:
    """``doc[i].is_sent_start = True`` for each ``i`` of ``starts``, in one array write.

    The Token setter first asks ``doc.has_annotation("DEP")``, which walks the whole Doc
    (a Token object per token) to find no parse: once per paragraph, that made this
    component cost as much as the rest of a text's sentence splitting (issue 9). The
    check is made once here; with a parse the setter raises as it always did."""
    if doc.has_annotation("DEP"):
        for i in starts:
            doc[i].is_sent_start = True  # raises spaCy's own error (E043)
        return
    values = doc.to_array([SENT_START])
    values[starts] = 1
    doc.from_array([SENT_START], values)


DATELINE_DASHES = frozenset({"-", "–", "—", "--"})
DATELINE_MAX_TOKENS = 14


def _dateline_end(doc: Doc) -> int | None:
    """The first token after a wire dateline ("GENEVA, March 15 (Example Wire) -"), whose
    place would otherwise be parsed as the subject of the first sentence."""
    if len(doc) < 3 or not (doc[0].is_upper and doc[0].is_alpha and len(doc[0]) > 1):
        return None
    for tok in doc[1:DATELINE_MAX_TOKENS]:
        if tok.text in DATELINE_DASHES and tok.i + 1 < len(doc):
            return tok.i + 1
        if "\n" in tok.text or tok.text == ".":
            return None
    return None


@Language.factory("communique_paragraphs", default_config={}, assigns=["token.is_sent_start"])
def make_paragraph_splitter(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter(nlp, name)
