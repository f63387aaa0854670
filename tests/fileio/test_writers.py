"""write_events in every format, events_to_frame, dyads and write_rejections."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from communique.errors import ConfigError
from communique.fileio import (
    DYADIC_COLUMNS,
    EXPORT_FORMATS,
    FLAT_COLUMNS,
    dyads,
    events_to_frame,
    write_events,
    write_rejections,
)
from communique.model import Entity, Event, Location, Rejection

NOR = Entity(entity_text="Norland", name="Norland", kind="state", country="NOR", code="NORGOV")
EST = Entity(
    entity_text="the Estavian minister",
    name="Ilse Varga",
    kind="person",
    office="Foreign Minister",
    country=None,
    sector="GOV",
    code="ESTGOV",
)
UNO = Entity(entity_text="the UN", name=None, kind="organization", country="UN", code="IGOUNO")


def make_event(n: int = 1, **changes: object) -> Event:
    base = {
        "id": f"ev{n}",
        "article_id": "art1",
        "event": "CONSULT",
        "cameo": "042",
        "quad_code": 1,
        "goldstein": 1.9,
        "text": "The minister of Norland visited Velmora, said Ilse Varga — café talk.",
        "start": 10,
        "end": 79,
        "event_text": "visited",
        "date": "2024-03-05",
        "enddate": "2024-03-06",
        "date_basis": "text",
        "mode": "visit",
        "context": ("economic", "territory"),
        "actor": (NOR,),
        "recipient": (EST, UNO),
        "event_loc": Location(
            extracted_place="Velmora",
            resolved_place="Velmora City",
            country_code="EST",
            lat=1.5,
            lon=2.5,
            geonameid=12,
            feature_code="PPLC",
            resolution=4,
        ),
        "modality": "asserted",
        "topics": ("borders",),
        "confidence": 0.8,
        "mentions": 2,
    }
    base.update(changes)
    return Event(**base)  # type: ignore[arg-type]


JOINT = make_event(
    2,
    event="AGREE",
    cameo="057",
    quad_code=2,
    goldstein=8.0,
    actor=(NOR, EST, UNO),
    recipient=(),
    event_loc=None,
    context=(),
    topics=(),
)


def test_jsonl_round_trip_and_key_order(tmp_path: Path) -> None:
    events = [make_event(), JOINT]
    path = tmp_path / "events.jsonl"
    assert write_events(iter(events), path, format="jsonl") == 2
    raw = path.read_text(encoding="utf-8")
    assert "café" in raw  # ensure_ascii=False
    lines = raw.splitlines()
    assert len(lines) == 2
    for line, event in zip(lines, events, strict=True):
        data = json.loads(line)
        assert list(data) == list(event.to_dict())
        assert data == event.to_dict()
        assert Event.from_dict(data) == event


def test_jsonl_to_stream_leaves_it_open() -> None:
    buffer = io.StringIO()
    assert write_events([make_event()], buffer, format="jsonl") == 1
    assert not buffer.closed
    assert json.loads(buffer.getvalue())["id"] == "ev1"


def test_frame_columns_and_flattening() -> None:
    frame = events_to_frame([make_event(), JOINT])
    assert tuple(frame.columns) == FLAT_COLUMNS
    row = frame.iloc[0]
    assert row["actor_name"] == "Norland"
    assert row["recipient_name"] == "Ilse Varga;the UN"
    assert row["recipient_country"] == ";UN"
    assert row["recipient_code"] == "ESTGOV;IGOUNO"
    assert row["context"] == "economic;territory"
    assert row["topics"] == "borders"
    assert row["event_loc_place"] == "Velmora City"
    assert row["event_loc_country"] == "EST"
    joint = frame.iloc[1]
    assert joint["actor_code"] == "NORGOV;ESTGOV;IGOUNO"
    assert joint["recipient_name"] is None and joint["event_loc_place"] is None
    assert str(frame["quad_code"].dtype) == "int64"
    assert str(frame["goldstein"].dtype) == "float64"
    assert tuple(events_to_frame([]).columns) == FLAT_COLUMNS


def test_csv_columns_and_values(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    assert write_events([make_event(), JOINT], path, format="csv") == 2
    frame = pd.read_csv(path, dtype={"cameo": str})
    assert tuple(frame.columns) == FLAT_COLUMNS
    assert list(frame["cameo"]) == ["042", "057"]
    assert list(frame["actor_code"]) == ["NORGOV", "NORGOV;ESTGOV;IGOUNO"]
    assert frame.loc[0, "text"] == make_event().text
    empty = tmp_path / "empty.csv"
    assert write_events([], empty, format="csv") == 0
    assert empty.read_text(encoding="utf-8").strip() == ",".join(FLAT_COLUMNS)


def test_parquet_readable_by_pandas(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_events([make_event(), JOINT], path, format="parquet") == 2
    frame = pd.read_parquet(path)
    pd.testing.assert_frame_equal(frame, events_to_frame([make_event(), JOINT]))
    empty = tmp_path / "empty.parquet"
    assert write_events([], empty, format="parquet") == 0
    assert tuple(pd.read_parquet(empty).columns) == FLAT_COLUMNS


def test_large_exports_are_written_in_chunks(tmp_path: Path) -> None:
    events = [make_event(n) for n in range(10_005)]
    assert write_events(iter(events), tmp_path / "big.csv", format="csv") == 10_005
    frame = pd.read_csv(tmp_path / "big.csv")
    assert len(frame) == 10_005 and frame["id"].is_unique
    assert write_events(iter(events), tmp_path / "big.parquet", format="parquet") == 10_005
    assert len(pd.read_parquet(tmp_path / "big.parquet")) == 10_005


def test_dyadic_rows_for_joint_action_and_recipients(tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    lone = make_event(3, recipient=(), actor=(NOR,))
    assert write_events([make_event(), JOINT, lone], path, format="tsv-dyadic") == 3
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == list(DYADIC_COLUMNS)
    rows = [dict(zip(DYADIC_COLUMNS, line.split("\t"), strict=True)) for line in lines[1:]]
    pairs = [(r["event_id"], r["source_code"], r["target_code"]) for r in rows]
    assert pairs == [
        ("ev1", "NORGOV", "ESTGOV"),
        ("ev1", "NORGOV", "IGOUNO"),
        ("ev2", "NORGOV", "ESTGOV"),
        ("ev2", "NORGOV", "IGOUNO"),
        ("ev2", "ESTGOV", "NORGOV"),
        ("ev2", "ESTGOV", "IGOUNO"),
        ("ev2", "IGOUNO", "NORGOV"),
        ("ev2", "IGOUNO", "ESTGOV"),
        ("ev3", "NORGOV", ""),
    ]
    joint = rows[2]
    assert joint == {
        "date": "2024-03-05",
        "source_code": "NORGOV",
        "target_code": "ESTGOV",
        "cameo": "057",
        "root_code": "05",
        "quad_class": "2",
        "goldstein": "8.0",
        "source_name": "Norland",
        "target_name": "Ilse Varga",
        "event_id": "ev2",
        "article_id": "art1",
    }
    assert rows[3]["target_name"] == "the UN"
    assert dyads(make_event(actor=(), recipient=())) == [(None, None)]


def test_unknown_format_and_parquet_stream_are_config_errors(tmp_path: Path) -> None:
    consumed: list[int] = []

    def events() -> Iterator[Event]:
        consumed.append(1)
        yield make_event()

    with pytest.raises(ConfigError, match="unknown export format 'xml'"):
        write_events(events(), tmp_path / "x.xml", format="xml")
    with pytest.raises(ConfigError, match="file path"):
        write_events(events(), io.StringIO(), format="parquet")
    assert consumed == []
    assert not (tmp_path / "x.xml").exists()
    assert set(EXPORT_FORMATS) == {"jsonl", "csv", "parquet", "tsv-dyadic"}


def test_write_rejections_report() -> None:
    buffer = io.StringIO()
    write_rejections(
        [
            Rejection("feed.jsonl", 3, "malformed JSON"),
            Rejection("dir/x.pdf", None, "unsupported file type .pdf"),
        ],
        buffer,
    )
    assert buffer.getvalue() == ("feed.jsonl:3: malformed JSON\ndir/x.pdf: unsupported file type .pdf\n")
