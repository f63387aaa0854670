"""People written by hand: the packaged ``people_extra.tsv`` and a user's actors file.

Both have the columns ``name, aliases, country, office, sector, start, end`` (aliases
``|``-separated; dates ``YYYY-MM-DD``, end exclusive, empty = open). A user's file
(setting ``COMMUNIQUE_ACTORS``) may be CSV, TSV or YAML (a list of mappings with those
keys); every row is checked and a bad one raises :class:`~communique.errors.InputError`
naming the file and line. Its people take precedence over the knowledge base for the
names they carry.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from communique.codebook._tsv import read_tsv, split_list
from communique.codebook.offices import SECTORS
from communique.codebook.people import OFFICE_RANK, Person, Spell, normalise
from communique.errors import CodebookError, InputError

EXTRA_FILE = "people_extra.tsv"
ROW_COLUMNS = ("name", "aliases", "country", "office", "sector", "start", "end")
EXTRA_SOURCE = "communique_curated"
TERMS_FILE = "people_terms.tsv"
TERMS_SOURCE = "cia_factbook"
USER_SOURCE = "user"


def parse_rows(
    rows: Iterable[tuple[int, dict[str, Any]]],
    *,
    where: str,
    known_codes: Iterable[str],
    roles: Iterable[str],
    source: str,
) -> list[Person]:
    """Check and turn rows into people (one person per name, rows of one name merged)."""
    known = set(known_codes)
    allowed_roles = set(roles) | set(OFFICE_RANK)
    people: dict[str, Person] = {}
    for line, row in rows:
        unknown = set(row) - set(ROW_COLUMNS)
        if unknown:
            raise InputError(
                where, f"unknown column(s) {sorted(unknown)}; expected {list(ROW_COLUMNS)}", line=line
            )
        name = str(row.get("name") or "").strip()
        if not name:
            raise InputError(where, "empty name", line=line)
        country = str(row.get("country") or "").strip()
        if country not in known:
            raise InputError(
                where, f"unknown country or body {country!r} (ISO3 or an igos.tsv code)", line=line
            )
        office = str(row.get("office") or "").strip() or None
        if office is not None and office not in allowed_roles:
            raise InputError(where, f"unknown office {office!r} (a role of offices.tsv)", line=line)
        sector = str(row.get("sector") or "").strip() or "GOV"
        if sector not in SECTORS:
            raise InputError(where, f"unknown sector {sector!r}", line=line)
        start, end = (_date(row.get(k), where, line, k) for k in ("start", "end"))
        if start and end and end <= start:
            raise InputError(where, f"end {end} is not after start {start}", line=line)
        aliases = row.get("aliases") or ()
        aliases = split_list(aliases) if isinstance(aliases, str) else tuple(str(a) for a in aliases)
        key = f"{source}:{normalise(name)}"
        spell = Spell(country, office, sector, start, end, source)
        old = people.get(key)
        people[key] = Person(
            key,
            name,
            tuple(dict.fromkeys((*(old.aliases if old else ()), *aliases))),
            None,
            (*(old.spells if old else ()), spell),
        )
    return list(people.values())


def _date(value: Any, where: str, line: int, column: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(where, f"{column} {value!r} is not a YYYY-MM-DD date", line=line) from None


def load_extra_people(known_codes: Iterable[str], roles: Iterable[str]) -> list[Person]:
    """The packaged hand-compiled people (``people_extra.tsv``)."""
    return _load_packaged(EXTRA_FILE, EXTRA_SOURCE, known_codes, roles)


def load_people_terms(known_codes: Iterable[str], roles: Iterable[str]) -> list[Person]:
    """The packaged terms of office the Factbook names beyond ``people.tsv.gz`` (prime
    ministers in a note, deputies, vice presidents), built by
    ``scripts/build_people_terms.py`` (``people_terms.tsv``)."""
    return _load_packaged(TERMS_FILE, TERMS_SOURCE, known_codes, roles)


def _load_packaged(name: str, source: str, known_codes: Iterable[str], roles: Iterable[str]) -> list[Person]:
    try:
        return parse_rows(
            read_tsv(name, ROW_COLUMNS), where=name, known_codes=known_codes, roles=roles, source=source
        )
    except InputError as exc:  # a packaged file: a packaging bug
        raise CodebookError(str(exc)) from exc


def read_actors_file(path: str | Path, known_codes: Iterable[str], roles: Iterable[str]) -> list[Person]:
    """A user's actors file (CSV, TSV or YAML), checked row by row."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the actors file ({exc})") from exc
    suffix = path.suffix.lower()
    rows = _yaml_rows(text, path) if suffix in (".yaml", ".yml") else _table_rows(text, path, suffix)
    return parse_rows(rows, where=str(path), known_codes=known_codes, roles=roles, source=USER_SOURCE)


def _table_rows(text: str, path: Path, suffix: str) -> Iterator[tuple[int, dict[str, Any]]]:
    delimiter = "\t" if suffix == ".tsv" else ","
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    lines = [(n, line) for n, line in lines if not line.lstrip().startswith("#")]
    if not lines:
        raise InputError(str(path), f"empty actors file (expected a header {list(ROW_COLUMNS)})")
    reader = csv.reader(io.StringIO("\n".join(line for _n, line in lines)), delimiter=delimiter)
    header = [h.strip() for h in next(reader)]
    if "name" not in header or "country" not in header:
        raise InputError(str(path), f"header {header} needs at least name and country", line=lines[0][0])
    for (number, _line), cells in zip(lines[1:], reader, strict=False):
        if len(cells) > len(header):
            raise InputError(str(path), f"{len(cells)} cells, the header has {len(header)}", line=number)
        yield number, dict(zip(header, (c.strip() for c in cells), strict=False))


def _yaml_rows(text: str, path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    import yaml

    try:
        nodes = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError(str(path), f"not valid YAML ({getattr(exc, 'problem', exc)})", line=line) from exc
    if data is None:
        return
    if not isinstance(data, list):
        raise InputError(str(path), f"expected a list of people (mappings with {list(ROW_COLUMNS)})", line=1)
    for node, item in zip(nodes.value, data, strict=True):
        line = node.start_mark.line + 1
        if not isinstance(item, dict):
            raise InputError(str(path), f"expected a mapping with {list(ROW_COLUMNS)}", line=line)
        yield line, item
