"""What every role rule reads: the codebook's word classes, loaded once per pipeline, and
the mentions of the document being labelled.

The role component (``components/roles.py``) is one class assembled from the rule
modules of this package (subjects, event nouns, objects, other sides, joint acts); this
base holds the state they share, built once per pipeline (the word classes) or set once
per document (the mention at each token), so that every rule reads the same tables.
"""

from __future__ import annotations

from spacy.tokens import Token

from communique.codebook import Codebook
from communique.codebook.agents import load_agent_table, load_attack_means, load_state_aliases
from communique.nlp.frames import ActorMention, EventFrame
from communique.nlp.parties.phrases import demonym_group


class RoleReader:
    """The tables of the role rules, and the state of the document the component labels."""

    def __init__(self, codebook: Codebook) -> None:
        self.codebook = codebook
        self.discussion = codebook.triggers.word_class("discussion")
        self.gathering = codebook.triggers.word_class("gathering")
        self.multilateral = codebook.triggers.word_class("multilateral")
        self.titled_act = codebook.triggers.word_class("titled_act")
        self.apart = codebook.triggers.word_class("apart")
        self.reciprocal = codebook.triggers.word_class("reciprocal")
        self.regional = codebook.triggers.word_class("regional")
        self.regions = codebook.triggers.word_class("region")
        self.demonyms = codebook.actor_names()
        self.statement = codebook.triggers.word_class("statement")
        self.documents = codebook.triggers.word_class("document")
        self.stative_participles = codebook.triggers.word_class("stative")
        self.refuge = codebook.triggers.word_class("refuge")
        self.grievance = codebook.triggers.word_class("grievance")
        self.grievance_preps = codebook.triggers.word_class("grievance_preps")
        self.protest_frame = codebook.triggers.word_class("protest_frame")
        self.protest_preps = codebook.triggers.word_class("protest_preps")
        self.sector_nouns = {k.lower(): v for k, v in codebook.sector_nouns.items()}
        self.attack_means = load_attack_means()
        self.agents = load_agent_table()
        self.international = codebook.triggers.word_class("international")

    # The document being labelled, set by the component for each document.
    _at: list[ActorMention | None]  # the mention each token is part of
    _force_at: set[int]  # the triggers of force (CAMEO 18-20)
    _one_act: set[int]  # triggers whose recipients are one act's parties
    # "the leaders congratulated X" after separate calls: each call's parties, by trigger
    _collective_parts: dict[int, list[list[ActorMention]]]
    _per_part: dict[int, list[list[ActorMention]]]

    def _on_topic(self, frame: EventFrame) -> bool:
        return self.codebook.event_rule(frame.cameo).on_is_topic

    def _place_country(self, name: str) -> str | None:
        """The state of a place name: a city of the gazetteer, else a region or territory
        that stands for its state (state_aliases.tsv: "the Golan Heights", "Bavaria")."""
        place = self.codebook.gazetteer.lookup(name)
        if place is not None:
            return place.country_iso3
        return load_state_aliases().get(name)

    def _is_state(self, code: str) -> bool:
        return self.codebook.country(code) is not None

    def _demonym_group(self, noun: Token) -> list[ActorMention]:
        return demonym_group(noun, self.demonyms)
