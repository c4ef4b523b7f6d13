"""JSON (one report per file) and JSONL (one report per line) readers.

Schema of one report::

    {"id": str|int?, "url": str?, "title": str?, "published": "YYYY-MM-DD"?,
     "outlet": str?, "text": str,
     "comments": [{"text": str, "author": str?, "parent": int?} | str, ...]?}

``null`` counts as absent. Unknown keys are ignored. ``text`` is kept as
given (CRLF normalised to LF); a ``parent`` must name an earlier comment.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

from ..errors import InputError
from ..records import Comment, Report
from .limits import (
    DEFAULT_LIMITS,
    Limits,
    bound_comments,
    check_bytes,
    comment_warnings,
    clean_id,
    clean_line,
    content_id,
    decode_utf8,
    normalize_newlines,
    scrub_surrogates,
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def loads(text: str, source: str, line: int | None = None) -> Any:
    """``json.loads`` with every failure turned into an InputError.

    Lone surrogates (``"\\ud800"`` escapes, valid JSON but not valid Unicode)
    and NUL (``"\\u0000"``, which PostgreSQL text cannot hold) become U+FFFD in
    every string, keys included, so what is read always encodes as UTF-8 and
    stores alike in every backend.
    """
    try:
        obj = json.loads(text, parse_constant=_reject_constant)
        return _scrubbed(obj) if "\\u" in text else obj
    except json.JSONDecodeError as exc:
        where = exc.lineno if line is None else line
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", source, where) from None
    except (ValueError, RecursionError) as exc:
        msg = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise InputError(f"invalid JSON: {msg}", source, line) from None


def _scrubbed(obj: Any) -> Any:
    """``obj`` with :func:`scrub_surrogates` applied to every string in it
    (iteratively: the nesting is as deep as the parser allowed)."""
    def fix(value: Any) -> Any:
        return scrub_surrogates(value) if isinstance(value, str) else value

    root = [obj]
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            for i, value in enumerate(node):
                node[i] = fix(value)
                if isinstance(value, (list, dict)):
                    stack.append(value)
        else:
            items = [(fix(k), fix(v)) for k, v in node.items()]
            node.clear()
            node.update(items)
            stack.extend(v for _, v in items if isinstance(v, (list, dict)))
    return root[0]


def _opt_str(obj: dict, key: str, source: str, line: int | None) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"'{key}' must be a string", source, line)
    return value


def _comments(raw: Any, source: str, line: int | None, limits: Limits) -> list[Comment]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InputError("'comments' must be a list", source, line)
    out: list[Comment] = []
    for n, item in enumerate(raw[: limits.max_comments + 1]):  # one more: to warn
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict):
            raise InputError(f"comment {n} must be an object or a string", source, line)
        text = item.get("text")
        if not isinstance(text, str):
            raise InputError(f"comment {n}: 'text' missing or not a string", source, line)
        author = _opt_str(item, "author", source, line)
        parent = item.get("parent")
        if parent is not None and (
            isinstance(parent, bool) or not isinstance(parent, int) or not 0 <= parent < n
        ):
            raise InputError(
                f"comment {n}: 'parent' must be the index of an earlier comment", source, line
            )
        out.append(
            Comment(
                index=n,
                text=normalize_newlines(text).strip(),
                author=clean_line(author, 200) or None if author else None,
                parent=parent,
            )
        )
    return out


def report_from_obj(obj: Any, source: str, line: int | None = None, *,
                    limits: Limits = DEFAULT_LIMITS) -> Report:
    """Validate one decoded JSON object and build its Report.

    ``line`` is the JSONL line (None for a ``.json`` file); the Report's
    origin is ``FILE:LINE`` or ``FILE``.
    """
    if not isinstance(obj, dict):
        raise InputError("expected a JSON object", source, line)
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("'text' missing, empty or not a string", source, line)
    text = normalize_newlines(text)
    title = _opt_str(obj, "title", source, line)
    url = _opt_str(obj, "url", source, line)
    outlet = _opt_str(obj, "outlet", source, line)
    published_raw = _opt_str(obj, "published", source, line)
    published = None
    if published_raw is not None:
        try:
            if not _ISO_DATE.fullmatch(published_raw.strip()):
                raise ValueError
            published = date.fromisoformat(published_raw.strip())
        except ValueError:
            raise InputError(
                f"'published' must be a date YYYY-MM-DD, not {published_raw[:40]!r}", source, line
            ) from None
    given = _comments(obj.get("comments"), source, line, limits)
    comments = bound_comments(given, limits)
    title = clean_line(title) or None if title else None
    rid = obj.get("id")
    rid = clean_id(rid, source, line) if rid is not None else content_id(title, text, comments)
    return Report(
        id=rid,
        text=text,
        title=title,
        url=clean_line(url, 2000) or None if url else None,
        published=published,
        outlet=clean_line(outlet, 200) or None if outlet else None,
        comments=comments,
        origin=source if line is None else f"{source}:{line}",
        warnings=comment_warnings(given, limits, source if line is None else f"{source}:{line}"),
    )


def parse_json(data: bytes, source: str, *, limits: Limits = DEFAULT_LIMITS) -> Report:
    """One report from the bytes of a ``.json`` file."""
    check_bytes(data, source, limits)
    text = decode_utf8(data, source, encoding=limits.encoding)
    return report_from_obj(loads(text, source), source, limits=limits)


def iter_jsonl(fh: IO[bytes], source: str, *, limits: Limits = DEFAULT_LIMITS,
               first: bytes = b"") -> Iterator[Report | InputError]:
    """Reports (or InputErrors) from a binary JSONL stream, one per line.

    A bad line yields an InputError naming ``source`` and the line; the
    following lines are still read. Blank lines are skipped. ``first`` is
    data already read from ``fh`` (stdin sniffing) to process before it.
    """
    stream = io.BufferedReader(_Chain(first, fh)) if first else fh
    lineno = 0
    while True:
        raw = stream.readline(limits.max_bytes + 1)
        if not raw:
            break
        lineno += 1
        if len(raw) > limits.max_bytes and not raw.endswith(b"\n"):
            # Skip the rest of the overlong line.
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(1 << 20)
            yield InputError(f"line longer than {limits.max_bytes} bytes", source, lineno)
            continue
        if not raw.strip():
            continue
        try:
            check_bytes(raw, source, limits, lineno)
            obj = loads(decode_utf8(raw, source, lineno, limits.encoding), source, lineno)
            yield report_from_obj(obj, source, lineno, limits=limits)
        except InputError as exc:
            yield exc


class _Chain(io.RawIOBase):
    """A raw stream reading ``head`` bytes, then the rest of ``tail``."""

    def __init__(self, head: bytes, tail: IO[bytes]):
        self._head = head
        self._tail = tail

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        if self._head:
            n = min(len(buf), len(self._head))
            buf[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        chunk = self._tail.read(len(buf))
        buf[: len(chunk)] = chunk
        return len(chunk)
