"""The recipients an active predicate's own phrases name: its object ("urged Iran"), its
recipient prepositions ("met with X", "imposed sanctions on X", "aimed at X") and small
clauses ("held Russia accountable").

An object's place is a venue or a topic in talks and cooperation ("signed an agreement in
X") but the target of an act aimed at it ("condemned attacks in X"): event_rules.tsv
on_topic tells which. When no phrase names a party, the object's own people, region or
target may ("shelled Afghan villages", "urged the governments of the region").
"""

from __future__ import annotations

from spacy.tokens import Token

from communique.nlp.discourse import definite_antecedent
from communique.nlp.frames import ActorMention, EventFrame
from communique.nlp.parties.groups import NounGroups
from communique.nlp.parties.phrases import (
    LOCATIVE_PREPS,
    TOPIC_PREPS,
    list_tail,
    mentions_in,
    object_target,
    pobj_mentions,
    recipient_prep,
    regional_states,
)
from communique.nlp.patterns import DICTIONARY_RULE


class ObjectRoles(NounGroups):
    """Recipients of an active predicate's object and prepositions (module docstring)."""

    def _object_recipients(
        self, frame: EventFrame, pred: Token, found: list[ActorMention]
    ) -> list[ActorMention]:
        """``found`` plus the recipients an active predicate's object and prepositional
        phrases name; the fallbacks apply only while none is found."""
        at = self._at
        recipients = list(found)
        for child in pred.children:
            if child.dep_ in ("dobj", "dative", "obj") and child.i != frame.trigger:
                # "signed an agreement in X", "discussed the situation in X": in talks and
                # cooperation (event_rules.tsv on_topic) the object's place is a venue or a
                # topic, not a party; "condemned attacks in X" still aims at X.
                skip = LOCATIVE_PREPS if self._on_topic(frame) else TOPIC_PREPS
                recipients += mentions_in(child, at, skip=skip)
            elif child.dep_ == "prep" and (
                recipient_prep(child, self._on_topic(frame))
                or child.lower_ in self.codebook.event_rule(frame.cameo).target_preps
            ):
                found = pobj_mentions(child, at) + list_tail(child, at)
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    if found and not any(pobj.left_edge.i <= m.start <= pobj.i for m in found):
                        # "opposed to French mediation in talks with Syria": the nationality of
                        # the object noun itself is nearer than a name in its own phrases
                        found = self._modifier_actor(pobj) or found
                if not found:  # "met with Kenyan police leaders": the people a demonym names
                    for pobj in (g for g in child.children if g.dep_ == "pobj"):
                        found += self._demonym_group(pobj) or definite_antecedent(pobj, at)
                recipients += found
            elif child.dep_ == "prt" and (obj := quantity_object(child)) is not None:
                recipients += mentions_in(obj, at) or self._demonym_group(obj)  # "kidnapped up to 16 X"
            elif child.dep_ in ("ccomp", "oprd") and child.pos_ == "ADJ":
                # "held Russia accountable": the small clause's subject is the object
                recipients += [m for g in child.children if g.dep_ == "nsubj" for m in mentions_in(g, at)]
        if not recipients:  # "shelled Afghan villages": the people a demonym names
            for obj in (c for c in pred.children if c.dep_ in ("dobj", "obj")):
                recipients += self._demonym_group(obj) or self._object_group(obj)
        if not recipients:  # "urged the governments of the region": the states named so far
            for obj in (c for c in pred.children if c.dep_ in ("dobj", "obj")):
                recipients += regional_states(obj, at, self.regional, self.regions)
        if not recipients:  # "issued arrest warrants for two Brazilian men"
            for prep in (c for c in pred.children if c.dep_ == "prep"):
                if recipient_prep(prep, self._on_topic(frame)) and prep.lower_ != "from":
                    recipients += [
                        m for g in prep.children if g.dep_ == "pobj" for m in self._demonym_group(g)
                    ]
        if not recipients:  # "fired rounds aimed at a post in India": the object's own target
            targets = self.codebook.event_rule(frame.cameo).target_preps
            for obj in (c for c in pred.children if c.dep_ in ("dobj", "obj")):
                for acl in (c for c in obj.children if c.dep_ == "acl"):
                    for prep in (c for c in acl.children if c.dep_ == "prep" and c.lower_ in targets):
                        recipients += pobj_mentions(prep, at)
        if not recipients and frame.rule.startswith(DICTIONARY_RULE) and frame.specificity > 0:
            # A dictionary pattern names the object ("issued arrest warrants for two
            # Brazilian men"): PETRARCH's target sits in the object's own phrase.
            recipients += object_target(pred, at, self._on_topic(frame), self.demonyms)
        return recipients


def quantity_object(particle: Token) -> Token | None:
    """The object of "kidnapped up to 16 advisers", which the parser reads as a particle
    "up" with a "to" phrase: the counted noun."""
    if particle.lower_ != "up":
        return None
    for prep in (c for c in particle.children if c.dep_ == "prep" and c.lower_ == "to"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if any(c.dep_ == "nummod" for c in pobj.children):
                return pobj
    return None
