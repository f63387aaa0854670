"""``communique_dates``: give every event the date the text gives it, not the article's.

Time expressions come from the NER's DATE entities (merged when adjacent, "October
26-27" + "this year", and widened to a day number the NER left out, "2 February 1993")
and are normalised by ``nlp/timex.py`` against the article date, or, when the article
has none, against the date inferred from the text's own absolute dates.

An event takes the date attached to its predicate in the parse ("signed on 7 November");
failing that, the article's date (``date_basis`` "article") or the inferred one
("inferred"). Dates in parentheses are background ("relations established (2 February
1993)") and never date another event. An event dated more than a year before the
article's date is a past event recalled as background: ``historical``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from communique.codebook import Codebook, default_codebook
from communique.codebook.cache import people_kb
from communique.codebook.people import PeopleKB, normalise
from communique.model import ISO_LENGTH
from communique.nlp.extensions import doc_text, register_extensions
from communique.nlp.frames import DateMention, EventFrame
from communique.nlp.syntax import FUTURE_AUX
from communique.nlp.timefind import (
    WEEKDAY_NAMES,
    FoundTime,
    Term,
    dateline_date,
    find_time_expressions,
    infer_article_date,
)
from communique.nlp.timex import Anchor, TimeValue, normalize

HISTORICAL_GAP_DAYS = 366
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "xcomp", "conj", "acl", "parataxis", "csubj"})
CLAUSE_SEARCH_DEPTH = 6
#: Parts of speech whose conjuncts are list items, not clauses: a list of names does not end
#: the clause ("met officials from Chile, Peru and Bolivia on Monday").
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
#: A date that modifies another noun of the clause dates that noun, not the event.
NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nummod", "poss", "nmod"})
_WEEKDAY_WORD = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)


class DateResolver:
    """Normalises time expressions and dates each EventFrame (see module docstring)."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        codebook: Codebook | None = None,
        people: bool = True,
        cache_dir: str | None = None,
        actors_file: str | None = None,
    ) -> None:
        self.name = name
        self.codebook = codebook
        self.people = people  # whether the people knowledge base may date an undated article
        self.cache_dir = cache_dir  # the actors component's cache: the same knowledge base object
        self.actors_file = actors_file  # a user's people, as the actors component reads them
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        entities = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
        article_date: dt.date | None = doc._.cq_article_date
        title, dateline = doc._.cq_article_head or (None, None)
        if article_date is not None:
            precision = doc._.cq_article_date_precision
            iso = article_date.isoformat()[: ISO_LENGTH[precision]]
            doc_date: TimeValue | None = TimeValue(iso, None, precision, False)
            doc._.cq_doc_date_basis = "article"
            if precision != "day":
                # "yesterday" against "sometime in 2015-12" has no day: relative
                # expressions are resolved against the year only.
                article_date = None
        else:
            found = find_time_expressions(text, Anchor(None, None), entities=entities)
            url = (doc._.cq_publisher or (None, None))[0]
            terms = terms_of_office(doc, people_kb(self.cache_dir, self.actors_file)) if self.people else {}
            inferred = infer_article_date(
                text,
                found,
                url,
                dateline=dateline,
                title=title,
                terms=terms,
                weekday=lead_weekday(doc),
                planned=told_as_plans(doc, found),
            )
            doc_date = inferred[0] if inferred else None
            doc._.cq_doc_date_source = inferred[1] if inferred else None
            doc._.cq_doc_date_basis = "inferred" if doc_date else "unknown"
        filed = dateline_date(text, article_date, dateline) if article_date is not None else None
        if filed is not None:
            # "WASHINGTON, March 12 (Xinhua) --" in a wire dated the 13th: the story speaks
            # from its dateline, and its "Friday" is counted from there.
            article_date, doc_date = filed, TimeValue(filed.isoformat(), None, "day", False)
        elif article_date is None and doc_date is not None and doc_date.precision == "day":
            article_date = dt.date.fromisoformat(doc_date.start)  # an inferred day anchors "Friday"
        doc._.cq_doc_date = doc_date
        anchor = Anchor(article_date, int(doc_date.start[:4]) if doc_date else None)
        mentions = []
        for expression in find_time_expressions(text, anchor, entities=entities):
            span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            mentions.append(
                DateMention(
                    span.start,
                    span.end,
                    expression.text,
                    expression.value,
                    _in_parentheses(span),
                    expression.kind,
                    expression.start,
                    expression.end,
                )
            )
        doc._.cq_dates = mentions
        by_token: dict[int, DateMention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                by_token[i] = m
        paragraph = _paragraph_ids(doc)
        dated: list[EventFrame] = []
        lead: EventFrame | None = None  # a dated visit, call or meeting that opens the story
        opened = False
        for frame in doc._.cq_events or []:
            self._date_event(doc, frame, by_token, doc_date, anchor)
            self._planned(frame, doc_date)
            if frame.date_basis != "text":
                # "On Tuesday X spoke with Y. ... They agreed to ...": a later undated report
                # in the same paragraph continues the dated one before it; past that, a
                # story that opens with a dated visit, call or meeting reports what
                # happened during it ("During the visit, ...", "The ministers discussed").
                source = next(
                    (
                        d
                        for d in reversed(dated)
                        if paragraph[d.trigger] == paragraph[frame.trigger] and _story_step(doc, d, frame)
                    ),
                    lead,
                )
                if source is not None and frame.modality == "asserted" and not _told_as_now(doc, frame):
                    frame.date, frame.date_basis = source.date, "text"
            elif frame.modality == "asserted":
                dated.append(frame)
            if frame.coded and not opened:
                opened = True
                if (
                    frame.cameo.startswith("04")
                    and frame.date_basis == "text"
                    and frame.modality == "asserted"
                ):
                    lead = frame
        return doc

    def _planned(self, frame: EventFrame, doc_date: TimeValue | None) -> None:
        """ "Japan and the U.S. kick off talks tomorrow": an act the text dates after the
        article is planned, not done; PLOVER codes a planned cooperative act as AGREE
        (event_rules.tsv future_code), as the modality component does for "will meet"."""
        if frame.modality != "asserted" or frame.date_basis != "text" or frame.date is None:
            return
        value = frame.date.value
        if value is None or doc_date is None or doc_date.precision != "day":
            return
        if value.start[:10] <= doc_date.start[: len(value.start[:10])]:
            return
        frame.modality = "future"
        if self.codebook is not None:
            future = self.codebook.event_rule(frame.cameo).future_for(frame.cameo)
            if future is not None:
                frame.cameo = future

    def _date_event(
        self,
        doc: Doc,
        frame: EventFrame,
        by_token: dict[int, DateMention],
        doc_date: TimeValue | None,
        anchor: Anchor,
    ) -> None:
        heads = [doc[frame.trigger]]
        if frame.predicate is not None:
            heads.append(doc[frame.predicate])
        mention = _attached_date(heads, by_token) or _recalled_when_clause(heads, by_token)
        if mention is None and frame.modality == "asserted" and _told_in_past_tense(heads):
            mention = _reporting_date(heads, by_token)
        if mention is None and frame.predicate is None:
            mention = _parenthetical_date(doc[frame.trigger], by_token)
        if mention is not None and mention.value is not None:
            if mention.value.relative and (frame.modality == "future" or _told_as_schedule(heads, mention)):
                # "will visit on Tuesday", "the two meet Monday": the coming Tuesday, not the last one.
                value = normalize(mention.text, anchor, future=True) or mention.value
                mention = DateMention(mention.start, mention.end, mention.text, value)
            elif _told_in_past_tense(heads) and (earlier := _week_before(mention, anchor)) is not None:
                mention = earlier  # "met on Friday" in a Thursday paper: last Friday
            frame.date = mention
            frame.date_basis = "text"
            if (
                doc_date is not None
                and frame.modality == "asserted"
                and _long_before(mention.value, doc_date)
            ):
                frame.modality = "historical"
        elif doc_date is not None:
            frame.date = DateMention(-1, -1, "", doc_date)
            frame.date_basis = doc._.cq_doc_date_basis


#: Words before a title that put its holder out of office ("former President X").
_NOT_IN_OFFICE = frozenset(
    {"former", "ex", "late", "then", "previous", "past", "outgoing", "future", "incoming"}
)


def terms_of_office(doc: Doc, kb: PeopleKB) -> dict[str, list[Term]]:
    """The terms of office of the people the text names with a title ("Prime Minister
    Yasuhiro Nakasone"), by name: the spells of the knowledge base in an office the
    title names, else all their dated spells in government. A title the text puts in the
    past ("former President ...") says nothing of the article's date, and neither does a
    name the knowledge base does not know by its full form."""
    terms: dict[str, list[Term]] = {}
    for m in doc._.cq_mentions or []:
        if m.kind != "person" or m.source != "title" or not m.roles or not m.name or m.name in terms:
            continue
        before = doc[max(0, m.start - 2) : m.end]
        if any(t.lower_.strip("-") in _NOT_IN_OFFICE for t in before):
            continue
        key = normalise(m.name)
        spells = [
            s
            for k in (kb.by_form.get(key, ()) if " " in key else ())
            for s in kb.people[k].spells
            if s.dated and s.sector != "ELI"
        ]
        titled = [s for s in spells if s.office in m.roles] or spells
        if titled:
            terms[m.name] = [(s.start, s.end) for s in titled]
    return terms


#: Auxiliaries of the future tense and of what may come; verbs whose infinitive is a plan.
PLAN_AUX = FUTURE_AUX | {"may", "might"}
PLAN_VERBS = frozenset(
    {"plan", "schedule", "expect", "intend", "due", "set", "aim", "hope", "agree", "decide"}
)


def told_as_plans(doc: Doc, found: list[FoundTime]) -> frozenset[int]:
    """The start offsets of the dates the text ties to a plan: the verb they modify is in
    the future tense ("In July 2020, we will host the summits", "transits will continue
    after January 1, 2020") or the infinitive of a plan ("the meeting scheduled to take
    place in Paris on December 9"). Such dates say when something is to happen, not
    when the story was written."""
    out = set()
    for e in found:
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if e.kind != "date" or span is None or len(span) == 0:
            continue
        head = span.root
        for _ in range(3):  # "on" -> "December 9"; "in" -> "July 2020"
            if head.pos_ in ("VERB", "AUX") or head.head is head:
                break
            head = head.head
        if head.pos_ in ("VERB", "AUX") and _planned_verb(head):
            out.add(e.start)
    return frozenset(out)


def _planned_verb(verb: Token) -> bool:
    """A verb that tells of what is to come: with a future or modal auxiliary ("will land",
    "may be signed"), itself or the verb it is conjoined to ("will take off ... and land on
    October 25"); an infinitive of a plan or of "be" ("scheduled to take place", "is to be
    held"), a passive one of a noun ("an event to be held on October 12"); or a plan's own
    verb ("a June 3 hearing has been scheduled")."""
    for v in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        auxiliaries = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
        if auxiliaries & PLAN_AUX or (v.lemma_ in PLAN_VERBS and v.tag_ == "VBN"):
            return True
        if "to" in auxiliaries and (v.head.lemma_ in PLAN_VERBS or v.head.lemma_ == "be"):
            return True  # "scheduled to take place", "a summit is to be held"
        if "to" in auxiliaries and "be" in auxiliaries and v.head.pos_ in ("NOUN", "PROPN"):
            return True  # "an event to be held on October 12", not "a process to replace ..."
    return False


#: How far into a story its lead runs, in characters (a dateline, then a sentence or two).
LEAD_CHARS = 400


def lead_weekday(doc: Doc) -> int | None:
    """The day of the week (0 = Monday) on which a story's lead reports its news: a wire
    story's first past-tense report with a bare weekday ("President Bill Clinton Saturday
    vowed ...", "the minister said on Tuesday"), the day of its dateline. A weekday that
    modifies a noun ("Monday's crash", "a meeting on Monday") or a plan ("begins a visit on
    Tuesday", "will meet on Friday") is another day; None when the lead names none."""
    for tok in doc:
        if tok.idx >= LEAD_CHARS:
            break
        if tok.text not in WEEKDAY_NAMES or any(c.dep_ in ("det", "amod") for c in tok.children):
            continue
        if tok.dep_ in ("npadvmod", "tmod", "obl"):
            verb = tok.head
        elif tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ == "on":
            verb = tok.head.head
        elif tok.dep_ in ("appos", "compound") and tok.head.dep_ == "nsubj":
            verb = tok.head.head  # "Poland, Hungary and the Czech Republic Friday formally joined"
        else:
            continue
        if _told_in_past_tense([verb]) and verb.tag_ == "VBD":
            return WEEKDAY_NAMES.index(tok.text)
    return None


def _told_as_now(doc: Doc, frame: EventFrame) -> bool:
    """The report's verb is in the present or the present perfect ("Both sides have put their
    forces on alert", "China has condemned", "is threatening to"): it tells the state at the
    time of writing, not a further step of the dated story before it."""
    head = doc[frame.predicate if frame.predicate is not None else frame.trigger]
    if head.pos_ not in ("VERB", "AUX"):
        return False
    auxiliaries = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ in ("VBD", "MD") for a in auxiliaries):
        return False  # "had agreed", "was placed", "would meet"
    if head.dep_ in ("ccomp", "parataxis") and head.head.tag_ == "VBD":
        return False  # "said it rejects the proposals": the present of a past report
    if head.tag_ in ("VBZ", "VBP"):
        return True
    return head.tag_ in ("VBN", "VBG") and any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries)


def _told_as_schedule(heads: list[Token], mention: DateMention) -> bool:
    """A news report's simple present with a bare weekday tells a schedule ("He and Arafat
    meet separately Monday with Albright", "the talks resume Tuesday"): the weekday is the
    coming one, and the act is planned. A statement ("says Monday that ...": a clause
    follows) is the present of the report itself."""
    if _WEEKDAY_WORD.search(mention.text) is None:
        return False
    head = next((h for h in heads if h.pos_ in ("VERB", "AUX")), None)
    if head is None or head.tag_ not in ("VBZ", "VBP"):
        return False
    return not any(c.dep_ in ("aux", "auxpass", "ccomp") for c in head.children)


def _told_in_past_tense(heads: list[Token]) -> bool:
    """The event's clause reports a past act ("met", "had agreed"): its verb is a simple
    past or a perfect, with no future auxiliary."""
    for head in heads:
        if head.pos_ not in ("VERB", "AUX"):
            continue
        auxiliaries = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
        if auxiliaries & {"will", "would", "shall", "'ll"}:
            return False
        return head.tag_ == "VBD" or (head.tag_ == "VBN" and bool(auxiliaries & {"had", "has", "have"}))
    return False


def _week_before(mention: DateMention, anchor: Anchor) -> DateMention | None:
    """A bare weekday resolved after the anchor date ("Friday" in a Thursday paper is
    tomorrow), moved back one week: a past act cannot lie ahead of the report."""
    value = mention.value
    if (
        value is None
        or not value.relative
        or value.precision != "day"
        or anchor.date is None
        or _WEEKDAY_WORD.search(mention.text) is None
    ):
        return None
    day = dt.date.fromisoformat(value.start)
    if day <= anchor.date:
        return None
    earlier = (day - dt.timedelta(days=7)).isoformat()
    return dataclasses.replace(mention, value=TimeValue(earlier, None, "day", True))


def _story_step(doc: Doc, dated: EventFrame, frame: EventFrame) -> bool:
    """Whether a dated report before ``frame`` in its paragraph dates it: an event, a report
    with a known actor whose other side went unnamed ("Sullivan met on Friday with ..."),
    or an occasion named by a noun ("their September 2022 meeting in Seoul"). A verb with
    no actor ("the first boat was rescued on Friday") dates only its own sentence."""
    if dated.coded or dated.actors or doc[dated.trigger].pos_ in NOMINAL_POS:
        return True
    return doc[dated.trigger].sent.start == doc[frame.trigger].sent.start


def _paragraph_ids(doc: Doc) -> list[int]:
    """Paragraph number of every token (a line break starts a new paragraph): a break
    after a token (in its trailing whitespace, or a space token's own text) is a line
    break in the text from the token's start to the next token's start."""
    text = doc_text(doc)
    starts = doc.to_array("IDX").tolist()
    ids, current = [], 0
    for start, end in zip(starts, [*starts[1:], len(text)], strict=False):  # no token: none
        ids.append(current)
        if "\n" in text[start:end]:
            current += 1
    return ids


def _in_parentheses(span: Span) -> bool:
    sent = span.sent
    opened = 0
    for tok in sent:
        if tok.i >= span.start:
            break
        if tok.text == "(":
            opened += 1
        elif tok.text == ")":
            opened = max(0, opened - 1)
    return opened > 0


def _attached_date(heads: list[Token], by_token: dict[int, DateMention]) -> DateMention | None:
    """A date in the predicate's own clause: a child, or a child's prepositional object;
    or the date a relative clause hangs on ("since December 2021, when X hosted Y")."""
    own = {h.i for h in heads}
    for head in heads:
        if head.dep_ in ("relcl", "advcl", "acl") and head.head.i in by_token:
            mention = by_token[head.head.i]
            if not mention.in_parentheses and mention.value is not None:
                return mention
        # Breadth-first inside the clause: "met ... on the margins of the summit on Friday".
        queue: list[tuple[Token, int]] = [(c, 0) for c in _inside_clause(head)]
        while queue:
            tok, depth = queue.pop(0)
            if tok.dep_ in NOUN_MODIFIER_DEPS and tok.head.pos_ == "NOUN" and tok.head.i not in own:
                continue  # "apologized over the 2010 raid": the date is the raid's
            mention = by_token.get(tok.i)
            if mention is not None and not mention.in_parentheses and mention.value is not None:
                return mention
            if depth < CLAUSE_SEARCH_DEPTH:
                queue += [(c, depth if c.dep_ == "conj" else depth + 1) for c in _inside_clause(tok)]
    return None


def _recalled_when_clause(heads: list[Token], by_token: dict[int, DateMention]) -> DateMention | None:
    """ "ICO talks last month broke down. ... When talks broke down, the U.S. and Brazil
    blamed one another": a "when" clause that retells an event the text told before (the
    same verb with the same subject) takes that telling's date, and so does the event it
    frames."""
    for head in heads:
        for clause in head.children:
            if clause.dep_ != "advcl" or not any(
                c.lower_ == "when" and c.dep_ == "advmod" for c in clause.children
            ):
                continue
            subjects = {c.lemma_.lower() for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")}
            for told in reversed(clause.doc[: clause.sent.start]):
                if told.lemma_ != clause.lemma_ or told.pos_ != clause.pos_:
                    continue
                if subjects & {c.lemma_.lower() for c in told.children if c.dep_ in ("nsubj", "nsubjpass")}:
                    mention = _attached_date([told], by_token)
                    if mention is not None:
                        return mention
    return None


def _reporting_date(heads: list[Token], by_token: dict[int, DateMention]) -> DateMention | None:
    """ "Clinton said Thursday that he had ordered the strikes": a past act reported in a
    clausal complement, with no date of its own, took place by the day of the report, the
    best day the text gives it."""
    for head in heads:
        if head.dep_ == "ccomp" and head.head.pos_ == "VERB":
            return _attached_date([head.head], by_token)
    return None


def _inside_clause(tok: Token) -> list[Token]:
    """The children of ``tok`` that belong to its clause: not a subordinate or conjoined
    clause, but the items of a list of names are."""
    return [
        c
        for c in tok.children
        if c.dep_ not in CLAUSE_DEPS
        or (c.dep_ == "conj" and c.pos_ in NOMINAL_POS and tok.pos_ in NOMINAL_POS)
    ]


def _parenthetical_date(noun: Token, by_token: dict[int, DateMention]) -> DateMention | None:
    """ "the establishment of relations between X and Y (2 February 1993)": a date in
    parentheses right after a noun phrase dates that phrase."""
    end = noun.right_edge.i
    for i in range(end + 1, min(end + 3, len(noun.doc))):
        mention = by_token.get(i)
        if mention is not None and mention.in_parentheses and mention.value is not None:
            return mention
    return None


def _long_before(value: TimeValue, doc_date: TimeValue) -> bool:
    try:
        event = dt.date.fromisoformat(_first_day(value.end or value.start))
        reference = dt.date.fromisoformat(_first_day(doc_date.start))
    except ValueError:
        return False
    return (reference - event).days > HISTORICAL_GAP_DAYS


def _first_day(iso: str) -> str:
    parts = iso.split("-")
    while len(parts) < 3:
        parts.append("12" if len(parts) == 1 else "28")  # the latest plausible day: a lenient gap
    return "-".join(parts)


@Language.factory(
    "communique_dates",
    default_config={"people": True, "cache_dir": None, "actors_file": None},
    requires=["doc.ents", "doc._.cq_events"],
    assigns=["doc._.cq_dates", "doc._.cq_doc_date", "doc._.cq_events"],
)
def make_date_resolver(
    nlp: Language, name: str, people: bool, cache_dir: str | None = None, actors_file: str | None = None
) -> DateResolver:
    """``people``: let the terms of office of the people an undated article names date it;
    ``cache_dir``: where the built people knowledge base is cached (codebook/cache.py);
    ``actors_file``: a user's people (``COMMUNIQUE_ACTORS``), whose terms count too."""
    return DateResolver(
        nlp, name, codebook=default_codebook(), people=people, cache_dir=cache_dir, actors_file=actors_file
    )
