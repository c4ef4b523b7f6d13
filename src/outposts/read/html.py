"""HTML reports (``.html``/``.htm``): article via trafilatura, comments via lxml.

Nothing is fetched: the page is parsed from the bytes given, with lxml's
network access off, and trafilatura only sees the parsed tree. The article
becomes ``title + "\\n\\n" + paragraphs joined by "\\n\\n"`` (the plain-text
convention), so the segmenter treats both alike. ``published`` comes from
the page's metadata only (meta tags, JSON-LD, ``<time datetime>``).
"""

from __future__ import annotations

import codecs
import json
import re
from datetime import date

import lxml.html
from lxml import etree

from ..errors import InputError
from ..records import Report
from .comments import element_text, html_comments, strip_comment_sections
from .limits import (
    DEFAULT_LIMITS,
    Limits,
    bound_comments,
    comment_warnings,
    check_bytes,
    clean_line,
    content_id,
    decode_utf8,
)

_DATE_META = {"article:published_time", "og:published_time", "datepublished", "date", "pubdate",
              "publishdate", "publish-date", "publish_date", "dc.date", "dc.date.issued",
              "dcterms.created", "dcterms.date", "sailthru.date", "parsely-pub-date",
              "citation_publication_date"}
_DATE_PREFIX = re.compile(r"\s*(\d{4})[-/](\d{2})[-/](\d{2})")
# What an XML tree cannot hold (lxml refuses to set such text): C0 controls
# other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. Removed after decoding.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _decode(data: bytes, source: str) -> str:
    """UTF-8, else the charset the page declares (a text encoding only: not
    rot13, base64, zlib...); characters an XML tree cannot hold removed."""
    try:
        return _NOT_XML.sub("", decode_utf8(data, source))
    except InputError:
        m = _CHARSET.search(data[:4096])
        if m:
            try:
                codec = codecs.lookup(m.group(1).decode("ascii"))
                if codec._is_text_encoding:  # type: ignore[attr-defined]
                    return _NOT_XML.sub("", data.decode(codec.name))
            except (LookupError, UnicodeError, ValueError):
                pass
        raise


def _depth(root) -> int:
    deepest, stack = 0, [(root, 1)]
    while stack:
        el, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((child, d + 1) for child in el)
    return deepest


def _published(root) -> date | None:
    values: list[str] = []
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _DATE_META and meta.get("content"):
            values.append(meta.get("content"))
    for script in root.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            try:
                data = json.loads(script.text[:200_000])
            except (ValueError, RecursionError):
                continue
            for obj in data if isinstance(data, list) else [data]:
                if isinstance(obj, dict) and isinstance(obj.get("datePublished"), str):
                    values.append(obj["datePublished"])
    for t in root.iter("time"):
        if (t.get("itemprop") == "datePublished" or t.get("pubdate") is not None) and t.get(
            "datetime"
        ):
            values.append(t.get("datetime"))
    for value in values:
        m = _DATE_PREFIX.match(value)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


def parse_html(data: bytes, source: str, *, limits: Limits = DEFAULT_LIMITS) -> Report:
    """One report from the bytes of an HTML page (see module docstring)."""
    import trafilatura  # heavy; imported when HTML is actually read

    check_bytes(data, source, limits)
    text = _decode(data, source)
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                                  no_network=True, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"unreadable HTML: {str(exc)[:100]}", source) from None
    if _depth(root) > limits.max_html_depth:
        raise InputError(f"HTML nested deeper than {limits.max_html_depth} levels", source)
    given = html_comments(root, limits)
    comments = bound_comments(given, limits)
    published = _published(root)
    strip_comment_sections(root)
    try:
        doc = trafilatura.bare_extraction(
            root, url=None, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # noqa: BLE001 - a hostile page must not stop the batch
        raise InputError(f"article extraction failed: {type(exc).__name__}", source) from None
    title = clean_line(doc.title or "") or None if doc is not None else None
    lines = [clean_line(x, 100_000) for x in (doc.text or "").split("\n")] if doc else []
    if not any(lines):
        lines = [element_text(p, lambda n: False).replace("\n", " ") for p in root.iter("p")]
    lines = [x for x in lines if x]
    if title and lines and lines[0] == title:
        lines = lines[1:]
    if not lines:
        raise InputError("no article text found", source)
    article = "\n\n".join(([title] if title else []) + lines)
    return Report(
        id=content_id(title, article, comments),
        text=article,
        title=title,
        url=(clean_line(doc.url or "", 2000) or None) if doc is not None else None,
        published=published,
        outlet=(clean_line(doc.sitename or "", 200) or None) if doc is not None else None,
        comments=comments,
        origin=source,
        warnings=comment_warnings(given, limits, source),
    )
