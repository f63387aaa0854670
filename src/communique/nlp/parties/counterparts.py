"""One act or several: how many events a trigger with several other parties reports.

"X and Y blamed one another" is two directed events; "spoke by telephone with the
presidents of A, B and C" is three calls; a single multilateral act ("a call with the
leaders of A, B and C", "at the summit") stays one event (README "One act, several
parties"). "They discussed ..." after a call of the same parties reports what was said in
that call, not new talks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Doc, Token

from communique.codebook.rules import EventRule
from communique.nlp.discourse import VISIT_CODES, participants, same_parties, same_party
from communique.nlp.frames import ActorMention, EventFrame

# Words that point back at the other side of the actor's last act: "his counterpart", "her
# election", and the addressee of a message or speech ("committed to standing with you").
BACK_REFERENCES = frozenset(
    {"counterpart", "counterparts", "her", "him", "them", "host", "hosts", "guest", "guests", "you", "your"}
)
Problem = Callable[[EventFrame], str | None]  # why a frame cannot be coded, or None


def refers_back(pred: Token, trigger: Token | None = None) -> bool:
    """The predicate's (or an adjective trigger's: "is committed to ...") object or
    prepositional phrase names the other side only by a pronoun or "counterpart": it is
    whoever the actor's last reported act was aimed at."""
    heads = [pred] if trigger is None or trigger.i == pred.i or trigger.pos_ != "ADJ" else [pred, trigger]
    for child in (c for head in heads for c in head.children):
        if child.dep_ in ("dobj", "dative", "obj", "prep"):
            for tok in child.subtree:
                if tok.lower_ in BACK_REFERENCES:
                    return True
    return False


def reciprocal(pred: Token, words: frozenset[str]) -> bool:
    """ "blamed one another", "accused each other": the object is the parties themselves.
    ``words``: triggers.tsv @reciprocal ("another", "other")."""
    nodes = [c for c in pred.children if c.dep_ in ("dobj", "obj")]
    nodes += [g for c in pred.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for node in nodes:
        found = {node.lower_, *(c.lower_ for c in node.children)}
        if node.i > 0:
            found.add(node.doc[node.i - 1].lower_)
        if found & words and found & {"one", "each"}:
            return True
    return False


def one_gathering(
    doc: Doc, frame: EventFrame, multilateral: frozenset[str], gathering: frozenset[str]
) -> bool:
    """A single multilateral act: a singular noun trigger ("a call with"), a gathering noun
    ("at the summit") or a multilateral word ("trilateral", "joint") in the trigger's phrase."""
    trigger = doc[frame.trigger]
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.tag_ in ("NN", "NNP"):
        return True  # "a call with", "the meeting with": one act
    heads = [trigger] if frame.predicate is None else [trigger, doc[frame.predicate]]
    for head in heads:
        for tok in head.subtree:
            if tok.lower_ in multilateral:
                return True
            if tok.lemma_.lower() in gathering and tok.tag_ in ("NN", "NNP") and tok.i != trigger.i:
                return True
    return False


def titled_one_act(doc: Doc, frame: EventFrame, titled: frozenset[str]) -> bool:
    """The article's title names one call or meeting "with" its counterparts ("Readout of
    President X's Call with A of France, B of Germany and C of Italy"; triggers.tsv
    @titled_act, singular) and the trigger is in the lead sentence that reports it: the
    counterparts listed there took part in that one act (README "One act, several parties":
    "the title says 'conversations'" makes four calls; a title's singular makes one)."""
    head = doc._.cq_article_head
    title = head[0] if head else None
    if not title or doc[frame.trigger].sent.start != 0:
        return False
    words = [w.strip(".,:;’'").lower() for w in title.split()]
    return any(w in titled and nxt == "with" for w, nxt in pairwise(words))


def told_apart(doc: Doc, frame: EventFrame, words: frozenset[str]) -> bool:
    """ "He and Arafat meet separately with Albright", "met individually with A and B": an
    adverb of triggers.tsv @apart on the trigger or its verb says that each party's act is
    its own (README "Separate acts"). A sentence adverb set off by a comma ("Separately,
    they discussed ...") means "in addition", not apart."""
    heads = [doc[frame.trigger]] if frame.predicate is None else [doc[frame.trigger], doc[frame.predicate]]
    return any(
        c.dep_ == "advmod" and c.lower_ in words and not (c.i + 1 < len(doc) and doc[c.i + 1].is_punct)
        for head in heads
        for c in head.children
    )


def apart(frame: EventFrame, problem: Problem) -> list[EventFrame] | None:
    """One event per actor, or else per recipient, of an act told apart (:func:`told_apart`),
    when each has a state of its own; None when the parties do not divide."""
    for side in ("actors", "recipients"):
        parties = getattr(frame, side)
        countries = [p.country for p in parties]
        if len(parties) < 2 or None in countries or len(set(countries)) != len(countries):
            continue
        parts = []
        for p in parties:
            part = replace(
                frame, **{side: [p]}, part=f"{p.country}>" if side == "actors" else f">{p.country}"
            )
            part.reason = problem(part)
            parts.append(part)
        return parts
    return None


def separate(
    frame: EventFrame,
    rule: EventRule,
    *,
    one_act: bool,
    gathered: Callable[[], bool],
    problem: Problem,
    told_apart: bool = False,
) -> list[EventFrame]:
    """One event per counterpart where the text reports separate acts (event_rules.tsv
    ``counterparts``). ``one_act``: the recipients are one act's parties ("hosted talks
    between X and Y"); ``gathered``: whether the act is one gathering (:func:`one_gathering`);
    ``problem`` re-checks each directed half of a reciprocal act; ``told_apart``: the text
    says the parties acted separately (:func:`told_apart`)."""
    if told_apart and frame.coded:
        parts = apart(frame, problem)
        if parts is not None:
            return parts
    if frame.part == "reciprocal":
        frame.part = ""
        countries = {a.country for a in frame.actors}
        if rule.joint or len(frame.actors) < 2 or None in countries or len(countries) < len(frame.actors):
            return [frame]
        parts = []
        for a in frame.actors:
            others = [b for b in frame.actors if b is not a]
            part = replace(frame, actors=[a], recipients=others, part=f"{a.country}>")
            part.reason = problem(part)
            parts.append(part)
        return parts
    if not (frame.coded and rule.separate_counterparts and len(frame.recipients) >= 2):
        return [frame]
    if frame.cameo in VISIT_CODES or one_act:
        return [frame]  # one trip to several hosts is one visit; "hosted talks between X and Y"
    actor_countries = {a.country for a in frame.actors}
    countries = [r.country for r in frame.recipients]
    if (
        len(actor_countries) != 1
        or None in actor_countries
        or None in countries
        or len(set(countries)) != len(countries)
        or any(r.kind == "group" for r in frame.recipients)
        or gathered()
    ):
        return [frame]
    return [replace(frame, recipients=[r], part=f">{r.country}") for r in frame.recipients]


def same_talks(frame: EventFrame, coded: list[EventFrame], discussion: frozenset[str]) -> str | None:
    """ "They discussed ...", "the leaders exchanged views" after a call or meeting of the
    same parties report what was said in it: one CONSULT, not two (a new meeting, call or
    visit is a new event, so only the discussion words of triggers.tsv @discussion fold)."""
    if not frame.cameo.startswith("04") or frame.lemma not in discussion:
        return None
    parties = [*frame.actors, *frame.recipients]
    for earlier in reversed(coded):
        if earlier.cameo in VISIT_CODES:
            return None  # talks during a visit are an event of their own (README: visit + meeting)
        if earlier.cameo.startswith("04"):
            if same_parties(parties, [*earlier.actors, *earlier.recipients]):
                return f"the same talks as '{earlier.lemma}' before (one CONSULT event)"
            if earlier.lemma in discussion:
                continue  # an earlier report of what was said: look further back for the talks
            return None
    return None


def separate_parts(coded: list[EventFrame]) -> list[list[ActorMention]]:
    """The parties of each separate act the latest multi-party trigger reported ("spoke by
    telephone with the presidents of A, B and C": three calls), or [] when the latest such
    trigger was one act. "The leaders" after it are the people of those acts."""
    for frame in reversed(coded):
        if len(participants(frame)) < 2:
            continue
        parts = [f for f in coded if f.trigger == frame.trigger]
        if len(parts) < 2 or not all(f.part.startswith(">") for f in parts):
            return []
        return [participants(f) for f in parts]
    return []


def only_modifiers(found: list[ActorMention], subject: Token) -> bool:
    """The subject's mentions are bodies named only as modifiers of its head ("the CIS
    leaders", "the bloc's ministers"): who the people are is still to be found."""
    return all(m.kind == "organization" and not m.start <= subject.i < m.end for m in found)


def parts_without(
    parts: list[list[ActorMention]], recipients: list[ActorMention]
) -> list[list[ActorMention]]:
    """Each separate act's parties less the named recipients ("... congratulated Putin":
    the other party of each call congratulated him); acts left with nobody are dropped."""
    out = [[p for p in part if not any(same_party(p, r) for r in recipients)] for part in parts]
    return [part for part in out if part]


def each_part(frame: EventFrame, parts: list[list[ActorMention]]) -> list[EventFrame]:
    """One event per separate act's parties (see :func:`separate_parts`)."""
    return [replace(frame, actors=part, part=f"{part[0].country}>") for part in parts]
