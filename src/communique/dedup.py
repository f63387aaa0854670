"""De-duplication: one real event reported several times becomes one record.

Within an article, two reports are the same event when they agree on the PLOVER type,
the CAMEO code, when, the modality and the parties (a condemnation, 111, and a formal
protest, 114, by the same ministry on the same day are two events):

- the same actors and recipients ("Borrell welcomed the reforms ... and expressed his
  support for ..." is one SUPPORT event); for CONSULT, talks are symmetric, so the same
  set of participants in any roles ("Tileuberdi held a meeting with Borrell" and "Sides
  exchanged views" are the same talks);
- or a report naming only states and bodies whose countries are those of an earlier,
  more specific report naming people ("the Republic of Kazakhstan and the European
  Union exchanged views" after the minister's meeting with the EU's High Representative):
  it is folded into the nearest such report before it.

- or, for a statement (a criticism, rejection, threat, appeal or praise), a report naming
  only states and bodies on each side whose countries are those of an earlier report of the
  same code ("China's foreign ministry condemned the sale" and, quoted later, "China
  deplores this decision"; "lodged representations with the United States" and "the
  Chinese side lodged representations with the U.S. side"): one voice of one state said it
  twice. Two named people stay apart, and so do meetings and visits (distinct acts).

- or, for a one-sided act, a report that differs only in naming no recipient ("he ordered
  the strikes" beside "the facilities the U.S. raided in Sudan", the same day): the report
  that names the target is the more informative one and becomes the anchor.

Codes of one act (``codebook/data/same_acts.tsv``) count as one code in all of this: "the
presidents held talks" (046) and "the presidents met" (040) in one readout are one meeting, and
the report with the more specific code becomes the anchor.

Otherwise the first report is kept, with its evidence; ``mentions`` counts the sentences that
report the event.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from communique.codebook.acts import default_same_acts
from communique.model import Entity, Event

SYMMETRIC_EVENTS = frozenset({"CONSULT"})
# Several appeals in one sentence to the same side are one statement (dev-gold guidelines,
# "Deduplication": "several appeals in one spokesperson statement"), whatever their codes.
ONE_PER_SENTENCE = frozenset({"REQUEST"})
# Stances put in several words: a disapproval, rejection or threat in the root's unspecified
# code (110, 120, 130) adds nothing to a specific one by the same sides on the same day.
# Meetings, visits, calls and undertakings are distinct acts even then (dev-gold guidelines).
SAME_ROOT_EVENTS = frozenset({"ACCUSE", "REJECT", "THREATEN"})
# Speech acts: a state's body restating its stance on the same day is one statement
# (dev-gold guidelines, "Deduplication": "greetings plus praise in one message").
STATEMENT_EVENTS = frozenset({"ACCUSE", "REJECT", "THREATEN", "REQUEST", "SUPPORT"})


def _party(entity: Entity) -> str:
    return entity.name or entity.country or entity.entity_text


def _countries(event: Event) -> frozenset[str]:
    return frozenset(e.country or "?" for e in (*event.actor, *event.recipient))


def _only_collectives(event: Event) -> bool:
    return all(e.kind != "person" for e in (*event.actor, *event.recipient))


def _act(cameo: str) -> str:
    """The act a code reports: codes of one act (same_acts.tsv) share it, others are their own."""
    same = default_same_acts().get(cameo)
    return f"act:{same.act}" if same else cameo


def _rank(cameo: str) -> int:
    same = default_same_acts().get(cameo)
    return same.rank if same else 0


def event_key(event: Event) -> tuple:
    """What makes two reports the same event (codes of one act count as one code)."""
    if event.event in SYMMETRIC_EVENTS:
        parties: tuple = (frozenset(_party(e) for e in (*event.actor, *event.recipient)),)
    else:
        parties = (
            frozenset(_party(a) for a in event.actor),
            frozenset(_party(r) for r in event.recipient),
        )
    return (event.event, _act(event.cameo), event.date, event.modality, *parties)


def _sentence_key(event: Event) -> tuple | None:
    """For appeals: one key per sentence, whatever the 3-digit code."""
    if event.event not in ONE_PER_SENTENCE:
        return None
    return ("sentence", event.start, *event_key(event)[:1], *event_key(event)[2:])


@dataclass(frozen=True, slots=True)
class Deduplicated:
    """The events kept, and for every report folded away, the id of the event kept for it."""

    events: tuple[Event, ...]
    merged_into: Mapping[str, str]


def deduplicate(events: Iterable[Event]) -> Deduplicated:
    """Merge reports of one event inside one article; keeps the first report's evidence."""
    kept: dict[tuple, Event] = {}
    sentences: dict[tuple, set[int]] = {}
    merged_into: dict[str, str] = {}
    by_sentence: dict[tuple, tuple] = {}
    aliases: dict[tuple, tuple] = {}  # the key of an anchor that took a later report's place
    for event in sorted(events, key=lambda e: e.start):
        key = event_key(event)
        key = aliases.get(key, key)
        if key not in kept and _only_collectives(event):
            key = _specific_report(event, kept) or key
        if key not in kept:
            key = _same_voice_report(event, kept) or key
        if key not in kept:
            key = _same_root_report(event, kept) or key
        if key not in kept:
            key = _untargeted_report(event, kept) or key
        same_sentence = _sentence_key(event)
        if key not in kept and same_sentence is not None:
            key = by_sentence.get(same_sentence, key)
        if same_sentence is not None:
            by_sentence.setdefault(same_sentence, key)
        if key not in kept:
            kept[key] = event
            sentences[key] = set()
        elif _more_informative(event, kept[key]):
            folded = kept[key]
            merged_into = {k: (event.id if v == folded.id else v) for k, v in merged_into.items()}
            merged_into[folded.id] = event.id
            kept[key] = event
            aliases[event_key(event)] = key
        else:
            merged_into[event.id] = kept[key].id
        sentences[key].add(event.start)
    return Deduplicated(tuple(replace(e, mentions=len(sentences[k])) for k, e in kept.items()), merged_into)


def _more_informative(event: Event, anchor: Event) -> bool:
    """A later report that names the target of a one-sided act, or reports the same act by its
    more specific code (same_acts.tsv rank), takes the anchor's place; a report naming only
    states and bodies never displaces one that names the people who met."""
    if _rank(event.cameo) != _rank(anchor.cameo):
        named = not _only_collectives(event) or _only_collectives(anchor)
        return named and _rank(event.cameo) > _rank(anchor.cameo)
    return bool(event.recipient and not anchor.recipient and event.event not in SYMMETRIC_EVENTS)


def merge_within_article(events: Iterable[Event]) -> tuple[Event, ...]:
    """The events of an article with reports of one event merged (see ``deduplicate``)."""
    return deduplicate(events).events


def _same_act(a: Event, b: Event) -> bool:
    """Two reports of one act as coded: the same type, code (or code of one act), date and modality."""
    return (
        a.event == b.event
        and _act(a.cameo) == _act(b.cameo)
        and a.date == b.date
        and a.modality == b.modality
    )


def _specific_report(event: Event, kept: dict[tuple, Event]) -> tuple | None:
    """The key of the nearest earlier report of the same event that names people."""
    for key, other in reversed(list(kept.items())):
        named = not _only_collectives(other)
        if _same_act(other, event) and named and _countries(other) == _countries(event):
            return key
    return None


def _same_voice_report(event: Event, kept: dict[tuple, Event]) -> tuple | None:
    """The key of the nearest earlier statement of the same code, date and modality with
    the same countries on each side, when this report names no person ("China deplores
    this decision" after "China's foreign ministry condemned the sale")."""
    if event.event not in STATEMENT_EVENTS or not _only_collectives(event) or not event.recipient:
        return None
    sides = _sides(event)
    if any("?" in side for side in sides):
        return None
    for key, other in reversed(list(kept.items())):
        if _same_act(other, event) and _sides(other) == sides:
            return key
    return None


def _root_unspecified(cameo: str) -> bool:
    """CAMEO's "not specified below" code of a root: 110 disapprove, 120 reject, 040 consult."""
    return len(cameo) == 3 and cameo.endswith("0")


def _sides(event: Event) -> tuple:
    if event.event in SYMMETRIC_EVENTS:
        return (_countries(event),)
    return (
        frozenset(a.country or "?" for a in event.actor),
        frozenset(r.country or "?" for r in event.recipient),
    )


def _same_root_report(event: Event, kept: dict[tuple, Event]) -> tuple | None:
    """The key of a report of the same act in other words: the same type and CAMEO root,
    date, modality and countries on each side, one of the two with the root's unspecified
    code ("condemned the attack" 111 and "I am appalled by it" 110 by the same ministry
    on the same day are one act of disapproval; "condemned" 111 and "accused" 112 are two)."""
    if event.event not in SAME_ROOT_EVENTS:
        return None
    for key, other in reversed(list(kept.items())):
        if (
            other.event == event.event
            and other.cameo[:2] == event.cameo[:2]
            and other.cameo != event.cameo
            and (_root_unspecified(other.cameo) or _root_unspecified(event.cameo))
            and other.date == event.date
            and other.modality == event.modality
            and "?" not in _countries(event)
            and _sides(other) == _sides(event)
        ):
            return key
    return None


def _same_act_code(a: str, b: str) -> bool:
    """The same 3-digit code, or the same root with one of them its unspecified code."""
    return a == b or (a[:2] == b[:2] and (_root_unspecified(a) or _root_unspecified(b)))


def _untargeted_report(event: Event, kept: dict[tuple, Event]) -> tuple | None:
    """The key of a report of the same one-sided act that differs only in naming its target
    ("Clinton said he had ordered the strikes" and "the facilities the U.S. raided in Sudan"
    on the same day): the same type, code (or root with its unspecified code), date, modality
    and one actor country, one of the two with no recipient."""
    if event.event in SYMMETRIC_EVENTS:
        return None
    actors = frozenset(a.country or "?" for a in event.actor)
    if "?" in actors or len(actors) > 1:
        return None  # several actors with no recipient are a joint act, complete as it is
    for key, other in reversed(list(kept.items())):
        if (
            other.event == event.event
            and _same_act_code(other.cameo, event.cameo)
            and other.date == event.date
            and other.modality == event.modality
            and bool(other.recipient) != bool(event.recipient)
            and frozenset(a.country or "?" for a in other.actor) == actors
        ):
            return key
    return None
