"""``outposts extract``, ``geoparse`` and ``ingest``: reports in, coded events out
(to stdout, or into the store)."""

from __future__ import annotations

import json
import sys

import click

from ..records import Event
from .options import (EVENT_FORMATS, Inputs, build_pipeline, db_option, engine_options,
                      limits_options, pipeline_options, progress, published_option, run, warn,
                      write_events)


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@published_option
@click.option("--format", "fmt", type=click.Choice(EVENT_FORMATS), default="jsonl", show_default=True)
@pipeline_options
@limits_options
@engine_options
def extract(inputs, published, fmt, settings, strict, limits, engine, jobs,
            scheduler, chunk):
    """Print the events coded from INPUTS (files, directories, or - for stdin).

    Only events go to stdout; errors and warnings go to stderr. Every engine
    (--jobs, --engine dask) prints the same events in the same order.
    """
    pipe = build_pipeline(settings)
    reader = Inputs(inputs, strict, limits)
    events: list[Event] = []
    streaming = fmt == "jsonl"
    for ex in progress(run(pipe, reader, published, engine, jobs, scheduler, chunk), "extract"):
        warn(ex)
        if streaming:
            write_events(list(ex.events), fmt)
        else:
            events.extend(ex.events)
    if not streaming:
        write_events(events, fmt)
    sys.exit(1 if reader.errors else 0)


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@published_option
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@pipeline_options
@limits_options
def geoparse(inputs, published, fmt, settings, strict, limits):
    """Print one JSON object per place named in INPUTS, resolved against the gazetteer."""
    pipe = build_pipeline(settings)
    reader = Inputs(inputs, strict, limits)
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


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@published_option
@pipeline_options
@limits_options
@engine_options
def ingest(inputs, db, published, settings, strict, limits, engine, jobs,
           scheduler, chunk):
    """Code INPUTS and keep reports, comments, places and events in the store.

    Idempotent: a report already stored (same id) is skipped. One transaction
    per report, so a crash or kill never leaves a half-written report. Several
    ingests may write to one store at once (SQLite file or PostgreSQL).
    """
    from ..store import open_store

    pipe = build_pipeline(settings)
    reader = Inputs(inputs, strict, limits)
    added = skipped = events = 0
    with open_store(db) as store:
        for ex in progress(run(pipe, reader, published, engine, jobs, scheduler, chunk), "ingest"):
            warn(ex)
            if store.add(ex):
                added += 1
                events += len(ex.events)
            else:
                skipped += 1
    click.echo(f"ingested {added} reports ({events} events); {skipped} already stored; {reader.errors} errors", err=True)
    sys.exit(1 if reader.errors else 0)


