"""Discourse rules: who an event is about when its own sentence does not say.

The roles component reads actors and recipients off one sentence's parse; these rules
look back at the events reported before in the same article, the way a reader does:
"the two ministers" are the people who just met, "rejected the accusations" answers the
accuser, a threat with no named target is aimed where the same actor aimed last, and an
official with no country met during a visit is the host's.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from communique.nlp.frames import ActorMention, EventFrame

VISIT_CODES = frozenset({"042"})
COLLECTIVE_SUBJECTS = frozenset(
    {
        "side",
        "party",
        "leader",
        "delegation",
        "minister",
        "president",
        "official",
        "counterpart",
        "head",
        "country",
        "government",
        "foreign minister",
        "premier",
        "diplomat",
    }
)
PERSON_NOUNS = frozenset(
    {"leader", "minister", "president", "counterpart", "head", "premier", "diplomat", "official"}
)
# Objects that answer an earlier speaker: "rejected the accusations" answers the accuser.
RESPONSE_OBJECTS = frozenset(
    {
        "accusation",
        "allegation",
        "claim",
        "charge",
        "criticism",
        "demand",
        "call",
        "request",
        "proposal",
        "sanction",
        "statement",
        "ultimatum",
        "threat",
        "offer",
        "invitation",
    }
)


def same_target(actors: list[ActorMention], coded: list[EventFrame]) -> list[ActorMention]:
    """A threat or rejection with no named target, by an actor whose last reported act had
    one, is aimed at the same side ("China condemned the U.S. sale ... China would take
    resolute measures")."""
    mine = {a.country for a in actors}
    for frame in reversed(coded):
        if frame.recipients and {a.country for a in frame.actors} == mine:
            return list(frame.recipients)
    return []


def talks_counterpart(actors: list[ActorMention], coded: list[EventFrame]) -> list[ActorMention]:
    """An appeal with no named addressee by one side of the talks reported last ("Putin
    had a telephone conversation with Macron. Putin underscored the need for ...") is
    made to the other side of those talks."""
    mine = {a.country for a in actors}
    if None in mine:
        return []
    for frame in reversed(coded):
        if frame.cameo.startswith("04"):
            parties = [*frame.actors, *frame.recipients]
            if mine <= {p.country for p in parties}:
                return [p for p in parties if p.country not in mine and p.country is not None]
            return []
    return []


def default_host_country(coded: list[EventFrame]) -> None:
    """A person the text gives no country, met during a visit, is the host's:
    "... held talks with Minister of Foreign Affairs, Cooperation and Regional
    Integration Rui Figueiredo Soares" in a report of a visit to Cabo Verde."""
    visit = next((f for f in coded if f.cameo in VISIT_CODES and f.recipients), None)
    if visit is None or len({r.country for r in visit.recipients}) != 1:
        return
    host = visit.recipients[0].country
    if host in {a.country for a in visit.actors}:
        return
    visitors = {a.name or a.entity_text for a in visit.actors}
    for frame in coded:
        if not frame.cameo.startswith("04") or frame.trigger < visit.trigger:
            continue
        for m in [*frame.actors, *frame.recipients]:
            if m.kind == "person" and m.country is None and (m.name or m.entity_text) not in visitors:
                m.country = host


def answered_party(pred: Token, actors: list[ActorMention], previous: EventFrame) -> list[ActorMention]:
    """ "The Nicaraguan government rejected the accusations": the recipient is whoever made
    them, the actor of the event reported before, when it is another party."""
    objects = [c for c in pred.children if c.dep_ in ("dobj", "obj")]
    if not any(o.lemma_.lower() in RESPONSE_OBJECTS and _is_definite(o) for o in objects):
        return []
    mine = {a.country for a in actors}
    return [a for a in previous.actors if a.country not in mine]


TALKS_LOOKBACK = 2  # sentences: "X apologised to Y. The apology ... It happened in a call to Y's leader"


def last_actor_towards(
    trigger: Token, recipients: list[ActorMention], coded: list[EventFrame]
) -> list[ActorMention]:
    """Talks named by their other side only ("It happened in a phone call to Erdogan", after
    "Netanyahu apologised to Turkey"): held by the actor of the last act towards that side's
    state, when that act is in the same sentence or one of the two before it."""
    theirs = {r.country for r in recipients} - {None}
    since = trigger.sent.start
    for _ in range(TALKS_LOOKBACK):
        since = trigger.doc[since - 1].sent.start if since > 0 else 0
    for frame in reversed(coded):
        if frame.trigger < since:
            break
        if theirs & {r.country for r in frame.recipients}:
            return [a for a in frame.actors if a.country not in theirs]
    return []


def _is_definite(noun: Token) -> bool:
    return any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "these", "those", "such", "this")
        for c in noun.children
    )


def is_collective(subject: Token) -> bool:
    """ "the sides", "they", "the two", "both ministers": the parties of the event before."""
    if subject.lower_ in ("they", "both", "two"):
        return True
    if subject.lemma_.lower() not in COLLECTIVE_SUBJECTS:
        return False
    plural = subject.tag_ in ("NNS", "NNPS")
    counted = any(c.lower_ in ("two", "both") for c in subject.children)
    return plural or counted


def collective_parties(
    subject: Token, coded: list[EventFrame], named: frozenset[str] = frozenset()
) -> list[ActorMention]:
    """The parties of the latest event before that had two or more; "the two ministers"
    looks for one between people, "the sides" for any. When the sentence itself names the
    states ("Argentina welcomed the call and Chile said the two leaders agreed"), the latest event between
    just those states comes first, even if a later one involved only one of them."""
    if len(named) >= 2:
        between = [f for f in coded if {p.country for p in participants(f)} == named]
        if found := _collective_in(subject, between):
            return found
    return _collective_in(subject, coded)


def named_states(subject: Token, at: list) -> frozenset[str]:
    """The countries of the states the subject's sentence names outside the subject."""
    sent = subject.sent
    inside = {t.i for t in subject.subtree}
    return frozenset(
        m.country
        for i in range(sent.start, sent.end)
        if i not in inside and (m := at[i]) is not None and m.kind == "state" and m.country
    )


def _collective_in(subject: Token, coded: list[EventFrame]) -> list[ActorMention]:
    wants_people = subject.lemma_.lower() in PERSON_NOUNS
    count = counted(subject)
    for frame in reversed(coded):
        # "The leaders will reaffirm their support for Ukraine. They will also discuss ...":
        # after a joint act "they" are its actors, not whom it was aimed at
        actors = unique_mentions(frame.actors)
        parties = actors if len(actors) >= 2 else participants(frame)
        if count is not None and len(parties) != count:
            # "the EU called on Armenia and Azerbaijan to sign the agreement the two
            # countries finalised": the side of that event that has as many parties
            parties = next(
                (side for side in (actors, unique_mentions(frame.recipients)) if len(side) == count), []
            )
        if len(parties) < 2:
            continue
        if wants_people and not all(p.kind == "person" for p in parties):
            continue
        return parties
    return []


COUNT_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}


def counted(subject: Token) -> int | None:
    """How many parties a collective subject counts ("the two countries", "the three
    leaders"); None when it gives no number ("the leaders", "they") or counts sides."""
    if subject.lower_ in COUNT_WORDS:
        return COUNT_WORDS[subject.lower_]
    if subject.lemma_.lower() in ("side", "party", "delegation"):
        return None  # a side of talks may be several people ("the two sides": two delegations)
    return next((COUNT_WORDS[c.lower_] for c in subject.children if c.lower_ in COUNT_WORDS), None)


def participants(frame: EventFrame) -> list[ActorMention]:
    return unique_mentions([*frame.actors, *frame.recipients])


def mention_key(m: ActorMention) -> tuple:
    # The sector tells apart two groups of one state ("Georgian demonstrators ... the Georgian government").
    return (m.name or m.entity_text, m.country, m.sector if m.kind == "group" else None)


def unique_mentions(mentions: list[ActorMention]) -> list[ActorMention]:
    seen: set[tuple] = set()
    out = []
    for m in mentions:
        if mention_key(m) not in seen:
            seen.add(mention_key(m))
            out.append(m)
    return out


def same_party(a: ActorMention, b: ActorMention) -> bool:
    """One party named twice: the same name and country, the same state, or a name that
    repeats the other's first words ("Ilham Aliyev Aliyev Ilham..." in a scraped page)."""
    if mention_key(a) == mention_key(b) or (a.country is not None and a.country == b.country):
        return True
    if a.kind != "person" or b.kind != "person" or None not in (a.country, b.country):
        return False
    wa, wb = (a.name or a.entity_text).split(), (b.name or b.entity_text).split()
    n = min(len(wa), len(wb))
    return n >= 2 and wa[:n] == wb[:n]


def same_parties(these: list[ActorMention], those: list[ActorMention]) -> bool:
    these, those = unique_mentions(these), unique_mentions(those)
    return (
        len(these) == len(those)
        and all(any(same_party(a, b) for b in those) for a in these)
        and all(any(same_party(a, b) for a in these) for b in those)
    )


def definite_antecedent(subject: Token, at: list) -> list[ActorMention]:
    """ "The delegation met with ...": a definite common noun with no name of its own is the
    nearest earlier mention with the same head word ("a US delegation")."""
    if subject.tag_ not in ("NN", "NNP"):
        return []
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        return []
    lemma, doc = subject.lemma_.lower(), subject.doc
    for i in range(subject.i - 1, -1, -1):
        m = at[i]
        if m is None:
            continue
        if m.end - 1 == i and doc[i].lemma_.lower() == lemma:
            return [m]
        # "North Korea ... the South ... into the north": a state named by the first word
        # of its name
        if m.start == i and m.kind == "state" and m.end - m.start > 1 and doc[i].lower_ == subject.lower_:
            return [m] if other_named(doc, m, at, subject.i) else []
    return []


def other_named(doc: Doc, m: ActorMention, at: list, before: int) -> bool:
    """Whether the text names another state whose name ends like ``m``'s ("North Korea" and
    "South Korea"): only then is "the South" a way to tell them apart."""
    tail = doc[m.end - 1].lower_
    for i in range(before):
        other = at[i]
        if other is not None and other.kind == "state" and other.country != m.country:
            if doc[other.end - 1].lower_ == tail:
                return True
    return False


def visit_meeting_actors(trigger: Token, coded: list[EventFrame]) -> list[ActorMention]:
    """The actors of the nominal consultation reported just before in the same sentence."""
    sent = trigger.sent
    for frame in reversed(coded):
        if not sent.start <= frame.trigger < sent.end:
            break
        if frame.cameo.startswith("04") and frame.actors and frame.predicate is None:
            return list(frame.actors)
    return []


def conjoined_recipients(
    pred: Token, actors: list[ActorMention], coded: list[EventFrame]
) -> list[ActorMention]:
    """The recipients of the coded act whose verb ``pred`` is conjoined to, by the same actors,
    or whose purpose it states ("spoke with X to underscore the commitment ...": the
    commitment is made to the other side of the call)."""
    purpose = pred.dep_ in ("xcomp", "advcl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in pred.children
    )
    if pred.dep_ != "conj" and not purpose:
        return []
    head = pred.head
    mine = {a.country for a in actors}
    for frame in reversed(coded):
        if head.i in (frame.predicate, frame.trigger) and frame.recipients:
            if {a.country for a in frame.actors} == mine:
                return list(frame.recipients)
    return []


STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG"})


def host_officials(
    pred: Token,
    actors: list[ActorMention],
    coded: list[EventFrame],
    at: list,
    sector_of: Callable[[Token], str | None],
) -> list[ActorMention]:
    """ "... then met with government officials" during a visit: officials the text
    gives no state are the host's, the state of the actors' latest visit before (a reader
    knows whose officials a visitor meets). ``sector_of`` reads an agent noun's sector."""
    mine = {a.country for a in actors}
    host = next(
        (
            f.recipients[0]
            for f in reversed(coded)
            if f.cameo in VISIT_CODES
            and {a.country for a in f.actors} & mine
            and len({r.country for r in f.recipients}) == 1
            and f.recipients[0].country not in mine | {None}
        ),
        None,
    )
    if host is None:
        return []
    preps = [c for c in pred.children if c.dep_ == "prep" and c.lower_ == "with"]
    preps += [c for p in preps for c in p.children if c.dep_ == "conj" and c.lower_ == "with"]
    nouns = [g for p in preps for g in p.children if g.dep_ == "pobj"]
    out = []
    for noun in nouns + [c for n in nouns for c in n.children if c.dep_ == "conj"]:
        sector = sector_of(noun)
        if sector in STATE_SECTORS and not any(at[t.i] for t in noun.subtree):
            start = noun.left_edge.i
            text = noun.doc[start : noun.i + 1].text
            out.append(
                ActorMention(
                    start,
                    noun.i + 1,
                    text,
                    "group",
                    name=text,
                    country=host.country,
                    sector=sector,
                    source="place",
                    how=f"{noun.text}: officials met during the visit to {host.entity_text}",
                )
            )
    return out
