"""Parties that act together and sides that are no counterpart.

"between X and Y" names parties that act jointly, or the two sides a third party acts on
in one act ("welcomed the agreement between X and Y"); "X and Y blamed one another" and
force by several states with no target named ("exchanged fire") are reciprocal acts, split
into one event per direction; a recipient of the actor's own state is no counterpart
("welcomed his counterparts' views"), unless the two sides are the state and a group
outside it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from communique.nlp.discourse import mention_key
from communique.nlp.frames import ActorMention, EventFrame
from communique.nlp.parties.counterparts import reciprocal
from communique.nlp.parties.phrases import between, pobj_mentions
from communique.nlp.parties.reader import RoleReader
from communique.nlp.parties.roots import MUTUAL_FORCE_ROOTS
from communique.nlp.patterns import DICTIONARY_RULE

# The state's own organs; a group of the same state outside them (demonstrators, opposition,
# rebels, civilians) is another side of a domestic dyad ("demonstrators received assurances
# from the government"), unlike the state itself ("welcomed his counterparts' views").
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})


class JointActs(RoleReader):
    """Joint actors, one act on several parties, reciprocal acts, the own side (module docstring)."""

    def _joint_parties(
        self,
        doc: Doc,
        frame: EventFrame,
        pred: Token | None,
        actors: list[ActorMention],
        recipients: list[ActorMention],
    ) -> tuple[list[ActorMention], list[ActorMention]]:
        """The parties "between X and Y" names: the actors when nobody else acts, else the
        recipients of a third party's one act."""
        parties = between(doc, frame, self._at)
        if parties and (not actors or set(map(mention_key, actors)) <= set(map(mention_key, parties))):
            actors, recipients = (
                parties,
                [r for r in recipients if mention_key(r) not in set(map(mention_key, parties))],
            )
        elif (
            parties
            and pred is not None
            and frame.trigger == frame.predicate
            and set(map(mention_key, recipients)) <= set(map(mention_key, parties))
        ):
            # "welcomed the agreement between X and Y": a third party acts on both of them, in one act
            recipients = [p for p in parties if mention_key(p) not in set(map(mention_key, actors))]
            self._one_act.add(frame.trigger)
        return actors, recipients

    def _without_own_side(
        self,
        frame: EventFrame,
        pred: Token | None,
        actors: list[ActorMention],
        recipients: list[ActorMention],
    ) -> list[ActorMention]:
        """``recipients`` less the actors' own state where the event takes no such recipient
        (event_rules.tsv own_country) and less the topics of joint actors' discussion."""
        at = self._at
        if self.codebook.event_rule(frame.cameo).own_country_recipient:
            return recipients
        # "welcomed his counterparts' views" read as the speaker's own state: no counterpart
        own = {a.country for a in actors}
        if len(own) == 1 and None not in own:  # one side acting
            recipients = [r for r in recipients if r.country not in own or _domestic_dyad(actors, r)]
        elif frame.lemma in self.discussion and None not in own and all(r.country in own for r in recipients):
            recipients = []  # what joint actors discuss is a topic: "they discussed U.S.-Polish ties"
        elif frame.lemma in self.discussion and len(own) > 1 and pred is not None:
            # "the leaders discussed their engagements with Ukraine and Russia", "... a
            # ceasefire between Israel and Hamas": the topic's states are no party; only
            # "with" names one ("discussed the matter with the Turkish president")
            named = {
                mention_key(m) for c in pred.children if c.lower_ == "with" for m in pobj_mentions(c, at)
            }
            recipients = [r for r in recipients if mention_key(r) in named]
        return recipients

    def _mark_reciprocal(
        self,
        frame: EventFrame,
        pred: Token | None,
        actors: list[ActorMention],
        recipients: list[ActorMention],
    ) -> None:
        """Mark ``frame.part`` "reciprocal" when several actors act on one another with no
        other side named; the component splits it into one event per direction."""
        if not recipients and pred is not None and reciprocal(pred, self.reciprocal):
            frame.part = "reciprocal"  # "X and Y blamed one another": split in _separate
        elif (
            not recipients
            and frame.cameo[:2] in MUTUAL_FORCE_ROOTS
            and len({a.country for a in actors}) > 1
            and (
                frame.specificity >= MUTUAL_FORCE_ROOTS[frame.cameo[:2]]
                or not frame.rule.startswith(DICTIONARY_RULE)
            )
        ):
            frame.part = "reciprocal"  # "both countries put their militaries on alert"


def _domestic_dyad(actors: list[ActorMention], recipient: ActorMention) -> bool:
    """Whether a recipient of the actor's own state is still another party: one of the two is
    an organ of the state and the other a group outside it, both named by their sector."""
    if recipient.sector is None or any(a.sector is None for a in actors):
        return False
    inside = recipient.sector in STATE_SECTORS
    return all((a.sector in STATE_SECTORS) != inside for a in actors)
