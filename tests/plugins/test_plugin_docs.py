"""The plugin author's guide (``docs/plugins.md``) names every hook and every SDK name.

A hook or an SDK name that is added without a word in the guide fails here, so the guide
cannot fall behind the code it describes.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from tests.plugins.test_plugin_manager import hookspec_names

ROOT = Path(__file__).resolve().parents[2]
GIDS = ROOT / "docs" / "plugins.md"
SDK_MODULES = ("core.sdk", "core.sdk.api", "core.sdk.db", "core.sdk.testing",
               "core.sdk.console")


def _genoemd(tekst: str) -> set[str]:
    """Every name the guide writes as code: `naam` or `naam(...)`."""
    return {m.group(1) for m in re.finditer(r"`([A-Za-z_][\w.]*)(?:\([^`]*\))?`", tekst)}


def _sdk_namen() -> list[tuple[str, str]]:
    uit = []
    for module in SDK_MODULES:
        for naam in importlib.import_module(module).__all__:
            uit.append((module, naam))
    return uit


def test_the_guide_exists_and_has_no_placeholders():
    tekst = GIDS.read_text(encoding="utf-8")
    assert "PLACEHOLDER" not in tekst
    assert len(tekst) > 5_000


@pytest.mark.parametrize("hook", hookspec_names())
def test_the_guide_documents_every_hook(hook):
    assert hook in _genoemd(GIDS.read_text(encoding="utf-8")), (
        f"docs/plugins.md zegt niets over de hook {hook}")


@pytest.mark.parametrize(("module", "naam"), _sdk_namen())
def test_the_guide_documents_every_sdk_name(module, naam):
    assert naam in _genoemd(GIDS.read_text(encoding="utf-8")), (
        f"docs/plugins.md zegt niets over {module}.{naam}")


def test_every_sdk_module_has_its_section():
    tekst = GIDS.read_text(encoding="utf-8")
    for module in SDK_MODULES:
        assert f"### `{module}`" in tekst


def test_the_check_would_notice_a_missing_name():
    assert _genoemd("`hookimpl`, `paginate(select, args)` en `db.session`") == {
        "hookimpl", "paginate", "db.session"}
    assert "dienst_api" not in _genoemd("de hook dienst_api zonder backticks")
