"""Extraction never falls over on awkward input: over-long articles, coarse dates.

Real pipeline, real sample articles (ours, in examples/). A small ``max_part_chars``
makes an ordinary text "too long", so that the parts logic runs in seconds; the CLI
test feeds a text longer than spaCy's own ``max_length``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.cli import cli
from communique.extract import Extractor, split_text
from communique.fileio import read_articles
from communique.model import Article


def sample_bodies(examples_dir: Path) -> list[str]:
    return [a.text for a in read_articles(sorted(examples_dir.glob("*.txt")))]


def test_split_text_cuts_at_paragraphs_and_keeps_every_character() -> None:
    text = "First para one. Two.\n\nSecond para here.\n\nThird one is longer than the rest of them."
    parts = split_text(text, 45)
    assert "".join(p for _, p in parts) == text
    assert all(len(p) <= 45 for _, p in parts)
    assert all(text[o : o + len(p)] == p for o, p in parts)
    # The cut is the last paragraph break that fits, not the first one.
    assert parts[0][1].endswith("here.\n\n") and parts[1][1].startswith("Third")
    assert split_text("short", 45) == [(0, "short")]
    # No break at all: cut anyway, never loop or drop text.
    assert "".join(p for _, p in split_text("x" * 100, 30)) == "x" * 100


@pytest.fixture(scope="module")
def small_parts() -> Extractor:
    return Extractor(max_part_chars=1500)


def test_a_long_article_is_coded_in_parts_with_whole_article_offsets(
    small_parts: Extractor, extractor: Extractor, examples_dir: Path
) -> None:
    bodies = sample_bodies(examples_dir)
    text = "\n\n".join(bodies)
    assert len(text) > 4 * small_parts.max_part_chars
    article = Article(id="long", text=text, date=dt.date(2024, 3, 1))
    result = small_parts.extract(article)
    assert result.events, "a long article gave no events"
    # Offsets are those of the whole article, for sentences, mentions and events.
    for ev in result.events:
        assert text[ev.start : ev.end] == ev.text
    for s in result.sentences:
        assert text[s.start : s.end] == s.text
    for m in result.mentions:
        assert m.entity.entity_text in text[m.start : m.end]
    assert [s.index for s in result.sentences] == list(range(len(result.sentences)))
    assert len({e.id for e in result.events}) == len(result.events)
    # Events come from every part of the text, not only the first.
    assert max(e.start for e in result.events) > len(text) // 2
    # Every sample article read alone gives events that the long read finds too
    # (same type and sentence), except what links across a cut.
    alone = {
        (e.event, e.text)
        for a in bodies
        for e in extractor.extract(Article("x", a, dt.date(2024, 3, 1))).events
    }
    together = {(e.event, e.text) for e in result.events}
    assert len(alone & together) >= 0.8 * len(alone)


def test_the_cli_codes_a_text_longer_than_spacys_max_length(tmp_path: Path, examples_dir: Path) -> None:
    first, last = sample_bodies(examples_dir)[:2]
    filler = "\n\n".join(f"Paragraph {i} of the transcript says nothing of note." for i in range(19000))
    text = first + "\n\n" + filler + "\n\n" + last
    assert len(text) > 1_000_000  # spaCy's default nlp.max_length
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path), "--date", "2024-03-01", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines, "no events from the long article"
    starts = [json.loads(line)["start"] for line in lines]
    # Events from the opening and from the closing article, with whole-text offsets.
    assert min(starts) < len(first) and max(starts) > len(text) - len(last) - 1


def test_events_fall_back_to_a_month_precision_article_date(extractor: Extractor) -> None:
    text = "The foreign minister of Japan met the foreign minister of Chile in Santiago to discuss trade."
    month = Article(id="m", text=text, date=dt.date(2015, 12, 1), date_precision="month")
    year = Article(id="y", text=text, date=dt.date(2016, 1, 1), date_precision="year")
    (ev_m,) = [e for e in extractor.extract(month).events if e.event == "CONSULT"]
    (ev_y,) = [e for e in extractor.extract(year).events if e.event == "CONSULT"]
    assert (ev_m.date, ev_m.date_basis) == ("2015-12", "article")
    assert (ev_y.date, ev_y.date_basis) == ("2016", "article")
