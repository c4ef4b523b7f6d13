"""``outposts eval SET FILE``: score outposts against a gold standard and
write a report (Markdown + JSON + plot) with baselines side by side."""

from __future__ import annotations

import time
from pathlib import Path

import click

SPLIT_HELP = ("dev or test (default: dev where the set has one: acled, GeoWebNews; "
              "case2021 and TR-News have only test).")


@click.command(name="eval")
@click.argument("set", metavar="SET", type=click.Choice(["acled", "case2021", "geoparse"]))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--split", type=click.Choice(["dev", "test"]), help=SPLIT_HELP)
@click.option("--report", "report_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for report.md, report.json and the plot (default: eval-reports/<set>-<split>/).")
@click.option("--limit", type=click.IntRange(1), help="Only the first N rows/articles of the split (smoke runs).")
def eval_cmd(set, file, split, report_dir, limit):  # noqa: A002 (the argument is called SET)
    """Score outposts on SET read from FILE, baselines alongside.

    \b
    acled     ACLED CSV (combined schema): dev = 2020 rows, test = 2022 rows
    case2021  CASE 2021 task 2 TSV (test only)
    geoparse  GeoWebNews GWN.xml (dev = articles 0-99, test = 100-199) or TR-News XML (test)

    The report quotes the gold data: keep it out of the repository
    (eval-reports/ is git-ignored). Tune on dev; report test.
    """
    from ..eval import report

    set_name = set
    started = time.perf_counter()
    try:
        if set_name == "acled":
            from ..eval import acled

            result = acled.evaluate(file, split or "dev", limit)
        elif set_name == "case2021":
            from ..eval import case2021

            result = case2021.evaluate(file, split or "test", limit)
        else:
            from ..eval import geoparse

            result = geoparse.evaluate(file, split, limit)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    folder = report_dir or Path("eval-reports") / f"{result.set}-{result.split}"
    paths = report.write(result, folder)
    click.echo(report.summary_table(result))
    for note in result.notes:
        if note.startswith("no plot"):
            click.echo(f"outposts: {note}", err=True)
    click.echo(f"wrote {', '.join(str(p) for p in paths.values())} "
               f"({result.n} items, {time.perf_counter() - started:.0f} s)", err=True)
