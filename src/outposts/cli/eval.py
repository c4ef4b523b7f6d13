"""``outposts eval SET ...``: score outposts against a gold standard and write a
report (Markdown + JSON, and a plot where the set has one) with baselines side by side."""

from __future__ import annotations

import time
from pathlib import Path

import click

SPLIT_HELP = ("dev or test (default: dev where the set has one: acled, GeoWebNews; "
              "case2021 and TR-News have only test).")
FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
FOLDER = click.Path(exists=True, file_okay=False, path_type=Path)


def report_option(f):
    return click.option("--report", "report_dir", type=click.Path(file_okay=False, path_type=Path),
                        help="Folder for report.md, report.json (and the plot) "
                             "(default: eval-reports/<set>-<split>/).")(f)


def limit_option(f):
    return click.option("--limit", type=click.IntRange(1),
                        help="Only the first N rows/articles/cases (smoke runs).")(f)


@click.group(name="eval")
def eval_cmd() -> None:
    """Score outposts against a gold standard, baselines alongside.

    \b
    acled     ACLED CSV (combined schema): dev = 2020 rows, test = 2022 rows
    case2021  CASE 2021 task 2 TSV (test only)
    geoparse  GeoWebNews GWN.xml (dev = articles 0-99, test = 100-199) or TR-News XML (test)
    articles  hand-coded real reports (CASES.json + a folder of their texts)
    comments  hand-labelled reader comments (LABELS.json + a folder of their threads)

    Reports quote the gold data: keep them out of the repository
    (eval-reports/ is git-ignored). Tune on dev; report test.
    """


def _finish(result, report_dir: Path | None, started: float) -> None:
    from ..eval import report

    folder = report_dir or Path("eval-reports") / f"{result.set}-{result.split}"
    paths = report.write(result, folder)
    click.echo(report.summary_table(result))
    for note in result.notes:
        if note.startswith(("no plot", "cases without text", "threads without text")):
            click.echo(f"outposts: {note}", err=True)
    click.echo(f"wrote {', '.join(str(p) for p in paths.values())} "
               f"({result.n} items, {time.perf_counter() - started:.0f} s)", err=True)


def _run(evaluate, *args, **kwargs):
    try:
        return evaluate(*args, **kwargs)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


@eval_cmd.command("acled")
@click.argument("file", type=FILE)
@click.option("--split", type=click.Choice(["dev", "test"]), default="dev", show_default=True,
              help=SPLIT_HELP)
@report_option
@limit_option
def acled_cmd(file, split, report_dir, limit):
    """ACLED rows: each note coded, its top event compared with the row."""
    from ..eval import acled

    started = time.perf_counter()
    _finish(_run(acled.evaluate, file, split, limit), report_dir, started)


@eval_cmd.command("case2021")
@click.argument("file", type=FILE)
@click.option("--split", type=click.Choice(["test"]), default="test", show_default=True,
              help=SPLIT_HELP)
@report_option
@limit_option
def case2021_cmd(file, split, report_dir, limit):
    """CASE 2021 task 2 snippets: the sub-event label of each."""
    from ..eval import case2021

    started = time.perf_counter()
    _finish(_run(case2021.evaluate, file, split, limit), report_dir, started)


@eval_cmd.command("geoparse")
@click.argument("file", type=FILE)
@click.option("--split", type=click.Choice(["dev", "test"]), help=SPLIT_HELP)
@report_option
@limit_option
def geoparse_cmd(file, split, report_dir, limit):
    """Toponym recognition and resolution (GeoWebNews or TR-News XML)."""
    from ..eval import geoparse

    started = time.perf_counter()
    _finish(_run(geoparse.evaluate, file, split, limit), report_dir, started)


@eval_cmd.command("articles")
@click.argument("cases", type=FILE)
@click.argument("texts_dir", type=FOLDER)
@report_option
@limit_option
def articles_cmd(cases, texts_dir, report_dir, limit):
    """Real reports: recall, precision, field accuracies and spurious outputs by class.

    CASES is a JSON file of hand-coded reports (the schema of shared/eval/real and
    devsets/real); TEXTS_DIR holds each report's text as <case id>.txt. Cases
    without a text are skipped and counted.
    """
    from ..eval import articles

    started = time.perf_counter()
    _finish(_run(articles.evaluate, cases, texts_dir, limit=limit), report_dir, started)


@eval_cmd.command("comments")
@click.argument("labels", type=FILE)
@click.argument("texts_dir", type=FOLDER)
@report_option
@limit_option
def comments_cmd(labels, texts_dir, report_dir, limit):
    """Real reader comments: per-label P/R/F1, civil comments flagged abusive,
    stance accuracy and macro-F1.

    LABELS is a JSON file of hand-labelled threads (devsets/comments/labels.json);
    TEXTS_DIR holds each thread as <thread id>.txt (comments after two blank lines).
    """
    from ..eval import comments

    started = time.perf_counter()
    _finish(_run(comments.evaluate, labels, texts_dir, limit=limit), report_dir, started)
