"""``outposts posture`` and ``outposts timeline``: who holds which site, from the store."""

from __future__ import annotations

import json
import re
import sys
from datetime import date

import click

from .options import DATE, db_option

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _clean(value) -> str:
    return " ".join(_UNSAFE.sub(" ", "" if value is None else str(value)).split())


def _load(db):
    from ..posture import assertions
    from ..store import open_store

    with open_store(db) as store:
        return assertions(store)


def _near(near, km):
    if not near:
        return None
    from ..places import Gazetteer

    with Gazetteer.open() as gaz:
        found = gaz.lookup(near, limit=1)
    if not found:
        raise click.ClickException(f"no place called {near!r} in the gazetteer")
    return (found[0].latitude, found[0].longitude, km)


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    for cells in [headers] + rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())


def _previous(p: dict) -> str:
    span = f"{p['from'] or '?'}..{p['to'] or ''}"
    return f"{p['holder']}" + (f" [{', '.join(p['patrons'])}]" if p["patrons"] else "") + \
        f" ({span})"


@click.command()
@db_option
@click.option("--at", "at", type=DATE, help="The posture on this date (default: today).")
@click.option("--near", metavar="PLACE", help="Only sites within --km of this place (a gazetteer name).")
@click.option("--km", type=click.FloatRange(0, 20000), default=25.0, show_default=True, help="Radius for --near, in km.")
@click.option("--actor", metavar="NAME", help="Only sites whose holder, patrons or contesting claims contain NAME.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "geojson"]), default="table", show_default=True)
def posture(db, at, near, km, actor, fmt):
    """Who holds each site on a date: holder, patrons, since, previous holders,
    sources, held/contested, and the reader comments that dispute it."""
    from ..posture import posture as posture_at

    at = at or date.today()
    rows = posture_at(_load(db), at, near=_near(near, km), actor=actor)
    out = sys.stdout
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "geojson":
        features = []
        for row in rows:
            props = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
            geometry = None
            if row["latitude"] is not None:
                geometry = {"type": "Point", "coordinates": [round(row["longitude"], 6),
                                                             round(row["latitude"], 6)]}
            features.append({"type": "Feature", "geometry": geometry, "properties": props})
        out.write(json.dumps({"type": "FeatureCollection", "features": features},
                             ensure_ascii=False) + "\n")
    else:
        table = [tuple(_clean(v) for v in (
            r["site"], r["holder"], ", ".join(r["patrons"]), r["since"] or "?",
            "; ".join(_previous(p) for p in r["previous"]), ", ".join(r["sources"]),
            r["status"] + ("" if not r["claims"] else " (" + "; ".join(
                c["holder"] for c in r["claims"]) + ")"),
            ", ".join(f"comment #{d['comment']}" for d in r["disputed_by"])))
            for r in rows]
        if table:
            _table(("site", "holder", "patrons", "since", "previous", "sources", "status",
                    "disputed_by"), table)
        else:
            click.echo("(no sites)")


@click.command()
@click.argument("site")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def timeline(site, db, fmt):
    """The control history of SITE (a site name, part of one, or a site id):
    one row per holder's interval, oldest first."""
    from ..places import name_key
    from ..posture import timelines

    lines = timelines(_load(db))
    needle, key = site.casefold().strip(), name_key(site)
    chosen = {sid: ivs for sid, ivs in lines.items()
              if sid == site or needle in ivs[0].site.name.casefold()
              or (key and (key in name_key(ivs[0].site.name)
                           or key == name_key(ivs[0].site.anchor or "")))}
    if not chosen:  # a spelling variant of the anchor place ("Abu Kamal" / "Albu Kamal")
        from ..places import Gazetteer

        with Gazetteer.open() as gaz:
            ids = {p.geonameid for p in gaz.lookup(site, limit=5)}
        chosen = {sid: ivs for sid, ivs in lines.items() if ivs[0].site.geonameid in ids}
    if not chosen:
        raise click.ClickException(f"no site matching {site!r} in the store")
    if fmt == "jsonl":
        for ivs in chosen.values():
            for iv in ivs:
                sys.stdout.write(json.dumps(iv.as_row(), ensure_ascii=False) + "\n")
        return
    rows = []
    for ivs in chosen.values():
        for iv in ivs:
            rows.append(tuple(_clean(v) for v in (
                iv.site.name, iv.valid_from.isoformat() if iv.valid_from else "?",
                iv.valid_to.isoformat() if iv.valid_to else "", iv.holder, ", ".join(iv.patrons),
                iv.status + ("" if not iv.claims else " (" + "; ".join(
                    c.holder for c in iv.claims) + ")"),
                ", ".join(iv.sources),
                ", ".join(f"comment #{d.comment}" for d in iv.disputed_by))))
    _table(("site", "from", "to", "holder", "patrons", "status", "sources", "disputed_by"), rows)
