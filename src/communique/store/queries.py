"""Building the event query from filters, in portable SQL.

Dates. Events carry ISO dates at the precision the text supports: ``2022``, ``2022-11``
or ``2022-11-07``. To filter and sort them with plain string comparison on both SQLite
and PostgreSQL, each date is compared through a *date key* that pads it to a full day
as the first day of its period (``2022-11`` sorts as ``2022-11-01``, ``2022`` as
``2022-01-01``). Comparing strings of one fixed shape also keeps the result independent
of the database collation (PostgreSQL locales may ignore the hyphens otherwise).

The bounds are padded to the whole period they name: ``since="2022-11"`` means from
``2022-11-01``, ``until="2022-11"`` means up to ``2022-11-31`` (the end of November as a
string bound). An event is within ``[since, until]`` when its span overlaps it: its
``enddate`` (or ``date`` when there is no end) is on or after ``since``, and its
``date`` is on or before ``until``. Events without a date never match a date filter.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Select, case, exists, func, or_, select

from communique.errors import ConfigError
from communique.store.tables import event_actors, events

_ISO_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_key(column: Any) -> ColumnElement[str]:
    """SQL expression padding an ISO date of any precision to ``YYYY-MM-DD``."""
    length = func.length(column)
    return case(
        (length == 4, column + "-01-01"),
        (length == 7, column + "-01"),
        else_=func.substr(column, 1, 10),
    )


def date_bound(value: str, *, name: str, end: bool) -> str:
    """Pad a user's ``since``/``until`` to ``YYYY-MM-DD`` (start or end of its period)."""
    match = _ISO_PREFIX.match(value.strip())
    if not match:
        raise ConfigError(f"{name} must be an ISO date like 2022, 2022-11 or 2022-11-07, got {value!r}")
    year, month, day = match.groups()
    if end:
        return f"{year}-{month or '12'}-{day or '31'}"
    return f"{year}-{month or '01'}-{day or '01'}"


def event_select(
    *,
    actor: str | None = None,
    country: str | None = None,
    event: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article: str | None = None,
    modality: str | None = None,
    limit: int | None = None,
) -> Select[Any]:
    """The ``events`` rows matching every given filter, in the store's canonical order.

    Order: dated events first by date key, then article, then sentence offset; the event
    id breaks any remaining tie so that the order is fully deterministic.
    """
    conditions: list[ColumnElement[bool]] = []
    if actor is not None and actor.strip():
        needle = actor.strip().lower()
        conditions.append(
            exists().where(
                event_actors.c.event_id == events.c.id,
                or_(
                    func.lower(event_actors.c.name).contains(needle, autoescape=True),
                    func.lower(event_actors.c.entity_text).contains(needle, autoescape=True),
                ),
            )
        )
    if country is not None and country.strip():
        conditions.append(
            exists().where(
                event_actors.c.event_id == events.c.id,
                event_actors.c.country == country.strip().upper(),
            )
        )
    if event is not None:
        conditions.append(events.c.event == event.strip().upper())
    if modality is not None:
        conditions.append(events.c.modality == modality.strip().lower())
    if article is not None:
        conditions.append(events.c.article_id == article)
    if since is not None:
        low = date_bound(since, name="since", end=False)
        last_day = func.coalesce(events.c.enddate, events.c.date)
        conditions.append(date_key(last_day) >= low)
    if until is not None:
        high = date_bound(until, name="until", end=True)
        # A raw date is a prefix of its key, so it sorts at or before it: the first test
        # is implied by the second, but unlike it can use the index on events.date.
        conditions.append(events.c.date <= high)
        conditions.append(date_key(events.c.date) <= high)
    if limit is not None and limit < 0:
        raise ConfigError(f"limit must be zero or more, got {limit}")

    stmt = (
        select(events)
        .where(*conditions)
        .order_by(
            case((events.c.date.is_(None), 1), else_=0),
            date_key(events.c.date),
            events.c.article_id,
            events.c.start,
            events.c.id,
        )
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return stmt
