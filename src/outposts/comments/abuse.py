"""Abuse in reader comments: a lexicon read in context, beside the toxicity model.

The words are the language pack's ``abuse`` section (:mod:`outposts.lang.en.abuse`);
this module holds only the mechanism:

* **folding** -- text and terms are compared by a key that survives
  obfuscation: case, leetspeak ("id1ot", "$hit"), letters spaced out
  ("b u l l s h i t"), letters repeated ("fuuuck"), masked letters
  ("f**k"); a mixed-case word written with "SS" ("ruSSians") is a slur;
* **tiers** -- slurs and code words abuse wherever used; contempt nouns
  ("idiot") when used of someone; target nouns ("liar", "terrorists") and
  insult adjectives ("crazy") only when pinned on a person or group: as a
  predicate ("Putin is a liar", "people on here are nuts"), a vocative or an
  exclamation ("Terrorists.", "Bad luck, chump"), an epithet beside a name
  ("Donald punk", "psycho Putin"), an equation ("X = liar"), after "you";
  profanity only when aimed at someone ("fuck Bibi", "@ shitbrain"), never
  at no one ("this whole thing sucks", "bullshit") nor at oneself ("fuck
  me");
* **context** -- a term negated ("not an idiot"), reported or attributed
  ("he called me an idiot", "she says all Arabs are monsters", "the
  position of X is that ..."), quoted, said of oneself ("I was an idiot") or
  of a thing ("a stupid war", "it would be stupid", "a terrorist group") does
  not count; a kin word ("your mother") or a group named in passing ("just
  like the Jews") is no abuse by itself;
* **threats** -- first person with a future or conditional and a harm verb
  aimed at someone ("I'll come over and kick them in the face"), a wish of
  harm ("that guy should have his tongue cut off", "you must be destroyed").

A flagged comment is kept in the store; it only stops being a source of
events and is hidden by default.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from ..mood import Folded

if TYPE_CHECKING:  # pragma: no cover
    from ..lang import LanguagePack

_TOKEN = re.compile(r"@|[A-Za-z0-9$*]*[A-Za-z](?:[A-Za-z0-9$*!'’]*[A-Za-z0-9$*])?|\d+|[^\w\s]")
_SPACED = re.compile(r"(?<![\w*])(?:[A-Za-z][ ._*-]){3,}[A-Za-z](?![\w*])")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "$": "s", "!": "i", "@": "a"})
_REPEAT = re.compile(r"([a-z])\1+")
_QUOTES = frozenset("\"“”«»„'‘’")
_SENTENCE_END = frozenset(".!?…;")
_HOT, _ADDRESSED = 1, 2
_LOOKBACK = 60  # tokens a term's context is read back over (a run-on of thousands stays linear)
_CLAUSE_END = frozenset(",:()–—-")


@functools.lru_cache(maxsize=1 << 16)
def key(word: str) -> str:
    """The folded form of a word: lower case, leetspeak read, repeated letters squeezed."""
    w = word.casefold().replace("’", "'")
    if not w.isalpha() and any(c.isalpha() for c in w):
        core = w.rstrip("!")
        w = core[0] + core[1:].translate(_LEET) if core[:1] != "@" else core
        if w[:1] in "$0134":
            w = w.translate(_LEET)
    return _REPEAT.sub(r"\1", w)


def _keys(words: str) -> frozenset[str]:
    return frozenset(key(w) for w in words.split())


class Lexicon:
    """Multi-word terms by their folded words; a trailing ``*`` matches any ending,
    a plain term its plural too."""

    def __init__(self, terms: str, plurals: tuple[str, ...] = ()):
        self.exact: dict[str, list[tuple[str, ...]]] = {}
        self.prefix: dict[str, list[tuple[str, ...]]] = {}
        self._cache: dict[str, tuple] = {}
        self.plurals = tuple(plurals)
        for entry in terms.split():
            parts = entry.split("_")
            last = parts[-1]
            star = last.endswith("*")
            words = tuple(key(p.rstrip("*")) for p in parts)
            (self.prefix if star else self.exact).setdefault(words[0], []).append(words)
        self.longest = max((len(k) for k in self.prefix), default=0)  # the longest prefix term

    def cands(self, first: str) -> tuple[tuple[tuple[str, ...], bool], ...]:
        """The terms that may start at a token of key ``first`` (cached: most tokens have none)."""
        found = self._cache.get(first)
        if found is None:
            out = [(w, False) for w in self.exact.get(first, ())]
            for cut in self.plurals:
                if first.endswith(cut):
                    out += [(w, False) for w in self.exact.get(first[: -len(cut)], ())]
            for n in range(3, min(len(first), self.longest) + 1):
                out += [(w, True) for w in self.prefix.get(first[:n], ())]
            if "*" in first and not out:
                pat = re.compile("^" + re.escape(first).replace(r"\*", r"\w+") + "$")
                out += [(w, False) for table in (self.exact, self.prefix) for ws in table.values() for w in ws
                        if len(w) == 1 and pat.match(w[0])]
                out = [((first,), False)] if out else []
            found = self._cache[first] = tuple(out)
        return found

    def match(self, toks: list[str], i: int) -> int:
        """The number of tokens a term matches from ``toks[i]`` (0: none)."""
        cands = self.cands(toks[i])
        if not cands:
            return 0
        best = 0
        for words, star in cands:
            n = len(words)
            if n == 1:
                if _word_ok(toks[i], words[0], star, self.plurals):
                    best = max(best, 1)
                continue
            seg = toks[i:i + n]
            if len(seg) == n and all(s == w for s, w in zip(seg[:-1], words[:-1])) and _word_ok(
                    seg[-1], words[-1], star, self.plurals):
                best = max(best, n)
        return best


def _word_ok(tok: str, word: str, star: bool, plurals: tuple[str, ...]) -> bool:
    if star:
        return tok.startswith(word)
    return tok == word or any(tok == word + p for p in plurals)


@dataclass(frozen=True, slots=True)
class AbuseHits:
    """What the lexicons found in one comment."""

    hate: int = 0  # slurs, code words, dehumanising terms, harassment used
    insults: int = 0  # insults aimed at someone
    profanity: int = 0  # profane words, aimed or not
    directed_profanity: int = 0
    reported: int = 0  # terms reported, quoted, negated or said of oneself or a thing
    threats: int = 0  # threats or wishes of harm aimed at someone
    addressed: bool = False  # the comment speaks to or of a person (you, @name, a vocative)

    @property
    def abusive(self) -> bool:
        return bool(self.hate or self.insults or self.directed_profanity or self.threats)


@dataclass(slots=True)
class _Tok:
    raw: str
    key: str
    start: int


class Abuse:
    """The abuse matcher bound to one pack's ``abuse`` section."""

    def __init__(self, words: ModuleType):
        w = words
        plurals = tuple(w.PLURAL_ENDINGS.split())
        self.slurs = Lexicon(w.SLURS, plurals)
        self.codes = Lexicon(w.CODE_WORDS, plurals)
        self.insult_nouns = Lexicon(w.INSULT_NOUNS, plurals)
        self.target_nouns = Lexicon(w.TARGET_NOUNS, plurals)
        self.adjectives = Lexicon(w.INSULT_ADJECTIVES, plurals)
        self.profanity = Lexicon(w.PROFANITY, plurals)
        self.death = Lexicon(w.DEATH_PARTICIPLES, plurals)
        self.harm_participles = Lexicon(w.HARM_PARTICIPLES, plurals)
        self._lexicons = (self.slurs, self.codes, self.insult_nouns, self.target_nouns, self.adjectives,
                          self.profanity)
        self._hot: dict[str, bool] = {}  # token key -> may start a term or be a harm verb
        self._term_hot: dict[str, bool] = {}  # token key -> may start a term
        self._raw_flags: dict[str, int] = {}  # token as written -> _HOT | _ADDRESSED
        self.praise = _keys(w.PRAISE)
        self.you = _keys(w.SECOND_PERSON)
        self.your = _keys(w.SECOND_POSSESSIVE)
        self.me = _keys(w.FIRST_PERSON)
        self.we = _keys(w.FIRST_PLURAL)
        self.determiners = _keys(w.DETERMINERS)
        self.subject_skip = _keys(w.SUBJECT_SKIP)
        self.relatives = _keys(w.RELATIVES)
        self.impersonal = _keys(w.IMPERSONAL)
        self.person_endings = tuple(w.PERSON_ENDINGS.split())
        self.addressee = _keys(w.ADDRESSEE)
        self.objects = _keys(w.OBJECT_PRONOUNS)
        self.curses = tuple(w.CURSES.split())
        self.becoming = _keys(w.BECOMING)
        self.becoming_preps = _keys(w.BECOMING_PREPOSITIONS)
        self.degree = _keys(w.DEGREE)
        self.neither = _keys(w.NEITHER)
        self.neg_suffix = w.NEGATION_SUFFIX
        self.pronouns = _keys(w.PRONOUNS)
        self.thing_pronouns = _keys(w.THING_PRONOUNS)
        self.people = _keys(w.PERSON_NOUNS)
        self.copulas = _keys(w.COPULAS) | {"="}
        self.negations = _keys(w.NEGATIONS)
        self.filler = _keys(w.NP_FILLER)
        self.titles = _keys(w.TITLES)
        self.things = _keys(w.THING_NOUNS)
        self.reporting = _keys(w.REPORTING)
        self.harm_verbs = _keys(w.HARM_VERBS)
        self.stop_harm = _keys(w.STOP_WORDS_BEFORE_HARM) | self.negations
        self.group_agent = Folded(w.GROUP_AS_AGENT)
        self.first_future = w.VIOLENT_MODAL
        self.harm_wish = w.HARM_WISH
        self.wishing = w.WISHING
        self.die_wish = Folded(w.DIE_WISH)
        self.harassment = Folded(w.HARASSMENT)
        self.order, self.order_lead = w.ORDER, w.ORDER_LEAD
        self.ss = w.SS_CAPITALS
        self.you_typos = dict(w.YOU_TYPOS)
        self.stop = frozenset(key(s) for s in w.NOT_NAMES)

    # -- text to tokens ---------------------------------------------------------------
    def _flags(self, raw: str) -> int:
        """What a token may be: the start of a term or a harm verb (``_HOT``), a word that
        addresses someone (``_ADDRESSED``)."""
        k = key(raw)
        k = self.you_typos.get(k, k) if raw != "U" else k
        return (_HOT if self._may_matter(k) else 0) | (
            _ADDRESSED if k in self.you or k in self.your or k == "@" else 0)

    def _may_matter(self, k: str) -> bool:
        """May a token of key ``k`` start a term, or be the harm verb of a threat?"""
        hot = self._hot.get(k)
        if hot is None:
            base = k[:-1] if k.endswith("s") else k
            hot = self._hot[k] = (k in self.praise or any(lx.cands(k) for lx in self._lexicons)
                                  or k in self.harm_verbs or base in self.harm_verbs
                                  or bool(self.death.cands(k) or self.harm_participles.cands(k)))
        return hot

    def _sentences(self, text: str) -> tuple[str, list[list[_Tok]]]:
        """The text (spaced-out letters already joined) and its sentences' tokens."""
        out: list[list[_Tok]] = []
        cur: list[_Tok] = []
        last_end = 0
        for m in _TOKEN.finditer(text):
            raw = m.group(0)
            if "\n" in text[last_end:m.start()] and cur:
                out.append(cur)
                cur = []
            last_end = m.end()
            k = key(raw)
            k = self.you_typos.get(k, k) if raw != "U" else k
            cur.append(_Tok(raw, k, m.start()))
            if raw in _SENTENCE_END:
                out.append(cur)
                cur = []
        if cur:
            out.append(cur)
        return text, [s for s in out if any(t.raw[0].isalnum() for t in s)]

    # -- context tests -------------------------------------------------------------
    def _np_start(self, toks: list[_Tok], i: int, loose: bool = False) -> int:
        """Where the noun phrase ending in ``toks[i]`` starts (filler words before it)."""
        j, stop = i, max(0, i - _LOOKBACK)
        while j > stop and toks[j - 1].key in self.filler:
            j -= 1
        if loose and j == i:
            # "a good lapdog": up to two free modifiers after a determiner
            for back in (1, 2):
                if i - back - 1 >= 0 and toks[i - back - 1].key in self.determiners and all(
                        toks[x].raw.isalpha() and toks[x].raw.islower() for x in range(i - back, i)):
                    return i - back - 1
        return j

    def _quoted(self, toks: list[_Tok], i: int) -> bool:
        return sum(t.raw in _QUOTES for t in toks[max(0, i - _LOOKBACK):i]) % 2 == 1

    def _reported(self, toks: list[_Tok], i: int) -> bool:
        """Quoted, or a reporting word earlier in its clause or just before it."""
        start = min(self._clause_start(toks, i), max(0, i - 8))
        if self._quoted(toks, i):
            return True
        # "he says ...", but not "I think ...": the writer's own view is no report
        return any(toks[x].key in self.reporting and not (x > 0 and toks[x - 1].key in self.me | self.we)
                   for x in range(start, i))

    def _negated(self, toks: list[_Tok], j: int) -> bool:
        for t in toks[max(0, j - 3):j]:
            if t.key in self.negations or t.key.endswith(self.neg_suffix):
                return True
        return False

    def _is_name(self, toks: list[_Tok], x: int) -> bool:
        t = toks[x]
        return (t.raw[:1].isupper() and t.raw.isalpha() and t.key not in self.stop
                and t.key not in self.thing_pronouns and t.key not in self.me and len(t.raw) > 1
                and not (t.raw.isupper() and len(t.raw) > 4))

    def _clause_start(self, toks: list[_Tok], i: int) -> int:
        j, stop = i, max(0, i - _LOOKBACK)
        while j > stop and toks[j - 1].raw not in _CLAUSE_END and toks[j - 1].raw not in _QUOTES:
            j -= 1
        return j

    def _subject(self, toks: list[_Tok], cop: int) -> str:
        """Who the clause ending in the copula at ``cop`` speaks of: "self", "thing",
        "person" or "" (unknown)."""
        start = self._clause_start(toks, cop)
        subj = [t for t in toks[start:cop] if t.raw[0].isalnum()]
        if not subj:
            return ""
        head = subj[-1].key
        while subj and subj[-1].key in self.subject_skip:
            subj.pop()
        if not subj:
            return ""
        head = subj[-1].key
        first = subj[0].key
        if head in self.me:
            return "self"
        if head in self.relatives and len(subj) > 1:
            head = subj[-2].key
            subj = subj[:-1]
        if first in self.impersonal or (len(subj) == 1 and head in self.thing_pronouns):
            return "thing"
        if head in self.things:
            return "thing"
        if any(t.key in self.you or t.key in self.pronouns or t.key in self.people for t in subj):
            return "person"
        if any(self._is_name(toks, x) for x in range(start, cop)):
            return "person"
        if head.endswith(self.person_endings):
            return "person"
        return ""

    def _aimed(self, toks: list[_Tok], i: int, n: int, kind: str) -> str:
        """Is the term at ``toks[i:i+n]`` pinned on someone? "yes", "self", "thing" or ""."""
        end = i + n
        nxt = toks[end] if end < len(toks) else None
        if nxt is not None and nxt.key in self.things:
            return "thing"  # "a terrorist group", "a stupid war"
        j = self._np_start(toks, i, loose=True)
        prev = toks[j - 1] if j > 0 else None
        # after "you": "you idiots", "you fucken snake"
        if prev is not None and (prev.key in self.you or prev.key == "@"):
            return "yes"
        # an equation: "X = liar", "liar = X"
        if (prev is not None and prev.raw == "=") or (nxt is not None and nxt.raw == "="):
            return "yes"
        # predicate: "Putin is a liar", "people on here are nuts"
        if prev is not None and prev.key in self.copulas or (prev is not None and prev.key in self.becoming_preps
                                                             and j >= 2 and toks[j - 2].key in self.becoming):
            cop = j - 1
            if prev.key in self.becoming_preps:
                cop = j - 2
            subj = self._subject(toks, cop)
            if subj == "thing" or subj == "self":
                return subj
            if subj == "person" or (kind == "noun" and subj == ""):
                return "yes"
            return ""
        # vocative or exclamation: alone in its clause ("Terrorists.", "Bad luck, chump.")
        words_before = [t for t in toks[max(0, j - 2):j] if t.raw[0].isalnum()]
        clause_before = j == 0 or (prev is not None and (prev.raw in _CLAUSE_END or prev.raw in _QUOTES
                                                         or prev.key in self.titles or prev.raw == "@"))
        clause_after = nxt is None or nxt.raw in _SENTENCE_END or nxt.raw in _CLAUSE_END or nxt.raw in "!?"
        if clause_before and clause_after and kind != "adjective":
            return "yes"
        if any(t.key in self.titles and t.raw[:1].isupper() for t in toks[max(0, j - 3):j]):
            return "yes"  # "Ms Fake news peddler"
        # an epithet beside a name: "psycho Putin", "Donald punk"
        if nxt is not None and self._is_name(toks, end) and toks[i].raw.islower():
            return "yes"
        if (kind == "noun" and prev is not None and j == i and self._is_name(toks, j - 1)
                and not toks[i].key.endswith("s") and not words_before[-1].raw.isupper()):
            return "yes"
        return ""

    # -- threats ----------------------------------------------------------------------
    def _person_after(self, toks: list[_Tok], x: int, span: int = 6) -> bool:
        keys = [t.key for t in toks]
        for y in range(x, min(len(toks), x + span)):
            if self.insult_nouns.match(keys, y) or self.target_nouns.match(keys, y):
                return True
        for t in toks[x:x + span]:
            if t.key in self.you or t.key in self.pronouns or t.key in self.people or t.key in self.objects:
                return True
        return any(self._is_name(toks, y) for y in range(x, min(len(toks), x + span)))

    def _threat(self, toks: list[_Tok], sent: str) -> bool:
        keys = [t.key for t in toks]
        at = [t.start - toks[0].start for t in toks]  # token offsets in ``sent``
        fut = self.first_future.search(sent)
        if fut:
            # a harm verb after the first-person future, aimed at someone
            start = bisect_left(at, fut.end() - 1)
            for x in range(start, len(toks)):
                if keys[x] in self.harm_verbs and not any(k in self.stop_harm for k in keys[max(start, x - 3):x]):
                    if self._person_after(toks, x + 1):
                        return True
        if self.die_wish.search(sent):
            return True
        for m in self.harm_wish.finditer(sent):
            x = bisect_left(at, m.end())
            if x >= len(toks):
                continue
            death = self.death.match(keys, x)
            harm = self.harm_participles.match(keys, x)
            if not (death or harm):
                continue
            subj = self._subject(toks, min(bisect_left(at, m.start()), len(toks) - 1))
            has_pronoun = any(t.key in self.you or t.key in self.pronouns or t.key in self.people
                              for t in toks[max(0, x - _LOOKBACK):x])
            if subj == "person" and (death or has_pronoun) or (death and subj == "") and has_pronoun:
                return True
        wish = self.wishing.search(sent)
        if wish:
            start = bisect_left(at, wish.end())
            for x in range(start, len(toks)):
                k = keys[x]
                base = k[:-1] if k.endswith("s") else k
                if (base in self.harm_verbs and k != base) and not any(
                        kk in self.stop_harm for kk in keys[max(start, x - 3):x]):
                    if x + 1 < len(toks) and toks[x + 1].raw[0].isalpha():
                        return True
        return False

    # -- the scan ---------------------------------------------------------------------
    def scan(self, text: str) -> AbuseHits:
        hate = insults = profanity = directed = reported = threats = 0
        addressed = False
        prev_vocative_thing = False
        hate += len(self.ss.findall(text))
        hate += len(self.group_agent.findall(text)) + len(self.harassment.findall(text))
        hate += sum(1 for m in self.order.finditer(text)
                    if self.order_lead.search(text[max(0, m.start() - 8):m.start()]))
        text = _SPACED.sub(lambda m: re.sub(r"[ ._*-]", "", m.group(0)), text)
        # most comments hold no word that could start a term or a threat: told by one pass
        flags = 0
        raw_flags = self._raw_flags
        for raw in _TOKEN.findall(text):
            f = raw_flags.get(raw)
            if f is None:
                f = raw_flags[raw] = self._flags(raw)
            flags |= f
        if not flags & _HOT and not self.die_wish.search(text):
            return AbuseHits(hate=hate, addressed=bool(flags & _ADDRESSED))
        text, sents = self._sentences(text)
        lexicons = self._lexicons
        for toks in sents:
            keys = [t.key for t in toks]
            sent = text[toks[0].start:toks[-1].start + len(toks[-1].raw)]
            if not addressed and any(k in self.you or k in self.your or k == "@" for k in keys):
                addressed = True
            i = 0
            while i < len(toks):
                hot = self._term_hot.get(keys[i])
                if hot is None:
                    k = keys[i]
                    hot = self._term_hot[k] = k in self.praise or any(lx.cands(k) for lx in lexicons)
                if not hot:
                    i += 1
                    continue
                n = self.slurs.match(keys, i) or self.codes.match(keys, i)
                if n:
                    if self._reported(toks, i):
                        reported += 1
                    else:
                        hate += 1
                    i += n
                    continue
                n = self.insult_nouns.match(keys, i)
                kind = "contempt"
                if not n:
                    n, kind = self.target_nouns.match(keys, i), "noun"
                if not n:
                    n, kind = self.adjectives.match(keys, i), "adjective"
                if n:
                    j = self._np_start(toks, i)
                    if self._reported(toks, i) or self._negated(toks, j):
                        reported += 1
                    else:
                        aim = self._aimed(toks, i, n, kind)
                        if kind == "contempt" and aim not in ("self", "thing"):
                            insults += 1
                        elif aim == "yes":
                            insults += 1
                        else:
                            reported += aim in ("self", "thing")
                    i += n
                    continue
                if keys[i] in self.praise:
                    j = self._np_start(toks, i)
                    while j > max(0, i - _LOOKBACK) and toks[j - 1].key in self.degree:
                        j -= 1
                    neg = keys[0] in self.neither or self._negated(toks, j)
                    if neg and j > 0 and toks[j - 1].key in self.copulas and self._subject(toks, j - 1) == "person":
                        insults += 1
                    i += 1
                    continue
                n = self.profanity.match(keys, i)
                if n:
                    profanity += 1
                    if self._reported(toks, i):
                        reported += 1
                    elif self._profanity_aimed(toks, i, n, prev_vocative_thing):
                        directed += 1
                    i += n
                    continue
                i += 1
            if self._threat(toks, sent) and not any(t.key in self.reporting for t in toks):
                threats += 1
            words = [t for t in toks if t.raw[0].isalnum()]
            prev_vocative_thing = 0 < len(words) <= 3 and words[-1].key in self.things
        return AbuseHits(hate, insults, profanity, directed, reported, threats, addressed)

    def _profanity_aimed(self, toks: list[_Tok], i: int, n: int, vocative_thing: bool) -> bool:
        end = i + n
        prev = toks[i - 1] if i else None
        if prev is not None and (prev.raw == "@" or prev.key in self.you):
            return True  # "@ shitokracy", "you fucking ..."
        if end >= len(toks):
            return False
        nxt = toks[end]
        if nxt.key in self.me or nxt.key in self.thing_pronouns:
            return False  # "fuck me", "fuck this"
        if nxt.key in self.you or nxt.key in self.addressee:
            return not vocative_thing  # "go fuck yourself" said to a warship is no abuse
        if nxt.key in self.objects or nxt.key in self.people:
            return True
        if toks[i].key.startswith(self.curses) and self._is_name(toks, end):
            return True  # "fuck Bibi"
        return False


@functools.lru_cache(maxsize=8)
def matcher(words: ModuleType | None = None) -> Abuse:
    """The :class:`Abuse` matcher of a pack's ``abuse`` section (English when not given)."""
    if words is None:
        from ..lang import load

        words = load("en").abuse
    return Abuse(words)


def scan(text: str, lang: "LanguagePack | None" = None) -> AbuseHits:
    """Count the lexicon hits of ``text``, telling used terms from reported ones
    (in the language of ``lang``; English when not given)."""
    return matcher(lang.abuse if lang is not None else None).scan(text)


def is_abusive(text: str, lang: "LanguagePack | None" = None) -> bool:
    """True when the comment insults, slurs, dehumanises, threatens or harasses."""
    return scan(text, lang).abusive
