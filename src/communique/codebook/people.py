"""Who held which office, when: the dated people knowledge base and the publisher table.

``people.tsv.gz`` (built by ``scripts/build_people.py`` from ``shared/kb/actors``) holds
one row per person-office spell. :class:`PeopleKB` indexes it once per process for the
two lookups the actor recogniser needs:

- a name or alias (normalised: accents folded, case and punctuation ignored) -> the
  people it may name, resolved by the article's date (:meth:`PeopleKB.resolve`): an office
  held at the date gives its country and sector; a former office-holder is ``ELI`` with the
  country of their last spell; a person with no dated row keeps the country of their row;
- a state (or body) and a role -> who held it at the date (:meth:`PeopleKB.holder`), so
  that "the President" in a White House readout is the president of that day.

``publishers.tsv`` maps a publisher's web domain (or name) to its state or body and to the
office its readouts speak for ("the Minister" on a foreign ministry's site).
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from communique.codebook._tsv import data_dir, fail, read_tsv, split_list
from communique.errors import CodebookError

PEOPLE_FILE = "people.tsv.gz"
PEOPLE_COLUMNS = (
    "key",
    "name",
    "aliases",
    "family",
    "country",
    "office",
    "sector",
    "start",
    "end",
    "source",
    "fallback",
)
PUBLISHERS_FILE = "publishers.tsv"
PUBLISHER_COLUMNS = ("domain", "country", "office", "names")

#: Which office wins when a person holds several at once (lower is stronger).
OFFICE_RANK = {
    "head_of_state": 0,
    "head_of_government": 1,
    "head_of_igo": 2,
    "deputy_head_of_state": 3,
    "deputy_head_of_government": 4,
    "foreign_minister": 5,
    "defence_minister": 6,
    "finance_minister": 7,
    "interior_minister": 8,
    "minister": 9,
    "crown_prince": 10,
    "deputy_head_of_igo": 11,
    "chair": 12,
    "igo_official": 13,
    "deputy_minister": 14,
    "head_of_state_representative": 15,
    "judge": 16,
    "legislator": 17,
    "adviser": 18,
    "spokesperson": 19,
    "diplomat": 20,
}
#: PETRARCH2's dictionaries stop here: an open Phoenix spell says "in office as of then".
PHOENIX_AS_OF = dt.date(2014, 1, 30)
PHOENIX = "petrarch2_phoenix"
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_PUNCT = str.maketrans({c: " " for c in "-‐‑–—.,'’`\"()"})


def normalise(text: str) -> str:
    """The matching key of a name: accents folded, lower case, punctuation as spaces.

    "Joseph R. Biden, Jr." -> "joseph r biden jr"; "Bashar al-Assad" -> "bashar al assad".
    """
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.translate(_PUNCT).lower().split())


_VOWELS = str.maketrans("", "", "aeiouy")


def loose_key(key: str) -> str:
    """A normalised name's spelling-tolerant key: transliterations of one name agree
    ("aleksandr lukashenko" / "alexander lukashenko", "mohammed" / "mohamed", "bouteflika" /
    "bouteflicka", "mustapha" / "mustafa"): x as ks, ck as k, ph as f, vowels after a word's
    first letter dropped, doubled letters single."""
    out = []
    for word in key.replace("x", "ks").replace("kh", "h").replace("ck", "k").replace("ph", "f").split():
        skeleton = word[:1] + word[1:].translate(_VOWELS)
        out.append("".join(c for i, c in enumerate(skeleton) if i == 0 or c != skeleton[i - 1]))
    return " ".join(out)


def surname_key(name: str) -> str:
    """The normalised last name-word, suffixes skipped ("Joseph R. Biden Jr." -> "biden")."""
    words = [w for w in normalise(name).split() if w not in NAME_SUFFIXES]
    return words[-1] if words else ""


def _date(value: str, line: int) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(PEOPLE_FILE, line, f"bad date {value!r}") from None


def _reduce_by_fields(obj: Any) -> tuple[type, tuple[Any, ...]]:
    """Pickle a slotted dataclass as a call with its fields in order. The people cache
    (codebook/cache.py) reads ~70,000 people and spells at every start; dataclasses' own
    slots pickling asks ``fields()`` of each object and took twice as long (issue 9)."""
    return type(obj), tuple(getattr(obj, name) for name in obj.__slots__)


@dataclass(frozen=True, slots=True)
class Spell:
    """One office (or sector) a person held, with its dates (``end`` exclusive)."""

    country: str
    office: str | None
    sector: str | None
    start: dt.date | None
    end: dt.date | None
    source: str
    fallback: bool = False

    @property
    def dated(self) -> bool:
        return not self.fallback and (self.start is not None or self.end is not None)

    def active(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)

    @property
    def stale_after(self) -> dt.date | None:
        """An open Phoenix spell is known only up to the dictionaries' date."""
        return PHOENIX_AS_OF if self.source == PHOENIX and self.end is None else None

    def describe(self) -> str:
        span = f"{self.start or '?'}..{self.end or 'open'}" if self.dated else "undated"
        return f"{self.country} {self.office or self.sector or '-'} {span} ({self.source})"

    __reduce__ = _reduce_by_fields


@dataclass(frozen=True, slots=True)
class Person:
    key: str
    name: str
    aliases: tuple[str, ...]
    family: str | None
    spells: tuple[Spell, ...]

    __reduce__ = _reduce_by_fields


@dataclass(frozen=True, slots=True)
class Resolution:
    """What the knowledge base says of a name at a date.

    ``status``: ``active`` (in office), ``former`` (after their last spell: ELI), ``before``
    (before their first: ELI), ``undated`` (no dated row), ``ambiguous`` (several people
    and nothing to choose: no country).
    """

    person: Person | None
    country: str | None
    office: str | None
    sector: str | None
    status: str
    spell: Spell | None = None
    candidates: tuple[str, ...] = ()
    #: How much to trust it: 0 in office per a source of the date, 1 a former holder per a
    #: source newer than PETRARCH2, 2 an open PETRARCH2 spell read past 2014, 3 the rest.
    tier: int = 3

    @property
    def how(self) -> str:
        if self.status == "ambiguous":
            return "knowledge base: ambiguous between " + "; ".join(self.candidates)
        if self.person is None:
            return f"knowledge base: {len(self.candidates)} people, all {self.country}: " + "; ".join(
                self.candidates
            )
        assert self.person is not None
        row = self.spell.describe() if self.spell else "-"
        return f"knowledge base ({self.status}): {self.person.name}, {row}"


def _state_at(person: Person, on: dt.date | None) -> Resolution:
    dated = [s for s in person.spells if s.dated]
    if not dated:
        row = next((s for s in person.spells if s.fallback), person.spells[-1])
        return Resolution(person, row.country, row.office, row.sector, "undated", row, tier=3)
    if on is None:
        on = dt.date.today()  # no article date: as of today
    active = [s for s in dated if s.active(on) and not _closed_elsewhere(s, dated)]
    # One office in two states at once: the Factbook lists a metropolitan head of state
    # for each dependency (a US president for Palau and the Virgin Islands, the British
    # monarch for the realms). The state the person holds most offices in is their own.
    home = Counter(s.country for s in person.spells)
    fresh = [s for s in active if s.stale_after is None or on <= s.stale_after]
    if fresh:
        best = min(
            fresh,
            key=lambda s: (
                OFFICE_RANK.get(s.office or "", 30),
                s.sector == "ELI",
                -home[s.country],
                s.source,
            ),
        )
        return Resolution(person, best.country, best.office, best.sector, "active", best, tier=0)
    past = [s for s in dated if s.end is not None and s.end <= on]
    last = max(past, key=lambda s: s.end or dt.date.min) if past else None
    if last is not None and last.end is not None and last.end > PHOENIX_AS_OF:
        return Resolution(person, last.country, None, "ELI", "former", last, tier=1)
    if active:
        best = min(
            active, key=lambda s: (OFFICE_RANK.get(s.office or "", 30), s.sector == "ELI", -home[s.country])
        )
        return Resolution(person, best.country, best.office, best.sector, "active", best, tier=2)
    if last is not None:
        return Resolution(person, last.country, None, "ELI", "former", last, tier=3)
    first = min(dated, key=lambda s: s.start or dt.date.max)
    return Resolution(person, first.country, None, "ELI", "before", first, tier=3)


def _titled_state(person: Person, roles: frozenset[str], on: dt.date | None) -> Resolution | None:
    """The person as the holder of one of ``roles`` (None if they never held one): the
    spell in office at the date, else one in the state they hold most offices in (the
    Factbook also lists a US president as head of state of Palau), the nearest in time."""
    spells = [s for s in person.spells if s.office in roles]
    if not spells:
        return None
    when = on or dt.date.today()
    home = Counter(s.country for s in person.spells)
    spell = min(
        spells,
        key=lambda s: (not s.active(when), -home[s.country], abs(((s.start or when) - when).days)),
    )
    if spell.active(when):
        return Resolution(person, spell.country, spell.office, spell.sector, "titled", spell, tier=3)
    return Resolution(person, spell.country, None, "ELI", "former", spell, tier=3)  # out of office: elite


def _closed_elsewhere(spell: Spell, spells: list[Spell]) -> bool:
    """An open PETRARCH2 spell that another source shows ended: the same state's office
    starting within a year of it, with an end ("Laurent Gbagbo, CIV GOV 2000-10-26..open"
    is the Factbook's head of state 2000-10-26..2010-07-01). PETRARCH2 left it open, not
    the office-holder in it."""
    if spell.stale_after is None or spell.start is None:
        return False
    return any(
        other.source != spell.source
        and other.country == spell.country
        and other.end is not None
        and other.start is not None
        and abs((other.start - spell.start).days) <= 366
        for other in spells
    )


@dataclass
class PeopleKB:
    """The people table, indexed by name key, surname and (country, office)."""

    people: dict[str, Person]
    by_form: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_surname: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_office: dict[tuple[str, str], tuple[tuple[Spell, str], ...]] = field(default_factory=dict)
    #: First words of the multi-word names: where a name may start.
    first_words: frozenset[str] = frozenset()
    #: Spelling-tolerant keys of the multi-word names (:func:`loose_key`).
    by_loose: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        forms: dict[str, list[str]] = {}
        surnames: dict[str, list[str]] = {}
        offices: dict[tuple[str, str], list[tuple[Spell, str]]] = {}
        for person in self.people.values():
            for form in (person.name, *person.aliases):
                key = normalise(form)
                target = forms if " " in key else surnames
                entry = target.setdefault(key, [])
                if person.key not in entry:
                    entry.append(person.key)
            words = [w for w in person.name.split() if normalise(w) not in NAME_SUFFIXES]
            last = normalise(words[-1]) if len(words) > 1 else ""
            for sur in {normalise(person.family or ""), last}:
                if sur and " " not in sur:
                    entry = surnames.setdefault(sur, [])
                    if person.key not in entry:
                        entry.append(person.key)
            for spell in person.spells:
                if spell.office and spell.dated:
                    offices.setdefault((spell.country, spell.office), []).append((spell, person.key))
        given = frozenset(k.split()[0] for k in forms)
        for form, key in _paternal_forms(self.people.values(), given):
            forms.setdefault(form, [key])  # a derived form never hides a real one
        self.by_form = {k: tuple(v) for k, v in forms.items()}
        self.by_surname = {k: tuple(v) for k, v in surnames.items()}
        self.by_office = {k: tuple(v) for k, v in offices.items()}
        self.first_words = frozenset(k.split()[0] for k in self.by_form)
        self.by_loose = _loose_index(self.by_form)

    def extended(self, persons: Iterable[Person], *, override: bool = False) -> PeopleKB:
        """A new knowledge base with ``persons`` added; with ``override`` (a user's file)
        their names and surnames denote only them. This one is left as it was."""
        persons = list(persons)
        new = PeopleKB.__new__(PeopleKB)
        new.people = {**self.people, **{p.key: p for p in persons}}
        new.by_form, new.by_surname = dict(self.by_form), dict(self.by_surname)
        new.by_office = dict(self.by_office)
        own = PeopleKB({p.key: p for p in persons})
        new.first_words = self.first_words | own.first_words
        for mine, theirs in ((new.by_form, own.by_form), (new.by_surname, own.by_surname)):
            for key, keys in theirs.items():
                mine[key] = keys if override else (*mine.get(key, ()), *keys)
        for key, spells in own.by_office.items():
            new.by_office[key] = (*new.by_office.get(key, ()), *spells)
        new.by_loose = _loose_index(new.by_form)
        return new

    def copy(self) -> PeopleKB:
        """A copy whose tables :meth:`add` can grow without changing this one: what
        ``extended([])`` gives, without recomputing the spelling-tolerant keys of ~36,000
        names (0.6 CPU s; issue 9)."""
        new = PeopleKB.__new__(PeopleKB)
        new.people = dict(self.people)
        new.by_form, new.by_surname = dict(self.by_form), dict(self.by_surname)
        new.by_office, new.by_loose = dict(self.by_office), dict(self.by_loose)
        new.first_words = self.first_words
        return new

    def add(self, persons: Iterable[Person]) -> None:
        """Add ``persons`` in place (their names join, never replace, the others'): for a
        knowledge base a pipeline owns, e.g. people learned during a run."""
        own = PeopleKB({p.key: p for p in persons})
        self.people.update(own.people)
        for mine, theirs in ((self.by_form, own.by_form), (self.by_surname, own.by_surname)):
            for key, keys in theirs.items():
                mine[key] = tuple(dict.fromkeys((*mine.get(key, ()), *keys)))
        for key, spells in own.by_office.items():
            self.by_office[key] = (*self.by_office.get(key, ()), *spells)
        self.first_words = self.first_words | own.first_words
        for key, keys in own.by_loose.items():
            self.by_loose[key] = tuple(dict.fromkeys((*self.by_loose.get(key, ()), *keys)))

    def has_form(self, text: str) -> bool:
        return normalise(text) in self.by_form

    def resolve(
        self, text: str, on: dt.date | None, *, surname_ok: bool = False, roles: frozenset[str] = frozenset()
    ) -> Resolution | None:
        """The person ``text`` names at date ``on`` (None: unknown to the knowledge base).

        A full name or alias may name several people: those in office at the date win; if
        they disagree on the country, the result is ``ambiguous``. A single word is looked
        up only with ``surname_ok`` (the text called it a person) and only among people in
        office at the date. ``roles``: the offices the text's title names; a spell of the
        person in one of them decides the country ("High Representative ... Kaja Kallas" is
        the EU's, not Estonia's).
        """
        key = normalise(text)
        keys = next((self.by_form[k] for k in _variants(key) if k in self.by_form), None)
        keys = self._with_spellings(key, keys)
        words = key.split()
        if keys is None and len(words) == 2 and words[0] in HONORIFICS:
            key, surname_ok = words[1], True  # "Mr Sullivan": an honorific says it is a person
        if keys is None:
            if not surname_ok or " " in key:
                return None
            res = self._by_surname(key, on, roles)
        else:
            states = [_state_at(self.people[k], on) for k in keys]
            best = min(s.tier for s in states)
            res = _agree([s for s in states if s.tier == best])
        if res is None or not roles or res.office in roles:
            return res
        people = [res.person] if res.person is not None else [self.people[k] for k in keys or ()]
        titled = [(s, p) for p in people for s in p.spells if s.office in roles]
        if not titled:
            return res
        when = on or dt.date.today()
        spell, person = min(
            titled, key=lambda sp: (not sp[0].active(when), abs(((sp[0].start or when) - when).days))
        )
        return Resolution(person, spell.country, spell.office, spell.sector, "titled", spell, tier=res.tier)

    def _with_spellings(self, key: str, keys: tuple[str, ...] | None) -> tuple[str, ...] | None:
        """The people a full name names, with those whose name is another spelling of it
        ("Aleksandr" / "Alexander Lukashenko"): all of them when the exact spelling is
        unknown, else only those of a country the exact ones have (one person, split by
        sources' spellings, is joined; a namesake elsewhere is not let in)."""
        if " " not in key:
            return keys
        loose = self.by_loose.get(loose_key(key), ())
        if keys is None:
            return loose or None
        countries = {s.country for k in keys for s in self.people[k].spells}
        extra = [
            k for k in loose if k not in keys and any(s.country in countries for s in self.people[k].spells)
        ]
        return (*keys, *extra) if extra else keys

    def _by_surname(self, key: str, on: dt.date | None, roles: frozenset[str]) -> Resolution | None:
        keys = self.by_surname.get(key, ())
        states = [_state_at(self.people[k], on) for k in keys]
        active = [s for s in states if s.status == "active" and s.tier == 0]
        titled = [s for s in active if s.office in roles]  # "President Obama": the president
        if roles and not titled:
            # "President Obama" in 2023, "President Bush" in 2000 (when two namesakes held
            # other posts): the people of that surname who ever held the office.
            held = [r for r in (_titled_state(self.people[k], roles, on) for k in keys) if r is not None]
            if held or not active:
                return _agree(held) if held else None
        if not active:
            # "Trump" in 2023: a recent former head of state or government of that
            # surname, when only one person (or one country's people) fits.
            heads = [
                s
                for s in states
                if s.status == "former"
                and s.tier == 1
                and s.person is not None
                and any(OFFICE_RANK.get(sp.office or "", 30) <= 1 for sp in s.person.spells)
            ]
            return _agree(heads) if heads else None
        ranked = [s for s in active if (s.office or "") in OFFICE_RANK and OFFICE_RANK[s.office or ""] <= 8]
        return _agree(titled or ranked or active)

    def holder(self, country: str, office: str, on: dt.date | None) -> Person | None:
        """Who held ``office`` for ``country`` at the date (the latest to take it, if several)."""
        spells = self.by_office.get((country, office), ())
        if on is None:
            on = dt.date.today()
        live = [(s, k) for s, k in spells if s.active(on)]
        if not live:
            return None
        latest = max(s.start or dt.date.min for s, _k in live)
        names = {surname_key(self.people[k].name) for s, k in live if (s.start or dt.date.min) == latest}
        if len(names) > 1:
            return None  # two holders of one office at once (the EU's presidents): no guess
        return self.people[next(k for s, k in live if (s.start or dt.date.min) == latest)]

    def spells(
        self, *, country: str | None = None, office: str | None = None, on: dt.date | None = None
    ) -> Iterator[tuple[Person, Spell]]:
        """Every (person, spell), filtered by country, office and a date the spell covers;
        in name order."""
        for person in sorted(self.people.values(), key=lambda p: p.name.casefold()):
            for spell in person.spells:
                if country is not None and spell.country != country:
                    continue
                if office is not None and spell.office != office:
                    continue
                if on is not None and not (spell.dated and spell.active(on)):
                    continue
                yield person, spell

    def find(self, text: str) -> list[Person]:
        """Every person a name, alias or surname may denote (for ``communique actors show``)."""
        key = normalise(text)
        keys = self.by_form.get(key) or self.by_surname.get(key) or ()
        return [self.people[k] for k in keys]


#: Words inside a surname of several words ("Rodríguez de la Fuente").
SURNAME_PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "i", "da", "dos"})

#: Words before a name that are not part of it ("Mr Sullivan", "Dr. Jill Biden").
HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "dame",
        "lady",
        "lord",
        "sen",
        "senator",
        "rep",
        "gen",
        "general",
    }
    | {
        "col",
        "colonel",
        "adm",
        "admiral",
        "sheikh",
        "prince",
        "princess",
        "madam",
        "madame",
        "monsieur",
        "h",
        "e",
    }
)


#: States whose people carry two surnames, the father's then the mother's, and are named
#: in the news by the first ("Diego Molano Vega" is "Diego Molano"): Spain and Spanish
#: America.
PATERNAL_FIRST = frozenset(
    {"ESP", "MEX", "GTM", "HND", "SLV", "NIC", "CRI", "PAN", "CUB", "DOM", "COL", "VEN", "ECU", "PER"}
    | {"BOL", "CHL", "ARG", "URY", "PRY", "GNQ"}
)


def _paternal_forms(people: Iterable[Person], given: frozenset[str]) -> Iterator[tuple[str, str]]:
    """(name key without the mother's surname, person key) for the people of
    :data:`PATERNAL_FIRST` states with a name of three words or more. Not when the word
    left last is itself a given name (other names start with it: "Juan Carlos Varela" is
    not "Juan Carlos"), nor for a name with a particle ("de", "del": the surname is
    several words)."""
    for person in people:
        if not any(s.country in PATERNAL_FIRST for s in person.spells):
            continue
        words = normalise(person.name).split()
        if len(words) < 3 or words[-2] in given or any(w in SURNAME_PARTICLES for w in words):
            continue
        yield " ".join(words[:-1]), person.key


def _loose_index(by_form: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for form, keys in by_form.items():
        entry = index.setdefault(loose_key(form), [])
        entry.extend(k for k in keys if k not in entry)
    return {k: tuple(v) for k, v in index.items()}


def _variants(key: str) -> Iterator[str]:
    """The key, then without honorifics, then without middle initials ("Viktor F. Yanukovych")."""
    yield key
    words = key.split()
    while len(words) > 2 and words[0] in HONORIFICS:
        words = words[1:]
        yield " ".join(words)
    if len(words) > 2:
        bare = [w for i, w in enumerate(words) if len(w) > 1 or i == 0]
        if len(bare) >= 2 and bare != words:
            yield " ".join(bare)


def _identity(person: Person | None) -> str:
    """Surname and first initial: "Joe Biden" and "Joseph R. Biden" are one person."""
    if person is None:
        return ""
    return f"{surname_key(person.name)}/{normalise(person.name)[:1]}"


def _agree(pool: list[Resolution]) -> Resolution:
    countries = {s.country for s in pool}
    if len(countries) == 1:
        best = min(pool, key=lambda s: OFFICE_RANK.get(s.office or "", 30))
        if len({_identity(s.person) for s in pool}) == 1:
            return best
        # Several people of one country (two senators Sullivan): the country, not a name.
        sectors = {s.sector for s in pool}
        names = tuple(dict.fromkeys(f"{s.person.name}" for s in pool if s.person is not None))[:5]
        return Resolution(
            None,
            best.country,
            None,
            sectors.pop() if len(sectors) == 1 else None,
            "same_country",
            None,
            names,
            best.tier,
        )
    names = tuple(f"{s.person.name} ({s.country})" for s in pool if s.person is not None)
    return Resolution(None, None, None, None, "ambiguous", None, tuple(dict.fromkeys(names))[:5])


def load_people() -> PeopleKB:
    """Read ``people.tsv.gz`` (one pass over the gzip TSV) into a :class:`PeopleKB`."""
    path = data_dir().joinpath(PEOPLE_FILE)
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (FileNotFoundError, OSError, UnicodeDecodeError) as exc:
        raise CodebookError(f"codebook data file {PEOPLE_FILE}: unreadable ({exc})") from exc
    rows: dict[str, dict] = {}
    # The values the ~44,000 spells repeat (283 countries, 22 offices, 9 sources, ~6,800
    # dates) are one object each, not one per spell: the cached table (codebook/cache.py)
    # then pickles each value once, and reading it back at every start makes ~250,000
    # fewer objects (faster, and less memory in every process).
    same: dict[str, str] = {}
    dates: dict[str, dt.date | None] = {}
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cells) != PEOPLE_COLUMNS:
                raise fail(PEOPLE_FILE, number, f"header should be {list(PEOPLE_COLUMNS)}")
            header_seen = True
            continue
        if len(cells) != len(PEOPLE_COLUMNS):
            raise fail(PEOPLE_FILE, number, f"{len(cells)} cells, expected {len(PEOPLE_COLUMNS)}")
        key, name, aliases, family, country, office, sector, start, end, source, fallback = cells
        entry = rows.setdefault(
            key, {"name": name, "aliases": split_list(aliases), "family": family, "spells": []}
        )
        if family and not entry["family"]:
            entry["family"] = family
        for value in (start, end):
            if value not in dates:
                dates[value] = _date(value, number)
        entry["spells"].append(
            Spell(
                same.setdefault(country, country),
                same.setdefault(office, office) or None,
                same.setdefault(sector, sector) or None,
                dates[start],
                dates[end],
                same.setdefault(source, source),
                fallback == "1",
            )
        )
    people = {
        key: Person(key, e["name"], e["aliases"], e["family"] or None, tuple(e["spells"]))
        for key, e in rows.items()
    }
    return PeopleKB(people)


@functools.lru_cache(maxsize=1)
def default_people() -> PeopleKB:
    """One shared :class:`PeopleKB` per process: the built table plus the packaged
    hand-compiled ``people_extra.tsv`` and the Factbook's further terms of office
    ``people_terms.tsv`` (loaded once, however many pipelines)."""
    from communique.codebook import default_codebook
    from communique.codebook.people_rows import load_extra_people, load_people_terms

    cb = default_codebook()
    known = [c.iso3 for c in cb.countries] + [i.code for i in cb.igos]
    roles = [o.role for o in cb.offices]
    return load_people().extended([*load_extra_people(known, roles), *load_people_terms(known, roles)])


@dataclass(frozen=True, slots=True)
class Publisher:
    """A publisher's web domain, the state or body it speaks for, and whose office."""

    domain: str
    country: str
    office: str | None
    names: tuple[str, ...]


def load_publishers(known_codes: Iterable[str] | None = None) -> tuple[Publisher, ...]:
    """Read ``publishers.tsv``; countries must be known state or body codes when given."""
    known = set(known_codes) if known_codes is not None else None
    out = []
    for line, row in read_tsv(PUBLISHERS_FILE, PUBLISHER_COLUMNS):
        if not row["domain"] or not row["country"]:
            raise fail(PUBLISHERS_FILE, line, "empty domain or country")
        if known is not None and row["country"] not in known:
            raise fail(PUBLISHERS_FILE, line, f"unknown country or body {row['country']!r}")
        out.append(
            Publisher(row["domain"].lower(), row["country"], row["office"] or None, split_list(row["names"]))
        )
    return tuple(out)


def publisher_of(url_or_source: str | None, publishers: Iterable[Publisher]) -> Publisher | None:
    """The publisher of an article's URL, domain or source name; None when unknown (no guess).

    A host matches a domain or any sub-domain of it (the longest domain wins); a source name
    matches when it contains one of the publisher's names or its domain.
    """
    if not url_or_source:
        return None
    text = url_or_source.strip().lower()
    publishers = tuple(publishers)
    host = ""
    if " " not in text:
        host = urlparse(text if "://" in text else f"//{text}").hostname or ""
    best: Publisher | None = None
    for pub in publishers:
        if host and (host == pub.domain or host.endswith("." + pub.domain)):
            if best is None or len(pub.domain) > len(best.domain):
                best = pub
    if best is not None or host:
        return best
    for pub in publishers:
        if pub.domain in text or any(n.lower() in text for n in pub.names):
            return pub
    return None
