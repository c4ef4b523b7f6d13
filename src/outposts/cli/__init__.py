"""The command line: a thin face over the library.

One module per command group (:mod:`.coding`: extract, geoparse, ingest;
:mod:`.store`: events, stats, info; :mod:`.posture`: posture, timeline;
:mod:`.comments`, :mod:`.gazetteer`, :mod:`.eval`, :mod:`.web`), the options
they share in :mod:`.options`. Imports go one way: this module gathers the
commands, the commands use the options, nothing imports back.
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import OutpostsError
from .coding import extract, geoparse, ingest
from .comments import comments
from .eval import eval_cmd
from .gazetteer import gazetteer
from .posture import posture, timeline
from .store import events, info, stats
from .web import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="outposts")
def cli() -> None:
    """outposts: code conflict reports into sourced, geolocated ACLED-style events, offline.

    Place data: GeoNames (geonames.org), CC-BY 4.0.
    """


for _command in (extract, geoparse, ingest, events, stats, info, gazetteer, comments, eval_cmd,
                 posture, timeline, serve):
    cli.add_command(_command)


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
