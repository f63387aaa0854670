"""Small questions about the dependency parse that several components ask."""

from __future__ import annotations

from spacy.tokens import Token

MEDIUM_PREPS = frozenset({"by", "over", "via", "on"})
#: Auxiliaries of the future tense ("wo" is how spaCy splits "won't").
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def coordinated_with(verb: Token) -> Token:
    """The verb a conjunct verb is coordinated with: its head, unless the parser hung a
    bare infinitive on the finite verb of a relative clause ("to talk to guards and others
    who survived the blast and meet with the president": "meet" goes with "talk", not with
    "survived"). A bare verb and a finite one are no conjuncts, so the verb above the
    relative clause's noun is the real partner."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VB" or head.tag_ not in FINITE_TAGS or head.dep_ != "relcl":
        return head
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return head  # "that is open to and will explore ...": a finite verb of the clause too
    node = head.head
    while node.head.i != node.i and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    return node if node.pos_ in ("VERB", "AUX") else head


def carrier_of(noun: Token) -> Token | None:
    """The verb a noun is the object of ("held talks" -> held), through conjunctions."""
    tok = noun
    while tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head
    if tok.dep_ in ("dobj", "nsubjpass", "attr", "obj") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    return None


def governing_verb(noun: Token) -> Token | None:
    """The verb above a prepositional object ("participated in the meeting" -> participated)."""
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("VERB", "AUX"):
        return noun.head.head
    return carrier_of(noun)


def objects_of(tok: Token) -> list[Token]:
    """Nouns the trigger acts on: objects, passive subjects, prepositional objects, and
    for a participle ("the Memorandum ... signed on 7 November") the noun it modifies."""
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass", "obj", "attr"):
            out.append(child)
            out.extend(c for c in child.children if c.dep_ in ("compound", "conj"))
        elif child.dep_ == "prep":
            out.extend(g for g in child.children if g.dep_ == "pobj")
    if tok.dep_ in ("acl", "relcl", "amod"):
        node = tok.head
        for _ in range(5):  # walk up through "on ... of ..." to the noun that was signed
            out.append(node)
            out.extend(c for c in node.children if c.dep_ == "compound")
            if node.dep_ in ("pobj", "conj", "compound", "appos", "prep"):
                node = node.head
            else:
                break
    return out


def has_medium(tok: Token, words: frozenset[str]) -> bool:
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.lemma_.lower() in words:
            return True
        if child.dep_ == "prep" and child.lower_ in MEDIUM_PREPS:
            if any(g.lemma_.lower() in words for g in child.children if g.dep_ == "pobj"):
                return True
    return False
