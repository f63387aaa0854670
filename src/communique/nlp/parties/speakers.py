"""Who the subject of a clause is, and who speaks when the subject is a pronoun.

A verb with no subject of its own shares its head's ("visited Kazakhstan to participate");
a long titled name the model attached elsewhere still ends right before the verb. "I" and
"we" are the speaker of the quotation or transcript turn; "they", "it" and "their forces"
in reported speech are whoever is reported to say it.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

from communique.nlp.extensions import doc_text
from communique.nlp.frames import ActorMention
from communique.nlp.parties.phrases import LOCATIVE_PREPS, demonym_group, mentions_in, pobj_mentions
from communique.nlp.syntax import coordinated_with

SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
# A pronoun that, in reported speech, stands for the speaker ("X said they would ...").
SPEAKER_PRONOUNS = frozenset({"they", "it", "he", "she", "their", "its", "his", "her"})
FIRST_PERSON = frozenset({"i", "we"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
SPEAKER_LOOKBACK = 8  # sentences back to the "X said:" label of a quotation or transcript turn
TURN_LOOKBACK = 20  # sentences back to the label that opens a transcript turn ("X (retranslated): ...")
LABEL_TOKENS = 24  # a turn's label ends with a colon within this many tokens of the line start


def subject(pred: Token) -> Token | None:
    """The subject of a predicate, inherited through xcomp/conj/advcl/relcl when it has none."""
    node = pred
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        for child in subjects:
            if child.lower_ in RELATIVE_PRONOUNS and node.dep_ == "relcl":
                if len(subjects) > 1:
                    continue  # "boats which ... the US criticised": the pronoun is the object
                return node.head
            return child
        if node.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") and node.head is not node:
            node = coordinated_with(node)
            if node.dep_ == "prep" and node.head.pos_ in ("VERB", "AUX"):
                node = node.head  # "retaliated by firing ...": the verb of the "by" phrase
        elif node.dep_ == "relcl":
            return node.head
        elif node.dep_ == "acl" and (owner := _owner(node.head)) is not None:
            if owner.pos_ != "PRON":
                return owner  # "Russia's decision to withdraw": the possessor acts
            if node.head.dep_ != "dobj" or not _reports_event(node.head):
                return None  # "continued their effort to overthrow ...": an attempt, not the act
            node = node.head.head  # "underscored their commitment to continue ...": the verb's subject
        else:
            return None
    return None


def _reports_event(noun: Token) -> bool:
    """Whether the triggers component found an event in ``noun`` ("their commitment")."""
    return any(f.trigger == noun.i for f in noun.doc._.cq_events or [])


def _owner(noun: Token) -> Token | None:
    """The possessor of a noun ("their commitment", "Russia's decision"), if any."""
    return next((c for c in noun.children if c.dep_ == "poss"), None) if noun.pos_ == "NOUN" else None


def clause_head(pred: Token) -> Token:
    """The verb whose subject ``pred`` shares ("visited Kazakhstan to participate" -> visited)."""
    node = pred
    while node.dep_ in ("xcomp", "conj", "advcl") and node.head is not node:
        node = node.head
    return node


def adjacent_subject(doc: Doc, pred: Token, at: list) -> list[ActorMention]:
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


def first_person_speaker(pronoun: Token, at: list, statement: frozenset[str]) -> list[ActorMention]:
    """Who says "I" or "we": the named subject of a statement verb in the same sentence
    ('"We urge ...", X said'), or of the label that opens the quotation or transcript
    turn ("The Foreign Secretary Philip Hammond said:", "President of Russia Vladimir
    Putin:"), a few sentences back; one who speaks "on behalf of X" speaks for X.
    ``statement``: the lemmas of statement verbs."""
    sent = pronoun.sent
    principal = on_behalf_of(pronoun.head, at)
    if principal:
        return principal[:1]
    for tok in sent:
        if tok.lemma_.lower() in statement:
            for child in tok.children:
                if child.dep_ == "nsubj" and child.i != pronoun.i:
                    found = mentions_in(child, at, depth=1)
                    if found:
                        return found[:1]
    doc = pronoun.doc
    turn = turn_speaker(sent, at)
    if turn:
        return turn
    start = sent.start
    for back in range(TURN_LOOKBACK):
        if start == 0:
            return []
        previous = doc[start - 1].sent
        if back < SPEAKER_LOOKBACK and previous.text.rstrip().endswith(":"):
            names = [at[i] for i in range(previous.start, previous.end) if at[i] is not None]
            people = [m for m in names if m.kind == "person"] or names
            if people:
                return people[:1]
        turn = turn_speaker(previous, at)
        if turn:
            return turn
        start = previous.start
    return []


def turn_speaker(sent: Span, at: list) -> list[ActorMention]:
    """The speaker a transcript turn opens with: a label that starts a line and ends with a
    colon ("President of Iran Hassan Rouhani (retranslated): Thank you ..."). Scraped labels
    may run the words together ("Minister-PresidentofBavariaHorstSeehofer"): a person the
    text names elsewhere whose name, spaces left out, is in the label is the speaker."""
    doc = sent.doc
    if sent.start_char > 0 and doc_text(doc)[sent.start_char - 1] != "\n":
        return []
    colon = next((t for t in sent[:LABEL_TOKENS] if t.text.endswith(":")), None)  # ":" or "):"
    if colon is None or any(
        t.pos_ in ("VERB", "AUX") for t in _outside_parentheses(doc[sent.start : colon.i])
    ):
        return []  # "We have three goals:" is speech; "(retranslated)" is a note on the label
    label = doc[sent.start : colon.i].text.replace(" ", "")
    glued = [
        (len(name), m)
        for m in {id(m): m for m in at if m is not None}.values()
        if m.kind == "person" and m.country
        for name in (m.name, m.entity_text)
        if name and " " in name and name.replace(" ", "") in label
    ]
    if glued:
        return [max(glued, key=lambda pair: pair[0])[1]]
    names = [at[i] for i in range(sent.start, colon.i) if at[i] is not None and at[i].kind == "person"]
    return names[:1]


def reported_speaker(subj: Token, at: list, demonyms: Mapping[str, tuple[str, str]]) -> list[ActorMention]:
    """A pronoun subject ("they", "it") or an agent noun it owns ("their forces") in what
    someone is reported to say: the speaker ("the Fijian rebels said they will release")."""
    for said in reporting_subjects(subj):
        found = mentions_in(said, at, depth=1, skip=LOCATIVE_PREPS) or demonym_group(said, demonyms)
        if found:
            return found[:1] if subj.lower_ in ("it", "he", "she") else found
    return []


def reporting_subjects(subj: Token) -> list[Token]:
    """The subjects of the verb that reports the clause of a pronoun subject ("they", "it")
    or of an agent noun it owns ("their forces"): "the party said it will boycott" -> party;
    none when the subject is neither or its clause is reported by no one."""
    pronoun = subj.lower_ in SPEAKER_PRONOUNS
    owned = subj.pos_ == "NOUN" and any(
        c.dep_ == "poss" and c.lower_ in SPEAKER_PRONOUNS for c in subj.children
    )
    if not (pronoun or owned):
        return []
    node = subj.head
    while node.dep_ in ("conj", "xcomp") and node.head is not node:
        node = node.head
    if node.dep_ != "ccomp":
        return []
    return [c for c in node.head.children if c.dep_ == "nsubj"]


def on_behalf_of(pred: Token, at: list) -> list[ActorMention]:
    """ "On behalf of President X and the people, I congratulate ...": whom the act is done for."""
    for prep in (c for c in pred.children if c.dep_ == "prep" and c.lower_ in ("on", "in")):
        for behalf in (g for g in prep.children if g.dep_ == "pobj" and g.lower_ == "behalf"):
            for of in (c for c in behalf.children if c.dep_ == "prep" and c.lower_ == "of"):
                return pobj_mentions(of, at)
    return []


def _outside_parentheses(span: Span) -> list[Token]:
    out: list[Token] = []
    depth = 0
    for tok in span:
        depth += tok.text.startswith("(")
        if depth == 0:
            out.append(tok)
        depth -= tok.text.startswith(")") and depth > 0
    return out
