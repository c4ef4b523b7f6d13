"""``outposts comments``: the comment threads of reports, triaged.

One object per comment: ``report_id``, ``index``, ``parent``, ``author``,
``text``, ``labels``, ``toxicity``, ``stance``, ``target`` (and ``figure``,
the disputed figure). Abusive comments are left out unless ``--show-abusive``.
Triage needs no NLP model, so this is fast.
"""

from __future__ import annotations

import json
import sys

import click

from .options import Inputs, limits_options
from ..records import TriagedComment


def _table(rows: list[TriagedComment], out) -> None:
    out.write(f"{'report':12}  {'#':>3}  {'labels':34}  {'tox':>4}  {'stance':7}  text\n")
    for t in rows:
        text = " ".join(t.text.split())
        text = text if len(text) <= 70 else text[:69] + "…"
        out.write(f"{t.report_id[:12]:12}  {t.index:>3}  {','.join(t.labels)[:34]:34}  "
                  f"{t.toxicity:4.2f}  {t.stance:7}  {text}\n")


@click.command("comments")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option("--show-abusive", is_flag=True, help="Include comments labelled abusive (hidden by default).")
@click.option("--strict", is_flag=True, help="Stop at the first bad input instead of going on.")
@limits_options
def comments(inputs, fmt, show_abusive, strict, limits):
    """Print the reader comments of INPUTS, labelled (abusive, hypothetical, opinion,
    claim, eyewitness), with a toxicity score and their stance towards the article."""
    from ..comments import triage_report

    reader = Inputs(inputs, strict, limits)
    out = sys.stdout
    for report in reader:
        rows = [t for t in triage_report(report) if show_abusive or not t.abusive]
        if fmt == "jsonl":
            for t in rows:
                out.write(json.dumps(t.as_row(), ensure_ascii=False) + "\n")
        else:
            _table(rows, out)
    out.flush()
    sys.exit(1 if reader.errors else 0)
