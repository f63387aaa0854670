"""The codebook's names of states, offices and bodies, built once per pipeline into the
matchers that find them, and what a matched title or code stands for.

A name matcher matches exact tokens, so every form is added as publishers print it
(curly apostrophes), an office's formal and abbreviated aliases are titles of their own,
and a body's alias made only of words any state's bodies use ("Senate", "Defense
Ministry") is left out: it names no one body by itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from communique.codebook import Codebook
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
from communique.codebook.people import load_publishers
from communique.nlp.phraseindex import PhraseIndex
from communique.nlp.phrasetokens import PhraseTokens

#: Words that make a title a deputy's ("Deputy Secretary of Defense", "Vice Governor"),
#: and the deputy's role for the role of the title they qualify.
DEPUTY_WORDS = frozenset({"Deputy", "Vice", "Assistant", "Under"})
DEPUTY_ROLE = {
    "head_of_state": "deputy_head_of_state",
    "head_of_government": "deputy_head_of_government",
    "foreign_minister": "deputy_foreign_minister",
    "head_of_igo": "deputy_head_of_igo",
}


class ActorTables:
    """The matchers and tables of the actor rules (module docstring)."""

    def __init__(self, nlp: Language, codebook: Codebook, cache_dir: str | None = None) -> None:
        phrases = PhraseTokens(nlp, cache_dir)  # token values of the codebook names (cached)
        self.codebook = codebook
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

    def _generic(self, key: str) -> bool:
        """A body's alias made only of words any state's bodies and offices use ("Senate",
        "Defense Department", "Secretary of State"): not one state's body by itself."""
        return all(w in self._generic_words for w in key.split())


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


def longest_first(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans, preferring the longest (spaCy's filter_spans)."""
    from spacy.util import filter_spans

    return filter_spans(spans)


def typographic(forms: Iterable[str]) -> list[str]:
    """The forms, then each form with an apostrophe spelled as publishers print it
    ("People’s Republic of China", "Côte d’Ivoire"): a name matcher matches exact tokens."""
    forms = list(forms)
    return forms + [f.replace("'", "\u2019") for f in forms if "'" in f]
