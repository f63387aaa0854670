"""Resolve person mentions against the dated people knowledge base and the publisher.

Runs after the text's own evidence (titles, coreference in ``coref.py``), which always
wins: the knowledge base only fills what the text left open.

- a named person without a country gets the country and sector the knowledge base gives
  for the article's date (``Vladimir Putin`` in 2010 -> RUS government; ``Barack Obama``
  in 2019 -> USA elite); a surname alone ("President Putin", an NER person "Yoon") is looked
  up only among people in office at the date, and only when a title or the NER says it is
  a person; several candidates from different countries -> no country, and ``how`` says why;
- a title with a country and no name ("the Iraqi Foreign Minister") gets the holder of
  that office at the date;
- a title with neither ("the President", "the Vice President") in a readout of a known
  publisher (whitehouse.gov, kremlin.ru, mfa.kz, ...) is that government's office holder;
  "we"/"our" there is that government, "I" its voice and "you" the last other party named
  (outside quotations). An unknown publisher gives no guess;
- in a transcript, a guest's turn ("Prime Minister of Hungary Viktor Orban: ...") speaks
  for the guest's state: "we", "our" and "our President" are Hungary's there, and a turn
  whose speaker we cannot name gets no guess; "Mr President," (said to someone) is never
  the publisher's own office holder.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace

from spacy.attrs import ENT_TYPE, IDX, LENGTH, SENT_START
from spacy.tokens import Doc, Token

from communique.codebook import SECTORS, Codebook
from communique.codebook.people import (
    OFFICE_RANK,
    PeopleKB,
    Publisher,
    Resolution,
    normalise,
    publisher_of,
    surname_key,
)
from communique.nlp.extensions import doc_text
from communique.nlp.frames import ActorMention
from communique.nlp.tokarrays import token_lowers, token_texts

MAX_NAME_TOKENS = 7
#: NER labels that say a capitalised run is not a person ("Washington" the city).
NOT_PERSON_LABELS = frozenset(
    {
        "GPE",
        "LOC",
        "FAC",
        "NORP",
        "DATE",
        "TIME",
        "MONEY",
        "EVENT",
        "LAW",
        "WORK_OF_ART",
        "PRODUCT",
        "LANGUAGE",
    }
)
#: Offices a generic "the Minister"/"the Secretary" on a publisher's site stands for.
GENERIC_ROLES = frozenset({"minister", "official"})
WE_WORDS = frozenset({"we", "our"})
#: Roles a state's publisher never holds: "the Secretary-General" is a body's.
OTHER_BODY_ROLES = frozenset({"head_of_igo", "deputy_head_of_igo"})
#: Staff titles a publisher's text gives its own people without naming their state
#: ("the Assistant to the President ..., Dr. Jane Roe", "Press Secretary John Doe").
STAFF_ROLES = frozenset({"adviser", "spokesperson"})
#: Mentions that the text itself calls a person (a title, the NER, an earlier full name).
SURNAME_SOURCES = frozenset({"title", "name", "surname"})


def kb_name_mentions(doc: Doc, kb: PeopleKB, taken: list[bool]) -> Iterable[ActorMention]:
    """Full names (two words or more) of the knowledge base that the NER did not tag as a
    person ("Vladimir Putin" read as an ORG); the longest match at each token wins.

    Cheap on purpose: one pass over the tokens, and a name is tried only where its first
    word starts some knowledge-base name."""
    n = len(doc)
    if n == 0:
        return
    # Token attributes as plain lists: no Token objects are made (this runs on every doc).
    rows = doc.to_array([IDX, LENGTH, ENT_TYPE, SENT_START]).tolist()
    text = doc_text(doc)
    strings = doc.vocab.strings
    bad = {strings.add(label) for label in NOT_PERSON_LABELS}
    firsts = kb.first_words
    upper = [text[r[0] : r[0] + 1].isupper() for r in rows]
    i = 0
    while i < n:
        idx, length, ent, _ss = rows[i]
        if taken[i] or not upper[i] or ent in bad or normalise(text[idx : idx + length]) not in firsts:
            i += 1
            continue
        found = 0
        for j in range(min(n, i + MAX_NAME_TOKENS), i + 1, -1):
            if not upper[j - 1]:
                continue
            if any(taken[k] or rows[k][2] in bad for k in range(i, j)):
                continue
            if any(rows[k][3] == 1 for k in range(i + 1, j)):
                continue
            key = normalise(text[idx : rows[j - 1][0] + rows[j - 1][1]])
            if " " in key and key in kb.by_form:
                found = j
                break
        if not found:
            i += 1
            continue
        for k in range(i, found):
            taken[k] = True
        span = doc[i:found]
        yield ActorMention(i, found, span.text, "person", name=" ".join(span.text.split()), source="kb")
        i = found


def resolve_people(
    doc: Doc,
    mentions: list[ActorMention],
    kb: PeopleKB | None,
    publishers: tuple[Publisher, ...],
    codebook: Codebook,
) -> list[ActorMention]:
    """The mentions with what the knowledge base and the publisher add (text first)."""
    on: dt.date | None = doc._.cq_article_date
    url, source = doc._.cq_publisher or (None, None)
    pub = publisher_of(url, publishers) or publisher_of(source, publishers)
    cache: dict[tuple[str, bool, frozenset[str]], Resolution | None] = {}
    # A surname the text calls a person once ("President Obama") is one everywhere after.
    persons = {m.name for m in mentions if m.source in SURNAME_SOURCES and m.name}
    out: list[ActorMention] = []
    if kb is not None:  # titled mentions first, so that a bare surname can follow them
        for m in mentions:
            if m.kind == "person" and m.roles and m.name:
                _person(doc, m, kb, pub, on, cache, persons, codebook)
    for m in mentions:
        if m.kind == "person" and kb is not None:
            speaker = _reporter(doc, m, mentions, codebook) or pub
            m = _person(doc, m, kb, speaker, on, cache, persons, codebook)
        out.append(m)
    if pub is not None:
        turns = transcript_turns(doc, out)
        if kb is not None:
            out = [_in_turn(doc, m, mentions[n], pub, turns, kb, on) for n, m in enumerate(out)]
        out.extend(_publisher_voice(doc, out, pub, codebook, turns))
        out.sort(key=lambda m: m.start)
    return out


#: The longest speaker's label of a transcript turn, in tokens.
MAX_LABEL_TOKENS = 14
#: A paragraph's text up to its first colon: a candidate speaker's label.
LABEL_LINE = re.compile(r"(?:^|\n)[ \t]*([^\n:]{1,200}):")
#: Small words inside a speaker's label ("President of the Republic of Kazakhstan").
LABEL_LINKS = frozenset({"of", "the", "for", "and", "al", "bin", "von", "van", "de", "der"})
#: Notes a transcript puts after a speaker's name ("Name (retranslated):").
LABEL_NOTES = frozenset({"retranslated", "re", "-", "translated", "via", "interpreter"})


def transcript_turns(doc: Doc, mentions: list[ActorMention]) -> list[tuple[int, ActorMention | None]]:
    """The turns of a transcript: (first token, speaker), in text order. A turn opens
    with a label paragraph that ends in a colon ("President of Iran Hassan Rouhani:",
    "Question:"); its speaker is the first person the label names, None when the label
    names nobody we know (a glued or unknown name, a journalist). A line with other
    words ("The message reads, in part:") opens no turn."""
    turns: list[tuple[int, ActorMention | None]] = []
    for match in LABEL_LINE.finditer(doc_text(doc)):
        span = doc.char_span(match.start(1), match.end(1) + 1, alignment_mode="expand")
        if span is None or len(span) < 2 or len(span) > MAX_LABEL_TOKENS + 1:
            continue
        start, colon = span.start, span.end - 1
        if not doc[colon].text.endswith(":"):
            continue
        label = [t for t in doc[start:colon] if not t.is_punct and t.lower_ not in LABEL_NOTES]
        if not label or not all(t.text[:1].isupper() or t.lower_ in LABEL_LINKS for t in label):
            continue  # "The message reads, in part:": a line of text, not a speaker's name
        people = [m for m in mentions if m.kind == "person" and start <= m.start < colon]
        named = {i for m in mentions if start <= m.start < colon for i in range(m.start, m.end)}
        whole = all(t.i in named or t.lower_ in LABEL_LINKS for t in label)
        # A label the mentions do not cover ("Minister-PresidentofBavaria..."): someone we
        # cannot name, whatever title word inside it matched.
        turns.append((colon + 1, people[0] if people and whole else None))
    return turns


def _turn_at(turns: list[tuple[int, ActorMention | None]], i: int) -> tuple[bool, ActorMention | None]:
    """(whether token i is inside a transcript turn, its speaker)."""
    found: tuple[bool, ActorMention | None] = (False, None)
    for start, speaker in turns:
        if start > i:
            break
        found = (True, speaker)
    return found


def _foreign_turn(
    turns: list[tuple[int, ActorMention | None]], i: int, pub: Publisher
) -> tuple[bool, ActorMention | None]:
    """Whether token i is in a turn the publisher's side does not speak (another state's
    speaker, or one we cannot name), and that turn's speaker."""
    inside, speaker = _turn_at(turns, i)
    if not inside:
        return False, None
    if speaker is not None and speaker.country == pub.country:
        return False, speaker
    return True, speaker


def _in_turn(
    doc: Doc,
    m: ActorMention,
    original: ActorMention,
    pub: Publisher,
    turns: list[tuple[int, ActorMention | None]],
    kb: PeopleKB,
    on: dt.date | None,
) -> ActorMention:
    """A bare title the publisher's voice resolved, said in a guest's turn of a transcript,
    is not the publisher's office holder: "our Federal Chancellor" in the German guest's
    words is Germany's; a title with no owner there stays unresolved."""
    if m.source != "title":
        return m
    foreign, speaker = _foreign_turn(turns, m.start, pub)
    if not foreign:
        return m
    owner = doc[m.start - 1].lower_ if m.start > 0 else ""
    if owner != "our" or speaker is None or speaker.country is None:
        by_publisher = (m.how or "").startswith("publisher") and original.country is None
        return original if by_publisher else m
    if m.country == speaker.country:
        return m
    roles = sorted(original.roles, key=lambda r: OFFICE_RANK.get(r, 99))
    holder = next(
        (p for p in (kb.holder(speaker.country, r, on) for r in roles if r in OFFICE_RANK) if p), None
    )
    how = f"speaker {speaker.name or speaker.entity_text}'s own ({speaker.country})"
    if holder is None:
        return replace(original, name=None, country=speaker.country, how=how)
    return replace(
        original, name=holder.name, country=speaker.country, how=f"{how}; holder on {on} (knowledge base)"
    )


def _person(
    doc: Doc,
    m: ActorMention,
    kb: PeopleKB,
    pub: Publisher | None,
    on: dt.date | None,
    cache: dict[tuple[str, bool, frozenset[str]], Resolution | None],
    persons: set[str],
    codebook: Codebook,
) -> ActorMention:
    if m.name:
        single = " " not in normalise(m.name)
        surname_ok = single and (m.source in SURNAME_SOURCES or m.name in persons)
        key = (m.name, surname_ok, m.roles)
        if key not in cache:
            cache[key] = kb.resolve(m.name, on, surname_ok=surname_ok, roles=m.roles)
        res = cache[key]
        if res is None and not m.country and m.roles and m.roles <= STAFF_ROLES and pub is not None:
            if _speaks_for(m, pub, kb, on, codebook):  # "the Press Secretary, Jane Roe" on its site
                return replace(m, country=pub.country, how=f"publisher {pub.domain}")
        if (res is None or res.status == "ambiguous") and single:
            # "Obama" after "President Obama": the person the title picked out.
            res = next(
                (r for (n, _ok, _roles), r in cache.items() if n == m.name and r and r.status != "ambiguous"),
                res,
            )
        if res is None:
            return m
        if res.status == "ambiguous":
            return m if m.country else replace(m, how=res.how)
        if m.country and m.country != res.country:
            return replace(m, how=f"text ({res.how} disagrees)")
        name = res.person.name if single and res.person is not None else m.name
        return replace(
            m,
            name=name,
            country=m.country or res.country,
            sector=m.sector or (res.sector if res.sector in SECTORS else None),
            how=res.how,
        )
    if not m.roles or (m.sector == "ELI") or _plural(doc, m) or _vocative(doc, m):
        return m
    country, how = m.country, None
    if country is None and pub is not None and _speaks_for(m, pub, kb, on, codebook):
        country, how = pub.country, f"publisher {pub.domain}"
    if country is None:
        return m
    roles = sorted(m.roles, key=lambda r: OFFICE_RANK.get(r, 99))
    if pub is not None and country == pub.country and pub.office and set(roles) <= GENERIC_ROLES:
        roles = [pub.office]  # "the Minister" on a foreign ministry's site
    holder = next((p for p in (kb.holder(country, r, on) for r in roles if r in OFFICE_RANK) if p), None)
    if holder is not None:
        held = f"holder of {roles[0]} of {country} on {on or 'today'} (knowledge base)"
        return replace(m, name=holder.name, country=country, how=f"{how}; {held}" if how else held)
    return replace(m, country=country, how=how) if how else m


def _reporter(
    doc: Doc, m: ActorMention, mentions: list[ActorMention], codebook: Codebook
) -> Publisher | None:
    """A state's body or state that reports what a bare title did ("Downing Street said the
    Prime Minister had spoken to ...", "the Kremlin said the President would ..."): it
    speaks for its own government as its site would, so it is read like a publisher of
    that state (``_speaks_for`` then checks the state has such an office)."""
    if m.country or m.name or not m.roles:
        return None
    head = next((t for t in doc[m.start : m.end] if not (m.start <= t.head.i < m.end)), None)
    if head is None or head.dep_ not in ("nsubj", "nsubjpass") or head.head.dep_ != "ccomp":
        return None
    verb = head.head.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < head.i), None)
    if subject is None:
        return None
    speaker = next((r for r in mentions if r.start <= subject.i < r.end), None)
    if speaker is None or speaker.kind not in ("organization", "state") or speaker.name is None:
        return None
    if speaker.country is None or codebook.country(speaker.country) is None:
        return None  # a body with no state, or an international body's
    return Publisher(f"(reported by '{speaker.entity_text}')", speaker.country, None, ())


def _speaks_for(
    m: ActorMention, pub: Publisher, kb: PeopleKB, on: dt.date | None, codebook: Codebook
) -> bool:
    """Whether a bare title in a publisher's text is its own government's: a capitalised
    title ("the President", not "in general"), of an office the publisher's state has
    ("the Secretary-General" on whitehouse.gov is the UN's; "the Prime Minister" there is a
    visitor's, as the US head of government is its president)."""
    if not m.entity_text[:1].isupper():
        return False
    is_state = codebook.country(pub.country) is not None
    if is_state and m.roles & OTHER_BODY_ROLES:
        return False
    if "head_of_government" in m.roles:
        head = kb.holder(pub.country, "head_of_state", on)
        premier = kb.holder(pub.country, "head_of_government", on)
        if premier is None or (head is not None and head.key == premier.key):
            return False
        if head is not None and surname_key(head.name) == surname_key(premier.name):
            return False
    return True


def _plural(doc: Doc, m: ActorMention) -> bool:
    """ "foreign ministers", "the presidents": a group of office holders, not one person."""
    return any(t.tag_ in ("NNS", "NNPS") and not t.text[:1].isupper() for t in doc[m.start : m.end]) or any(
        t.tag_ == "NNPS" for t in doc[m.start : m.end]
    )


#: The addressee of a statement ("I congratulate the people of Turkey as you celebrate").
ADDRESSEE_WORDS = frozenset({"you", "your"})
QUOTES = frozenset({'"', "“", "”", "``", "''"})
ADDRESSEE_LOOKBACK = 2  # sentences back to the party a "you" addresses


def _first_or_second_person(
    doc: Doc,
    tok: Token,
    mentions: list[ActorMention],
    pub: Publisher,
    codebook: Codebook,
    turns: list[tuple[int, ActorMention | None]],
) -> ActorMention | None:
    """ "I" and "you" in a publisher's own statement (not in a transcript turn, not in a
    quotation): "I" is the publisher's voice, "you" the last other party named before it
    ("I congratulate the people of Turkey as you celebrate ..."). Anything else: None."""
    if _turn_at(turns, tok.i)[0] or any(t.text in QUOTES for t in tok.sent):
        return None
    if tok.text == "I":
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            return None
        country, how = pub.country, f"publisher {pub.domain} (first person)"
    else:
        if tok.lower_ == "your" and tok.dep_ != "poss":
            return None
        first = tok.sent.start
        for _ in range(ADDRESSEE_LOOKBACK):
            if first > 0:
                first = doc[first - 1].sent.start
        before = [
            m
            for m in mentions
            if first <= m.start < tok.i and m.country not in (None, pub.country) and m.source != "publisher"
        ]
        if not before:
            return None
        country = before[-1].country
        how = f"addressee of publisher {pub.domain}: {before[-1].entity_text}, the last other party named"
    return _voice(tok, country, how, codebook)


def _voice(tok: Token, country: str, how: str, codebook: Codebook) -> ActorMention | None:
    """A pronoun that stands for a state or body (its government), or None for a code the
    codebook does not name."""
    name = codebook.display_name(country)
    if name is None:
        return None
    kind = "organization" if codebook.igo(country) is not None else "state"
    return ActorMention(
        tok.i,
        tok.i + 1,
        tok.text,
        kind,
        name=name,
        country=country,
        sector="GOV",
        source="publisher",
        how=how,
    )


#: Forms of address before a title said to someone ("Mr President, ...").
VOCATIVE_WORDS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "madam", "madame", "sir"})


def _vocative(doc: Doc, m: ActorMention) -> bool:
    """ "Mr President," "Madam Chancellor": the title of the one spoken to, who in a
    readout or transcript is the guest as often as the host: no publisher guess."""
    return m.start > 0 and doc[m.start - 1].lower_ in VOCATIVE_WORDS


def _publisher_voice(
    doc: Doc,
    mentions: list[ActorMention],
    pub: Publisher,
    codebook: Codebook,
    turns: list[tuple[int, ActorMention | None]] = (),
) -> list[ActorMention]:
    """ "we", "our" in a publisher's readout: the government (or body) it speaks for; in a
    guest's turn of a transcript, the guest's state (none when the guest is not known)."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    # a Token only for the words read below (speed only, issue 9)
    for i, (text, lower) in enumerate(zip(token_texts(doc), token_lowers(doc), strict=True)):
        if i in covered or not (lower in ADDRESSEE_WORDS or text == "I" or lower in WE_WORDS):
            continue
        tok = doc[i]
        if tok.lower_ in ADDRESSEE_WORDS or tok.text == "I":
            found = _first_or_second_person(doc, tok, mentions, pub, codebook, list(turns))
            if found is not None:
                out.append(found)
            continue
        if tok.lower_ not in WE_WORDS:
            continue
        if tok.lower_ == "we" and tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if tok.lower_ == "our" and tok.dep_ != "poss":
            continue
        country, how = pub.country, f"publisher {pub.domain}"
        foreign, speaker = _foreign_turn(list(turns), tok.i, pub)
        if foreign:
            if speaker is None or speaker.country is None:
                continue
            country, how = (
                speaker.country,
                f"speaker {speaker.name or speaker.entity_text} ({speaker.country})",
            )
        found = _voice(tok, country, how, codebook)
        if found is not None:
            out.append(found)
    return out
