"""English: the language outposts was first written for.

Sections are the modules of this folder and its JSON data files (see
:mod:`outposts.lang`); each names the module that reads it:

==================  ==========================================================
``triggers.json``   the trigger lexicon (:mod:`outposts.code.triggers`)
``triggers``        articles, crude stems, grievance heads of trigger matching
``sources.json``    outlets and monitors, by ACLED source name (:mod:`outposts.code.sources`)
``sources``         reporting verbs, "according to"
``dates``           date patterns and what their words mean (:mod:`outposts.code.dates`)
``fatalities``      death counts, number words (:mod:`outposts.code.fatalities`)
``hedges``          modals, conditional marks, irrealis verbs (:mod:`outposts.code.hedges`)
``mood``            raw-text cues: questions, suppositions, opinions, habits (:mod:`outposts.mood`)
``roles``           prepositions of an actor's side (:mod:`outposts.code.roles`)
``typing_rules``    armed, crowd, goods words of the taxonomy's boundaries (:mod:`outposts.code.typing_rules`)
``coder``           the rules coder's own words: gains, umbrellas, protest policing and rioting
``incidents``       article structure: datelines, statements, recaps, lists (:mod:`outposts.code.incidents`)
``control``         control phrases, site nouns, durations (:mod:`outposts.code.control`)
``segment``         where sentences end, abbreviations (:mod:`outposts.segment`)
``places``          words inside and around place names (:mod:`outposts.places.spans`, ``countries``)
``toponyms``        street words after a name (:mod:`outposts.places.geoparse`)
``translit``        romanization rules of Arabic, Persian, Kurdish, Pashto, Somali names
                    (:mod:`outposts.places.normalize`; the gazetteer's keys, so fixed at build)
``actors``          force nouns and patron phrasing (:mod:`outposts.actors.rules`)
``words``           comment words: shapes, stop and number words, stems (:mod:`outposts.comments.text`)
``abuse``           abuse lexicons of comments (:mod:`outposts.comments.abuse`)
``labels``          claim and eyewitness cues of comments (:mod:`outposts.comments.labels`)
``stance``          dispute cues, figures and dates of comments (:mod:`outposts.comments.stance`)
``evaluation``      recap, tally and hypothetical cues of the real-report measure (:mod:`outposts.eval.articles`)
==================  ==========================================================

A new language copies what it needs; a pack with ``parent=load("en")`` falls
back on these sections for those it lacks.
"""

from __future__ import annotations

from .. import LanguagePack


def make_pack() -> LanguagePack:
    return LanguagePack("en", "English", __name__)
