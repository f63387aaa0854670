"""``communique_roles``: who acts (actor) and at whom (recipient), from the dependency parse.

Active voice: the subject acts, the object or a "with/to/on/against/for" phrase receives
("X met with Y", "X urged Y to", "X imposed sanctions on Y"). Passive voice: the "by"
phrase acts and the subject receives. Coordinated subjects act jointly ("X and Y
signed"), as do the parties named by "between X and Y". A subject with no name of its
own ("the sides", "they") takes the participants of the event before it. A trigger whose
roles cannot be filled keeps a ``reason`` so that ``communique explain`` can say why.

The questions this component asks of the parse live in ``communique.nlp.parties``
(phrases, speakers, complements, visits, counterparts); the rules that look back at the
article's earlier events in ``communique.nlp.discourse``.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Token

from communique.codebook import Codebook, default_codebook
from communique.codebook.agents import load_agent_table, load_attack_means, load_state_aliases
from communique.nlp.components.triggers import CONSULT_PREFIX
from communique.nlp.context import (
    agent_in_context,
    clause_place,
    country_from_phrase,
    own_state,
    partitive_core,
    resident_state,
    sector_of,
    split_coordinated,
    unidentified_armed_group,
    unnamed_attacker,
)
from communique.nlp.discourse import (
    VISIT_CODES,
    answered_party,
    collective_parties,
    conjoined_recipients,
    default_host_country,
    definite_antecedent,
    host_officials,
    is_collective,
    last_actor_towards,
    mention_key,
    named_states,
    same_target,
    talks_counterpart,
    unique_mentions,
    visit_meeting_actors,
)
from communique.nlp.extensions import register_extensions
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
from communique.nlp.parties.counterparts import (
    each_part,
    one_gathering,
    only_modifiers,
    parts_without,
    reciprocal,
    refers_back,
    same_talks,
    separate,
    separate_parts,
    titled_one_act,
    told_apart,
)
from communique.nlp.parties.domestic import domestic_group, domestic_person
from communique.nlp.parties.formats import format_members, widen_to_formats
from communique.nlp.parties.phrases import (
    LOCATIVE_PREPS,
    TOPIC_PREPS,
    between,
    demonym_group,
    demonym_mention,
    hyphenated_parties,
    list_tail,
    mentions_in,
    object_target,
    of_chain_recipients,
    pobj_mentions,
    recipient_prep,
    regional_states,
)
from communique.nlp.parties.speakers import (
    FIRST_PERSON,
    SUBJECT_DEPS,
    adjacent_subject,
    clause_head,
    first_person_speaker,
    reported_speaker,
    reporting_subjects,
)
from communique.nlp.parties.speakers import subject as subject_of
from communique.nlp.parties.visits import speaker_host, visited_place
from communique.nlp.patterns import DICTIONARY_RULE
from communique.nlp.syntax import FUTURE_AUX, carrier_of

# Which roots take a recipient, act jointly or read "on X" as a topic: codebook
# event_rules.tsv (Codebook.event_rule), not lists here.
CONFLICT_ROOTS = frozenset({"11", "12", "13"})
FORCE_ROOTS = frozenset({"18", "19", "20"})  # assault, fight, mass violence
APPEAL_ROOTS = frozenset({"02", "10"})  # an appeal with no addressee goes to the other side of the talks
# Force by several states with no target named ("both countries put their militaries on
# alert", "X and Y exchanged fire"): each side acts against the other(s).
# Value: how specific a dictionary reading must be to count (a posture verb is vaguer than a
# verb of fighting: "built ... based" must not make a mobilisation).
MUTUAL_FORCE_ROOTS = {"15": 2, "18": 1, "19": 1, "20": 1}
# Appeals, intents and support with no named other side take the side of the same
# speaker's conjoined act ("thanked his counterparts ... and committed to collaboration").
INHERITED_RECIPIENT_ROOTS = frozenset({"02", "03", "05"})
DISAPPROVE_ROOT = "11"  # criticise, accuse, complain (ACCUSE)
INTENT_ROOT = "03"  # an undertaking a speaker in talks makes is made to the other side
NOUN_ACTOR_PREPS = frozenset({"of", "by"})  # an event noun's doer: "the visit of X", "a strike by X"
UNDERTAKING_AUX = FUTURE_AUX - {"wo"}  # "we will sign": an undertaking; "we won't" is none
NO_RECIPIENT = "no recipient: nobody is named as the other side"  # modality.py may lift it
# modality.py lifts it too for our own rows' one-sided readings (a refusal: "will not accept refugees")
UNANCHORED = "dictionary reading without a named other side (needs a recipient or a longer pattern)"


class RoleLabeler:
    """Fills ``actors``/``recipients`` of each EventFrame (see module docstring)."""

    def __init__(self, nlp: Language, name: str, *, codebook: Codebook, require_recipient: bool) -> None:
        self.name = name
        self.codebook = codebook
        self.require_recipient = require_recipient
        self.discussion = codebook.triggers.word_class("discussion")
        self.gathering = codebook.triggers.word_class("gathering")
        self.multilateral = codebook.triggers.word_class("multilateral")
        self.titled_act = codebook.triggers.word_class("titled_act")
        self.apart = codebook.triggers.word_class("apart")
        self.reciprocal = codebook.triggers.word_class("reciprocal")
        self.regional = codebook.triggers.word_class("regional")
        self.regions = codebook.triggers.word_class("region")
        self.demonyms = codebook.actor_names()
        self.statement = codebook.triggers.word_class("statement")
        self.documents = codebook.triggers.word_class("document")
        self.stative_participles = codebook.triggers.word_class("stative")
        self.refuge = codebook.triggers.word_class("refuge")
        self.grievance = codebook.triggers.word_class("grievance")
        self.grievance_preps = codebook.triggers.word_class("grievance_preps")
        self.protest_frame = codebook.triggers.word_class("protest_frame")
        self.protest_preps = codebook.triggers.word_class("protest_preps")
        self.sector_nouns = {k.lower(): v for k, v in codebook.sector_nouns.items()}
        self.attack_means = load_attack_means()
        self.agents = load_agent_table()
        self.international = codebook.triggers.word_class("international")
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
        self._one_act: set[int] = set()  # triggers whose recipients are one act's parties
        # "the leaders congratulated X" after separate calls: each call's parties, by trigger
        self._collective_parts: dict[int, list[list[ActorMention]]] = {}
        self._per_part: dict[int, list[list[ActorMention]]] = {}
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
        previous = coded[-1] if coded else None
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
        parties = between(doc, frame, at)
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
            and (frame.cameo[:2] == INTENT_ROOT or _said_of_future(pred))
            and frame.cameo[:2] in INHERITED_RECIPIENT_ROOTS
            and not any(r.country for r in recipients)
            and (speaker := subject_of(pred)) is not None
            and speaker.lower_ in FIRST_PERSON
        ):
            # "we will finalise an agreement" said in talks: undertaken towards the other side
            recipients = talks_counterpart(actors, coded) or recipients

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
        if not self.codebook.event_rule(frame.cameo).own_country_recipient:
            # "welcomed his counterparts' views" read as the speaker's own state: no counterpart
            own = {a.country for a in actors}
            if len(own) == 1 and None not in own:  # one side acting
                recipients = [r for r in recipients if r.country not in own or _domestic_dyad(actors, r)]
            elif (
                frame.lemma in self.discussion
                and None not in own
                and all(r.country in own for r in recipients)
            ):
                recipients = []  # what joint actors discuss is a topic: "they discussed U.S.-Polish ties"
            elif frame.lemma in self.discussion and len(own) > 1 and pred is not None:
                # "the leaders discussed their engagements with Ukraine and Russia", "... a
                # ceasefire between Israel and Hamas": the topic's states are no party; only
                # "with" names one ("discussed the matter with the Turkish president")
                named = {
                    mention_key(m) for c in pred.children if c.lower_ == "with" for m in pobj_mentions(c, at)
                }
                recipients = [r for r in recipients if mention_key(r) in named]
        if not actors and pred is not None and (subject := subject_of(pred)) is not None:
            actors = self._format_members(subject.subtree)  # "Members of the C5+1 issued ..."
        if not recipients and actors:
            # "proposed launching a C5+1 dialogue": the format's other members
            recipients = self._format_members(
                _phrase(trigger if pred is None else pred), leave_out={a.country for a in actors}
            )
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
        frame.actors, frame.recipients = actors, recipients
        frame.reason = self._problem(doc, frame, pred) or same_talks(frame, coded, self.discussion)
        if place is not None and bare and frame.coded:
            frame.recipients = [place]

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

    def _refuge_state(self, pred: Token, actors: list[ActorMention]) -> list[ActorMention]:
        """The state a refuge is sought or found in ("sought asylum in Germany", "found refuge
        in Jordan"; triggers.tsv @refuge objects): the one asked, though nobody there is named."""
        if not any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in self.refuge for c in pred.children):
            return []
        place = clause_place(pred, self._at, self._place_country)
        if place is None or place.country in {a.country for a in actors}:
            return []
        return [place]

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

    def _problem(self, doc: Doc, frame: EventFrame, pred: Token | None) -> str | None:
        if not frame.actors:
            subject = subject_of(pred) if pred is not None else None
            if subject is not None:
                return f"no actor: the subject '{subject.text}' is not a known person, state or body"
            return "no actor: nobody is named as doing it"
        rule = self.codebook.event_rule(frame.cameo)
        joint = len({a.country for a in frame.actors}) > 1 and rule.joint  # one state alone is no dyad
        if frame.rule.startswith(DICTIONARY_RULE) and rule.dictionary_default != "alone":
            if frame.specificity == 0 and rule.dictionary_default == "no":
                return f"bare dictionary verb: CAMEO root {frame.cameo[:2]} needs a pattern (event_rules.tsv)"
            one_sided = frame.own_pattern and not rule.recipient_required
            if (
                not frame.recipients
                and frame.specificity < 2
                and not (joint and frame.specificity > 0)
                and not one_sided
            ):
                # our own rows may code a one-sided act ("opened fire"; PLOVER's recipient rules)
                return UNANCHORED
        if self.require_recipient and not frame.recipients and not joint and rule.recipient_required:
            return NO_RECIPIENT
        return None

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

    def _on_topic(self, frame: EventFrame) -> bool:
        return self.codebook.event_rule(frame.cameo).on_is_topic

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
                elif pobj.i + 1 in self._force_at and _gerund_modifiee(pobj.doc[pobj.i + 1]) == pobj:
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
        noun = _gerund_modifiee(trigger)
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
        if not any(c.dep_ == "nsubj" for c in pred.children) and _gerund_modifiee(pred) is None:
            return False  # the attacker of "Israeli tank shelling" is the noun's modifier
        root = pred.doc[place.start : place.end].root
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.dep_ == "pobj":
            root = root.head.head  # "in the east of X", "in the town of X"
        if not (root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.i == pred.i):
            return False
        countries = {a.country for a in actors}
        civilian = any(a.sector == "CVL" for a in actors)
        return not civilian and None not in countries and place.country not in countries

    def _place_country(self, name: str) -> str | None:
        """The state of a place name: a city of the gazetteer, else a region or territory
        that stands for its state (state_aliases.tsv: "the Golan Heights", "Bavaria")."""
        place = self.codebook.gazetteer.lookup(name)
        if place is not None:
            return place.country_iso3
        return load_state_aliases().get(name)

    def _is_state(self, code: str) -> bool:
        return self.codebook.country(code) is not None

    def _domestic_group(self, subject: Token, pred: Token) -> list[ActorMention]:
        """An agent noun with no state of its own, of the one state its sentence names
        (``parties.domestic``); the group an amount or part names stands for it. Not the
        noun a participle describes ("the civilians imprisoned for ..."): what was done to it."""
        if pred.dep_ == "acl" and pred.tag_ == "VBN" and pred.head.i == subject.i:
            return []
        core = partitive_core(subject) or subject
        found = domestic_group(core, self._at, self.agents, self._is_state, self.international)
        return [found] if found is not None else []

    def _demonym_group(self, noun: Token) -> list[ActorMention]:
        return demonym_group(noun, self.demonyms)


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


def _said_of_future(pred: Token) -> bool:
    """ "we will sign", "we shall finalise": the act is undertaken, not reported."""
    return any(c.dep_ == "aux" and c.lower_ in UNDERTAKING_AUX for c in pred.children)


def _gerund_modifiee(trigger: Token) -> Token | None:
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


def acted_on(pred: Token | None, frame: EventFrame) -> bool:
    """The trigger is an active verb with a patient of its own (a noun or a number as its
    direct object: "arrested 12", "shelled positions"), not a bare mention of the act."""
    if pred is None or pred.i != frame.trigger or pred.pos_ != "VERB":
        return False
    return any(c.dep_ in ("dobj", "obj") and c.pos_ in ("NOUN", "PROPN", "NUM") for c in pred.children)


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


# The state's own organs; a group of the same state outside them (demonstrators, opposition,
# rebels, civilians) is another side of a domestic dyad ("demonstrators received assurances
# from the government"), unlike the state itself ("welcomed his counterparts' views").
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})


def _domestic_dyad(actors: list[ActorMention], recipient: ActorMention) -> bool:
    """Whether a recipient of the actor's own state is still another party: one of the two is
    an organ of the state and the other a group outside it, both named by their sector."""
    if recipient.sector is None or any(a.sector is None for a in actors):
        return False
    inside = recipient.sector in STATE_SECTORS
    return all((a.sector in STATE_SECTORS) != inside for a in actors)
