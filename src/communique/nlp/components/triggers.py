"""``communique_triggers``: find the words that report an event and give each a CAMEO code.

Triggers come from the codebook's lexicon (``codebook/data/triggers.tsv``): verbs
("visited", "condemned"), nouns carried by a light verb ("paid an official visit",
"held talks", "imposed sanctions"), and nouns standing alone ("the visit of X to Y").
Each becomes an ``EventFrame`` on ``doc._.cq_events``; roles come next.
"""

from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Token

from communique.codebook import Codebook, default_codebook
from communique.codebook.triggers import NO_EVENT, Requirement, TriggerEntry, TriggerLexicon
from communique.codebook.verbs import VerbDictionary
from communique.nlp.extensions import register_extensions
from communique.nlp.frames import EventFrame
from communique.nlp.parties.speakers import subject as clause_subject
from communique.nlp.patterns import lemma_candidates, match_verb
from communique.nlp.syntax import carrier_of, governing_verb, has_medium, objects_of

CONSULT_PREFIX = "04"
PHONE_CODE = "041"
AID_CODE = "070"
COMPLEMENT_DEPS = frozenset({"ccomp", "oprd", "acomp", "xcomp"})  # "held X accountable"
INFINITIVE_DEPS = frozenset({"xcomp", "ccomp", "advcl"})  # "swore to fight" (the model's advcl too)
MODAL_WORDS = frozenset({"will", "would", "shall", "'ll", "could", "may", "might"})
PROMISE_AUX = frozenset({"will", "would", "shall", "'ll"})
FORCE_ROOTS = frozenset({"17", "18", "19", "20"})  # coerce, assault, fight, mass violence
FORCE_THREAT_CODE = "138"  # CAMEO: threaten with military force
OBLIGATION_CODE = "100"  # CAMEO: demand, not specified below ("X said Y must ...")
APPEAL_CODE = "020"  # CAMEO: make an appeal or request ("X said Y should ...")
OBLIGATION_CODES = {"must": OBLIGATION_CODE, "should": APPEAL_CODE}
# Verbs that restate a position, beside triggers.tsv @statement: "reiterated that Libya must ..."
RESTATING_VERBS = frozenset(
    {"reiterate", "repeat", "conclude", "emphasize", "emphasise", "underline", "indicate", "argue",
     "maintain"}
)  # fmt: skip
AID_KINDS = {
    "humanitarian": "073",
    "military": "072",
    "economic": "071",
    "financial": "071",
    "budget": "071",
    "budgetary": "071",
    "development": "071",
    "emergency": "073",
}

#: Prepositions whose object is a place, not a party ("in Palmyra", "at the Kremlin").
PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout"})


class TriggerFinder:
    """Marks trigger words as ``EventFrame``s (see module docstring)."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        lexicon: TriggerLexicon,
        verbs: VerbDictionary | None = None,
        codebook: Codebook | None = None,
    ) -> None:
        self.name = name
        self.codebook = codebook
        self.lexicon = lexicon
        self.verbs = verbs if verbs is not None else VerbDictionary({}, {})
        self.phone = lexicon.word_class("phone")
        self.statement = lexicon.word_class("statement")
        self.notice = lexicon.word_class("notice")
        self.commemoration = lexicon.word_class("commemoration")
        self.discussion = lexicon.word_class("discussion")
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        self._person_at = [False] * len(doc)
        self._country_at: list[str | None] = [None] * len(doc)
        for m in doc._.cq_mentions or []:
            for i in range(m.start, m.end):
                self._person_at[i] = self._person_at[i] or m.kind == "person"
                self._country_at[i] = m.country
        frames: list[EventFrame] = []
        verb_triggers: set[int] = set()
        blocked: set[int] = set()  # hand rows coded '-': no event, and no dictionary reading
        # The four passes below read the same tokens: made once (a Token is a new object
        # at each access) with their part of speech (speed only, issue 9).
        tokens = list(doc)
        pos = [tok.pos_ for tok in tokens]
        for tok in tokens:
            if pos[tok.i] in ("VERB", "AUX") or (pos[tok.i] == "NOUN" and tok.tag_.startswith("VB")):
                entry = self._verb_entry(tok)
                if entry is not None and entry.cameo == NO_EVENT:
                    blocked.add(tok.i)
                elif entry is not None:
                    frames.append(self._verb_frame(tok, entry))
                    verb_triggers.add(tok.i)
        for tok in tokens:
            if pos[tok.i] in ("ADJ", "VERB") and tok.dep_ == "acomp" and tok.i not in verb_triggers:
                frame = self._adjective_frame(tok)
                if frame is not None:
                    frames.append(frame)
        for tok in tokens:
            if pos[tok.i] in ("NOUN", "PROPN") and tok.i not in verb_triggers:
                frame = self._noun_frame(tok, verb_triggers)
                if frame is not None:
                    frames.append(frame)
        # Below the hand lexicon: PETRARCH2's verb dictionary, for verbs no hand row took.
        taken = verb_triggers | blocked | {f.predicate for f in frames if f.predicate is not None}
        taken |= {f.trigger for f in frames}
        frames = [f for f in frames if f.cameo != NO_EVENT]
        for tok in tokens:  # "announced a suspension of aid": the noun read as its verb
            if pos[tok.i] == "VERB" and tok.i not in taken and tok.lemma_.lower() in self.verbs.light_verbs:
                frame = self._nominal_frame(tok, taken)
                if frame is not None:
                    frames.append(frame)
                    taken |= {frame.trigger, tok.i}
        for tok in tokens:
            if pos[tok.i] == "VERB" and tok.i not in taken:
                frame = self._dictionary_frame(tok)
                if frame is not None:
                    frames.append(frame)
        acts = {f.trigger for f in frames} | {f.predicate for f in frames if f.predicate is not None}
        frames += self._obligation_frames(doc, acts)
        for frame in frames:
            self._mark_phone(doc, frame)
            self._refine_aid(doc, frame)
            self._stated_force(doc, frame, taken)
        frames.sort(key=lambda f: f.trigger)
        doc._.cq_events = frames
        return doc

    # -- verbs -------------------------------------------------------------------------
    def _verb_entry(self, tok: Token) -> TriggerEntry | None:
        for entry in self.lexicon.lookup(tok.lemma_.lower(), "VERB"):
            if all(self._meets(tok, req) for req in entry.requires):
                return entry
        return None

    def _verb_frame(self, tok: Token, entry: TriggerEntry) -> EventFrame:
        end = tok.i + 1
        wanted = {"with"} | {v for r in entry.requires if r.kind == "prep" for v in r.values}
        for child in tok.rights:
            if child.i == end and child.dep_ in ("prt", "prep") and child.lower_ in wanted:
                end += 1  # "met with", "called on"
        return EventFrame(
            tok.i, tok.i, (tok.i, end), entry.cameo, entry.lemma,
            rule=_hand_rule(entry), specificity=len(entry.requires),
        )  # fmt: skip

    def _dictionary_frame(self, tok: Token) -> EventFrame | None:
        found = match_verb(tok, self.verbs)
        if found is None or not self._may_code(found.cameo, found.specificity):
            return None
        end = tok.i + 1
        for child in tok.rights:
            if child.i == end and child.dep_ == "prt":
                end += 1  # "pulled out", "called off"
        return EventFrame(
            tok.i, tok.i, (tok.i, end), found.cameo, found.verb.lemma,
            rule=found.describe(), specificity=found.specificity, reversed=found.reversed,
            curated=found.curated,
        )  # fmt: skip

    def _nominal_frame(self, light: Token, taken: set[int]) -> EventFrame | None:
        """A light verb's event noun (``nominals.tsv``): "announced a suspension of military
        aid to Mali" is the dictionary's "suspend military aid" (162), done by the light
        verb's subject; the noun's own phrase is the pattern's object."""
        passive = any(c.dep_ == "auxpass" for c in light.children)
        deps = ("dobj", "obj", "nsubjpass") if passive else ("dobj", "obj")
        for noun in (c for c in light.children if c.dep_ in deps and c.i not in taken):
            verb = self.verbs.nominals.get(noun.lemma_.lower()) or self.verbs.nominals.get(noun.lower_)
            if verb is None:
                continue
            found = match_verb(noun, self.verbs, lemmas=[verb])
            if found is None or not self._may_code(found.cameo, found.specificity):
                continue
            return EventFrame(
                noun.i, light.i, (min(light.i, noun.i), noun.i + 1), found.cameo, found.verb.lemma,
                rule=f"{found.describe()} (the noun '{noun.text}' carried by '{light.text}', nominals.tsv)",
                specificity=found.specificity, reversed=found.reversed, curated=found.curated,
            )  # fmt: skip
        return None

    def _may_code(self, cameo: str, specificity: int) -> bool:
        """A dictionary reading that could never become an event is not worth a trigger:
        a statement (01x, no PLOVER type) or a bare verb of a root the dictionary may not
        code alone (event_rules.tsv)."""
        if self.codebook is None:
            return True
        code = self.codebook.cameo.get(cameo)
        if code is None or code.plover_event is None:
            return False
        return specificity > 0 or self.codebook.event_rule(cameo).dictionary_default != "no"

    # -- adjectives ----------------------------------------------------------------------
    def _adjective_frame(self, tok: Token) -> EventFrame | None:
        """ "Yerevan is ready to sign", "X is opposed to Y": the adjective with its 'be'
        and a complement ("to" + verb, or a prepositional phrase) reports a stance."""
        entries = self.lexicon.lookup(tok.lemma_.lower(), "ADJ") or self.lexicon.lookup(tok.lower_, "ADJ")
        if not entries or not any(c.dep_ in ("xcomp", "prep") for c in tok.children):
            return None
        entry = entries[0]
        return EventFrame(
            tok.i, tok.head.i, (tok.head.i, tok.i + 1), entry.cameo, entry.lemma,
            rule=_hand_rule(entry), specificity=1,
        )  # fmt: skip

    # -- nouns -------------------------------------------------------------------------
    def _noun_frame(self, tok: Token, verb_triggers: set[int]) -> EventFrame | None:
        entries = self.lexicon.lookup(tok.lemma_.lower(), "NOUN")
        if not entries:
            return None
        carrier = carrier_of(tok)
        governing = governing_verb(tok)
        if (
            governing is not None
            and governing.i in verb_triggers
            and not self._voiced_in_talks(governing, entries)
        ):
            return None  # "participated in the meeting": the verb already reports it
        if carrier is None and governing is not None and tok.dep_ == "pobj":
            # "placed the army on high alert": a light verb may carry the noun through a preposition
            if any(governing.lemma_.lower() in e.light_verbs for e in entries):
                carrier = governing
        if carrier is None and tok.dep_ != "pobj":
            # "the dialogue launched last week": a participle carries its noun; not in a
            # circumstance ("during meetings held earlier this year"), which reports no act
            carrier = next(
                (c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.i not in verb_triggers),
                None,
            )
        for entry in entries:
            if not all(self._meets(tok, req) for req in entry.requires):
                continue
            light = (
                next((v for v in _carrier_lemmas(carrier) if v in entry.light_verbs), None)
                if carrier is not None
                else None
            )
            if carrier is not None and light is not None:
                start = min(carrier.i, tok.i)
                return EventFrame(
                    tok.i, carrier.i, (start, tok.i + 1), entry.cameo, entry.lemma,
                    rule=_hand_rule(entry, light), specificity=1 + len(entry.requires),
                )  # fmt: skip
            if (
                entry.standalone
                and (carrier is None or tok.dep_ not in ("dobj",))
                and not self._remembered(tok)
            ):
                return EventFrame(
                    tok.i, None, (tok.i, tok.i + 1), entry.cameo, entry.lemma,
                    rule=_hand_rule(entry), specificity=len(entry.requires),
                )  # fmt: skip
        return None

    def _voiced_in_talks(self, verb: Token, entries: tuple[TriggerEntry, ...]) -> bool:
        """ "Sullivan discussed concerns over China's actions": a talk verb (triggers.tsv
        @discussion) that is one of the noun's light verbs carries what was voiced in the
        talks, an act of its own beside them."""
        lemma = verb.lemma_.lower()
        return lemma in self.discussion and any(lemma in e.light_verbs for e in entries)

    def _remembered(self, noun: Token) -> bool:
        """ "the 25th anniversary of Poland's accession to NATO": an event noun in the "of"
        phrase of a commemoration (triggers.tsv @commemoration) is a past act remembered."""
        tok = noun
        for _ in range(2):
            if tok.dep_ != "pobj" or tok.head.lower_ != "of":
                return False
            tok = tok.head.head
            if tok.lemma_.lower() in self.commemoration:
                return True
        return False

    # -- requirements ------------------------------------------------------------------
    def _meets(self, tok: Token, req: Requirement) -> bool:
        if req.kind == "prep":
            return any(_particle(c, req.values) for c in tok.children)
        if req.kind == "noprep":
            return not any(_particle(c, req.values) for c in tok.children)
        if req.kind == "noobj":
            return not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children)
        if req.kind == "nodobj":  # "claimed that Y ...", not "claimed the islands"
            return not any(c.dep_ in ("dobj", "obj") for c in tok.children)
        if req.kind == "nocomp":  # "called President Y a liar": the object's predicate names, no call
            # (the parse gives the predicate as "oprd", or as a second object: "calls ISIL
            # presence in Palmyra a tragedy")
            objects = sum(c.dep_ in ("dobj", "obj") for c in tok.children)
            return objects < 2 and not any(c.dep_ == "oprd" for c in tok.children)
        if req.kind == "modal":  # only said of the future: "would take measures"
            carrier = carrier_of(tok) or tok
            return any(c.dep_ == "aux" and c.lower_ in MODAL_WORDS for c in carrier.children)
        if req.kind == "planned":  # "agreed to stay in contact", "told them to maintain contacts"
            carrier = carrier_of(tok) or governing_verb(tok) or tok
            return carrier.dep_ == "xcomp" or any(
                c.dep_ == "aux" and (c.lower_ == "to" or c.lower_ in PROMISE_AUX) for c in carrier.children
            )
        if req.kind in ("toinf", "tocomp"):
            # toinf: "swore to fight", the subject's own act to come; tocomp: "wants Iran to
            # halt enrichment", an act wished of another (an infinitive with its own subject)
            own = req.kind == "tocomp"
            return any(
                c.dep_ in INFINITIVE_DEPS
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                and any(a.dep_ == "nsubj" for a in c.children) == own
                for c in tok.children
            )
        if req.kind == "comp":  # "held Russia accountable": the object's predicate adjective
            return any(c.dep_ in COMPLEMENT_DEPS and c.lemma_.lower() in req.values for c in tok.children)
        if req.kind == "medium":
            return has_medium(tok, req.values)
        if req.kind == "subj":  # "peacekeeping troops arrived": who acts, by its noun or a modifier
            return any(
                t.lemma_.lower() in req.values or t.lower_ in req.values
                for s in _subject_nouns(tok)
                for t in (s, *(m for m in s.children if m.dep_ in ("compound", "amod")))
            )  # fmt: skip
        if req.kind == "obj":
            objects = objects_of(tok)
            if any(n.lemma_.lower() in req.values or n.lower_ in req.values for n in objects):
                return True
            # "received Cravinho", "was received by ...": a named person fills a @person slot.
            # A name in a phrase of place ("calls ISIL presence in Palmyra a tragedy") is where,
            # not whom: it fills no @person slot.
            people = self.lexicon.word_class("person")
            return req.values == people and any(
                self._person_at[n.i]
                for n in objects
                if not (n.dep_ == "pobj" and n.head.lower_ in PLACE_PREPS)
            )
        return False

    def _obligation_frames(self, doc: Doc, acts: set[int]) -> list[EventFrame]:
        """ "Russia said Sudan must return the helicopter", "declared that China must drop
        barriers": a statement that another party must act is a demand on it (CAMEO 100,
        PLOVER REQUEST); the statement verb carries it, the roles give its clause's subject
        as the recipient, and what must be done is its content. A notice issued or sent with
        such a clause ("issued a reminder to Iraq that it must cooperate") is carried by the
        verb that issues it. "Lawson said the U.S. should cut its deficit" is the same urging
        said more softly: an appeal (CAMEO 020)."""
        lower = doc.to_array("LOWER")
        out: list[EventFrame] = []
        for i in numpy.flatnonzero(numpy.isin(lower, [doc.vocab.strings[w] for w in OBLIGATION_CODES])):
            aux = doc[int(i)]
            code = OBLIGATION_CODES[aux.lower_]
            content = clause = aux.head
            while clause.dep_ == "conj" and clause.head is not clause:
                clause = clause.head  # "indicated it is open ... but that Brazil must be flexible"
            said = self._speaker(clause) if aux.dep_ == "aux" else None
            if said is None or said.i in acts or clause.head.i in acts:
                continue
            subjects = [c for c in content.children if c.dep_ in ("nsubj", "nsubjpass")]
            if code == APPEAL_CODE and (not _advised(content, subjects) or self._own_advice(said, subjects)):
                continue
            if subjects:
                out.append(
                    EventFrame(
                        said.i, said.i, (said.i, said.i + 1), code, said.lemma_.lower(),
                        rule=f"'{said.text} ... {aux.lower_} {content.text}': a demand on whoever must act",
                        specificity=1,
                    )
                )  # fmt: skip
        return out

    def _own_advice(self, said: Token, subjects: list[Token]) -> bool:
        """ "Clinton said the United States should lead": advice to the speaker's own state
        is a domestic view, not an appeal to another party."""
        speaker = clause_subject(said)  # "Clinton ..., saying that": the subject of the verb it hangs on
        speakers = {self._country_at[speaker.i]} - {None} if speaker is not None else set()
        advised = {self._country_at[s.i] for s in subjects} - {None}
        return bool(speakers) and speakers == advised

    def _speaker(self, clause: Token) -> Token | None:
        """The verb that says a "must" clause: a statement verb ("said that Peru must"), or the
        verb that issues a notice with it ("issued a reminder to Iraq that it must"), whether
        the parse hangs the clause off the notice or off the verb; None if nothing says it."""
        said = clause.head
        if clause.dep_ == "acl" and said.lemma_.lower() in self.notice and said.dep_ in ("dobj", "obj"):
            return said.head if any(c.dep_ == "mark" for c in clause.children) else None
        if clause.dep_ != "ccomp":
            return None
        lemma = said.lemma_.lower()
        if lemma in self.statement or lemma in RESTATING_VERBS:
            return said
        return said if any(o.lemma_.lower() in self.notice for o in objects_of(said)) else None

    def _stated_force(self, doc: Doc, frame: EventFrame, triggers: set[int]) -> None:
        """ "North Korea stated it would attack ...": force a speaker says will or would come
        is a threat by the speaker (CAMEO 138), made when it was said; the statement verb is
        the predicate, so the speaker acts and the statement's date and modality count."""
        if frame.cameo[:2] not in FORCE_ROOTS or frame.predicate != frame.trigger:
            return
        tok = doc[frame.trigger]
        while tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
            tok = tok.head  # "would attack ... and would respond"
        said = tok.head
        if tok.dep_ != "ccomp" or said.lemma_.lower() not in self.statement or said.i in triggers:
            return
        auxiliaries = [*doc[frame.trigger].children, *tok.children]
        if not any(c.dep_ == "aux" and c.lower_ in PROMISE_AUX for c in auxiliaries):
            return
        frame.predicate, frame.cameo = said.i, FORCE_THREAT_CODE
        frame.rule += f"; said of the future after '{said.text}': a threat of force"

    def _refine_aid(self, doc: Doc, frame: EventFrame) -> None:
        """ "humanitarian assistance" is 073, "military aid" 072, "economic aid" 071; a verb's
        object says it as well ("sent humanitarian aid"); aid of several kinds ("economic and
        humanitarian assistance") stays 070."""
        if frame.cameo != AID_CODE:
            return
        trigger = doc[frame.trigger]
        things = [trigger, *(c for c in trigger.children if c.dep_ in ("dobj", "obj"))]
        kinds_of = [c for t in things for c in t.children if c.dep_ in ("amod", "compound")]
        words = [w for c in kinds_of for w in (c, *c.conjuncts)]
        kinds = {AID_KINDS[w.lemma_.lower()] for w in words if w.lemma_.lower() in AID_KINDS}
        if len(kinds) == 1:
            frame.cameo = kinds.pop()

    def _mark_phone(self, doc: Doc, frame: EventFrame) -> None:
        if not frame.cameo.startswith(CONSULT_PREFIX) or frame.cameo == PHONE_CODE:
            return
        tokens = [doc[frame.trigger]]
        if frame.predicate is not None:
            tokens.append(doc[frame.predicate])
        if any(has_medium(t, self.phone) for t in tokens):
            frame.cameo = PHONE_CODE


def _advised(content: Token, subjects: list[Token]) -> bool:
    """ "Lawson said the U.S. should cut its deficit": advice to a named party (a proper name
    as the subject), not an expectation ("Venezuela should have no problems repaying"), a
    counterfactual ("Israel should have been the first to ...") or a view of how things
    ought to be ("implementation of the resolution should underlie any settlement")."""
    if content.lemma_ == "have" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in content.children):
        return False
    return any(s.pos_ == "PROPN" for s in subjects)


def _subject_nouns(verb: Token) -> list[Token]:
    """The active subject of ``verb``, and what a quantity or part of it names ("a first
    contingent of peacekeeping troops arrived": the troops)."""
    out = []
    for subject in verb.children:
        if subject.dep_ == "nsubj":
            out.append(subject)
            out += [o for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj"]  # fmt: skip
    return out


def _carrier_lemmas(carrier: Token) -> list[str]:
    """A light verb's readings, its phrasal verb first: "called off a strike" is carried by
    "call off" (a concession), "called a strike" by "call"."""
    plain = lemma_candidates(carrier)
    return [f"{plain[0]} {c.lower_}" for c in carrier.children if c.dep_ == "prt"] + plain


def _particle(child: Token, words: frozenset[str]) -> bool:
    """A particle or preposition of the trigger among ``words``; "called Macron on Tuesday"
    has no "call on": a preposition that only dates the act does not count."""
    if child.dep_ not in ("prep", "prt") or child.lower_ not in words:
        return False
    objects = [g for g in child.children if g.dep_ == "pobj"]
    return not objects or any(g.ent_type_ not in ("DATE", "TIME") for g in objects)


def _hand_rule(entry: TriggerEntry, carrier: str | None = None) -> str:
    words = f"{carrier} + {entry.lemma}" if carrier else entry.lemma
    needs = ", ".join(
        f"{r.kind}" + (f"={'|'.join(sorted(r.values)[:3])}" if r.values else "") for r in entry.requires
    )
    return f"triggers.tsv {entry.pos} {words}" + (f" [{needs}]" if needs else "")


@Language.factory(
    "communique_triggers",
    default_config={},
    requires=["token.lemma", "token.dep", "token.pos"],
    assigns=["doc._.cq_events"],
)
def make_trigger_finder(nlp: Language, name: str) -> TriggerFinder:
    codebook: Codebook = default_codebook()
    return TriggerFinder(nlp, name, lexicon=codebook.triggers, verbs=codebook.verbs, codebook=codebook)
