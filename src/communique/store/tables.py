"""The database schema as SQLAlchemy Core tables: one definition for SQLite and PostgreSQL.

Why Core and not the ORM: the domain records are frozen dataclasses (``communique.model``)
that must not know about the database, and bulk ingest wants ``executemany`` inserts, not
unit-of-work bookkeeping. Rows are converted to and from the dataclasses in ``rows.py``.

Why timestamps are ISO text and not ``DateTime``: SQLite has no date type and SQLAlchemy's
SQLite ``DateTime`` drops the time zone, so the same value would read back differently on
the two backends. ISO 8601 UTC strings compare and sort correctly on both. Event and
article dates are ISO text too, because events carry dates at the precision the text
supports (``2022``, ``2022-11``, ``2022-11-07``), which no SQL date type can hold.

This module describes the *current* schema. Migrations (``migrations.py``) are what build
it in a database; migration 1 creates these tables.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

# Explicit constraint names keep future migrations (which must name what they drop or
# alter) identical on SQLite and PostgreSQL.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

RUN_STATUSES: tuple[str, ...] = ("running", "ok", "failed", "interrupted")
ACTOR_ROLES: tuple[str, ...] = ("actor", "recipient")


def _in_list(column: str, values: tuple[str, ...]) -> str:
    """SQL text of ``column IN ('a', 'b')`` for a CHECK constraint (portable syntax)."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String, nullable=False),
    Column("applied_at", String, nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", String, nullable=False),
    Column("pipeline_version", String, nullable=False),
    Column("started_at", String, nullable=False),
    Column("finished_at", String, nullable=True),
    Column("articles", Integer, nullable=False, default=0),
    Column("events", Integer, nullable=False, default=0),
    Column("rejected", Integer, nullable=False, default=0),
    Column("status", String, nullable=False, default="running"),
    # Who runs it (schema 2): a later run on the same host marks a run whose process is
    # gone (kill -9, power loss) as interrupted instead of leaving it "running" forever.
    Column("host", String, nullable=True),
    Column("pid", Integer, nullable=True),
    CheckConstraint(_in_list("status", RUN_STATUSES), name="status"),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True),
    Column("content_hash", String, nullable=False),
    Column("pipeline_version", String, nullable=False),
    Column("date", String, nullable=True),
    Column("inferred_date", String, nullable=True),
    Column("title", Text, nullable=True),
    Column("url", Text, nullable=True),
    Column("source", String, nullable=True),
    Column("language", String, nullable=True),
    Column("text", Text, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=True, index=True),
    Column("ingested_at", String, nullable=False),
)

sentences = Table(
    "sentences",
    metadata,
    Column(
        "article_id",
        String,
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)


def _entity_columns() -> list[Column[Any]]:
    """The Entity record's fields (docs/record.md), shared by mentions and event participants."""
    return [
        Column("entity_text", Text, nullable=False),
        Column("name", String, nullable=True),
        Column("kind", String, nullable=False),
        Column("office", String, nullable=True),
        Column("country", String, nullable=True),
        Column("sector", String, nullable=True),
        Column("code", String, nullable=True),
    ]


entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "article_id",
        String,
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("sentence_idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    *_entity_columns(),
)

events = Table(
    "events",
    metadata,
    Column("id", String, primary_key=True),
    Column(
        "article_id",
        String,
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("date", String, nullable=True),
    Column("enddate", String, nullable=True),
    Column("date_basis", String, nullable=False),
    Column("event", String, nullable=False),
    Column("mode", String, nullable=True),
    Column("context", JSON, nullable=False),
    Column("cameo", String, nullable=False),
    Column("quad_code", Integer, nullable=False),
    Column("goldstein", Float, nullable=False),
    Column("modality", String, nullable=False),
    Column("topics", JSON, nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("event_text", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("mentions", Integer, nullable=False),
    # none_as_null: an event without a location is SQL NULL, not the JSON text 'null'.
    Column("event_loc", JSON(none_as_null=True), nullable=True),
    Index(None, "date"),
    Index(None, "event"),
    Index(None, "article_id"),
    Index(None, "cameo"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column(
        "event_id",
        String,
        ForeignKey("events.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("role", String, primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    *_entity_columns(),
    CheckConstraint(_in_list("role", ACTOR_ROLES), name="role"),
    Index(None, "country"),
    Index(None, "name"),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=True, index=True),
    Column("source", Text, nullable=False),
    Column("line", Integer, nullable=True),
    Column("item_id", String, nullable=True),
    Column("reason", Text, nullable=False),
    Column("created_at", String, nullable=False),
)

# No foreign keys to events: re-ingesting an article replaces its events, and the
# de-duplication pass (which owns this table) decides what to do with stale merges.
merges = Table(
    "merges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kept_event_id", String, nullable=False, index=True),
    Column("merged_event_id", String, nullable=False, index=True),
    Column("reason", Text, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=True),
)

#: Every table the store owns, in creation order (parents before children).
people = Table(
    "people",
    metadata,
    Column("name", String, primary_key=True),
    Column("country", String, primary_key=True),
    Column("office", String, nullable=True),
    Column("sector", String, nullable=True),
    Column("first_seen", String, nullable=True),
    Column("last_seen", String, nullable=True),
    Column("article_id", String, nullable=True),
    Column("evidence", Text, nullable=True),
)
"""People learned from the text (migration 3): office and country as an article gave
them, first and last seen dates, and the sentence that said so."""

ALL_TABLES: tuple[Table, ...] = tuple(metadata.sorted_tables)
