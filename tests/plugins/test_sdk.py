"""The plugin SDK (``core/sdk/__init__.py``): the one core module a plugin imports.

- Importing it does not load the app factory, Flask, SQLAlchemy, flask-smorest or any
  view: checked in a fresh interpreter, which also prints what the import costs.
- Every module under ``plugins/`` and ``examples/`` imports nothing from core but
  ``core.sdk`` (and its submodules).
- Every name the SDK exports resolves.

Core's side of the boundary (core never imports a plugin) is checked in
``test_plugin_manager.py``.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import core.sdk

ROOT = Path(__file__).resolve().parents[2]

#: Modules the SDK must not load (a prefix matches the module and its submodules).
ZWAAR = ("core.app", "core.db", "core.api.smorest", "flask", "flask_smorest",
         "sqlalchemy", "webargs", "apispec")

_PROBE = """
import json, sys, time
begin = time.perf_counter()
import core.sdk
duur = time.perf_counter() - begin
print(json.dumps({"duur": duur, "modules": sorted(sys.modules)}))
"""


def _zwaar(module: str) -> bool:
    return (any(module == z or module.startswith(z + ".") for z in ZWAAR)
            or (module.startswith("core.") and module.rsplit(".", 1)[-1] == "views"))


def test_importing_the_sdk_loads_neither_the_app_nor_flask():
    uitvoer = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True, text=True,
        check=True, timeout=60,
    )
    gemeten = json.loads(uitvoer.stdout)
    geladen = [m for m in gemeten["modules"] if _zwaar(m)]
    assert geladen == [], f"importing core.sdk loaded {geladen}"
    core_modules = [m for m in gemeten["modules"] if m == "core" or m.startswith("core.")]
    print(f"\nimport core.sdk: {gemeten['duur'] * 1000:.0f} ms, "
          f"{len(core_modules)} core modules: {', '.join(core_modules)}")


def test_the_probe_would_notice_a_heavy_module():
    assert _zwaar("core.app") and _zwaar("flask_smorest.blueprint")
    assert _zwaar("core.koppelvlakken.views") and _zwaar("sqlalchemy.orm")
    assert not _zwaar("core.types") and not _zwaar("core.api.schemas")
    assert not _zwaar("flaskish")


def test_create_app_is_still_importable_from_core():
    from core import create_app
    from core.app import create_app as uit_app

    assert create_app is uit_app


# --- plugins import only the SDK from core -----------------------------------------------


def _core_imports(tree: ast.AST) -> list[str]:
    """Every module of core that a module imports, at any depth of its code."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "core":
                names.extend(f"core.{alias.name}" for alias in node.names)
            else:
                names.append(node.module)
        elif (isinstance(node, ast.Call) and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
              and getattr(node.func, "attr", getattr(node.func, "id", None))
              in {"import_module", "__import__"}):
            names.append(node.args[0].value)
    return [n for n in names if n == "core" or n.startswith("core.")]


def test_plugins_import_nothing_from_core_but_the_sdk():
    """The built-in plugins and the example packages under ``examples/`` alike, their
    tests included (which may use the conformance kit, ``core.sdk.testing``)."""
    files = sorted([*(ROOT / "plugins").rglob("*.py"), *(ROOT / "examples").rglob("*.py")])
    assert len(files) >= 8  # four plugins, each a package and its plugin module
    assert any(p.is_relative_to(ROOT / "examples") for p in files)
    offenders = {
        str(path.relative_to(ROOT)): name
        for path in files
        for name in _core_imports(ast.parse(path.read_text(), str(path)))
        if not (name == "core.sdk" or name.startswith("core.sdk."))
    }
    assert offenders == {}, f"plugins import core modules other than core.sdk: {offenders}"


def test_the_plugin_walk_would_notice_another_core_import():
    source = ("from core.sdk import hookimpl\nfrom core.types import Keuze\n"
              "import core.tijd\nfrom core import api\n"
              "def f():\n    from core.api.schemas import Schema\n"
              "import importlib\nimportlib.import_module('core.db')\n")
    assert _core_imports(ast.parse(source)) == [
        "core.sdk", "core.types", "core.tijd", "core.api", "core.api.schemas", "core.db"]


# --- what the SDK exports -----------------------------------------------------------------


def test_the_sdk_has_a_docstring_for_plugin_authors():
    assert core.sdk.__doc__ and "hookimpl" in core.sdk.__doc__


@pytest.mark.parametrize("name", core.sdk.__all__)
def test_every_sdk_name_resolves(name):
    assert getattr(core.sdk, name) is not None


def test_sdk_names_are_unique_and_cover_the_hook_types():
    from core import hookspecs, types
    from core.koppelvlakken import typen

    assert len(core.sdk.__all__) == len(set(core.sdk.__all__))
    publiek = {
        name for module in (types, typen)
        for name, value in vars(module).items()
        if not name.startswith("_") and getattr(value, "__module__", None) == module.__name__
        and isinstance(value, type)
    }
    assert publiek - set(core.sdk.__all__) == set()
    assert core.sdk.hookimpl is hookspecs.hookimpl
