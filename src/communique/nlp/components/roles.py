"""``communique_roles``: who acts (actor) and at whom (recipient), from the dependency parse.

Active voice: the subject acts, the object or a "with/to/on/against/for" phrase receives
("X met with Y", "X urged Y to", "X imposed sanctions on Y"). Passive voice: the "by"
phrase acts and the subject receives. Coordinated subjects act jointly ("X and Y
signed"), as do the parties named by "between X and Y". A subject with no name of its
own ("the sides", "they") takes the participants of the event before it. A trigger whose
roles cannot be filled keeps a ``reason`` so that ``communique explain`` can say why.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from communique.codebook import Codebook, default_codebook
from communique.nlp.context import (
    agent_in_context,
    clause_place,
    country_from_phrase,
    own_state,
    partitive_core,
    resident_state,
    split_coordinated,
)
from communique.nlp.discourse import (
    VISIT_CODES,
    answered_party,
    collective_parties,
    conjoined_recipients,
    default_host_country,
    definite_antecedent,
    is_collective,
    mention_key,
    same_parties,
    same_target,
    talks_counterpart,
    unique_mentions,
    visit_meeting_actors,
)
from communique.nlp.extensions import register_extensions
from communique.nlp.frames import ActorMention, EventFrame
from communique.nlp.patterns import DICTIONARY_RULE
from communique.nlp.syntax import objects_of

RECIPIENT_PREPS = frozenset({"with", "to", "on", "upon", "against", "toward", "towards", "for", "from"})
NOUN_RECIPIENT_PREPS = frozenset({"to", "with", "on", "against", "for", "toward", "towards"})
BLOCKING_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "punct", "cc", "parataxis", "appos"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
# A pronoun that, in reported speech, stands for the speaker ("X said they would ...").
SPEAKER_PRONOUNS = frozenset({"they", "it", "he", "she", "their", "its", "his", "her"})
# "to impose restrictions against German goods": the complement's object's own target.
COMPLEMENT_PREPS = frozenset({"with", "to", "against", "on", "toward", "towards"})
# Which roots take a recipient, act jointly or read "on X" as a topic: codebook
# event_rules.tsv (Codebook.event_rule), not lists here.
CONFLICT_ROOTS = frozenset({"11", "12", "13"})
FORCE_ROOTS = frozenset({"18", "19", "20"})  # assault, fight, mass violence
FIRST_PERSON = frozenset({"i", "we"})
SPEAKER_LOOKBACK = 8  # sentences back to the "X said:" label of a quotation or transcript turn
APPEAL_ROOTS = frozenset({"02", "10"})  # an appeal with no addressee goes to the other side of the talks
# Force by several states with no target named ("both countries put their militaries on
# alert", "X and Y exchanged fire"): each side acts against the other(s).
# Value: how specific a dictionary reading must be to count (a posture verb is vaguer than a
# verb of fighting: "built ... based" must not make a mobilisation).
MUTUAL_FORCE_ROOTS = {"15": 2, "18": 1, "19": 1, "20": 1}
# Appeals, intents and support with no named other side take the side of the same
# speaker's conjoined act ("thanked his counterparts ... and committed to collaboration").
INHERITED_RECIPIENT_ROOTS = frozenset({"02", "03", "05"})
SEARCH_DEPTH = 3
NO_RECIPIENT = "no recipient: nobody is named as the other side"  # modality.py may lift it
# "discussed security, including Iran", "issues such as Iran": a topic, never a party.
TOPIC_PREPS = frozenset({"including", "include", "like", "such", "regarding", "concerning", "about", "over"})
# Who acts is never the place where it happened: "attacks in Syria which killed ...",
# "the attack at the U.S. embassy killed ..." (a subject's place is not its actor).
#: Prepositions of a visit's destination ("arrived in", "a visit to", "talks at").
VISIT_PREPS = frozenset({"in", "to", "at"})
LOCATIVE_PREPS = TOPIC_PREPS | {"in", "at", "near", "outside", "inside", "across", "throughout"}


class RoleLabeler:
    """Fills ``actors``/``recipients`` of each EventFrame (see module docstring)."""

    def __init__(self, nlp: Language, name: str, *, codebook: Codebook, require_recipient: bool) -> None:
        self.name = name
        self.codebook = codebook
        self.require_recipient = require_recipient
        self.discussion = codebook.triggers.word_class("discussion")
        self.gathering = codebook.triggers.word_class("gathering")
        self.multilateral = codebook.triggers.word_class("multilateral")
        self.reciprocal = codebook.triggers.word_class("reciprocal")
        self.demonyms = codebook.actor_names()
        self.statement = codebook.triggers.word_class("statement")
        self.sector_nouns = {k.lower(): v for k, v in codebook.sector_nouns.items()}
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
                own = own_state(frame.actors, self.codebook.display_name)  # PLOVER: aimed at its own state
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
            subject = _subject(pred)
            if passive:
                for child in pred.children:
                    if child.dep_ == "agent":
                        actors += _mentions_in(child, at)
                    if child.dep_ == "nsubjpass":
                        recipients += _mentions_in(child, at, depth=1)
                if not actors:  # "was demolished by a Ukrainian protester"
                    actors += self._by_agent_group(pred)
                if not actors:  # "were killed in Israeli tank shelling": who fired
                    actors += self._attack_modifier(pred)
            elif subject is not None:
                actors += _mentions_in(subject, at, depth=1, skip=LOCATIVE_PREPS)
                if not actors and is_collective(subject):
                    actors = collective_parties(subject, coded)
                if not actors:
                    actors += self._demonym_group(subject)  # "Israeli tanks shelled ..."
                if not actors:
                    actors += definite_antecedent(subject, at)  # "a US delegation ... The delegation met"
                if not actors and subject.lower_ in FIRST_PERSON:
                    actors += self._speaker(subject, at)  # 'X said: "I welcome ..."'
                if (
                    not actors
                    and (agent := agent_in_context(subject, at, self.sector_nouns, self._place_country))
                    is not None
                ):
                    actors.append(agent)  # "security forces in Guinea tortured ..."
                if (
                    not actors
                ):  # "Bosnian Serbs said their forces had completed ...", "the rebels said they will"
                    actors += self._reported_speaker(subject)
                if not actors:  # "thousands of Iraqi Kurds", "police ... in Lagos"
                    actors += self._group_in_context(subject, pred)
                if not actors:  # "recent US drone attacks have killed ..."
                    actors += self._modifier_actor(subject)
            elif pred.dep_ == "acl" and pred.tag_ == "VBN" and trigger.i == pred.i:
                recipients += _mentions_in(
                    pred.head, at, depth=1
                )  # "soldiers killed in Ukraine": the patient
            else:
                actors += _adjacent_subject(doc, _clause_head(pred), at)
            if not passive:
                for child in pred.children:
                    if child.dep_ in ("dobj", "dative", "obj") and child.i != frame.trigger:
                        # "signed an agreement in X", "discussed the situation in X": in talks and
                        # cooperation (event_rules.tsv on_topic) the object's place is a venue or a
                        # topic, not a party; "condemned attacks in X" still aims at X.
                        skip = LOCATIVE_PREPS if self._on_topic(frame) else TOPIC_PREPS
                        recipients += _mentions_in(child, at, skip=skip)
                    elif child.dep_ == "prep" and (
                        _recipient_prep(child, self._on_topic(frame))
                        or child.lower_ in self.codebook.event_rule(frame.cameo).target_preps
                    ):
                        found = _pobj_mentions(child, at)
                        if not found:  # "met with Kenyan police leaders": the people a demonym names
                            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                                found += self._demonym_group(pobj) or definite_antecedent(pobj, at)
                        recipients += found
                if not recipients:  # "shelled Afghan villages": the people a demonym names
                    for obj in (c for c in pred.children if c.dep_ in ("dobj", "obj")):
                        recipients += self._demonym_group(obj) or self._object_group(obj)
                if not recipients:  # "issued arrest warrants for two Brazilian men"
                    for prep in (c for c in pred.children if c.dep_ == "prep"):
                        if _recipient_prep(prep, self._on_topic(frame)) and prep.lower_ != "from":
                            recipients += [
                                m for g in prep.children if g.dep_ == "pobj" for m in self._demonym_group(g)
                            ]
                if not recipients:  # "fired rounds aimed at a post in India": the object's own target
                    targets = self.codebook.event_rule(frame.cameo).target_preps
                    for obj in (c for c in pred.children if c.dep_ in ("dobj", "obj")):
                        for acl in (c for c in obj.children if c.dep_ == "acl"):
                            for prep in (c for c in acl.children if c.dep_ == "prep" and c.lower_ in targets):
                                recipients += _pobj_mentions(prep, at)
                if not recipients and frame.rule.startswith(DICTIONARY_RULE) and frame.specificity > 0:
                    # A dictionary pattern names the object ("issued arrest warrants for two
                    # Brazilian men"): PETRARCH's target sits in the object's own phrase.
                    recipients += self._object_target(pred, frame)
        # The noun's own phrases: "visit of X to Y", "talks with Y", "sanctions on Y".
        if trigger.pos_ in ("NOUN", "PROPN"):
            for child in trigger.children:
                if child.dep_ == "poss" and not actors:
                    actors += _mentions_in(child, at, depth=0)
                elif child.dep_ == "prep" and child.lower_ == "of" and not actors and pred is None:
                    actors += _pobj_mentions(child, at)
                elif child.dep_ == "prep" and (
                    _recipient_prep(child, self._on_topic(frame), noun=True)
                    or child.lower_ in self.codebook.event_rule(frame.cameo).target_preps
                ):
                    found = _pobj_mentions(child, at)
                    if not found and child.lower_ != "for":  # "riots against Israeli policies"
                        pobjs = [g for g in child.children if g.dep_ == "pobj"]
                        found = [m for g in pobjs for m in self._demonym_group(g)]
                    recipients += found
                if child.dep_ == "prep" and child.lower_ == "of" and not recipients:
                    # "a gift of 500 pounds of supplies to X": the "to" hangs off the thing given;
                    # "the withdrawal of forces from X" (event_rules.tsv target_preps)
                    recipients += _of_chain_recipients(
                        child, at, self._on_topic(frame), self.codebook.event_rule(frame.cameo).target_preps
                    )
        if not actors and pred is None and trigger.pos_ in ("NOUN", "PROPN"):
            actors += self._modifier_actor(trigger)  # "Palestinian riots against ...", "a US air strike"
        if not actors and pred is None and frame.cameo.startswith("04"):
            # "Putin's visit to Turkey began with a meeting with Rouhani": the visitor meets
            actors += visit_meeting_actors(trigger, coded)
        parties = _between(doc, frame, at)
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
            recipients += self._visited_place(pred)
        if not recipients and actors and pred is not None and previous is not None:
            recipients += answered_party(pred, actors, previous)
        if not recipients and pred is not None and frame.cameo.startswith("10"):
            # "insists that Armenia must first amend"; "open to dialogue but that Brazil must be flexible"
            recipients += _obliged_subject(pred, at) or _clause_subject(pred, at)
        if not recipients and pred is not None:
            group = (
                self._demonym_group if frame.cameo[:2] in CONFLICT_ROOTS else None
            )  # "threatened to ... German goods"
            recipients += _complement_recipients(doc[frame.trigger], at, group)
            if not recipients and pred.i != frame.trigger:  # "began a hunger strike to protest against X"
                recipients += _complement_recipients(pred, at, group)
        if not recipients and actors and frame.cameo[:2] in CONFLICT_ROOTS:
            recipients += same_target(actors, coded)
        if not recipients and actors and frame.cameo[:2] in APPEAL_ROOTS and not frame.reversed:
            recipients += talks_counterpart(actors, coded)

        if passive and not actors and self.codebook.event_rule(frame.cameo).passive_subject_acts:
            actors, recipients = recipients, []  # "Peru is committed to", "the army was placed on alert"
            if pred is not None:
                recipients += _complement_recipients(doc[frame.trigger], at)  # "... to helping Chad"
        if not recipients and actors and pred is not None and _refers_back(pred):
            # "thanked his counterpart", "congratulations on her election": the last act's other side
            recipients += same_target(actors, coded)
        if frame.reversed:  # "faced pressure from X": X is the one who acts
            actors, recipients = recipients, actors
        name_of = self.codebook.display_name
        actors = [country_from_phrase(a, doc, at, self.demonyms, name_of) for a in actors]
        recipients = [country_from_phrase(r, doc, at, self.demonyms, name_of) for r in recipients]
        # "Bosnian Serbs", "ethnic Albanians in south Serbia": the state they live in (context.py)
        actors = [resident_state(a, doc, at, self.demonyms, self._place_country) for a in actors]
        recipients = [resident_state(r, doc, at, self.demonyms, self._place_country) for r in recipients]
        actors = [part for a in actors for part in split_coordinated(a, doc, self.demonyms, name_of)]
        actors = unique_mentions(actors)
        actor_keys = {mention_key(a) for a in actors}
        recipients = [r for r in unique_mentions(recipients) if mention_key(r) not in actor_keys]
        if not self.codebook.event_rule(frame.cameo).own_country_recipient:
            # "welcomed his counterparts' views" read as the speaker's own state: no counterpart
            own = {a.country for a in actors}
            if len(own) == 1 and None not in own:  # one side acting; joint actors are left alone
                recipients = [r for r in recipients if r.country not in own]
        if not recipients and pred is not None and self._reciprocal(pred):
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
            recipients += _condition_subject(
                pred, at
            )  # "threatened to stop the talks if the United States ..."
        place = None
        if rule.place_recipient and not frame.reversed and not recipients and actors and pred is not None:
            place = clause_place(pred, at, self._place_country)
        bare = frame.rule.startswith(DICTIONARY_RULE) and frame.specificity == 0
        if place is not None and not bare:
            recipients.append(place)
        frame.actors, frame.recipients = actors, recipients
        frame.reason = self._problem(doc, frame, pred) or self._same_talks(frame, coded)
        if place is not None and bare and frame.coded:
            frame.recipients = [place]

    def _problem(self, doc: Doc, frame: EventFrame, pred: Token | None) -> str | None:
        if not frame.actors:
            subject = _subject(pred) if pred is not None else None
            if subject is not None:
                return f"no actor: the subject '{subject.text}' is not a known person, state or body"
            return "no actor: nobody is named as doing it"
        rule = self.codebook.event_rule(frame.cameo)
        joint = len(frame.actors) > 1 and rule.joint
        if frame.rule.startswith(DICTIONARY_RULE) and rule.dictionary_default != "alone":
            if frame.specificity == 0 and rule.dictionary_default == "no":
                return f"bare dictionary verb: CAMEO root {frame.cameo[:2]} needs a pattern (event_rules.tsv)"
            if not frame.recipients and frame.specificity < 2 and not (joint and frame.specificity > 0):
                return "dictionary reading without a named other side (needs a recipient or a longer pattern)"
        if self.require_recipient and not frame.recipients and not joint and rule.recipient_required:
            return NO_RECIPIENT
        return None

    def _speaker(self, pronoun: Token, at: list) -> list[ActorMention]:
        """Who says "I" or "we": the named subject of a statement verb in the same sentence
        ('"We urge ...", X said'), or of the label that opens the quotation or transcript
        turn ("The Foreign Secretary Philip Hammond said:", "President of Russia Vladimir
        Putin:"), a few sentences back."""
        sent = pronoun.sent
        for tok in sent:
            if tok.lemma_.lower() in self.statement:
                for child in tok.children:
                    if child.dep_ == "nsubj" and child.i != pronoun.i:
                        found = _mentions_in(child, at, depth=1)
                        if found:
                            return found[:1]
        doc = pronoun.doc
        start = sent.start
        for _ in range(SPEAKER_LOOKBACK):
            if start == 0:
                return []
            previous = doc[start - 1].sent
            if previous.text.rstrip().endswith(":"):
                names = [at[i] for i in range(previous.start, previous.end) if at[i] is not None]
                people = [m for m in names if m.kind == "person"] or names
                return people[:1]
            start = previous.start
        return []

    def _object_target(self, pred: Token, frame: EventFrame) -> list[ActorMention]:
        out: list[ActorMention] = []
        at = self._at
        for obj in (c for c in pred.children if c.dep_ in ("dobj", "obj")):
            for prep in (c for c in obj.children if c.dep_ == "prep"):
                if _recipient_prep(prep, self._on_topic(frame), noun=True):
                    out += _pobj_mentions(prep, at)
                    if not out:
                        out += [m for g in prep.children if g.dep_ == "pobj" for m in self._demonym_group(g)]
        return out

    def _reported_speaker(self, subject: Token) -> list[ActorMention]:
        """A pronoun subject ("they", "it") or an agent noun it owns ("their forces") in what
        someone is reported to say: the speaker ("the Fijian rebels said they will release")."""
        pronoun = subject.lower_ in SPEAKER_PRONOUNS
        owned = subject.pos_ == "NOUN" and any(
            c.dep_ == "poss" and c.lower_ in SPEAKER_PRONOUNS for c in subject.children
        )
        if not (pronoun or owned):
            return []
        node = subject.head
        while node.dep_ in ("conj", "xcomp") and node.head is not node:
            node = node.head
        if node.dep_ != "ccomp":
            return []
        for said in (c for c in node.head.children if c.dep_ == "nsubj"):
            found = _mentions_in(said, self._at, depth=1, skip=LOCATIVE_PREPS) or self._demonym_group(said)
            if found:
                return found[:1] if subject.lower_ in ("it", "he", "she") else found
        return []

    def _group_in_context(self, subject: Token, clause: Token) -> list[ActorMention]:
        """A subject naming an amount or part of a group ("thousands of Iraqi Kurds", "leaders
        of X") stands for that group; an agent noun with no state of its own ("police", "the
        opposition") is of the state where its clause places the act (context.py)."""
        core = partitive_core(subject)
        if core is not None:
            found = _mentions_in(core, self._at, depth=1, skip=LOCATIVE_PREPS) or self._demonym_group(core)
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
        if core is not None:
            found = _mentions_in(core, self._at, depth=1, skip=LOCATIVE_PREPS) or self._demonym_group(core)
            if found:
                return found
        agent = agent_in_context(core or obj, self._at, self.sector_nouns, self._place_country)
        return [agent] if agent is not None else []

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
            found = self.demonyms.get(tok.text)
            if found is not None and found[0] == "demonym":
                span = doc[tok.i : noun.i + 1]
                mention = ActorMention(tok.i, noun.i + 1, span.text, "group", name=span.text)
                mention.country, mention.source = found[1], "demonym"
                return [mention]
        return []

    def _attack_modifier(self, pred: Token) -> list[ActorMention]:
        """A passive with no "by" actor whose act happened "in" or "by" an attack the text
        names with its attacker's state ("were killed in Israeli tank shelling")."""
        for prep in (c for c in pred.children if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by")):
            for pobj in (g for g in prep.children if g.dep_ == "pobj" and g.i in self._force_at):
                found = self._modifier_actor(pobj)
                if found:
                    return found
        return []

    def _by_agent_group(self, pred: Token) -> list[ActorMention]:
        """The "by" phrase of a passive that names no actor of its own: the people a demonym
        names ("by a Ukrainian protester") or an agent noun in context ("by police in Lagos")."""
        for agent in (c for c in pred.children if c.dep_ == "agent"):
            for pobj in (g for g in agent.children if g.dep_ == "pobj"):
                found = self._demonym_group(pobj) or self._group_in_context(pobj, pred)
                if found:
                    return found
        return []

    def _place_country(self, name: str) -> str | None:
        place = self.codebook.gazetteer.lookup(name)
        return place.country_iso3 if place is not None else None

    def _demonym_group(self, noun: Token) -> list[ActorMention]:
        """A noun with no name of its own, modified by a demonym ("Israeli tanks", "Afghan
        civilians"): a group of that state (the actors component names only people and bodies)."""
        if noun.pos_ not in ("NOUN", "PROPN"):
            return []
        for child in noun.children:
            if child.dep_ in ("amod", "compound") and child.i < noun.i:
                found = self.demonyms.get(child.text)
                if found is not None and found[0] == "demonym":
                    span = noun.doc[child.i : noun.i + 1]
                    mention = ActorMention(child.i, noun.i + 1, span.text, "group", name=span.text)
                    mention.country, mention.source = found[1], "demonym"
                    return [mention]
        return []

    def _reciprocal(self, pred: Token) -> bool:
        """ "blamed one another", "accused each other": the object is the parties themselves."""
        nodes = [c for c in pred.children if c.dep_ in ("dobj", "obj")]
        nodes += [g for c in pred.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for node in nodes:
            words = {node.lower_, *(c.lower_ for c in node.children)}
            if node.i > 0:
                words.add(node.doc[node.i - 1].lower_)
            if words & self.reciprocal and words & {"one", "each"}:
                return True
        return False

    def _separate(self, doc: Doc, frame: EventFrame) -> list[EventFrame]:
        """One event per counterpart where the text reports separate acts (event_rules.tsv
        ``counterparts``, README "One act, several parties"): "X and Y blamed one another" is
        two directed events; "spoke by telephone with the presidents of A, B and C" is three
        calls. One multilateral act stays one event: a singular noun ("a call with the
        leaders of A, B and C"), a gathering ("at the summit"), "trilateral/joint" talks."""
        rule = self.codebook.event_rule(frame.cameo)
        if frame.part == "reciprocal":
            frame.part = ""
            countries = {a.country for a in frame.actors}
            if rule.joint or len(frame.actors) < 2 or None in countries or len(countries) < len(frame.actors):
                return [frame]
            parts = []
            for a in frame.actors:
                others = [b for b in frame.actors if b is not a]
                part = replace(frame, actors=[a], recipients=others, part=f"{a.country}>")
                pred = doc[frame.predicate] if frame.predicate is not None else None
                part.reason = self._problem(doc, part, pred)
                parts.append(part)
            return parts
        if not (frame.coded and rule.separate_counterparts and len(frame.recipients) >= 2):
            return [frame]
        if frame.cameo in VISIT_CODES or frame.trigger in self._one_act:
            return [frame]  # one trip to several hosts is one visit; "hosted talks between X and Y"
        actor_countries = {a.country for a in frame.actors}
        countries = [r.country for r in frame.recipients]
        if (
            len(actor_countries) != 1
            or None in actor_countries
            or None in countries
            or len(set(countries)) != len(countries)
            or any(r.kind == "group" for r in frame.recipients)
            or self._one_gathering(doc, frame)
        ):
            return [frame]
        return [replace(frame, recipients=[r], part=f">{r.country}") for r in frame.recipients]

    def _one_gathering(self, doc: Doc, frame: EventFrame) -> bool:
        trigger = doc[frame.trigger]
        if trigger.pos_ in ("NOUN", "PROPN") and trigger.tag_ in ("NN", "NNP"):
            return True  # "a call with", "the meeting with": one act
        heads = [trigger] if frame.predicate is None else [trigger, doc[frame.predicate]]
        for head in heads:
            for tok in head.subtree:
                if tok.lower_ in self.multilateral:
                    return True
                if tok.lemma_.lower() in self.gathering and tok.tag_ in ("NN", "NNP") and tok.i != trigger.i:
                    return True
        return False

    def _same_talks(self, frame: EventFrame, coded: list[EventFrame]) -> str | None:
        """ "They discussed ...", "the leaders exchanged views" after a call or meeting of the
        same parties report what was said in it: one CONSULT, not two (a new meeting, call or
        visit is a new event, so only the discussion words of triggers.tsv @discussion fold)."""
        if not frame.cameo.startswith("04") or frame.lemma not in self.discussion:
            return None
        parties = [*frame.actors, *frame.recipients]
        for earlier in reversed(coded):
            if earlier.cameo.startswith("04"):
                if same_parties(parties, [*earlier.actors, *earlier.recipients]):
                    return f"the same talks as '{earlier.lemma}' before (one CONSULT event)"
                if earlier.lemma in self.discussion:
                    continue  # an earlier report of what was said: look further back for the talks
                return None
        return None

    def _on_topic(self, frame: EventFrame) -> bool:
        return self.codebook.event_rule(frame.cameo).on_is_topic

    def _visited_place(self, pred: Token) -> list[ActorMention]:
        """ "arrived in Astana" / "visit to Geneva": the host is the place's state."""
        out = []
        # "led a delegation to Lima": the phrase may hang on the object; "to a conference in
        # Lima": the occasion's own place.
        holders = [pred, *(c for c in pred.children if c.dep_ in ("dobj", "obj"))]
        preps = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in VISIT_PREPS]
        for prep in list(preps):
            for pobj in (g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"):
                preps += [c for c in pobj.children if c.dep_ == "prep" and c.lower_ in ("in", "at")]
        for child in preps:
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                span = pobj.doc[pobj.left_edge.i : pobj.i + 1]
                place = self.codebook.gazetteer.lookup(span.text.removeprefix("the ").strip())
                if place is None:
                    place = self.codebook.gazetteer.lookup(pobj.text)
                if place is not None and place.country_iso3:
                    out.append(
                        ActorMention(
                            pobj.i,
                            pobj.i + 1,
                            pobj.text,
                            "state",
                            name=self.codebook.display_name(place.country_iso3),
                            country=place.country_iso3,
                            source="place",
                        )
                    )
        return out


# Words that point back at the other side of the actor's last act: "his counterpart", "her election".
BACK_REFERENCES = frozenset(
    {"counterpart", "counterparts", "her", "him", "them", "host", "hosts", "guest", "guests"}
)


def _refers_back(pred: Token) -> bool:
    """The predicate's object or prepositional phrase names the other side only by a pronoun
    or "counterpart": it is whoever the actor's last reported act was aimed at."""
    for child in pred.children:
        if child.dep_ in ("dobj", "dative", "obj", "prep"):
            for tok in child.subtree:
                if tok.lower_ in BACK_REFERENCES:
                    return True
    return False


def _recipient_prep(prep: Token, on_is_topic: bool, *, noun: bool = False) -> bool:
    """Whether a preposition introduces the recipient. "on" does for "call on", "sanctions
    on", but not for talks or praise ("exchanged views on X" is a topic, not a party)."""
    word = prep.lower_
    allowed = NOUN_RECIPIENT_PREPS if noun else RECIPIENT_PREPS
    if word not in allowed:
        return False
    if word in ("on", "upon") and on_is_topic:
        return False
    return True


def _adjacent_subject(doc: Doc, pred: Token, at: list) -> list[ActorMention]:
    """A mention that ends right before a verb with no parsed subject. The small models
    often attach a long titled name to a preceding date ("On October 26-27 this year
    President ... Charles Michel visited"), leaving the verb without a subject."""
    i = pred.i - 1
    while i >= pred.sent.start and (doc[i].pos_ in ("ADV", "AUX", "PART") or doc[i].text == ","):
        i -= 1
    if (
        i >= pred.sent.start
        and at[i] is not None
        and at[i].kind in ("person", "state", "organization", "group")
    ):
        return [at[i]]
    return []


def _clause_head(pred: Token) -> Token:
    """The verb whose subject ``pred`` shares ("visited Kazakhstan to participate" -> visited)."""
    node = pred
    while node.dep_ in ("xcomp", "conj", "advcl") and node.head is not node:
        node = node.head
    return node


def _subject(pred: Token) -> Token | None:
    """The subject of a predicate, inherited through xcomp/conj/advcl/relcl when it has none."""
    node = pred
    for _ in range(4):
        for child in node.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.lower_ in ("who", "which", "that") and node.dep_ == "relcl":
                    return node.head
                return child
        if node.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") and node.head is not node:
            node = node.head
            if node.dep_ == "prep" and node.head.pos_ in ("VERB", "AUX"):
                node = node.head  # "retaliated by firing ...": the verb of the "by" phrase
        elif node.dep_ == "relcl":
            return node.head
        else:
            return None
    return None


def _mentions_in(
    tok: Token, at: list, depth: int = SEARCH_DEPTH, skip: frozenset[str] = TOPIC_PREPS
) -> list[ActorMention]:
    """The actor mentions a phrase stands for: itself and its conjuncts, or the nearest
    mention inside it ("the efforts of the country's leadership" -> the country)."""
    out: list[ActorMention] = []
    for node in [tok, *_conjuncts(tok)]:
        found = _nearest(node, at, depth, skip)
        if found is not None:
            out.append(found)
            out += _listed_with(node, found, at)
    return out


def _listed_with(node: Token, found: ActorMention, at: list) -> list[ActorMention]:
    """ "the presidents of A, B and C", "officials from A, B and C": the people of every
    listed state, not only the first (the list hangs off the first name, not the head noun)."""
    doc = node.doc
    if found.start <= node.i < found.end:
        # "President of A Name, President of B Name and President of C Name": the parser hangs
        # the list off the first name; a listed title of another state is another person.
        out: list[ActorMention] = []
        for tok in doc[found.start : found.end]:
            for child in tok.children:
                if child.dep_ in ("conj", "appos") and not found.start <= child.i < found.end:
                    for item in [child, *_conjuncts(child)]:
                        m = _nearest(item, at, 2)
                        seen = {found.country, *(o.country for o in out)}
                        if m is not None and m.country and m.country not in seen:
                            out.append(m)
        return out
    root = next((t for t in doc[found.start : found.end] if not (found.start <= t.head.i < found.end)), None)
    if root is None or root.head.dep_ != "prep" or root.head.lower_ not in ("of", "from", "with", "against"):
        return []
    return [m for c in _conjuncts(root) if (m := _nearest(c, at, 0)) is not None]


def _nearest(tok: Token, at: list, depth: int, skip: frozenset[str] = TOPIC_PREPS) -> ActorMention | None:
    queue: deque[tuple[Token, int]] = deque([(tok, 0)])
    while queue:
        node, d = queue.popleft()
        if at[node.i] is not None:
            return at[node.i]
        if d >= depth:
            continue
        for child in node.children:
            if child.dep_ in BLOCKING_DEPS or child.dep_ == "conj" or child.lower_ in skip:
                continue
            queue.append((child, d if child.dep_ in ("prep", "case", "det") else d + 1))
    return None


def _conjuncts(tok: Token) -> Iterable[Token]:
    """Coordinated phrases: "X and Y", and "X, Y, and Z" which the parser often reads as
    an apposition (only between states or bodies: "Borrell, the EU's chief" is one person)."""
    for child in tok.children:
        if child.dep_ == "conj" or (child.dep_ == "appos" and _list_item(tok, child)):
            yield child
            yield from _conjuncts(child)


def _list_item(head: Token, appos: Token) -> bool:
    return head.ent_type_ in ("GPE", "ORG", "NORP") and appos.ent_type_ in ("GPE", "ORG", "NORP")


def _pobj_mentions(prep: Token, at: list) -> list[ActorMention]:
    out = []
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            out += _mentions_in(child, at)
    return out


def _between(doc: Doc, frame: EventFrame, at: list) -> list[ActorMention]:
    """Parties named by "between X and Y" on the trigger, its object or the thing signed."""
    candidates = [doc[frame.trigger], *objects_of(doc[frame.trigger])]
    for node in candidates:
        queue: deque[tuple[Token, int]] = deque([(node, 0)])
        while queue:  # "the Memorandum of Understanding on Strategic Partnership between X and Y"
            tok, depth = queue.popleft()
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "between":
                    parties = _pobj_mentions(child, at)
                    if len(parties) >= 2:
                        return parties
                if depth < 3 and child.dep_ in ("prep", "pobj", "compound") and child.i != frame.trigger:
                    queue.append((child, depth + (child.dep_ != "prep")))
    return []


def _complement_recipients(trigger: Token, at: list, group: Callable | None = None) -> list[ActorMention]:
    """ "ready to sign the agreement with Azerbaijan", "pledged to help Ukraine", "willing to
    withdraw its troops from Lebanon": the other
    side named in the complement clause of a stance or intent; failing a named actor, the
    people a demonym names there or in the object's own phrase ("threatened to impose
    restrictions against German goods": ``group`` reads "German goods" as Germany's)."""
    out: list[ActorMention] = []
    nouns: list[Token] = []
    for clause in _complement_clauses(trigger):
        for child in clause.children:
            if child.dep_ in ("dobj", "dative"):
                out += _mentions_in(child, at)
                nouns.append(child)
                nouns += [
                    g
                    for p in child.children
                    if p.dep_ == "prep" and p.lower_ in COMPLEMENT_PREPS
                    for g in p.children
                    if g.dep_ == "pobj"
                ]
            elif child.dep_ == "prep" and child.lower_ in ("with", "to", "against", "from"):
                out += _pobj_mentions(child, at)
                nouns += [g for g in child.children if g.dep_ == "pobj"]
    if out or group is None:
        return out
    for noun in nouns[1:] + nouns[:1]:  # the object's own target before the object itself
        out += [m for m in group(noun) if m.country]
        if out:
            break
    return out


def _complement_clauses(trigger: Token, depth: int = 3) -> list[Token]:
    """The verbs of a stance's complement, through chained complements: "committed to
    continuing to provide X" -> continuing, provide; "pledged to help" -> help."""
    out: list[Token] = []
    frontier = [trigger]
    for _ in range(depth):
        nxt: list[Token] = []
        for node in frontier:
            for child in node.children:
                if child.dep_ == "xcomp" or _infinitive(child):
                    nxt.append(child)
                elif child.dep_ == "prep" and child.lower_ == "to":
                    nxt.extend(g for g in child.children if g.dep_ == "pcomp")
        out += nxt
        frontier = nxt
    return out


def _of_chain_recipients(
    of: Token, at: list, on_is_topic: bool, targets: frozenset[str] = frozenset()
) -> list[ActorMention]:
    out: list[ActorMention] = []
    for _ in range(3):
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None)
        if pobj is None:
            return out
        nxt = None
        for prep in (c for c in pobj.children if c.dep_ == "prep"):
            if prep.lower_ == "of":
                nxt = prep
            elif _recipient_prep(prep, on_is_topic, noun=True) or prep.lower_ in targets:
                out += _pobj_mentions(prep, at)
        if out or nxt is None:
            return out
        of = nxt
    return out


def _condition_subject(pred: Token, at: list) -> list[ActorMention]:
    """The subject of an "if"/"unless" clause on the act or its content: whoever must act
    (or not) for the threat to be carried out is its target."""
    heads = [pred, *(c for c in pred.children if c.dep_ in ("xcomp", "ccomp") or _infinitive(c))]
    for head in heads:
        for clause in (c for c in head.children if c.dep_ == "advcl"):
            if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children):
                for subj in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                    found = _mentions_in(subj, at, depth=1)
                    if found:
                        return found
    return []


def _infinitive(clause: Token) -> bool:
    """ "threatened on Monday to impose ...": the small model often parses the complement
    as an adverbial clause; a "to" infinitive there is still the content."""
    return clause.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _obliged_subject(pred: Token, at: list) -> list[ActorMention]:
    """The subject of the reported clause (or of one of its conjuncts) that says who "must" act."""
    for child in (c for c in pred.children if c.dep_ == "ccomp"):
        for clause in [child, *(c for c in child.children if c.dep_ == "conj")]:
            if any(c.dep_ == "aux" and c.lower_ == "must" for c in clause.children):
                for subj in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                    return _mentions_in(subj, at, depth=1)
    return []


def _clause_subject(pred: Token, at: list) -> list[ActorMention]:
    for child in pred.children:
        if child.dep_ in ("ccomp", "xcomp"):
            for grandchild in child.children:
                if grandchild.dep_ in ("nsubj", "nsubjpass"):
                    return _mentions_in(grandchild, at, depth=1)
    return []


@Language.factory(
    "communique_roles",
    default_config={"require_recipient": True},
    requires=["doc._.cq_mentions", "doc._.cq_events"],
    assigns=["doc._.cq_events"],
)
def make_role_labeler(nlp: Language, name: str, require_recipient: bool) -> RoleLabeler:
    return RoleLabeler(nlp, name, codebook=default_codebook(), require_recipient=require_recipient)
