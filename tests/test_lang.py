"""The language seam: outposts' code reads a language pack, never an English word.

1. An AST scan of ``src/outposts`` (``lang/`` aside) fails on English word lists
   and regexes over text: a literal collection of three or more lower-case words,
   a regular expression whose literal text holds a word, or a token's form
   (``lower_``, ``lemma_``, ``.lower()``...) compared with a word or tested for a
   word ending. What is not language (column names, JSON keys, SQL, markup, parse
   labels) is allowed by name below, each with its reason.
2. A stub pack (English for everything but its own trigger lexicon) run through
   the real Pipeline codes an event English does not.
3. Sentence rules and name keys do not assume Latin letters.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from outposts import registry
from outposts.lang import LanguagePack, load

SRC = Path(__file__).resolve().parents[1] / "src" / "outposts"

# -- 1. the scan --------------------------------------------------------------------------

# Not scanned yet: their words move to the pack in their owners' own changes.
# Not language, so allowed. A path alone allows the whole module; (path, owner)
# allows one top-level assignment, function or class ("Class.method").
ALLOWED: dict[str | tuple[str, str], str] = {
    "eval/": "column names, JSON keys and class names of the evaluation reports, the measure's "
             "own English UI (its text cues are the pack's ``evaluation`` section), and ACLED's "
             "state-force naming",
    "web/": "the map page's texts, API descriptions and JSON keys: the English UI, not input text",
    "cli/": "command help, output formats and column names: the English UI, not input text",
    "records.py": "record field names, ACLED column names and the label/stance vocabularies of the output",
    "registry.py": "stage kinds and the names of built-in stages",
    "store/": "SQL, table and column names",
    "export/": "output formats and ACLED column names",
    "posture/": "JSON keys of control assertions and timelines",
    "read/html.py": "HTML meta property names",
    "read/comments.py": "CSS classes, ids and tags of comment-system markup",
    "read/__init__.py": "file extensions and the readers they pick",
    "places/build.py": "GeoNames and bundled-table column names",
    "places/importer.py": "column names of site files",
    "places/normalize.py": "the gazetteer's key format (transliteration folding), the same for every "
                           "text language: keys made by the pack would not meet the index",
    ("actors/dictionary.py", "KINDS"): "actor kinds of the actors.json schema",
    ("actors/dictionary.py", "_UNARMED"): "actor kinds of the actors.json schema",
    ("actors/dictionary.py", "_TENURE_RE"): "the {tenure} placeholder of actor-name templates",
    ("actors/dictionary.py", "_ABSORBING"): "actor kinds of the actors.json schema",
    ("actors/dictionary.py", "ActorDictionary._absorbs"): "actor kinds of the actors.json schema",
    ("actors/dictionary.py", "_STATE_OF"): "ACLED's naming of state-force entries (Military/Police Forces of X)",
    ("actors/dictionary.py", "_load_country_names"): "GeoNames' English country names, matched as stored",
    ("actors/dictionary.py", "Entry.from_json"): "keys of actors.json entries",
    ("code/dates.py", "_ABSOLUTE_KINDS"): "names of the pattern kinds a pack's dates section uses",
    ("code/control.py", "SITE_CODES"): "GeoNames feature codes to the site kinds of the output "
                                       "(records.Site.kind), the same in every language",
    ("code/control.py", "_from_events.common"): "field names of the assertion being built",
}

# spaCy's dependency labels: the parser's label set, not words of the text.
PARSE_LABELS = frozenset("""
acl acomp advcl advmod agent amod appos attr aux auxpass case cc ccomp compound conj csubj csubjpass
dative dep det dobj expl intj mark meta neg nmod npadvmod nsubj nsubjpass nummod obj obl oprd
parataxis pcomp pobj poss preconj predet prep prt punct quantmod relcl root xcomp iobj
""".split())

_WORD = re.compile(r"[a-z][a-z'’\-]*(?: [a-z][a-z'’\-]*)*\Z")  # a lower-case word or phrase
_REGEX_HINT = re.compile(r"\\[bswdBSWD]|\(\?[:P!=<i]|\w\|\w|\[\^|\]\{|\\\.")
# what in a regex is no word: escapes, group names, inline flags, classes, counts
_REGEX_NOISE = re.compile(r"\\[A-Za-z]|\\.|\(\?P<\w+>|\(\?P=\w+\)|\(\?[aiLmsux-]+[:)]|\[[^\]]*\]"
                          r"|\{\d*,?\d*\}")
_FORM = re.compile(r"lower_|lemma_|norm_|orth_|\.lower\(\)|\.casefold\(\)|\.text\b")
_RE_CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"}
_COLLECTIONS = (ast.Set, ast.List, ast.Tuple, ast.Dict)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _strings(node: ast.AST, skip: set[int]):
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip:
            yield n.value


def _words(values) -> list[str]:
    return [v for v in values if len(v) >= 2 and _WORD.match(v) and v not in PARSE_LABELS]


def _regex_words(pattern: str) -> list[str]:
    return re.findall(r"[A-Za-z]{3,}", _REGEX_NOISE.sub(" ", pattern))


def scan_source(source: str) -> list[tuple[int, str, str, list[str]]]:
    """(line, owner, kind, words) of every English literal the heuristics find."""
    tree = ast.parse(source)
    parents: dict[int, ast.AST] = {}
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            parents[id(child)] = parent
    skip = _docstrings(tree)

    def owner(node: ast.AST) -> str:
        names, top = [], node
        while id(top) in parents:
            if isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.append(top.name)
            if isinstance(parents[id(top)], ast.Module):
                break
            top = parents[id(top)]
        if names:
            return ".".join(reversed(names))
        if isinstance(top, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = top.targets if isinstance(top, ast.Assign) else [top.target]
            return ",".join(ast.unparse(t) for t in targets)
        return ""

    def in_re_call(node: ast.AST) -> bool:
        while id(node) in parents and not isinstance(node, ast.stmt):
            node = parents[id(node)]
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in _RE_CALLS and isinstance(node.func.value, ast.Name) \
                    and node.func.value.id == "re":
                return True
        return False

    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__"
                                                for t in node.targets):
            skip.update(id(n) for n in ast.walk(node))
            continue
        if isinstance(node, _COLLECTIONS) and not isinstance(parents.get(id(node)), _COLLECTIONS):
            words = _words(_strings(node, skip))
            if len(words) >= 3:
                found.append((line, owner(node), "word list", words))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "split" and isinstance(node.func.value, ast.Constant) \
                and isinstance(node.func.value.value, str):
            words = _words(node.func.value.value.split())
            if len(words) >= 3:
                found.append((line, owner(node), "word list", words))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            if in_re_call(node) or _REGEX_HINT.search(node.value):
                words = _regex_words(node.value)
                if words:
                    found.append((line, owner(node), "regex", words))
        elif isinstance(node, ast.Compare) and _FORM.search(ast.unparse(node.left)):
            words = _words(s for c in node.comparators for s in _strings(c, skip))
            if words:
                found.append((line, owner(node), "token compared with a word", words))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("endswith", "startswith", "removesuffix", "removeprefix"):
            receiver = ast.unparse(node.func.value)
            if _FORM.search(receiver) or receiver in ("low", "lower", "lemma", "word", "w", "name"):
                words = [s for a in node.args for s in _strings(a, skip)
                         if re.fullmatch(r"[a-z'’ ]*[a-z][a-z'’ ]*", s)]
                if words:
                    found.append((line, owner(node), "word ending", words))
    return found


def _allowed(rel: str, owner: str) -> bool:
    return any(rel.startswith(key) if isinstance(key, str) else (rel == key[0] and owner == key[1])
               for key in ALLOWED)


def _scanned() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if not rel.startswith("lang/"):
            out.append((rel, path))
    return out


def test_no_english_outside_the_language_packs():
    found = [f"{rel}:{line} ({owner or 'module'}) {kind}: {words[:5]}"
             for rel, path in _scanned()
             for line, owner, kind, words in scan_source(path.read_text(encoding="utf-8"))
             if not _allowed(rel, owner)]
    assert not found, "English outside src/outposts/lang/ (move it to the pack):\n" + "\n".join(found)


def test_the_allowlist_names_what_exists():
    """Every allowlist entry still allows something (no stale reasons)."""
    hits = {(rel, owner) for rel, path in _scanned()
            for _, owner, _, _ in scan_source(path.read_text(encoding="utf-8"))}
    for key in ALLOWED:
        if isinstance(key, tuple):
            assert key in hits, f"{key} is allowed but holds no English-looking literal any more"
        else:
            assert any(rel.startswith(key) for rel, _ in hits), f"{key} is allowed but holds none"


@pytest.mark.parametrize("source, kind", [
    ('X = frozenset({"could", "may", "might"})', "word list"),
    ('X = """north south east west""".split()', "word list"),
    ('import re\nX = re.compile(r"\\b(?:killed|dead)\\b")', "regex"),
    ('Y = r"(?:backed|supported)"', "regex"),
    ('def f(t):\n    return t.lower_ in ("on", "at")', "token compared with a word"),
    ('def f(tok):\n    return tok.lemma_ == "be"', "token compared with a word"),
    ('def f(low):\n    return low.endswith("ed")', "word ending"),
])
def test_the_scan_finds_english(source, kind):
    assert [k for _, _, k, _ in scan_source(source)] == [kind]


@pytest.mark.parametrize("source", [
    'X = frozenset({"nsubj", "dobj", "pobj"})',        # parse labels
    'X = re.compile(r"(\\d{4})-(\\d{2})-(?P<day>\\d{2})")',  # no word but a group name
    '"""A docstring with words in it: could, may, might."""',
    '__all__ = ["alpha", "beta", "gamma"]',
    'X = ("a", "b", "c")',                               # letters, not words
])
def test_the_scan_leaves_what_is_no_language(source):
    assert scan_source(source) == []


# -- 2. a stub pack through the real Pipeline -----------------------------------------------

SENTENCE = "Rebels zorbled with army troops near Saraqib on Monday."


@pytest.fixture
def stub_pack(tmp_path, monkeypatch):
    """Language "xx": English but for a trigger lexicon that knows the verb "zorble"."""
    package = tmp_path / "outposts_test_xx"
    package.mkdir()
    (package / "__init__.py").write_text("")
    lexicon = json.loads(load("en").read_text("triggers.json"))
    lexicon["triggers"].append({"type": "Armed clash", "phrases": ["zorble", "zorbled"],
                                "rank": 70, "confidence": 0.8, "frame": "clash"})
    (package / "triggers.json").write_text(json.dumps(lexicon), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))

    @registry.register("language", "xx")
    def make_pack() -> LanguagePack:
        return LanguagePack("xx", "Test", "outposts_test_xx", parent=load("en"))

    from outposts import lang as lang_module

    yield "xx"
    registry.unregister("language", "xx")
    lang_module._PACKS.pop("xx", None)
    sys.modules.pop("outposts_test_xx", None)


def test_stub_pack_falls_back_on_its_parent(stub_pack):
    pack = load(stub_pack)
    assert pack.parent is load("en")
    assert pack.hedges is load("en").hedges  # a section it lacks: English's
    assert "zorble" in pack.read_text("triggers.json")  # a file of its own
    assert pack.read_text("sources.json") == load("en").read_text("sources.json")


@pytest.mark.slow
def test_stub_pack_changes_what_the_pipeline_codes(stub_pack, gazetteer, monkeypatch):
    from outposts import Comment, Pipeline, Report, Settings
    from outposts import lang as lang_module

    report = Report(id="zorble", text=SENTENCE, published=date(2020, 12, 18),
                    comments=(Comment(0, "I live in Saraqib and we heard the rebels zorbled with troops."),))
    try:
        english = Pipeline(Settings()).extract(report)
    except Exception as exc:  # pragma: no cover - no model
        pytest.skip(f"no pipeline: {exc}")
    stub = Pipeline(Settings(language=stub_pack)).warm()
    assert stub.lang is load(stub_pack)
    assert stub.coder.wants(SENTENCE) and not Pipeline(Settings()).coder.wants(SENTENCE)

    # no stage falls back on a "current" English of its own: every word comes from
    # the pack it was built with (code/control.py, pending, reads English dates still)
    def no_english(code: str = "en"):
        raise AssertionError(f"a stage loaded the {code!r} pack itself")

    monkeypatch.setattr(lang_module, "load", no_english)
    coded = stub.extract(report)
    assert english.events == ()
    # the article's sentence, and the eyewitness comment that tells it again
    assert [(e.sub_event_type, e.source_kind) for e in coded.events] == [
        ("Armed clash", "article"), ("Armed clash", "comment")]
    assert coded.events[0].evidence == SENTENCE and coded.events[0].event_date == date(2020, 12, 14)
    assert [c.labels for c in coded.comments] == [c.labels for c in english.comments] == [
        ("claim", "eyewitness")]


def test_every_stage_gets_the_pipeline_pack(stub_pack):
    """The factories hand ``resources.lang`` to the coder, geoparser, triager,
    segmenter and actor dictionary (no model needed: a blank pipeline)."""
    from outposts import Pipeline, Settings

    pipe = Pipeline(Settings(language=stub_pack, spacy_model="blank:en"), gazetteer=object())
    pack = pipe.lang
    assert pack is load(stub_pack)
    assert pipe.segmenter.rules is pack.segment
    assert pipe.coder.sentences.lang is pack
    assert pipe.coder.lexicon.words is pack.triggers
    assert pipe.geoparser.words.w is pack.places
    assert pipe.triager.lang is pack
    assert pipe.actors.phrasing.w is pack.actors


# -- 3. no Latin assumptions ------------------------------------------------------------------

def _cyrillic_pack() -> LanguagePack:
    """English with a sentence rule that knows Cyrillic capitals."""
    import types

    en = load("en").segment
    segment = types.SimpleNamespace(
        SENTENCE_END=re.compile(r"""(?<=[.!?])(["'\u201d\u2019»)\]]*)\s+(?=["'\u201c\u2018«(\[]?[A-ZА-ЯЁ0-9])"""),
        ABBREVIATIONS=en.ABBREVIATIONS | {"г", "ул"},
        COMMENT_SENTENCE_END=en.COMMENT_SENTENCE_END)
    return LanguagePack("ru-test", "Test", sections={"segment": segment}, parent=load("en"))


def test_sentence_rules_come_from_the_pack():
    from outposts.segment import Segmenter

    text = "Боевики обстреляли Дейр-эз-Зор. Погибли пять человек."
    assert Segmenter(load("en")).sentences(text) == [(0, len(text))]  # English wants a Latin capital
    spans = Segmenter(_cyrillic_pack()).sentences(text)
    assert [text[a:b] for a, b in spans] == ["Боевики обстреляли Дейр-эз-Зор.", "Погибли пять человек."]
    # English keeps its own rule: abbreviations and initials end no sentence
    english = "Gen. Smith met U.S. troops. They left."
    assert [english[a:b] for a, b in Segmenter(load("en")).sentences(english)] == [
        "Gen. Smith met U.S. troops.", "They left."]


def test_name_keys_keep_letters_of_every_script():
    from outposts.actors.dictionary import alias_key
    from outposts.code.sources import _fold
    from outposts.places.normalize import name_key, skeleton_key

    assert name_key("Дейр-эз-Зор") == "деирэззор"
    assert name_key("دير الزور") == "ديرالزور"
    assert name_key("Москва") != name_key("Киев") and name_key("Москва")
    assert skeleton_key("Москва") == "москва"
    assert name_key("al-Qa’im") == name_key("Al Qā’im") == "qaim"  # Latin keys as before
    assert alias_key("Группа Вагнера") == ("группа", "вагнера")
    assert _fold("Сирийская обсерватория") == "сирииская обсерватория"
    assert _fold("the Syrian Observatory") == "the syrian observatory"
