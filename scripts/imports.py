"""The package's import graph: cycles, imports against the data flow, module sizes.

    python scripts/imports.py            # summary (cycles, back-imports)
    python scripts/imports.py --rooms    # lines and imports per room, for docs/architecture.md

A module imports another when an ``import``/``from`` statement anywhere in it
(module level or inside a function) names it; ``if TYPE_CHECKING:`` blocks do
not count. The layers of ``LAYERS`` are the data flow: a room may import its
own layer and the ones before it, never a later one.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "src" / "outposts"

# Rooms in data-flow order; a room may import rooms of its own or an earlier layer.
LAYERS: list[tuple[str, ...]] = [
    ("records", "errors", "config", "registry", "geo", "lang", "contracts", "limits"),
    ("read", "segment", "nlp", "fastpipes"),
    ("places", "actors"),
    ("comments",),
    ("code",),
    ("pipeline",),
    ("merge", "posture"),
    ("store",),
    ("export", "engines", "api", "info"),
    ("web", "cli", "eval"),
]


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def room(mod: str) -> str:
    parts = mod.split(".")
    if len(parts) == 1:
        return "__init__"
    name = parts[1]
    if name.startswith("cli_"):
        return "cli"
    return name


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(path: Path, mod: str, known: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    pkg = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                for sub in child.orelse:
                    visit(sub)
                continue
            if isinstance(child, ast.Import):
                for a in child.names:
                    if a.name.split(".")[0] == "outposts":
                        found.add(a.name)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = pkg.split(".")
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                if target.split(".")[0] != "outposts":
                    continue
                for a in child.names:
                    sub = f"{target}.{a.name}"
                    found.add(sub if sub in known else target)
            visit(child)

    visit(tree)
    return {m for m in found if m in known and m != mod}


def graph() -> tuple[dict[str, set[str]], dict[str, int]]:
    files = {module_name(p): p for p in PKG.rglob("*.py")}
    known = set(files)
    edges = {m: imports_of(p, m, known) for m, p in files.items()}
    sizes = {m: sum(1 for _ in p.open(encoding="utf-8")) for m, p in files.items()}
    return edges, sizes


def room_edges(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for a, targets in edges.items():
        for b in targets:
            if room(a) != room(b) and room(b) != "__init__":
                out[room(a)].add(room(b))
    return out


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one room (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]
    nodes = set(edges) | {b for v in edges.values() for b in v}

    def strong(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in index:
            strong(v)
    return out


def layer_of(r: str) -> int | None:
    for i, rooms in enumerate(LAYERS):
        if r in rooms:
            return i
    return None


def back_imports(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(importer, imported) module pairs where a room imports a later layer."""
    out = []
    for a, targets in sorted(edges.items()):
        la = layer_of(room(a))
        for b in sorted(targets):
            lb = layer_of(room(b))
            if la is not None and lb is not None and lb > la:
                out.append((a, b))
    return out


def main() -> int:
    edges, sizes = graph()
    if "--rooms" in sys.argv:
        lines: dict[str, int] = defaultdict(int)
        mods: dict[str, int] = defaultdict(int)
        for m, n in sizes.items():
            lines[room(m)] += n
            mods[room(m)] += 1
        redges = room_edges(edges)
        print("| room | modules | lines | imports |\n| --- | --- | --- | --- |")
        order = [r for layer in LAYERS for r in layer] + sorted(set(lines) - {r for l in LAYERS for r in l})
        for r in order:
            if r in lines:
                print(f"| `{r}` | {mods[r]} | {lines[r]} | {', '.join(sorted(redges.get(r, ()))) or '—'} |")
        big = sorted(sizes.items(), key=lambda kv: -kv[1])[:8]
        print("\nlargest modules: " + ", ".join(f"`{m}` {n}" for m, n in big))
    cyc = cycles(edges)
    back = back_imports(edges)
    print(f"module cycles: {len(cyc)}")
    for c in cyc:
        print("  " + " <-> ".join(c))
    print(f"imports against the data flow: {len(back)}")
    for a, b in back:
        print(f"  {a} -> {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
