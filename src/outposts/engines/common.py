"""What the engines share: chunking the input and putting results back in order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from ..records import Report

DEFAULT_CHUNK = 32  # reports per task: enough to batch the NLP, small enough to spread
CHUNK_WORDS = 4000  # ... and at most about this many words (long articles) unless --chunk says


def chunks(reports: Iterable[Report], size: int, words: int | None = None) -> Iterator[list[Report]]:
    """Lists of up to ``size`` reports, read lazily; with ``words``, a list also
    ends once its reports hold that many words (so a chunk of short notes is
    as much work as one of long articles)."""
    it = iter(reports)
    if words is None:
        while block := list(islice(it, size)):
            yield block
        return
    block, count = [], 0
    for report in it:
        block.append(report)
        count += _words(report)
        if len(block) >= size or count >= words:
            yield block
            block, count = [], 0
    if block:
        yield block


def _words(report) -> int:
    text = getattr(report, "text", "")
    return text.count(" ") + sum(c.text.count(" ") for c in getattr(report, "comments", ())) + 1


def ordered(blocks: Iterator[Any], submit: Callable[[Any], Any],
            wait_some: Callable[[list[Any]], Iterable[Any]], window: int) -> Iterator[Any]:
    """Results of ``submit(block)`` for each block, in block order, with at most
    ``window`` blocks submitted and not yet yielded.

    ``submit`` returns a future; ``wait_some(futures)`` blocks until at least
    one of them is done and returns the done ones (``.result()`` is read).
    """
    pending: dict[Any, int] = {}
    done: dict[int, Any] = {}
    next_in = next_out = 0
    exhausted = False
    try:
        while True:
            while not exhausted and next_in - next_out < window:
                block = next(blocks, None)
                if block is None:
                    exhausted = True
                    break
                pending[submit(block)] = next_in
                next_in += 1
            if next_out == next_in:
                return
            if next_out not in done:
                for fut in wait_some(list(pending)):
                    done[pending.pop(fut)] = fut.result()
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for fut in pending:
            fut.cancel()


def check_gazetteer(settings) -> None:
    """Build the gazetteer here, once, if it is missing (before workers race to)."""
    from ..places import Gazetteer

    Gazetteer.open(settings.gazetteer).close()
