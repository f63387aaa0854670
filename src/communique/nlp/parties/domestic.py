"""Domestic actors: who a kind of actor with no state of its own belongs to.

PETRARCH2 and PLOVER code a domestic sector actor ("fundamentalists", "workers", "the
judge") with the state of its context: "Islamic fundamentalists demanded the resignation of
Algerian President X" are Algeria's. We read that context narrowly: only people who act at
home (``PEOPLE_SECTORS``, not a state's organs), only when every actor the sentence names
with a country is of one and the same state (no second state, no international body), and
never for an attack (the roles component: "rebels attacked Russian troops" does not make
the rebels Russians).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Token

from communique.nlp.context import sector_of
from communique.nlp.frames import ActorMention

#: Sectors of people who act at home, not for a state abroad: civilians, the opposition,
#: rebels, labour, farmers, refugees, religious groups, the media, education and
#: health. A state's own organs ("Congress", "the administration", "lawmakers", "troops")
#: are left out: in foreign news they act on the one state named ("Congress must pass
#: funding for Ukraine").
PEOPLE_SECTORS = frozenset(
    {
        "CVL",
        "OPP",
        "REB",
        "LAB",
        "AGR",
        "REF",
        "REL",
        "MUS",
        "CHR",
        "JEW",
        "HIN",
        "BUD",
        "MED",
        "EDU",
        "HLH",
    }
)


def sole_state(
    noun: Token,
    at: list,
    is_state: Callable[[str], bool],
    *,
    people: bool = True,
    others: Sequence[ActorMention] = (),
) -> ActorMention | None:
    """The one state every actor named in the noun's sentence belongs to, as a mention
    (the first that names it); None when the sentence names none, or names actors of two
    states, of an international body or of a group with no home state (al-Qaeda, "---REB").
    ``people=False``: None too when a person of a known state is named (a person of no
    known state beside one is as often that person's foreign counterpart: "Putin received
    envoy X"). A state named only by its bare name is no setting either: it is as often the
    other side ("rebels in North Kivu accused Rwanda"); its people, officials, government
    or bodies are ("... the resignation of Algerian President X", "Chilean officials").
    ``others``: mentions the roles component resolved beyond the sentence's own (the
    event's other side: "rebels in the Ivory Coast"), read like those of the sentence."""
    first: ActorMention | None = None
    anchored = False
    for m in [at[tok.i] for tok in noun.sent] + list(others):
        if m is not None and not m.country and m.code:
            return None
        if m is None or not m.country:
            continue
        if not people and m.kind == "person":
            return None
        if not is_state(m.country) or (first is not None and m.country != first.country):
            return None
        first = first or m
        anchored = anchored or m.kind != "state" or m.sector is not None
    return first if anchored else None


def domestic_group(
    noun: Token,
    at: list,
    agents: Mapping[str, str],
    is_state: Callable[[str], bool],
    international: frozenset[str] = frozenset(),
) -> ActorMention | None:
    """An agent noun (``agents``: lower-case phrase -> sector, PETRARCH2's agents with our
    sector nouns) of people who act at home (``PEOPLE_SECTORS``) that names no state of its
    own, in a sentence whose named actors are all of one state: a group of that state
    ("fundamentalists ... Algerian President X"). Not when a modifier in ``international``
    (triggers.tsv @international) says the people are no one state's ("the international
    community")."""
    if noun.pos_ not in ("NOUN", "PROPN") or at[noun.i] is not None:
        return None
    if any(c.dep_ in ("amod", "compound") and c.lower_ in international for c in noun.children):
        return None
    sector = sector_of(noun, agents)
    if sector not in PEOPLE_SECTORS:
        return None
    state = sole_state(noun, at, is_state)
    if state is None:
        return None
    start = noun.left_edge.i if noun.left_edge.i >= noun.i - 3 else noun.i
    span = noun.doc[start : noun.i + 1]
    return ActorMention(
        start, noun.i + 1, span.text, "group", name=span.text, country=state.country, sector=sector,
        source="context", how=f"{noun.text}: of the one state its sentence names ('{state.entity_text}')",
    )  # fmt: skip


def domestic_person(
    m: ActorMention,
    noun: Token,
    at: list,
    is_state: Callable[[str], bool],
    others: Sequence[ActorMention] = (),
) -> ActorMention:
    """A titled person or a group the knowledge base gave no country ("Judge X", "President
    Y" of no known state, a people's name) in a sentence whose other named actors are all
    of one state: a copy of that state; the mention itself otherwise. An untitled name is
    left alone: a private person's nationality is not the sentence's; so is a group with a
    CAMEO code of its own (a transnational group: "IMGMUSISI")."""
    if m.country or m.code or not m.name or not (m.kind == "group" or (m.kind == "person" and m.office)):
        return m
    # an opposition leader, a rebel commander: people who act at home, whoever faces them
    state = sole_state(noun, at, is_state, people=m.sector in PEOPLE_SECTORS, others=others)
    if state is None:
        return m
    return replace(
        m, country=state.country, how=f"{m.how or m.entity_text}; of the one state its sentence names"
    )
