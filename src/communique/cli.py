"""The ``communique`` command line: a thin shell over the library.

Each command parses its options, calls one library function and renders the result.
Typed errors become a one-line message and the error's exit code; nothing else is caught.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import json
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from communique.errors import CommuniqueError, InputError
from communique.model import EVENT_TYPES, Event, Rejection
from communique.settings import Settings

OUTPUT_FORMATS = ("table", "jsonl")
EXPORT_FORMATS = ("jsonl", "csv", "parquet", "tsv-dyadic")
EXIT_REJECTED = 3
EXIT_INTERRUPTED = 130
INTERRUPTED = "Interrupted; everything committed so far is kept. Run the same command again to resume."


OUTPUT_FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(OUTPUT_FORMATS),
    default="table",
    show_default=True,
    help="table for reading, jsonl for the event record of docs/record.md (one per line).",
)


def _console(err: bool = False) -> Console:
    # soft_wrap: a long file name in a report stays on one line when stderr is a file.
    return Console(stderr=err, soft_wrap=err)


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--model", default=None, help="spaCy pipeline to build on (env COMMUNIQUE_MODEL).")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug).")
@click.version_option(package_name="communique")
@click.pass_context
def cli(ctx: click.Context, model: str | None, verbose: int) -> None:
    """Communique: turn diplomatic news into coded, queryable event data."""
    settings = Settings()
    if model:
        settings = settings.model_copy(update={"model": model})
    level = [settings.log_level, "INFO", "DEBUG"][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = settings


def _extractor(settings: Settings, *, learn_from_text: bool = True):
    from communique.extract import Extractor

    with _console(err=True).status(f"Loading {settings.model} ..."):
        return Extractor(
            model=settings.model,
            batch_size=settings.batch_size,
            actors_file=settings.actors,
            learn_from_text=learn_from_text,
            cache_dir=settings.kb_cache_dir,
        )


def _articles(paths: Iterable[str], date: dt.date | None) -> tuple[list, list[Rejection]]:
    from communique.fileio import read_articles

    articles, rejected, skipped = [], [], []
    for item in read_articles(list(paths), default_date=date, on_skip=skipped.append):
        (rejected if isinstance(item, Rejection) else articles).append(item)
    _notice_skipped(skipped)
    return articles, rejected


def _notice_skipped(skipped: list[str], shown: int = 5) -> None:
    """One line for all files of folders that are not articles (README.md, notes.pdf)."""
    if not skipped:
        return
    from pathlib import Path

    from communique.fileio import SUPPORTED_SUFFIXES

    names = ", ".join(Path(s).name for s in skipped[:shown])
    more = f" and {len(skipped) - shown} more" if len(skipped) > shown else ""
    _console(err=True).print(
        f"notice: skipped {len(skipped)} file(s) in folders that are not articles "
        f"(only {' '.join(SUPPORTED_SUFFIXES)} are read): {names}{more}",
        highlight=False,
        soft_wrap=True,
    )


def _report_rejections(rejected: list[Rejection]) -> None:
    err = _console(err=True)
    for r in rejected:
        err.print(f"[red]rejected[/red] {r.describe()}", highlight=False)


@cli.command()
@click.argument("path", nargs=-1, required=True, type=click.Path())
@click.option("--date", callback=_date, help="Publication date for articles that carry none.")
@OUTPUT_FORMAT_OPTION
@click.option("--entities", is_flag=True, help="Print each article's resolved actors instead of its events.")
@click.option(
    "--source",
    default=None,
    help="Publisher URL or name for articles that carry none (whitehouse.gov, kremlin.ru, ...).",
)
@click.pass_obj
def extract(
    settings: Settings,
    path: tuple[str, ...],
    date: dt.date | None,
    fmt: str,
    entities: bool = False,
    source: str | None = None,
) -> None:
    """Extract events from PATH (a .txt article, a folder, or a JSONL/CSV file) without a database."""
    articles, rejected = _articles(path, date)
    if source:
        articles = [a if (a.url or a.source) else dataclasses.replace(a, source=source) for a in articles]
    _report_rejections(rejected)
    extractor = _extractor(settings)
    events: list[Event] = []
    for result in extractor.extract_many(articles):
        if entities:
            _render_entities(result, fmt)
        events.extend(result.events)
    if not entities:
        _render_events(events, fmt)
    if rejected:
        sys.exit(EXIT_REJECTED)


@cli.command()
@click.argument("path", nargs=-1, required=True, type=click.Path())
@click.option("--db", default=None, help="Database URL (default sqlite:///communique.db; env COMMUNIQUE_DB).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Extraction processes (default: the number of cores; env COMMUNIQUE_WORKERS). "
    "1 extracts in this process. With --dask local: the number of Dask workers.",
)
@click.option(
    "--dask",
    "dask_address",
    default=None,
    metavar="ADDRESS",
    help="Extract on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' for a "
    "LocalCluster on this machine. Needs pip install 'communique[dask]'.",
)
@click.pass_obj
def ingest(
    settings: Settings, path: tuple[str, ...], db: str | None, workers: int | None, dask_address: str | None
) -> None:
    """Read articles from PATH..., extract their events and store them (resumable).

    Extraction runs in parallel (--workers, --dask); one writer commits the results in
    batches, so the stored events are the same whatever the number of workers.
    """
    from communique.batch import SerialRunner
    from communique.batch import ingest as run_ingest

    console = _console(err=True)
    url = db or settings.db
    n_workers = workers or settings.workers or os.cpu_count() or 1
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest[/bold] {task.completed} articles"),
        BarColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=False,
    )
    # The runner first: its workers load their pipelines while this process opens the store.
    with _runner(settings, n_workers, dask_address) as (runner, config), _late_store(url) as store, progress:
        if not isinstance(runner, SerialRunner):
            with console.status(f"Loading {settings.model} on {runner.workers} workers ..."):
                runner.pipeline_version  # noqa: B018 - waits for the workers' pipelines
        task = progress.add_task("", total=None)
        started = time.monotonic()

        def tick(report) -> None:
            done = report.articles_coded + report.articles_skipped
            rate = report.articles_coded / max(time.monotonic() - started, 1e-6)
            progress.update(
                task,
                completed=done,
                description=f"{report.events} events, {len(report.rejections)} rejected, "
                f"{rate:.1f} articles/s",
            )

        with _interrupt_requests() as stop_requested:
            report = run_ingest(
                path, store, config, runner=runner, on_progress=tick, should_stop=stop_requested
            )
        total = store.event_count()
    for run in report.killed_runs:
        console.print(
            f"notice: run {run.id} (started {run.started_at}, pid {run.pid}) was killed before it "
            f"finished; marked interrupted. Its {run.articles} committed articles are kept and "
            "this run resumed after them.",
            highlight=False,
            soft_wrap=True,
        )
    _notice_skipped(report.not_articles)
    _report_rejections(report.rejections)
    console.print(
        f"{report.articles_read} articles read, {report.articles_coded} coded, "
        f"{report.articles_skipped} already current, {report.events} events stored, "
        f"{len(report.rejections)} rejected. Database {url} now holds {total} events.",
        highlight=False,
    )
    if report.status == "interrupted":
        console.print(INTERRUPTED, highlight=False)
        sys.exit(EXIT_INTERRUPTED)
    if report.rejections:
        sys.exit(EXIT_REJECTED)


@contextlib.contextmanager
def _runner(settings: Settings, workers: int, dask_address: str | None) -> Iterator[tuple]:
    """The runner the options ask for, closed (workers stopped) on the way out."""
    from communique.batch import IngestConfig, ProcessRunner, SerialRunner

    config = IngestConfig(
        model=settings.model,
        batch_size=settings.batch_size,
        actors_file=settings.actors,
        cache_dir=settings.kb_cache_dir,
    )
    status = _console(err=True).status
    if dask_address:
        from communique.batch.dask import DaskRunner

        where = f"a LocalCluster of {workers} workers" if dask_address == "local" else dask_address
        # Dask sets its own loggers to INFO; here only errors show, unless -v asks for more.
        level = logging.getLogger().getEffectiveLevel()
        logging.getLogger("distributed").setLevel(level if level < logging.WARNING else logging.ERROR)
        with status(f"Starting Dask on {where} ..."):
            runner = DaskRunner(config.worker_config(), dask_address, workers=workers)
    elif workers > 1:
        runner = ProcessRunner(config.worker_config(), workers)
    else:
        runner = SerialRunner(_extractor(settings, learn_from_text=False))
    try:
        yield runner, config  # the workers are loading their pipelines (ingest waits for them)
    finally:
        runner.close()


def _late_store(url: str):
    """``open_store``, imported when called: ``ingest`` calls it once its runner has started
    the workers, which so start before this process imports SQLAlchemy (~0.25 s earlier)."""
    from communique.store import open_store

    return open_store(url)


@contextlib.contextmanager
def _interrupt_requests() -> Iterator[Callable[[], bool]]:
    """Turn the first Ctrl-C into a stop request that ingest honours at a clean point
    (between articles and batches); a second Ctrl-C stops at once."""
    requested = threading.Event()

    def on_sigint(_signum: int, _frame: object) -> None:
        if requested.is_set():
            raise KeyboardInterrupt
        requested.set()
        _console(err=True).print("Stopping after the current batch (Ctrl-C again to stop now) ...")

    try:
        previous = signal.signal(signal.SIGINT, on_sigint)
    except ValueError:  # not in the main thread (e.g. called from a test runner thread)
        yield requested.is_set
        return
    try:
        yield requested.is_set
    finally:
        signal.signal(signal.SIGINT, previous)


def _filters(fn):
    for option in reversed(
        [
            click.option("--db", default=None, help="Database URL (env COMMUNIQUE_DB)."),
            click.option("--actor", help="Actor or recipient name contains this (case-insensitive)."),
            click.option("--country", help="Actor or recipient country: ISO3 (KAZ) or body (EU, UN)."),
            click.option(
                "--event",
                "event_type",
                type=click.Choice(EVENT_TYPES, case_sensitive=False),
                help="PLOVER event type.",
            ),
            click.option("--since", help="Events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
            click.option("--until", help="Events on or before this date."),
            click.option("--article", help="Only this article id."),
            click.option("--limit", type=int, help="At most this many events."),
        ]
    ):
        fn = option(fn)
    return fn


def _query(settings: Settings, db, actor, country, event_type, since, until, article, limit) -> list[Event]:
    from communique.store import open_store

    with open_store(db or settings.db, create=False) as store:
        return list(
            store.events(
                actor=actor,
                country=country,
                event=event_type,
                since=since,
                until=until,
                article=article,
                limit=limit,
            )
        )


@cli.command()
@_filters
@OUTPUT_FORMAT_OPTION
@click.pass_obj
def events(settings: Settings, fmt: str, **filters) -> None:
    """List stored events, filtered by actor, country, type, dates or article."""
    _render_events(_query(settings, **filters), fmt)


@cli.command()
@_filters
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="jsonl",
    show_default=True,
    help="jsonl (the record of docs/record.md), csv, parquet (needs -o) or tsv-dyadic (CAMEO dyads).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@click.pass_obj
def export(settings: Settings, fmt: str, output: str | None, **filters) -> None:
    """Export stored events: JSONL (the record of docs/record.md), CSV, Parquet or dyadic CAMEO TSV."""
    from communique.errors import ConfigError
    from communique.fileio import write_events

    if fmt == "parquet" and output is None:
        raise ConfigError("parquet needs a file: add -o FILE.parquet")
    found = _query(settings, **filters)
    count = write_events(found, output or sys.stdout, format=fmt)
    if output:
        _console(err=True).print(f"{count} events written to {output}", highlight=False)


@cli.command()
@click.argument("path", nargs=-1, required=True, type=click.Path())
@click.option("--date", callback=_date, help="Publication date for articles that carry none.")
@click.pass_obj
def explain(settings: Settings, path: tuple[str, ...], date: dt.date | None) -> None:
    """Show, sentence by sentence, what was seen and why each trigger did or did not become an event."""
    articles, rejected = _articles(path, date)
    _report_rejections(rejected)
    extractor = _extractor(settings)
    console = _console()
    for result in extractor.extract_many(articles):
        basis = (
            "given"
            if result.article.date
            else (f"inferred {result.inferred_date}" if result.inferred_date else "unknown")
        )
        console.rule(f"{result.article.id}  (article date: {result.article.date_iso or basis})")
        if result.article.dateline:
            console.print(f"dateline {result.article.dateline!r}", highlight=False)
        if result.inferred_date and result.inferred_from:
            console.print(
                f"article date {result.inferred_date} inferred from {result.inferred_from}", highlight=False
            )
        for ex in result.explanations:
            console.print(
                f"[bold]#{ex.sentence.index}[/bold] [{ex.sentence.start}:{ex.sentence.end}] "
                f"{escape(ex.sentence.text.strip())}",  # a Markdown link's [words] is text, not style
                highlight=False,
            )
            for m in ex.entities:
                e = m.entity
                desc = ", ".join(x for x in (e.name, e.office, e.country, e.sector) if x)
                console.print(f"    actor   '{e.entity_text}' -> {e.kind}: {desc}", highlight=False)
                if m.how:
                    console.print(f"            how: {m.how}", highlight=False)
            for d in ex.dates:
                console.print(f"    date    {d}", highlight=False)
            for t in ex.triggers:
                if t.merged_into is not None:
                    verdict = f"[green]event[/green], the same as '{t.merged_into.event_text}' (merged)"
                elif t.coded:
                    verdict = "[green]event[/green]"
                else:
                    verdict = f"[yellow]no event[/yellow]: {t.reason}"
                console.print(
                    f"    trigger '{t.event_text}' ({t.event} {t.cameo}) -> {verdict}",
                    highlight=False,
                )
                if t.rule:
                    console.print(f"            rule: {t.rule}", highlight=False, style="dim")
            for ev in ex.events:
                console.print(f"    [green]=>[/green] {_one_line(ev)}", highlight=False)
            if not ex.triggers:
                console.print("    (no trigger word: no event reported here)", style="dim")
        if not result.events:
            console.print("[yellow]No events in this article; the lines above say why.[/yellow]")
    if rejected:
        sys.exit(EXIT_REJECTED)


@cli.command()
@click.option("--db", default=None, help="Database URL (env COMMUNIQUE_DB).")
@click.pass_obj
def rejections(settings: Settings, db: str | None) -> None:
    """List input items that could not be read or processed, with file, line and reason."""
    from communique.store import open_store

    with open_store(db or settings.db, create=False) as store:
        items = store.rejections()
    for r in items:
        click.echo(r.describe())
    if not items:
        _console(err=True).print("No rejected items.")


@cli.command()
@click.option("--db", default=None, help="Database URL (env COMMUNIQUE_DB).")
@click.pass_obj
def runs(settings: Settings, db: str | None) -> None:
    """List ingest runs: when, how many articles and events, and how each ended
    (ok, failed, interrupted, or still running)."""
    from communique.store import open_store

    with open_store(db or settings.db, create=False) as store:
        found = store.runs()
    header = ("run", "started", "finished", "status", "articles", "events", "rejected", "pipeline")
    rows = [
        (
            str(r.id),
            r.started_at[:19],
            (r.finished_at or "-")[:19],
            r.status,
            str(r.articles),
            str(r.events),
            str(r.rejected),
            r.pipeline_version,
        )
        for r in found
    ]
    for text in _plain_columns(header, rows):
        click.echo(text.rstrip())


@cli.command()
@click.option("--db", default=None, help="Database URL (env COMMUNIQUE_DB).")
@click.option("--limit", type=int, default=None, help="Show at most N articles.")
@click.pass_obj
def articles(settings: Settings, db: str | None, limit: int | None) -> None:
    """List stored articles: id, date (given, or inferred from the text: "~"), dateline and title."""
    from communique.store import open_store

    with open_store(db or settings.db, create=False) as store:
        found = store.articles(limit=limit)
    header = ("article", "date", "dateline", "title")
    rows = [
        (
            a.id,
            a.date or (f"~{a.inferred_date}" if a.inferred_date else "-"),
            a.dateline or "-",
            (a.title or "-")[:60],
        )
        for a in found
    ]
    for text in _plain_columns(header, rows):
        click.echo(text.rstrip())
    if not found:
        _console(err=True).print("No stored articles.")


def _names(entities) -> str:
    return " + ".join(f"{e.name or e.entity_text} ({e.country or '?'})" for e in entities) or "-"


def _one_line(ev: Event) -> str:
    when = ev.date or "undated"
    if ev.enddate:
        when += f"..{ev.enddate}"
    mode = f"/{ev.mode}" if ev.mode else ""
    return (
        f"{when} {ev.event}{mode} {ev.cameo}: {_names(ev.actor)} -> {_names(ev.recipient)}"
        f' [{ev.modality}] "{ev.event_text}"'
    )


EVENT_COLUMNS = ("date", "event", "cameo", "actor", "recipient", "modality", "trigger", "article")
#: Below this terminal width a boxed table folds every cell into slivers: print plain rows.
MIN_TABLE_WIDTH = 120


def _event_row(ev: Event) -> tuple[str, ...]:
    when = ev.date or "-"
    if ev.enddate:
        when += f"..{ev.enddate}"
    return (
        when,
        ev.event + (f"/{ev.mode}" if ev.mode else ""),
        ev.cameo,
        _names(ev.actor),
        _names(ev.recipient),
        ev.modality,
        ev.event_text,
        ev.article_id,
    )


def _plain_columns(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """One line per row, columns padded to their widest cell (the last is not padded):
    what `column -t` gives, readable in a pipe, a file, `less -S` or a narrow terminal."""
    widths = [max([len(header[i])] + [len(r[i]) for r in rows]) for i in range(len(header) - 1)]

    def line(cells: tuple[str, ...]) -> str:
        padded = [c.replace("\n", " ").ljust(w) for c, w in zip(cells, widths, strict=False)]
        return "  ".join([*padded, cells[-1]])

    return [line(header), *(line(r) for r in rows)]


@cli.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--input", "inputs", multiple=True, type=click.Path(), help="Articles to extract and score.")
@click.option(
    "--pred", type=click.Path(exists=True, dir_okay=False), help="Events already extracted (JSONL)."
)
@click.option("--date", callback=_date, help="Publication date for input articles that carry none.")
@click.option("-v", "--verbose", "verbose", is_flag=True, help="List every missed gold event and extra.")
@click.pass_obj
def eval_(
    settings: Settings,
    gold: str,
    inputs: tuple[str, ...],
    pred: str | None,
    date: dt.date | None,
    verbose: bool,
) -> None:
    """Score events against GOLD, a JSONL file of hand-coded event records.

    Give the events with --pred (a JSONL export) or the articles with --input. Prints
    precision, recall and F1 of the required gold events, with and without dates, and per
    event type; the matching rule is that of the project's scorer (see communique.evaluate).
    """
    from communique.evaluate import evaluate, load_records

    if bool(inputs) == bool(pred):
        raise click.UsageError("give either --input ARTICLES or --pred EVENTS.jsonl")
    golds = load_records(gold)
    rejected: list[Rejection] = []
    if pred:
        preds = load_records(pred)
    else:
        articles, rejected = _articles(inputs, date)
        _report_rejections(rejected)
        preds = [e.to_dict() for r in _extractor(settings).extract_many(articles) for e in r.events]
    result = evaluate(golds, preds)
    console = _console()
    table = Table(header_style="bold")
    for col in ("", "prec", "recall", "F1", "found", "required", "pred", "extras"):
        table.add_column(col or "events", justify="right" if col else "left", no_wrap=True)
    rows = [("with dates", result.dated), ("without dates", result.undated)]
    rows += [(f"  {kind}", tally) for kind, tally in result.by_type.items()]
    for label, tally in rows:
        s = tally.summary()
        table.add_row(
            label, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
            *(str(s[k]) for k in ("found", "required", "predicted", "extras")),
        )  # fmt: skip
    console.print(table)
    console.print("per-type rows are dated", style="dim")
    if verbose:
        for g in result.dated.misses:
            console.print(f"MISS  {_brief(g, g.get('event_text'))}", highlight=False)
        for p in result.dated.extras:
            console.print(f"EXTRA {_brief(p, p.get('event_text'))}", highlight=False)
    if rejected:
        sys.exit(EXIT_REJECTED)


def _brief(record: dict, words: str | None) -> str:
    from communique.evaluate import country_of

    def side(key: str) -> str:
        return ",".join(str(country_of(e)) for e in record.get(key) or []) or "-"

    return (
        f"{record.get('article_id')} {record.get('event')} {record.get('cameo')} "
        f"{side('actor')} -> {side('recipient')} {record.get('date')} | {words or ''}"
    )


def _render_events(events: list[Event], fmt: str) -> None:
    if fmt == "jsonl":
        from communique.fileio import write_events

        write_events(events, sys.stdout, format="jsonl")
        return
    rows = [_event_row(ev) for ev in events]
    console = _console()
    if not console.is_terminal or console.width < MIN_TABLE_WIDTH:
        for text in _plain_columns(EVENT_COLUMNS, rows):
            click.echo(text.rstrip())
        click.echo(f"{len(events)} events")
        return
    table = Table(show_lines=False, header_style="bold")
    for col in EVENT_COLUMNS:
        short = col in ("date", "event", "cameo", "modality")
        table.add_column(col, overflow="fold", no_wrap=short)
    for row in rows:
        table.add_row(*row)
    console.print(table)
    console.print(f"{len(events)} events", style="dim")


def _text_or_file(value: str) -> tuple[str, str]:
    """(id, text) of a TEXT_OR_FILE argument: a readable file's contents, else the text itself."""
    from pathlib import Path

    path = Path(value)
    try:
        if len(value) < 4096 and path.is_file():
            return path.name, path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.BadParameter(f"{value}: {exc}") from exc
    return "text", value


def _analyse(settings: Settings, text_or_file: str, date: dt.date | None):
    from communique.model import Article

    article_id, text = _text_or_file(text_or_file)
    return _extractor(settings).extract(Article(id=article_id, text=text, date=date))


@cli.command()
@click.argument("text_or_file")
@click.option("--date", callback=_date, help="Article date the relative expressions are resolved against.")
@click.pass_obj
def dates(settings: Settings, text_or_file: str, date: dt.date | None) -> None:
    """Print every time expression of TEXT_OR_FILE (a file or the text itself), one JSON object a line.

    Each has start/end character offsets, text, value (ISO), enddate for a range,
    precision and kind (date, duration or set; durations and sets have no value). Without
    --date, relative expressions resolve against the date inferred from the text.
    """
    import json

    for expression in _analyse(settings, text_or_file, date).time_expressions:
        click.echo(json.dumps(expression.to_dict(), ensure_ascii=False))


@cli.command()
@click.argument("text_or_file")
@click.pass_obj
def places(settings: Settings, text_or_file: str) -> None:
    """Print every place named in TEXT_OR_FILE with its GeoNames resolution, one JSON object a line."""
    import json

    for place in _analyse(settings, text_or_file, None).places:
        click.echo(json.dumps(place.to_dict(), ensure_ascii=False))


def _render_entities(result, fmt: str) -> None:
    from communique.extract import article_entities

    rows = article_entities(result)
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    console = _console()
    table = Table(title=result.article.id, header_style="bold")
    for col in ("name", "kind", "office", "country", "sector", "mentions", "how"):
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(
            *(str(row[c] or "-") for c in ("name", "kind", "office", "country", "sector")),
            "; ".join(row["mentions"]),
            str(row["how"] or "-"),
        )
    console.print(table)


@cli.group(invoke_without_command=True)
@click.option("--country", default=None, help="Only people of this country or body (KAZ, EU).")
@click.option("--office", default=None, help="Only this office (head_of_state, foreign_minister, ...).")
@click.option("--on", "on", callback=_date, help="Only offices held on this date (YYYY-MM-DD).")
@click.option("--limit", default=200, show_default=True, help="Rows to print at most.")
@click.pass_context
def actors(
    ctx: click.Context, country: str | None, office: str | None, on: dt.date | None, limit: int
) -> None:
    """List the people the knowledge base knows, with their offices and dates."""
    if ctx.invoked_subcommand is not None:
        return
    from communique.codebook.people import default_people

    rows = default_people().spells(country=country, office=office, on=on)
    console = _console()
    table = Table(header_style="bold")
    for col in ("name", "country", "office", "sector", "start", "end", "source"):
        table.add_column(col, overflow="fold")
    shown = 0
    for person, spell in rows:
        if shown >= limit:
            break
        shown += 1
        table.add_row(
            person.name,
            spell.country,
            spell.office or "-",
            spell.sector or "-",
            str(spell.start or "-"),
            str(spell.end or "-"),
            spell.source,
        )
    console.print(table)
    console.print(f"{shown} rows (--limit {limit})", style="dim")


@actors.command("show")
@click.argument("name")
@click.option("--db", default=None, help="Database whose learned people to show too (env COMMUNIQUE_DB).")
@click.pass_obj
def actors_show(settings: Settings, name: str, db: str | None) -> None:
    """Show NAME's offices over time, with the source of each row (and learned evidence)."""
    from communique.codebook.people import default_people
    from communique.errors import StoreError
    from communique.store import open_store

    people = default_people().find(name)
    learned = []
    try:
        with open_store(db or settings.db, create=False) as store:
            learned = store.people(name=name)
    except StoreError:
        pass  # no database yet: the knowledge base alone
    if not people and not learned:
        raise click.ClickException(f"no person named {name!r} in the knowledge base or the database")
    console = _console()
    for p in learned:
        console.print(
            f"[bold]{p.name}[/bold] (learned from the text): "
            f"{p.country} {p.office or '-'} {p.sector or '-'}, "
            f"seen {p.first_seen or '?'}..{p.last_seen or '?'} in {p.article_id}",
            highlight=False,
        )
        console.print(f'    evidence: "{p.evidence}"', highlight=False)
    for person in people:
        aliases = f" (also: {', '.join(person.aliases[:8])})" if person.aliases else ""
        console.print(f"[bold]{person.name}[/bold]{aliases}", highlight=False)
        for spell in sorted(person.spells, key=lambda s: (s.start or dt.date.min, s.end or dt.date.max)):
            console.print(f"    {spell.describe()}", highlight=False)


@actors.command("resolve")
@click.argument("text", required=False)
@click.option("--date", callback=_date, help="The date the text speaks of (YYYY-MM-DD).")
@click.option("--context", default=None, help="A sentence containing TEXT.")
@click.option("--source", default=None, help="Publisher URL or name (whitehouse.gov, kremlin.ru, ...).")
@click.option(
    "--input",
    "input_file",
    type=click.Path(exists=True, dir_okay=False),
    help="JSON lines {text, date?, context?, source?}: one answer line per input line.",
)
@click.pass_obj
def actors_resolve(
    settings: Settings,
    text: str | None,
    date: dt.date | None,
    context: str | None,
    source: str | None,
    input_file: str | None,
) -> None:
    """Resolve TEXT (a name, title or description) to {name, kind, office, country, sector, code, how}."""
    if (text is None) == (input_file is None):
        raise click.UsageError("give TEXT or --input FILE")
    extractor = _extractor(settings)
    if text is not None:
        found = extractor.resolve_actor(text, date=date, context=context, source=source)
        click.echo(json.dumps(found.to_dict(), ensure_ascii=False))
        return
    with open(input_file, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                when = dt.date.fromisoformat(item["date"]) if item.get("date") else date
                phrase = item["text"]
            except (ValueError, KeyError, TypeError) as exc:
                reason = f"expected {{text, date?, context?}} ({exc})"
                raise InputError(input_file, reason, line=number) from exc
            found = extractor.resolve_actor(
                phrase, date=when, context=item.get("context") or context, source=item.get("source") or source
            )
            click.echo(json.dumps(found.to_dict(), ensure_ascii=False))


def main() -> None:
    """Entry point: run the CLI and turn typed errors into a message and an exit code."""
    try:
        _main()
    finally:
        _skip_exit_collection()


def _main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(INTERRUPTED, err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except CommuniqueError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo(INTERRUPTED, err=True)
        sys.exit(EXIT_INTERRUPTED)


def _skip_exit_collection() -> None:
    """The process is about to end: move every object out of the collector's reach.

    At exit the interpreter runs full garbage collections over everything still alive;
    with a loaded pipeline (~300,000 long-lived objects: the people knowledge base,
    matchers, the model) they took ~0.7 CPU s of every ``ingest`` or ``extract`` command,
    to free memory the operating system takes back anyway. Frozen objects are skipped
    by those collections; files and databases are closed by their commands' ``with``
    blocks before this point, and atexit handlers run as before."""
    gc.freeze()


if __name__ == "__main__":
    main()
