"""Write events in every export format: JSONL (the record of docs/record.md), CSV, Parquet
and the dyadic CAMEO TSV that Phoenix/PETRARCH users read.

All writers stream: events are consumed once, in chunks, so an export of millions of
events never holds them all in memory. The JSONL form is exactly ``Event.to_dict()``;
the flat CSV/Parquet rows come from one function, :func:`events_to_frame`, so the two
never drift apart.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from communique.errors import ConfigError, OutputError
from communique.model import Entity, Event, Rejection

if TYPE_CHECKING:  # pandas is imported where a frame is made: ingest never needs it
    import pandas as pd

logger = logging.getLogger(__name__)

#: Formats accepted by :func:`write_events`.
EXPORT_FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "tsv-dyadic")

#: Columns of the flat rows (CSV, Parquet), in the order of ``Event.to_dict()``.
FLAT_COLUMNS: tuple[str, ...] = (
    "id",
    "article_id",
    "date",
    "enddate",
    "date_basis",
    "event",
    "mode",
    "context",
    "cameo",
    "quad_code",
    "goldstein",
    "actor_name",
    "actor_country",
    "actor_code",
    "recipient_name",
    "recipient_country",
    "recipient_code",
    "event_loc_place",
    "event_loc_country",
    "modality",
    "topics",
    "text",
    "start",
    "end",
    "event_text",
    "confidence",
    "mentions",
)
_INT_COLUMNS = ("quad_code", "start", "end", "mentions")
_FLOAT_COLUMNS = ("goldstein", "confidence")

#: Columns of the dyadic CAMEO TSV.
DYADIC_COLUMNS: tuple[str, ...] = (
    "date",
    "source_code",
    "target_code",
    "cameo",
    "root_code",
    "quad_class",
    "goldstein",
    "source_name",
    "target_name",
    "event_id",
    "article_id",
)

#: Multiple values in one flat cell (several actors, contexts, topics) are joined so.
LIST_SEPARATOR = ";"
_CHUNK = 10_000


def write_events(
    events: Iterable[Event],
    out: str | Path | TextIO,
    *,
    format: str,
) -> int:
    """Write ``events`` to ``out`` (a path or an open text stream); return how many.

    ``format`` is one of :data:`EXPORT_FORMATS`. The count is of events, also for
    ``tsv-dyadic`` where one event may give several rows. A stream is left open; a
    path is created (or overwritten) as UTF-8. Parquet needs a path, because it is a
    binary format. Raises :class:`~communique.errors.ConfigError` for an unknown
    format before anything is consumed or written.
    """
    fmt = format.strip().lower()
    writers: dict[str, Callable[[Iterable[Event], TextIO], int]] = {
        "jsonl": _write_jsonl,
        "csv": _write_csv,
        "tsv-dyadic": _write_dyadic,
    }
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown export format {format!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "parquet" and not isinstance(out, str | os.PathLike):
        raise ConfigError("parquet output needs a file path, not a text stream")
    try:
        if fmt == "parquet":
            count = _write_parquet(events, Path(out))  # type: ignore[arg-type]
        else:
            with _text_out(out) as fh:
                count = writers[fmt](events, fh)
    except OSError as exc:
        where = os.fspath(out) if isinstance(out, str | os.PathLike) else "the output stream"
        raise OutputError(f"cannot write {where}: {exc.strerror or exc}") from exc
    logger.info("wrote %d events as %s", count, fmt)
    return count


def write_rejections(rejections: Iterable[Rejection], out: TextIO) -> None:
    """Write a readable report, one ``FILE:LINE: reason`` line per rejected item.

    Meant for the CLI's ``--rejects`` file and for stderr, so that every item the
    readers could not use is accounted for in a form a person can act on.
    """
    for rejection in rejections:
        out.write(rejection.describe().replace("\n", " ") + "\n")


def events_to_frame(events: Iterable[Event]) -> pd.DataFrame:
    """The flat rows of CSV/Parquet: one row per event, lists joined by ``;``.

    Actor and recipient fields are positional: the n-th name, country and code
    belong to the n-th entity (an unknown country is an empty slot, as in
    ``USA;;FRA``). A name falls back to the words of the text when unresolved.
    The dtypes are fixed so that chunks of a large export share one schema.
    """
    import pandas as pd  # ~0.3 s of every command's start-up otherwise

    frame = pd.DataFrame([_flat_row(e) for e in events], columns=list(FLAT_COLUMNS))
    return frame.astype({**dict.fromkeys(_INT_COLUMNS, "int64"), **dict.fromkeys(_FLOAT_COLUMNS, "float64")})


def _flat_row(event: Event) -> dict[str, Any]:
    row = event.to_dict()
    row["context"] = _join(event.context)
    row["topics"] = _join(event.topics)
    for role, entities in (("actor", event.actor), ("recipient", event.recipient)):
        del row[role]
        row[f"{role}_name"] = _join([_name(e) for e in entities])
        row[f"{role}_country"] = _join([e.country or "" for e in entities])
        row[f"{role}_code"] = _join([e.code or "" for e in entities])
    del row["event_loc"]
    loc = event.event_loc
    row["event_loc_place"] = (loc.resolved_place or loc.extracted_place) if loc else None
    row["event_loc_country"] = loc.country_code if loc else None
    return row


def _join(values: Iterable[str]) -> str | None:
    values = list(values)
    return LIST_SEPARATOR.join(values) if values else None


def _name(entity: Entity) -> str:
    return entity.name or entity.entity_text


@contextlib.contextmanager
def _text_out(out: str | os.PathLike[str] | TextIO) -> Iterator[TextIO]:
    if isinstance(out, str | os.PathLike):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh
    else:
        yield out


def _chunks(events: Iterable[Event]) -> Iterator[list[Event]]:
    iterator = iter(events)
    while chunk := list(itertools.islice(iterator, _CHUNK)):
        yield chunk


def _write_jsonl(events: Iterable[Event], fh: TextIO) -> int:
    count = 0
    for event in events:
        fh.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(events: Iterable[Event], fh: TextIO) -> int:
    count = 0
    for chunk in _chunks(events):
        events_to_frame(chunk).to_csv(fh, index=False, header=count == 0, lineterminator="\n")
        count += len(chunk)
    if count == 0:
        events_to_frame([]).to_csv(fh, index=False, lineterminator="\n")
    return count


def _parquet_schema() -> Any:
    import pyarrow as pa

    types = {
        **dict.fromkeys(_INT_COLUMNS, pa.int64()),
        **dict.fromkeys(_FLOAT_COLUMNS, pa.float64()),
    }
    return pa.schema([(name, types.get(name, pa.string())) for name in FLAT_COLUMNS])


def _write_parquet(events: Iterable[Event], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for chunk in _chunks(events):
            frame = events_to_frame(chunk)
            writer.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False))
            count += len(chunk)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count


def dyads(event: Event) -> list[tuple[Entity | None, Entity | None]]:
    """The (source, target) pairs of the dyadic export for one event.

    One pair per (actor, recipient). A joint action without a recipient ("A and B
    agreed") gives every ordered pair of distinct actors, as CAMEO codes it. An event
    with a single actor and no recipient, or no actor at all, still gives one row with
    the missing side empty, so that no coded event vanishes from the export.
    """
    actors, recipients = list(event.actor), list(event.recipient)
    if actors and recipients:
        return [(a, r) for a in actors for r in recipients]
    if len(actors) >= 2:
        return [(a, b) for a, b in itertools.permutations(actors, 2)]
    if actors:
        return [(actors[0], None)]
    return [(None, r) for r in recipients] or [(None, None)]


def _write_dyadic(events: Iterable[Event], fh: TextIO) -> int:
    fh.write("\t".join(DYADIC_COLUMNS) + "\n")
    count = 0
    for event in events:
        for source, target in dyads(event):
            cells = (
                event.date,
                source.code if source else None,
                target.code if target else None,
                event.cameo,
                event.cameo[:2],
                event.quad_code,
                event.goldstein,
                _name(source) if source else None,
                _name(target) if target else None,
                event.id,
                event.article_id,
            )
            fh.write("\t".join(_tsv_cell(c) for c in cells) + "\n")
        count += 1
    return count


def _tsv_cell(value: object) -> str:
    if value is None:
        return ""
    return " ".join(str(value).replace("\t", " ").splitlines())
