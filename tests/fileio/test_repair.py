"""Names broken by saved hover cards are mended as the text is read (sentences written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.fileio import read_articles
from communique.fileio.repair import repair_hover_card_names
from communique.model import Article


@pytest.mark.parametrize(
    ("broken", "mended"),
    [
        (
            "Ana Rossi Rossi AnaPresident of Freedonia opened the talks.",
            "Ana Rossi, President of Freedonia opened the talks.",
        ),
        (
            "the Minister Jean-Paul Okafor Okafor Jean-Paul , and others",
            "the Minister Jean-Paul Okafor , and others",
        ),
        (
            "with Maria Luisa Ferreira Ferreira Maria LuisaPrime Minister of Ruritania today",
            "with Maria Luisa Ferreira, Prime Minister of Ruritania today",
        ),
    ],
)
def test_a_hover_card_gives_back_one_name(broken: str, mended: str) -> None:
    assert repair_hover_card_names(broken) == mended


@pytest.mark.parametrize(
    "text",
    [
        "It was that that was the start.",  # repeated lower-case words are no name
        "New York New York is a song title.",  # a name repeated in the same order
        "Ana Rossi met Rossi Ana's brother.",  # no reversed repeat right after the name
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert repair_hover_card_names(text) == text


def test_the_reader_stores_the_mended_text(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    record = {"id": "k1", "text": "Ana Rossi Rossi AnaPresident of Freedonia met the envoy."}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,) = list(read_articles(path))
    assert isinstance(article, Article)
    assert article.text == "Ana Rossi, President of Freedonia met the envoy."
