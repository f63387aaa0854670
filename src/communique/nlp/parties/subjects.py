"""Who acts, read from the predicate's subject or a passive's "by" phrase.

Active voice: the subject acts, by its own name, as the parties of the event before
("the sides"), as the people a demonym names ("Israeli tanks"), as a group the context
places ("police in Lagos") or as the speaker of a quote ("I welcome ..."). Passive voice:
the "by" phrase acts and the subject receives, unless the participle names a state of the
subject's own ("Israel is opposed to"). A clause with no subject of its own takes the one
of the document that speaks ("Russia issued a statement condemning ...").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from communique.nlp.context import agent_in_context, unidentified_armed_group
from communique.nlp.discourse import collective_parties, definite_antecedent, is_collective, named_states
from communique.nlp.frames import ActorMention, EventFrame
from communique.nlp.parties.counterparts import only_modifiers, separate_parts
from communique.nlp.parties.groups import NounGroups
from communique.nlp.parties.phrases import LOCATIVE_PREPS, mentions_in
from communique.nlp.parties.roots import FORCE_ROOTS
from communique.nlp.parties.speakers import (
    FIRST_PERSON,
    adjacent_subject,
    clause_head,
    first_person_speaker,
    reported_speaker,
    reporting_subjects,
)
from communique.nlp.parties.speakers import subject as subject_of
from communique.nlp.syntax import carrier_of


class SubjectRoles(NounGroups):
    """Actors (and a passive's patient) of a predicate (module docstring)."""

    def _issuer(self, pred: Token) -> Token | None:
        """The subject of the verb that issues the document an "-ing" clause describes
        ("Russia issued a statement condemning the strike", "the Council adopted a
        resolution demanding ..."; triggers.tsv @document): the document speaks for it."""
        doc_noun = pred.head
        if pred.dep_ != "acl" or pred.tag_ != "VBG" or doc_noun.lemma_.lower() not in self.documents:
            return None
        carrier = carrier_of(doc_noun)
        if carrier is None or doc_noun.dep_ != "dobj":
            return None
        return subject_of(carrier)

    def _stative(self, pred: Token) -> bool:
        """A passive form that names the subject's own state ("were engaged in", "is opposed
        to"; triggers.tsv @stative), with no "by" phrase naming someone else as the doer."""
        return pred.lower_ in self.stative_participles and not any(c.dep_ == "agent" for c in pred.children)

    def _subject_roles(
        self, doc: Doc, frame: EventFrame, pred: Token, passive: bool, coded: list[EventFrame]
    ) -> tuple[list[ActorMention], list[ActorMention]]:
        """Actors (and a passive's patient) from the predicate's subject or "by" phrase."""
        at = self._at
        trigger = doc[frame.trigger]
        actors: list[ActorMention] = []
        recipients: list[ActorMention] = []
        subject = subject_of(pred)
        if passive and self._stative(pred):
            # "Serb forces were engaged in fighting", "Israel is opposed to": a state of the
            # subject's own, not something done to it; its subject acts
            # (the parser may hang the subject off the auxiliary: "Peru <- is opposed")
            heads = [pred, *(c for c in pred.children if c.dep_ == "auxpass")]
            for child in (c for h in heads for c in h.children if c.dep_ in ("nsubjpass", "nsubj")):
                actors += mentions_in(child, at, depth=1) or self._demonym_group(child)
        elif passive:
            for child in pred.children:
                if child.dep_ == "agent":
                    actors += mentions_in(child, at)
                if child.dep_ == "nsubjpass":
                    # "two Turkish truck drivers were kidnapped": the people a demonym names
                    recipients += mentions_in(child, at, depth=1) or self._demonym_group(child)
            if not actors:  # "was demolished by a Ukrainian protester"
                actors += self._by_agent_group(pred)
            if not actors:  # "were killed in Israeli tank shelling": who fired
                actors += self._attack_modifier(pred)
        elif (subject is None or subject.head.i != pred.i) and (split := self._gerund_attacker(trigger)):
            actors += split  # "Israeli tank shelling in Gaza" read as noun + verb
        elif subject is not None:
            actors += mentions_in(subject, at, depth=1, skip=LOCATIVE_PREPS)
            if is_collective(subject) and (not actors or only_modifiers(actors, subject)):
                # "The leaders ..." / "The CIS leaders ..." after separate calls with each of
                # them: the people of those calls, each acting in their own (see _label)
                parts = separate_parts(coded)
                if parts:
                    self._collective_parts[frame.trigger] = parts
            if not actors and is_collective(subject):
                actors = collective_parties(subject, coded, named_states(subject, at))
            if not actors:
                actors += self._demonym_group(subject)  # "Israeli tanks shelled ..."
            if not actors:
                actors += definite_antecedent(subject, at)  # "a US delegation ... The delegation met"
            if not actors and subject.lower_ in FIRST_PERSON:
                actors += first_person_speaker(subject, at, self.statement)  # 'X said: "I welcome ..."'
            if (
                not actors
                and (agent := agent_in_context(subject, at, self.sector_nouns, self._place_country))
                is not None
            ):
                actors.append(agent)  # "security forces in Guinea tortured ..."
            if not actors:  # "Bosnian Serbs said their forces had completed ...", "the rebels said they will"
                actors += reported_speaker(subject, at, self.demonyms)
            if not actors:  # "thousands of Iraqi Kurds", "police ... in Lagos"
                actors += self._group_in_context(subject, pred)
            if not actors:  # "recent US drone attacks have killed ..."
                actors += self._modifier_actor(subject)
            if not actors and frame.cameo[:2] in FORCE_ROOTS:  # "Insurgents shelled ...": of no known state
                actors += (
                    [g] if (g := unidentified_armed_group(subject, self.sector_nouns)) is not None else []
                )
            if not actors and frame.cameo[:2] not in FORCE_ROOTS:
                # "fundamentalists demanded the resignation of Algerian President X"; not an
                # attack ("protesters attacked the Egyptian embassy" are not Egypt's)
                actors += self._domestic_group(subject, pred)
            for said in reporting_subjects(subject) if not actors else ():
                # "the Green Dawn party said it will boycott Tunisia's elections": the speaker,
                # a kind of people the context places, as if it were the subject itself
                actors += self._group_in_context(said, said.head)
                if not actors and frame.cameo[:2] not in FORCE_ROOTS:
                    actors += self._domestic_group(said, said.head)
        elif (speaker := self._issuer(pred)) is not None:
            actors += mentions_in(
                speaker, at, depth=1, skip=LOCATIVE_PREPS
            )  # "X issued a statement condemning"
        elif pred.dep_ == "acl" and pred.tag_ == "VBN" and trigger.i == pred.i:
            recipients += mentions_in(pred.head, at, depth=1)  # "soldiers killed in Ukraine": the patient
        else:
            actors += adjacent_subject(doc, clause_head(pred), at)
        return actors, recipients
