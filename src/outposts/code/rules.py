"""The ``rules`` coder: the trigger lexicon, the actor dictionary and the typing
rules behind :class:`~outposts.contracts.Coder`."""

from __future__ import annotations

from ..records import Coding, ParsedArticle
from .coder import Coder
from .control import control_assertions
from ..segment import headline_repeats
from .incidents import consolidate, drop_alias_places, drop_dateline_places, drop_source_places
from .sources import Sources
from .triggers import Lexicon


class RulesCoder:
    """Events and control assertions of a parsed article, by rule, in the
    language of ``lang`` (its pack; English when not given)."""

    def __init__(self, lexicon: Lexicon, actors, sources: Sources, countries, gazetteer=None, lang=None):
        self.lexicon = lexicon
        self.sentences = Coder(lexicon, actors, sources, countries, lang)
        self.lang = self.sentences.lang
        self.actors = actors
        self.sources = sources
        self.gazetteer = gazetteer

    def wants(self, text: str) -> bool:
        """Only text where some trigger phrase can match is worth a parse."""
        return self.lexicon.may_hold_event(text)

    def code(self, article: ParsedArticle) -> Coding:
        cues = self.lang.incidents
        segments = sorted([p.segment for p in article.parsed] + list(article.unparsed),
                          key=lambda s: (s.comment is not None, s.comment or 0, s.start))
        places = drop_dateline_places(article.locating_places, article.dateline)
        places = drop_alias_places(article.report, places, cues)
        places = drop_source_places(article.report, places, cues)
        headline = headline_repeats(article.report, segments)
        parsed = [(p.segment, p.parse) for p in article.parsed if p.segment.index not in headline]
        unparsed = list(article.unparsed) + [p.segment for p in article.parsed
                                             if p.segment.index in headline]
        mentions = self.sentences.code(
            article.report, parsed, list(places), article.report_date,
            focus_country=article.focus_country, skip_comments=article.skip_comments,
            unparsed=unparsed, dateline=article.dateline)
        events = consolidate(mentions, cues, places)
        controls = control_assertions(article, events, self.actors, self.sources, self.gazetteer,
                                      self.lang)
        return Coding(tuple(events), tuple(controls))


def make_coder(resources) -> RulesCoder:
    """The ``rules`` coder (registry factory) over the pipeline's resources: the
    trigger lexicon, source names and every word list come from the pipeline's
    language pack; the lexicon's raw-text test is taught the lemma forms of the
    pipeline's language model."""
    from ..nlp import word_forms
    from ..places.countries import country_info

    lang = resources.lang
    lexicon = Lexicon.load(lang=lang)
    lexicon.learn_forms(word_forms(resources.nlp))
    return RulesCoder(lexicon, resources.actors, Sources.load(lang), country_info, resources.gazetteer,
                      lang)
