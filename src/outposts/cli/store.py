"""``outposts events``, ``stats`` and ``info``: what the store (and this install) holds."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .options import DATE, EVENT_FORMATS, db_option, existing_store, write_events

# What `events --near` shows unless --limit says otherwise: the events around a place
# grow with the archive, the first page of them does not.
NEAR_LIMIT = 100


@click.command()
@db_option
@click.option("--since", type=DATE, help="Events on or after this date.")
@click.option("--until", type=DATE, help="Events on or before this date.")
@click.option("--type", "type_", metavar="TYPE", help="Event type or sub-event type (case-insensitive).")
@click.option("--actor", metavar="NAME", help="Substring of actor1, actor2 or associated actors.")
@click.option("--near", metavar="PLACE", help="Only events within --km of this place (a gazetteer name).")
@click.option("--km", type=click.FloatRange(0, 20000), default=25.0, show_default=True, help="Radius for --near, in km.")
@click.option("--limit", type=click.IntRange(0), help="At most this many events (with --near: "
              f"{NEAR_LIMIT} unless given; 0: all).")
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
    cut = near_at is not None and limit is None
    if cut:
        limit = NEAR_LIMIT
    elif limit == 0:
        limit = None
    filters = dict(since=since, until=until, type=type_, actor=actor, near=near_at)
    with open_store(existing_store(db)) as store:
        if unmerged:
            rows = list(store.events(limit=limit + 1 if cut else limit, **filters))
            more = cut and len(rows) > limit
            rows = rows[:limit]
            what = "events"
        else:  # incidents, merged when their reports were stored
            from ..merge import incident_output

            found = list(store.incidents(limit=limit + 1 if cut else limit, **filters))
            more = cut and len(found) > limit
            rows, fmt = incident_output(found[:limit], fmt)
            what = "incidents"
        if more:
            total = (store.incident_count(**filters) if not unmerged else
                     sum(1 for _ in store.events(**filters)))
            click.echo(f"showing {limit:,} of {total:,} {what} within {km:g} km of {near}"
                       " (the oldest first): use --limit N for more, --limit 0 for all",
                       err=True)
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

    with open_store(existing_store(db)) as store:
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
        width = max(map(len, facts)) + 2  # the longest key sets the column
        for key, value in facts.items():
            click.echo(f"{key:{width}}{value}")


