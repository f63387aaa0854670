"""``communique extract``: articles in, event records (docs/record.md) out, without a database."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from communique.fileio import read_articles
from communique.model import Article, Event

SAMPLE = "official-visit-portugal-cabo-verde.txt"

# Invented articles in the style of examples/ (each has at least one clear trigger).
FOLDER_ARTICLES = {
    "visit-estonia-moldova": (
        "Title: Estonian President pays official visit to Moldova\n"
        "Date: 2024-04-18\n"
        "Source: Example Wire\n"
        "\n"
        "President of Estonia Alar Karis paid an official visit to Moldova on Wednesday. "
        "In Chisinau, Karis held talks with President of Moldova Maia Sandu on energy security "
        "and European integration.\n"
    ),
    "sweden-thanks-finland": (
        "Title: Sweden thanks Finland for wildfire help\n"
        "Date: 2024-08-02\n"
        "Source: Nordic Example News\n"
        "\n"
        "Sweden thanked Finland for its support during the wildfires, the Swedish foreign "
        "ministry said on Thursday.\n"
    ),
}
JSONL_RECORDS = [
    {
        "id": "jsonl-ghana-togo",
        "date": "2024-06-03",
        "title": "Ghana and Togo leaders meet in Accra",
        "source": "Example Wire",
        "text": "President of Ghana Nana Akufo-Addo met with President of Togo Faure Gnassingbe in "
        "Accra on Sunday. The two leaders signed an agreement on border security, the "
        "presidency said.",
    },
    {
        "id": "jsonl-brazil-argentina",
        "date": "2024-07-10",
        "text": "Brazil and Argentina signed a memorandum on energy cooperation in Brasilia on Tuesday.",
    },
]
CSV_ROWS = [
    {
        "id": "csv-canada-mexico",
        "date": "2024-03-15",
        "title": "Trudeau and Lopez Obrador speak by phone",
        "text": "Prime Minister of Canada Justin Trudeau held a telephone conversation with President "
        'of Mexico Andrés Manuel López Obrador on Friday, and the two leaders discussed "trade, '
        'migration and security".',
    },
    {
        "id": "csv-norway-russia",
        "date": "2024-02-05",
        "title": "Norway urges Moscow to stop attacks",
        "text": "Norway urged Moscow to stop the attacks on Ukrainian cities, the ministry said.",
    },
]


def _article(path: Path) -> Article:
    (article,) = read_articles([path])
    assert isinstance(article, Article)
    return article


def check_record(
    record: dict,
    *,
    event_fields: list[str],
    entity_fields: list[str],
    location_fields: list[str],
    documented_values,
) -> None:
    """One JSONL line against docs/record.md: every field, of the documented type and values."""
    assert set(record) == set(event_fields), set(record) ^ set(event_fields)
    assert isinstance(record["id"], str) and record["id"]
    assert record["event"] in documented_values("event")
    assert record["modality"] in documented_values("modality")
    assert re.fullmatch(r"\d{2,4}", record["cameo"]), record["cameo"]
    assert record["quad_code"] in (1, 2, 3, 4)
    assert isinstance(record["goldstein"], float)
    assert 0.0 <= record["confidence"] <= 1.0
    assert isinstance(record["mentions"], int) and record["mentions"] >= 1
    assert isinstance(record["start"], int) and isinstance(record["end"], int)
    assert 0 <= record["start"] < record["end"]
    assert record["event_text"] and record["text"]
    assert all(isinstance(x, str) for x in record["context"] + record["topics"])
    if record["date"] is not None:
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", record["date"]), record["date"]
    for role in ("actor", "recipient"):
        assert isinstance(record[role], list)
        for entity in record[role]:
            assert set(entity) == set(entity_fields), (role, entity)
    assert record["actor"], "an event without an actor"
    if record["event_loc"] is not None:
        assert set(record["event_loc"]) == set(location_fields)


@pytest.fixture
def check(event_fields, entity_fields, location_fields, documented_values):
    def run(record: dict) -> None:
        check_record(
            record,
            event_fields=event_fields,
            entity_fields=entity_fields,
            location_fields=location_fields,
            documented_values=documented_values,
        )

    return run


def test_extract_txt_gives_contract_records(cli, examples_dir, extractor, check) -> None:
    path = examples_dir / SAMPLE
    records = cli.jsonl(cli.ok("extract", path, "--format", "jsonl").stdout)

    assert records, "no events from the official-visit sample"
    for record in records:
        check(record)
        assert record["article_id"] == path.stem
    # The CLI prints exactly what the library extracts from the same file.
    expected = [e.to_dict() for e in extractor.extract(_article(path)).events]
    assert records == expected
    # Round trip: every line is a valid Event record.
    assert [Event.from_dict(r).to_dict() for r in records] == records


def test_extract_table_format_counts_events(cli, examples_dir) -> None:
    path = examples_dir / SAMPLE
    n = len(cli.jsonl(cli.ok("extract", path, "--format", "jsonl").stdout))
    table = cli.ok("extract", path).stdout
    assert f"{n} events" in table
    assert "CONSULT" in table


@pytest.fixture
def mixed_inputs(tmp_path: Path) -> tuple[Path, Path, Path, set[str]]:
    folder = tmp_path / "folder"
    folder.mkdir()
    for stem, text in FOLDER_ARTICLES.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in JSONL_RECORDS), encoding="utf-8")
    csv_path = tmp_path / "articles.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "date", "title", "text"])
        writer.writeheader()
        writer.writerows(CSV_ROWS)
    ids = set(FOLDER_ARTICLES) | {r["id"] for r in JSONL_RECORDS} | {r["id"] for r in CSV_ROWS}
    return folder, jsonl, csv_path, ids


def test_extract_folder_jsonl_and_csv(cli, mixed_inputs, extractor, check) -> None:
    folder, jsonl, csv_path, ids = mixed_inputs
    result = cli.ok("extract", folder, jsonl, csv_path, "--format", "jsonl")
    records = cli.jsonl(result.stdout)

    for record in records:
        check(record)
    # Every invented article gives at least one event, under its own id (file stem or "id").
    assert {r["article_id"] for r in records} == ids
    articles = [a for a in read_articles([folder, jsonl, csv_path]) if isinstance(a, Article)]
    expected = [e.to_dict() for r in extractor.extract_many(articles) for e in r.events]
    assert records == expected


def test_extract_kazakhstan_example_finds_consult(cli, shared_dir, check) -> None:
    path = shared_dir / "examples" / "kazakhstan-eu-2022" / "article.txt"
    records = cli.jsonl(cli.ok("extract", path, "--format", "jsonl").stdout)

    for record in records:
        check(record)
    consults = [
        r for r in records if r["event"] == "CONSULT" and {a["country"] for a in r["actor"]} & {"KAZ", "EU"}
    ]
    assert consults, [(r["event"], r["event_text"]) for r in records]


def test_extract_nonexistent_path_exits_3(cli, tmp_path) -> None:
    result = cli.run("extract", tmp_path / "missing.txt", "--format", "jsonl")
    assert result.exit_code == 3
    assert "missing.txt" in result.stderr and "no such file" in result.stderr
    assert result.stdout == ""


def test_extract_offsets_point_at_the_sentence_text(cli, examples_dir) -> None:
    path = examples_dir / SAMPLE
    body = _article(path).text
    records = cli.jsonl(cli.ok("extract", path, "--format", "jsonl").stdout)
    assert records
    assert [body[r["start"] : r["end"]] for r in records] == [r["text"] for r in records]


def test_extract_date_basis_is_a_documented_value(cli, tmp_path, documented_values) -> None:
    path = tmp_path / "undated.txt"
    path.write_text(
        "Title: Japan and Australia sign trade agreement\nSource: Example Wire\n\n"
        "Japan and Australia signed a trade agreement.\n",
        encoding="utf-8",
    )
    records = cli.jsonl(cli.ok("extract", path, "--format", "jsonl").stdout)
    assert records
    # "unknown" extends the contract's list (text | article | inferred) for the one case it
    # leaves open: no date in the text and none for the article. The date is then null.
    for r in records:
        assert r["date_basis"] in documented_values("date_basis") or (
            r["date_basis"] == "unknown" and r["date"] is None
        )
    assert any(r["date_basis"] == "unknown" for r in records)
