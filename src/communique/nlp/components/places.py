"""``communique_places``: where an event happened.

A place is a GPE/LOC/FAC entity (or a codebook capital) in an "in/at" phrase of the
event's predicate ("signed ... in Sharm el-Sheikh", "met in Astana"), resolved against
the offline GeoNames gazetteer of the codebook.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from communique.codebook import Codebook, default_codebook
from communique.nlp.extensions import register_extensions
from communique.nlp.frames import EventFrame, PlaceMention

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset({"in", "at"})


class PlaceResolver:
    """Sets ``place`` on EventFrames and lists ``doc._.cq_places`` (see module docstring)."""

    def __init__(self, nlp: Language, name: str, *, codebook: Codebook) -> None:
        self.name = name
        self.codebook = codebook
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        places: dict[int, PlaceMention] = {}
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS:
                mention = self._resolve(ent)
                for i in range(ent.start, ent.end):
                    places[i] = mention
        doc._.cq_places = sorted({id(m): m for m in places.values()}.values(), key=lambda m: m.start)
        for frame in doc._.cq_events or []:
            frame.place = self._place_of(doc, frame, places)
        return doc

    def _resolve(self, span: Span) -> PlaceMention:
        text = span.text
        if text.lower().startswith("the "):
            text = text[4:]
        place = self.codebook.gazetteer.lookup(text)
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
        # "signed an agreement in Dubai": the parser often hangs the place on the object.
        heads += [c for h in list(heads) for c in h.children if c.dep_ in ("dobj", "nsubjpass")]
        for head in heads:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and pobj.i in places:
                            return places[pobj.i]
        return None


@Language.factory(
    "communique_places",
    default_config={},
    requires=["doc.ents", "doc._.cq_events"],
    assigns=["doc._.cq_places", "doc._.cq_events"],
)
def make_place_resolver(nlp: Language, name: str) -> PlaceResolver:
    return PlaceResolver(nlp, name, codebook=default_codebook())
