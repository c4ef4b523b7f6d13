"""One Pipeline, built once, serves the CLI, the web server and a worker.

read → segment → nlp → mentions → resolve → code. Resources (spaCy
pipeline, gazetteer, actor dictionary, trigger lexicon) are passed in or
built lazily from :class:`Settings`, once per Pipeline.

Work goes only where it can pay. A sentence where no trigger phrase can
match (``Lexicon.may_hold_event``, read off the raw text) cannot hold an
event, and neither can the title (the coder reads the lede instead): they
get no parse, only entities, for the places the story moves through.
Paragraphs are cut into runs of such sentences and runs of the others;
comments without a trigger are not run through the model at all unless
places are asked for.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
import logging
from datetime import date
from typing import TYPE_CHECKING, Iterable, Iterator

from . import registry
from .code.coder import Coder
from .comments import attach, excluded, triage_report
from .code.dates import find_dateline
from .code.sources import Sources
from .code.triggers import Lexicon
from .config import Settings
from .records import Extraction, PlaceMention, Report, Segment, TriagedComment
from .segment import segment, sentence_spans

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from .actors import ActorDictionary
    from .places import Gazetteer, Geoparser

log = logging.getLogger(__name__)


@registry.register("coder", "rules")
def _rules_coder(p: "Pipeline") -> Coder:
    from .places.countries import country_info

    return Coder(p.lexicon, p.actors, Sources.load(), country_info)


@registry.register("geoparser", "gazetteer")
def _gazetteer_geoparser(p: "Pipeline") -> "Geoparser":
    from .places import Geoparser

    return Geoparser(p.gazetteer)


class Pipeline:
    """Reports in, :class:`Extraction` records out."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        nlp: "Language | None" = None,
        gazetteer: "Gazetteer | None" = None,
        actors: "ActorDictionary | None" = None,
        lexicon: Lexicon | None = None,
        coder: str = "rules",
        geoparser: str = "gazetteer",
    ):
        self.settings = settings or Settings()
        self._nlp, self._gazetteer, self._actors, self._lexicon = nlp, gazetteer, actors, lexicon
        self._coder_name, self._geoparser_name = coder, geoparser

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

        return ActorDictionary.load(self.settings.actor_files)

    @functools.cached_property
    def _entity_pipes(self) -> list[str]:
        """The components entities need: the recognizer and any shared
        embedding it listens to (``en_core_web_sm``'s has its own)."""
        names = [n for n in self.nlp.pipe_names if n == "ner"
                 or "ner" in (getattr(self.nlp.get_pipe(n), "listening_components", None) or ())]
        return names or list(self.nlp.pipe_names)

    @functools.cached_property
    def lexicon(self) -> Lexicon:
        """The trigger lexicon, its raw-text test taught this pipeline's lemma forms."""
        from .nlp import word_forms

        lexicon = self._lexicon or Lexicon.load()
        lexicon.learn_forms(word_forms(self.nlp))
        return lexicon

    @functools.cached_property
    def coder(self) -> Coder:
        return registry.get("coder", self._coder_name)(self)

    @functools.cached_property
    def geoparser(self) -> "Geoparser":
        return registry.get("geoparser", self._geoparser_name)(self)

    # -- running -----------------------------------------------------------

    def report_date(self, report: Report, published: date | None = None) -> tuple[date, str | None]:
        """The date relative expressions resolve against, and a warning if guessed."""
        if published is not None:
            return published, None
        if report.published is not None:
            return report.published, None
        found = find_dateline(report.text)
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
        skip = excluded(triaged)
        full, cheap = [], []
        for seg in segment(report):
            # a headline repeats the lede in fewer, vaguer words: the coder reads only its actors
            codable = seg.kind == "paragraph" or (seg.kind == "comment" and self.settings.code_comments
                                                  and seg.comment not in skip)
            pieces = self._pieces(seg) if codable and self.lexicon.may_hold_event(seg.text) else [(seg, False)]
            for piece, worth in pieces:
                if worth:
                    full.append(piece)
                elif seg.kind != "comment" or all_places or len(pieces) > 1:
                    cheap.append(piece)  # a coded comment's other sentences: for its places
        return _Plan(report, full, cheap, triaged, skip)

    def _pieces(self, seg: Segment) -> list[tuple[Segment, bool]]:
        """The segment cut into runs of sentences that may hold an event (True)
        and runs that cannot (False); the whole segment when all may."""
        spans = sentence_spans(seg.text)
        worth = [self.lexicon.may_hold_event(seg.text[a:b]) for a, b in spans]
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
        return triage_report(report)

    def _finish(self, plan: "_Plan", docs: dict[int, "Doc"], published) -> Extraction:
        report = plan.report
        when, warning = self.report_date(report, published)
        ordered = sorted(plan.full + plan.cheap, key=lambda s: (s.comment is not None, s.comment or 0, s.start))
        places = self.geoparser.parse(
            [(s.start, s.comment, docs[id(s)]) for s in ordered],
            countries=self.settings.countries,
        )
        focus = _focus_country(places) or (self.settings.countries[0] if self.settings.countries else None)
        full_ids = {id(s) for s in plan.full}
        parsed = [(s, docs[id(s)]) for s in ordered if id(s) in full_ids]
        events = self.coder.code(report, parsed, list(places), when, focus_country=focus,
                                 skip_comments=plan.skip,
                                 unparsed=[s for s in plan.cheap if s.kind != "comment"])
        events = attach(events, plan.triaged)
        return Extraction(
            report=report if report.published else report.with_published(when if warning is None else None),
            events=tuple(events),
            places=tuple(places),
            warnings=(warning,) if warning else (),
            comments=plan.triaged,
        )


@dataclass(slots=True)
class _Plan:
    """One report's work: segments for the full and the cheap pipeline, its triage."""

    report: Report
    full: list[Segment]
    cheap: list[Segment]
    triaged: tuple[TriagedComment, ...]
    skip: frozenset[int]


def _focus_country(places: list[PlaceMention]) -> str | None:
    """The country most places of the article are in."""
    counts: dict[str, int] = {}
    for m in places:
        if m.place is not None and m.place.country_code and m.comment is None:
            counts[m.place.country_code] = counts.get(m.place.country_code, 0) + 1
    return max(counts, key=counts.get) if counts else None
