"""Countries the text gives only by context: where an act happened, whose forces acted.

PLOVER and PETRARCH code "security forces in Guinea tortured ...", "police prevented the
demonstration", "demonstrators rioted in Dili" with the state of the place the phrase or
clause names, and a protest, curfew or bombing with no named target as aimed at the
state where it happened (PLOVER's recipient rule for one-sided acts). These helpers read
that context off one clause of the parse; which event roots use it is data
(``event_rules.tsv`` column ``unnamed_recipient``), not code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from spacy.tokens import Doc, Token

from communique.nlp.frames import ActorMention

# The prepositions that name where a group is or where an act took place.
PLACE_PREPS = frozenset({"in", "at", "near", "into", "inside", "throughout", "across", "outside", "through"})
# Where a state named right after the preposition is the target, not a place: "fired at Israel".
AIMED_PREPS = frozenset({"at", "into"})
# A group's own place or origin: "forces in Guinea", "workers from Serbia", "police of Cairo".
ORIGIN_PREPS = frozenset({"in", "of", "from", "at", "inside", "throughout"})
PHRASE_DEPTH = 3
# Heads that name an amount or a part of a group, whose group is their "of" phrase:
# "thousands of Iraqi Kurds", "leaders of the opposition coalition", "a group of refugees".
PARTITIVE_HEADS = frozenset(
    {"thousands", "hundreds", "dozens", "tens", "scores", "millions", "number", "majority", "group",
     "members", "member", "leaders", "leader", "crowd", "crowds", "some", "many", "most", "all"}
)  # fmt: skip
# Nouns of a place that a demonym gives its state: "the Malian town", "an Iraqi province".
PLACE_NOUNS = frozenset(
    {"city", "town", "village", "capital", "province", "region", "district", "port", "territory", "border"}
)  # fmt: skip
PlaceLookup = Callable[[str], str | None]  # a place name -> the ISO3 code of its state


def place_state(
    node: Token, at: list, lookup: PlaceLookup | None = None, depth: int = PHRASE_DEPTH
) -> ActorMention | None:
    """The state of the first place or state named in ``node``'s phrase ("the town of Cizre
    in southeastern Turkey" -> Turkey; "a jail in East Timor's capital Dili" -> Timor-Leste).
    ``lookup`` (a gazetteer: place name -> ISO3) resolves a proper name no actor mention covers."""
    stack: list[tuple[Token, int]] = [(node, 0)]
    while stack:
        tok, d = stack.pop(0)
        m = at[tok.i]
        if m is not None and m.kind == "state" and m.country:
            return _as_place(m)
        if m is not None and m.country and m.kind == "group" and tok.lemma_.lower() in PLACE_NOUNS:
            return _as_place(m)  # "the Malian town of Gao", "the northern Iraqi city of Kirkuk"
        if m is None and lookup is not None and tok.pos_ == "PROPN" and _names_place(tok):
            found = _looked_up(tok, lookup)
            if found is not None:
                return found
        if d >= depth:
            continue
        for child in tok.children:
            if child.dep_ in ("relcl", "acl", "advcl", "ccomp", "punct", "cc", "conj", "appos"):
                continue
            stack.append((child, d + (child.dep_ not in ("prep", "pobj", "compound", "poss"))))
    return None


def _looked_up(tok: Token, lookup: PlaceLookup) -> ActorMention | None:
    """The state of the proper name ``tok`` ends, longest first: "the Syrian Golan Heights"
    is not a name the gazetteer knows, "Golan Heights" is."""
    words = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
    for start in [*(w.i for w in words), tok.i]:
        span = tok.doc[start : tok.i + 1]
        iso3 = lookup(span.text)
        if iso3:
            return ActorMention(
                span.start, span.end, span.text, "state", name=span.text, country=iso3,
                source="place", how="the state where it happened (gazetteer)",
            )  # fmt: skip
    return None


def _names_place(tok: Token) -> bool:
    """A proper noun that is a whole name: not the first word of a longer name ("Golan" of
    "Golan Heights"), though it may name a common noun ("Sindh province", "Kurdistan region")."""
    return tok.dep_ != "compound" or tok.head.pos_ != "PROPN"


def clause_place(
    pred: Token, at: list, lookup: PlaceLookup | None = None, *, targets: bool = True
) -> ActorMention | None:
    """The state where the act of ``pred`` took place: a place phrase of the verb, of its
    object, or of the complement it governs ("imposed a curfew in the town of Cizre in
    southeastern Turkey", "threatened to institute a curfew in Algiers"). ``targets=False``:
    a state named right after "at"/"into" is what the act is aimed at ("fired rockets at
    Israel"), not where the actor is, so it does not count."""
    heads = [pred, *(c for c in pred.children if c.dep_ in ("xcomp",))]
    for head in heads:
        nodes = [head, *(c for c in head.children if c.dep_ in ("dobj", "obj", "npadvmod"))]
        # "arrested dozens of students in X": the place of the group the object counts
        nodes += [core for n in nodes[1:] if (core := partitive_core(n)) is not None]
        for node in nodes:
            for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS):
                for pobj in _objects(prep):
                    found = place_state(pobj, at, lookup)
                    if found is None:
                        continue
                    aimed = prep.lower_ in AIMED_PREPS and found.start <= pobj.i < found.end
                    if targets or not aimed:
                        return found
    return None


def _objects(prep: Token) -> list[Token]:
    """A preposition's objects, through a second "of" ("outside of the city of Basra")."""
    found = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not found:
        found = [
            g
            for c in prep.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
    return found


def agent_in_context(
    subject: Token,
    at: list,
    sector_nouns: Mapping[str, str],
    lookup: PlaceLookup | None = None,
    clause: Token | None = None,
) -> ActorMention | None:
    """A subject that names a kind of actor with no country of its own ("security forces in
    Guinea", "opposition activists in Zimbabwe", "demonstrators in Baghdad"): a group of the
    state its own phrase places it in, or failing that (with ``clause``, the subject's verb)
    the state where the clause places the act ("police broke up a rally in Lagos"). Only
    agent nouns of the codebook's sector nouns count (forces, police, rebels, protesters ...),
    so that "the stopover" or "a bombing" never act."""
    if subject.pos_ not in ("NOUN", "PROPN"):
        return None
    sector = sector_of(subject, sector_nouns)
    if sector is None:
        return None
    for prep in (c for c in subject.children if c.dep_ == "prep" and c.lower_ in ORIGIN_PREPS):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found = place_state(pobj, at, lookup)
            if found is not None:
                return _group(subject, found.country, sector, f"'{found.entity_text}'")
    body = affiliated_body(subject, at)
    if body is not None:  # "fighters affiliated with Hamas", "militants loyal to al-Shabaab"
        return _group(subject, body.country, sector, f"'{body.entity_text}', whose members they are")
    if clause is not None:
        found = clause_place(clause, at, lookup, targets=False)
        if found is not None:
            return _group(subject, found.country, sector, f"'{found.entity_text}', where it acted")
    for tok in subject.doc[
        subject.left_edge.i : subject.i
    ]:  # "Montenegro Municipality Association officials"
        m = at[tok.i]
        if m is not None and m.kind == "state" and m.country and tok.head.i != tok.i:
            return _group(subject, m.country, sector, f"'{m.entity_text}'")
    return None


def unnamed_attacker(
    pred: Token,
    at: list,
    means: frozenset[str],
    victims: list[ActorMention],
    lookup: PlaceLookup | None = None,
) -> ActorMention | None:
    """The state where an attack with no named attacker happened, as its attacker (the
    GSR/CAMEO convention: "two Pakistani soldiers were killed in Afghanistan", "a roadside
    bomb killed three US soldiers in Iraq" -> Afghanistan, Iraq). The doer is unnamed when
    the verb is a passive with no "by" phrase, a participle with no subject ("soldiers
    killed in X") or its subject names the weapon (``means``: attack_means.tsv). Only for
    named victims of another state: at home ("Iraqi police were killed in Iraq") the
    convention gives no dyad worth the guess."""
    if not victims or any(v.country is None for v in victims):
        return None
    if not _doer_unnamed(pred, means):
        return None
    found = clause_place(pred, at, lookup, targets=False)
    subject = next((c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if found is None and subject is not None:  # "an explosion at a market in Peshawar killed ..."
        found = _own_place(subject, at, lookup)
    if found is None or any(v.country == found.country for v in victims):
        return None
    return replace(
        found, source="context", how="an attack with no named attacker: the state where it happened"
    )


#: Sectors of armed groups that may act unidentified ("insurgents", "gunmen", "militants").
UNIDENTIFIED_ARMED_SECTORS = frozenset({"REB", "UAF"})
#: CAMEO's country part for an actor of unknown country ("---REB": rebels of no known state).
UNKNOWN_COUNTRY = "---"


def unidentified_armed_group(subject: Token, sector_nouns: Mapping[str, str]) -> ActorMention | None:
    """An armed group the text does not place or tie to a state ("Insurgents bombarded a
    government-held part of the city"): an actor of unknown country, as CAMEO codes it
    ("---REB"), so that the attack and its target are still reported."""
    if subject.pos_ not in ("NOUN", "PROPN"):
        return None
    sector = sector_of(subject, sector_nouns)
    if sector not in UNIDENTIFIED_ARMED_SECTORS:
        return None
    group = _group(subject, None, str(sector), "no state the text names")
    return replace(
        group, code=UNKNOWN_COUNTRY + str(sector), how=f"{subject.text}: an armed group of unknown country"
    )


def _doer_unnamed(pred: Token, means: frozenset[str]) -> bool:
    """A passive with no "by" phrase, a participle with no subject of its own, or a subject
    that names the weapon, not who used it ("a car bomb killed ...")."""
    children = list(pred.children)
    agents = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if agents:  # "killed by an improvised explosive device": the weapon, not who used it
        return all(g.lemma_.lower() in means for g in agents)
    if any(c.dep_ == "auxpass" for c in children) or (pred.dep_ == "acl" and pred.tag_ == "VBN"):
        return True
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lemma_.lower() in means


def _own_place(noun: Token, at: list, lookup: PlaceLookup | None) -> ActorMention | None:
    """The state a noun's own place phrase names ("at a market in Peshawar"); never its
    "of" phrase ("the embassies of the United States in Kenya" are in Kenya)."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found = place_state(pobj, at, lookup)
            if found is not None:
                return found
    return None


def affiliated_body(noun: Token, at: list) -> ActorMention | None:
    """A named body or group with a state that an adjective or participle of ``noun`` ties
    it to ("fighters affiliated with Hamas", "militants loyal to al-Shabaab", "gunmen linked
    to Boko Haram"): the body they belong to. A state there is not one ("militias backed
    by Iran" are not Iran's; "rebels opposed to Russia" are not Russians), nor is "by"."""
    for mod in (c for c in noun.children if c.dep_ in ("amod", "acl") and c.pos_ in ("ADJ", "VERB")):
        for prep in (c for c in mod.children if c.dep_ == "prep" and c.lower_ != "by"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for tok in pobj.subtree:
                    m = at[tok.i]
                    if m is not None and m.source == "group" and m.country:
                        return m
    return None


def partitive_core(noun: Token) -> Token | None:
    """The group an amount or part names: "thousands of Iraqi Kurds" -> Kurds, "hundreds of
    thousands of people" -> people, "leaders of the coalition" -> coalition; None when the
    noun is no such head or has no "of" phrase."""
    node, found = noun, None
    for _ in range(3):
        if node.lower_ not in PARTITIVE_HEADS and node.pos_ != "NUM":
            break
        ofs = [c for c in node.children if c.dep_ == "prep" and c.lower_ == "of"]
        pobj = next((g for c in ofs for g in c.children if g.dep_ == "pobj"), None)
        if pobj is None:
            break
        node = found = pobj
    return found


def sector_of(noun: Token, sector_nouns: Mapping[str, str]) -> str | None:
    """The sector of an agent noun with its modifiers, longest phrase first ("security
    forces" -> security force -> COP; "police" -> COP)."""
    mods = []
    for child in reversed(list(noun.lefts)):
        if child.dep_ not in ("compound", "amod") or child.i != noun.i - len(mods) - 1:
            break
        mods.insert(0, child.lower_)
    for k in range(len(mods), -1, -1):
        for head in (noun.lower_, noun.lemma_.lower()):
            sector = sector_nouns.get(" ".join([*mods[len(mods) - k :], head]))
            if sector is not None:
                return sector
    return None


def own_state(
    actors: list[ActorMention], name_of: Callable[[str], str | None], *, states: bool = False
) -> ActorMention | None:
    """The one state all the actors belong to, as the recipient of a domestic act
    ("Egyptian demonstrators rioted": aimed at Egypt's government); ``name_of`` names it.
    ``states``: a state may be the recipient of its own act too (an event already coded that
    names no other side: "the government accepted the rebels' demands", PLOVER's gold)."""
    countries = {a.country for a in actors}
    if len(countries) != 1 or None in countries or (not states and any(a.kind == "state" for a in actors)):
        return None  # a state's own act ("Russia rejected the proposal") is not aimed at itself
    actor = actors[0]
    name = name_of(str(actor.country))
    return ActorMention(
        actor.start, actor.end, name or str(actor.country), "state", name=name,
        country=actor.country, source="context", how="the actor's own state (a one-sided act)",
    )  # fmt: skip


def split_coordinated(
    m: ActorMention, doc: Doc, names: Mapping[str, tuple[str, str]], name_of: Callable[[str], str | None]
) -> list[ActorMention]:
    """ "Hungarian and Romanian officials", "US and British activists": one phrase, the people
    of two states; one mention per state (the first keeps the phrase's own reading).
    ``names`` maps a surface form to (kind, code) (Codebook.actor_names); ``name_of`` names a state."""
    if m.kind not in ("group", "state") or m.end - m.start < 3:
        return [m]
    countries: list[str] = []
    for tok in doc[m.start : m.end]:
        found = names.get(tok.text)
        if found is None or found[0] not in ("demonym", "state") or not _coordinated(tok, m):
            continue
        if found[1] not in countries:
            countries.append(found[1])
    if len(countries) < 2 or m.country not in countries:
        return [m]
    return [m] + [
        replace(m, country=c, name=name_of(c) or c, how=f"one of the states of '{m.entity_text}'")
        for c in countries
        if c != m.country
    ]


def country_from_phrase(
    m: ActorMention,
    doc: Doc,
    at: list,
    names: Mapping[str, tuple[str, str]],
    name_of: Callable[[str], str | None],
) -> ActorMention:
    """A person or group the actors component gave no country, whose own phrase names one
    ("Taiwan's Vice Foreign Minister", "British Defence Secretary Tom King", "Iran's religious
    leader"): a copy with that state; the mention itself when the phrase names none."""
    if m.country or m.kind not in ("person", "group"):
        return m
    head = doc[m.end - 1]
    while head.head.i != head.i and m.start <= head.head.i < m.end:
        head = head.head
    if head.dep_ == "compound" and head.head.i >= m.end:
        head = head.head  # "the Taiwan Vice Minister" parsed with the name as a modifier
    for tok in doc[head.left_edge.i : m.end]:
        if m.start <= tok.i < m.end and tok.i == head.i:
            break
        other = at[tok.i]
        if other is not None and other is not m and other.country and _names(other, doc, names):
            return replace(
                m, country=other.country, how=f"the state named in its phrase ('{other.entity_text}')"
            )
        word = tok.text
        if tok.i + 1 < m.end and (pair := f"{tok.text} {doc[tok.i + 1].text}") in names:
            word = pair  # "South Korean Special Envoy X": a demonym of two words
        found = names.get(word)
        if other is None and found is not None and found[0] in ("demonym", "state"):
            return replace(m, country=found[1], how=f"the state named in its phrase ('{word}')")
    return _apposition_body(m, head, at)


def _apposition_body(m: ActorMention, head: Token, at: list) -> ActorMention:
    """ "Jeff Rathke, the State Department Spokesperson": a person whose apposition names
    the body they speak for, before its head noun, is of that body's state."""
    for appos in (c for c in head.children if c.dep_ == "appos"):
        for tok in head.doc[appos.left_edge.i : appos.i]:
            other = at[tok.i]
            if other is not None and other is not m and other.kind == "organization" and other.country:
                how = f"the body named in its apposition ('{other.entity_text}')"
                return replace(m, country=other.country, sector=m.sector or other.sector, how=how)
    return m


def resident_state(
    m: ActorMention,
    doc: Doc,
    at: list,
    names: Mapping[str, tuple[str, str]],
    lookup: PlaceLookup | None = None,
) -> ActorMention:
    """A people named by a demonym, which its own phrase places in another state: the state
    they live in (CAMEO codes ethnic groups by residence): "Bosnian Serbs" -> Bosnia,
    "ethnic Albanians in south Serbia" / "the Albanians of southern Serbia" -> Serbia.
    ``names`` maps a surface form to (kind, code) (Codebook.actor_names)."""
    if m.kind == "group" and m.country is None and m.sector == "REB":
        return _stateless_group_at(m, doc, at, lookup)
    if m.kind != "group" or m.country is None:
        return m
    head = doc[m.end - 1]
    # "the Albanian population", "the Turkish minority": a people of the demonym's kin, like "ethnic"
    minority = m.end - m.start == 2 and head.lemma_.lower() in MINORITY_NOUNS
    if not minority and (m.end - m.start != 1 or head.tag_ not in ("NNS", "NNPS")):
        return m  # "Serbs", "Albanians": a people
    for child in head.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i == head.i - 1:
            other = names.get(child.text)
            if other is not None and other[0] in ("demonym", "state") and other[1] != m.country:
                how = f"the people of '{head.text}' living in '{child.text}'"
                return replace(m, country=other[1], how=how)
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "of")):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            place = place_state(pobj, at, lookup, depth=1)
            if place is not None and place.country != m.country:
                how = f"the people of '{head.text}' living in '{place.entity_text}'"
                return replace(m, country=place.country, how=how)
    if minority or any(c.dep_ == "amod" and c.lower_ in ETHNIC_WORDS for c in head.children):
        # "ethnic Albanians demonstrated in Serbia", "killed three ethnic Albanians in a
        # gunbattle in southeastern Serbia": "ethnic" says a minority, not the kin state's
        # people; the state where their clause happens is where they live.
        verb = head
        while verb.dep_ not in ("ROOT",) and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        place = clause_place(verb, at, lookup) if verb.pos_ in ("VERB", "AUX") else None
        if place is not None and place.country != m.country:
            how = f"the ethnic '{head.text}' of the place of their clause, '{place.entity_text}'"
            return replace(m, country=place.country, how=how)
    return m


def _stateless_group_at(m: ActorMention, doc: Doc, at: list, lookup: PlaceLookup | None) -> ActorMention:
    """A militant group with no home state (transnational.tsv) that its own phrase places
    ("an Islamic State target southwest of Baghdad", "al-Qaeda fighters in Yemen"): that
    state's branch, as CAMEO codes a local branch. The clause's place ("attacked troops
    near Mosul") says where it acted, not whose it is: not read."""
    head = doc[m.end - 1]
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i:
        head = head.head  # "Islamic State target": the phrase of "target"
    place = place_state(head, at, lookup, depth=2)
    if place is None or place.country is None:
        return m
    return replace(m, country=place.country, how=f"{m.how or m.entity_text}; placed in '{place.entity_text}'")


#: Words that make a demonym's people a minority group, not the kin state's nationals.
ETHNIC_WORDS = frozenset({"ethnic"})
#: Nouns that, after a demonym, name such a people where it lives ("the Albanian population").
MINORITY_NOUNS = frozenset({"minority", "population", "community"})


def _names(m: ActorMention, doc: Doc, names: Mapping[str, tuple[str, str]]) -> bool:
    """The mention's own words name its state ("Taiwan", "British Defence Secretary"), so that
    its country is the text's, not a knowledge-base guess about whom a bare title means."""
    if m.kind == "state":
        return True
    return any(
        (found := names.get(t.text)) is not None and found[1] == m.country for t in doc[m.start : m.end]
    )


def _coordinated(tok: Token, m: ActorMention) -> bool:
    """The word is one of a coordination inside the mention ("X and Y officials")."""
    inside = range(m.start, m.end)
    if tok.dep_ == "conj" and tok.head.i in inside:
        return True
    return any(c.dep_ == "conj" and c.i in inside for c in tok.children)


def _as_place(m: ActorMention) -> ActorMention:
    return ActorMention(
        m.start, m.end, m.entity_text, "state", name=m.name, country=m.country,
        source="place", how="the state where it happened",
    )  # fmt: skip


def _group(noun: Token, country: str | None, sector: str, how: str) -> ActorMention:
    start = noun.left_edge.i if noun.left_edge.i >= noun.i - 3 else noun.i
    span = noun.doc[start : noun.i + 1]
    return ActorMention(
        start, noun.i + 1, span.text, "group", name=span.text, country=country, sector=sector,
        source="place", how=f"{noun.text}: a group of the state of {how}",
    )  # fmt: skip
