"""Typed errors. Library code raises these; only the edges (CLI, API) translate them.

Each class carries the HTTP status the API should answer with and the exit code the
CLI should end with, so the translation at the edges is one lookup, not a ladder.
"""

from __future__ import annotations


class CommuniqueError(Exception):
    """Base of every error Communique raises on purpose."""

    http_status: int = 500
    exit_code: int = 1


class ConfigError(CommuniqueError):
    """A setting or option is invalid (bad model name, bad database URL, ...)."""

    http_status = 400
    exit_code = 2


class InputError(CommuniqueError):
    """An input file or item cannot be read. Names the file and, when known, the line."""

    http_status = 400
    exit_code = 3

    def __init__(self, source: str, reason: str, *, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = reason
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class OutputError(CommuniqueError):
    """An export or report cannot be written (missing folder, no permission, disk full)."""

    exit_code = 6


class ModelNotFoundError(ConfigError):
    """The spaCy model named in the settings is not installed."""


class CodebookError(CommuniqueError):
    """A codebook data file is missing or malformed (a packaging bug, not user error)."""


class StoreError(CommuniqueError):
    """The database cannot be opened, migrated or written."""

    exit_code = 4


class NotFoundError(CommuniqueError):
    """A requested article, event or actor does not exist."""

    http_status = 404
    exit_code = 5
