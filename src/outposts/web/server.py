"""Running the app with uvicorn in a background thread (browser tests, the
screenshot script, the API benchmark): :func:`running` yields the base URL."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from .app import WebConfig, create_app


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@contextmanager
def running(config: WebConfig, timeout: float = 30.0) -> Iterator[str]:
    """Serve ``config`` on its host (port 0: a free one) until the block ends."""
    import uvicorn

    port = config.port or free_port(config.host)
    app = create_app(WebConfig(db=config.db, host=config.host, port=port, token=config.token,
                               max_body=config.max_body))
    server = uvicorn.Server(uvicorn.Config(app, host=config.host, port=port, log_level="warning",
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, name="outposts-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the web server did not start on {config.host}:{port}")
        time.sleep(0.02)
    try:
        yield f"http://{config.host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
