"""Markdown links in article text: the parser reads the link's words, offsets stay those of
the text as given, and the evidence shown is that text (nlp/markup.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.model import Article
from communique.nlp.markup import visible_text

URL = "https://www.example.org/press/2024/03/statement-on-the-strike-against-the-port"
LINKED = (
    "Germany condemned the attack on Ukraine on Monday. "
    f"France [condemned]({URL}) Russia for the strike. "
    "Later, Japan met with China in Tokyo."
)


@pytest.mark.parametrize(
    ("text", "visible"),
    [
        ("a [word](https://x.org/y) b", "a  word" + " " * len("](https://x.org/y)") + " b"),
        ('a ![alt](img.png "t") b', "a   alt" + " " * len('](img.png "t")') + " b"),
        ("see [A (b)](https://en.wikipedia.org/wiki/Foo_(bar)) now", None),
        ("mail <https://x.org/a> now", "mail  https://x.org/a  now"),
        ("a [b] (c) d and x < y > z", "a [b] (c) d and x < y > z"),  # not links: unchanged
    ],
)
def test_visible_text_blanks_link_syntax_and_keeps_length(text: str, visible: str | None) -> None:
    out = visible_text(text)
    assert len(out) == len(text)
    if visible is not None:
        assert out == visible
    assert "](" not in out
    # every character not blanked is where it was
    assert all(c == o for c, o in zip(text, out, strict=True) if o != " ")


def test_linked_verb_is_coded_and_offsets_are_those_of_the_text(extractor) -> None:
    plain = LINKED.replace(f"[condemned]({URL})", "condemned")
    linked = extractor.extract(Article(id="linked", text=LINKED, date=dt.date(2024, 3, 5)))
    unlinked = extractor.extract(Article(id="plain", text=plain, date=dt.date(2024, 3, 5)))
    coded = {(e.event, e.event_text, tuple(a.country for a in e.actor)) for e in linked.events}
    assert coded == {(e.event, e.event_text, tuple(a.country for a in e.actor)) for e in unlinked.events}
    france = next(e for e in linked.events if e.actor[0].country == "FRA")
    assert [r.country for r in france.recipient] == ["RUS"]
    # evidence: the sentence as written (link and all), at its offsets in the text given
    assert france.text == LINKED[france.start : france.end]
    assert france.text.startswith("France [condemned](")
    trigger = LINKED.index("condemned", LINKED.index("France"))
    assert france.event_text == LINKED[trigger : trigger + len("condemned")]
    # a later event keeps its offsets in the stored text
    japan = next(e for e in linked.events if e.actor[0].country == "JPN")
    assert japan.text == "Later, Japan met with China in Tokyo."
    assert LINKED[japan.start : japan.end] == japan.text
    assert all(s.text == LINKED[s.start : s.end] for s in linked.sentences)
