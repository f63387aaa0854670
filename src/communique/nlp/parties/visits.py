"""The host of a visit named only by a place: "arrived in Astana", "a visit to Geneva"."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from communique.codebook.places import Gazetteer
from communique.nlp.frames import ActorMention
from communique.nlp.parties.speakers import FIRST_PERSON, first_person_speaker, subject

#: Prepositions of a visit's destination ("arrived in", "a visit to", "talks at").
VISIT_PREPS = frozenset({"in", "to", "at"})


def visited_place(
    pred: Token, gazetteer: Gazetteer, display_name: Callable[[str], str | None]
) -> list[ActorMention]:
    """ "arrived in Astana" / "visit to Geneva": the host is the place's state; "Kenya,
    where she arrived next": the place the relative "where" refers to."""
    out = where_antecedent(pred)
    # "led a delegation to Lima": the phrase may hang on the object; "to a conference in
    # Lima": the occasion's own place.
    holders = [pred, *(c for c in pred.children if c.dep_ in ("dobj", "obj"))]
    preps = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in VISIT_PREPS]
    for prep in list(preps):
        for pobj in (g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"):
            preps += [c for c in pobj.children if c.dep_ == "prep" and c.lower_ in ("in", "at")]
    for child in preps:
        for pobj in child.children:
            if pobj.dep_ != "pobj" or not pobj.text[:1].isupper():
                continue  # "at one time": a common noun is no place name (the gazetteer has a Time)
            span = pobj.doc[pobj.left_edge.i : pobj.i + 1]
            place = gazetteer.lookup(span.text.removeprefix("the ").strip())
            if place is None:
                place = gazetteer.lookup(pobj.text)
            if place is not None and place.country_iso3:
                out.append(
                    ActorMention(
                        pobj.i,
                        pobj.i + 1,
                        pobj.text,
                        "state",
                        name=display_name(place.country_iso3),
                        country=place.country_iso3,
                        source="place",
                    )
                )
    return out


def where_antecedent(pred: Token) -> list[ActorMention]:
    """The state named right before the "where" of a relative clause ("officials in Tanzania
    and Kenya, where she arrived next" -> Kenya: the parser may hang the clause on the head
    noun, but "where" refers to the nearest place)."""
    if pred.dep_ != "relcl":
        return []
    where = next((c for c in pred.children if c.lower_ == "where" and c.i < pred.i), None)
    if where is None:
        return []
    doc, i = pred.doc, where.i - 1
    while i >= 0 and doc[i].is_punct:
        i -= 1
    mentions = [m for m in doc._.cq_mentions or [] if m.start <= i < m.end]
    return [m for m in mentions if m.kind == "state" and m.country][:1]


def speaker_host(trigger: Token, at: list, statement: frozenset[str]) -> list[ActorMention]:
    """ "We look forward to Ms Merkel's visit": a visit with no destination that the
    speaker ("we", "I") awaits or welcomes is to the speaker's state. ``statement``: the
    lemmas of statement verbs (for who says "we")."""
    node = trigger
    for _ in range(3):  # visit <- to <- (forward <-) look
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            break
    else:
        return []
    speaker = subject(node)
    if speaker is None or speaker.lower_ not in FIRST_PERSON:
        return []
    return first_person_speaker(speaker, at, statement)
