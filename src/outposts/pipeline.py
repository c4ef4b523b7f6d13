"""One Pipeline, built once per process from :class:`Settings`, serves the CLI,
the web server, the evaluation and every worker (:meth:`Pipeline.shared`).

read → triage → segment → nlp → places → code. Every stage is chosen by name
in ``Settings`` (:mod:`outposts.registry`) and spoken to only through its
contract (:mod:`outposts.contracts`); resources (language pack, spaCy
pipeline, gazetteer, actor dictionary) are passed in or built lazily, once.

Work goes only where it can pay. A sentence the coder does not want
(:meth:`~outposts.contracts.Coder.wants`: for the rules coder, no trigger
phrase can match it) cannot hold an event, and neither can the title (the
coder reads the lede instead): they get no parse, only entities, for the
places the story moves through.
Paragraphs are cut into runs of such sentences and runs of the others;
comments without a trigger are not run through the model at all unless
places are asked for.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, replace
import logging
from datetime import date
from typing import TYPE_CHECKING, Iterable, Iterator

from . import registry
from .code.dates import find_dateline
from .comments import attach
from .config import Settings
from .records import Extraction, ParsedArticle, ParsedSegment, PlaceMention, Report, Segment, TriagedComment
from .segment import Segmenter

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from .actors import ActorDictionary
    from .contracts import Coder, CommentTriager, PlaceResolver
    from .lang import LanguagePack
    from .places import Gazetteer

log = logging.getLogger(__name__)
_SHARED: dict[Settings, "Pipeline"] = {}
_SHARED_LOCK = threading.Lock()


class Pipeline:
    """Reports in, :class:`Extraction` records out."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        nlp: "Language | None" = None,
        gazetteer: "Gazetteer | None" = None,
        actors: "ActorDictionary | None" = None,
    ):
        self.settings = settings or Settings()
        self._nlp, self._gazetteer, self._actors = nlp, gazetteer, actors
        self.lock = threading.Lock()  # threads take turns: a spaCy pipeline is not shared

    @classmethod
    def shared(cls, settings: Settings | None = None) -> "Pipeline":
        """This process's Pipeline for ``settings``, built once: the CLI, the web
        server, the evaluation and every worker get theirs here."""
        settings = settings or Settings()
        with _SHARED_LOCK:
            pipe = _SHARED.get(settings)
            if pipe is None:
                pipe = _SHARED[settings] = cls(settings)
            return pipe

    def warm(self) -> "Pipeline":
        """Build every resource and stage now (workers do, before their first chunk)."""
        _ = (self.nlp, self.gazetteer, self.actors, self.lang, self.segmenter, self.coder, self.geoparser,
             self.triager)
        return self

    # -- resources, built once -------------------------------------------

    @functools.cached_property
    def nlp(self) -> "Language":
        if self._nlp is not None:
            return self._nlp
        from .nlp import load_nlp

        return load_nlp(self.settings.spacy_model)

    @functools.cached_property
    def gazetteer(self) -> "Gazetteer":
        if self._gazetteer is not None:
            return self._gazetteer
        from .places import Gazetteer

        return Gazetteer.open(self.settings.gazetteer)

    @functools.cached_property
    def actors(self) -> "ActorDictionary":
        if self._actors is not None:
            return self._actors
        from .actors import ActorDictionary

        return ActorDictionary.load(self.settings.actor_files, lang=self.lang)

    @functools.cached_property
    def _entity_pipes(self) -> list[str]:
        """The components entities need: the recognizer and any shared
        embedding it listens to (``en_core_web_sm``'s has its own)."""
        names = [n for n in self.nlp.pipe_names if n == "ner"
                 or "ner" in (getattr(self.nlp.get_pipe(n), "listening_components", None) or ())]
        return names or list(self.nlp.pipe_names)

    @functools.cached_property
    def lang(self) -> "LanguagePack":
        from .lang import load

        return load(self.settings.language)

    @functools.cached_property
    def segmenter(self) -> Segmenter:
        """Segments and sentences, by the language pack's rules."""
        return Segmenter(self.lang)

    @functools.cached_property
    def coder(self) -> "Coder":
        return registry.get("coder", self.settings.coder)(self)

    @functools.cached_property
    def geoparser(self) -> "PlaceResolver":
        return registry.get("geoparser", self.settings.geoparser)(self)

    @functools.cached_property
    def triager(self) -> "CommentTriager":
        return registry.get("triager", self.settings.triager)(self)

    # -- running -----------------------------------------------------------

    def report_date(self, report: Report, published: date | None = None) -> tuple[date, str | None]:
        """The date relative expressions resolve against, and a warning if guessed."""
        if published is not None:
            return published, None
        if report.published is not None:
            return report.published, None
        found = find_dateline(report.text, self.lang.dates)
        if found is not None:
            return found, None
        today = date.today()
        return today, f"{report.origin or report.id}: no publication date; dates resolved against today ({today})"

    def extract(self, report: Report, *, published: date | None = None) -> Extraction:
        """Events of one report (see :meth:`run` for many)."""
        return next(iter(self.run([report], published=published)))

    def run(
        self, reports: Iterable[Report], *, published: date | None = None, all_places: bool = False
    ) -> Iterator[Extraction]:
        """Extractions of many reports, the NLP batched across them."""
        batch: list[Report] = []
        for report in reports:
            batch.append(report)
            if len(batch) >= self.settings.batch_size:
                yield from self._run_batch(batch, published, all_places)
                batch = []
        if batch:
            yield from self._run_batch(batch, published, all_places)

    def _run_batch(self, reports: list[Report], published, all_places: bool) -> Iterator[Extraction]:
        plans = [self._plan(r, all_places) for r in reports]
        full = [(i, s) for i, plan in enumerate(plans) for s in plan.full]
        cheap = [(i, s) for i, plan in enumerate(plans) for s in plan.cheap]
        docs: dict[tuple[int, int], "Doc"] = {}
        size = self.settings.batch_size
        for (i, seg), doc in zip(full, self.nlp.pipe((s.text for _, s in full), batch_size=size)):
            docs[(i, id(seg))] = doc
        if cheap:
            with self.nlp.select_pipes(enable=self._entity_pipes):
                for (i, seg), doc in zip(cheap, self.nlp.pipe((s.text for _, s in cheap), batch_size=size)):
                    docs[(i, id(seg))] = doc
        for i, plan in enumerate(plans):
            yield self._finish(plan, {id(s): docs[(i, id(s))] for s in plan.full + plan.cheap}, published)

    def _plan(self, report: Report, all_places: bool) -> "_Plan":
        """Triage the thread, then split the segments: those that may hold an event
        get the full pipeline, the rest only entities (comments: nothing, unless
        places are asked for); comments triage excludes are never coded."""
        triaged = tuple(self.triage(report))
        skip = frozenset(t.index for t in triaged if not t.codable)
        full, cheap = [], []
        segments = self.segmenter.segment(report)
        find_dateline = getattr(self.segmenter, "dateline", None)
        dateline = find_dateline(report, segments) if find_dateline else None
        for seg in (piece for whole in segments
                    for piece in bounded_pieces(whole, self.settings.max_segment_chars,
                                                self.segmenter.sentences)):
            # a headline repeats the lede in fewer, vaguer words: the coder reads only its actors
            codable = seg.kind == "paragraph" or (seg.kind == "comment" and self.settings.code_comments
                                                  and seg.comment not in skip)
            pieces = self._pieces(seg) if codable and self.coder.wants(seg.text) else [(seg, False)]
            for piece, worth in pieces:
                if worth:
                    full.append(piece)
                elif seg.kind != "comment" or all_places or len(pieces) > 1:
                    cheap.append(piece)  # a coded comment's other sentences: for its places
        return _Plan(report, full, cheap, triaged, skip, dateline)

    def _pieces(self, seg: Segment) -> list[tuple[Segment, bool]]:
        """The segment cut into runs of sentences that may hold an event (True)
        and runs that cannot (False); the whole segment when all may."""
        spans = self.segmenter.sentences(seg.text)
        worth = [self.coder.wants(seg.text[a:b]) for a, b in spans]
        if all(worth):
            return [(seg, True)]
        runs: list[list] = []
        for (a, b), w in zip(spans, worth):
            if runs and runs[-1][2] == w:
                runs[-1][1] = b
            else:
                runs.append([a, b, w])
        return [(replace(seg, start=seg.start + a, end=seg.start + b, text=seg.text[a:b]), w)
                for a, b, w in runs]

    def triage(self, report: Report) -> list[TriagedComment]:
        """The report's comments, labelled, scored and placed against the article."""
        return self.triager.triage(report)

    def _finish(self, plan: "_Plan", docs: dict[int, "Doc"], published) -> Extraction:
        report = plan.report
        when, warning = self.report_date(report, published)
        ordered = sorted(plan.full + plan.cheap, key=lambda s: (s.comment is not None, s.comment or 0, s.start))
        places = self.geoparser.resolve([ParsedSegment(s, docs[id(s)]) for s in ordered],
                                        countries=self.settings.countries, filed=plan.dateline)
        focus = _focus_country(places) or (self.settings.countries[0] if self.settings.countries else None)
        full_ids = {id(s) for s in plan.full}
        article = ParsedArticle(
            report=report, report_date=when,
            parsed=tuple(ParsedSegment(s, docs[id(s)]) for s in ordered if id(s) in full_ids),
            unparsed=tuple(s for s in plan.cheap if s.kind != "comment"),
            places=tuple(places), comments=plan.triaged, focus_country=focus,
            dateline=plan.dateline)
        coding = self.coder.code(article)
        return Extraction(
            report=report if report.published else report.with_published(when if warning is None else None),
            events=tuple(attach(coding.events, plan.triaged)),
            places=tuple(places),
            warnings=tuple(report.warnings) + ((warning,) if warning else ()),
            comments=plan.triaged,
            controls=coding.controls,
        )


def bounded_pieces(seg: Segment, limit: int, sentences) -> list[Segment]:
    """``seg`` cut into pieces of at most ``limit`` characters, so no model call
    sees more (spaCy refuses texts over its ``max_length``, and its cost and memory
    grow faster than the text): at sentence ends where it can, else at white
    space, else anywhere. Offsets stay exact: ``piece.start``/``end`` index the
    same frame as ``seg``'s, and white space between pieces is left out.
    ``sentences(text)`` gives sentence spans (the pipeline's segmenter)."""
    text = seg.text
    if len(text) <= limit:
        return [seg]
    bounds: list[tuple[int, int]] = []
    a = b = None
    for s0, s1 in sentences(text):
        if a is not None and s1 - a <= limit:
            b = s1  # the sentence fits in the current piece
            continue
        if a is not None:
            bounds.append((a, b))
        a, b = s0, s1
        while b - a > limit:  # one sentence over the limit: cut at white space
            cut = max((text.rfind(c, a + 1, a + limit + 1) for c in " \n\t"), default=-1)
            cut = cut if cut > a else a + limit
            bounds.append((a, cut))
            a = cut
            while a < b and text[a].isspace():
                a += 1
    if a is not None and a < b:
        bounds.append((a, b))
    out = []
    for x, y in bounds:
        while x < y and text[x].isspace():
            x += 1
        while y > x and text[y - 1].isspace():
            y -= 1
        if x < y:
            out.append(replace(seg, start=seg.start + x, end=seg.start + y, text=text[x:y]))
    return out


@dataclass(slots=True)
class _Plan:
    """One report's work: segments for the full and the cheap pipeline, its triage."""

    report: Report
    full: list[Segment]
    cheap: list[Segment]
    triaged: tuple[TriagedComment, ...]
    skip: frozenset[int]
    dateline: tuple[int, int] | None = None


def _focus_country(places: list[PlaceMention]) -> str | None:
    """The country most places of the article are in."""
    counts: dict[str, int] = {}
    for m in places:
        if m.place is not None and m.place.country_code and m.comment is None and not m.role:
            counts[m.place.country_code] = counts.get(m.place.country_code, 0) + 1
    return max(counts, key=counts.get) if counts else None
