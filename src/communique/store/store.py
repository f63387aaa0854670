"""The Store: where extraction results are written and events are read back.

One class over one SQLAlchemy engine, the same code for a SQLite file and PostgreSQL.
Writes are batch-atomic: each ``save_results`` call is a single transaction that first
removes what the batch's articles had stored before, so a crash loses at most the batch
in flight, and a re-run skips what is already current (``is_current``) and resumes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import socket
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Select, delete, func, insert, select, update
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from communique.errors import NotFoundError, StoreError
from communique.model import ArticleResult, Event, LearnedPerson, Rejection
from communique.store import rows as R
from communique.store.engine import begin_write, is_sqlite_file, make_engine, normalize_url, safe_url
from communique.store.migrations import migrate
from communique.store.queries import event_select
from communique.store.tables import (
    RUN_STATUSES,
    articles,
    entities,
    event_actors,
    events,
    runs,
    sentences,
)
from communique.store.tables import people as people_table
from communique.store.tables import rejections as rejections_table

logger = logging.getLogger(__name__)

# Rows per IN (...) list and per streamed fetch: well under SQLite's variable limit.
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class RunInfo:
    """One ingest run as recorded in ``runs``; counts are filled by ``finish_run``."""

    id: int
    command: str
    pipeline_version: str
    started_at: str
    finished_at: str | None
    articles: int
    events: int
    rejected: int
    status: str
    host: str | None = None
    pid: int | None = None


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """What ``articles`` records of one article besides its text and sentences: its date
    (given, or inferred from the text), its wire dateline, title, link and run."""

    id: str
    date: str | None
    inferred_date: str | None
    dateline: str | None
    title: str | None
    url: str | None
    source: str | None
    run_id: int | None
    ingested_at: str


def open_store(url: str | os.PathLike[str], *, create: bool = True) -> Store:
    """Open (creating and migrating if needed) the store at ``url``.

    ``url`` is a SQLAlchemy URL (``sqlite:///events.db``, ``postgresql+psycopg://...``)
    or a bare path, taken as a SQLite file; missing parent directories are created.
    With ``create=False`` (for commands that only read) a SQLite file that does not
    exist is an error, not a new empty database that answers every query with nothing.
    Raises StoreError when the URL is invalid or the database cannot be opened.
    """
    parsed = normalize_url(url)
    if not create and is_sqlite_file(parsed) and not Path(parsed.database or "").exists():
        raise StoreError(
            f"no database at {parsed.database}: ingest articles first (communique ingest PATH --db ...)"
        )
    engine = make_engine(parsed)
    try:
        applied = migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    if applied:
        logger.info("database %s migrated to schema version %d", safe_url(parsed), applied[-1])
    return Store(engine, parsed)


def _process_alive(pid: int) -> bool:
    """Whether a process with this pid exists on this host (signal 0 probes, sends nothing)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by another user
        return True
    except OSError:
        return False
    return True


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Store:
    """Extraction results in a database. Use ``open_store``; close it (or use ``with``)."""

    def __init__(self, engine: Engine, url: URL) -> None:
        """Wrap an engine that ``open_store`` has created and migrated."""
        self._engine = engine
        #: The normalized URL (password included, so workers can reopen the store).
        self.url: str = url.render_as_string(hide_password=False)
        self._safe_url = safe_url(url)

    def __repr__(self) -> str:
        return f"Store({self._safe_url!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Release every pooled connection (and with it the SQLite file)."""
        self._engine.dispose()

    @contextlib.contextmanager
    def _db_errors(self, action: str) -> Iterator[None]:
        """Turn database errors into StoreError naming what was being done and where."""
        try:
            yield
        except SQLAlchemyError as exc:
            cause = getattr(exc, "orig", None) or exc
            raise StoreError(f"cannot {action} in {self._safe_url}: {cause}") from exc

    # -- runs ---------------------------------------------------------------------------

    def begin_run(self, command: str, pipeline_version: str) -> int:
        """Record the start of an ingest run; its id tags everything the run writes."""
        with self._db_errors("start a run"), begin_write(self._engine) as conn:
            result = conn.execute(
                insert(runs).values(
                    command=command,
                    pipeline_version=pipeline_version,
                    started_at=_now(),
                    articles=0,
                    events=0,
                    rejected=0,
                    status="running",
                    host=socket.gethostname(),
                    pid=os.getpid(),
                )
            )
            return int(result.inserted_primary_key[0])

    def mark_dead_runs(self) -> list[RunInfo]:
        """Mark ``interrupted`` every run still ``running`` whose process is gone.

        A run killed with SIGKILL, or by a power loss, never reaches ``finish_run``. Its
        committed batches are kept (they are whole); only its status is wrong. A run is
        known dead when it was started on this host and its pid no longer exists; runs
        of other hosts (a shared PostgreSQL) are left alone, since we cannot see their
        processes. Returns the runs it marked, with their counts filled in.
        """
        host, me = socket.gethostname(), os.getpid()
        with self._db_errors("check unfinished runs"), self._engine.connect() as conn:
            stale = conn.execute(select(runs).where(runs.c.status == "running")).mappings().all()
        dead = [
            row["id"]
            for row in stale
            if row["host"] == host
            and row["pid"] is not None
            and row["pid"] != me
            and not _process_alive(row["pid"])
        ]
        for run_id in dead:
            logger.warning("run %d was killed before it finished; marking it interrupted", run_id)
            self.finish_run(run_id, status="interrupted")
        return [r for r in self.runs() if r.id in set(dead)]

    def finish_run(self, run_id: int, *, status: str = "ok") -> None:
        """Close a run with its status and the article/event/rejection counts it stored.

        The counts are taken from the tables, so they are true even for a run that
        resumed an earlier one or failed halfway.
        """
        if status not in RUN_STATUSES:
            raise ValueError(f"status must be one of {RUN_STATUSES}, got {status!r}")
        with self._db_errors(f"finish run {run_id}"), begin_write(self._engine) as conn:
            n_articles = conn.scalar(
                select(func.count()).select_from(articles).where(articles.c.run_id == run_id)
            )
            n_events = conn.scalar(
                select(func.count())
                .select_from(events.join(articles, events.c.article_id == articles.c.id))
                .where(articles.c.run_id == run_id)
            )
            n_rejected = conn.scalar(
                select(func.count()).select_from(rejections_table).where(rejections_table.c.run_id == run_id)
            )
            result = conn.execute(
                update(runs)
                .where(runs.c.id == run_id)
                .values(
                    finished_at=_now(),
                    status=status,
                    articles=n_articles,
                    events=n_events,
                    rejected=n_rejected,
                )
            )
            if result.rowcount == 0:
                raise NotFoundError(f"no run with id {run_id}")

    def runs(self) -> list[RunInfo]:
        """Every run, oldest first."""
        with self._db_errors("read runs"), self._engine.connect() as conn:
            rows = conn.execute(select(runs).order_by(runs.c.id)).mappings()
            return [RunInfo(**row) for row in rows]

    # -- writing results ----------------------------------------------------------------

    def is_current(self, article_id: str, content_hash: str, pipeline_version: str) -> bool:
        """True when the article is stored from the same text and pipeline version.

        Ingest skips such articles, which is what makes an interrupted run resumable.
        """
        stmt = select(articles.c.id).where(
            articles.c.id == article_id,
            articles.c.content_hash == content_hash,
            articles.c.pipeline_version == pipeline_version,
        )
        with self._db_errors("check an article"), self._engine.connect() as conn:
            return conn.execute(stmt.limit(1)).first() is not None

    def current_ids(self, stored: Sequence[tuple[str, str]], pipeline_version: str) -> set[str]:
        """The ids among ``(article id, content hash)`` pairs that ``is_current`` would
        answer True for, in one query per few hundred articles instead of one each
        (ingest checks every article it reads)."""
        wanted = dict(stored)
        found: set[str] = set()
        with self._db_errors("check articles"), self._engine.connect() as conn:
            for chunk in _chunks(list(wanted)):
                stmt = select(articles.c.id, articles.c.content_hash).where(
                    articles.c.id.in_(chunk), articles.c.pipeline_version == pipeline_version
                )
                found.update(i for i, content_hash in conn.execute(stmt) if wanted[i] == content_hash)
        return found

    def save_results(self, results: Sequence[ArticleResult], *, run_id: int) -> int:
        """Store a batch of results in one transaction; return how many events it wrote.

        Each article's previous sentences, entities, events and actors are deleted
        first, so re-ingesting replaces and never duplicates. Either the whole batch is
        stored or (on any error) none of it, and earlier batches are untouched.
        """
        batch = _last_per_article(results)
        if not batch:
            return 0
        ingested_at = _now()
        table_rows: dict[str, list[dict[str, Any]]] = {
            "articles": [],
            "sentences": [],
            "entities": [],
            "events": [],
            "event_actors": [],
        }
        for result in batch:
            article_id = result.article.id
            table_rows["articles"].append(R.article_row(result, run_id=run_id, ingested_at=ingested_at))
            table_rows["sentences"].extend(R.sentence_row(article_id, s) for s in result.sentences)
            table_rows["entities"].extend(R.mention_row(article_id, m) for m in result.mentions)
            for ev in result.events:
                if ev.article_id != article_id:
                    raise StoreError(
                        f"event {ev.id} names article {ev.article_id!r} but was extracted "
                        f"from article {article_id!r}; nothing in this batch was saved"
                    )
                table_rows["events"].append(R.event_row(ev))
                table_rows["event_actors"].extend(R.event_actor_rows(ev))

        ids = [result.article.id for result in batch]
        order = (
            (articles, "articles"),
            (sentences, "sentences"),
            (entities, "entities"),
            (events, "events"),
            (event_actors, "event_actors"),
        )
        with self._db_errors(f"save {len(batch)} articles"), begin_write(self._engine) as conn:
            _delete_articles(conn, ids)
            for table, key in order:
                if table_rows[key]:
                    conn.execute(insert(table), table_rows[key])
        written = len(table_rows["events"])
        logger.debug("saved %d articles, %d events (run %d)", len(batch), written, run_id)
        return written

    def save_people(self, learned: Sequence[LearnedPerson]) -> int:
        """Keep people learned from the text: one row per (name, country), its first and
        last seen dates widened, the office and evidence of the first sighting kept."""
        if not learned:
            return 0
        merged: dict[tuple[str, str], LearnedPerson] = {}
        for p in learned:
            merged[(p.name, p.country)] = _widen(merged.get((p.name, p.country)), p)
        with self._db_errors("save learned people"), begin_write(self._engine) as conn:
            for (name, country), person in merged.items():
                where = (people_table.c.name == name) & (people_table.c.country == country)
                row = conn.execute(select(people_table).where(where)).mappings().first()
                if row is not None:
                    person = _widen(R.learned_person(dict(row)), person)
                    conn.execute(delete(people_table).where(where))
                conn.execute(insert(people_table), [R.learned_person_row(person)])
        return len(merged)

    def people(self, *, name: str | None = None) -> list[LearnedPerson]:
        """People learned from the text (all, or those whose name contains ``name``)."""
        stmt = select(people_table).order_by(people_table.c.name, people_table.c.country)
        if name:
            stmt = stmt.where(func.lower(people_table.c.name).contains(name.lower()))
        with self._db_errors("read learned people"), self._engine.connect() as conn:
            return [R.learned_person(dict(row)) for row in conn.execute(stmt).mappings()]

    def save_rejections(self, rejections: Sequence[Rejection], *, run_id: int) -> None:
        """Record input items that could not be read, so that none is dropped silently."""
        if not rejections:
            return
        created_at = _now()
        rows = [R.rejection_row(r, run_id=run_id, created_at=created_at) for r in rejections]
        with self._db_errors("save rejections"), begin_write(self._engine) as conn:
            conn.execute(insert(rejections_table), rows)

    # -- reading ------------------------------------------------------------------------

    def events(
        self,
        *,
        actor: str | None = None,
        country: str | None = None,
        event: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article: str | None = None,
        modality: str | None = None,
        limit: int | None = None,
    ) -> Iterator[Event]:
        """Stored events matching every given filter, streamed in chunks.

        ``actor``: case-insensitive substring of an actor's or recipient's name or
        words; ``country``: ISO3 or IGO code of an actor or recipient; ``event``: PLOVER
        type; ``since``/``until``: ISO dates of any precision, matched as described in
        ``queries.py`` (a month-precision date counts as the first of its month).
        Ordered by date (undated last), article, sentence offset. Filters are checked
        now (ConfigError); the database is read as the iterator is consumed.
        """
        stmt = event_select(
            actor=actor,
            country=country,
            event=event,
            since=since,
            until=until,
            article=article,
            modality=modality,
            limit=limit,
        )
        return self._iter_events(stmt)

    def _iter_events(self, stmt: Select[Any]) -> Iterator[Event]:
        with self._db_errors("read events"), self._engine.connect() as conn:
            result = conn.execute(stmt).mappings()
            while chunk := result.fetchmany(_CHUNK):
                actor_rows: dict[str, list[Any]] = {row["id"]: [] for row in chunk}
                actor_stmt = select(event_actors).where(event_actors.c.event_id.in_(list(actor_rows)))
                for actor_row in conn.execute(actor_stmt).mappings():
                    actor_rows[actor_row["event_id"]].append(actor_row)
                for row in chunk:
                    yield R.event_from_row(row, actor_rows[row["id"]])

    def rejections(self, *, run_id: int | None = None) -> list[Rejection]:
        """Recorded rejections, in the order they were saved; of one run if given."""
        stmt = select(rejections_table).order_by(rejections_table.c.id)
        if run_id is not None:
            stmt = stmt.where(rejections_table.c.run_id == run_id)
        with self._db_errors("read rejections"), self._engine.connect() as conn:
            return [R.rejection_from_row(row) for row in conn.execute(stmt).mappings()]

    def article_count(self) -> int:
        """How many articles are stored."""
        return self._count(select(func.count()).select_from(articles))

    def event_count(self) -> int:
        """How many events are stored."""
        return self._count(select(func.count()).select_from(events))

    def stored_article_ids(self) -> set[str]:
        """Ids of every stored article (for a caller planning which inputs remain)."""
        with self._db_errors("read article ids"), self._engine.connect() as conn:
            return set(conn.execute(select(articles.c.id)).scalars())

    def articles(self, *, limit: int | None = None) -> list[StoredArticle]:
        """The stored articles in id order (their heads, not their texts)."""
        columns = [articles.c[name] for name in StoredArticle.__slots__]
        stmt = select(*columns).order_by(articles.c.id).limit(limit)
        with self._db_errors("read articles"), self._engine.connect() as conn:
            return [StoredArticle(**row) for row in conn.execute(stmt).mappings()]

    def _count(self, stmt: Select[Any]) -> int:
        with self._db_errors("count rows"), self._engine.connect() as conn:
            return int(conn.scalar(stmt) or 0)


def _widen(old: LearnedPerson | None, new: LearnedPerson) -> LearnedPerson:
    """One sighting more: the earliest first date and the latest last date; the rest of
    the first sighting kept (its evidence is the sentence that taught us)."""
    if old is None:
        return new
    firsts = [d for d in (old.first_seen, new.first_seen) if d]
    lasts = [d for d in (old.last_seen, new.last_seen) if d]
    return LearnedPerson(
        old.name,
        old.country,
        old.office or new.office,
        old.sector or new.sector,
        min(firsts) if firsts else None,
        max(lasts) if lasts else None,
        old.article_id or new.article_id,
        old.evidence or new.evidence,
    )


def _last_per_article(results: Sequence[ArticleResult]) -> list[ArticleResult]:
    """One result per article id, the last one given (as re-saving it later would)."""
    by_id: dict[str, ArticleResult] = {}
    for result in results:
        if result.article.id in by_id:
            logger.warning("article %s appears twice in one batch; keeping the last", result.article.id)
            del by_id[result.article.id]
        by_id[result.article.id] = result
    return list(by_id.values())


def _delete_articles(conn: Connection, ids: Sequence[str]) -> None:
    """Remove the articles and everything derived from them (children first)."""
    for chunk in _chunks(ids):
        event_ids = select(events.c.id).where(events.c.article_id.in_(chunk))
        conn.execute(delete(event_actors).where(event_actors.c.event_id.in_(event_ids)))
        conn.execute(delete(events).where(events.c.article_id.in_(chunk)))
        conn.execute(delete(entities).where(entities.c.article_id.in_(chunk)))
        conn.execute(delete(sentences).where(sentences.c.article_id.in_(chunk)))
        conn.execute(delete(articles).where(articles.c.id.in_(chunk)))
