"""The modules of search/ depend one way: no import cycle among them, counting every import
(at the top, inside functions, and those made only for type checking)."""

from __future__ import annotations

import ast
from pathlib import Path

import readingroom.search

PACKAGE = "readingroom.search"
ROOT = Path(readingroom.search.__file__).parent


def imported(path: Path) -> set[str]:
    """The modules of search/ (by name, without the package) that a module imports."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from . import x, from .x import y
                base = ".".join(module.split(".")[: -node.level] or [])
                target = ".".join(p for p in (base, node.module or "") if p)
            elif (node.module or "").startswith(PACKAGE):
                target = node.module.removeprefix(PACKAGE).lstrip(".")  # type: ignore[union-attr]
            else:
                continue
            names = [target] if target else []
            names += [f"{target}.{a.name}".lstrip(".") for a in node.names]
            found.update(names)
        elif isinstance(node, ast.Import):
            found.update(
                a.name.removeprefix(PACKAGE).lstrip(".")
                for a in node.names
                if a.name.startswith(PACKAGE + ".")
            )
    return found


def import_graph() -> dict[str, set[str]]:
    paths = [p for p in ROOT.rglob("*.py") if "migrations" not in p.parts]
    modules = {".".join(p.relative_to(ROOT).with_suffix("").parts): p for p in paths}
    return {
        name: {other for other in imported(path) if other in modules and other != name}
        for name, path in modules.items()
    }


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph, as the modules along it, or None."""
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done
    path: list[str] = []

    def walk(name: str) -> list[str] | None:
        state[name] = 1
        path.append(name)
        for other in sorted(graph[name]):
            if state.get(other) == 1:
                return [*path[path.index(other) :], other]
            if other not in state and (found := walk(other)):
                return found
        state[name] = 2
        path.pop()
        return None

    for name in sorted(graph):
        if name not in state and (found := walk(name)):
            return found
    return None


def test_the_modules_of_search_import_each_other_one_way() -> None:
    graph = import_graph()
    assert "backend" in graph and "facets" in graph["documents"]  # the walk sees imports
    assert cycle(graph) is None


def test_a_cycle_is_found() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
