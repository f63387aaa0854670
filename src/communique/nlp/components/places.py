"""``communique_places``: where an event happened.

A place is a GPE/LOC/FAC entity, or a run of proper nouns the NER left untagged that the
gazetteer knows and that follows "in/at/to" or a settlement noun ("touring Tanzanian
capital Dar es Salaam"), in an "in/at" phrase of the event's predicate ("signed
... in Sharm el-Sheikh", "met in Astana"); for meetings, visits and signings also one
deeper in the clause ("met with X of Mexico in Rio de Janeiro"); a visit's place is its
destination ("a working visit to Turkey", "visited Turkey"); a phone call has none.
Names are resolved against the offline GeoNames gazetteer, preferring among cities of
one name the one in a country the article is about, and landmarks ("the White House")
resolve to their city.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from communique.codebook import Codebook, default_codebook
from communique.nlp.extensions import register_extensions
from communique.nlp.frames import EventFrame, PlaceMention
from communique.nlp.tokarrays import proper_nouns

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset({"in", "at"})
VISIT_PREPS = frozenset({"to"})
#: A phone call happens nowhere (CAMEO 041).
NO_PLACE_CODES = frozenset({"041"})
#: Meetings, visits, talks, signings and the pledges made at them: a place in the
#: clause is where they happened. For other acts ("condemns attacks in Syria") a place
#: on the object is the object's, so only the predicate's own "in/at" counts.
GATHERING_PREFIXES = ("04", "057", "03")
VISIT_PREFIXES = ("042", "043")
#: Meetings that take the place of the located visit or meeting they follow.
INHERITING_CODES = frozenset({"040", "044", "046"})
#: "on the margins of the UN General Assembly": the gathering's place is the event's.
MARGIN_NOUNS = frozenset({"margin", "sideline", "fringe"})
#: Occasions whose own place is given: "at a ceremony held in ...", "a conference in Tashkent".
OCCASION_NOUNS = frozenset(
    {
        "ceremony",
        "summit",
        "meeting",
        "conference",
        "session",
        "forum",
        "talks",
        "event",
        "gathering",
        "assembly",
    }
)
#: Trips whose destination is where what happens "during" or "on" them happens.
TRIP_NOUNS = frozenset({"visit", "trip", "tour", "stopover"})
TRIP_PREPS = frozenset({"during", "on"})
#: "the city of Independence, Missouri": the place is the name after "of".
SETTLEMENT_NOUNS = frozenset({"city", "town", "village", "capital", "port", "resort"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "xcomp", "conj", "acl", "parataxis", "csubj"})
#: A proper-noun run the NER left untagged is a place only with evidence before it: one of
#: these prepositions ("touring ... in Dar es Salaam") or a settlement noun ("the
#: Tanzanian capital Dar es Salaam", "the city of Amiens").
UNTAGGED_PLACE_PREPS = frozenset({"in", "at", "to"})
#: Lower-case words inside a place name ("Dar es Salaam", "Rio de Janeiro").
NAME_PARTICLES = frozenset({"es", "de", "da", "do", "el", "al", "la", "le", "del", "di", "du", "von"})


class PlaceResolver:
    """Sets ``place`` on EventFrames and lists ``doc._.cq_places`` (see module docstring)."""

    def __init__(self, nlp: Language, name: str, *, codebook: Codebook) -> None:
        self.name = name
        self.codebook = codebook
        #: What is discussed is a topic: "discussed the situation in Afghanistan" was not held there.
        self.discussion = codebook.triggers.word_class("discussion")
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        gazetteer = self.codebook.gazetteer
        spans = [  # the NER may call "the White House" an ORG: a landmark is a place
            ent
            for ent in doc.ents
            if ent.label_ in PLACE_LABELS or (ent.label_ == "ORG" and gazetteer.is_landmark(ent.text))
        ]
        # The countries the article is about (its actors, the countries it names) pick
        # between cities of one name: "Paris" is in France unless the story is American.
        about = {m.country for m in doc._.cq_mentions or [] if m.country}
        about |= {p.country_iso3 for ent in spans if (p := self._lookup(ent)) and p.feature_code == "PCLI"}
        places: dict[int, PlaceMention] = {}
        for ent in [*spans, *self._untagged(doc, about)]:
            mention = self._resolve(ent, about)
            for i in range(ent.start, ent.end):
                places[i] = mention
            if mention.country and (noun := _settlement_before(doc, ent.start)) is not None:
                places.setdefault(noun.i, mention)  # "toured the capital (city of) Lusaka"
        doc._.cq_places = sorted({id(m): m for m in places.values()}.values(), key=lambda m: m.start)
        trip: EventFrame | None = None  # the last located visit or meeting
        dateline = _dateline_place(doc, places)
        for frame in doc._.cq_events or []:
            frame.place = None if frame.cameo in NO_PLACE_CODES else self._place_of(doc, frame, places)
            if frame.place is not None and frame.cameo.startswith(GATHERING_PREFIXES[0]) and frame.coded:
                trip = frame
            elif frame.place is None and trip is not None and _same_occasion(frame, trip):
                if not _names_its_own_place(doc, frame, places, self.discussion):
                    frame.place = trip.place  # meetings during a trip take the trip's place
            elif frame.place is None and dateline is not None and _met_in_host_country(frame, dateline):
                frame.place = dateline  # "NAIROBI (AP) - ... met Kenyan police leaders"
        # "X and Y discussed ... . X and Y met on 3 March for the summit at Amiens": talks
        # reported before the located meeting they belong to take its place too.
        later: EventFrame | None = None
        for frame in reversed(doc._.cq_events or []):
            if frame.place is not None and frame.cameo.startswith(GATHERING_PREFIXES[0]) and frame.coded:
                later = frame
            elif frame.place is None and later is not None and _same_occasion(frame, later, loose=True):
                if not _names_its_own_place(doc, frame, places, self.discussion):
                    frame.place = later.place
        return doc

    def _untagged(self, doc: Doc, about: set[str]) -> list[Span]:
        """Place names the NER left untagged: a run of capitalised proper nouns outside
        every entity ("Dar es Salaam") that names a GeoNames country or city and stands
        after "in/at/to" or a settlement noun (see UNTAGGED_PLACE_PREPS)."""
        found: list[Span] = []
        propn = proper_nouns(doc)  # _name_word needs PROPN: no Token for the others (issue 9)
        i = 0
        while i < len(doc):
            if not propn[i] or not _name_word(doc[i]):
                i += 1
                continue
            end = i + 1
            while end < len(doc):
                tok = doc[end]
                if _name_word(tok) or (tok.lower_ in NAME_PARTICLES and not tok.ent_type_):
                    end += 1
                elif tok.text == "-" and not doc[end - 1].whitespace_ and end + 1 < len(doc):
                    if not _name_word(doc[end + 1]):
                        break
                    end += 2  # "Alma-Ata"
                else:
                    break
            while end - 1 > i and doc[end - 1].lower_ in NAME_PARTICLES:
                end -= 1
            span = doc[i:end]
            # A lone word ("Annex", "God") needs a settlement noun before it and must be a
            # place's own name; a longer run may follow "in/at/to" and be another spelling.
            lone = len(span) == 1
            if _place_evidence(doc, i) and not (lone and _settlement_before(doc, i) is None):
                place = self.codebook.gazetteer.lookup(span.text, prefer=about, alternates=not lone)
                if place is not None:
                    found.append(span)
            i = end
        # The NER's PERSON or ORG that is a place by its name and its words before:
        # "arrived at Bandar Seri Begawan", "visited the Zambian capital Lusaka". Not a
        # person the actors component resolved, and a lone word only after a settlement noun.
        people = {
            i for m in doc._.cq_mentions or [] if m.kind == "person" and m.name for i in range(m.start, m.end)
        }
        visited = _visited(doc)
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG") or people.intersection(range(ent.start, ent.end)):
                continue
            # "visited Nur-Sultan" (tagged a person): what a visit's verb takes is a place.
            by_visit = ent.root.i in visited
            evidence = by_visit or _place_evidence(doc, ent.start)
            if not evidence or not all(_name_word(t, tagged=True) or _joining_hyphen(t) for t in ent):
                continue
            if len(ent) == 1 and not by_visit and _settlement_before(doc, ent.start) is None:
                continue
            if self.codebook.gazetteer.lookup(ent.text, prefer=about, alternates=by_visit) is not None:
                found.append(ent)
        return found

    def _lookup(self, span: Span, about: frozenset[str] | set[str] = frozenset()):
        text = span.text
        if text.lower().startswith("the "):
            text = text[4:]
        return self.codebook.gazetteer.lookup(text, prefer=about)

    def _resolve(self, span: Span, about: set[str]) -> PlaceMention:
        place = self._lookup(span, about)
        mention = PlaceMention(span.start, span.end, span.text)
        if place is not None:
            mention.resolved = place.name
            mention.country = place.country_iso3
            mention.lat, mention.lon = place.lat, place.lon
            mention.geonameid = place.geonameid
            mention.feature_code = place.feature_code
            mention.resolution = place.resolution
        return mention

    def _place_of(self, doc: Doc, frame: EventFrame, places: dict[int, PlaceMention]) -> PlaceMention | None:
        heads: list[Token] = [doc[frame.trigger]]
        if frame.predicate is not None:
            heads.append(doc[frame.predicate])
        gathering = frame.cameo.startswith(GATHERING_PREFIXES)
        visit = frame.cameo.startswith(VISIT_PREFIXES)
        if gathering and doc[frame.trigger].lemma_.lower() not in self.discussion:
            # "signed an agreement in Dubai": the parser often hangs the place on the object.
            heads += [c for h in list(heads) for c in h.children if c.dep_ in ("dobj", "nsubjpass")]
        for head in heads:
            if (
                (visit or gathering)
                and head.dep_ == "relcl"
                and head.head.i in places
                and places[head.head.i].country
            ):
                if any(c.lower_ == "where" for c in head.children):
                    return places[head.head.i]  # "Kenya, where she arrived next", "Tashkent, where he met"
            if any(c.lower_ == "here" and c.dep_ == "advmod" for c in head.children):
                if (dateline := _dateline_place(doc, places)) is not None:
                    return dateline  # "MOSCOW, March 12 (Xinhua) -- ... met here"
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                    if (found := _place_object(child, places)) is not None:
                        return found
                if visit and child.dep_ == "prep" and child.lower_ in VISIT_PREPS:
                    if (found := _place_object(child, places)) is not None:
                        return found  # "a working visit to Turkey", "welcomed X to the White House"
                if visit and child.dep_ == "dobj" and child.i in places and places[child.i].country:
                    return places[child.i]  # "visited Turkey", "touring Dar es Salaam"
        if gathering or visit:
            # Deeper in the clause: "met with X of Mexico in Rio de Janeiro", "met for the
            # summit at Amiens in France", "a meeting ... at Ben Gurion airport in Tel Aviv".
            for head in heads:
                for tok in _clause_tokens(head):
                    preps = PLACE_PREPS | VISIT_PREPS if visit else PLACE_PREPS
                    if tok.dep_ == "prep" and (
                        tok.lower_ in preps or _on_the_margins(tok) or _on_a_trip(tok)
                    ):
                        if (found := _place_object(tok, places)) is not None:
                            return found
        return None


def _names_its_own_place(
    doc: Doc, frame: EventFrame, places: dict[int, PlaceMention], topics: frozenset[str]
) -> bool:
    """Whether the frame's own verb names a place, as its object or in a prepositional
    phrase of its own, that did not locate it ("arrived in Jordan ... just before leaving
    Israel": the leaving is neither in Jordan nor placed by the text). It then takes no
    other event's place. A discussion's object is its topic ("discussed Ukraine")."""
    if doc[frame.trigger].lemma_.lower() in topics:
        return False
    heads = {frame.trigger} | ({frame.predicate} if frame.predicate is not None else set())
    for h in heads:
        for child in doc[h].children:
            named = [child] if child.dep_ == "dobj" else []
            if child.dep_ == "prep":
                named = [c for c in child.children if c.dep_ == "pobj"]
            if any(t.i in places and places[t.i].country for t in named):
                return True
    return False


def _joining_hyphen(tok: Token) -> bool:
    """The hyphen inside a name ("Nur-Sultan", "Alma-Ata")."""
    return tok.text == "-" and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_ and not tok.whitespace_


def _visited(doc: Doc) -> set[int]:
    """The direct objects of the visits' verbs ("visited Nur-Sultan", "toured Lusaka")."""
    out = set()
    for frame in doc._.cq_events or []:
        if frame.cameo.startswith(VISIT_PREFIXES):
            heads = [frame.trigger] + ([frame.predicate] if frame.predicate is not None else [])
            out |= {c.i for h in heads for c in doc[h].children if c.dep_ == "dobj"}
    return out


def _settlement_before(doc: Doc, start: int) -> Token | None:
    """The settlement noun a place name stands in apposition to: "the capital Lusaka",
    "the port city of Lusaka" (the parser makes the noun the verb's object)."""
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.lower_ == "of" and start > 1:
        before = doc[start - 2]
    return before if before is not None and before.lemma_.lower() in SETTLEMENT_NOUNS else None


def _name_word(tok: Token, *, tagged: bool = False) -> bool:
    """A capitalised proper noun outside every entity (``tagged``: in one or not); not a
    headline's capitals, not an abbreviation ("Sen.") or a broken word ("Car-")."""
    text = tok.text
    return (
        tok.pos_ == "PROPN"
        and (tagged or not tok.ent_type_)
        and text[:1].isupper()
        and text[-1:].isalpha()
        and not (len(text) > 1 and text.isupper())
    )


def _place_evidence(doc: Doc, start: int) -> bool:
    """Whether the words before ``start`` say a place name follows ("in", "at", "to";
    "capital", "the city of")."""
    if start == 0:
        return False
    before = doc[start - 1]
    if before.lower_ in UNTAGGED_PLACE_PREPS and before.pos_ == "ADP":
        # Not inside a longer name: "Confidence-Building Measures in Asia".
        return start < 2 or doc[start - 2].is_sent_start or not doc[start - 2].text[:1].isupper()
    if before.lemma_.lower() in SETTLEMENT_NOUNS:
        return True
    return before.lower_ == "of" and start > 1 and doc[start - 2].lemma_.lower() in SETTLEMENT_NOUNS


def _dateline_place(doc: Doc, places: dict[int, PlaceMention]) -> PlaceMention | None:
    """The place of a dateline opening the text ("MOSCOW, March 12 (Xinhua) --",
    "BEIJING (Reuters) -"): the "here" of the story."""
    first = next((t for t in doc if not t.is_space), None)
    if first is None or first.i not in places or not places[first.i].country:
        return None
    mention = places[first.i]
    after = doc[mention.end] if mention.end < len(doc) else None
    if after is None or after.text not in (",", "(", "-", "--") or first.text != first.text.upper():
        return None  # a dateline's city is in capitals and followed by a comma or the agency
    return mention


def _met_in_host_country(frame: EventFrame, dateline: PlaceMention) -> bool:
    """A meeting the story places nowhere, with a party of the country the story is filed
    from, took place where it is filed: the wire reporter is with the visitor."""
    if frame.cameo not in INHERITING_CODES or frame.modality != "asserted" or not frame.coded:
        return False
    return dateline.country in {r.country for r in frame.recipients}


def _same_occasion(frame: EventFrame, trip: EventFrame, *, loose: bool = False) -> bool:
    """A meeting reported after a located visit or meeting, on the same date, is held there.
    ``loose``: a date at coarser precision ("2016" against "2016-03-03") agrees too."""
    if frame.cameo not in INHERITING_CODES or frame.modality != "asserted" or not frame.coded:
        return False
    a, b = frame.date.value if frame.date else None, trip.date.value if trip.date else None
    if a is None or b is None:
        return False
    if a.start == b.start:
        return True
    if b.end is not None and len(a.start) == len(b.start) == len(b.end) and b.start <= a.start <= b.end:
        return True  # a day within the trip's days ("this week" ... "met with")
    return loose and (b.start.startswith(a.start) or a.start.startswith(b.start))


def _on_the_margins(prep: Token) -> bool:
    """ "on the margins of", "on the sidelines of": the gathering named after is the place."""
    return prep.lower_ == "on" and any(
        c.dep_ == "pobj" and c.lemma_.lower() in MARGIN_NOUNS for c in prep.children
    )


def _on_a_trip(prep: Token) -> bool:
    """ "during a visit to Beirut", "on a tour of the Gulf": the trip's destination is the place."""
    return prep.lower_ in TRIP_PREPS and any(
        c.dep_ == "pobj" and c.lemma_.lower() in TRIP_NOUNS for c in prep.children
    )


def _place_object(prep: Token, places: dict[int, PlaceMention], depth: int = 0) -> PlaceMention | None:
    """The resolved place a preposition governs ("in Rio de Janeiro, Brazil": the city),
    through the occasion or setting it names: "at a ceremony held in the city of
    Independence", "on the margins of the UN General Assembly", "to a conference in Tashkent"."""
    for pobj in prep.children:
        if pobj.dep_ == "pobj" and pobj.i in places and places[pobj.i].country:
            return places[pobj.i]
        lemma = pobj.lemma_.lower()
        if (
            pobj.dep_ == "pobj"
            and depth < 3
            and lemma in MARGIN_NOUNS | OCCASION_NOUNS | SETTLEMENT_NOUNS | TRIP_NOUNS
        ):
            if lemma in TRIP_NOUNS:  # "during a visit to Beirut", "on a tour of the Gulf"
                wanted = PLACE_PREPS | VISIT_PREPS | {"of"}
            else:
                wanted = {"of"} if lemma in MARGIN_NOUNS | SETTLEMENT_NOUNS else PLACE_PREPS
            inner_preps = [c for c in pobj.children if c.dep_ == "prep" and c.lower_ in wanted]
            if lemma in OCCASION_NOUNS:  # "a ceremony held in ...", "the summit hosted at ..."
                inner_preps += [
                    p
                    for c in pobj.children
                    if c.dep_ == "acl"
                    for p in c.children
                    if p.dep_ == "prep" and p.lower_ in PLACE_PREPS
                ]
            for inner in inner_preps:
                if (found := _place_object(inner, places, depth + 1)) is not None:
                    return found
        if pobj.dep_ == "pobj" and pobj.ent_type_ in ("FAC", "ORG"):
            # "at Ben Gurion International Airport in Tel Aviv": the city it is in.
            for inner in pobj.children:
                if inner.dep_ == "prep" and inner.lower_ in PLACE_PREPS:
                    if (found := _place_object(inner, places)) is not None:
                        return found
    return None


def _clause_tokens(head: Token) -> list[Token]:
    """The head's subtree without the clauses embedded in it, breadth first; a relative
    clause of being somewhere is kept ("met with X, who is in Moscow at the invitation")."""

    def inside(tok: Token) -> bool:
        return tok.dep_ not in CLAUSE_DEPS or (tok.dep_ == "relcl" and tok.lemma_ == "be")

    # "The US commander in Iraq ... held talks in Beirut": where the subject serves is not
    # where the meeting was
    out, queue = [], [c for c in head.children if inside(c) and c.dep_ not in SUBJECT_DEPS]
    while queue:
        tok = queue.pop(0)
        out.append(tok)
        queue += [c for c in tok.children if inside(c)]
    return out


@Language.factory(
    "communique_places",
    default_config={},
    requires=["doc.ents", "doc._.cq_events"],
    assigns=["doc._.cq_places", "doc._.cq_events"],
)
def make_place_resolver(nlp: Language, name: str) -> PlaceResolver:
    return PlaceResolver(nlp, name, codebook=default_codebook())
