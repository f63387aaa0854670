"""People by name: a name the NER reads as a person ("Ms Berg", "Ursula von der Leyen"),
a name set off by a comma before a title ("Mukhtar Tileuberdi, Kazakhstan's foreign
minister"), a leader's government ("the Bush administration"), and a title whose holder
the text places in a body ("the leader of Hezbollah").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc

from communique.nlp.coref import HONORIFICS
from communique.nlp.frames import ActorMention
from communique.nlp.mentions.states import governed_noun
from communique.nlp.mentions.tables import ActorTables
from communique.nlp.titles import DASHES, LEADER_BODIES, is_name_particle, is_name_token, name_text


class NameMentions(ActorTables):
    """Mentions of people by name (module docstring)."""

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


def officials_of_groups(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
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


def _leader_body(doc: Doc, start: int, end: int) -> ActorMention | None:
    """ "the Bush administration", "the Netanyahu government": the leader's government,
    read as the holder of the office the noun implies (LEADER_BODIES), so that the people
    knowledge base gives the state; None when the name governs no such noun."""
    noun = governed_noun(doc, start, end)
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
