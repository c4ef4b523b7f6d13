"""Stance of a comment towards the article: ``support``, ``dispute`` or ``none``,
and the article sentence it targets.

The target is the article sentence the comment covers best (share of that
sentence's content words, rarer words weighing more, that the comment
repeats; never a question the article asks), or the sentence a preceding
quote-only comment, or a quotation inside the comment, points at, or the
sentence whose words a contrastive correction puts aside ("fifty people, not
hundreds", "rather than the SDF": a dispute). Stance then comes from cues in
the comment's sentences that touch the target: contradiction and negation
cues ("the exact opposite", "that's not true", "haven't seen") or a different
figure in the same unit (a death toll, a duration, a distance, a date) or a
different count of the same thing ("one state" for "a two-state solution")
make a dispute, the disputed figure recorded; so do calling the report's
writer or source a liar, and holding someone else responsible than the claim
does. Agreement cues or a plain restatement make support; a restatement must
repeat what the claim says happened, not only whom and where it names (the
words it capitalises: everyone in a thread on Ariha names Ariha). A negated cue
counts for the other side ("not true", "I don't agree"; "not wrong", "no
doubt"), sarcasm turns praise into denial, and a negation counts against the
target only where its reach holds the target's words. A comment that touches
the report only loosely takes a side only by denying it or endorsing it
outright ("Excellent news.", "Well said"), and an endorsement needs no
restatement. Answers to another reader ("@name", "you ...", or after another
comment "Yes, ...", "That's right.") take none of their own (:func:`answer_of`
tells triage which side of the answered comment they take). The cues are
the language pack's ``stance`` section (``w`` below), words and stems as
:mod:`.text` reads them (``tw``, the pack's ``words`` section).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from types import ModuleType, SimpleNamespace
from typing import TYPE_CHECKING

from .text import content_stems, sentences, stem, words

if TYPE_CHECKING:  # pragma: no cover
    from ..lang import LanguagePack

MIN_COVER = 0.2  # cosine of weighted content stems the comment must reach with its target
MIN_SHARED = 1
MIN_DENIED_COVER = 0.05  # a comment that denies needs only this much
QUOTE_COVER = 0.7

# A quotation: no opening mark inside it either, so that a run of opening marks stays linear.
_QUOTE = re.compile(r"[\"“‘«]([^\"“”‘’«»]{20,})[\"”’»]")


@dataclass(frozen=True, slots=True)
class ArticleSentence:
    start: int
    end: int
    text: str
    stems: frozenset[str]
    title: bool = False  # the headline: a target only where no body sentence says as much
    asked: bool = False  # a question of the article's: it claims nothing
    names: frozenset[str] = frozenset()  # stems of its names: who and where, not what happened


@dataclass(frozen=True, slots=True)
class Stance:
    stance: str = "none"
    target: ArticleSentence | None = None
    figure: str | None = None


def _english() -> "LanguagePack":
    from ..lang import load

    return load("en")


def article_sentences(text: str, skip_title: bool = True, lang: "LanguagePack | None" = None
                      ) -> list[ArticleSentence]:
    """The article's sentences with offsets into ``text`` (the title line left out),
    split and stemmed as comments are, in the language of ``lang`` (English when not given)."""
    lang = lang or _english()
    tw = lang.words
    out = []
    spans = sentences(text, lang.segment)
    titled = bool(spans) and "\n" in text[spans[0][1]:spans[0][1] + 2]
    if skip_title and titled:
        spans = spans[1:]  # the first line is the title
        titled = False
    for n, (a, b, s) in enumerate(spans):
        stems = content_stems(s, tw)
        if len(stems) >= 3:
            out.append(ArticleSentence(a, b, s, frozenset(stems), title=titled and n == 0,
                                       asked=s.rstrip().endswith(lang.mood.QUESTION_MARKS),
                                       names=_names(s, stems, tw)))
    return out


def _names(text: str, stems: frozenset[str], tw: ModuleType) -> frozenset[str]:
    """The stems of the words ``text`` capitalises, and the name keys and word classes among
    its stems (``~``, ``@``): who and where it speaks of, not what happened. In a headline in
    Title Case every word is capitalised: none tells what happened."""
    caps = {stem(t, tw) for t in words(text, tw) if t[0].isupper()}
    return frozenset(t for t in stems if t[0] in "~@" or t in caps)


_WEIGHTS: dict[int, tuple[list[ArticleSentence], dict[str, float]]] = {}


def _weights(article: list[ArticleSentence]) -> dict[str, float]:
    """Inverse sentence frequencies of the article's stems (kept for the article being triaged)."""
    hit = _WEIGHTS.get(id(article))
    if hit is not None and hit[0] is article:
        return hit[1]
    if len(_WEIGHTS) > 8:
        _WEIGHTS.clear()
    weights = _idf(article)
    _WEIGHTS[id(article)] = (article, weights)
    return weights


_SAID: dict[int, tuple[list[ArticleSentence], frozenset[str]]] = {}


def _said(article: list[ArticleSentence]) -> frozenset[str]:
    """The article's stems of what happened, its names left out (kept for the article
    being triaged)."""
    hit = _SAID.get(id(article))
    if hit is not None and hit[0] is article:
        return hit[1]
    if len(_SAID) > 8:
        _SAID.clear()
    said = frozenset(t for s in article for t in s.stems - s.names)
    _SAID[id(article)] = (article, said)
    return said


def _idf(article: list[ArticleSentence]) -> dict[str, float]:
    df: dict[str, int] = {}
    for s in article:
        for t in s.stems:
            df[t] = df.get(t, 0) + 1
    n = len(article) + 1
    return {t: math.log(n / c) + 0.5 for t, c in df.items()}


@functools.lru_cache(maxsize=8)
def _cues(w: ModuleType) -> SimpleNamespace:
    """The section's word cues, run case-blind on lower-cased text (:class:`~outposts.mood.Folded`)."""
    from ..mood import Folded

    return SimpleNamespace(**{name: Folded(getattr(w, name))
                              for name in ("DENIAL", "AGREEMENT", "NEGATION", "STRONG", "WISH", "SARCASM",
                                           "ENDORSEMENT", "DISCREDIT", "RESPONSIBLE", "RHETORICAL")})


_NORMS: dict[int, tuple[ArticleSentence, float]] = {}


def _norm(sent: ArticleSentence, weights: dict[str, float]) -> float:
    """The squared weight of an article sentence's stems (kept while it is triaged against)."""
    hit = _NORMS.get(id(sent))
    if hit is not None and hit[0] is sent:
        return hit[1]
    if len(_NORMS) > 4096:
        _NORMS.clear()
    value = math.fsum(weights[t] ** 2 for t in sent.stems)
    _NORMS[id(sent)] = (sent, value)
    return value


def _cover(stems: set[str] | frozenset[str], sent: ArticleSentence, weights: dict[str, float],
           ours: float | None = None) -> tuple[float, int]:
    """(cosine of the weighted stem sets, number of shared stems); ``ours`` the squared
    weight of ``stems`` when already known. Sums over sets are exact (``math.fsum``), so that
    the order a process's string hashing gives a set cannot tip a tie between two sentences."""
    shared = stems & sent.stems
    if not shared:
        return 0.0, 0
    theirs = _norm(sent, weights)
    if ours is None:
        ours = math.fsum(weights.get(t, 1.0) ** 2 for t in stems)
    if not theirs or not ours:
        return 0.0, 0
    return math.fsum(weights[t] ** 2 for t in shared) / math.sqrt(theirs * ours), len(shared)


def quoted_sentence(text: str, article: list[ArticleSentence], tw: ModuleType) -> ArticleSentence | None:
    """The article sentence ``text`` quotes (a quotation mark span, or the whole
    text when it is nothing but the quote), if any."""
    weights = _weights(article)
    spans = [m.group(1) for m in _QUOTE.finditer(text)]
    for span in spans:
        stems = content_stems(span, tw)
        best = max(article, key=lambda s: _cover(stems, s, weights)[0], default=None)
        if best is not None and _cover(stems, best, weights)[0] >= QUOTE_COVER:
            return best
    return None


def is_quote_only(text: str, article: list[ArticleSentence], tw: ModuleType) -> bool:
    """Is the comment nothing but a quotation of an article sentence?"""
    bare = _QUOTE.sub("", text).strip(" \t\n.,:;-–—")
    return not words(bare, tw) and quoted_sentence(text, article, tw) is not None


_CASUALTIES = "casualties"  # the one unit of every count of the dead or hurt


def _figures(text: str, w: ModuleType, tw: ModuleType) -> tuple[tuple[float, str, str], ...]:
    """(value, unit, as written) of the figures in ``text``."""
    out = []
    numbers, plural, casualty = tw.NUMBER_WORDS, w.PLURAL_ENDING, w.CASUALTY
    for m in w.FIGURE.finditer(text):
        raw = m.group(1).casefold()
        value = float(numbers.get(raw, 0)) if raw in numbers else float(raw.replace(",", ""))
        if w.HALF in m.group(0).casefold():
            value += 0.5
        unit = m.group(3).casefold().rstrip(plural)
        unit = _CASUALTIES if unit + plural in casualty or unit in casualty else unit
        out.append((value, unit, m.group(0).strip()))
    return tuple(out)


def _counts(text: str, w: ModuleType, tw: ModuleType) -> tuple[tuple[float, str, str], ...]:
    """(number, stem of the thing counted, as written) of the counts in ``text``."""
    out = []
    for m in w.COUNTED.finditer(text):
        raw = m.group(1).casefold()
        thing = content_stems(m.group(2), tw)
        if len(thing) == 1:
            value = float(tw.NUMBER_WORDS[raw]) if raw in tw.NUMBER_WORDS else float(raw)
            out.append((value, next(iter(thing)), m.group(0)))
    return tuple(out)


# An article sentence is asked for its figures and counts once per comment on it: kept.
_target_figures = functools.lru_cache(maxsize=1024)(_figures)
_target_counts = functools.lru_cache(maxsize=1024)(_counts)


def _figure_dispute(target: str, comment: str, w: ModuleType, tw: ModuleType) -> str | None:
    """The target's figure that the comment gives differently, if any."""
    ours = _figures(comment, w, tw)
    theirs = _target_figures(target, w, tw) if ours else ()  # no figure of its own: none disputed
    for value, unit, shown in theirs:
        same_unit = [v for v, u, _ in ours if u == unit]
        differs = any(abs(v - value) > 1e-9 for v in same_unit)
        if differs and (len(same_unit) > 1 and w.DISPUTE.search(comment) or all(
                abs(v - value) > 1e-9 for v in same_unit)):
            return shown
    theirs_n = _target_counts(target, w, tw)
    ours_n = _counts(comment, w, tw) if theirs_n else ()
    for value, thing, shown in theirs_n if ours_n else ():
        said = {v for v, t, _ in ours_n if t == thing}
        if said and value not in said:
            return shown  # another count of the same thing ("one state" for "a two-state solution")
    our_dates = {m.group(0).casefold() for m in w.DATE.finditer(comment)}
    their_dates = {m.group(0).casefold() for m in w.DATE.finditer(target)} if our_dates else set()
    if their_dates and our_dates and not their_dates & our_dates:
        return next(m.group(0) for m in w.DATE.finditer(target))
    return None


def stance_of(text: str, article: list[ArticleSentence], *, context: ArticleSentence | None = None,
              lang: "LanguagePack | None" = None, first: bool = False) -> Stance:
    """The comment's stance towards the article. ``context`` is a sentence the
    thread already points at (a preceding quote-only comment); ``lang`` the
    language pack (English when not given); ``first``: the comment opens a flat
    thread, so no reader's comment comes before it to answer (its "you" is the
    report's, only an @-mention makes it a reply)."""
    if not article:
        return Stance()
    lang = lang or _english()
    w, tw = lang.stance, lang.words
    weights = _weights(article)
    quoted = quoted_sentence(text, article, tw)
    target = quoted or context
    if context is None and quoted is None and (w.MENTION if first else w.REPLY).match(text):
        return Stance()  # an answer to another reader, not to the report
    text = w.URL.sub(" ", text)  # a link's words are not the comment's
    bare = _QUOTE.sub(" ", text)
    stems = content_stems(bare, tw)  # the comment's own words: is it about the report at all?
    if target is None:
        corrected = _corrected(bare, article, weights, w, tw)
        if corrected is not None:
            figure = _figure_dispute(corrected.text, bare, w, tw)
            return Stance("dispute", corrected, figure)
        ours = math.fsum(weights.get(t, 1.0) ** 2 for t in stems)
        # a claim of the article's, not a question it asks
        scored = [(_cover(stems, s, weights, ours), s) for s in article if not s.asked]
        if not scored:
            return Stance()
        (cover, shared), best = max(scored, key=lambda x: x[0][0])
        if best.title:
            # the headline sums up a body sentence: the one that covers it best, if the
            # comment touches that one too, is the claim
            body = [s for s in article if not s.title]
            lead = max(body, key=lambda s: _cover(set(best.stems), s, weights)[0], default=None)
            if lead is not None and stems & best.stems & lead.stems:
                best = lead
        if shared < MIN_SHARED or cover < MIN_DENIED_COVER:
            return Stance()
        if cover < MIN_COVER:
            # loosely related: only a comment that takes a side speaks about the report, and
            # not one that answers the comment before it ("Yes, ...", "That's right.")
            if not first and w.ANSWER.match(text):
                return Stance()
            aimed = _aimed(bare, best, w, tw)
            if aimed is not None:
                return Stance(aimed, best)
            denial, agreement = _verdict(bare, text, article, w, tw, loose=True)
            denies = denial > agreement
            if not denies and _endorsed(bare, w) <= denial:
                return Stance()  # agreeing needs outright endorsement here ("Excellent news.")
            # denying a claim that itself denies agrees with it
            negative = denies and (_cues(w).NEGATION.search(best.text) or _cues(w).DENIAL.search(best.text))
            return Stance("dispute" if denies and not negative else "support", best)
        target = best
    own = [(s, content_stems(s, tw)) for _, _, s in sentences(bare, lang.segment) if words(s, tw)]
    # the comment's sentences that speak to the target
    ranked = sorted(own, key=lambda x: -len(x[1] & target.stems))
    if context is None and _only_wishes(ranked[:2], target, lang):
        return Stance()  # a wish about the matter asserts nothing of it
    near = [s for s, st in ranked[:2] if st & target.stems] or [s for s, _ in own]
    # short exclamations ("Nonsense.", "Not true!") carry the stance of the sentences around them
    near += [s for s, _ in own if len(words(s, tw)) <= 4 and s not in near]
    body = " ".join(near)
    figure = _figure_dispute(target.text, " ".join(s for s, _ in own), w, tw)
    if figure is not None:
        return Stance("dispute", target, figure)
    if _cues(w).STRONG.search(body):
        return Stance("dispute", target)
    aimed = _aimed(bare, target, w, tw)
    if aimed is not None:
        return Stance(aimed, target)
    denial, agreement = _verdict(bare, text, article, w, tw)
    if denial > agreement:
        # denying along with a claim that itself denies ("I don't think they have them" under
        # "the regime has no chemical weapons") agrees with it
        negative = _cues(w).NEGATION.search(target.text) or _cues(w).DENIAL.search(target.text)
        return Stance("support" if negative else "dispute", target)
    if not agreement and len(_cues(w).NEGATION.findall(body)) > len(_cues(w).NEGATION.findall(target.text)) \
            and _denies_words(body, target, w, tw):
        return Stance("dispute", target)  # the target's own words, denied ("a school, not a market")
    touching = [s for s, st in ranked[:2] if st & target.stems]
    if not agreement and touching and all(s.rstrip().endswith(lang.mood.QUESTION_MARKS) for s in touching):
        return Stance()  # it asks about the claim and says nothing of it
    if not stems & target.stems - target.names and not _endorsed(bare, w):
        return Stance()  # it names who the claim names, but not what it says they did
    return Stance("support", target)


def answer_of(text: str, lang: "LanguagePack | None" = None) -> int:
    """Does the comment open by answering the one before it: 1 agreeing ("Exactly.", "Yes,
    ..."), -1 disagreeing ("No, ..."), 0 not."""
    w = (lang or _english()).stance
    if not w.ANSWER.match(text):
        return 0
    return -1 if w.DISAGREEING.match(text) else 1


def _verdict(bare: str, text: str, article: list[ArticleSentence], w: ModuleType, tw: ModuleType,
             loose: bool = False) -> tuple[int, int]:
    """(denials, agreements) the comment voices. A negated cue counts for the other side
    ("not true", "I don't agree" deny; "not wrong", "no doubt" agree), a negated word of
    agreement only as a verdict ("not exactly a meme" hedges); sarcasm turns agreement into
    denial ("Oh sure, great job /s"); a rhetorical challenge ("Why would he gas the town he
    had just taken?") and article words in scare quotes deny. ``bare`` is the comment
    without its quotations, ``text`` with them; ``loose``: the comment touches the report
    only loosely, and weak denials ("actually", "instead") do not count."""
    cues = _cues(w)
    denial = agreement = 0
    denied: list[tuple[int, int]] = []

    def negated(m: re.Match) -> bool:
        return w.NEGATED.search(m.string, max(0, m.start() - w.NEGATION_REACH), m.start()) is not None

    for m in cues.DENIAL.finditer(bare):
        if loose and w.WEAK_DENIAL.fullmatch(m.group(0)):
            continue
        if negated(m):
            agreement += 1
        else:
            denial += 1
            denied.append(m.span())
    for m in cues.AGREEMENT.finditer(bare):
        if any(a <= m.start() < b for a, b in denied):
            continue  # "true" inside "not true": counted once, as the denial
        if not negated(m):
            agreement += 1
        elif w.VERDICT_END.match(m.string, m.end()):
            denial += 1
    if agreement and cues.SARCASM.search(bare):
        denial, agreement = denial + agreement, 0
    denial += len(cues.RHETORICAL.findall(bare))
    return denial + _scare_quotes(text, article, w, tw), agreement


def _corrected(bare: str, article: list[ArticleSentence], weights: dict[str, float], w: ModuleType,
               tw: ModuleType) -> ArticleSentence | None:
    """The article sentence whose words the comment corrects ("fifty people, not hundreds"):
    the one holding most (by weight) of the corrected words, if any holds them."""
    best, top = None, 0.0
    for m in w.CORRECTION.finditer(bare):
        said = content_stems(m.group("said") or m.group("said2") or m.group("said3"), tw)
        for s in article:
            hit = said & s.stems
            if hit and not s.asked:
                score = math.fsum(weights[t] for t in hit)
                if score > top:
                    best, top = s, score
    return best


def _denies_words(body: str, target: ArticleSentence, w: ModuleType, tw: ModuleType) -> bool:
    """Does a negation in ``body`` reach what the target says happened ("fifty people, not
    hundreds")? One that reaches none of it ("the footage I wish I'd never seen"), or only a
    name of it ("it's not like Ukraine had a choice"), denies something else."""
    said = target.stems - target.names
    return any(content_stems(m.group(1), tw) & said for m in w.NEGATION_SCOPE.finditer(body))


def _aimed(bare: str, target: ArticleSentence, w: ModuleType, tw: ModuleType) -> str | None:
    """A stance the comment aims at the claim's source or at whom it blames: calling the
    writer or source a liar disputes ("This man is a liar"); holding someone else responsible
    than the claim does disputes it ("Hamas is responsible" under "you are responsible"),
    holding the same one supports it."""
    if _cues(w).DISCREDIT.search(bare):
        return "dispute"
    held = _cues(w).RESPONSIBLE.search(target.text)
    if held is None:
        return None
    blamed = set()
    for m in w.BLAME.finditer(bare):
        blamed |= content_stems(m.group("who") or m.group("who2"), tw)
    if not blamed:
        return None
    # whom the claim holds responsible: the words of the clause that says so
    text = target.text
    cuts = [m.start() for m in w.CLAUSE_BREAK.finditer(text)]
    start = max((c for c in cuts if c < held.start()), default=-1) + 1
    end = min((c for c in cuts if c >= held.end()), default=len(text))
    return "support" if blamed & content_stems(text[start:end], tw) else "dispute"


def _endorsed(bare: str, w: ModuleType) -> int:
    """Outright endorsements in the comment, not negated ("I don't agree") nor sarcastic."""
    cues = _cues(w)
    if cues.SARCASM.search(bare):
        return 0
    return sum(1 for m in cues.ENDORSEMENT.finditer(bare)
               if not w.NEGATED.search(m.string, max(0, m.start() - w.NEGATION_REACH), m.start()))


def _only_wishes(ranked, target: ArticleSentence, lang: "LanguagePack") -> bool:
    near = [s for s, st in ranked if st & target.stems]
    return bool(near) and all(_cues(lang.stance).WISH.search(s)
                              for s in near)


def _scare_quotes(text: str, article: list[ArticleSentence], w: ModuleType, tw: ModuleType) -> int:
    """Article words put in short quotation marks ("the city was “liberated”"): held at a
    distance. Names in quotation marks ("a “pro-Libya” force") are no such words."""
    if not article:
        return 0
    said = _said(article)
    return sum(1 for m in w.SCARE_QUOTE.finditer(text) if content_stems(m.group(1), tw) & said)
