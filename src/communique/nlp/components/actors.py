"""``communique_actors``: find the people, offices, states and international bodies a text names.

The small English models parse long titles badly ("Deputy Prime Minister - Minister of
Foreign Affairs of Kazakhstan Mukhtar Tileuberdi" comes out as one ORG), so mentions are
found by a title grammar over codebook matches rather than by NER alone:

    [demonym|state|IGO]? OFFICE ((of|for|the|and|-) (OFFICE|STATE|IGO|Capitalised))* NAME?

then a name with a title after it ("Josep Borrell, the EU's foreign policy chief"), bare
names, states and bodies, and descriptions of an office holder ("the head of EU diplomacy").
Later mentions are resolved to earlier ones in ``nlp/coref.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from communique.codebook import Codebook, default_codebook
from communique.codebook.agents import (
    load_agents,
    load_bare_bodies,
    load_curated_bodies,
    load_groups,
    load_institutions,
    load_name_heads,
    load_organisations,
    load_state_aliases,
    load_territories,
    load_transnational,
    load_transnational_codes,
)
from communique.codebook.cache import people_kb
from communique.codebook.people import PeopleKB, load_publishers, publisher_of
from communique.nlp.context import sector_of
from communique.nlp.coref import HONORIFICS, resolve_mentions
from communique.nlp.extensions import register_extensions
from communique.nlp.frames import ActorMention
from communique.nlp.people import kb_name_mentions, resolve_people
from communique.nlp.phraseindex import PhraseIndex
from communique.nlp.phrasetokens import PhraseTokens
from communique.nlp.titles import (
    CONNECTORS,
    DASHES,
    FORMER,
    INSTITUTION_WORDS,
    LEADER_BODIES,
    NAME_PARTICLES,
    PORTFOLIO_WORDS,
    clean_text,
    continues_title,
    is_name_particle,
    is_name_token,
    name_text,
    stance_prefixed,
)

ACTOR_NOUN_SECTOR_FALLBACK = {"side": "GOV", "delegation": "GOV", "authorities": "GOV"}


class ActorRecognizer:
    """Marks actor mentions on ``doc._.cq_mentions`` (see module docstring)."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        codebook: Codebook,
        people: PeopleKB | None = None,
        cache_dir: str | None = None,
    ) -> None:
        self.name = name
        phrases = PhraseTokens(nlp, cache_dir)  # token values of the codebook names (cached)
        self.codebook = codebook
        self.people = people
        known = [c.iso3 for c in codebook.countries] + [i.code for i in codebook.igos]
        self.publishers = load_publishers(known)
        self.names = codebook.actor_names()
        for form, (kind, code) in list(self.names.items()):
            # "Palestinians blamed Israel", "Americans criticized ...": a people as actor.
            plural_ok = form[-1].isalpha() and not form.endswith(("s", "sh", "ch", "ese"))
            if kind == "demonym" and plural_ok and f"{form}s" not in self.names:
                self.names[f"{form}s"] = ("people", code)
        for form, state in load_territories().items():
            # "Hong Kong police", "Somaliland said": a territory acts for its state, and
            # like a capital it is a mere place after "in", "at", "from", "to".
            if form not in self.names and codebook.country(state) is not None:
                self.names[form] = ("capital", state)
        for form, value in list(self.names.items()):
            for variant in typographic([form])[1:]:
                self.names.setdefault(variant, value)  # "People’s Republic of China"
        self.gaz_matcher = PhraseIndex(nlp.vocab, "ORTH", "communique_actors_name")
        for form in self.names:
            self.gaz_matcher.add(form, [phrases.ids(form, "ORTH")])
        self.office_by_title: dict[str, tuple[str, str]] = {}
        self.office_matcher = PhraseIndex(nlp.vocab, "LOWER", "communique_actors_office")
        for office in codebook.offices:
            key = office.title.lower()
            self.office_by_title.setdefault(key, (office.sector, office.role))
            self.office_matcher.add(key, [phrases.ids(office.title, "LOWER")])
            for alias in office.aliases:
                if _formal_title(alias):
                    # "Vice-President", "Secretary of Defense", "Home Secretary": another
                    # spelling of the title, a title of its own (not a description such as
                    # "top diplomat", which coref reads).
                    akey = _title_key(alias)
                    self.office_by_title.setdefault(akey, (office.sector, office.role))
                    self.office_matcher.add(akey, [phrases.ids(alias, "LOWER")])
                    continue
                if not _abbreviation(alias):
                    continue
                # "Lt. Gen.", "Sen.": an abbreviated title is a title too. At the start of a
                # text "Lt." splits into "Lt" "." (the tokenizer's context), so both ways.
                akey = _title_key(alias)
                self.office_by_title.setdefault(akey, (office.sector, office.role))
                words = [t.text for t in nlp.make_doc(alias)]
                split = [p for w in words for p in ((w[:-1], ".") if w[-1] == "." and len(w) > 1 else (w,))]
                self.office_matcher.add(akey, [Doc(nlp.vocab, words=words), Doc(nlp.vocab, words=split)])
        self.sector_nouns = {k.lower(): v for k, v in codebook.sector_nouns.items()}
        self.institutions = load_institutions()
        self.agents = load_agents()
        # Every noun phrase that names a kind of actor, sector nouns over PETRARCH2's agents
        # (the order _sector_of reads them in).
        self.sector_table = {**self.agents, **self.sector_nouns}
        self.name_heads = load_name_heads()
        # Regions, provinces and cities that stand for their state ("Bavaria" -> DEU); read
        # only inside a title ("Governor of Texas"), where the name cannot be a mere place.
        self.state_aliases = load_state_aliases()
        self.bare_bodies = {tuple(name.split()): value for name, value in load_bare_bodies().items()}
        self.bare_first_ids = {nlp.vocab.strings.add(words[0]) for words in self.bare_bodies}
        # Non-state groups, then state bodies, NGOs and companies (PETRARCH2's Phoenix
        # dictionaries), in one matcher built once: lower-case form -> (name, country,
        # sector, kind). A group's name wins over a body's.
        self.groups: dict[str, tuple[str, str | None, str | None, str]] = {}
        self.curated: set[str] = set()  # forms of hand-curated bodies: names, not generic words
        self.stateless: set[str] = set()  # forms of transnational.tsv (NGOs, militant groups): no home state
        self.stateless_codes = {k.lower(): v for k, v in load_transnational_codes().items()}
        self.group_matcher = PhraseIndex(nlp.vocab, "LOWER", "communique_actors_group")
        self._generic_words = {w for title in self.office_by_title for w in title.split()}
        self._generic_words |= {w for noun in self.institutions for w in noun.split()}
        self._generic_words |= {"of", "the", "and", "for", "department", "ministry", "state", "senate",
                                "congress", "parliament", "house", "assembly", "council"}  # fmt: skip
        tables = (
            (load_curated_bodies(), "curated"),
            (load_groups(), "group"),
            (load_organisations(), "organization"),
            (load_transnational(), "transnational"),  # no home state: country None
        )
        for rows, table in tables:
            for group, aliases, country, sector in rows:
                kind = "organization" if table in ("curated", "transnational") else table
                if table == "transnational" and sector != "NGO":
                    kind = "group"  # al-Qaeda, the Islamic State
                if codebook.country(country) is None and not (table == "transnational" and not country):
                    continue
                for form in typographic((group, *aliases)):
                    key = form.lower()
                    if table in ("organization", "transnational") and self._generic(key):
                        continue  # "Senate", "Defense Ministry": any state's, not one body
                    if table == "curated" and key not in self.groups:
                        self.curated.add(key)
                    if table == "transnational" and key not in self.groups:
                        self.stateless.add(key)
                    if key not in self.groups and key not in self.names:
                        self.groups[key] = (group, country or None, sector, kind)
                        self.group_matcher.add(key, [phrases.ids(form, "LOWER")])
        phrases.save()
        register_extensions()

    # -- spaCy entry point ---------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        gaz = self._gazetteer_spans(doc)
        offices = self._office_spans(doc)
        taken = [False] * len(doc)
        mentions: list[ActorMention] = []
        for start, end in offices:
            if taken[start]:
                continue
            mention = self._title_chain(doc, start, end, gaz, offices, taken)
            if mention is not None:
                mentions.append(mention)
                for i in range(mention.start, mention.end):
                    taken[i] = True
        for start, (end, _kind, _code) in gaz.items():  # "Yerevan" tagged PERSON is still a capital
            if not any(taken[start:end]):
                for i in range(start, end):
                    taken[i] = True
        mentions.extend(self._bare_body_mentions(doc, gaz, taken))
        claimed = {i for m in mentions for i in range(m.start, m.end)}  # titles, bodies: not gazetteer
        mentions.extend(self._group_mentions(doc, taken, claimed))
        mentions.extend(self._bare_names(doc, taken))
        mentions.extend(self._names_before_titles(doc, mentions, taken))
        if self.people is not None:
            mentions.extend(kb_name_mentions(doc, self.people, taken))
        for start, (end, _kind, _code) in gaz.items():
            if not any(m.start <= start < m.end for m in mentions):
                for i in range(start, end):
                    taken[i] = False
        mentions.extend(self._gazetteer_mentions(doc, gaz, taken))
        mentions.sort(key=lambda m: m.start)
        mentions = _officials_of_groups(doc, resolve_mentions(doc, mentions, self.codebook, gaz))
        doc._.cq_mentions = resolve_people(doc, mentions, self.people, self.publishers, self.codebook)
        doc._.cq_title_bodies = self._title_bodies(doc, doc._.cq_mentions, gaz)
        return doc

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

    # -- matching ------------------------------------------------------------------------
    def _gazetteer_spans(self, doc: Doc) -> dict[int, tuple[int, str, str]]:
        """Longest codebook name at each start token: start -> (end, kind, code)."""
        spans: list[Span] = []
        for match_id, start, end in self.gaz_matcher(doc):
            spans.append(Span(doc, start, end, label=match_id))
        out: dict[int, tuple[int, str, str]] = {}
        for span in _longest_first(spans):
            kind, code = self.names[span.label_]
            out[span.start] = (span.end, kind, code)
        return out

    def _office_spans(self, doc: Doc) -> list[tuple[int, int]]:
        spans = [Span(doc, s, e, label=m) for m, s, e in self.office_matcher(doc)]
        result = []
        for span in _longest_first(spans):
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

    def _top_level(self, code: str) -> str:
        """An institution's officials belong to its body: European Council -> EU."""
        igo = self.codebook.igo(code)
        while igo is not None and igo.parent and self.codebook.igo(igo.parent) is not None:
            igo = self.codebook.igo(igo.parent)
        return igo.code if igo is not None else code

    def office_info(self, doc: Doc, start: int, end: int) -> tuple[str, str]:
        key = _title_key(doc[start:end].text)
        if key not in self.office_by_title and doc[start].text in DEPUTY_WORDS and end > start + 1:
            sector, role = self.office_info(doc, start + 1, end)
            return sector, DEPUTY_ROLE.get(role, "deputy_minister" if role.endswith("minister") else role)
        return self.office_by_title.get(key, ("GOV", "official"))

    # -- title chains --------------------------------------------------------------------
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

    # -- other mentions ------------------------------------------------------------------
    def _bare_names(self, doc: Doc, taken: list[bool]) -> Iterable[ActorMention]:
        for ent in doc.ents:
            if ent.label_ != "PERSON" or any(taken[i] for i in range(ent.start, ent.end)):
                continue
            toks = [t for t in ent if not t.is_punct or t.text in DASHES]
            while toks and toks[0].lower_ in ("the", "a", *HONORIFICS):
                toks = toks[1:]  # "Ms Berg": the name is Berg (coref reads the honorific)
            if not toks or not all(is_name_token(t) or t.text in DASHES or is_name_particle(t) for t in toks):
                continue
            start, end = toks[0].i, toks[-1].i + 1
            while (
                end < len(doc)
                and is_name_particle(doc[end - 1])
                and is_name_token(doc[end])
                and not taken[end]
            ):
                end += 1  # "Ursula von der | Leyen": a name ends in no particle; the NER cut it
            if doc[end - 1].lower_ in ("'s", "’s"):
                end -= 1
            for i in range(start, end):
                taken[i] = True
            yield _leader_body(doc, start, end) or ActorMention(
                start,
                end,
                doc[start:end].text,
                "person",
                name=name_text(doc[start:end]),
                source="name",
            )

    def _group_mentions(self, doc: Doc, taken: list[bool], claimed: set[int]) -> Iterable[ActorMention]:
        """Non-state groups and bodies by name ("Boko Haram", "the Taliban", "the FSB",
        "the Knesset"): their country and sector. A one-word name must be capitalised and
        either an acronym or read as a name by the NER ("Target", "Apple" are words too).
        ``claimed``: tokens of the mentions found so far (a state before the name of an
        actor with no home state makes it that state's: "the British Red Cross", "Iraq's
        al-Qaeda", unless a title holds the state)."""
        spans = [Span(doc, s, e, label=m) for m, s, e in self.group_matcher(doc)]
        for span in _longest_first(spans):
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

    def _generic(self, key: str) -> bool:
        """A body's alias made only of words any state's bodies and offices use ("Senate",
        "Defense Department", "Secretary of State"): not one state's body by itself."""
        return all(w in self._generic_words for w in key.split())

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

    def _names_before_titles(
        self, doc: Doc, mentions: list[ActorMention], taken: list[bool]
    ) -> Iterable[ActorMention]:
        """ "Mukhtar Tileuberdi, Kazakhstan's foreign minister": a run of two or more name
        words set off by a comma before a title is that person's name, even when the NER
        read it as an organisation."""
        for m in list(mentions):
            if m.source != "title" or m.name is not None:
                continue
            comma = m.start - 1
            if comma > 0 and doc[comma].lower_ in ("the", "a"):
                comma -= 1
            if comma < 2 or doc[comma].text != ",":
                continue
            j = comma
            while j > 0 and not taken[j - 1] and (is_name_token(doc[j - 1]) or is_name_particle(doc[j - 1])):
                if doc[j - 1].ent_type_ not in ("PERSON", "ORG", "") or doc[j - 1].is_sent_start:
                    if doc[j - 1].is_sent_start and doc[j - 1].ent_type_ in ("PERSON", "ORG", ""):
                        j -= 1
                    break
                j -= 1
            words = [t for t in doc[j:comma] if not t.is_punct]
            if len(words) < 2 or not is_name_token(doc[j]):
                continue
            for i in range(j, comma):
                taken[i] = True
            span = doc[j:comma]
            yield ActorMention(j, comma, span.text, "person", name=name_text(span), source="name")

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
            head_noun = _governed_noun(doc, start, end)
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


def _officials_of_groups(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """A title with no state whose holder the text places in a body or group named right
    after it ("the leader of Hezbollah", "a spokesman for the Taliban", "the commander of
    the Korean People's Army") or right before it ("Hezbollah leader"): an official of that
    body, of its state and sector. The title then names no state office, so the knowledge
    base is not asked who holds it (Lebanon's president is not Hezbollah's leader)."""
    bodies = {m.start: m for m in mentions if m.source == "group" and m.country}
    ends = {m.end: m for m in bodies.values()}
    out = []
    for m in mentions:
        bare = m.source in ("title", "description") and m.country is None and m.name is None
        if bare and not _appositive(doc, m):
            j = m.end + (m.end < len(doc) and doc[m.end].lower_ in ("of", "for"))
            j += j > m.end and j < len(doc) and doc[j].lower_ == "the"
            body = bodies.get(j) if j > m.end else ends.get(m.start)
            if body is not None:
                m = replace(
                    m,
                    country=body.country,
                    sector=body.sector or m.sector,
                    roles=frozenset(),
                    how=f"an official of {body.name} ({body.country})",
                )
        out.append(m)
    return out


def _appositive(doc: Doc, m: ActorMention) -> bool:
    """A mention set beside a name ("Jeff Rathke, the State Department spokesperson"): the
    named person's description, which the roles read with the name."""
    return any(t.dep_ == "appos" and not (m.start <= t.head.i < m.end) for t in doc[m.start : m.end])


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


#: Participles after a hyphen that make the state before them the one that commands the
#: group they modify ("Saudi-led forces", "US-led coalition"); "-backed" does not (an
#: Iranian-backed militia is not Iran's).
LEADING = frozenset({"led"})

#: Words that make a title a deputy's ("Deputy Secretary of Defense", "Vice Governor"),
#: and the deputy's role for the role of the title they qualify.
DEPUTY_WORDS = frozenset({"Deputy", "Vice", "Assistant", "Under"})
DEPUTY_ROLE = {
    "head_of_state": "deputy_head_of_state",
    "head_of_government": "deputy_head_of_government",
    "foreign_minister": "deputy_foreign_minister",
    "head_of_igo": "deputy_head_of_igo",
}

#: The offices one person does not hold together: a head of state and a head of
#: government named in one "and" are two people.
HEAD_ROLES = frozenset({"head_of_state", "head_of_government"})


def _heads_office(recognizer: ActorRecognizer, doc: Doc, i: int, office_at: dict[int, int]) -> bool:
    """Whether an office at token ``i`` is a head of state's or government's."""
    return i in office_at and recognizer.office_info(doc, i, office_at[i])[1] in HEAD_ROLES


def _formal_title(alias: str) -> bool:
    """An office alias that spells the title itself: every word capitalised but small
    connectors, and not an abbreviation ("Secretary of Defense", "Vice-President",
    "Chairwoman"; not "top diplomat", "PM")."""
    words = alias.replace("-", " ").split()
    return (
        not _abbreviation(alias)
        and any(w[:1].isupper() for w in words)
        and all(w[:1].isupper() or w in ("of", "the", "for", "in", "and") for w in words)
        and not alias.isupper()
    )


def _abbreviation(alias: str) -> bool:
    """An office alias that abbreviates the title ("Lt. Gen.", "Sen.", "Maj Gen")."""
    words = alias.split()
    return 0 < len(words) <= 3 and all(w[:1].isupper() and (w.endswith(".") or len(w) <= 4) for w in words)


def _title_key(text: str) -> str:
    """A title's lookup key: lower case, no space before a period ("Lt . Gen." -> "lt. gen.")."""
    return " ".join(text.lower().replace(" .", ".").split())


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


def _governed_noun(doc: Doc, start: int, end: int) -> Token | None:
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


def _leader_body(doc: Doc, start: int, end: int) -> ActorMention | None:
    """ "the Bush administration", "the Netanyahu government": the leader's government,
    read as the holder of the office the noun implies (LEADER_BODIES), so that the people
    knowledge base gives the state; None when the name governs no such noun."""
    noun = _governed_noun(doc, start, end)
    if noun is None or noun.lower_ not in LEADER_BODIES or noun.i != end:
        return None
    return ActorMention(
        start,
        noun.i + 1,
        doc[start : noun.i + 1].text,
        "person",
        name=name_text(doc[start:end]),
        office=noun.text,
        roles=frozenset({LEADER_BODIES[noun.lower_]}),
        sector="GOV",
        source="name",
    )


def _longest_first(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans, preferring the longest (spaCy's filter_spans)."""
    from spacy.util import filter_spans

    return filter_spans(spans)


@Language.factory(
    "communique_actors",
    default_config={"people": True, "actors_file": None, "cache_dir": None},
    requires=["token.pos", "token.dep", "doc.ents"],
    assigns=["doc._.cq_mentions"],
)
def make_actor_recognizer(
    nlp: Language, name: str, people: bool, actors_file: str | None, cache_dir: str | None = None
) -> ActorRecognizer:
    """``people``: resolve persons against the dated people knowledge base (loaded once);
    ``actors_file``: a user's CSV/TSV/YAML people, which take precedence; ``cache_dir``:
    where the built knowledge base is cached between processes (codebook/cache.py)."""
    kb = people_kb(cache_dir, actors_file) if people else None
    return ActorRecognizer(nlp, name, codebook=default_codebook(), people=kb, cache_dir=cache_dir)


def typographic(forms: Iterable[str]) -> list[str]:
    """The forms, then each form with an apostrophe spelled as publishers print it
    ("People’s Republic of China", "Côte d’Ivoire"): a name matcher matches exact tokens."""
    forms = list(forms)
    return forms + [f.replace("'", "\u2019") for f in forms if "'" in f]
