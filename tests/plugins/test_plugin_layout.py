"""The shape of the built-in plugins: a package per dienst, one module per hook family.

``plugin.py`` (the module the entry point names) holds only ``@hookimpl`` functions that
hand over in one or two lines; the rules live beside it in ``dienst.py``,
``voorwaarden.py``, ``kosten.py``, ``koppelvlakken.py`` and ``prognoses.py``. Every module
has its imports at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.plugins.test_plugin_manager import BUILTIN

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"
MODULES = sorted(PLUGINS.rglob("*.py"))
#: The modules of each plugin besides ``__init__.py`` and ``plugin.py``.
FAMILIES = {
    "digid": {"dienst", "voorwaarden", "kosten", "koppelvlakken", "prognoses"},
    "mijnoverheid": {"dienst", "voorwaarden", "kosten", "koppelvlakken", "prognoses"},
    "digipoort": {"dienst", "voorwaarden", "kosten", "koppelvlakken", "prognoses"},
    "vwo": {"dienst", "voorwaarden", "models", "regels", "schemas"},
}


def _is_docstring(node: ast.stmt) -> bool:
    return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str))


def _late_imports(tree: ast.Module) -> list[int]:
    """Line numbers of top-level imports that follow other statements (E402)."""
    late, body_begun = [], False
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            if body_begun:
                late.append(node.lineno)
        elif not (_is_docstring(node) and not body_begun):
            body_begun = True
    return late


def _not_thin(tree: ast.Module) -> list[str]:
    """What in a plugin module is neither an import nor a short ``@hookimpl`` function."""
    found = []
    for node in tree.body:
        if _is_docstring(node) or isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if not isinstance(node, ast.FunctionDef):
            found.append(f"line {node.lineno}: {type(node).__name__}")
            continue
        decorators = [getattr(d, "id", getattr(d, "attr", None)) for d in node.decorator_list]
        body = [s for s in node.body if not _is_docstring(s)]
        if decorators != ["hookimpl"] or not node.name.startswith("dienst_"):
            found.append(f"{node.name}: not a @hookimpl")
        elif len(body) > 2:
            found.append(f"{node.name}: {len(body)} statements")
    return found


def test_the_walks_would_notice_a_late_import_and_a_fat_plugin_module():
    source = ('"""doc."""\nimport a\nX = 1\nimport b  # noqa: E402\n'
              "@hookimpl\ndef dienst_info():\n    a = 1\n    b = 2\n    return a + b\n"
              "def helper():\n    return 1\n")
    tree = ast.parse(source)
    assert _late_imports(tree) == [4]
    assert _not_thin(tree) == ["line 3: Assign", "dienst_info: 3 statements",
                               "helper: not a @hookimpl"]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PLUGINS)))
def test_every_plugin_module_has_its_imports_at_the_top(path):
    source = path.read_text()
    assert "E402" not in source
    assert _late_imports(ast.parse(source, str(path))) == []


@pytest.mark.parametrize("slug", sorted(BUILTIN))
def test_each_builtin_plugin_is_a_package_by_hook_family(slug):
    modules = {p.stem for p in (PLUGINS / slug).glob("*.py")}
    assert {"__init__", "plugin"} | FAMILIES[slug] <= modules
    package = ast.parse((PLUGINS / slug / "__init__.py").read_text())
    assert ast.get_docstring(package), f"plugins/{slug}/__init__.py has no docstring"


@pytest.mark.parametrize("slug", sorted(BUILTIN))
def test_plugin_py_holds_only_hookimpls_that_hand_over(slug):
    path = PLUGINS / slug / "plugin.py"
    assert _not_thin(ast.parse(path.read_text(), str(path))) == []
