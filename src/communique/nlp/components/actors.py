"""``communique_actors``: find the people, offices, states and international bodies a text names.

The small English models parse long titles badly ("Deputy Prime Minister - Minister of
Foreign Affairs of Kazakhstan Mukhtar Tileuberdi" comes out as one ORG), so mentions are
found by a title grammar over codebook matches rather than by NER alone:

    [demonym|state|IGO]? OFFICE ((of|for|the|and|-) (OFFICE|STATE|IGO|Capitalised))* NAME?

then a name with a title after it ("Josep Borrell, the EU's foreign policy chief"), bare
names, states and bodies, and descriptions of an office holder ("the head of EU diplomacy").
Later mentions are resolved to earlier ones in ``nlp/coref.py``.

This module holds the component and the order the finders run in (``__call__``: titles
first, then bodies, groups and names, then bare states and demonyms on what is left);
the finders live in ``communique.nlp.mentions``, one kind of mention per module.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from communique.codebook import Codebook, default_codebook
from communique.codebook.cache import people_kb
from communique.codebook.people import PeopleKB
from communique.nlp.coref import resolve_mentions
from communique.nlp.extensions import register_extensions
from communique.nlp.frames import ActorMention
from communique.nlp.mentions.bodies import BodyMentions
from communique.nlp.mentions.chains import TitleChains
from communique.nlp.mentions.names import NameMentions, officials_of_groups
from communique.nlp.mentions.states import StateMentions
from communique.nlp.people import kb_name_mentions, resolve_people


class ActorRecognizer(TitleChains, BodyMentions, NameMentions, StateMentions):
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
        super().__init__(nlp, codebook, cache_dir)
        self.name = name
        self.people = people
        register_extensions()

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
        mentions = officials_of_groups(doc, resolve_mentions(doc, mentions, self.codebook, gaz))
        doc._.cq_mentions = resolve_people(doc, mentions, self.people, self.publishers, self.codebook)
        doc._.cq_title_bodies = self._title_bodies(doc, doc._.cq_mentions, gaz)
        return doc


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
