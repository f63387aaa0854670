"""Non-state groups and bodies by name ("Boko Haram", "the Taliban", "the FSB", "the
Knesset", "the British Red Cross"), bodies a bare name leaves open ("the Security
Council": Russia's or the UN's), and the international bodies a title names ("President
of the European Council").

A one-word name must read as a name (an acronym, or a name to the NER: "Target" and
"Apple" are words too); a state before the name of a body with no home state makes it
that state's.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from communique.codebook.people import publisher_of
from communique.nlp.frames import ActorMention
from communique.nlp.mentions.tables import ActorTables, longest_first
from communique.nlp.titles import CONNECTORS, NAME_PARTICLES, is_name_particle


class BodyMentions(ActorTables):
    """Mentions of groups and bodies by name (module docstring)."""

    def _title_bodies(
        self, doc: Doc, mentions: list[ActorMention], gaz: dict[int, tuple[int, str, str]]
    ) -> list[ActorMention]:
        """The international bodies a title names ("President of the European Council"):
        entities of the article in their own right, though not actors of its events."""
        out = []
        for m in mentions:
            if m.source != "title":
                continue
            for start, (end, kind, code) in gaz.items():
                if kind == "igo" and m.start <= start and end <= m.end:
                    out.append(
                        ActorMention(
                            start,
                            end,
                            doc[start:end].text,
                            "organization",
                            name=self.codebook.display_name(code),
                            country=self._top_level(code),
                            source="in_title",
                        )
                    )
        return out

    def _group_mentions(self, doc: Doc, taken: list[bool], claimed: set[int]) -> Iterable[ActorMention]:
        """Non-state groups and bodies by name ("Boko Haram", "the Taliban", "the FSB",
        "the Knesset"): their country and sector. A one-word name must be capitalised and
        either an acronym or read as a name by the NER ("Target", "Apple" are words too).
        ``claimed``: tokens of the mentions found so far (a state before the name of an
        actor with no home state makes it that state's: "the British Red Cross", "Iraq's
        al-Qaeda", unless a title holds the state)."""
        spans = [Span(doc, s, e, label=m) for m, s, e in self.group_matcher(doc)]
        for span in longest_first(spans):
            if any(taken[i] for i in range(span.start, span.end)):
                continue
            if not span[0].text[:1].isupper() and not is_name_particle(span[0]):
                continue  # a name starts capitalised, or with a particle ("al-Qaeda", "al-Shabab")
            group, country, sector, kind = self.groups[span.label_]
            # A curated body's one-word name ("Duma", "Houthis"), unless the NER reads a person
            # there; never a person after "the" ("the Duma approved").
            one_word_name = span.label_ in self.curated and (
                span[0].ent_type_ != "PERSON" or (span.start > 0 and doc[span.start - 1].lower_ == "the")
            )
            if kind == "organization" and len(span) == 1 and not (_named_one_word(span[0]) or one_word_name):
                continue
            if kind == "organization" and country and self._other_state_before(doc, span.start, country):
                continue  # "Chile's Defense Department": that state's, not the one of the table
            start = span.start
            if span.label_ in self.stateless:
                if not _proper_name(span):
                    continue  # "human rights organization": words, not the NGO's name
                before = self._state_before(doc, span.start)
                if before is not None and not claimed.intersection(range(before[0], span.start)):
                    start, country = before  # "the British Red Cross": the state's own society
            for i in range(start, span.end):
                taken[i] = True
            what = "non-state group" if kind == "group" else "organisation"
            yield ActorMention(
                start,
                span.end,
                doc[start : span.end].text,
                kind,
                name=group,
                country=country,
                sector=sector,
                source="group",
                code=self.stateless_codes.get(span.label_) if span.label_ in self.stateless else None,
                how=f"{what} {group} ({country or 'no state, '}{sector or ''}, "
                + ("curated bodies table)" if span.label_ in self.curated else "PETRARCH2 dictionary)"),
            )

    def _bare_body_mentions(
        self, doc: Doc, gaz: dict[int, tuple[int, str, str]], taken: list[bool]
    ) -> Iterable[ActorMention]:
        """ "the Security Council" (bare_bodies.tsv): a state's body when a state or demonym
        is named right before it ("Russia's Security Council") or when a state's own site
        speaks of it and the article names no UN body; otherwise the international body's."""
        at = [i for i, orth in enumerate(doc.to_array(ORTH).tolist()) if orth in self.bare_first_ids]
        if not at:
            return  # most texts name none of these bodies
        url, source = doc._.cq_publisher or (None, None)
        pub = publisher_of(url, self.publishers) or publisher_of(source, self.publishers)
        un_named = any(self._top_level(code) == "UN" and kind == "igo" for _e, kind, code in gaz.values())
        for i in at:
            for words, (igo, sector) in self.bare_bodies.items():
                end = i + len(words)
                if end > len(doc) or tuple(t.text for t in doc[i:end]) != words or any(taken[i:end]):
                    continue
                start, country = i, None
                j = i - 1 if i > 0 and doc[i - 1].lower_ in ("'s", "’s") else i
                owner = next(
                    (s for s, (e, k, _c) in gaz.items() if e == j and k in ("state", "demonym")), None
                )
                if owner is not None:
                    start, country = owner, self._top_level(gaz[owner][2])
                elif pub is not None and self.codebook.country(pub.country) is not None and not un_named:
                    country = pub.country
                for k in range(start, end):
                    taken[k] = True
                if country is None:  # the international body's
                    name, country, body_sector = self.codebook.display_name(igo), self._top_level(igo), None
                else:
                    name, body_sector = f"{' '.join(words)} of {self.codebook.display_name(country)}", sector
                yield ActorMention(
                    start,
                    end,
                    doc[start:end].text,
                    "organization",
                    name=name,
                    country=country,
                    sector=body_sector,
                    source="gazetteer",
                )

    def _other_state_before(self, doc: Doc, start: int, country: str) -> bool:
        """A state or demonym of another country right before a body's name."""
        before = self._state_before(doc, start)
        return before is not None and before[1] != country

    def _state_before(self, doc: Doc, start: int) -> tuple[int, str] | None:
        """A state, demonym or capital right before a body's name ("Chile's", "British"):
        (its first token, its state)."""
        j = start
        if j > 0 and doc[j - 1].lower_ in ("'s", "’s"):
            j -= 1
        k = j - 1
        while k >= 0 and k >= j - 4:
            form = doc[k:j].text
            if form in self.names:
                kind, code = self.names[form]
                return (k, self._top_level(code)) if kind in ("state", "demonym", "capital") else None
            k -= 1
        return None


def _proper_name(span: Span) -> bool:
    """Every word capitalised but small connectors and particles ("Amnesty International",
    "Association for Childhood Education", "al-Qaeda"), not a phrase of common
    words that happens to spell a name ("human rights organization")."""
    return all(
        t.text[:1].isupper() or t.lower_ in CONNECTORS or t.lower_ in NAME_PARTICLES or not t.is_alpha
        for t in span
    )


def _named_one_word(tok: Token) -> bool:
    """A one-word body name used as a name: an acronym ("FSB", "DfID" has two capitals)
    or a token the NER puts in a name."""
    capitals = sum(c.isupper() for c in tok.text)
    return capitals >= 2 or tok.ent_type_ in ("ORG", "GPE", "NORP", "FAC")
