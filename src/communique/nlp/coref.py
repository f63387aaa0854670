"""Resolve later mentions of an actor to what the text said of it earlier.

No off-the-shelf English coreference model installs from PyPI without downloading
weights at run time, and diplomatic text needs only a few, reliable kinds of link, so we
write our own rules here:

- a surname or shortened name -> the full name seen with a title ("Borrell" -> Josep Borrell);
- a title without a name -> the person who holds that office in the text ("the President
  of Kazakhstan" -> Kassym-Jomart Tokayev);
- a description of an office holder -> that person ("the head of EU diplomacy",
  "the EU's top diplomat" -> the EU official whose title has the foreign-minister role);
- a name in apposition after a title -> that title's holder ("the Assistant to the
  President for Homeland Security, Dr. Jane Roe");
- he/she as a subject -> the last person mentioned before it whose gender, when known
  (from "Mr"/"Ms" before the name, or from an earlier unambiguous he/she), agrees;
- "the country" -> the last state mentioned before it.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from communique.codebook import Codebook
from communique.nlp.frames import ActorMention
from communique.nlp.titles import NAME_PARTICLES
from communique.nlp.tokarrays import sentence_starts_between, token_lowers, token_texts

PRONOUNS = frozenset({"he", "she"})
PRONOUN_WINDOW = 3  # sentences back a pronoun may reach
SKIPPABLE = frozenset({"'s", "’s", "the"})


def resolve_mentions(
    doc: Doc,
    mentions: list[ActorMention],
    codebook: Codebook,
    gaz: dict[int, tuple[int, str, str]],
) -> list[ActorMention]:
    """Return the mentions with names filled in, plus surname, description and pronoun mentions."""
    mentions = _attach_titles_after_names(doc, mentions)
    people = [  # full names: not a surname with its particles ("President von der Leyen")
        m
        for m in mentions
        if m.kind == "person" and m.name and " " in m.name and m.name.split()[0] not in NAME_PARTICLES
    ]
    by_surname: dict[str, ActorMention] = {}
    for person in sorted(people, key=lambda p: (p.office is None, p.start)):  # titled first
        by_surname.setdefault(surname(person.name), person)
        by_surname.setdefault(particle_surname(person.name), person)  # "von der Leyen"
        if _family_name_first(person):
            by_surname.setdefault(person.name.split()[0], person)
        by_surname.setdefault(person.name, person)
    # "Saddam" after "Saddam Hussein", "Elian" after "Elian Gonzalez": a first name that
    # one person of the text has, and nobody's surname, names that person.
    by_given: dict[str, list[ActorMention]] = {}
    for person in people:
        if not _family_name_first(person):
            by_given.setdefault(person.name.split()[0], []).append(person)
    taken = [False] * len(doc)
    for m in mentions:
        if m.source != "gazetteer":  # a description may contain a state or body name
            for i in range(m.start, m.end):
                taken[i] = True

    resolved: list[ActorMention] = []
    for m in mentions:
        if m.kind == "person" and m.name and m.name not in by_surname and not m.country:
            ref = _given_name_of(m, by_given)
            if ref is not None:
                m = replace(
                    m,
                    name=ref.name,
                    country=ref.country,
                    sector=m.sector or ref.sector,
                    roles=m.roles | ref.roles,
                )
        if m.kind == "person" and m.name and m.name in by_surname and by_surname[m.name] is not m:
            ref = by_surname[m.name]
            m = replace(
                m,
                name=ref.name,
                country=m.country or ref.country,
                sector=m.sector or ref.sector,
                roles=m.roles | ref.roles,
            )
        elif m.kind == "person" and not m.name and m.roles:
            ref = _office_holder(people, m.roles, m.country, before=None)
            if (
                ref is not None
                and m.roles <= MANY_HOLDER_ROLES
                and _title_head(m.office) != _title_head(ref.office)
            ):
                ref = None  # "the Governor" is not "Moscow Mayor X": a role many hold, another title
            if ref is not None:
                m = replace(m, name=ref.name, country=m.country or ref.country)
        resolved.append(m)

    descriptions = _descriptions(doc, codebook, gaz, people, taken)
    descriptions, resolved = _names_after_descriptions(doc, descriptions, resolved)
    resolved = [m for m in resolved if not any(_overlaps(m, d) for d in descriptions)]
    resolved.extend(descriptions)
    for m in resolved:
        for i in range(m.start, m.end):
            taken[i] = True
    resolved.extend(_surname_mentions(doc, by_surname, taken))
    resolved.sort(key=lambda m: m.start)
    resolved.extend(_anaphors(doc, resolved, taken))
    resolved.sort(key=lambda m: m.start)
    return resolved


def _names_after_descriptions(
    doc: Doc, descriptions: list[ActorMention], mentions: list[ActorMention]
) -> tuple[list[ActorMention], list[ActorMention]]:
    """ "South African leader F.W. de Klerk": a description right before a name with no title
    of its own is that person's title, as "President X" is; the name keeps its own state
    where it has one, else takes the description's (not today's holder of the office)."""
    names = {
        m.start: m
        for m in mentions
        if m.kind == "person" and m.name and m.office is None and m.source == "name"
    }
    merged: dict[int, ActorMention] = {}
    kept: list[ActorMention] = []
    for d in descriptions:
        m = names.get(d.end)
        if m is None:
            kept.append(d)
            continue
        merged[m.start] = replace(
            m,
            start=d.start,
            entity_text=doc[d.start : m.end].text,
            office=doc[d.start : d.end].text,
            roles=m.roles | d.roles,
            country=m.country or d.country,
            sector=m.sector or d.sector,
            source="title",
        )
    return kept, [merged[m.start] if m.start in merged and m is names[m.start] else m for m in mentions]


def _given_name_of(m: ActorMention, by_given: dict[str, list[ActorMention]]) -> ActorMention | None:
    """The one person named before ``m`` whose first name ``m`` is ("Saddam" after "Saddam
    Hussein"), or None: several such people, or a first name of one letter or two."""
    if " " in m.name or len(m.name) < 3:
        return None
    earlier = {p.name: p for p in by_given.get(m.name, ()) if p.start < m.start and p.name != m.name}
    return next(iter(earlier.values())) if len(earlier) == 1 else None


#: Roles that many people hold at once (mayors, ambassadors, ministers, generals): a
#: bare title of one of them names the holder in the text only under the same title.
MANY_HOLDER_ROLES = frozenset(
    {
        "subnational_executive",
        "diplomat",
        "military_officer",
        "spokesperson",
        "legislator",
        "minister",
        "deputy_minister",
        "judge",
        "prosecutor",
        "adviser",
        "official",
        "commissioner",
        "police_chief",
        "business_executive",
        "religious_leader",
        "role",
    }
)


def _title_head(office: str | None) -> str:
    """The word a title is named by: the last word before any "of"/"for" complement
    ("Moscow Mayor" -> mayor, "Minister-President of Bavaria" -> minister-president)."""
    words = (office or "").lower().replace(" for ", " of ").split(" of ")[0].split()
    return words[-1] if words else ""


NAME_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})
# Where the family name comes first ("Lin Jian" -> "Lin", "Kishida Fumio" -> "Kishida").
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK", "VNM", "HUN", "KHM", "MNG", "SGP"})


def _name_words(name: str) -> list[str]:
    """The words of a name without its suffixes ("Ferdinand R. Marcos Jr." -> 3 words)."""
    return [w for w in name.replace(",", " ").split() if w.lower() not in NAME_SUFFIXES]


def surname(name: str) -> str:
    """The last name-word, skipping suffixes ("Ferdinand R. Marcos Jr." -> "Marcos")."""
    words = _name_words(name)
    return words[-1] if words else name


def particle_surname(name: str) -> str:
    """The surname with the particles before it ("Ursula von der Leyen" -> "von der Leyen",
    "Luiz Inacio Lula da Silva" -> "da Silva"): a later mention names the person so."""
    words = _name_words(name)
    start = len(words) - 1
    while start > 1 and words[start - 1] in NAME_PARTICLES:
        start -= 1
    return " ".join(words[start:]) if words else name


def _family_name_first(person: ActorMention) -> bool:
    return person.country in FAMILY_NAME_FIRST


def _attach_titles_after_names(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """ "Lin Jian, spokesperson for the Chinese Ministry of Foreign Affairs, said": the title
    after a name (set off by a comma) describes that person."""
    out: list[ActorMention] = []
    skip: set[int] = set()
    for n, m in enumerate(mentions):
        if n in skip:
            continue
        nxt = mentions[n + 1] if n + 1 < len(mentions) else None
        if (
            nxt is not None
            and m.kind == "person"
            and m.name
            and m.office is None
            and nxt.source == "title"
            and nxt.name is None
            and all(t.text == "," or t.lower_ in ("the", "a") for t in doc[m.end : nxt.start])
            and any(t.text == "," for t in doc[m.end : nxt.start])
        ):
            m = replace(
                m,
                end=nxt.end,
                entity_text=doc[m.start : nxt.end].text,
                office=nxt.office,
                roles=nxt.roles,
                country=nxt.country,
                sector=nxt.sector,
                source="title",
            )
            skip.add(n + 1)
        elif (
            nxt is not None
            and m.source == "title"
            and m.name is None
            and nxt.kind == "person"
            and nxt.name
            and nxt.office is None
            and doc[m.end].text == ","
            and all(t.text == "," or t.lower_ in HONORIFICS for t in doc[m.end : nxt.start])
        ):
            # "the Assistant to the President for Homeland Security, Dr. Jane Roe, led ...":
            # the name in apposition after a title is its holder's.
            m = replace(
                m,
                end=nxt.end,
                entity_text=doc[m.start : nxt.end].text,
                name=nxt.name,
                country=m.country or nxt.country,
                sector=m.sector or nxt.sector,
            )
            skip.add(n + 1)
        out.append(m)
    return out


#: Forms of address between a title and its holder's name ("..., Dr. Jane Roe").
HONORIFICS = frozenset({"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prof", "prof.", "sir", "dame"})


def _overlaps(a: ActorMention, b: ActorMention) -> bool:
    return a.start < b.end and b.start < a.end


def _office_holder(
    people: list[ActorMention], roles: frozenset[str], country: str | None, before: int | None
) -> ActorMention | None:
    """The named person whose title shares a role with ``roles`` (and the country, if given)."""
    candidates = [
        p
        for p in people
        if p.roles & roles
        and (country is None or p.country == country)
        and (before is None or p.start < before)
    ]
    if not candidates:
        return None
    names = {p.name for p in candidates}
    if len(names) > 1 and country is None:
        return None  # ambiguous: two holders of that role from different countries
    return candidates[-1] if before is not None else candidates[0]


def _surname_at(doc: Doc, i: int, by_surname: dict[str, ActorMention], texts: list[str]) -> int:
    """The end of a known surname starting at token i, or i: one token, or a hyphenated
    one the tokenizer splits ("Sherwood-Randall" -> Sherwood, -, Randall). ``texts``: the
    doc's token texts (token_texts)."""
    if texts[i] in by_surname:
        return i + 1
    if i + 2 < len(doc) and texts[i + 1] == "-" and not doc[i].whitespace_ and not doc[i + 1].whitespace_:
        if f"{texts[i]}-{texts[i + 2]}" in by_surname:
            return i + 3
    return i


def _surname_mentions(doc: Doc, by_surname: dict[str, ActorMention], taken: list[bool]) -> list[ActorMention]:
    out = []
    texts = token_texts(doc)  # no Token object per word (speed only, issue 9)
    for i, text in enumerate(texts):
        if taken[i] or not text[:1].isupper():
            continue
        end = _surname_at(doc, i, by_surname, texts)
        if end == i or any(taken[i:end]):
            continue
        ref = by_surname[doc[i:end].text]
        if ref.start <= i < ref.end:
            continue
        for j in range(i, end):
            taken[j] = True
        out.append(
            ActorMention(
                i,
                end,
                doc[i:end].text,
                "person",
                name=ref.name,
                roles=ref.roles,
                country=ref.country,
                sector=ref.sector,
                source="surname",
            )
        )
    return out


def _alias_table(codebook: Codebook) -> dict[tuple[str, ...], str]:
    table: dict[tuple[str, ...], str] = {}
    for office in codebook.offices:
        for alias in office.aliases:
            words = tuple(alias.lower().split())
            if words:
                table.setdefault(words, office.role)
    return table


def _role_sector(codebook: Codebook, role: str) -> str:
    """The sector of an office's holders by its role ("lawmaker": a legislator, LEG)."""
    return next((o.sector for o in codebook.offices if o.role == role), "GOV")


def _descriptions(
    doc: Doc,
    codebook: Codebook,
    gaz: dict[int, tuple[int, str, str]],
    people: list[ActorMention],
    taken: list[bool],
) -> list[ActorMention]:
    """Find office-holder descriptions, letting a state/body name sit inside or before them."""
    aliases = _alias_table(codebook)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in aliases:
        by_first.setdefault(words[0], []).append(words)
    out: list[ActorMention] = []
    lowers = token_lowers(doc)  # no Token object per word (speed only, issue 9)
    i = 0
    while i < len(doc):
        if taken[i] or lowers[i] not in by_first:
            i += 1
            continue
        best: tuple[int, str, str | None] | None = None
        for words in by_first[lowers[i]]:
            match = _match_alias(doc, i, words, gaz)
            if match is not None and (best is None or match[0] > best[0]):
                best = (match[0], aliases[words], match[1])
        if best is None:
            i += 1
            continue
        end, role, country = best
        start = i
        prefix = _gaz_ending_at(gaz, i, doc)
        if prefix is not None:
            start, country = prefix[0], country or prefix[1]
        if start > 0 and doc[start - 1].lower_ in ("the", "a"):
            start -= 1
        if any(taken[j] for j in range(start, end)):
            i = end
            continue
        ref = _office_holder(people, frozenset({role}), country, before=start)
        sector = ref.sector if ref else _role_sector(codebook, role)
        for j in range(start, end):
            taken[j] = True
        out.append(
            ActorMention(
                start,
                end,
                doc[start:end].text,
                "person",
                name=ref.name if ref else None,
                office=None if ref else doc[start:end].text,
                roles=frozenset({role}),
                country=country or (ref.country if ref else None),
                sector=sector,
                source="description",
            )
        )
        i = end
    return out


def _match_alias(
    doc: Doc, i: int, words: tuple[str, ...], gaz: dict[int, tuple[int, str, str]]
) -> tuple[int, str | None] | None:
    """Match ``words`` at token i, skipping a state/body name and 's inside the phrase."""
    j, k, country, skips = i, 0, None, 0
    while k < len(words):
        if j >= len(doc):
            return None
        if doc[j].lower_ == words[k]:
            j += 1
            k += 1
            continue
        if j in gaz and skips < 2 and k > 0:
            end, _kind, code = gaz[j]
            country = country or code
            j = end
            skips += 1
            continue
        if doc[j].lower_ in SKIPPABLE and skips < 2 and k > 0:
            j += 1
            skips += 1
            continue
        return None
    return j, country


def _gaz_ending_at(gaz: dict[int, tuple[int, str, str]], i: int, doc: Doc) -> tuple[int, str] | None:
    j = i - 1 if i > 0 and doc[i - 1].lower_ in ("'s", "’s") else i
    for start, (end, kind, code) in gaz.items():
        if end == j and kind in ("state", "igo", "demonym", "capital"):
            return start, code
    return None


def _anaphors(doc: Doc, mentions: list[ActorMention], taken: list[bool]) -> list[ActorMention]:
    """he/she -> the last person; "the country" -> the last state; both looking back only."""
    out = []
    genders = _honorific_genders(doc, mentions)
    lowers = token_lowers(doc)  # a Token only for the words below (speed only, issue 9)
    for i, lower in enumerate(lowers):
        if taken[i] or lower not in ANAPHOR_WORDS:
            continue
        tok = doc[i]
        if tok.lower_ in PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass"):
            gender = PRONOUN_GENDER[tok.lower_]
            ref = _last_before(
                mentions,
                tok.i,
                lambda m, g=gender: m.kind == "person" and m.name is not None and genders.get(m.name, g) == g,
            )
            if ref is not None and _sentences_between(doc, ref.start, tok.i) <= PRONOUN_WINDOW:
                if _only_person_in_window(doc, mentions, tok.i) == ref.name:
                    genders.setdefault(ref.name, gender)  # "she ... he said": not the woman again
                out.append(
                    replace(
                        ref,
                        start=tok.i,
                        end=tok.i + 1,
                        entity_text=tok.text,
                        office=None,
                        source="pronoun",
                    )
                )
        elif tok.lower_ == "it" and tok.dep_ in ("nsubj", "nsubjpass"):
            # "it" as a subject: the last state or body that was itself a subject.
            ref = _last_before(mentions, tok.i, lambda m: m.kind != "person" and _is_subject(doc, m))
            if ref is not None and _sentences_between(doc, ref.start, tok.i) <= 1:
                out.append(replace(ref, start=tok.i, end=tok.i + 1, entity_text=tok.text, source="pronoun"))
        elif tok.lower_ == "they" and tok.dep_ in ("nsubj", "nsubjpass"):
            # "the rebels said they would ...": the subject of the clause that reports it.
            for ref in _reporting_subjects(doc, tok, mentions):
                out.append(
                    replace(
                        ref, start=tok.i, end=tok.i + 1, entity_text=tok.text, office=None, source="pronoun"
                    )
                )
        elif tok.lower_ in ("country", "nation") and tok.i > 0 and doc[tok.i - 1].lower_ == "the":
            ref = _last_before(mentions, tok.i, lambda m: m.kind == "state" and m.sector is None)
            if ref is not None:
                out.append(
                    replace(
                        ref,
                        start=tok.i - 1,
                        end=tok.i + 1,
                        entity_text=doc[tok.i - 1 : tok.i + 1].text,
                        source="anaphor",
                    )
                )
    return out


PRONOUN_GENDER = {"he": "m", "she": "f"}
#: Every word _anaphors reads (its branches below).
ANAPHOR_WORDS = PRONOUNS | {"it", "they", "country", "nation"}
#: Forms of address that tell a person's gender ("Mr Sullivan", "Ms Merkel").
HONORIFIC_GENDER = {
    **dict.fromkeys(("mr", "mr.", "sir", "monsieur", "herr"), "m"),
    **dict.fromkeys(("mrs", "mrs.", "ms", "ms.", "madam", "madame", "dame", "lady"), "f"),
}


def _only_person_in_window(doc: Doc, mentions: list[ActorMention], i: int) -> str | None:
    """The one person named in the pronoun window before token i, or None if several."""
    first = doc[i].sent.start
    for _ in range(PRONOUN_WINDOW):
        if first > 0:
            first = doc[first - 1].sent.start
    names = {m.name for m in mentions if m.kind == "person" and m.name and first <= m.start < i}
    return names.pop() if len(names) == 1 else None


def _honorific_genders(doc: Doc, mentions: list[ActorMention]) -> dict[str, str]:
    """Person name -> "m"/"f" where the text addresses the person as Mr/Ms/...; a name the
    text calls both keeps neither."""
    out: dict[str, str] = {}
    mixed: set[str] = set()
    for m in mentions:
        if m.kind != "person" or not m.name or m.start == 0:
            continue
        gender = HONORIFIC_GENDER.get(doc[m.start - 1].lower_) or HONORIFIC_GENDER.get(doc[m.start].lower_)
        if gender is None:
            continue
        if out.get(m.name, gender) != gender:
            mixed.add(m.name)
        out[m.name] = gender
    return {name: g for name, g in out.items() if name not in mixed}


#: Clause links from a "they" up to the clause whose subject it repeats ("X said [that]
#: they ...", "X rejected the plan and said they ...", "X announced they would ...").
REPORTED_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "conj", "advcl", "parataxis"})


def _reporting_subjects(doc: Doc, tok, mentions: list[ActorMention]) -> list[ActorMention]:
    """The actor a subject "they" repeats: the plural subject of a clause that governs
    its own ("Ivory Coast rebels ... rejected ... and said they opposed ..."): the
    mention that holds the subject's head word, or none (a singular subject is not "they";
    in "militants loyal to Iraq's ..." no mention holds "militants")."""
    verb = tok.head
    while verb.dep_ in REPORTED_CLAUSE_DEPS and verb.head.i != verb.i:
        verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i]
        if not subjects:
            continue
        subject = subjects[0]
        if subject.tag_ not in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children):
            # A pronoun is one token and carries one mention: "X and Y said they" is left
            # to the roles' own reading of collective subjects.
            return []
        return [m for m in mentions if m.start <= subject.i < m.end][:1]
    return []


def _is_subject(doc: Doc, m: ActorMention) -> bool:
    return any(t.dep_ in ("nsubj", "nsubjpass") for t in doc[m.start : m.end])


def _last_before(mentions: list[ActorMention], i: int, keep) -> ActorMention | None:
    best = None
    for m in mentions:
        if m.start >= i:
            break
        if keep(m):
            best = m
    return best


def _sentences_between(doc: Doc, a: int, b: int) -> int:
    return sentence_starts_between(doc, a + 1, b + 1)
