"""Domain records: the article that goes in and the events that come out.

These frozen dataclasses are the only types that cross the layers (spaCy types end in
``nlp/convert.py``, SQLAlchemy rows end in ``store/``). Their ``to_dict`` forms are the
public event record documented in docs/record.md: extend them, never rename or drop a field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

EventType = Literal[
    "CONSULT",
    "AGREE",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "SANCTION",
    "COERCE",
    "ASSAULT",
    "CONCEDE",
    "RETREAT",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
Modality = Literal["asserted", "negated", "future", "hypothetical", "historical"]
MODALITIES: tuple[str, ...] = Modality.__args__  # type: ignore[attr-defined]
DateBasis = Literal["text", "article", "inferred", "unknown"]
EntityKind = Literal["person", "state", "organization", "group"]
DatePrecision = Literal["day", "month", "year"]
#: Length of an ISO date at each precision: ``2015``, ``2015-12``, ``2015-12-03``.
ISO_LENGTH: dict[str, int] = {"year": 4, "month": 7, "day": 10}


def content_hash(text: str) -> str:
    """A short, stable fingerprint of a text (used for article ids and re-ingest checks)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. ``date`` is the publication date when known.

    ``date_precision`` says how much of ``date`` the input gave: an input date ``2015-12``
    is ``date(2015, 12, 1)`` with precision ``"month"``, so that events falling back to
    the article date say ``2015-12`` and never invent the first of the month.
    """

    id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    date_precision: DatePrecision = "day"
    #: A wire story's dateline kept apart from its text ("ROME, Feb 27 -"): where and
    #: when it was filed; an undated article takes its date from it.
    dateline: str | None = None

    @property
    def date_iso(self) -> str | None:
        """The article date as ISO text at its precision (``2015``, ``2015-12``, ``2015-12-03``)."""
        if self.date is None:
            return None
        return self.date.isoformat()[: ISO_LENGTH[self.date_precision]]

    @property
    def content_hash(self) -> str:
        """What decides whether a stored article must be coded again. A dateline can date
        an undated article, so it counts; it is added only when present, so that the
        hashes of articles stored before the field existed stay the same."""
        head = f"{self.title or ''}\n{self.text}\n{self.date_iso or ''}"
        return content_hash(head if self.dateline is None else f"{head}\n{self.dateline}")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date_iso
        return data


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor as the text names it, resolved as far as the text allows."""

    entity_text: str
    name: str | None = None
    kind: str = "organization"
    office: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(**{f.name: data.get(f.name) for f in fields(cls) if f.name in data})


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened (PLOVER location object)."""

    extracted_place: str
    resolved_place: str | None = None
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature_code: str | None = None
    resolution: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Location:
        return cls(**{f.name: data.get(f.name) for f in fields(cls) if f.name in data})


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event with its evidence; ``to_dict`` is the record of docs/record.md."""

    id: str
    article_id: str
    event: str
    cameo: str
    quad_code: int
    goldstein: float
    text: str
    start: int
    end: int
    event_text: str
    date: str | None = None
    enddate: str | None = None
    date_basis: str = "unknown"
    mode: str | None = None
    context: tuple[str, ...] = ()
    actor: tuple[Entity, ...] = ()
    recipient: tuple[Entity, ...] = ()
    event_loc: Location | None = None
    modality: str = "asserted"
    topics: tuple[str, ...] = ()
    confidence: float = 0.5
    mentions: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "date": self.date,
            "enddate": self.enddate,
            "date_basis": self.date_basis,
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "quad_code": self.quad_code,
            "goldstein": self.goldstein,
            "actor": [e.to_dict() for e in self.actor],
            "recipient": [e.to_dict() for e in self.recipient],
            "event_loc": self.event_loc.to_dict() if self.event_loc else None,
            "modality": self.modality,
            "topics": list(self.topics),
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "event_text": self.event_text,
            "confidence": self.confidence,
            "mentions": self.mentions,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        loc = data.get("event_loc")
        return cls(
            id=data["id"],
            article_id=data["article_id"],
            event=data["event"],
            cameo=data["cameo"],
            quad_code=int(data["quad_code"]),
            goldstein=float(data["goldstein"]),
            text=data["text"],
            start=int(data["start"]),
            end=int(data["end"]),
            event_text=data["event_text"],
            date=data.get("date"),
            enddate=data.get("enddate"),
            date_basis=data.get("date_basis") or "unknown",
            mode=data.get("mode"),
            context=tuple(data.get("context") or ()),
            actor=tuple(Entity.from_dict(e) for e in data.get("actor") or ()),
            recipient=tuple(Entity.from_dict(e) for e in data.get("recipient") or ()),
            event_loc=Location.from_dict(loc) if loc else None,
            modality=data.get("modality") or "asserted",
            topics=tuple(data.get("topics") or ()),
            confidence=float(data.get("confidence", 0.5)),
            mentions=int(data.get("mentions", 1)),
        )


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor mention found in a sentence (stored in the entities table)."""

    sentence: int
    start: int
    end: int
    entity: Entity
    how: str | None = None  # how the actor was resolved (text title, knowledge base row, publisher, ...)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article with its character offsets."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class TriggerNote:
    """A trigger seen in a sentence and what became of it (for ``communique explain``)."""

    event_text: str
    cameo: str
    event: str
    coded: bool
    reason: str | None = None
    event_id: str | None = None  # the event it became, when coded
    merged_into: Event | None = None  # the earlier report of the same event it was folded into
    rule: str = ""  # the codebook row that coded it: a triggers.tsv row or a verb-dictionary pattern


@dataclass(frozen=True, slots=True)
class SentenceExplanation:
    """Everything the pipeline saw in one sentence, so that no empty output is silent."""

    sentence: Sentence
    entities: tuple[Mention, ...] = ()
    dates: tuple[str, ...] = ()
    triggers: tuple[TriggerNote, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression found in a text (``communique dates``): character offsets, kind
    (date | duration | set) and, for dates, the ISO value at its precision."""

    start: int
    end: int
    text: str
    kind: str
    value: str | None = None
    enddate: str | None = None
    precision: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text, "value": self.value}
        if self.enddate:
            data["enddate"] = self.enddate
        data["precision"] = self.precision
        data["kind"] = self.kind
        return data


@dataclass(frozen=True, slots=True)
class PlaceFound:
    """A place named in a text (``communique places``) and its gazetteer resolution."""

    start: int
    end: int
    text: str
    location: Location | None = None

    def to_dict(self) -> dict[str, Any]:
        code = self.location.feature_code if self.location else None
        feature_class = {"PCL": "A", "PPL": "P"}.get((code or "")[:3])  # GeoNames feature class
        return (
            {"start": self.start, "end": self.end, "text": self.text}
            | (self.location.to_dict() if self.location else {"resolved_place": None})
            | {"feature_class": feature_class}
        )


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What extraction returns for one article: events plus the material behind them."""

    article: Article
    pipeline_version: str
    events: tuple[Event, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    explanations: tuple[SentenceExplanation, ...] = field(default=(), compare=False)
    inferred_date: str | None = None
    inferred_from: str | None = None  # what the inferred article date was taken from
    time_expressions: tuple[TimeExpression, ...] = field(default=(), compare=False)
    places: tuple[PlaceFound, ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class LearnedPerson:
    """A person the text itself gave an office and a country ("Chancellor Olaf Scholz of
    Germany"): kept in the store's ``people`` table and used for later articles."""

    name: str
    country: str
    office: str | None = None
    sector: str | None = None
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    article_id: str | None = None
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input item that could not be read: where it was and why. Never dropped silently."""

    source: str
    line: int | None
    reason: str
    item_id: str | None = None

    def describe(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"
