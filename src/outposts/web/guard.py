"""What stands before every route: security headers, bounded bodies, no NUL in
URLs, and the Host check on loopback binds (see :mod:`.app`)."""

from __future__ import annotations

import ipaddress

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


def is_loopback(host: str) -> bool:
    """Is ``host`` (a bind address or name) reachable only from this machine?"""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class Guard:
    """ASGI middleware: security headers on every response, bounded bodies,
    and the Host check on loopback binds."""

    def __init__(self, app, config: WebConfig):
        self.app, self.config = app, config

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [
                    h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        if "\x00" in scope.get("path", "") or b"%00" in scope.get("query_string", b"").lower():
            # no id, name or date holds a NUL (PostgreSQL text cannot): refuse it here
            # rather than let a store fail on it
            await _plain(send_with_headers, 400, "NUL in the URL")
            return
        if self.config.loopback:
            host = headers.get(b"host", b"").decode("latin-1")
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if host and name.lower() not in LOOPBACK_NAMES:
                await _plain(send_with_headers, 400, "this server answers only to a loopback Host")
                return
        limit = self.config.max_body
        length = headers.get(b"content-length")
        if length is not None:
            # digits only (RFC 9110): int() would also take "-1", "+5", " 5" and "1_000"
            if not length.strip().isdigit():
                await _plain(send_with_headers, 400, "bad Content-Length")
                return
            if int(length) > limit:
                await _plain(send_with_headers, 413, f"request body over {limit} bytes")
                return
        received = 0
        started = False

        async def bounded_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send_with_headers(message)

        try:
            await self.app(scope, bounded_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _plain(send_with_headers, 413, f"request body over {limit} bytes")


class BodyTooLarge(Exception):
    """Raised by ``receive`` once a request body passes the limit."""


async def _plain(send, status: int, text: str) -> None:
    import json

    body = json.dumps({"error": text}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
