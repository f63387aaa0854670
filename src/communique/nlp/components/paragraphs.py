"""``communique_paragraphs``: a paragraph break always ends a sentence.

Runs before the parser, which respects sentence starts set in advance. Without it the
small models glue a paragraph's last words to the next paragraph's first sentence
("... and etc.\\n\\nTileuberdi noted ...").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class ParagraphSplitter:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
                if not tok.is_space:
                    tok.is_sent_start = True
        return doc


@Language.factory("communique_paragraphs", default_config={}, assigns=["token.is_sent_start"])
def make_paragraph_splitter(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter(nlp, name)
