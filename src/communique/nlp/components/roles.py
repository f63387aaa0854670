"""``communique_roles``: who acts (actor) and at whom (recipient), from the dependency parse.

Active voice: the subject acts, the object or a "with/to/on/against/for" phrase receives
("X met with Y", "X urged Y to", "X imposed sanctions on Y"). Passive voice: the "by"
phrase acts and the subject receives. Coordinated subjects act jointly ("X and Y
signed"), as do the parties named by "between X and Y". A subject with no name of its
own ("the sides", "they") takes the participants of the event before it. A trigger whose
roles cannot be filled keeps a ``reason`` so that ``communique explain`` can say why.

This module holds the component and the order the rules run in (``_label``); the rules
live in ``communique.nlp.parties``, one concern per module (subjects, event nouns,
objects, other sides, joint acts, reasons, and the parse questions they ask: phrases,
speakers, complements, visits, counterparts); the rules that look back at the article's
earlier events in ``communique.nlp.discourse``.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Token

from communique.codebook import Codebook, default_codebook
from communique.nlp.context import (
    country_from_phrase,
    own_state,
    resident_state,
    split_coordinated,
    unnamed_attacker,
)
from communique.nlp.discourse import (
    default_host_country,
    mention_key,
    same_target,
    unique_mentions,
)
from communique.nlp.extensions import register_extensions
from communique.nlp.frames import ActorMention, EventFrame
from communique.nlp.parties.complements import complement_recipients
from communique.nlp.parties.counterparts import (
    each_part,
    one_gathering,
    parts_without,
    refers_back,
    same_talks,
    separate,
    titled_one_act,
    told_apart,
)
from communique.nlp.parties.domestic import domestic_person
from communique.nlp.parties.formats import format_members, widen_to_formats
from communique.nlp.parties.joint import JointActs
from communique.nlp.parties.nouns import NounRoles
from communique.nlp.parties.objects import ObjectRoles
from communique.nlp.parties.reasons import NO_RECIPIENT as NO_RECIPIENT  # modality.py reads both
from communique.nlp.parties.reasons import UNANCHORED as UNANCHORED
from communique.nlp.parties.reasons import problem
from communique.nlp.parties.recipients import OtherSide
from communique.nlp.parties.roots import FORCE_ROOTS
from communique.nlp.parties.speakers import subject as subject_of
from communique.nlp.patterns import DICTIONARY_RULE


class RoleLabeler(NounRoles, ObjectRoles, OtherSide, JointActs):
    """Fills ``actors``/``recipients`` of each EventFrame (see module docstring)."""

    def __init__(self, nlp: Language, name: str, *, codebook: Codebook, require_recipient: bool) -> None:
        super().__init__(codebook)
        self.name = name
        self.require_recipient = require_recipient
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[ActorMention] = doc._.cq_mentions or []
        at: list[ActorMention | None] = [None] * len(doc)
        for m in mentions:
            for i in range(m.start, m.end):
                at[i] = m
        self._at = at
        # the triggers of force (CAMEO 18-20): "killed in <an attack>" names who attacked
        self._force_at = {f.trigger for f in doc._.cq_events or [] if f.cameo[:2] in FORCE_ROOTS}
        coded: list[EventFrame] = []
        out: list[EventFrame] = []
        self._one_act = set()
        self._collective_parts = {}
        self._per_part = {}
        for frame in doc._.cq_events or []:
            self._label(doc, frame, at, coded)
            for part in self._separate(doc, frame):
                out.append(part)
                if part.coded:
                    coded.append(part)
        doc._.cq_events = out
        default_host_country(coded)
        for frame in coded:  # after the discourse rules: the actor's own state is no new party
            rule = self.codebook.event_rule(frame.cameo)
            if rule.own_recipient and not frame.reversed and not frame.recipients:
                # PLOVER: aimed at its own state (event_rules.tsv unnamed_recipient own / state)
                own = own_state(frame.actors, self.codebook.display_name, states=rule.state_own_recipient)
                frame.recipients = [own] if own is not None else []
        return doc

    def _label(self, doc: Doc, frame: EventFrame, at: list, coded: list[EventFrame]) -> None:
        trigger = doc[frame.trigger]
        pred = doc[frame.predicate] if frame.predicate is not None else None
        actors: list[ActorMention] = []
        recipients: list[ActorMention] = []
        passive = pred is not None and any(c.dep_ in ("nsubjpass", "auxpass") for c in pred.children)

        if pred is not None:
            actors, recipients = self._subject_roles(doc, frame, pred, passive, coded)
            if not passive or self._stative(pred):
                recipients = self._object_recipients(frame, pred, recipients)
        # The noun's own phrases: "visit of X to Y", "talks with Y", "sanctions on Y".
        actors, recipients = self._noun_roles(doc, frame, pred, actors, recipients, coded)
        actors, recipients = self._joint_parties(doc, frame, pred, actors, recipients)  # "between X and Y"
        recipients = self._recipients_from_context(doc, frame, pred, actors, recipients, coded)

        if passive and not actors and self.codebook.event_rule(frame.cameo).passive_subject_acts:
            actors, recipients = recipients, []  # "Peru is committed to", "the army was placed on alert"
            if pred is not None:
                recipients += complement_recipients(doc[frame.trigger], at)  # "... to helping Chad"
        if not actors and pred is not None and frame.cameo[:2] in FORCE_ROOTS and not frame.reversed:
            # "two Pakistani soldiers were killed in Afghanistan", "a roadside bomb killed three
            # US soldiers in Iraq": no attacker named; the state where it happened (context.py)
            attacker = unnamed_attacker(pred, at, self.attack_means, recipients, self._place_country)
            actors += [attacker] if attacker is not None else []
        if not recipients and actors and pred is not None and refers_back(pred, trigger):
            # "thanked his counterpart", "congratulations on her election": the last act's other side
            recipients += same_target(actors, coded)
        if frame.reversed:  # "faced pressure from X": X is the one who acts
            actors, recipients = recipients, actors
        name_of = self.codebook.display_name
        # "spoke with the Bucharest Nine": the format's members, not the city its label names
        recipients = widen_to_formats(
            recipients, doc, self.codebook.formats, name_of, leave_out=frozenset(a.country for a in actors)
        )
        actors = [country_from_phrase(a, doc, at, self.demonyms, name_of) for a in actors]
        recipients = [country_from_phrase(r, doc, at, self.demonyms, name_of) for r in recipients]
        # "Bosnian Serbs", "ethnic Albanians in south Serbia": the state they live in (context.py)
        actors = [resident_state(a, doc, at, self.demonyms, self._place_country) for a in actors]
        recipients = [resident_state(r, doc, at, self.demonyms, self._place_country) for r in recipients]
        if frame.cameo[:2] not in FORCE_ROOTS:
            # "Judge X opened investigations against Chilean officials": the sentence's one
            # state; not in an attack, where the other side is no clue to whose the doer is
            actors = [domestic_person(a, doc[a.start], at, self._is_state, recipients) for a in actors]
            recipients = [domestic_person(r, doc[r.start], at, self._is_state, actors) for r in recipients]
        actors = [part for a in actors for part in split_coordinated(a, doc, self.demonyms, name_of)]
        recipients = [part for r in recipients for part in split_coordinated(r, doc, self.demonyms, name_of)]
        if recipients and frame.trigger in self._collective_parts:
            per_part = parts_without(self._collective_parts[frame.trigger], recipients)
            if per_part:
                actors = [a for part in per_part for a in part]
                self._per_part[frame.trigger] = per_part
        actors = unique_mentions(actors)
        actor_keys = {mention_key(a) for a in actors}
        recipients = [r for r in unique_mentions(recipients) if mention_key(r) not in actor_keys]
        recipients = self._without_own_side(frame, pred, actors, recipients)
        if not actors and pred is not None and (subject := subject_of(pred)) is not None:
            actors = self._format_members(subject.subtree)  # "Members of the C5+1 issued ..."
        if not recipients and actors:
            # "proposed launching a C5+1 dialogue": the format's other members
            recipients = self._format_members(
                _phrase(trigger if pred is None else pred), leave_out={a.country for a in actors}
            )
        self._mark_reciprocal(frame, pred, actors, recipients)
        recipients, place = self._last_recipients(frame, pred, actors, recipients, coded)
        bare = frame.rule.startswith(DICTIONARY_RULE) and frame.specificity == 0
        frame.actors, frame.recipients = actors, recipients
        frame.reason = self._problem(doc, frame, pred) or same_talks(frame, coded, self.discussion)
        if place is not None and bare and frame.coded:
            frame.recipients = [place]

    def _problem(self, doc: Doc, frame: EventFrame, pred: Token | None) -> str | None:
        rule = self.codebook.event_rule(frame.cameo)
        return problem(frame, pred, rule, require_recipient=self.require_recipient)

    def _separate(self, doc: Doc, frame: EventFrame) -> list[EventFrame]:
        """One event per counterpart where the text reports separate acts (see
        ``parties.counterparts.separate``)."""
        pred = doc[frame.predicate] if frame.predicate is not None else None
        if frame.trigger in self._per_part and frame.coded:
            return each_part(frame, self._per_part[frame.trigger])
        return separate(
            frame,
            self.codebook.event_rule(frame.cameo),
            one_act=frame.trigger in self._one_act,
            gathered=lambda: (
                one_gathering(doc, frame, self.multilateral, self.gathering)
                or titled_one_act(doc, frame, self.titled_act)
            ),
            problem=lambda part: self._problem(doc, part, pred),
            told_apart=told_apart(doc, frame, self.apart),
        )

    def _format_members(
        self, tokens: Iterable[Token], leave_out: set[str | None] | None = None
    ) -> list[ActorMention]:
        name_of = self.codebook.display_name
        return format_members(tokens, self.codebook.formats, name_of, leave_out=frozenset(leave_out or ()))


def _phrase(head: Token) -> list[Token]:
    """The tokens of a predicate's phrase less its subject's ("the US proposed a C5+1
    dialogue": the object side only)."""
    subject = subject_of(head) if head.pos_ in ("VERB", "AUX", "ADJ") else None
    skip = {t.i for t in subject.subtree} if subject is not None and subject.head is head else set()
    return [t for t in head.subtree if t.i not in skip]


@Language.factory(
    "communique_roles",
    default_config={"require_recipient": True},
    requires=["doc._.cq_mentions", "doc._.cq_events"],
    assigns=["doc._.cq_events"],
)
def make_role_labeler(nlp: Language, name: str, require_recipient: bool) -> RoleLabeler:
    return RoleLabeler(nlp, name, codebook=default_codebook(), require_recipient=require_recipient)
