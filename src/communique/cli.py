"""The ``communique`` command line: a thin shell over the library.

Each command parses its options, calls one library function and renders the result.
Typed errors become a one-line message and the error's exit code; nothing else is caught.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator

import click
from rich.console import Console
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
    help="table for reading, jsonl for the CONTRACT.md event record (one per line).",
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


def _extractor(settings: Settings):
    from communique.extract import Extractor

    with _console(err=True).status(f"Loading {settings.model} ..."):
        return Extractor(model=settings.model, batch_size=settings.batch_size, actors_file=settings.actors)


def _articles(paths: Iterable[str], date: dt.date | None) -> tuple[list, list[Rejection]]:
    from communique.fileio import read_articles

    articles, rejected = [], []
    for item in read_articles(list(paths), default_date=date):
        (rejected if isinstance(item, Rejection) else articles).append(item)
    return articles, rejected


def _report_rejections(rejected: list[Rejection]) -> None:
    err = _console(err=True)
    for r in rejected:
        err.print(f"[red]rejected[/red] {r.describe()}", highlight=False)


@cli.command()
@click.argument("path", nargs=-1, required=True, type=click.Path())
@click.option("--date", callback=_date, help="Publication date for articles that carry none.")
@OUTPUT_FORMAT_OPTION
@click.option(
    "--entities", is_flag=True, help="Print each article's resolved actors instead of its events."
)
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
@click.pass_obj
def ingest(settings: Settings, path: tuple[str, ...], db: str | None) -> None:
    """Read articles from PATH..., extract their events and store them (resumable)."""
    from communique.batch import IngestConfig
    from communique.batch import ingest as run_ingest
    from communique.store import open_store

    console = _console(err=True)
    url = db or settings.db
    extractor = _extractor(settings)
    config = IngestConfig(model=settings.model, batch_size=settings.batch_size)
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
    with open_store(url) as store, progress:
        task = progress.add_task("", total=None)

        def tick(item_id: str) -> None:
            progress.update(task, advance=1, description=str(item_id)[:40])

        with _interrupt_requests() as stop_requested:
            report = run_ingest(
                path, store, config, extractor=extractor, on_article=tick, should_stop=stop_requested
            )
        total = store.event_count()
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
    help="jsonl (CONTRACT.md record), csv, parquet (needs -o) or tsv-dyadic (CAMEO dyads).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@click.pass_obj
def export(settings: Settings, fmt: str, output: str | None, **filters) -> None:
    """Export stored events: JSONL (the CONTRACT.md record), CSV, Parquet or dyadic CAMEO TSV."""
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
        console.rule(f"{result.article.id}  (article date: {result.article.date or basis})")
        for ex in result.explanations:
            console.print(
                f"[bold]#{ex.sentence.index}[/bold] [{ex.sentence.start}:{ex.sentence.end}] "
                f"{ex.sentence.text.strip()}",
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


def _render_events(events: list[Event], fmt: str) -> None:
    if fmt == "jsonl":
        from communique.fileio import write_events

        write_events(events, sys.stdout, format="jsonl")
        return
    console = _console()
    table = Table(show_lines=False, header_style="bold")
    for col in ("date", "event", "cameo", "actor", "recipient", "modality", "trigger", "article"):
        table.add_column(col, overflow="fold")
    for ev in events:
        when = ev.date or "-"
        if ev.enddate:
            when += f"..{ev.enddate}"
        table.add_row(
            when,
            ev.event + (f"/{ev.mode}" if ev.mode else ""),
            ev.cameo,
            _names(ev.actor),
            _names(ev.recipient),
            ev.modality,
            ev.event_text,
            ev.article_id,
        )
    console.print(table)
    console.print(f"{len(events)} events", style="dim")


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


if __name__ == "__main__":
    main()
