"""Conversions between the domain dataclasses and table rows (plain dicts).

Kept apart from the SQL so that the mapping (dates to ISO text, tuples to JSON lists,
actors to ``event_actors`` rows in position order) can be read in one place, and so
that SQLAlchemy row objects never leave the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from communique.model import (
    ArticleResult,
    Entity,
    Event,
    LearnedPerson,
    Location,
    Mention,
    Rejection,
    Sentence,
)

ENTITY_FIELDS: tuple[str, ...] = (
    "entity_text",
    "name",
    "kind",
    "office",
    "country",
    "sector",
    "code",
)


def article_row(result: ArticleResult, *, run_id: int, ingested_at: str) -> dict[str, Any]:
    """The ``articles`` row of a result; the date becomes ISO text."""
    article = result.article
    return {
        "id": article.id,
        "content_hash": article.content_hash,
        "pipeline_version": result.pipeline_version,
        "date": article.date_iso,
        "inferred_date": result.inferred_date,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "language": article.language,
        "text": article.text,
        "run_id": run_id,
        "ingested_at": ingested_at,
        "dateline": article.dateline,
    }


def sentence_row(article_id: str, sentence: Sentence) -> dict[str, Any]:
    """The ``sentences`` row of one sentence."""
    return {
        "article_id": article_id,
        "idx": sentence.index,
        "start": sentence.start,
        "end": sentence.end,
        "text": sentence.text,
    }


def _entity_columns(entity: Entity) -> dict[str, Any]:
    return {name: getattr(entity, name) for name in ENTITY_FIELDS}


def mention_row(article_id: str, mention: Mention) -> dict[str, Any]:
    """The ``entities`` row of an actor mention."""
    return {
        "article_id": article_id,
        "sentence_idx": mention.sentence,
        "start": mention.start,
        "end": mention.end,
        **_entity_columns(mention.entity),
    }


def event_row(event: Event) -> dict[str, Any]:
    """The ``events`` row of an event; actors go to ``event_actor_rows``."""
    return {
        "id": event.id,
        "article_id": event.article_id,
        "date": event.date,
        "enddate": event.enddate,
        "date_basis": event.date_basis,
        "event": event.event,
        "mode": event.mode,
        "context": list(event.context),
        "cameo": event.cameo,
        "quad_code": event.quad_code,
        "goldstein": event.goldstein,
        "modality": event.modality,
        "topics": list(event.topics),
        "text": event.text,
        "start": event.start,
        "end": event.end,
        "event_text": event.event_text,
        "confidence": event.confidence,
        "mentions": event.mentions,
        "event_loc": event.event_loc.to_dict() if event.event_loc else None,
    }


def event_actor_rows(event: Event) -> list[dict[str, Any]]:
    """One ``event_actors`` row per actor and recipient, numbered by position."""
    rows = []
    for role, entities in (("actor", event.actor), ("recipient", event.recipient)):
        for position, entity in enumerate(entities):
            rows.append(
                {
                    "event_id": event.id,
                    "role": role,
                    "position": position,
                    **_entity_columns(entity),
                }
            )
    return rows


def entity_from_row(row: Mapping[str, Any]) -> Entity:
    """An Entity from an ``entities`` or ``event_actors`` row."""
    return Entity(**{name: row[name] for name in ENTITY_FIELDS})


def event_from_row(row: Mapping[str, Any], actor_rows: Iterable[Mapping[str, Any]] = ()) -> Event:
    """Rebuild an Event from its ``events`` row and its ``event_actors`` rows."""
    by_role: dict[str, list[tuple[int, Entity]]] = {"actor": [], "recipient": []}
    for actor_row in actor_rows:
        by_role[actor_row["role"]].append((actor_row["position"], entity_from_row(actor_row)))
    loc = row["event_loc"]
    return Event(
        id=row["id"],
        article_id=row["article_id"],
        event=row["event"],
        cameo=row["cameo"],
        quad_code=row["quad_code"],
        goldstein=row["goldstein"],
        text=row["text"],
        start=row["start"],
        end=row["end"],
        event_text=row["event_text"],
        date=row["date"],
        enddate=row["enddate"],
        date_basis=row["date_basis"],
        mode=row["mode"],
        context=tuple(row["context"] or ()),
        actor=tuple(e for _, e in sorted(by_role["actor"], key=lambda pair: pair[0])),
        recipient=tuple(e for _, e in sorted(by_role["recipient"], key=lambda pair: pair[0])),
        event_loc=Location.from_dict(loc) if loc else None,
        modality=row["modality"],
        topics=tuple(row["topics"] or ()),
        confidence=row["confidence"],
        mentions=row["mentions"],
    )


def rejection_row(rejection: Rejection, *, run_id: int, created_at: str) -> dict[str, Any]:
    """The ``rejections`` row of an unreadable input item."""
    return {
        "run_id": run_id,
        "source": rejection.source,
        "line": rejection.line,
        "item_id": rejection.item_id,
        "reason": rejection.reason,
        "created_at": created_at,
    }


def rejection_from_row(row: Mapping[str, Any]) -> Rejection:
    """A Rejection from its row."""
    return Rejection(source=row["source"], line=row["line"], reason=row["reason"], item_id=row["item_id"])


def learned_person_row(person: LearnedPerson) -> dict[str, Any]:
    """A ``people`` row (dates as ISO text, like the other tables)."""
    return {
        "name": person.name,
        "country": person.country,
        "office": person.office,
        "sector": person.sector,
        "first_seen": person.first_seen.isoformat() if person.first_seen else None,
        "last_seen": person.last_seen.isoformat() if person.last_seen else None,
        "article_id": person.article_id,
        "evidence": person.evidence,
    }


def learned_person(row: dict[str, Any]) -> LearnedPerson:
    """The record of a ``people`` row."""
    return LearnedPerson(
        name=row["name"],
        country=row["country"],
        office=row["office"],
        sector=row["sector"],
        first_seen=dt.date.fromisoformat(row["first_seen"]) if row["first_seen"] else None,
        last_seen=dt.date.fromisoformat(row["last_seen"]) if row["last_seen"] else None,
        article_id=row["article_id"],
        evidence=row["evidence"],
    )
