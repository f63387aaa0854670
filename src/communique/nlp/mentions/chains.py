"""Titles and the chain around them: [demonym|state|IGO]? OFFICE ((of|for|the|and|-)
(OFFICE|STATE|IGO|Capitalised))* NAME? ("Deputy Prime Minister - Minister of Foreign
Affairs of Kazakhstan Mukhtar Tileuberdi", "Chancellor Olaf Scholz of Germany").

The small English models parse long titles badly, so a title's holder, office, state and
sector are read from this grammar over codebook matches rather than from NER alone.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from communique.nlp.frames import ActorMention
from communique.nlp.mentions.tables import DEPUTY_WORDS, ActorTables, longest_first
from communique.nlp.titles import (
    CONNECTORS,
    DASHES,
    FORMER,
    INSTITUTION_WORDS,
    NAME_PARTICLES,
    PORTFOLIO_WORDS,
    clean_text,
    continues_title,
    is_name_particle,
    is_name_token,
    name_text,
)

#: The offices one person does not hold together: a head of state and a head of
#: government named in one "and" are two people.
HEAD_ROLES = frozenset({"head_of_state", "head_of_government"})


class TitleChains(ActorTables):
    """Mentions of office holders by their titles (module docstring)."""

    def _office_spans(self, doc: Doc) -> list[tuple[int, int]]:
        spans = [Span(doc, s, e, label=m) for m, s, e in self.office_matcher(doc)]
        result = []
        for span in longest_first(spans):
            # "minister" in lower case mid-sentence is a title too ("the foreign minister");
            # but a title word used as a verb or inside a name of an office ("Presidential") is not.
            if span[-1].pos_ in ("VERB", "AUX"):
                continue
            if len(span) == 1 and span[0].is_lower and span[0].pos_ not in ("NOUN", "PROPN"):
                continue  # "in general", "a leading role": not a title
            start = span.start
            if start > 0 and doc[start - 1].text in DEPUTY_WORDS:
                start -= 1  # "Deputy Secretary of Defense": the deputy's title, not the secretary's
            result.append((start, span.end))
        return sorted(result)

    def _title_chain(
        self,
        doc: Doc,
        start: int,
        end: int,
        gaz: dict[int, tuple[int, str, str]],
        offices: list[tuple[int, int]],
        taken: list[bool],
    ) -> ActorMention | None:
        office_at = dict(offices)
        sectors: list[str] = []
        roles: set[str] = set()
        countries: list[str] = []
        former = False
        # A country or body before the title: "Kazakh President", "EU's High Representative".
        chain_start = start
        prefix = self._prefix_actor(doc, start, gaz)
        if prefix is not None:
            chain_start, code = prefix
            countries.append(self._top_level(code))
        if chain_start > 0 and doc[chain_start - 1].lower_ in FORMER:
            chain_start -= 1
            former = True
        i = start
        last_solid = end  # end of the last office/state/body token in the chain
        while i < len(doc):
            if i in office_at and not taken[i]:
                sector, role = self.office_info(doc, i, office_at[i])
                sectors.append(sector)
                roles.add(role)
                i = last_solid = office_at[i]
                continue
            if i in gaz:
                g_end, kind, code = gaz[i]
                if kind in ("state", "igo", "capital", "demonym"):
                    countries.append(self._top_level(code))
                i = last_solid = g_end
                continue
            tok = doc[i]
            if _joins_title(doc, i, office_at):
                i += 1  # "Vice-President", "- Minister", "Acting President": a title continues
                continue
            if (
                tok.text == ","
                and i + 1 < len(doc)
                and doc[i + 1].lower_ in PORTFOLIO_WORDS
                and doc[i + 1].is_title
            ):
                i += 1  # "Minister of Foreign Affairs, Cooperation and Regional Integration"
                continue
            if tok.lower_ == "and" and roles & HEAD_ROLES and _heads_office(self, doc, i + 1, office_at):
                break  # "the Prime Minister and President Hollande": two heads, two people
            if (
                tok.lower_ in CONNECTORS
                and i + 1 < len(doc)
                and continues_title(doc[i + 1])
                and not (tok.lower_ == "in" and i + 1 in gaz and gaz[i + 1][1] in ("capital", "state"))
            ):
                i += 1
                continue
            if (tok.lower_ in PORTFOLIO_WORDS or tok.lower_ in INSTITUTION_WORDS) and (
                tok.is_title or tok.is_upper
            ):
                i = last_solid = i + 1
                continue
            region = self._region_in_title(doc, i)
            if region is not None:
                i = last_solid = region[0]  # "Minister-President of Bavaria", "Mayor of Lyon"
                if not (i < len(doc) and doc[i].lower_ == "of"):  # "the Free State of Thuringia"
                    countries.append(region[1])
                continue
            break
        name_start, name_end = self._name_after(doc, last_solid, gaz, office_at)
        if name_end > name_start:
            chain_end = name_end
            name = name_text(doc[name_start:name_end])
            after = self._of_actor_after(doc, name_end, gaz)
            if after is not None and not countries:
                chain_end, code = after  # "Chancellor Olaf Scholz of Germany"
                countries.append(self._top_level(code))
        else:
            chain_end, name = last_solid, None
            # A name before the title, then a title in apposition: handled by _bare_names.
        office_text = clean_text(doc[start:last_solid].text) if last_solid > start else None
        if office_text and office_text.lower() in ("the", ""):
            return None
        sector = "ELI" if former else (sectors[0] if sectors else "GOV")
        country = countries[0] if countries else self._union_of(doc, start, last_solid, gaz)
        return ActorMention(
            start=chain_start,
            end=chain_end,
            entity_text=doc[chain_start:chain_end].text,
            kind="person",
            name=name,
            office=office_text,
            roles=frozenset(roles),
            country=country,
            sector=sector,
            source="title",
        )

    def _region_in_title(self, doc: Doc, i: int) -> tuple[int, str] | None:
        """A region, province or city named right after a title's "of"/"for"/"the"
        ("Governor of Texas", "Minister-President of the Federal Land of Bavaria"): (end,
        its state). The longest capitalised run of up to four tokens that state_aliases.tsv
        knows; a title's complement is the office's seat, so the place stands for its state."""
        if i == 0 or doc[i - 1].lower_ not in ("of", "for", "the") or not doc[i].text[:1].isupper():
            return None
        for end in range(min(len(doc), i + 4), i, -1):
            if not doc[end - 1].text[:1].isupper():
                continue
            country = self.state_aliases.get(doc[i:end].text)
            if country is not None and self.codebook.country(country) is not None:
                return end, country
        return None

    def _of_actor_after(
        self, doc: Doc, i: int, gaz: dict[int, tuple[int, str, str]]
    ) -> tuple[int, str] | None:
        """ "of Germany", "of the United Kingdom" right after a titled name: (end, code)."""
        if i >= len(doc) or doc[i].lower_ != "of":
            return None
        j = i + 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        if j in gaz and gaz[j][1] in ("state", "igo"):
            return gaz[j][0], gaz[j][2]
        return None

    def _prefix_actor(
        self, doc: Doc, start: int, gaz: dict[int, tuple[int, str, str]]
    ) -> tuple[int, str] | None:
        """A state, body or demonym right before a title (optionally with 's)."""
        j = start
        if j > 0 and doc[j - 1].lower_ in ("'s", "’s"):
            j -= 1
        for s, (e, kind, code) in gaz.items():
            if e == j and kind in ("state", "igo", "demonym", "capital"):
                return s, code
        return None

    def _name_after(
        self, doc: Doc, i: int, gaz: dict[int, tuple[int, str, str]], office_at: dict[int, int]
    ) -> tuple[int, int]:
        """The person's name right after a title: up to four capitalised tokens."""
        j = i
        words = 0
        while j < len(doc) and words < 4:
            tok = doc[j]
            if j in gaz or j in office_at:
                break
            if tok.text in DASHES and j > i and not doc[j - 1].whitespace_ and not tok.whitespace_:
                j += 1  # a hyphen inside a name: Kassym-Jomart
                continue
            if not is_name_token(tok) and not is_name_particle(tok):
                break  # a particle may open it: "President von der Leyen", "President al-Sisi"
            j += 1
            words += tok.lower_ not in NAME_PARTICLES
        while j > i and doc[j - 1].text in DASHES:
            j -= 1
        return i, j

    def _union_of(self, doc: Doc, start: int, end: int, gaz: dict[int, tuple[int, str, str]]) -> str | None:
        """ "High Representative of the Union for Foreign Affairs": a title's "the Union"
        is the one union the article names (the European Union, the African Union)."""
        words = [t.lower_ for t in doc[start:end]]
        if not any(words[i : i + 2] == ["the", "union"] for i in range(len(words) - 1)):
            return None
        unions = {
            self._top_level(code)
            for _e, kind, code in gaz.values()
            if kind == "igo"
            and (self.codebook.igo(code) is not None)
            and self.codebook.igo(self._top_level(code)).name.endswith("Union")
        }
        return unions.pop() if len(unions) == 1 else None


def _joins_title(doc: Doc, i: int, office_at: dict[int, int]) -> bool:
    """A word or dash that joins the next office to the chain ("Vice-President",
    "Minister - Minister of ..."), but never a person's name ("President Biden and
    President Moon" is two titles)."""
    tok = doc[i]
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is None:
        return False
    if tok.text in DASHES:
        return i + 1 in office_at
    if not tok.is_title or tok.ent_type_ == "PERSON":
        return False
    return i + 1 in office_at or (nxt.text in DASHES and i + 2 in office_at)


def _heads_office(recognizer: ActorTables, doc: Doc, i: int, office_at: dict[int, int]) -> bool:
    """Whether an office at token ``i`` is a head of state's or government's."""
    return i in office_at and recognizer.office_info(doc, i, office_at[i])[1] in HEAD_ROLES
