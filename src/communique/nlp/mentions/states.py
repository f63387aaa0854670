"""States, capitals, demonyms and international bodies by the codebook's names ("Kazakh
side", "Russia's government", "Brussels", "Saudi National Guard").

A name alone is a state or body as an actor only when it acts as one: a demonym needs a
noun of a kind of actor after it ("Kazakh police", not "Kazakh economy"), a capital is a
place after "in" or "from", and a seat city is its body in an article that names the body
but not the city's state.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from communique.nlp.context import sector_of
from communique.nlp.frames import ActorMention
from communique.nlp.mentions.tables import ActorTables, longest_first
from communique.nlp.titles import stance_prefixed

ACTOR_NOUN_SECTOR_FALLBACK = {"side": "GOV", "delegation": "GOV", "authorities": "GOV"}

#: Participles after a hyphen that make the state before them the one that commands the
#: group they modify ("Saudi-led forces", "US-led coalition"); "-backed" does not (an
#: Iranian-backed militia is not Iran's).
LEADING = frozenset({"led"})


class StateMentions(ActorTables):
    """Mentions of states, demonyms, capitals and IGOs (module docstring)."""

    def _gazetteer_spans(self, doc: Doc) -> dict[int, tuple[int, str, str]]:
        """Longest codebook name at each start token: start -> (end, kind, code)."""
        spans: list[Span] = []
        for match_id, start, end in self.gaz_matcher(doc):
            spans.append(Span(doc, start, end, label=match_id))
        out: dict[int, tuple[int, str, str]] = {}
        for span in longest_first(spans):
            kind, code = self.names[span.label_]
            out[span.start] = (span.end, kind, code)
        return out

    def _gazetteer_mentions(
        self, doc: Doc, gaz: dict[int, tuple[int, str, str]], taken: list[bool]
    ) -> Iterable[ActorMention]:
        present = {c for _e, k, c in gaz.values() if k in ("state", "igo", "demonym")}
        present |= {self._top_level(c) for c in present}
        for start, (end, kind, code) in sorted(gaz.items()):
            if any(taken[i] for i in range(start, end)):
                continue
            if stance_prefixed(doc[start]):
                continue  # "pro-Russian separatists", "an anti-Syria journalist": not its state's
            head_noun = governed_noun(doc, start, end)
            sector = self._sector_of(head_noun)
            named_end = None
            if sector is None and kind in ("state", "demonym"):
                named_end, sector = self._named_body_after(doc, end)
            if kind == "demonym" and sector is None:
                continue  # "Kazakh economy": an adjective, not an actor
            if kind == "capital" and start > 0 and doc[start - 1].lower_ in ("in", "at", "from", "to"):
                continue  # a place, not a metonym for the government
            if kind == "people":
                sector = sector or "CVL"
            span_end = end
            if head_noun is not None and sector is not None:
                span_end = max(end, head_noun.i + 1)
            if named_end is not None:
                span_end = named_end  # "Saudi National Guard": the body, named in full
            label_kind = (
                "state" if kind in ("state", "capital") else ("organization" if kind == "igo" else "group")
            )
            if sector is not None and kind != "igo":
                label_kind = "group" if kind in ("demonym", "people") else "state"
            if kind == "capital":
                code = self._seat_body(doc[start:end].text, code, present) or code
                if self.codebook.igo(code) is not None:
                    label_kind = "organization"
            name = self.codebook.display_name(code)
            words = " ".join(t.lower_ for t in doc[end:span_end] if t.lower_ not in ("'s", "’s"))
            if words in self.institutions and kind in ("state", "demonym"):
                label_kind, name = "organization", f"{self.institutions[words]} of {name}"
            yield ActorMention(
                start,
                span_end,
                doc[start:span_end].text,
                label_kind,
                name=name,
                country=self._top_level(code),
                sector=sector,
                source="gazetteer",
            )

    def _named_body_after(self, doc: Doc, end: int) -> tuple[int | None, str | None]:
        """A capitalised name right after a state or demonym whose last word names a kind
        of body ("Saudi National Guard", "Russia's Baltic Fleet", "Mongolian People's
        Party"): (end of the name, the sector its last word gives) or (None, None)."""
        j = end
        if j < len(doc) and doc[j].lower_ in ("'s", "’s"):
            j += 1
        last = None
        while j < len(doc) and (doc[j].is_title or (last is not None and doc[j].lower_ in ("'s", "’s"))):
            if doc[j].is_title:
                last = j
            j += 1
        if last is None or doc[last].text not in self.name_heads:
            return None, None
        return last + 1, self.name_heads[doc[last].text]

    def _seat_body(self, city: str, state: str, present: set[str]) -> str | None:
        """ "Brussels" is the EU in an article about the EU that never names Belgium."""
        if state in present:
            return None
        return next((body for body in self.codebook.seats.get(city, ()) if body in present), None)

    def _sector_of(self, noun: Token | None) -> str | None:
        """The sector the noun a state or demonym modifies gives: the noun with its
        modifiers, longest phrase first ("aid groups", "security forces", "forces"), from the
        sector nouns and PETRARCH2's agents ("Kazakh police", "Syrian rebels"); else a plural
        noun's compound modifier when that names a body ("army officers", "rebel
        commanders": people of the army, of the rebels)."""
        if noun is None:
            return None
        found = sector_of(noun, self.sector_table)
        if found is None:
            found = ACTOR_NOUN_SECTOR_FALLBACK.get(noun.lower_) or ACTOR_NOUN_SECTOR_FALLBACK.get(noun.lemma_)
        if found is None and noun.tag_ == "NNS" and noun.i > 0:
            before = noun.doc[noun.i - 1]
            if before.dep_ == "compound" and before.head.i == noun.i:
                found = sector_of(before, self.sector_table)
        return found


def governed_noun(doc: Doc, start: int, end: int) -> Token | None:
    """The noun a name modifies: "Kazakh side" -> side, "Russia's government" -> government."""
    last = doc[end - 1]
    if last.dep_ == "npadvmod" and last.head.lower_ in LEADING and last.head.dep_ == "amod":
        last = last.head  # "Saudi-led forces": the forces its leader's state commands
    head = last.head
    if last.dep_ in ("compound", "amod", "poss", "nmod") and head.i >= end and head.pos_ in ("NOUN", "PROPN"):
        return head
    if end < len(doc) and doc[end].lower_ in ("'s", "’s") and end + 1 < len(doc):
        nxt = doc[end].head if doc[end].head.i > end else None
        return nxt if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") else None
    return None
