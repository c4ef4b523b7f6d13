"""``outposts serve``: the web map and JSON API over a store."""

from __future__ import annotations

import click

from .options import db_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind. Anything but loopback needs a token for POST /api/reports.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--token", envvar="OUTPOSTS_TOKEN", metavar="TOKEN", help="Token that POST /api/reports requires (Authorization: Bearer TOKEN) [env: OUTPOSTS_TOKEN].")
@click.option("--max-body", type=click.IntRange(1024), default=5_000_000, show_default=True, metavar="BYTES", help="Largest request body accepted (larger: 413).")
def serve(db, host, port, token, max_body):
    """Serve the map (/), report pages (/reports/ID) and the JSON API (/api/...,
    described at /openapi.json) over the store.

    Binds to loopback by default. When a token is set, POST /api/reports always
    needs it; bound to any other address without a token, writing is refused.
    """
    try:
        import uvicorn
    except ImportError:
        raise click.ClickException("outposts serve needs the web extra: pip install 'outposts[web]'") from None
    from ..store import open_store
    from ..web import WebConfig, create_app, is_loopback

    with open_store(db):  # fail early (one line) on a store that cannot be opened
        pass
    config = WebConfig(db=db, host=host, port=port, token=token or None, max_body=max_body)
    app = create_app(config)
    if not is_loopback(host) and not token:
        click.echo("outposts: warning: bound beyond loopback without a token: "
                   "POST /api/reports is refused (set --token or OUTPOSTS_TOKEN)", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"outposts: serving the map at http://{shown}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False,
                limit_concurrency=256, timeout_keep_alive=5)
