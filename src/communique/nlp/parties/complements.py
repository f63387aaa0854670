"""The other side named in a clause the trigger governs, not in its own phrases.

"ready to sign the agreement with Azerbaijan", "pledged to help Ukraine": the complement
of a stance or intent names its target; "threatened to stop the talks if X ...": the
subject of the condition is the one threatened; "insists that X must first amend": the
subject of the demanded clause is the one asked.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from communique.nlp.frames import ActorMention
from communique.nlp.parties.phrases import mentions_in, pobj_mentions

# "to impose restrictions against German goods": the complement's object's own target.
COMPLEMENT_PREPS = frozenset({"with", "to", "against", "on", "toward", "towards"})


def complement_recipients(trigger: Token, at: list, group: Callable | None = None) -> list[ActorMention]:
    """ "ready to sign the agreement with Azerbaijan", "pledged to help Ukraine", "willing to
    withdraw its troops from Lebanon": the other
    side named in the complement clause of a stance or intent; failing a named actor, the
    people a demonym names there or in the object's own phrase ("threatened to impose
    restrictions against German goods": ``group`` reads "German goods" as Germany's)."""
    out: list[ActorMention] = []
    nouns: list[Token] = []
    for clause in complement_clauses(trigger):
        for child in clause.children:
            if child.dep_ in ("dobj", "dative"):
                out += mentions_in(child, at)
                nouns.append(child)
                nouns += [
                    g
                    for p in child.children
                    if p.dep_ == "prep" and p.lower_ in COMPLEMENT_PREPS
                    for g in p.children
                    if g.dep_ == "pobj"
                ]
            elif child.dep_ == "prep" and child.lower_ in ("with", "to", "against", "from"):
                out += pobj_mentions(child, at)
                nouns += [g for g in child.children if g.dep_ == "pobj"]
    if out or group is None:
        return out
    for noun in nouns[1:] + nouns[:1]:  # the object's own target before the object itself
        out += [m for m in group(noun) if m.country]
        if out:
            break
    return out


def complement_clauses(trigger: Token, depth: int = 3) -> list[Token]:
    """The verbs of a stance's complement, through chained complements: "committed to
    continuing to provide X" -> continuing, provide; "pledged to help" -> help."""
    out: list[Token] = []
    frontier = [trigger]
    for _ in range(depth):
        nxt: list[Token] = []
        for node in frontier:
            for child in node.children:
                if child.dep_ == "xcomp" or infinitive(child):
                    nxt.append(child)
                elif child.dep_ == "prep" and child.lower_ == "to":
                    nxt.extend(g for g in child.children if g.dep_ == "pcomp")
        out += nxt
        frontier = nxt
    return out


def condition_subject(pred: Token, at: list) -> list[ActorMention]:
    """The subject of an "if"/"unless" clause on the act or its content: whoever must act
    (or not) for the threat to be carried out is its target."""
    heads = [pred, *(c for c in pred.children if c.dep_ in ("xcomp", "ccomp") or infinitive(c))]
    for head in heads:
        for clause in (c for c in head.children if c.dep_ == "advcl"):
            if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children):
                for subj in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                    found = mentions_in(subj, at, depth=1)
                    if found:
                        return found
    return []


def infinitive(clause: Token) -> bool:
    """ "threatened on Monday to impose ...": the small model often parses the complement
    as an adverbial clause; a "to" infinitive there is still the content."""
    return clause.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def obliged_subject(pred: Token, at: list) -> list[ActorMention]:
    """The subject of the reported clause (or of one of its conjuncts) that says who "must" act."""
    for child in (c for c in pred.children if c.dep_ == "ccomp"):
        for clause in [child, *(c for c in child.children if c.dep_ == "conj")]:
            if any(c.dep_ == "aux" and c.lower_ == "must" for c in clause.children):
                for subj in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                    return mentions_in(subj, at, depth=1)
    return []


def clause_subject(pred: Token, at: list) -> list[ActorMention]:
    """The subject of the clause a demand governs ("insists that Armenia must first amend"),
    or of the "that" clause of the demand its object or prepositional object names
    ("insisted on its demands that the government grant ...", "renewed its call that X ...")."""
    clauses = [c for c in pred.children if c.dep_ in ("ccomp", "xcomp")]
    nouns = [c for c in pred.children if c.dep_ in ("dobj", "obj")]
    nouns += [g for c in pred.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    clauses += [
        c for n in nouns for c in n.children
        if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ]  # fmt: skip
    for clause in clauses:
        for grandchild in clause.children:
            if grandchild.dep_ in ("nsubj", "nsubjpass"):
                return mentions_in(grandchild, at, depth=1)
    return []


def infinitive_subject(pred: Token, at: list) -> list[ActorMention]:
    """The subject of a "to" clause the predicate governs with a subject of its own
    ("allowed X to hold a rally", "forced Y to withdraw"): the one the act permits or
    compels. Not a "that" clause (what someone says, not whom the act is aimed at)."""
    for clause in (c for c in pred.children if c.dep_ == "ccomp"):
        if not any(a.dep_ == "aux" and a.lower_ == "to" and a.i < clause.i for a in clause.children):
            continue
        for subj in (g for g in clause.children if g.dep_ == "nsubj"):
            # the subject itself, not a name inside it ("Haiti's elections to take place")
            return mentions_in(subj, at, depth=0)
    return []


# How far up from a relative clause's antecedent to the clause that names whose act it is.
OWNER_DEPTH = 6
RELATIVE_DEPS = frozenset({"dobj", "obj", "nsubj"})
OWNER_PATH_DEPS = frozenset({"dobj", "obj", "pobj", "pcomp", "prep", "acl", "xcomp", "compound"})


def antecedent_owner(pred: Token, at: list) -> list[ActorMention]:
    """ "a policy of turning away boats, which the US criticised": what the relative clause
    acts on is its antecedent; failing a name there, whoever the antecedent's own clause
    says did it (Malaysia and Indonesia "maintained a policy ...")."""
    if pred.dep_ != "relcl":
        return []
    subjects = [c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")]
    relative = [
        c for c in pred.children if c.lower_ in ("which", "that") and c.dep_ in ("dobj", "obj", "nsubj")
    ]
    if not relative or (relative[0].dep_ == "nsubj" and len(subjects) < 2):
        return []  # the pronoun is the subject: "boats which sank"
    node = pred.head
    found = mentions_in(node, at, depth=1)
    for _ in range(OWNER_DEPTH):
        if found or node.dep_ not in OWNER_PATH_DEPS or node.head is node:
            break
        node = node.head
        for subj in (c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")):
            found = mentions_in(subj, at, depth=1)
    return found


def demanded_of(pred: Token, at: list, own: set[str | None]) -> list[ActorMention]:
    """ "called for a political transition in which Assad has no part": an appeal for a
    change names, somewhere in what it calls for, the party that must change (the first
    named party of another state than the caller's, relative clauses included)."""
    for prep in (c for c in pred.children if c.dep_ == "prep" and c.lower_ == "for"):
        for tok in (t for g in prep.children if g.dep_ == "pobj" for t in g.subtree):
            m = at[tok.i]
            if m is not None and m.country is not None and m.country not in own:
                return [m]
    return []
