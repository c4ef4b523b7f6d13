"""``outposts events``, ``stats`` and ``info``: what the store (and this install) holds."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .options import DATE, EVENT_FORMATS, db_option, write_events


@click.command()
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
    from ..store import open_store

    near_at = None
    if near:
        from ..places import Gazetteer

        with Gazetteer.open() as gaz:
            found = gaz.lookup(near, limit=1)
        if not found:
            raise click.ClickException(f"no place called {near!r} in the gazetteer")
        near_at = (found[0].latitude, found[0].longitude, km)
    with open_store(db) as store:
        rows = list(store.events(since=since, until=until, type=type_, actor=actor, near=near_at,
                                 limit=limit if unmerged else None))
    if not unmerged:
        from ..merge import merged_output

        rows, fmt = merged_output(rows, fmt, limit)
    if fmt == "parquet":
        if output is None:
            raise click.UsageError("--format parquet needs --output FILE")
        from ..export import write_parquet

        write_parquet(rows, output)
        return
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            write_events(rows, fmt, fh)
    else:
        write_events(rows, fmt)


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats(db, fmt):
    """Counts of reports, comments and events in the store."""
    from ..store import open_store

    with open_store(db) as store:
        counts = store.stats()
    if fmt == "json":
        click.echo(json.dumps(counts))
    else:
        for key, value in counts.items():
            click.echo(f"{key:10} {value}")


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def info(fmt):
    """Version, spaCy pipeline, gazetteer and store."""
    from ..info import collect

    facts = collect()
    if fmt == "json":
        click.echo(json.dumps(facts, indent=2))
    else:
        for key, value in facts.items():
            click.echo(f"{key:18} {value}")


