"""The other side of an act whose own phrases name none: who a complaint accuses, whom a
reported clause or a "to" clause names, the host of a visit, the other side of the talks
the speaker is in, the state where the act took place.

Each rule applies only while no recipient is found, in order of how directly the text
names the party: the sentence's own clauses first, then the article's earlier events
(``communique.nlp.discourse``), then the place of the act (PLOVER's place rule).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from communique.nlp.components.triggers import CONSULT_PREFIX
from communique.nlp.context import clause_place, own_state, sector_of
from communique.nlp.discourse import (
    VISIT_CODES,
    answered_party,
    conjoined_recipients,
    host_officials,
    same_target,
    talks_counterpart,
)
from communique.nlp.frames import ActorMention, EventFrame
from communique.nlp.parties.complements import (
    antecedent_owner,
    clause_subject,
    complement_recipients,
    condition_subject,
    demanded_of,
    infinitive_subject,
    obliged_subject,
)
from communique.nlp.parties.groups import NounGroups, gerund_modifiee
from communique.nlp.parties.roots import (
    APPEAL_ROOTS,
    CONFLICT_ROOTS,
    DISAPPROVE_ROOT,
    INHERITED_RECIPIENT_ROOTS,
    INTENT_ROOT,
)
from communique.nlp.parties.speakers import FIRST_PERSON
from communique.nlp.parties.speakers import subject as subject_of
from communique.nlp.parties.visits import speaker_host, visited_place
from communique.nlp.patterns import DICTIONARY_RULE
from communique.nlp.syntax import FUTURE_AUX

UNDERTAKING_AUX = FUTURE_AUX - {"wo"}  # "we will sign": an undertaking; "we won't" is none


class OtherSide(NounGroups):
    """Recipients beyond the predicate's own phrases (module docstring)."""

    def _recipients_from_context(
        self,
        doc: Doc,
        frame: EventFrame,
        pred: Token | None,
        actors: list[ActorMention],
        recipients: list[ActorMention],
        coded: list[EventFrame],
    ) -> list[ActorMention]:
        """``recipients`` as the sentence's clauses and the article's earlier events correct
        or fill them: the host of a visit, the accused of a complaint, the one a reported or
        "to" clause names, the other side of the speaker's talks."""
        at = self._at
        trigger = doc[frame.trigger]
        previous = coded[-1] if coded else None
        actor_states = {a.country for a in actors}
        if (
            frame.cameo in VISIT_CODES
            and pred is not None
            and all(r.country in actor_states for r in recipients)
        ):
            # nobody else named ("led a US delegation to ..." names only the visitor's side)
            recipients += visited_place(pred, self.codebook.gazetteer, self.codebook.display_name)
        if not recipients and actors and pred is None and frame.cameo in VISIT_CODES:
            # "We look forward to Ms Merkel's visit": the speaker hosts it
            recipients += [
                h for h in speaker_host(trigger, at, self.statement) if h.country not in actor_states
            ]
        if frame.lemma in self.grievance and not frame.reversed:
            # "complained to the UN over Israeli raids": the accused, not the addressee
            head = trigger if pred is None else pred
            # ("expressed concern over Peru's actions": the phrase may hang on the noun)
            accused = [
                a
                for a in self._grievance_of(head) or self._grievance_of(trigger)
                if a.country not in actor_states
            ]
            recipients = accused or recipients
        if pred is not None and not frame.reversed:
            # "blocked streets in Hong Kong in defiance of Chinese authorities": at whom the act is aimed
            recipients = self._protested(pred) or recipients  # own state: event_rules.tsv own_country
        if not recipients and actors and pred is not None and previous is not None:
            recipients += answered_party(pred, actors, previous)
        if not recipients and pred is not None and frame.cameo[:2] in ("02", "10"):
            # "insists that Armenia must first amend"; "open to dialogue but that Brazil must be flexible";
            # "wants Iran to halt enrichment" (an appeal to whoever is to act)
            recipients += obliged_subject(pred, at) or clause_subject(pred, at)
        if not recipients and actors and pred is not None and frame.cameo[:2] == DISAPPROVE_ROOT:
            # "claimed that Bolivia had violated the treaty", "complained that Japan ...": the
            # one whose act the reported clause tells is accused (not the accuser's own side)
            own = {a.country for a in actors}
            recipients += [m for m in clause_subject(pred, at) if m.country and m.country not in own]
        if not recipients and pred is not None:
            # "allowed opposition leader X to hold a rally", "forced the company to close": the
            # one whose act the verb permits or compels, the subject of its "to" clause
            recipients += infinitive_subject(pred, at)
        if not recipients and pred is not None:
            group = (
                self._demonym_group if frame.cameo[:2] in CONFLICT_ROOTS else None
            )  # "threatened to ... German goods"
            recipients += complement_recipients(doc[frame.trigger], at, group)
            if not recipients and pred.i != frame.trigger:  # "began a hunger strike to protest against X"
                recipients += complement_recipients(pred, at, group)
        if not recipients and actors and frame.cameo[:2] in CONFLICT_ROOTS:
            recipients += same_target(actors, coded)
        if not recipients and actors and pred is not None and frame.cameo.startswith(CONSULT_PREFIX):
            # "then met with government officials" during a visit: the host's officials
            recipients += host_officials(pred, actors, coded, at, lambda n: sector_of(n, self.sector_nouns))
        bare = frame.rule.startswith(DICTIONARY_RULE) and frame.specificity == 0
        if not recipients and actors and pred is not None and not bare:
            recipients += antecedent_owner(pred, at)  # "a policy ..., which the US criticised"
        if (
            not recipients
            and actors
            and pred is not None
            and frame.cameo[:2] in APPEAL_ROOTS
            and not frame.reversed
        ):
            recipients += demanded_of(pred, at, {a.country for a in actors})  # "called for ..."
        if not recipients and actors and frame.cameo[:2] in APPEAL_ROOTS and not frame.reversed:
            recipients += talks_counterpart(actors, coded)
        if (
            actors
            and pred is not None
            and (frame.cameo[:2] == INTENT_ROOT or said_of_future(pred))
            and frame.cameo[:2] in INHERITED_RECIPIENT_ROOTS
            and not any(r.country for r in recipients)
            and (speaker := subject_of(pred)) is not None
            and speaker.lower_ in FIRST_PERSON
        ):
            # "we will finalise an agreement" said in talks: undertaken towards the other side
            recipients = talks_counterpart(actors, coded) or recipients
        return recipients

    def _last_recipients(
        self,
        frame: EventFrame,
        pred: Token | None,
        actors: list[ActorMention],
        recipients: list[ActorMention],
        coded: list[EventFrame],
    ) -> tuple[list[ActorMention], ActorMention | None]:
        """``recipients`` filled, while none is named, by the speaker's conjoined act, the
        condition of a threat or the place of the act; and that place, which a bare
        dictionary verb takes as its only recipient once other evidence codes it."""
        at = self._at
        name_of = self.codebook.display_name
        bare = frame.rule.startswith(DICTIONARY_RULE) and frame.specificity == 0
        if not recipients and pred is not None and actors and frame.cameo[:2] in INHERITED_RECIPIENT_ROOTS:
            # "thanked his counterparts ... and committed to continued collaboration": the
            # same speaker's conjoined act is aimed at the same side
            recipients += conjoined_recipients(pred, actors, coded)
        rule = self.codebook.event_rule(frame.cameo)
        # "imposed a curfew in ... southeastern Turkey": the place is the other side; for a bare
        # dictionary verb ("raided") it only fills an event found on other evidence.
        if rule.condition_target and not recipients and pred is not None:
            recipients += condition_subject(
                pred, at
            )  # "threatened to stop the talks if the United States ..."
        place = None
        if rule.place_recipient and not frame.reversed and not recipients and actors and pred is not None:
            place = clause_place(pred, at, self._place_country)
            if (
                place is not None
                and not rule.own_country_recipient
                and place.country in {a.country for a in actors}
            ):
                place = None  # "will provide relief through its own agency": aid goes abroad
        if place is not None and (not bare or self._abroad_force(frame, actors, place, pred)):
            recipients.append(place)
        elif rule.place_recipient and not recipients and not frame.reversed and acted_on(pred, frame):
            # "police arrested twelve protesters", "rebels exploded bombs in Kabul": the act has a
            # patient but names no other side; PLOVER aims it at the state where it happened,
            # else (a material act that is domestic by event_rules.tsv unnamed_recipient 'own':
            # a coercion, a concession; not a rejection or threat, aimed at whom it is said to)
            # at the actor's own state
            domestic = rule.own_recipient and frame.cameo[:2] not in CONFLICT_ROOTS
            own = own_state(actors, name_of) if place is None and domestic else place
            recipients += [own] if own is not None else []
        if not recipients and actors and pred is not None and not frame.reversed:
            recipients += self._refuge_state(pred, actors)  # "sought asylum in Germany"
        return recipients, place

    def _refuge_state(self, pred: Token, actors: list[ActorMention]) -> list[ActorMention]:
        """The state a refuge is sought or found in ("sought asylum in Germany", "found refuge
        in Jordan"; triggers.tsv @refuge objects): the one asked, though nobody there is named."""
        if not any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in self.refuge for c in pred.children):
            return []
        place = clause_place(pred, self._at, self._place_country)
        if place is None or place.country in {a.country for a in actors}:
            return []
        return [place]

    def _abroad_force(
        self, frame: EventFrame, actors: list[ActorMention], place: ActorMention, pred: Token
    ) -> bool:
        """ "the facilities the U.S. raided in Sudan": an assault its subject, a state or its
        forces, makes in another state (the verb's own "in" phrase) is aimed at that state
        (PLOVER's place rule), even by a bare dictionary verb. At home ("police raided a
        house in Lagos"), by civilians ("citizens reside in"), with no subject of its own
        ("the aircraft shot down in Syria") or placed deeper ("fought in the war in X") the
        bare verb still needs other evidence."""
        code = self.codebook.cameo.get(frame.cameo)
        if code is None or code.plover_event != "ASSAULT":
            return False
        if not any(c.dep_ == "nsubj" for c in pred.children) and gerund_modifiee(pred) is None:
            return False  # the attacker of "Israeli tank shelling" is the noun's modifier
        root = pred.doc[place.start : place.end].root
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.dep_ == "pobj":
            root = root.head.head  # "in the east of X", "in the town of X"
        if not (root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.i == pred.i):
            return False
        countries = {a.country for a in actors}
        civilian = any(a.sector == "CVL" for a in actors)
        return not civilian and None not in countries and place.country not in countries


def said_of_future(pred: Token) -> bool:
    """ "we will sign", "we shall finalise": the act is undertaken, not reported."""
    return any(c.dep_ == "aux" and c.lower_ in UNDERTAKING_AUX for c in pred.children)


def acted_on(pred: Token | None, frame: EventFrame) -> bool:
    """The trigger is an active verb with a patient of its own (a noun or a number as its
    direct object: "arrested 12", "shelled positions"), not a bare mention of the act."""
    if pred is None or pred.i != frame.trigger or pred.pos_ != "VERB":
        return False
    return any(c.dep_ in ("dobj", "obj") and c.pos_ in ("NOUN", "PROPN", "NUM") for c in pred.children)
