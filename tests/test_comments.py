"""Comment triage: labels, toxicity, stance and target, their use by the coder and the store.

Gold labels are hand-written: tests/data/seed_thread_labels.json for the seed thread (labels
only, keyed by comment index) and the ``gold`` objects of tests/data/threads/*.jsonl, threads
written for these tests (``dev-*`` the half the rules were tuned on, ``test-*`` held out).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import outposts
from outposts.comments import excluded, scan, triage_report
from outposts.read import iter_reports
from outposts.read.text import parse_text
from outposts.records import COMMENT_LABELS, Comment, Report

DATA = Path(__file__).parent / "data"
THREADS = sorted((DATA / "threads").glob("*.jsonl"))
EXAMPLES = Path(__file__).parents[1] / "examples"
OPERATING = "Russian forces have been operating in the southern Deir Ezzor countryside for almost three years."


def _seed_gold() -> dict[int, dict]:
    raw = json.loads((DATA / "seed_thread_labels.json").read_text(encoding="utf-8"))
    return {int(k): v for k, v in raw.items() if not k.startswith("_")}


def _threads() -> list[tuple[Report, dict[int, dict]]]:
    out = []
    for path in THREADS:
        raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        reports = list(iter_reports([str(path)]))
        for report, obj in zip(reports, raw, strict=True):
            out.append((report, {n: c["gold"] for n, c in enumerate(obj["comments"])}))
    return out


@pytest.fixture(scope="module")
def seed(seed_path):
    report = parse_text(seed_path.read_text(encoding="utf-8"), origin=str(seed_path))
    return report, {t.index: t for t in triage_report(report)}


# -- the seed thread ------------------------------------------------------------


def test_seed_labels_cover_every_comment(seed):
    report, _ = seed
    gold = _seed_gold()
    assert sorted(gold) == [c.index for c in report.comments]
    assert all(set(g["labels"]) <= set(COMMENT_LABELS) for g in gold.values())


def test_seed_abuse_recall_and_no_civil_comment_flagged(seed):
    _, triaged = seed
    gold = _seed_gold()
    abusive = {i for i, g in gold.items() if "abusive" in g["labels"]}
    found = {i for i, t in triaged.items() if t.abusive}
    assert len(abusive & found) / len(abusive) >= 0.9
    assert not found - abusive, f"civil comments labelled abusive: {sorted(found - abusive)}"


def test_seed_deir_ez_zor_comment_is_an_eyewitness_dispute_of_the_three_years(seed):
    report, triaged = seed
    long = next(t for t in triaged.values() if t.text.startswith("I’d have to say the exact opposite"))
    assert {"eyewitness", "claim"} <= set(long.labels)
    assert long.stance == "dispute"
    assert long.target == OPERATING
    assert report.text[long.target_start:long.target_end] == OPERATING
    assert long.figure == "almost three years"  # the disputed figure


def test_seed_support_and_hypotheticals(seed):
    _, triaged = seed
    gold = _seed_gold()
    deploy = triaged[14]
    assert deploy.stance == "support" and gold[14]["target"] in deploy.target
    hyp = {i for i, g in gold.items() if "hypothetical" in g["labels"]}
    assert hyp == {i for i, t in triaged.items() if "hypothetical" in t.labels}


def test_toxicity_is_a_score_and_higher_for_abuse(seed):
    _, triaged = seed
    scores = [t.toxicity for t in triaged.values()]
    assert all(0.0 <= s <= 1.0 for s in scores)
    abusive = [t.toxicity for t in triaged.values() if t.abusive]
    civil = [t.toxicity for t in triaged.values() if not t.abusive]
    assert min(abusive) > sorted(civil)[len(civil) // 2]


# -- lexicon mechanisms ---------------------------------------------------------


@pytest.mark.parametrize("text", [
    "He called me an idiot for posting the casualty list.",
    "They use the word 'ukrop' for every Ukrainian, which says it all.",
    "I was an idiot to believe the ceasefire would hold.",
    "It was a stupid war from the start.",
])
def test_reported_self_and_thing_uses_are_not_abuse(text):
    assert not scan(text).abusive


@pytest.mark.parametrize("text", [
    "You are a paid troll, go back to your basement.",
    "Bad luck, chump.",
    "@ shitbrain nobody asked you.",
    "The ragheads deserve it.",
])
def test_directed_insults_and_slurs_are_abuse(text):
    assert scan(text).abusive


# -- the written thread set ------------------------------------------------------


def test_thread_set_size_and_gold():
    pairs = _threads()
    n = sum(len(g) for _, g in pairs)
    assert n >= 100
    for report, gold in pairs:
        assert len(gold) == len(report.comments)
        for g in gold.values():
            assert set(g["labels"]) <= set(COMMENT_LABELS)
            assert g["stance"] in ("support", "dispute", "none")


def _pr(pairs, label):
    tp = fp = fn = 0
    for report, gold in pairs:
        for t in triage_report(report):
            want, got = label in gold[t.index]["labels"], label in t.labels
            tp += want and got
            fp += got and not want
            fn += want and not got
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


@pytest.mark.parametrize("label,min_p,min_r", [
    ("abusive", 0.95, 0.75), ("hypothetical", 0.9, 0.8), ("eyewitness", 0.9, 0.75),
    ("claim", 0.55, 0.7), ("opinion", 0.6, 0.4),
])
def test_thread_set_precision_recall_floor(label, min_p, min_r):
    """Regression floors, a little under what bench/bench_comments.py reports."""
    p, r = _pr(_threads(), label)
    assert p >= min_p and r >= min_r, (label, p, r)


# -- events: never from abusive or hypothetical comments ------------------------


@pytest.mark.usefixtures("gazetteer")
def test_no_event_from_abusive_or_hypothetical_comments(seed_path):
    sources = [seed_path, EXAMPLES, *THREADS]
    reports = [r for r in iter_reports([str(s) for s in sources]) if isinstance(r, Report)]
    # and a thread whose excluded comments would otherwise be coded
    reports.append(Report(id="bait", text="Clashes in Idlib\n\nClashes were reported in Idlib.",
                          published=None, comments=(
        Comment(0, "You idiots, Syrian army forces shelled the town of Ariha yesterday."),
        Comment(1, "If Syrian army forces shelled the town of Ariha, Turkey would respond."),
        Comment(2, "Syrian army forces shelled the town of Ariha yesterday, I heard it from my house."),
    )))
    pipe = outposts.Pipeline(outposts.Settings())
    coded_comments = 0
    for ex in pipe.run(reports, published=None):
        skip = excluded(ex.comments)
        assert {t.index for t in ex.comments} == {c.index for c in ex.report.comments}
        for ev in ex.events:
            if ev.source_kind == "comment":
                coded_comments += 1
                assert ev.comment_index not in skip, (ex.report.id, ev.comment_index, ev.evidence)
                assert ev.confidence < 0.7
            for idx in ev.supported_by + ev.disputed_by:
                assert idx not in skip
        if ex.report.id == "bait":
            assert [ev.comment_index for ev in ex.events if ev.source_kind == "comment"] == [2]
    assert coded_comments >= 1


@pytest.mark.usefixtures("gazetteer")
def test_supporting_and_disputing_comments_are_attached_and_stored(tmp_db):
    from outposts.store import open_store

    path = DATA / "threads" / "dev-ariha.jsonl"
    (ex,) = list(outposts.extract_reports([path]))
    first = next(e for e in ex.events if "killing seven" in e.evidence)
    assert 1 in first.disputed_by  # "It was not seven, it was eleven"
    assert first.supported_by
    with open_store(tmp_db) as store:
        assert store.add(ex)
        stored = next(e for e in store.events() if "killing seven" in e.evidence)
        assert stored.disputed_by == first.disputed_by and stored.supported_by == first.supported_by
        shown = list(store.triaged_comments(ex.report.id))
        everything = list(store.triaged_comments(ex.report.id, show_abusive=True))
    assert len(everything) == len(ex.report.comments)  # nothing is lost
    assert {t.index for t in everything} - {t.index for t in shown} == {
        t.index for t in ex.comments if t.abusive}
    assert not any(t.abusive for t in shown)


def test_store_migrates_a_version_1_database(tmp_db):
    from outposts.store import open_store
    from outposts.store.schema import MIGRATIONS

    conn = sqlite3.connect(tmp_db, isolation_level=None)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with open_store(tmp_db) as store:
        assert store.stats()["events"] == 0
    conn = sqlite3.connect(tmp_db)
    cols = {r[1] for r in conn.execute("PRAGMA table_info(events)")}
    assert {"supported_by", "disputed_by"} <= cols
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 2
    conn.close()


# -- the command and the library call ----------------------------------------------


def test_cli_comments_hides_abusive_unless_asked(seed_path):
    run = [sys.executable, "-m", "outposts", "comments", str(seed_path)]
    shown = [json.loads(x) for x in subprocess.run(run, capture_output=True, text=True, check=True).stdout.splitlines()]
    every = [json.loads(x) for x in subprocess.run(run + ["--show-abusive"], capture_output=True, text=True,
                                                    check=True).stdout.splitlines()]
    assert set(every[0]) >= {"report_id", "index", "parent", "author", "text", "labels", "toxicity",
                             "stance", "target"}
    assert not any("abusive" in r["labels"] for r in shown)
    assert len(every) == 39 and len(shown) < len(every)
    table = subprocess.run(run + ["--format", "table"], capture_output=True, text=True, check=True).stdout
    assert table.splitlines()[0].split()[:3] == ["report", "#", "labels"]


def test_library_triage(seed_path):
    rows = outposts.triage(seed_path)
    assert len(rows) == 39 and all(isinstance(r, outposts.TriagedComment) for r in rows)
    assert len(outposts.triage(seed_path, show_abusive=False)) < 39


# -- abuse in context (mechanisms, not strings of any dev set) -------------------------


@pytest.mark.parametrize("text", [
    "b u l l s h i t, you id1ot",  # spacing and leetspeak
    "The ruSSians are at it again.",  # SS-style capitals
    "Typical muzzies.",
    "Fuuuuck you.",
    "f**k you",
    "That senator is a complete and utter liar.",
    "Cowards.",
    "Grandpa Joe = liar.",
    "The people cheering this are brain dead.",
    "We'll find them and kick them in the teeth.",
    "That man should be strung up.",
    "Screw Boris.",
    "You are all sheep.",
    "I think that the writer is going crazy.",  # the writer's own view is no report
    "So they say… That man should be strung up, the liar.",  # a wish of harm after other sentences
    "You should punch the thugs in the face.",  # a call to violence
    "You kill in the name of your false religion.",  # "in the name of" reports nothing
])
def test_variants_targets_and_threats_are_abuse(text):
    assert scan(text).abusive, text


@pytest.mark.parametrize("text", [
    "This whole thing is bullshit.",  # profanity aimed at no one
    "Fuck me, what a day.",  # at oneself
    "Your mother must be worried sick.",  # kin words alone
    "They were treated just like the Jews were.",  # a neutral group mention
    "He is not a liar, he was misinformed.",  # negated
    "She says all refugees are monsters, which is vile of her.",  # attributed
    "Hezbollah is listed as a terrorist organisation.",  # a word not aimed at a person
    "It would be stupid to attack now.",  # said of a thing
    "The terrorists attacked the checkpoint at dawn.",  # descriptive use
    "I will stop shooting when they leave.",  # no harm aimed
    "Banks want a few more days lest a single dime get lost.",  # no one told to get lost
])
def test_context_keeps_civil_comments_civil(text):
    assert not scan(text).abusive, text


# -- stance for every comment ---------------------------------------------------------


def _one_thread(*comments: str) -> list:
    report = Report(id="t", text="Shelling kills seven in Ariha\n\nGovernment forces shelled the town of Ariha "
                    "on Tuesday, killing seven civilians, a monitor said.", published=None,
                    comments=tuple(Comment(n, c) for n, c in enumerate(comments)))
    return triage_report(report)


def test_stance_for_comments_that_are_not_claims():
    t = _one_thread("Propaganda, nobody was shelled in Ariha.", "Sadly true, the shelling of Ariha goes on.",
                    "I hope the people of Ariha find peace.", "@Sam you never read past the headline.")
    assert [x.stance for x in t] == ["dispute", "support", "none", "none"]
    assert t[0].target.startswith("Government forces shelled")  # the body sentence the headline sums up


_DEPOT = ("Blast at fuel depot\n\nThe ministry said rebels were responsible for the blast at the fuel depot in "
          "Kafr Nabl. Negotiators proposed a three-zone plan for the border. Hundreds of families fled the villages "
          "on Sunday. Who will pay for the damage?")
_LOOSE = ("Whatever the politicians decide next, people across the whole region have waited far too long for "
          "anyone to speak plainly about the villages.")


def _thread(article: str, *comments: str) -> list:
    report = Report(id="t", text=article, published=None,
                    comments=tuple(Comment(n, c) for n, c in enumerate(comments)))
    return triage_report(report)


@pytest.mark.parametrize("comment,stance,target", [
    # a contrastive correction disputes the sentence whose words it puts aside
    ("It was a few dozen families, not hundreds.", "dispute", "Hundreds of families fled"),
    # holding someone else responsible disputes the claim; the same one supports it
    ("The army is responsible for the blast, everyone in Kafr Nabl knows it.", "dispute", "rebels were responsible"),
    ("The rebels are to blame for the depot blast.", "support", "rebels were responsible"),
    # another count of the same thing
    ("A two-zone plan is all the border needs.", "dispute", "three-zone plan"),
    # the source called a liar
    ("This ministry is lying about the depot.", "dispute", "The ministry said"),
    # a negated denial agrees, the bare one denies
    ("Not wrong: hundreds of families fled the villages on Sunday, the roads were full.", "support", "Hundreds"),
    ("Wrong: hundreds of families fled the villages on Sunday, the roads were full.", "dispute", "Hundreds"),
    # a comment that touches the report loosely takes a side only by endorsing or denying it
    ("Excellent news. " + _LOOSE, "support", "Hundreds"),
    ("I don't agree. " + _LOOSE, "dispute", "Hundreds"),
    (_LOOSE, "none", None),
    ("Not exactly a surprise. " + _LOOSE, "none", None),  # a hedge, no negated verdict
    ("Thanks for posting. " + _LOOSE, "none", None),  # politeness, no endorsement
    ("Actually, " + _LOOSE, "none", None),  # too weak a denial for a loose comment
    # a question of the article's is no claim to answer
    ("Nobody will pay for the damage, as usual.", "none", None),
])
def test_stance_mechanisms(comment, stance, target):
    (t,) = _thread(_DEPOT, comment)
    assert t.stance == stance, comment
    assert (target in t.target) if target else t.target is None, (comment, t.target)


def test_loose_agreement_with_a_negative_claim_supports_it():
    article = ("Aid stalls\n\nThe agency said no convoy has reached the villages since March. Talks on a new "
               "crossing resumed in Geneva on Monday. Prices of flour doubled in the markets of the district.")
    agree, deny = _thread(article, "So true. " + _LOOSE, "Not true. " + _LOOSE)
    assert agree.stance == "support" and agree.target.startswith("The agency said no convoy")
    assert deny.stance == "support"  # denying along with a claim that denies


def test_sarcasm_turns_praise_into_dispute():
    plain, sarcastic = _one_thread(
        "Government forces shelled Ariha to protect the civilians. Exactly what they always say.",
        "Oh great, government forces shelled Ariha to protect the civilians. Exactly what they always say /s")
    assert plain.stance == "support" and sarcastic.stance == "dispute"


def test_answers_to_the_comment_before_take_no_stance():
    # after another comment, "That's right." answers it; opening the thread, it speaks to the report
    opening = _thread(_DEPOT, "That's right. " + _LOOSE)
    answer = _thread(_DEPOT, "Thanks for posting.", "That's right. " + _LOOSE)
    assert opening[0].stance == "support" and answer[1].stance == "none"
    # "you" opening a thread is the report's "you", not another reader's
    first, second = _one_thread("You keep shelling Ariha and calling it defence.",
                                "You keep shelling Ariha and calling it defence.")
    assert first.stance != "none" and second.stance == "none"


def test_an_answer_takes_the_side_of_the_comment_it_answers():
    correction = "It was a few dozen families, not hundreds."
    _, agreeing = _thread(_DEPOT, correction, "Exactly.")
    _, disagreeing = _thread(_DEPOT, correction, "No, that is how it was.")
    _, idle = _thread(_DEPOT, "Nice weather today.", "Exactly.")
    assert (agreeing.stance, disagreeing.stance, idle.stance) == ("dispute", "support", "none")
    assert agreeing.target.startswith("Hundreds of families fled")


@pytest.mark.parametrize("comment,stance", [
    ("Well said, Ariha.", "support"),  # an endorsement needs no restatement
    ("Do you have any real proof that forces shelled Ariha?", "dispute"),  # a challenge, asked
    ("How are we to know who shelled Ariha?", "dispute"),
    ("Shelled, with no evidence of who did it.", "dispute"),
    ("The photos I wish I had never seen showed the seven civilians killed in Ariha.", "support"),  # wish inside
    ("I really hope the shelling of Ariha stops.", "none"),  # a wish heading its sentence
    ("I'll believe it when the monitor shows the bodies.", "dispute"),  # belief held back
    ("Same story here https://example.org/government-forces-shelled-ariha-killing-seven-civilians", "none"),  # a link
    ("They didn't shell the town, the blast came from a depot.", "dispute"),  # negation reaching the claim's words
    ("Why would government forces shell Ariha, a town they already hold?", "dispute"),  # a rhetorical challenge
    ("Why did government forces shell Ariha on Tuesday?", "none"),  # a question that asks
    ("Ariha again.", "none"),  # names the claim's place, says nothing of what happened there
    ("It's not like Ariha had a choice.", "none"),  # a negation reaching only a name of the claim
    ('Government forces "shelled" Ariha on Tuesday, seven killed.', "dispute"),  # the deed in scare quotes
    ('Government forces shelled "Ariha" on Tuesday, seven killed.', "support"),  # a name in quotes
    ("Allow me to make corrections from the field: government forces shelled Ariha with mortars.", "dispute"),
    ("Right now the shelling of Ariha goes on, a propaganda war too.", "dispute"),  # "right now" agrees with nothing
    ("They shelled Ariha again.", "support"),  # restates the deed
])
def test_stance_cues_in_context(comment, stance):
    (t,) = _one_thread(comment)
    assert t.stance == stance, comment


# -- eyewitness: presence and perception, not hearsay, screens or quotes ----------------


@pytest.mark.parametrize("text,eye", [
    ("I saw the convoy pass our street at noon.", True),
    ("Having worked in Aleppo for two years, I can tell you the market was never hit.", True),
    ("Greetings from Kharkiv, the shelling went on all night.", True),
    ("I heard that the convoy was hit near the bridge.", False),  # hearsay
    ("I watched the footage of the strike on TV last night.", False),  # a screen
    ("He wrote “I saw the bodies myself” but he was in London.", False),  # first person in a quote
    ("We went out of Gaza in 2005 and got rockets in return.", False),  # a nation's "we"
    ("Here in his latest article he claims the town fell.", False),
])
def test_eyewitness_mechanisms(text, eye):
    from outposts.comments.labels import content_labels

    assert ("eyewitness" in content_labels(text)) is eye, text


# -- hypotheticals and run-on splitting -------------------------------------------------


@pytest.mark.parametrize("text,hyp", [
    ("If they weren't ready to defend the country now, when would they?", False),  # rhetorical
    ("Should the army withdraw from the town?", False),  # an inverted question
    ("Would have been easier to negotiate a year ago.", True),  # counterfactual, no "if"
    ("If he had not armed them, the war would be over. The rebels would have won.", True),
    ("What if they stay another year?", True),
    ("Maybe the radios ran out of batteries?", True),  # a guess
    ("Maybe the convoy left on Monday.", False),  # no modal, not asked: a hedged statement
    ("Maybe I'm misremembering, but wasn't the bridge hit twice?", False),  # a hedge on oneself
    ("I wonder what the teachers might have done with that money.", False),  # an indirect question
    ("The guide joked that if the line drops it is the power cuts. Then the sirens went off in Lviv. "
     "The shelters were full by noon.", False),  # someone else's conditional
    ("The town fell on Tuesday. the army left at night... if they come back we would know. "
     "nobody has seen them since. the market is open again.", False),  # run-ons split
    ("If you wait by the border long enough, you'll see every convoy pass.", False),  # a rule, generic "you"
    ("If they needed foreign troops, it shows how thin the army was.", False),  # an inference from a fact
    ("You miss the point if you think the ceasefire changed anything.", False),  # on what the reader thinks
    ("I’m wondering if we’ll ever hear what hit the clinic.", True),  # a guess at what is to come
    ("I wonder if they knew about the convoy.", False),  # an indirect question, no modal
    ("The town has to hold, because otherwise the whole valley is open to them.", True),  # "otherwise", no modal
    ("An otherwise quiet night ended with shelling near the port.", False),
    ("Sad. Really sad. If the bridge had held another week, the convoys from the north would have reached "
     "every village in the valley before winter.", True),  # the supposition holds most of the words
    ("If this is what a ceasefire looks like, I'd hate to see a war.", False),  # the premise is what is
    ("The port is the real prize, in case the ministry never noticed.", False),  # an aside
    ("How would you feel if your street was shelled every night?", True),  # the reader asked to suppose
])
def test_hypothetical_mechanisms(text, hyp):
    from outposts.comments.labels import content_labels

    assert ("hypothetical" in content_labels(text)) is hyp, text


def test_denying_along_with_a_denial_supports_it():
    report = Report(id="n", text="Chemical weapons in question\n\nThe regime has no chemical weapons left, "
                    "inspectors said after the strike.", published=None,
                    comments=(Comment(0, "I don't believe the regime kept any chemical weapons, the inspectors "
                                         "were right."),))
    (t,) = triage_report(report)
    assert t.stance == "support"


@pytest.mark.parametrize("text", ["x" * 100_000, "you idiot " * 5_000, "they should be shot and " * 4_000,
                                  "\u201c" * 20_000, "b u l l s h i t " * 5_000, "otherwise " * 20_000,
                                  "if it is not " * 10_000])
def test_hostile_comments_triage_in_linear_time(text):
    """One huge word or run-on sentence: no pattern or context window may go quadratic."""
    import time

    report = Report(id="h", text="Shelling in Ariha\n\nGovernment forces shelled Ariha on Tuesday.", published=None,
                    comments=(Comment(0, text),))
    t0 = time.process_time()
    triage_report(report)
    assert time.process_time() - t0 < 5.0
