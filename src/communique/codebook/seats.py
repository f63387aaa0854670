"""Seats of international bodies: the cities whose names can stand for a body."""

from __future__ import annotations

from importlib import resources

from communique.errors import CodebookError

SEATS_FILE = "seats.tsv"


def parse_seats(
    text: str, *, known_bodies: frozenset[str], source: str = SEATS_FILE
) -> dict[str, tuple[str, ...]]:
    """city -> body codes, in order of preference; errors name the file and line."""
    seats: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("city\t"):
            continue
        cells = line.split("\t")
        if len(cells) != 2:
            raise CodebookError(f"{source}:{number}: expected 2 tab-separated cells")
        city, bodies = cells[0].strip(), tuple(b.strip() for b in cells[1].split("|") if b.strip())
        unknown = [b for b in bodies if b not in known_bodies]
        if unknown:
            raise CodebookError(f"{source}:{number}: unknown bodies {unknown}")
        if city in seats:
            raise CodebookError(f"{source}:{number}: duplicate city {city!r}")
        seats[city] = bodies
    return seats


def load_seats(known_bodies: frozenset[str]) -> dict[str, tuple[str, ...]]:
    text = resources.files("communique.codebook").joinpath("data", SEATS_FILE).read_text("utf-8")
    return parse_seats(text, known_bodies=known_bodies)
