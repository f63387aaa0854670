"""``communique_topics``: what an event was about, in the codebook's topic taxonomy.

A sentence's topics are the taxonomy keywords among its lemmas. An event takes the topics
of its own sentence; a meeting or talks also take those of the sentences that follow it
and report what was discussed ("The main topic of the talks was ...", "They discussed ..."),
up to the next sentence with an event of its own.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

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
        # Only the sentences an event reads (its own, and after a meeting the ones that
        # follow) are looked at: most sentences hold no event (speed only, issue 9).
        per_sentence = _LazyTopics(sentences, self.sentence_topics)
        doc._.cq_sentence_topics = per_sentence.known  # sentence start -> topics, as computed
        starts = [s.start for s in sentences]

        def index_of(token: int) -> int:  # the sentence of a token (Token.sent searches the doc)
            return bisect_right(starts, token) - 1

        frames = doc._.cq_events or []
        coded_sentences = {starts[index_of(f.trigger)] for f in frames if f.coded}
        for frame in frames:
            if not frame.coded:
                continue  # only an event's topics are stored (convert.py)
            n = index_of(frame.trigger)
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


class _LazyTopics:
    """Topics of sentence ``n`` of ``sentences``, each computed on first use."""

    def __init__(self, sentences: list[Span], compute: Callable[[Span], list[str]]) -> None:
        self.sentences = sentences
        self.compute = compute
        self.known: dict[int, list[str]] = {}

    def __getitem__(self, n: int) -> list[str]:
        sent = self.sentences[n]
        found = self.known.get(sent.start)
        if found is None:
            found = self.known[sent.start] = self.compute(sent)
        return found


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
