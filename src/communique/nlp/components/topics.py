"""``communique_topics``: what an event was about, in the codebook's topic taxonomy.

A sentence's topics are the taxonomy keywords among its lemmas. An event takes the topics
of its own sentence; a meeting or talks also take those of the sentences that follow it
and report what was discussed ("The main topic of the talks was ...", "They discussed ..."),
up to the next sentence with an event of its own.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from communique.codebook import default_codebook
from communique.codebook.topics import Topic
from communique.nlp.extensions import register_extensions

CONSULT_PREFIX = "04"
FOLLOW_WINDOW = 6  # sentences after a meeting that may report what it covered


class TopicTagger:
    def __init__(self, nlp: Language, name: str, *, topics: tuple[Topic, ...]) -> None:
        self.name = name
        self.topics = topics
        # Every keyword is an n-gram; a sentence's n-grams are built once and looked up in
        # sets (testing each keyword against each sentence cost as much as the parser).
        self.sizes = sorted({len(k) for t in topics for k in t.keywords})
        self.keywords = [(t.name, frozenset(t.keywords)) for t in topics]
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        sentences = list(doc.sents)
        per_sentence = [self.sentence_topics(s) for s in sentences]
        doc._.cq_sentence_topics = {s.start: t for s, t in zip(sentences, per_sentence, strict=True)}
        index_of = {s.start: n for n, s in enumerate(sentences)}
        frames = doc._.cq_events or []
        coded_sentences = {doc[f.trigger].sent.start for f in frames if f.coded}
        for frame in frames:
            n = index_of[doc[frame.trigger].sent.start]
            topics = list(per_sentence[n])
            if frame.cameo.startswith(CONSULT_PREFIX):
                for m in range(n + 1, min(n + 1 + FOLLOW_WINDOW, len(sentences))):
                    if sentences[m].start in coded_sentences and not _is_follow_up(frames, sentences[m]):
                        break
                    topics += [t for t in per_sentence[m] if t not in topics]
            frame.topics = topics
        return doc

    def sentence_topics(self, sent: Span) -> list[str]:
        tokens = [t for t in sent if not t.is_punct and not t.is_space]
        grams: set[tuple[str, ...]] = set()
        for words in ([t.lemma_.lower() for t in tokens], [t.lower_ for t in tokens]):
            for n in self.sizes:
                grams.update(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
        return [name for name, keys in self.keywords if not keys.isdisjoint(grams)]


def _is_follow_up(frames, sent: Span) -> bool:
    """A sentence whose only events are more talk ("sides exchanged views") continues the meeting."""
    return all(f.cameo.startswith(CONSULT_PREFIX) for f in frames if sent.start <= f.trigger < sent.end)


@Language.factory(
    "communique_topics",
    default_config={},
    requires=["token.lemma", "doc._.cq_events"],
    assigns=["doc._.cq_events", "doc._.cq_sentence_topics"],
)
def make_topic_tagger(nlp: Language, name: str) -> TopicTagger:
    return TopicTagger(nlp, name, topics=default_codebook().topics)
