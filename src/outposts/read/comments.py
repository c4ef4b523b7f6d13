"""Reader comments from an HTML page's comment section, with lxml.

A comment is an element whose class/id marks it as one (``class="comment"``,
``id="comment-12"``, ...); a wrapper holding only one such element stands
for it. Its text is that of its content part (``comment-content``/``-text``/
``-body``) without author, metadata, reply links, forms or nested replies;
its author comes from an ``author``/``fn``/``username`` part; its parent is
the comment it is nested in. When no element is marked as a comment, the
children of the first element whose class/id mentions comments are taken,
flat. Used by :mod:`outposts.read.html`.
"""

from __future__ import annotations

import re

from ..records import Comment
from .limits import Limits, clean_line

_ITEM_CLASS = re.compile(
    r"^(comment|comment[-_]?(item|entry|container|wrapper|thread[-_]?item)|comments?[-_]item"
    r"|single[-_]comment|user[-_]comment|js[-_]comment)$"
)
_ITEM_ID = re.compile(r"^(li-)?comment[-_]?\d+$")
_NOT_COMMENT = re.compile(r"respond|form|reply-title|navigation|pagination|count|closed|open")
_STATUS = re.compile(r"^(comments?-(open|closed|status)|has-comments?|no-comments?)$")
_PART = re.compile(r"author|meta|date|time|avatar|reply|says|vcard|permalink|edit|awaiting"
                   r"|actions|footer|vote|like|share|respond|form|nav")
_CONTENT = re.compile(r"content|text|message")
_BODY = re.compile(r"body")
_AUTHOR = re.compile(r"(^|[-_])(author|fn|username|user[-_]?name|nickname|commenter)($|[-_])")
_NAME = re.compile(r"^(fn|name|username|nickname|url)$")
_SKIP_TAGS = {"script", "style", "form", "button", "noscript", "template", "textarea", "input",
              "select", "svg", "img", "iframe"}
_BLOCK_TAGS = {"p", "div", "br", "li", "blockquote", "section", "article", "ul", "ol", "pre",
               "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "header", "footer"}


def _tokens(el) -> list[str]:
    return (el.get("class") or "").lower().split() + [(el.get("id") or "").lower()]


def _is_item(el) -> bool:
    toks = _tokens(el)
    if el.tag in _SKIP_TAGS or any(_NOT_COMMENT.search(t) for t in toks if "comment" in t):
        return False
    return any(_ITEM_CLASS.match(t) for t in toks[:-1]) or bool(_ITEM_ID.match(toks[-1]))


def element_text(el, skip) -> str:
    """Text of ``el`` with block breaks as newlines, skipping ``skip(child)``."""
    parts: list[str] = []

    def walk(node) -> None:
        if not isinstance(node.tag, str) or node.tag in _SKIP_TAGS or skip(node):
            return
        block = node.tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        if block:
            parts.append("\n")

    walk(el)
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _find(el, pattern, stop) -> object | None:
    """First descendant of ``el`` in document order, not inside a ``stop``
    element, whose class tokens match ``pattern`` (or marked
    ``itemprop="author"`` when looking for authors)."""
    stack = list(reversed(el))
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str) or stop(node):
            continue
        if any(pattern.search(t) for t in _tokens(node)[:-1]) or (
            pattern is _AUTHOR and node.get("itemprop") == "author"
        ):
            return node
        stack.extend(reversed(node))
    return None


def html_comments(root, limits: Limits) -> list[Comment]:
    candidates = [el for el in root.iter() if isinstance(el.tag, str) and _is_item(el)]
    if not candidates:
        candidates = _fallback_items(root)
    cand_set = set(candidates)
    nested = {el: [d for d in el.iterdescendants() if d in cand_set] for el in candidates}
    # A candidate whose only text sits in candidates below it is a wrapper
    # (``<li id="li-comment-1"><div id="comment-1">``): its first candidate
    # stands for it.
    rep: dict = {}
    items = []
    for el in candidates:
        inner = nested[el]
        own = element_text(el, lambda n, inner=set(inner): n in inner)
        if inner and not own:
            rep[el] = inner[0]
        else:
            items.append(el)
    index = {el: n for n, el in enumerate(items[: limits.max_comments + 1])}  # one more: to warn
    out: list[Comment] = []
    for el, n in index.items():
        def stop(node, el=el):
            return node is not el and node in cand_set

        content = _find(el, _CONTENT, stop)
        if content is None:
            content = _find(el, _BODY, stop)
        if content is None:
            content = el
        def skip(node, el=el, content=content):
            return (node in cand_set and node is not el) or (
                node is not content and any(_PART.search(t) for t in _tokens(node)[:-1]))

        text = element_text(content, skip)
        author_el = _find(el, _AUTHOR, stop)
        author = None
        if author_el is not None:
            name_el = _find(author_el, _NAME, lambda node: False)
            author = clean_line(element_text(name_el if name_el is not None else author_el,
                                      lambda node: "says" in _tokens(node)), 200) or None
        parent = None
        anc = el.getparent()
        while anc is not None:
            if anc in cand_set:
                target = anc
                while target in rep:
                    target = rep[target]
                parent = index.get(target)
                break
            anc = anc.getparent()
        if parent is not None and parent >= n:
            parent = None
        out.append(Comment(index=n, text=text, author=author, parent=parent))
    return out


def _fallback_items(root) -> list:
    """Comments of a section whose items carry no recognised class: the
    element children of the first element whose class/id mentions comments
    (descending through single-child wrappers), headings left out."""
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in {"html", "body", "head", "main", "article"}:
            continue
        toks = [t for t in _tokens(el) if "comment" in t and not _STATUS.match(t)]
        if not toks or any(_NOT_COMMENT.search(t) for t in toks) or el.tag in _SKIP_TAGS:
            continue
        while len([c for c in el if isinstance(c.tag, str)]) == 1:
            el = next(c for c in el if isinstance(c.tag, str))
        items = [c for c in el if isinstance(c.tag, str) and c.tag not in _SKIP_TAGS
                 and not re.fullmatch(r"h[1-6]", c.tag) and element_text(c, lambda n: False)]
        if items:
            return items
    return []


def strip_comment_sections(root) -> None:
    doomed = []
    stack = list(reversed(root))
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        toks = [t for t in _tokens(el) if "comment" in t and not _STATUS.match(t)]
        if toks and el.tag not in {"body", "main", "article", "head"}:
            doomed.append(el)  # its descendants go with it
        else:
            stack.extend(reversed(el))
    for el in doomed:
        el.drop_tree()
