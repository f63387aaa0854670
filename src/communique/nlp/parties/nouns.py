"""The parties an event noun's own phrases name: "the visit of X to Y", "talks with Y",
"sanctions on Y", "our three countries' summit", "a US air strike", "the U.S.-China talks".

A trigger that is a noun carries its roles in its possessor, its "of"/"by" phrase, its
prepositions and its modifiers; with no verb to give a subject, the discourse may (the
visitor of the visit before meets, the one who went towards the same party calls).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from communique.nlp.components.triggers import CONSULT_PREFIX
from communique.nlp.discourse import (
    collective_parties,
    is_collective,
    last_actor_towards,
    named_states,
    visit_meeting_actors,
)
from communique.nlp.frames import ActorMention, EventFrame
from communique.nlp.parties.phrases import (
    hyphenated_parties,
    mentions_in,
    of_chain_recipients,
    pobj_mentions,
    recipient_prep,
)
from communique.nlp.parties.subjects import SubjectRoles

NOUN_ACTOR_PREPS = frozenset({"of", "by"})  # an event noun's doer: "the visit of X", "a strike by X"


class NounRoles(SubjectRoles):
    """Actors and recipients of an event noun (module docstring)."""

    def _noun_roles(
        self,
        doc: Doc,
        frame: EventFrame,
        pred: Token | None,
        actors: list[ActorMention],
        recipients: list[ActorMention],
        coded: list[EventFrame],
    ) -> tuple[list[ActorMention], list[ActorMention]]:
        """``actors`` and ``recipients`` (those of the verb, if any) plus the ones the
        trigger's own phrases name when it is a noun (module docstring)."""
        at = self._at
        trigger = doc[frame.trigger]
        if trigger.pos_ in ("NOUN", "PROPN") and not actors:
            # "our three countries' summit": the parties of the event before, as a subject's
            # ("our" alone would name only the speaker's side)
            # ("the Leaders' Summit", a name, has no determiner or number of its own)
            for child in (
                c for c in trigger.children if _possessor(c) and is_collective(c) and _determined(c)
            ):
                actors += collective_parties(child, coded, named_states(child, at))
        if trigger.pos_ in ("NOUN", "PROPN"):
            for child in trigger.children:
                if child.dep_ == "poss" and not actors:
                    actors += mentions_in(child, at, depth=0)
                elif (
                    child.dep_ == "prep"
                    and child.lower_ in NOUN_ACTOR_PREPS
                    and (pred is None or _subject_of_its_verb(trigger, pred))
                    and not actors
                ):
                    # "the visit of X", "an air strike by X on Y": who did what the noun names;
                    # "a meeting of the presidents of A, B and C will be held": its verb's subject
                    actors += pobj_mentions(child, at) or (
                        [m for g in child.children if g.dep_ == "pobj" for m in self._demonym_group(g)]
                        if child.lower_ == "by"
                        else []
                    )
                elif child.dep_ == "prep" and (
                    recipient_prep(child, self._on_topic(frame), noun=True)
                    or child.lower_ in self.codebook.event_rule(frame.cameo).target_preps
                ):
                    found = pobj_mentions(child, at)
                    if not found and child.lower_ != "for":  # "riots against Israeli policies"
                        pobjs = [g for g in child.children if g.dep_ == "pobj"]
                        found = [m for g in pobjs for m in self._demonym_group(g)]
                    recipients += found
                if child.dep_ == "prep" and child.lower_ == "of" and not recipients:
                    # "a gift of 500 pounds of supplies to X": the "to" hangs off the thing given;
                    # "the withdrawal of forces from X" (event_rules.tsv target_preps)
                    recipients += of_chain_recipients(
                        child, at, self._on_topic(frame), self.codebook.event_rule(frame.cameo).target_preps
                    )
        if not actors and pred is None and trigger.pos_ in ("NOUN", "PROPN"):
            actors += self._modifier_actor(trigger)  # "Palestinian riots against ...", "a US air strike"
        if not actors and pred is None and trigger.pos_ in ("NOUN", "PROPN"):
            actors += self._purpose_subject(doc, frame, coded)  # "thousands converged for a rally"
        if not actors and trigger.pos_ in ("NOUN", "PROPN"):
            actors += hyphenated_parties(trigger, at, self.demonyms)  # "the U.S.-China talks"
        if not actors and pred is None and frame.cameo.startswith(CONSULT_PREFIX):
            # "Putin's visit to Turkey began with a meeting with Rouhani": the visitor meets
            actors += visit_meeting_actors(trigger, coded)
        if not actors and pred is None and frame.cameo.startswith(CONSULT_PREFIX) and recipients:
            # "X apologised to Turkey. It happened in a phone call to Erdogan": X calls
            actors += last_actor_towards(trigger, recipients, coded)
        return actors, recipients

    def _purpose_subject(self, doc: Doc, frame: EventFrame, coded: list[EventFrame]) -> list[ActorMention]:
        """Who takes part in an event noun that is the purpose of a movement: "negotiators
        returned to Geneva for talks", "thousands converged on the capital for a rally". Only
        an active verb with no object ("police detained him for the rally" is not the rally)."""
        trigger = doc[frame.trigger]
        prep = trigger.head
        if trigger.dep_ != "pobj" or prep.lower_ != "for" or prep.dep_ != "prep":
            return []
        verb = prep.head
        if verb.pos_ != "VERB" or any(
            c.dep_ in ("dobj", "obj", "dative", "nsubjpass", "auxpass", "ccomp") for c in verb.children
        ):
            return []
        return self._subject_roles(doc, frame, verb, False, coded)[0]


def _possessor(noun: Token) -> bool:
    """A possessive modifier, also when a curly apostrophe hides it from the parser
    ("our three countries’ summit" parsed as a plain noun modifier)."""
    if noun.dep_ == "poss":
        return True
    nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    return noun.dep_ == "nmod" and nxt is not None and nxt.text in ("'", "’")


def _determined(noun: Token) -> bool:
    """The noun has its own determiner, possessive or number ("the two leaders'", "our
    countries'"): a reference to parties, not part of a name ("the Leaders' Summit")."""
    if noun.is_title and noun.i != noun.sent.start:
        return False
    return any(c.dep_ in ("det", "poss", "nummod") for c in noun.children)


def _subject_of_its_verb(trigger: Token, pred: Token) -> bool:
    """The event noun is the subject of the verb that carries it ("a meeting of A and B will
    be held", "talks of the ministers took place"): its own phrases name who acts."""
    return trigger.head.i == pred.i and trigger.dep_ in ("nsubj", "nsubjpass")
