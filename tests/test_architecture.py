"""The layers of ARCHITECTURE.md, held against the real imports: none points up, none forms a
cycle, none takes a private name from another module, and rich stays in the views."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "xiajiceng"

# lowest first; a module may import its own layer and the layers below it
LAYERS = ["base", "model", "store", "usecases", "views", "cli"]
BASE = {"xiajiceng", "xiajiceng.env", "xiajiceng.errors", "xiajiceng.messages", "xiajiceng.text"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    if module in BASE or module == "xiajiceng.__main__":
        return "base" if module != "xiajiceng.__main__" else "cli"
    return module.split(".")[1]


def imports(path: Path, typing: bool = True) -> list[tuple[str, list[str], int]]:
    """(module, names, line) of every import of xiajiceng, wherever it stands (but under
    `if TYPE_CHECKING:` only when `typing`: such an import never runs)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    if not typing:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skip |= {id(n) for n in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] == "xiajiceng":
                found.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "xiajiceng":
                    found.append((a.name, [], node.lineno))
    return found


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def resolve(module: str, name: str) -> str:
    """`from a.b import c`: the module a.b.c if there is one, else a.b."""
    return f"{module}.{name}" if f"{module}.{name}" in MODULES else module


def test_every_module_has_a_known_layer():
    assert {layer(m) for m in MODULES} <= set(LAYERS)


def upward(module: str, path: Path) -> list[str]:
    """The imports of the module `module`, read from `path`, that point to a layer above."""
    here = LAYERS.index(layer(module))
    return [
        f"line {line}: {target}"
        for imported, names, line in imports(path)
        for target in ([resolve(imported, n) for n in names] or [imported])
        if LAYERS.index(layer(target)) > here
    ]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_points_up(module):
    assert upward(module, MODULES[module]) == [], f"{module} imports a layer above its own"


def test_no_private_name_is_taken_from_another_module():
    taken = [
        f"{module}: {imported}.{name}"
        for module, path in MODULES.items()
        for imported, names, _ in imports(path)
        for name in names
        if name.startswith("_") and not name.startswith("__") and imported != module
    ]
    assert taken == []


def test_no_import_cycle_between_modules():
    graph = {
        m: {
            t
            for imported, names, _ in imports(p, typing=False)
            for t in ([resolve(imported, n) for n in names] or [imported])
            if t in MODULES and t != m
        }
        for m, p in MODULES.items()
    }
    # a package's __init__ that re-exports its own modules is not a cycle of modules
    for m in graph:
        graph[m] = {t for t in graph[m] if not m.startswith(t + ".")}
    seen: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(m: str, path: list[str]) -> None:
        seen[m] = 1
        for t in sorted(graph[m]):
            if seen.get(t) == 1:
                raise AssertionError(" -> ".join([*path[path.index(t) :], t]))
            if t not in seen:
                visit(t, [*path, t])
        seen[m] = 2

    for m in sorted(graph):
        if m not in seen:
            visit(m, [m])


def test_rich_is_imported_only_by_the_views():
    users = sorted(
        module
        for module, path in MODULES.items()
        if any(
            (isinstance(n, ast.ImportFrom) and (n.module or "").split(".")[0] == "rich")
            or (isinstance(n, ast.Import) and any(a.name.split(".")[0] == "rich" for a in n.names))
            for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    )
    assert [u for u in users if layer(u) not in {"views", "cli"}] == []
    cli_users = [u for u in users if layer(u) == "cli"]
    assert cli_users == ["xiajiceng.cli.output"]  # (only for a type, under TYPE_CHECKING)


def test_an_upward_import_would_be_caught(tmp_path):
    """The check itself can fail: a store module that imports a view, at the top or inside a
    function, is reported; one that imports the model is not."""
    planted = tmp_path / "planted.py"
    planted.write_text(
        "from xiajiceng.model import fold\n"
        "def f():\n"
        "    from xiajiceng.views import console\n"
        "    import xiajiceng.cli.app\n",
        encoding="utf-8",
    )
    assert upward("xiajiceng.store.planted", planted) == [
        "line 3: xiajiceng.views.console",
        "line 4: xiajiceng.cli.app",
    ]


def drawn_edges() -> set[tuple[str, str]]:
    """The arrows of the diagram in ARCHITECTURE.md."""
    text = (PACKAGE.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    block = text.split("<!-- layers -->", 1)[1].split("```text", 1)[1].split("```", 1)[0]
    edges = set()
    for line in block.strip().splitlines():
        if "──>" in line:
            source, targets = line.split("──>")
            edges |= {(source.strip(), t.strip()) for t in targets.split(",")}
    return edges


def real_edges() -> set[tuple[str, str]]:
    return {
        (layer(module), layer(target))
        for module, path in MODULES.items()
        for imported, names, _ in imports(path)
        for target in ([resolve(imported, n) for n in names] or [imported])
        if layer(module) != layer(target)
    }


def test_the_diagram_is_the_code():
    """Every arrow drawn exists in the code, and the code has no arrow not drawn (so the
    cli reaches the store only through a use case, and a view never touches the store)."""
    assert real_edges() == drawn_edges()
