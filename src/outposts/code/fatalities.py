"""Fatality counts: the lowest figure reported, as ACLED codes them.

``fatalities(text)`` finds every death count in a sentence ("at least five
people were killed", "killing 12", "the death toll rose to 20", "two dead")
and returns ``(lowest, highest)`` or None. Wounded counts are not deaths.
The patterns and number words are the language pack's ``fatalities``
section (``UNITS``, ``PATTERNS`` each with a group ``n``, ``PAIRS`` with groups
``a`` and ``b`` (summed), ``SINGLE`` (one death, where no count is given), ``NO_DEATHS``, ``DEATH_CUE``, ``WOUNDED_AFTER``, ``KILLED``);
vague words follow a fixed convention (ACLED-like): several/a number → 3,
a dozen → 12, dozens → 12, scores/many → 10, hundreds → 100.
"""

from __future__ import annotations

import re
from types import ModuleType

def to_number(word: str, units: dict[str, int]) -> int | None:
    """The number a count word or figure stands for, by the pack's number ``units``
    ("twenty-one": tens and unit joined by a hyphen)."""
    word = re.sub(r"\s+", " ", word.lower().strip())
    if word.replace(",", "").isdigit():
        return int(word.replace(",", ""))
    if word in units:
        return units[word]
    if "-" in word:
        tens, _, unit = word.partition("-")
        if tens in units and unit in units:
            return units[tens] + units[unit]
    return None


def fatalities(text: str, words: ModuleType | None = None) -> tuple[int, int] | None:
    """(lowest, highest) death count stated in ``text``, or None if none is
    (in the words of a pack's ``fatalities`` section; English when not given)."""
    if words is None:
        from ..lang import load

        words = load("en").fatalities
    units, no_deaths = words.UNITS, words.NO_DEATHS
    counts, taken = [], []
    if not words.DEATH_CUE.search(text):
        return (0, 0) if no_deaths.search(text) else None
    for pair in words.PAIRS:
        for m in pair.finditer(text):
            if any(lo <= m.start() < hi for lo, hi in taken):
                continue
            a, b = to_number(m.group("a"), units), to_number(m.group("b"), units)
            if a is not None and b is not None:
                counts.append(a + b)
                taken.append((m.start(), m.end()))
    for pattern in words.PATTERNS:
        for m in pattern.finditer(text):
            if any(lo <= m.start("n") < hi for lo, hi in taken):
                continue
            n = to_number(m.group("n"), units)
            if n is None or n > 100_000:
                continue
            if words.WOUNDED_AFTER.match(text[m.end("n"):]) and words.KILLED not in m.group(0).lower():
                continue
            counts.append(n)
    if not counts:
        if no_deaths.search(text):
            return (0, 0)
        return (1, 1) if any(p.search(text) for p in words.SINGLE) else None
    return min(counts), max(counts)
