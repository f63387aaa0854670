"""``communique_modality``: did it happen, will it, might it, or did it not?

"did not meet" is negated, "will visit" future, "could sign" hypothetical. An event can
only be one of these; negation wins, then hypothetical, then future. ``historical`` (a
past event recalled as background) needs the event's date and is set in ``dates``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from communique.codebook import Codebook, default_codebook
from communique.nlp.components.roles import NO_RECIPIENT, UNANCHORED
from communique.nlp.components.triggers import CONSULT_PREFIX
from communique.nlp.extensions import register_extensions
from communique.nlp.frames import EventFrame
from communique.nlp.patterns import DICTIONARY_RULE
from communique.nlp.syntax import FUTURE_AUX, coordinated_with

HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would", "should", "can", "must"})
REFUSAL_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})  # "would not", "won't"
FUTURE_GOVERNORS = frozenset(
    {
        "plan",
        "intend",
        "expect",
        "schedule",
        "agree",
        "hope",
        "aim",
        "prepare",
        "want",
        "seek",
        "propose",
        "invite",
        "decide",
        "set",
        "going",
        "due",
        "pledge",
        "promise",
        "vow",
        "offer",
        "commit",
        "wish",
        "look",
        "ready",
        "willing",
        "prepared",
        "determined",
    }
)
NEGATING_GOVERNORS = frozenset({"fail", "refuse", "decline", "cancel", "postpone", "deny", "avoid"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
# "said they would boycott": reported speech puts "will" in the past; it is the future said then
REPORTING_VERBS = frozenset(
    {"say", "announce", "confirm", "state", "declare", "tell", "add", "report", "indicate"}
)  # fmt: skip
INTENT_ROOT = "03"  # CAMEO: express intent to cooperate (PLOVER AGREE)
ASK_ROOTS = frozenset({"02", "10"})  # CAMEO: appeal, demand (PLOVER REQUEST)
FORCE_ROOTS = frozenset({"17", "18", "19", "20"})  # coerce, assault, fight, mass violence
THREAT_CODE = "130"  # CAMEO: threaten, not otherwise specified (PLOVER THREATEN)
# "the army prepared to resume shelling": readying force is a force posture (CAMEO 15, PLOVER
# MOBILIZE), not a threat (which is said to someone); "is prepared to" (willing) stays a threat
POSTURE_CODE = "150"  # CAMEO: demonstrate military or police power
PREPARING_VERBS = frozenset({"prepare", "gear", "mobilize", "mobilise", "mass"})
# "marched to demand", "struck to protest against X": what a protest (CAMEO 14) voices in a "to"
# or "-ing" clause (appeal 02, demand 10, disapproval 11, protest 14) is its purpose, one event
PROTEST_ROOT = "14"
PURPOSE_ROOTS = frozenset({"02", "10", "11", "14"})
PURPOSE_DEPS = frozenset({"advcl", "xcomp", "acl"})
# Speech acts whose complement clause is their content: appeals, intents, demands,
# rejections, threats (CAMEO roots); and the dependencies that lead to such a clause.
SPEECH_ACT_ROOTS = frozenset({"02", "03", "10", "12", "13"})
# What a request noun asks ("an appeal to Turkey to withdraw") and what a rejected request
# asked ("dismissed an appeal from Greece to withdraw") is content; what an intent noun
# names ("their commitment to continue holding X accountable") stays an act of its own.
NOUN_CONTENT_ROOTS = frozenset({"02", "10", "12"})
# "committed to continuing to provide aid": the content may hang off a preposition ("to", "on").
CONTENT_DEPS = frozenset({"xcomp", "ccomp", "conj", "pcomp", "prep"})


class ModalityTagger:
    """Sets ``modality`` on every EventFrame (see module docstring)."""

    def __init__(self, nlp: Language, name: str, *, codebook: Codebook | None = None) -> None:
        self.name = name
        self.codebook = codebook
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        frames = doc._.cq_events or []
        for frame in frames:
            anchor = doc[frame.predicate if frame.predicate is not None else frame.trigger]
            frame.modality = modality_of(anchor)
            if frame.modality == "hypothetical" and _on_condition(anchor):
                frame.modality = "future"  # "may halt aid if ...": a promise on a condition (PLOVER)
            if frame.modality == "future" and frame.cameo[:2] in FORCE_ROOTS - {"17"} and _readied(anchor):
                frame.cameo, frame.modality = POSTURE_CODE, "asserted"  # the readying has happened
                frame.rule += "; force being readied: a force posture"
            elif frame.modality == "future" and self.codebook is not None:
                # PLOVER: "will visit / meet / provide" is an intent, AGREE (event_rules.tsv).
                future = self.codebook.event_rule(frame.cameo).future_for(frame.cameo)
                if future is not None:
                    frame.cameo = future
            elif frame.modality == "negated" and self.codebook is not None and _refused(anchor):
                # "said it would not provide support": a refusal, REJECT (event_rules.tsv negated_code)
                refused = self.codebook.event_rule(frame.cameo).negated_code
                if refused is not None:
                    self._recode(frame, refused)
                    frame.modality = "asserted"
                    frame.rule += "; refused for the future: a rejection"
        fold_contents(doc, frames)
        if self.codebook is not None:
            _fold_talk_purposes(doc, frames, self.codebook)
        return doc

    def _recode(self, frame: EventFrame, code: str) -> None:
        """Give a refused act its rejection code; a rejection needs no named other side
        ("said it would not meet the hostage-takers' demands"), so it is no longer held back
        for want of one. (A future act keeps the check: "will provide aid" needs a receiver.)"""
        frame.cameo = code
        one_sided = frame.reason == UNANCHORED and frame.own_pattern
        if (frame.reason == NO_RECIPIENT or one_sided) and self.codebook is not None:
            if not self.codebook.event_rule(code).recipient_required:
                frame.reason = None


def fold_contents(doc: Doc, frames: list[EventFrame]) -> None:
    """One event per speech act: what is urged, demanded, promised, refused or threatened
    ("urged Russia to withdraw", "threatened to shell", "agreed to meet") is the content
    of that act, not a second event. Between two intents, a hand-made trigger ("agreed",
    "is ready") carries the event; a dictionary verb ("plans") gives way to the more
    telling act it governs ("to visit", future)."""
    acts = {f.trigger: f for f in frames if f.coded and f.cameo[:2] in SPEECH_ACT_ROOTS}
    _promised_force(doc, frames, acts)
    # every appeal or demand, folded or not: what it asks is someone else's act
    asks = {f.trigger: f for f in frames if f.cameo[:2] in ASK_ROOTS}
    for frame in frames:
        if not frame.coded:
            continue
        node = doc[frame.predicate if frame.predicate is not None else frame.trigger]
        governor = None
        asked = False  # "pledged to ask Congress to approve funding": the approving is Congress's
        of_noun = False  # the last step went from an infinitive up to the noun it completes
        for _ in range(5):  # "called on Arabs to unite and mobilize": conj, then xcomp
            dep = node.dep_
            infinitive = dep in ("advcl", "acl") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in node.children
            )
            # "dismissed an appeal from Greece to withdraw": what the rejected appeal asks is its
            # content, through the noun to the verb it is the object of
            object_of_act = of_noun and dep in ("dobj", "obj")
            if (dep not in CONTENT_DEPS and not infinitive and not object_of_act) or node.head is node:
                break  # ("threatened on Monday to impose": the model's advcl is the content too)
            of_noun = dep == "acl" and infinitive and node.head.pos_ in ("NOUN", "PROPN")
            node = node.head
            if dep == "conj":  # "rejected the sanctions and accused ...": two acts
                continue
            asked = asked or node.i in asks
            governor = acts.get(node.i)
            if governor is None and node.i in asks and not of_noun and not object_of_act:
                # "was pressured by congress to help Iran": an appeal whose speaker is not
                # known still asks for the act; it is not reported as done
                governor = asks[node.i]
            if (
                governor is not None
                and (of_noun or object_of_act)
                and governor.cameo[:2] not in NOUN_CONTENT_ROOTS
            ):
                governor = None  # "underscored their commitment to continue holding X accountable": two acts
            if governor is not None and governor is not frame and (governor.coded or node.i in asks):
                break
            governor = None
        if governor is None:
            continue
        intents = frame.cameo.startswith(INTENT_ROOT) and governor.cameo.startswith(INTENT_ROOT)
        by_dictionary = governor.rule.startswith(DICTIONARY_RULE)
        by_dictionary = by_dictionary and not frame.rule.startswith(DICTIONARY_RULE)
        if intents and by_dictionary:
            governor.reason = f"its content '{doc[frame.trigger].text}' is the AGREE event"
        else:
            if intents and governor.cameo == INTENT_ROOT + "0" and not asked:
                governor.cameo = frame.cameo  # "proposed launching a dialogue": 036, not plain 030
            said = doc[governor.trigger].text
            frame.reason = f"the content of '{said}' ({governor.cameo}), not an event of its own"
    _fold_protest_purposes(doc, frames)  # after the contents: a demand folded keeps its own content


def _fold_protest_purposes(doc: Doc, frames: list[EventFrame]) -> None:
    """ "staged demonstrations to demand reforms", "began a hunger strike to protest against
    X", "blocked roads demanding that ...": what a protest voices is its purpose, not a second
    event (PLOVER codes one PROTEST). An appeal, demand, complaint or protest (PURPOSE_ROOTS)
    in a "to" infinitive or participle clause of a protest act (PROTEST_ROOT) folds into it,
    which takes the purpose's other side when it names none of its own."""
    protests: dict[int, EventFrame] = {}
    for frame in frames:
        if frame.coded and frame.cameo[:2] == PROTEST_ROOT:
            for i in (frame.trigger, frame.predicate):
                if i is not None:
                    protests.setdefault(i, frame)
    if not protests:
        return
    for frame in frames:
        if not frame.coded or frame.cameo[:2] not in PURPOSE_ROOTS:
            continue
        node = doc[frame.predicate if frame.predicate is not None else frame.trigger]
        protest = protests.get(node.head.i)
        if protest is None or protest is frame or node.dep_ not in PURPOSE_DEPS:
            continue
        to_infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if not (to_infinitive or node.tag_ == "VBG"):
            continue
        if not protest.recipients:
            protest.recipients = list(frame.recipients)
        frame.reason = (
            f"the purpose of '{doc[protest.trigger].text}' ({protest.cameo}), not an event of its own"
        )


def _fold_talk_purposes(doc: Doc, frames: list[EventFrame], codebook: Codebook) -> None:
    """ "spoke today with X to discuss the attacks on Israel", "will meet Y to discuss trade":
    the discussion (triggers.tsv @discussion) in a "to" clause of a call, meeting or visit is
    what those talks were for, one CONSULT (dev-gold: "The delegation met with ... to
    discuss ..." is one event); what it names ("the attacks on Israel") is a topic, not a
    second party."""
    discussion = codebook.triggers.word_class("discussion")
    talks_future = codebook.event_rule(CONSULT_PREFIX + "0").future_code
    talks: dict[int, EventFrame] = {}
    for frame in frames:
        if frame.coded and (frame.cameo.startswith(CONSULT_PREFIX) or frame.cameo == talks_future):
            for i in (frame.trigger, frame.predicate):
                if i is not None:
                    talks.setdefault(i, frame)
    for frame in frames:
        if not frame.coded or frame.lemma not in discussion:
            continue
        node = doc[frame.predicate if frame.predicate is not None else frame.trigger]
        held = talks.get(node.head.i)
        if held is None or held is frame or node.dep_ not in PURPOSE_DEPS:
            continue
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            frame.reason = (
                f"what '{doc[held.trigger].text}' ({held.cameo}) was held for, not talks of its own"
            )


def _promised_force(doc: Doc, frames: list[EventFrame], acts: dict[int, EventFrame]) -> None:
    """ "vowed to track down the perpetrators", "promised to strike back": an intent whose
    content is force is a threat (CAMEO 13x, PLOVER THREATEN), not an intent to cooperate;
    so is one whose content is already a threat (force said of the future: event_rules.tsv
    future_code)."""
    for frame in frames:
        if frame.cameo[:2] not in FORCE_ROOTS and frame.cameo[:2] != THREAT_CODE[:2]:
            continue
        node = doc[frame.predicate if frame.predicate is not None else frame.trigger]
        infinitive = node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        governor = acts.get(node.head.i) if node.dep_ == "xcomp" or infinitive else None  # "swore to fight"
        if governor is not None and governor.cameo.startswith(INTENT_ROOT):
            governor.cameo = THREAT_CODE
            if frame.coded:
                frame.reason = f"the content of '{doc[governor.trigger].text}' ({THREAT_CODE})"


def modality_of(pred: Token) -> str:
    """The modality of a predicate from its auxiliaries, negation and governing verbs."""
    children = list(pred.children)
    if any(c.dep_ == "neg" for c in children):
        return "negated"
    aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    conditional = any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in children)
    if aux & HYPOTHETICAL_AUX == {"would"} and not conditional and _reported(pred):
        return "future"
    if aux & HYPOTHETICAL_AUX or conditional:
        return "hypothetical"
    if aux & FUTURE_AUX or _going_to(pred):
        return "future"
    if pred.dep_ == "conj" and pred.tag_ == "VB" and not aux:
        partner = coordinated_with(pred)
        if any(c.dep_ in ("aux", "neg") and c.lower_ != "to" for c in partner.children):
            # "will visit Paris and meet the president", "did not sign or ratify": a bare
            # conjunct is said with its partner's auxiliaries. (A partner's governor, as in
            # "scheduled to give a speech and meet", is left to the partner: PETRARCH2's
            # gold codes such a meeting as held.)
            return modality_of(partner)
    # "refused to sign", "plans to visit", "agreed to meet": the governing verb decides.
    if pred.dep_ == "xcomp" or (pred.dep_ in ("pobj", "dobj") and pred.pos_ == "NOUN"):
        governor = pred.head if pred.dep_ == "xcomp" else None
        if governor is not None:
            lemma = governor.lemma_.lower()
            outer = modality_of(governor)
            if lemma in NEGATING_GOVERNORS:
                return "negated" if outer == "asserted" else outer
            if outer != "asserted":
                return outer
            if lemma in FUTURE_GOVERNORS:
                return "future"
    return "asserted"


def _readied(pred: Token) -> bool:
    """ "prepared to resume shelling", "are gearing up to attack": the act is a "to"
    complement, through others, of a verb of getting ready (not "is / should be prepared to",
    a willingness)."""
    tok = pred
    while tok.dep_ == "xcomp" and tok.head is not tok:
        tok = tok.head
        if tok.pos_ == "VERB" and tok.tag_ != "VBN" and tok.lemma_.lower() in PREPARING_VERBS:
            return True
    return False


def _on_condition(pred: Token) -> bool:
    """ "may halt mediation if cooperation founders", "would attack unless ...": an act a modal
    puts on an explicit condition, which PLOVER codes as offered or threatened (AGREE, THREATEN)."""
    children = list(pred.children)
    modal = any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in children)
    return modal and any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for c in children
    )


def _reported(pred: Token) -> bool:
    """The clause a reporting verb says ("said it would ...", "confirmed it would ...")."""
    clause = pred
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head  # "said it would attack ... and would respond"
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in REPORTING_VERBS


def _refused(pred: Token) -> bool:
    """ "will not / would not / won't" + the act: a refusal, not a report that it did not happen."""
    children = list(pred.children)
    return any(c.dep_ == "neg" for c in children) and any(
        c.dep_ == "aux" and c.lower_ in REFUSAL_AUX for c in children
    )


def _going_to(pred: Token) -> bool:
    head = pred.head
    return pred.dep_ == "xcomp" and head.lower_ == "going" and any(c.dep_ == "aux" for c in head.children)


@Language.factory(
    "communique_modality",
    default_config={},
    requires=["doc._.cq_events"],
    assigns=["doc._.cq_events"],
)
def make_modality_tagger(nlp: Language, name: str) -> ModalityTagger:
    return ModalityTagger(nlp, name, codebook=default_codebook())
