"""The topic taxonomy: keyword lemmas that say what an event was about.

A user may bring their own taxonomy file of the same shape (``parse_topics``).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from communique.errors import CodebookError

TOPICS_FILE = "topics.tsv"


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic label, the PLOVER context it implies, and its keyword phrases (lemmas)."""

    name: str
    context: str | None
    keywords: tuple[tuple[str, ...], ...]


def parse_topics(text: str, *, source: str = TOPICS_FILE) -> tuple[Topic, ...]:
    """Parse a topics TSV (``topic, context, keywords``); errors name the file and line."""
    topics: list[Topic] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("topic\t"):
            continue
        cells = line.split("\t")
        if len(cells) != 3:
            raise CodebookError(f"{source}:{number}: expected 3 tab-separated cells")
        name, context, keywords = cells
        if name in seen:
            raise CodebookError(f"{source}:{number}: duplicate topic {name!r}")
        seen.add(name)
        phrases = tuple(tuple(k.split()) for k in keywords.split("|") if k.strip())
        topics.append(Topic(name, None if context == "-" else context, phrases))
    return tuple(topics)


def load_topics() -> tuple[Topic, ...]:
    """Load the packaged default taxonomy."""
    text = resources.files("communique.codebook").joinpath("data", TOPICS_FILE).read_text("utf-8")
    return parse_topics(text)
