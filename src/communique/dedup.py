"""De-duplication: one real event reported several times becomes one record.

Within an article, two reports are the same event when they agree on the PLOVER type,
the CAMEO root, who acted, at whom, when and with what modality ("Borrell welcomed the
reforms ... and expressed his support for ..." is one SUPPORT event). The first report
is kept, with its evidence, and ``mentions`` counts the sentences that report it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from communique.model import Entity, Event


def _party(entity: Entity) -> str:
    return entity.name or entity.country or entity.entity_text


def event_key(event: Event) -> tuple:
    """What makes two reports the same event."""
    return (
        event.event,
        event.cameo[:2],
        frozenset(_party(a) for a in event.actor),
        frozenset(_party(r) for r in event.recipient),
        event.date,
        event.modality,
    )


def merge_within_article(events: Iterable[Event]) -> tuple[Event, ...]:
    """Merge reports of one event inside one article; keeps the first report's evidence."""
    kept: dict[tuple, Event] = {}
    sentences: dict[tuple, set[int]] = {}
    for event in events:
        key = event_key(event)
        if key not in kept:
            kept[key] = event
            sentences[key] = set()
        sentences[key].add(event.start)
    return tuple(replace(e, mentions=len(sentences[k])) for k, e in kept.items())
