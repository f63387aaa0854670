"""The one bridge out of spaCy: a processed Doc becomes domain records.

Nothing past this module sees spaCy types or token offsets: events carry character
offsets of their sentence, the sentence text, and the trigger words as evidence.
"""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc, Span

from communique.codebook import Codebook
from communique.errors import CodebookError
from communique.model import (
    Article,
    ArticleResult,
    Entity,
    Event,
    Location,
    Mention,
    PlaceFound,
    Sentence,
    SentenceExplanation,
    TimeExpression,
    TriggerNote,
)
from communique.nlp.extensions import source_text, span_text
from communique.nlp.frames import ActorMention, EventFrame, PlaceMention
from communique.nlp.patterns import DICTIONARY_RULE

MULTILATERAL_MIN_PARTIES = 3
MULTILATERAL_CODES = frozenset({"040", "044", "046"})  # a visit to two hosts is still a visit
THIRD_PLACE_CODES = frozenset({"040", "046"})  # meetings and talks that can be held anywhere


def doc_to_result(
    doc: Doc,
    article: Article,
    *,
    codebook: Codebook,
    pipeline_version: str,
    char_offset: int = 0,
    first_sentence: int = 0,
    explain: bool = True,
) -> ArticleResult:
    """Turn a processed Doc into an ArticleResult (events, sentences, mentions, explanations).

    ``char_offset``/``first_sentence`` place a Doc that holds one part of a long article
    (see ``extract.py``): offsets, sentence numbers and event ids are those of the whole
    article, so the parts' results can simply be joined. ``explain=False`` leaves out the
    per-sentence explanations (ingest stores none: only ``explain`` reads them).
    """
    sentences = [s for s in doc.sents if span_text(s).strip()]
    sent_index = {s.start: first_sentence + n for n, s in enumerate(sentences)}
    records = [
        Sentence(first_sentence + n, char_offset + s.start_char, char_offset + s.end_char, source_text(s))
        for n, s in enumerate(sentences)
    ]

    # Sentence number of every token, filled once: ``doc[i].sent`` searches the
    # sentence boundaries on every call, which cost 3% of a whole ingest.
    sentence_of = [first_sentence] * len(doc)
    for sent in doc.sents:
        number = sent_index.get(sent.start, first_sentence)
        sentence_of[sent.start : sent.end] = [number] * (sent.end - sent.start)

    def index_of(token_i: int) -> int:
        return sentence_of[token_i]

    mentions = [
        Mention(
            index_of(m.start),
            char_offset + doc[m.start].idx,
            char_offset + doc[m.end - 1].idx + len(doc[m.end - 1]),
            to_entity(m, codebook),
            how=m.how or _how_text(m),
        )
        for m in sorted([*(doc._.cq_mentions or []), *(doc._.cq_title_bodies or [])], key=lambda m: m.start)
    ]
    frames: list[EventFrame] = doc._.cq_events or []
    events: dict[int, Event] = {}
    for n, frame in enumerate(frames):
        if frame.coded:
            event = _to_event(doc, frame, article, codebook, pipeline_version, char_offset)
            if event is not None:
                events[n] = event
            else:
                frame.reason = "the CAMEO code has no PLOVER event type"
    explanations = []
    dates = doc._.cq_dates or []
    for n, sent in enumerate(sentences if explain else ()):
        in_sent = [k for k, f in enumerate(frames) if sent.start <= f.trigger < sent.end]
        explanations.append(
            SentenceExplanation(
                sentence=records[n],
                entities=tuple(m for m in mentions if m.sentence == first_sentence + n),
                dates=tuple(
                    f"{d.text} -> {d.value.start}{'/' + d.value.end if d.value and d.value.end else ''}"
                    if d.value
                    else f"{d.text} -> (not a calendar date)"
                    for d in dates
                    if sent.start <= d.start < sent.end
                ),
                triggers=tuple(_note(doc, frames[k], codebook, events.get(k)) for k in in_sent),
                events=tuple(events[k] for k in in_sent if k in events),
            )
        )
    doc_date = doc._.cq_doc_date
    return ArticleResult(
        article=article,
        pipeline_version=pipeline_version,
        events=tuple(events.values()),
        sentences=tuple(records),
        mentions=tuple(mentions),
        explanations=tuple(explanations),
        inferred_date=doc_date.start if doc_date and doc._.cq_doc_date_basis == "inferred" else None,
        inferred_from=doc._.cq_doc_date_source if doc._.cq_doc_date_basis == "inferred" else None,
        time_expressions=tuple(time_expressions(doc)),
        places=tuple(
            PlaceFound(doc[p.start].idx, doc[p.end - 1].idx + len(doc[p.end - 1]), p.text, _location(p))
            for p in doc._.cq_places or []
        ),
    )


def time_expressions(doc: Doc) -> list[TimeExpression]:
    """The time expressions the dates component found, as plain records."""
    return [
        TimeExpression(
            d.start_char,
            d.end_char,
            d.text,
            d.kind,
            d.value.start if d.value else None,
            d.value.end if d.value else None,
            d.value.precision if d.value else None,
        )
        for d in doc._.cq_dates or []
    ]


def _how_text(m: ActorMention) -> str:
    """How a mention was resolved when the text alone did it."""
    return {
        "title": "text title",
        "name": "name in the text",
        "surname": "earlier mention",
        "gazetteer": "state/body name",
        "description": "description of an office holder in the text",
        "pronoun": "pronoun: last person before it",
        "anaphor": "the last state before it",
        "kb": "knowledge base name",
        "publisher": "publisher",
        "in_title": "a body named inside an office title",
    }.get(m.source, m.source)


def to_entity(m: ActorMention, codebook: Codebook) -> Entity:
    return Entity(
        entity_text=m.entity_text,
        name=m.name,
        kind=m.kind,
        office=m.office,
        country=m.country,
        sector=m.sector,
        code=codebook.actor_code(m.country, m.sector) or (None if m.country else m.code),
    )


def _to_event(
    doc: Doc,
    frame: EventFrame,
    article: Article,
    codebook: Codebook,
    pipeline_version: str,
    char_offset: int = 0,
) -> Event | None:
    cameo = codebook.cameo_code(_cameo_for(frame))
    if not cameo.plover_event:
        return None
    sent: Span = doc[frame.trigger].sent
    trigger_span = doc[frame.span[0] : frame.span[1]]
    whole = source_text(sent)  # the text as given: a Markdown link shows as written
    sent_text = whole.strip()
    sent_start = char_offset + sent.start_char + (len(whole) - len(whole.lstrip()))
    actors = tuple(to_entity(m, codebook) for m in frame.actors)
    recipients = tuple(to_entity(m, codebook) for m in frame.recipients)
    value = frame.date.value if frame.date else None
    topics = tuple(frame.topics)
    context = list(cameo.plover_context)
    for topic in codebook.topics:
        if topic.name in topics and topic.context and topic.context not in context:
            context.append(topic.context)
    trigger_start = char_offset + trigger_span.start_char
    trigger_end = char_offset + trigger_span.end_char
    key = f"{article.id}|{pipeline_version}|{trigger_start}|{trigger_end}|{frame.cameo}"
    if frame.part:  # one trigger, several events (one per counterpart)
        key += f"|{frame.part}"
    return Event(
        id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:20],
        article_id=article.id,
        event=cameo.plover_event,
        cameo=cameo.code,
        quad_code=cameo.quad_class,
        goldstein=cameo.goldstein,
        text=sent_text,
        start=sent_start,
        end=sent_start + len(sent_text),
        event_text=trigger_span.text,
        date=value.start if value else None,
        enddate=value.end if value and value.precision == "day" and value.end else None,
        date_basis=frame.date_basis if value else "unknown",
        mode=_mode(frame, cameo.plover_mode),
        context=tuple(context),
        actor=actors,
        recipient=recipients,
        event_loc=_location(frame.place),
        modality=frame.modality,
        topics=topics,
        confidence=_confidence(frame),
    )


def _cameo_for(frame: EventFrame) -> str:
    """Refine a generic meeting or talks: one held in a place that belongs to none of its
    parties is a meeting at a third location (044: "met on the margins of the summit in
    Dubai", "held talks in Geneva", as PETRARCH2's "open talks in")."""
    if frame.cameo in THIRD_PLACE_CODES and frame.place is not None and frame.place.country:
        parties = {m.country for m in [*frame.actors, *frame.recipients]}
        if None not in parties and frame.place.country not in parties:
            return "044"
    return frame.cameo


def _mode(frame: EventFrame, mode: str | None) -> str | None:
    parties = {(m.country or m.name) for m in [*frame.actors, *frame.recipients]}
    if frame.cameo in MULTILATERAL_CODES and len(parties) >= MULTILATERAL_MIN_PARTIES:
        return "multilateral"
    return mode


def _location(place: PlaceMention | None) -> Location | None:
    if place is None:
        return None
    return Location(
        extracted_place=place.text,
        resolved_place=place.resolved,
        country_code=place.country,
        lat=place.lat,
        lon=place.lon,
        geonameid=place.geonameid,
        feature_code=place.feature_code,
        resolution=place.resolution,
    )


def _confidence(frame: EventFrame) -> float:
    """A transparent score of the evidence: how much of the record the text pinned down.

    Actor resolution (every party has a country), the trigger's rule (a hand-made
    lexicon row, a dictionary pattern with its object words, or a bare dictionary verb),
    the modality (an asserted act, not a plan or a possibility), a predicate and a date
    from the text. ``benchmarks/confidence.py`` shows precision rising with it.
    """
    score = 0.4
    if all(m.country for m in frame.actors):
        score += 0.2
    if all(m.country for m in frame.recipients):
        # a one-sided act (a protest, a rejection) passed its root's rule with no other side:
        # measured on the PLOVER gold set, as precise as one with a resolved recipient
        score += 0.15
    if frame.predicate is not None:
        score += 0.1
    if frame.date_basis == "text":
        score += 0.1
    if any(m.source in ("pronoun", "anaphor", "description") for m in [*frame.actors, *frame.recipients]):
        score -= 0.1
    if frame.rule.startswith(DICTIONARY_RULE):  # measured: less sure than a hand-made row
        score -= 0.2 if frame.specificity == 0 else (0.1 if frame.specificity == 1 else 0.05)
    if frame.modality in ("hypothetical", "negated"):
        score -= 0.15
    elif frame.modality == "future":
        score -= 0.05
    return round(max(min(score, 1.0), 0.05), 2)


def _note(doc: Doc, frame: EventFrame, codebook: Codebook, event: Event | None) -> TriggerNote:
    span = doc[frame.span[0] : frame.span[1]]
    try:
        plover = codebook.cameo_code(frame.cameo).plover_event or "-"
    except CodebookError:
        plover = "?"
    return TriggerNote(
        span.text,
        frame.cameo,
        plover,
        frame.coded,
        frame.reason,
        event_id=event.id if event else None,
        rule=frame.rule,
    )
