"""Reading the packaged TSV files: one reader, so every file fails the same clear way.

The data files ship inside the package and are opened through ``importlib.resources``,
never through a path relative to the working directory, so the codebook works from a
wheel, a zip or an editable install alike. A malformed row is a packaging bug: it raises
:class:`~communique.errors.CodebookError` naming the file and line instead of producing a
half-loaded table.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from importlib import resources
from typing import TYPE_CHECKING

from communique.errors import CodebookError

if TYPE_CHECKING:  # importlib.resources.abc is 3.11+; only the annotation needs it
    from importlib.resources.abc import Traversable

DATA_PACKAGE = "communique.codebook"
DATA_DIR = "data"


def data_dir() -> Traversable:
    """The packaged ``data`` directory."""
    return resources.files(DATA_PACKAGE).joinpath(DATA_DIR)


def read_text(filename: str) -> str:
    """The text of one packaged data file, or CodebookError if it is missing."""
    path = data_dir().joinpath(filename)
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise CodebookError(f"codebook data file {filename}: missing from the package") from exc
    except UnicodeDecodeError as exc:
        raise CodebookError(f"codebook data file {filename}: not UTF-8 ({exc})") from exc


def read_tsv(filename: str, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` for each data row of a tab-separated file.

    Lines starting with ``#`` and blank lines are comments. The first other line must be
    the header and name exactly ``columns`` (so a reordered file cannot be misread).
    Trailing empty cells may be omitted; extra cells are an error. No quoting: fields
    may contain quote characters verbatim (CAMEO descriptions do).
    """
    header_seen = False
    for number, line in enumerate(read_text(filename).splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not header_seen:
            if tuple(cells) != columns:
                raise CodebookError(f"{filename}:{number}: header {cells!r} should be {list(columns)!r}")
            header_seen = True
            continue
        if len(cells) > len(columns):
            raise CodebookError(f"{filename}:{number}: {len(cells)} cells, expected at most {len(columns)}")
        cells += [""] * (len(columns) - len(cells))
        yield number, dict(zip(columns, cells, strict=True))
    if not header_seen:
        raise CodebookError(f"{filename}: no header line")


def split_list(value: str) -> tuple[str, ...]:
    """A ``|``-separated cell as a tuple, empty items dropped."""
    return tuple(item.strip() for item in value.split("|") if item.strip())


def fail(filename: str, line: int, reason: str) -> CodebookError:
    """A CodebookError for a bad row (returned so callers write ``raise fail(...)``)."""
    return CodebookError(f"{filename}:{line}: {reason}")


def data_version() -> str:
    """A short hash of every packaged data file's name and bytes.

    It goes into the pipeline version, so that any change to the codebook (including
    the lead's triggers/topics files) makes stored articles be coded again.
    """
    digest = hashlib.sha256()
    files = sorted((entry for entry in data_dir().iterdir() if entry.is_file()), key=lambda e: e.name)
    for entry in files:
        digest.update(entry.name.encode("utf-8"))
        digest.update(b"\0")
        digest.update(entry.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:12]
