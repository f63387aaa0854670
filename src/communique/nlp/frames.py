"""Working records the pipeline components hand each other through Doc extensions.

They hold token offsets, so they never leave ``nlp/``: ``convert.py`` turns them into
the domain records of ``communique.model``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from communique.nlp.timex import TimeValue


@dataclass(slots=True)
class ActorMention:
    """A span of tokens that names an actor, with what the text tells about it."""

    start: int
    end: int
    entity_text: str
    kind: str
    name: str | None = None
    office: str | None = None
    roles: frozenset[str] = frozenset()
    country: str | None = None
    sector: str | None = None
    # title | name | surname | gazetteer | description | pronoun | anaphor | place | kb | publisher
    source: str = "name"
    how: str | None = None  # how it was resolved beyond the text (knowledge base row, publisher)
    # The CAMEO actor code of an actor with no home state ("IMGMUSALQ"), for the record's
    # code field while no country is known (a country's code is made from country + sector).
    code: str | None = None


@dataclass(slots=True)
class DateMention:
    """A time expression in the text and its normalised value (None: not a calendar date)."""

    start: int
    end: int
    text: str
    value: TimeValue | None
    in_parentheses: bool = False
    kind: str = "date"  # "date" | "duration" | "set" (durations and sets have no value)
    start_char: int = -1  # character offsets of the expression in the text
    end_char: int = -1


@dataclass(slots=True)
class PlaceMention:
    """A place named in the text, resolved against the gazetteer when possible."""

    start: int
    end: int
    text: str
    resolved: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature_code: str | None = None
    resolution: int | None = None


@dataclass(slots=True)
class EventFrame:
    """A trigger and, once the later components ran, its roles, modality, date, place, topics."""

    trigger: int  # token index of the trigger word
    predicate: int | None  # the verb whose arguments are the roles (the light verb for nouns)
    span: tuple[int, int]  # token span of the trigger words ("paid an official visit")
    cameo: str
    lemma: str
    actors: list[ActorMention] = field(default_factory=list)
    recipients: list[ActorMention] = field(default_factory=list)
    modality: str = "asserted"
    date: DateMention | None = None
    date_basis: str = "unknown"
    place: PlaceMention | None = None
    topics: list[str] = field(default_factory=list)
    reason: str | None = None  # why this trigger did not become an event
    rule: str = ""  # which codebook row coded it (hand lexicon or verb dictionary), for explain
    specificity: int = 0  # how much of the parse the rule pinned down (0: a bare word)
    reversed: bool = False  # the rule codes the event from the object's side ("faced pressure from X")
    # a verb-dictionary reading from our own rows (verb_patterns_extra.tsv), written for what it codes:
    # trusted like a hand row for one-sided acts (event_rules.tsv recipient 'optional')
    curated: bool = False
    part: str = ""  # one of several events split from this trigger (one per counterpart): its key

    @property
    def own_pattern(self) -> bool:
        """Coded by a pattern of our own rows (not a bare verb): such a reading may stand with
        no named other side where the root's recipient is optional (roles.py, modality.py)."""
        return self.curated and self.specificity > 0

    @property
    def coded(self) -> bool:
        return self.reason is None
