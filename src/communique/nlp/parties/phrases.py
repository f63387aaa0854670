"""The actor mentions a phrase of the dependency parse stands for.

A phrase stands for its own mention, its conjuncts' ("X and Y", "X, Y, and Z"), the
nearest mention inside it ("the efforts of the country's leadership" -> the country), and
the states listed after it ("the presidents of A, B and C"). Prepositions decide whether a
phrase is a recipient ("met with X", "sanctions on X") or a topic ("talks on X").
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping

from spacy.tokens import Doc, Token

from communique.nlp.frames import ActorMention, EventFrame
from communique.nlp.syntax import objects_of
from communique.nlp.titles import stance_prefixed

RECIPIENT_PREPS = frozenset({"with", "to", "on", "upon", "against", "toward", "towards", "for", "from"})
NOUN_RECIPIENT_PREPS = frozenset({"to", "with", "on", "against", "for", "toward", "towards"})
BLOCKING_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "punct", "cc", "parataxis", "appos"})
SEARCH_DEPTH = 3
# Nouns of a relation to another party: "Israel's militia ally in southern Lebanon", "an
# ally of Russia" is not Israel or Russia; the owner names whose ally, not who.
RELATIONAL_NOUNS = frozenset(
    {"ally", "partner", "neighbour", "neighbor", "rival", "enemy", "foe", "adversary"}
)  # fmt: skip
# "discussed security, including Iran", "issues such as Iran": a topic, never a party.
TOPIC_PREPS = frozenset({"including", "include", "like", "such", "regarding", "concerning", "about", "over"})
# Who acts is never the place where it happened: "attacks in Syria which killed ...",
# "the attack at the U.S. embassy killed ..." (a subject's place is not its actor).
LOCATIVE_PREPS = TOPIC_PREPS | {"in", "at", "near", "outside", "inside", "across", "throughout"}


def recipient_prep(prep: Token, on_is_topic: bool, *, noun: bool = False) -> bool:
    """Whether a preposition introduces the recipient. "on" does for "call on", "sanctions
    on", but not for talks or praise ("exchanged views on X" is a topic, not a party)."""
    word = prep.lower_
    allowed = NOUN_RECIPIENT_PREPS if noun else RECIPIENT_PREPS
    if word not in allowed:
        return False
    if word in ("on", "upon") and on_is_topic:
        return False
    return True


def mentions_in(
    tok: Token, at: list, depth: int = SEARCH_DEPTH, skip: frozenset[str] = TOPIC_PREPS
) -> list[ActorMention]:
    """The actor mentions a phrase stands for: itself and its conjuncts, or the nearest
    mention inside it ("the efforts of the country's leadership" -> the country)."""
    out: list[ActorMention] = []
    for node in [tok, *conjuncts(tok)]:
        found = nearest(node, at, depth, skip)
        if found is not None:
            out.append(found)
            out += _listed_with(node, found, at)
    return out


def _listed_with(node: Token, found: ActorMention, at: list) -> list[ActorMention]:
    """ "the presidents of A, B and C", "officials from A, B and C": the people of every
    listed state, not only the first (the list hangs off the first name, not the head noun)."""
    doc = node.doc
    if found.start <= node.i < found.end:
        # "President of A Name, President of B Name and President of C Name": the parser hangs
        # the list off the first name; a listed title of another state is another person.
        # The list goes on from each listed name ("A Name, President of A, B Name, President
        # of B, ..." chains each item off the one before), a repeated title included.
        out: list[ActorMention] = []
        todo, visited = [found], {(found.start, found.end)}
        while todo:
            current = todo.pop(0)
            for tok in doc[current.start : current.end]:
                for child in tok.children:
                    if child.dep_ not in ("conj", "appos") or current.start <= child.i < current.end:
                        continue
                    for item in [child, *conjuncts(child)]:
                        m = nearest(item, at, 2)
                        if m is None or (m.start, m.end) in visited:
                            continue
                        visited.add((m.start, m.end))
                        todo.append(m)
                        seen = {found.country, *(o.country for o in out)}
                        if m.country and m.country not in seen:
                            out.append(m)
        return out
    root = next((t for t in doc[found.start : found.end] if not (found.start <= t.head.i < found.end)), None)
    if root is None or root.head.dep_ != "prep" or root.head.lower_ not in ("of", "from", "with", "against"):
        return []
    return [m for c in conjuncts(root) if (m := nearest(c, at, 0)) is not None]


def nearest(tok: Token, at: list, depth: int, skip: frozenset[str] = TOPIC_PREPS) -> ActorMention | None:
    """The first mention met breadth-first below ``tok`` (prepositions cost no depth)."""
    queue: deque[tuple[Token, int]] = deque([(tok, 0)])
    while queue:
        node, d = queue.popleft()
        if at[node.i] is not None:
            return at[node.i]
        if d >= depth:
            continue
        relation = node.pos_ == "NOUN" and node.lemma_.lower() in RELATIONAL_NOUNS
        for child in node.children:
            if child.dep_ in BLOCKING_DEPS or child.dep_ == "conj" or child.lower_ in skip:
                continue
            if relation and (child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ == "of")):
                continue  # "Israel's ally", "an ally of Russia": whose ally, not who
            queue.append((child, d if child.dep_ in ("prep", "case", "det") else d + 1))
    return None


def conjuncts(tok: Token) -> Iterable[Token]:
    """Coordinated phrases: "X and Y", and "X, Y, and Z" which the parser often reads as
    an apposition (only between states or bodies: "Borrell, the EU's chief" is one person)."""
    for child in tok.children:
        if child.dep_ == "conj" or (child.dep_ == "appos" and _list_item(tok, child)):
            yield child
            yield from conjuncts(child)


def _list_item(head: Token, appos: Token) -> bool:
    return head.ent_type_ in ("GPE", "ORG", "NORP") and appos.ent_type_ in ("GPE", "ORG", "NORP")


def pobj_mentions(prep: Token, at: list) -> list[ActorMention]:
    """The mentions of a preposition's object(s)."""
    out = []
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            out += mentions_in(child, at)
    return out


def list_tail(prep: Token, at: list) -> list[ActorMention]:
    """The last item of a list the parser hung on the verb instead of the list ("spoke with
    A of France, B of Germany, C of Italy, and D of the United Kingdom": D as the verb's
    conj). A noun is never a verb's conjunct; after a list in the preposition's object, it
    ends that list."""
    pobjs = [c for c in prep.children if c.dep_ == "pobj"]
    verb = prep.head
    if not pobjs or not any(c.dep_ == "conj" for c in pobjs[0].children) or verb.pos_ not in ("VERB", "AUX"):
        return []
    return [
        m
        for c in verb.children
        if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN") and c.i > pobjs[0].i
        for m in mentions_in(c, at)
    ]


def between(doc: Doc, frame: EventFrame, at: list) -> list[ActorMention]:
    """Parties named by "between X and Y" on the trigger, its object or the thing signed."""
    candidates = [doc[frame.trigger], *objects_of(doc[frame.trigger])]
    for node in candidates:
        queue: deque[tuple[Token, int]] = deque([(node, 0)])
        while queue:  # "the Memorandum of Understanding on Strategic Partnership between X and Y"
            tok, depth = queue.popleft()
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "between":
                    parties = pobj_mentions(child, at)
                    if len(parties) >= 2:
                        return parties
                if depth < 3 and child.dep_ in ("prep", "pobj", "compound") and child.i != frame.trigger:
                    queue.append((child, depth + (child.dep_ != "prep")))
                elif depth == 0 and child.dep_ == "acl" and child.tag_ == "VBN":
                    queue.append((child, 1))  # "the talks held in Geneva between X and Y"
    return []


def of_chain_recipients(
    of: Token, at: list, on_is_topic: bool, targets: frozenset[str] = frozenset()
) -> list[ActorMention]:
    """ "a gift of 500 pounds of supplies to X": the "to" hangs off the thing given;
    ``targets`` are the root's own target prepositions ("the withdrawal of forces from X")."""
    out: list[ActorMention] = []
    for _ in range(3):
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None)
        if pobj is None:
            return out
        nxt = None
        for prep in (c for c in pobj.children if c.dep_ == "prep"):
            if prep.lower_ == "of":
                nxt = prep
            elif recipient_prep(prep, on_is_topic, noun=True) or prep.lower_ in targets:
                out += pobj_mentions(prep, at)
        if out or nxt is None:
            return out
        of = nxt
    return out


def demonym_group(noun: Token, demonyms: Mapping[str, tuple[str, str]]) -> list[ActorMention]:
    """A noun with no name of its own, modified by a demonym ("Israeli tanks", "Afghan
    civilians"): a group of that state (the actors component names only people and bodies)."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return []
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.i < noun.i:
            mention = demonym_mention(child, noun, demonyms)
            if mention is not None:
                return [mention]
    return []


def demonym_mention(
    modifier: Token, noun: Token, demonyms: Mapping[str, tuple[str, str]]
) -> ActorMention | None:
    """The group "<modifier> ... <noun>" names when the modifier is a demonym ("Israeli
    tanks" -> a group of Israel), else None."""
    found = demonyms.get(modifier.text)
    if found is None or found[0] != "demonym" or stance_prefixed(modifier):
        return None  # "pro-Russian separatists": whom they favour, not their state
    span = noun.doc[modifier.i : noun.i + 1]
    mention = ActorMention(modifier.i, noun.i + 1, span.text, "group", name=span.text)
    mention.country, mention.source = found[1], "demonym"
    return mention


def object_target(
    pred: Token, at: list, on_is_topic: bool, demonyms: Mapping[str, tuple[str, str]]
) -> list[ActorMention]:
    """A dictionary pattern names the object ("issued arrest warrants for two Brazilian
    men"): PETRARCH's target sits in the object's own phrase."""
    out: list[ActorMention] = []
    for obj in (c for c in pred.children if c.dep_ in ("dobj", "obj")):
        for prep in (c for c in obj.children if c.dep_ == "prep"):
            if recipient_prep(prep, on_is_topic, noun=True):
                out += pobj_mentions(prep, at)
                if not out:
                    out += [m for g in prep.children if g.dep_ == "pobj" for m in demonym_group(g, demonyms)]
    return out


def regional_states(
    noun: Token, at: list, collective: frozenset[str], regions: frozenset[str]
) -> list[ActorMention]:
    """ "We urge the governments of the region": a plural state noun (``collective``) of
    "the region" (``regions``) with no names of its own stands for the states the article
    has named before it (one mention each, in order of first mention)."""
    if noun.lemma_.lower() not in collective or noun.tag_ != "NNS":
        return []
    of_region = any(
        p.dep_ == "prep" and p.lower_ in ("of", "in") and any(g.lemma_.lower() in regions for g in p.children)
        for p in noun.children
    )
    if not of_region:
        return []
    out: dict[str, ActorMention] = {}
    for m in at[: noun.sent.start]:
        if m is not None and m.kind == "state" and m.country and m.country not in out:
            out[m.country] = m
    return list(out.values())


HYPHENS = ("-", "–", "/")


def hyphenated_parties(
    noun: Token, at: list, names: Mapping[str, tuple[str, str]] | None = None
) -> list[ActorMention]:
    """ "the U.S.-China talks", "the France-India dialogue": states joined by a hyphen in the
    event noun's own left modifiers are its parties (one joint act), when they name two or
    more countries. ``names`` (the codebook's actor names) reads a pair the tokenizer kept
    as one word ("U.S.-China")."""
    doc = noun.doc
    found: list[ActorMention] = []
    for tok in doc[noun.left_edge.i : noun.i]:
        m = at[tok.i]
        if m is None and names is not None and any(h in tok.text for h in HYPHENS):
            pair = _named_pair(tok, names)
            if pair:
                return pair
        if m is None or m.country is None or (found and found[-1] is m):
            continue
        if found:
            gap = doc[found[-1].end : m.start]
            if len(gap) != 1 or gap[0].text not in HYPHENS:
                break  # only states joined by the hyphen itself
        found.append(m)
    return found if len({m.country for m in found}) >= 2 else []


def _named_pair(tok: Token, names: Mapping[str, tuple[str, str]]) -> list[ActorMention]:
    """The states or bodies of a hyphenated word whose every part is an actor's name."""
    text = tok.text
    for h in HYPHENS[1:]:
        text = text.replace(h, HYPHENS[0])
    out: list[ActorMention] = []
    for part in text.split(HYPHENS[0]):
        found = names.get(part)
        if found is None or found[0] not in ("state", "igo"):
            return []
        mention = ActorMention(tok.i, tok.i + 1, part, "state" if found[0] == "state" else "organization")
        mention.country, mention.source = found[1], "name"
        out.append(mention)
    return out if len({m.country for m in out}) >= 2 else []
