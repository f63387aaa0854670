"""Who a noun with no name of its own stands for: "thousands of Iraqi Kurds", "police in
Lagos", "US Predator attacks", "in protest against Israeli raids".

A subject, object or "by" phrase often names a kind of people, an amount of a group or an
act with its doer's nationality, not an actor of the knowledge base. These rules find the
group, state or doer such a noun speaks for (the named mention inside it, the people a
demonym names, the state its clause places it in), so that the role rules can treat it as
if it were named.
"""

from __future__ import annotations

from spacy.tokens import Token

from communique.nlp.context import agent_in_context, partitive_core
from communique.nlp.frames import ActorMention
from communique.nlp.parties.domestic import domestic_group
from communique.nlp.parties.phrases import LOCATIVE_PREPS, demonym_mention, mentions_in, pobj_mentions
from communique.nlp.parties.reader import RoleReader
from communique.nlp.parties.speakers import SUBJECT_DEPS


class NounGroups(RoleReader):
    """The group, state or doer a noun with no name of its own stands for (module docstring)."""

    def _group_in_context(self, subject: Token, clause: Token) -> list[ActorMention]:
        """A subject naming an amount or part of a group ("thousands of Iraqi Kurds", "leaders
        of X") stands for that group; an agent noun with no state of its own ("police", "the
        opposition") is of the state where its clause places the act (context.py)."""
        core = partitive_core(subject)
        found = self._partitive_group(core)
        if found:
            return found
        if subject.dep_ in SUBJECT_DEPS and subject.head.pos_ in ("VERB", "AUX"):
            clause = subject.head  # the verb the subject is of ("marched in X to demand")
        agent = agent_in_context(core or subject, self._at, self.sector_nouns, self._place_country, clause)
        return [agent] if agent is not None else []

    def _object_group(self, obj: Token) -> list[ActorMention]:
        """An object that counts or names people with no name of their own: "scores of
        Peruvian refugees", "opposition activists in Lima" (context.py, own phrase only)."""
        core = partitive_core(obj)
        found = self._partitive_group(core)
        if found:
            return found
        agent = agent_in_context(core or obj, self._at, self.sector_nouns, self._place_country)
        return [agent] if agent is not None else []

    def _partitive_group(self, core: Token | None) -> list[ActorMention]:
        """Who the group an amount or part names is ("thousands of Iraqi Kurds" -> the Kurds'
        state): its own named actor, or the people a demonym names."""
        if core is None:
            return []
        return mentions_in(core, self._at, depth=1, skip=LOCATIVE_PREPS) or self._demonym_group(core)

    def _modifier_actor(self, noun: Token) -> list[ActorMention]:
        """The state a noun's own left modifiers name ("US Predator attacks", "Israeli tank
        shelling", "Palestinian riots"): who did the act the noun reports."""
        doc = noun.doc
        for tok in doc[noun.left_edge.i : noun.i]:
            node = tok
            while node.i != noun.i and node.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod"):
                node = node.head
            if node.i != noun.i:
                continue  # not a modifier chain of the noun ("near the town of X")
            m = self._at[tok.i]
            if m is not None and m.country and m.kind in ("state", "group", "organization"):
                return [m]
            mention = demonym_mention(tok, noun, self.demonyms)
            if mention is not None:
                return [mention]
        return []

    def _attack_modifier(self, pred: Token) -> list[ActorMention]:
        """A passive with no "by" actor whose act happened "in" or "by" an attack the text
        names with its attacker's state ("were killed in Israeli tank shelling")."""
        for prep in (c for c in pred.children if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by")):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                if pobj.i in self._force_at:
                    found = self._modifier_actor(pobj)
                elif pobj.i + 1 in self._force_at and gerund_modifiee(pobj.doc[pobj.i + 1]) == pobj:
                    found = self._modifier_actor(pobj)  # the parser split "tank | shelling"
                else:
                    continue
                if found:
                    return found
        return []

    def _grievance_of(self, head: Token) -> list[ActorMention]:
        """Whose act a complaint is about ("over Israeli air raids", "about its tariffs", "over
        Russia"): the object noun's own nationality or owner, or a state named as the object
        itself; not a name deeper in its phrases ("over the killing of Kenyans" names victims)."""
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in self.grievance_preps):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                found = self._whose_act(pobj)
                if found:
                    return found
        return []

    def _whose_act(self, noun: Token) -> list[ActorMention]:
        """Who a noun protested or complained about names: a state or body as the noun itself,
        the noun's own nationality or owner ("Israeli raids", "its tariffs"), or its "by"
        phrase ("violations by Algerian security forces")."""
        own = self._at[noun.i]
        if own is not None and own.country:
            return [own]
        found = self._modifier_actor(noun)
        for by in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" and not found):
            for pobj in (g for g in by.children if g.dep_ == "pobj"):
                found = found or pobj_mentions(by, self._at)
                found = found or self._modifier_actor(pobj) or self._demonym_group(pobj)
        return found

    def _protested(self, head: Token) -> list[ActorMention]:
        """Whom an act done "in protest against X" or "in defiance of X" is aimed at (the
        frame nouns and their prepositions: triggers.tsv @protest_frame, @protest_preps)."""
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "in"):
            nouns = [g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in self.protest_frame]
            for frame_noun in nouns:
                for inner in (
                    c for c in frame_noun.children if c.dep_ == "prep" and c.lower_ in self.protest_preps
                ):
                    for pobj in (g for g in inner.children if g.dep_ == "pobj"):
                        found = self._whose_act(pobj)
                        if found:
                            return found
        return []

    def _gerund_attacker(self, trigger: Token) -> list[ActorMention]:
        """Who did an "-ing" act the parser split from its noun ("Israeli tank | shelling"):
        the state the noun's own modifiers name."""
        noun = gerund_modifiee(trigger)
        return self._modifier_actor(noun) if noun is not None else []

    def _by_agent_group(self, pred: Token) -> list[ActorMention]:
        """The "by" phrase of a passive that names no actor of its own: the people a demonym
        names ("by a Ukrainian protester") or an agent noun in context ("by police in Lagos")."""
        for agent in (c for c in pred.children if c.dep_ == "agent"):
            for pobj in (g for g in agent.children if g.dep_ == "pobj"):
                found = self._demonym_group(pobj) or self._group_in_context(pobj, pred)
                if found:
                    return found
        return []

    def _domestic_group(self, subject: Token, pred: Token) -> list[ActorMention]:
        """An agent noun with no state of its own, of the one state its sentence names
        (``parties.domestic``); the group an amount or part names stands for it. Not the
        noun a participle describes ("the civilians imprisoned for ..."): what was done to it."""
        if pred.dep_ == "acl" and pred.tag_ == "VBN" and pred.head.i == subject.i:
            return []
        core = partitive_core(subject) or subject
        found = domestic_group(core, self._at, self.agents, self._is_state, self.international)
        return [found] if found is not None else []


def gerund_modifiee(trigger: Token) -> Token | None:
    """The noun the parser took apart from an "-ing" event noun ("in Israeli tank shelling"
    read as "in [Israeli tank] [shelling]"): the noun right before a subjectless gerund that
    ends its own phrase there. Its modifiers are the event's, as in "US drone strikes"."""
    if trigger.tag_ != "VBG" or trigger.i == 0 or any(c.dep_ in SUBJECT_DEPS for c in trigger.children):
        return None
    noun = trigger.doc[trigger.i - 1]
    if noun.pos_ not in ("NOUN", "PROPN") or noun.right_edge.i != noun.i or noun.head.i >= trigger.i:
        return None
    if trigger.head.i == noun.i:
        return None  # "a resolution censuring X": a clause of the noun, not one word with it
    return noun
