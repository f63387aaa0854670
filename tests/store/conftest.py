"""Hand-built, deterministic extraction results and real SQLite stores for the store tests."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from communique.model import (
    Article,
    ArticleResult,
    Entity,
    Event,
    Location,
    Mention,
    Sentence,
)
from communique.store import Store, open_store

PIPELINE = "test-1.0"

BORRELL = Entity(
    "the head of EU diplomacy",
    "Josep Borrell",
    "person",
    "High Representative",
    "EU",
    "GOV",
    "IGOEUREEC",
)
KAZAKHSTAN = Entity("Kazakhstan", "Kazakhstan", "state", None, "KAZ", "GOV", "KAZGOV")
EU = Entity("the European Union", "European Union", "organization", None, "EU", None, "IGOEUREEC")
RUSSIA = Entity("Moscow", "Russia", "state", None, "RUS", "GOV", "RUSGOV")
UKRAINE = Entity("Kyiv", "Ukraine", "state", None, "UKR", "GOV", "UKRGOV")
USA = Entity("Washington", "United States", "state", None, "USA", "GOV", "USAGOV")
MINISTERS = Entity("the ministers", None, "group")
ASTANA = Location("Astana", "Astana", "KAZ", 51.1801, 71.44598, 1526273, "PPLC", 4)


def _event(article_id: str, n: int, sentence: Sentence, **kw: object) -> Event:
    defaults: dict[str, object] = dict(
        id=f"{article_id}-ev{n}",
        article_id=article_id,
        event="CONSULT",
        cameo="040",
        quad_code=1,
        goldstein=1.0,
        text=sentence.text,
        start=sentence.start,
        end=sentence.end,
        event_text="met",
    )
    defaults.update(kw)
    return Event(**defaults)  # type: ignore[arg-type]


def _article(
    article_id: str, sentences: list[str], date: dt.date | None
) -> tuple[Article, tuple[Sentence, ...]]:
    text, spans, pos = "", [], 0
    for i, sent in enumerate(sentences):
        spans.append(Sentence(i, pos, pos + len(sent), sent))
        text += sent + " "
        pos += len(sent) + 1
    article = Article(
        article_id,
        text.strip(),
        date,
        title=f"Title {article_id}",
        url=f"https://example.org/{article_id}",
        source="example",
        language="en",
    )
    return article, tuple(spans)


def make_a1(*, version: str = PIPELINE) -> ArticleResult:
    """Borrell visits Kazakhstan; the EU and Kazakhstan will sign an agreement."""
    article, (s0, s1) = _article(
        "a1",
        [
            "The head of EU diplomacy paid an official visit to Kazakhstan.",
            "The European Union and Kazakhstan will sign a partnership agreement in November.",
        ],
        dt.date(2022, 11, 7),
    )
    visit = _event(
        "a1",
        1,
        s0,
        cameo="042",
        goldstein=1.9,
        event_text="paid an official visit",
        date="2022-11-07",
        date_basis="article",
        mode="visit",
        context=("economic", "diplomatic"),
        actor=(BORRELL,),
        recipient=(KAZAKHSTAN,),
        event_loc=ASTANA,
        topics=("energy", "trade"),
        confidence=0.92,
    )
    sign = _event(
        "a1",
        2,
        s1,
        event="AGREE",
        cameo="057",
        goldstein=8.0,
        event_text="sign",
        date="2022-11",
        date_basis="text",
        actor=(EU, KAZAKHSTAN),
        modality="future",
        confidence=0.7,
        mentions=2,
    )
    mentions = (
        Mention(0, 0, 24, BORRELL),
        Mention(0, 51, 61, KAZAKHSTAN),
        Mention(1, s1.start, s1.start + 18, EU),
    )
    return ArticleResult(article, version, (visit, sign), (s0, s1), mentions)


def make_b1() -> ArticleResult:
    """Undated article: an accusation over two days and an undated meeting."""
    article, (s0, s1) = _article(
        "b1",
        [
            "Moscow did not accuse Kyiv on October 26-27.",
            "The ministers met.",
        ],
        None,
    )
    accuse = _event(
        "b1",
        1,
        s0,
        event="ACCUSE",
        cameo="112",
        quad_code=3,
        goldstein=-2.0,
        event_text="accuse",
        date="2022-10-26",
        enddate="2022-10-27",
        date_basis="inferred",
        actor=(RUSSIA,),
        recipient=(UKRAINE,),
        modality="negated",
    )
    meet = _event("b1", 2, s1, actor=(MINISTERS,))
    return ArticleResult(
        article,
        PIPELINE,
        (accuse, meet),
        (s0, s1),
        (Mention(0, 0, 6, RUSSIA), Mention(1, s1.start, s1.start + 13, MINISTERS)),
        inferred_date="2022-10",
    )


def make_c1() -> ArticleResult:
    """A year-precision sanction from the United States on Russia."""
    article, (s0,) = _article("c1", ["Washington imposed sanctions on Moscow in 2021."], dt.date(2021, 5, 1))
    sanction = _event(
        "c1",
        1,
        s0,
        event="SANCTION",
        cameo="163",
        quad_code=4,
        goldstein=-8.0,
        event_text="imposed",
        date="2021",
        date_basis="text",
        actor=(USA,),
        recipient=(RUSSIA,),
    )
    return ArticleResult(article, PIPELINE, (sanction,), (s0,), (Mention(0, 0, 10, USA),))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "events.db"


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, db_path: Path) -> Iterator[Store]:
    """The same tests on a SQLite file and on a real PostgreSQL database."""
    sqlite = request.param == "sqlite"
    url = f"sqlite:///{db_path}" if sqlite else request.getfixturevalue("postgres_url")
    with open_store(url) as opened:
        yield opened


def sqlite_only(store: Store) -> None:
    """Skip a test that reads the SQLite file itself when the store is PostgreSQL."""
    if not store.url.startswith("sqlite"):
        pytest.skip("reads the SQLite file directly; the PostgreSQL run covers the rest")


@pytest.fixture
def results() -> list[ArticleResult]:
    return [make_a1(), make_b1(), make_c1()]


@pytest.fixture
def filled(store: Store, results: list[ArticleResult]) -> Store:
    run = store.begin_run("ingest", PIPELINE)
    store.save_results(results, run_id=run)
    store.finish_run(run)
    return store


@pytest.fixture
def build() -> types.SimpleNamespace:
    """The builders and entities above, for tests (conftest is not importable)."""
    return types.SimpleNamespace(
        a1=make_a1,
        b1=make_b1,
        c1=make_c1,
        event=_event,
        article=_article,
        PIPELINE=PIPELINE,
        BORRELL=BORRELL,
        KAZAKHSTAN=KAZAKHSTAN,
        EU=EU,
        RUSSIA=RUSSIA,
        UKRAINE=UKRAINE,
        USA=USA,
        MINISTERS=MINISTERS,
        ASTANA=ASTANA,
        sqlite_only=sqlite_only,
    )
