"""The plugin conformance kit (:mod:`core.sdk.testing`) itself.

- ``TestProef``: the kit on the test dienst ``proef``, which brings every part a plugin
  can (routes, a table, events, settings, deadlines, reminders) and does all of it
  right: every check passes or says why it does not apply.
- The broken dienst ``kapot`` (``tests/plugins/kapot``), run through the kit in a
  separate pytest run without this project's ``conftest.py`` (as a plugin package's CI
  runs it): each of its faults is reported, naming the plugin, the place and the rule.
- The kit knows every hook, and imports nothing from ``tests/``.
"""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

from core.sdk import _kit_regels
from core.sdk.testing import Conformiteit
from tests.plugins.proef import plugin as proef

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]


class TestProef(Conformiteit):
    dienst = "proef"
    plugin = proef
    voorbeelden = {"/proef-notities": {"tekst": "Eerste", "uiterlijk": "2027-01-10"}}  # noqa: RUF012
    instellingen = {"sleutel": "geheim-1"}  # noqa: RUF012


KAPOT = """
from core.sdk.testing import Conformiteit
from tests.plugins.kapot import plugin as kapot


class TestKapot(Conformiteit):
    dienst = "kapot"
    plugin = kapot
    voorbeelden = {"/kapot-notities": {"tekst": "Van A"}}
"""

#: Each fault of ``kapot``: the test that must fail, and a line its report must have.
FOUTEN = {
    "test_voorwaarden[sqlite]": "- hook dienst_voorwaarden, document 'kapot-voorwaarden' "
                                "[[]artikel[]]: verplichting 'opruimen' noemt geen artikel: "
                                "'n.v.t.'",
    "test_gebeurtenissen_gedeclareerd[sqlite]": "- hook dienst_gebeurtenissen, "
                                                "'kapot.notitie-weg' [[]artikel[]]: *'zie later'",
    "test_hook[sqlite-dienst_herinneringen]": "- hook dienst_herinneringen(*) "
                                              "[[]gebeurtenissen[]]: *'kapot.vergeten', dat de "
                                              "plugin niet declareert",
}
for _bank in ("sqlite", "postgresql"):
    FOUTEN |= {
        f"test_migraties[{_bank}]": "- migraties (downgrade base) [[]migraties[]]: tabellen "
                                    "blijven staan: kapot_notities",
        f"test_tenant_isolatie[{_bank}]": "- GET /afnemers/{afnemerId}/kapot-notities/"
                                          "{notitieId} [[]tenant-isolatie[]]: afnemer B met de "
                                          "id's van afnemer A op het eigen pad * kreeg 200 *",
        f"test_etag[{_bank}]": "- PATCH /afnemers/{afnemerId}/kapot-notities/{notitieId} "
                               "[[]if-match[]]: zonder If-Match: 200 *verwacht 428*",
        f"test_gebeurtenissen_gepubliceerd[{_bank}]": "- gebeurtenis 'aankondiging.storing' "
                                                      "[[]gebeurtenissen[]]: gepubliceerd *maar "
                                                      "niet gedeclareerd*",
    }


def test_the_kit_reports_each_fault_of_a_broken_plugin(pytester, monkeypatch, postgresql_url):
    pytester.makepyfile(test_kapot=KAPOT)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("AFNEMERSPORTAAL_TEST_POSTGRES_URL", postgresql_url)
    uitkomst = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rf", timeout=300)
    gefaald = set(re.findall(r"^FAILED test_kapot\.py::TestKapot::(\S+)", uitkomst.stdout.str(),
                             re.MULTILINE))
    assert gefaald == set(FOUTEN), uitkomst.stdout.str()
    for test, regel in FOUTEN.items():
        uitkomst.stdout.fnmatch_lines([f"*TestKapot.{test.replace('[', '[[]')}*",
                                       "plugin 'kapot' (dienst 'kapot') voldoet niet*",
                                       regel], consecutive=False)
    # What kapot does right passes: it loads, its bad bodies and unknown ids answer well.
    assert uitkomst.parseoutcomes()["passed"] >= 10


def test_the_kit_knows_every_hook():
    """A new hook in core.hookspecs needs a line in the kit (checked at start-up, or how
    the kit calls it), or the kit would skip it for every plugin."""
    bekend = _kit_regels.BIJ_OPSTART | set(_kit_regels.AANROEPEN)
    assert set(_kit_regels.hooknamen()) - bekend == set()


def test_the_kit_imports_nothing_from_tests():
    """An external plugin package has core, not this project's tests."""
    for bestand in sorted((ROOT / "core" / "sdk").glob("*.py")):
        for node in ast.walk(ast.parse(bestand.read_text())):
            namen = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not [n for n in namen if n == "tests" or n.startswith("tests.")], bestand


def test_a_subclass_without_dienst_is_a_usage_error(pytester, monkeypatch):
    pytester.makepyfile(test_leeg=textwrap.dedent("""
        from core.sdk.testing import Conformiteit

        class TestLeeg(Conformiteit):
            pass
    """))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    uitkomst = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=120)
    uitkomst.stdout.fnmatch_lines(["*TestLeeg: zet dienst = '<slug>'*"])
