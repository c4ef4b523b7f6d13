"""Input limits and the small helpers every reader shares.

Everything here treats its input as hostile: sizes are checked before
anything is decoded, bytes must be UTF-8, identifiers are bounded and
stripped of control characters.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from ..errors import InputError
from ..records import Comment

MAX_ID_CHARS = 128

# C0/C1 controls, line/paragraph separators, zero-width and bidi controls, BOM.
_CONTROL = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_SPACE = re.compile(r"\s+")
# Lone UTF-16 surrogates: a JSON "\ud800" escape (or an odd codec) yields them,
# and no UTF-8 encoder (hashing, SQLite, exports) accepts them. NUL too (a JSON
# "\u0000" escape; raw NUL bytes are refused as binary): PostgreSQL text cannot hold it.
_SURROGATE = re.compile("[\x00\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what one report may hold.

    ``max_bytes`` applies to one report: a ``.txt``/``.html``/``.json`` file,
    one JSONL line, or what is read from stdin for one report. Reports larger
    than that are rejected with an :class:`InputError`.

    Comments beyond ``max_comments`` are dropped (the first ones are kept; the
    report's ``warnings`` say so) and a comment longer than ``max_comment_chars``
    is truncated to that many characters. HTML nested
    deeper than ``max_html_depth`` elements is rejected.

    ``max_words`` bounds the work one report may ask for: a report whose
    article and comments hold more words is rejected with an
    :class:`InputError` (coding runs at a steady speed per word, so this is
    also a time budget: about 40 s at the default on one core).

    ``encoding`` is how plain-text, JSON and JSONL bytes are decoded (HTML
    follows its own charset declaration): UTF-8 by default, or any
    ASCII-compatible codec Python knows (``cp1252``, ``windows-1256``,
    ``latin-1``...); bytes it cannot decode are an :class:`InputError`.
    """

    max_bytes: int = 5_000_000
    max_comments: int = 5000
    max_comment_chars: int = 20_000
    max_html_depth: int = 200
    max_words: int = 100_000
    encoding: str = "utf-8"


#: The default limits (``Limits()``), shared as a default argument.
DEFAULT_LIMITS = Limits()


def check_bytes(data: bytes, source: str, limits: Limits, line: int | None = None) -> None:
    """Reject empty, oversized or binary (NUL-bearing) input."""
    if len(data) > limits.max_bytes:
        raise InputError(
            f"too large: {len(data)} bytes (limit {limits.max_bytes})", source, line
        )
    if not data.strip():
        raise InputError("empty input", source, line)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"binary data (NUL byte at offset {nul})", source, line)


def check_words(report, limits: Limits):
    """``report`` when it holds at most ``limits.max_words`` words (article and
    comments), else an :class:`InputError` naming it (raised)."""
    words = len(report.text.split())
    words += sum(len(c.text.split()) for c in report.comments)
    if words > limits.max_words:
        raise InputError(f"too long: {words} words (limit {limits.max_words}; see --max-words)",
                         report.origin or report.id)
    return report


def decode_utf8(data: bytes, source: str, first_line: int | None = None,
                encoding: str = "utf-8") -> str:
    """Decode strict UTF-8 (a leading BOM is dropped), or strict ``encoding``,
    or raise InputError.

    The error names the encoding, the byte offset and line of the first bad
    byte; when ``first_line`` is given (JSONL), the line is counted from it.
    """
    utf8 = encoding.lower().replace("_", "-") in ("utf-8", "utf8")
    if data.startswith(b"\xef\xbb\xbf") and utf8:
        data = data[3:]
    try:
        return data.decode("utf-8" if utf8 else encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + (first_line or 1)
        name = "UTF-8" if utf8 else encoding
        hint = " (another encoding? see --encoding)" if utf8 else ""
        raise InputError(f"invalid {name} at byte {exc.start}{hint}", source, line) from None


def scrub_surrogates(text: str) -> str:
    """``text`` with every lone surrogate (and NUL) replaced by U+FFFD, so it
    encodes and every store can hold it."""
    return _SURROGATE.sub("\ufffd", text)


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_id(value: object, source: str, line: int | None = None) -> str:
    """A given report id as a bounded string without control characters."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError("'id' must be a string or an integer", source, line)
    text = _CONTROL.sub("", unicodedata.normalize("NFC", str(value))).strip()
    if not text:
        raise InputError("'id' is empty", source, line)
    if "/" in text or "\\" in text or text in (".", ".."):
        # an id is one path segment of /reports/ID and /api/reports/ID: a "/" makes it
        # unreachable there (or another route), so it is refused rather than stored
        raise InputError(f"'id' {text[:40]!r} holds a '/' or '\\' or is '.' or '..': "
                         "use another id", source, line)
    return text[:MAX_ID_CHARS]


def clean_line(value: str, limit: int = 1000) -> str:
    """A one-line field (title, author, outlet): no control characters,
    whitespace collapsed, bounded length."""
    return _SPACE.sub(" ", _CONTROL.sub(" ", value)).strip()[:limit]


def content_id(title: str | None, text: str, comments: tuple[Comment, ...]) -> str:
    """A stable id from the content: ``r-`` + 16 hex digits of SHA-256.

    The content is NFC-normalised with whitespace collapsed, so re-saving a
    file with other line endings or indentation keeps its id.
    """

    def norm(s: str | None) -> str:
        return _SPACE.sub(" ", unicodedata.normalize("NFC", s or "")).strip()

    parts = [norm(title), norm(text)] + [norm(c.text) for c in comments]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return "r-" + digest[:16]


def comment_warnings(comments, limits: Limits, source: str) -> tuple[str, ...]:
    """A warning line when the thread had more than ``max_comments`` comments (the
    readers keep one more than the limit to tell)."""
    if len(comments) > limits.max_comments:
        return (f"{source}: more than {limits.max_comments} comments: only the first "
                f"{limits.max_comments} kept (--max-comments)",)
    return ()


def bound_comments(comments: list[Comment], limits: Limits) -> tuple[Comment, ...]:
    """Apply ``max_comments`` and ``max_comment_chars`` (see :class:`Limits`)."""
    kept = comments[: limits.max_comments]
    out = []
    for c in kept:
        if len(c.text) > limits.max_comment_chars:
            c = Comment(c.index, c.text[: limits.max_comment_chars], c.author, c.parent)
        out.append(c)
    return tuple(out)
