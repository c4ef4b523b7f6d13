"""Readers: files, directories and stdin to :class:`~outposts.records.Report`.

``iter_reports`` never raises for bad input: each problem is *yielded* as an
:class:`~outposts.errors.InputError` (``FILE[:LINE]: reason``) so a caller can
report it and go on with the other inputs.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO

from ..errors import InputError
from ..records import Report
from .html import parse_html
from .jsonio import iter_jsonl, loads, parse_json, report_from_obj
from .limits import DEFAULT_LIMITS, Limits, check_bytes, check_words, content_id, decode_utf8
from .text import parse_text

__all__ = ["DEFAULT_LIMITS", "EXTENSIONS", "Limits", "content_id", "iter_jsonl",
           "iter_reports", "parse_html", "parse_json", "parse_text", "read_path", "read_stream"]

#: Extensions read (lower case) and the format each means.
EXTENSIONS = {".txt": "text", ".html": "html", ".htm": "html", ".json": "json",
              ".jsonl": "jsonl"}


def iter_reports(inputs: Iterable[str], *, limits: Limits = DEFAULT_LIMITS,
                 stdin: IO[bytes] | None = None) -> Iterator[Report | InputError]:
    """Reports from each input, in order, with errors yielded as values.

    An input is a file (read by its extension: ``.txt``, ``.html``/``.htm``,
    ``.json``, ``.jsonl``), a directory (walked recursively in sorted order;
    hidden files and directories and files with other extensions skipped;
    directory symlinks not followed) or ``-`` for stdin (``stdin`` overrides
    ``sys.stdin.buffer``; sniffed as one JSON object, JSONL, or plain text).
    """
    for item in _within_words(_iter_reports(inputs, limits, stdin), limits):
        yield item


def _within_words(items: Iterator[Report | InputError],
                  limits: Limits) -> Iterator[Report | InputError]:
    for item in items:
        if isinstance(item, Report):
            try:
                check_words(item, limits)
            except InputError as exc:
                item = exc
        yield item


def _iter_reports(inputs: Iterable[str], limits: Limits,
                  stdin: IO[bytes] | None) -> Iterator[Report | InputError]:
    for item in inputs:
        if item == "-":
            yield from read_stream(stdin if stdin is not None else sys.stdin.buffer, "-",
                                   limits=limits)
            continue
        path = Path(item)
        if path.is_dir():
            found = False
            for file in _walk(path):
                found = True
                yield from read_path(file, limits=limits)
            if not found:
                yield InputError(
                    "no .txt, .html, .htm, .json or .jsonl files in directory", str(path)
                )
        else:
            yield from read_path(path, limits=limits)


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and Path(name).suffix.lower() in EXTENSIONS:
                yield Path(dirpath) / name


def read_path(path: str | Path, *,
              limits: Limits = DEFAULT_LIMITS) -> Iterator[Report | InputError]:
    """Reports (or InputErrors) from one file, by its extension."""
    path = Path(path)
    source = str(path)
    kind = EXTENSIONS.get(path.suffix.lower())
    if kind is None:
        yield InputError(
            f"unknown extension {path.suffix or '(none)'!r} (expected one of "
            f"{', '.join(EXTENSIONS)})", source)
        return
    try:
        if not path.is_file():
            reason = "no such file" if not path.exists() else "not a regular file"
            yield InputError(reason, source)
            return
        size = path.stat().st_size
        if kind == "jsonl":
            if size == 0:
                yield InputError("empty input", source)
                return
            with path.open("rb") as fh:
                yield from iter_jsonl(fh, source, limits=limits)
            return
        if size > limits.max_bytes:
            yield InputError(f"too large: {size} bytes (limit {limits.max_bytes})", source)
            return
        with path.open("rb") as fh:
            data = fh.read(limits.max_bytes + 1)
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", source)
        return
    try:
        if kind == "text":
            check_bytes(data, source, limits)
            report = parse_text(decode_utf8(data, source, encoding=limits.encoding), source,
                                limits=limits)
            yield _dated_by_name(report, path)
        elif kind == "html":
            yield parse_html(data, source, limits=limits)
        else:
            yield parse_json(data, source, limits=limits)
    except InputError as exc:
        yield exc


_NAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:\b|_)")


def _dated_by_name(report: Report, path: Path) -> Report:
    """A plain-text file named ``YYYY-MM-DD-...`` carries its publication date
    in its name (text files have no other metadata)."""
    m = _NAME_DATE.match(path.name)
    if report.published is not None or not m:
        return report
    try:
        return report.with_published(date(int(m[1]), int(m[2]), int(m[3])))
    except ValueError:
        return report


def read_stream(fh: IO[bytes], source: str = "-", *,
                limits: Limits = DEFAULT_LIMITS) -> Iterator[Report | InputError]:
    """Reports from a binary stream (stdin), sniffing its format.

    Input starting with ``{`` is one JSON object if it parses as one,
    otherwise JSONL (streamed line by line, so it may exceed ``max_bytes``
    in total); anything else is plain text.
    """
    try:
        head = fh.read(limits.max_bytes + 1)
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", source)
        return
    lead = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if lead.startswith(b"{"):
        if len(head) <= limits.max_bytes:
            try:
                check_bytes(head, source, limits)
                obj = loads(decode_utf8(head, source, encoding=limits.encoding), source)
            except InputError:
                obj = None  # not one object: try JSONL, which names the bad line
            if isinstance(obj, dict):
                try:
                    yield report_from_obj(obj, source, limits=limits)
                except InputError as exc:
                    yield exc
                return
        yield from iter_jsonl(fh, source, limits=limits, first=head)
        return
    try:
        check_bytes(head, source, limits)
        yield parse_text(decode_utf8(head, source, encoding=limits.encoding), source,
                         limits=limits)
    except InputError as exc:
        yield exc
