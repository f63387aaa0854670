"""``communique explain``: every sentence, every trigger and its verdict; no silent empty output."""

from __future__ import annotations

from pathlib import Path

from communique.fileio import read_articles
from communique.model import Article

WEATHER = (
    "Title: Rain and strong winds expected in the north\n"
    "Date: 2024-03-01\n"
    "Source: Example Weather Service\n"
    "\n"
    "Heavy rain is expected across the north of the country on Friday. Temperatures will fall "
    "to five degrees overnight, and strong winds may reach the coast by the weekend.\n"
    "\n"
    "Forecasters said the rain would ease on Sunday afternoon.\n"
)
NORWAY = (
    "Title: Norway condemns strikes, urges Moscow to stop\n"
    "Date: 2024-02-05\n"
    "Source: Nordic Example News\n"
    "\n"
    "The Ministry of Foreign Affairs of Norway on Monday strongly condemned the missile strikes "
    "by Russia on Ukrainian cities. Norway urged Moscow to stop the attacks.\n"
)


def _explained(cli, extractor, path: Path):
    (article,) = read_articles([path])
    assert isinstance(article, Article)
    result = cli.ok("explain", path)
    return extractor.extract(article), cli.squash(result.stdout)


def _check_every_sentence_and_trigger(expected, out: str) -> None:
    assert expected.article.id in out
    for ex in expected.explanations:
        sentence = " ".join(ex.sentence.text.split())
        assert f"#{ex.sentence.index} [{ex.sentence.start}:{ex.sentence.end}] {sentence}" in out
        for trigger in ex.triggers:
            verdict = "event" if trigger.coded else f"no event: {' '.join(trigger.reason.split())}"
            line = f"trigger '{trigger.event_text}' ({trigger.event} {trigger.cameo}) -> {verdict}"
            assert line in out, line
    assert len(expected.explanations) == len(expected.sentences)


def test_explain_sample_article(cli, examples_dir, extractor) -> None:
    expected, out = _explained(cli, extractor, examples_dir / "aid-india-vanuatu.txt")
    _check_every_sentence_and_trigger(expected, out)
    notes = [t for ex in expected.explanations for t in ex.triggers]
    assert any(t.coded for t in notes) and any(not t.coded for t in notes)
    assert out.count("=> ") == len(expected.events)
    assert "No events in this article" not in out


def test_explain_says_why_a_trigger_is_not_an_event(cli, tmp_path, extractor) -> None:
    path = tmp_path / "norway-condemns.txt"
    path.write_text(NORWAY, encoding="utf-8")
    expected, out = _explained(cli, extractor, path)
    _check_every_sentence_and_trigger(expected, out)
    assert "no event: " in out


def test_explain_article_without_triggers_is_not_silent(cli, tmp_path, extractor) -> None:
    path = tmp_path / "weather-report.txt"
    path.write_text(WEATHER, encoding="utf-8")
    expected, out = _explained(cli, extractor, path)

    assert expected.events == ()
    assert not any(ex.triggers for ex in expected.explanations)
    _check_every_sentence_and_trigger(expected, out)
    assert len(expected.sentences) == 3
    assert out.count("(no trigger word: no event reported here)") == len(expected.sentences)
    assert "No events in this article" in out
    assert "article date: 2024-03-01" in out


def test_explain_shows_a_markdown_link_as_written(cli, tmp_path, extractor) -> None:
    """A link's ``[words]`` is article text, not Rich markup: the sentence shows as given
    and its linked verb is coded (nlp/markup.py)."""
    path = tmp_path / "linked.txt"
    path.write_text(
        NORWAY.replace(
            "strongly condemned", "strongly [condemned](https://www.example.org/news/a-statement)"
        ),
        encoding="utf-8",
    )
    expected, out = _explained(cli, extractor, path)
    _check_every_sentence_and_trigger(expected, out)
    assert "strongly [condemned](https://www.example.org/news/a-statement) the missile strikes" in out
    assert any(t.event_text == "condemned" for ex in expected.explanations for t in ex.triggers)
