"""The catalogue of problem codes and extension members holds everything the code raises.

Every ``Problem(...)``, ``abort(...)`` and helper that builds one is found in the source
of core and the plugins; its ``code`` must be in :data:`core.errors.CODES` (which the
OpenAPI document lists) and every extension member in :data:`core.errors.EXTENSIES`
(which the ``Problem`` schema declares). A code cannot come from a variable, so the
scan sees them all.
"""

from __future__ import annotations

import ast
import re
import uuid
from pathlib import Path

import pytest

from core.errors import CODES, EXTENSIES, STANDAARDCODES, TITLES, Problem, standaardcode

ROOT = Path(__file__).resolve().parents[1]
STANDAARD = {"status", "detail", "code", "title", "invalid_params", "headers"}


def _aanroepen():
    for bron in sorted([*(ROOT / "core").rglob("*.py"), *(ROOT / "plugins").rglob("*.py")]):
        tekst = bron.read_text()
        boom = ast.parse(tekst, filename=str(bron))
        # ``abort`` is Flask's in most modules; core.errors' own only where imported from it.
        namen = {"Problem"} | ({"abort"} if bron.name == "errors.py" or re.search(
            r"from core\.errors import[^\n]*\babort\b", tekst) else set())
        for node in ast.walk(boom):
            if isinstance(node, ast.Call):
                naam = getattr(node.func, "id", getattr(node.func, "attr", None))
                if naam in namen:
                    yield f"{bron.relative_to(ROOT)}:{node.lineno}", node


def test_the_scan_finds_the_problems_raised():
    assert len(list(_aanroepen())) > 50


def test_every_code_raised_is_in_the_catalogue():
    gezien = set()
    for plaats, node in _aanroepen():
        for keyword in node.keywords:
            if keyword.arg == "code":
                assert isinstance(keyword.value, ast.Constant), (
                    f"{plaats}: a problem's code is a literal, so this test sees it")
                assert keyword.value.value in CODES, f"{plaats}: {keyword.value.value!r}"
                gezien.add(keyword.value.value)
    assert {"niet-gevonden", "ongeldige-invoer", "verouderde-versie"} <= gezien


def test_every_extension_member_raised_is_declared():
    for plaats, node in _aanroepen():
        for keyword in node.keywords:
            if keyword.arg is None:  # **extra: the dict it spreads is checked below
                continue
            if keyword.arg not in STANDAARD:
                assert keyword.arg in EXTENSIES, f"{plaats}: {keyword.arg}"
    # ``bestaat_al`` spreads its member from a dict.
    assert "bestaandeAansluiting" in EXTENSIES


def test_every_status_has_a_catalogued_default_code():
    for status, code in STANDAARDCODES.items():
        assert status in CODES[code].statussen, (status, code)
    for status in [*TITLES, 418, 502]:  # werkzeug may raise any of them
        assert standaardcode(status) in CODES, status


def test_catalogue_entries_are_kebab_case_dutch_and_have_their_status():
    for code, entry in CODES.items():
        assert entry.code == code and code == code.lower() and " " not in code
        assert entry.statussen and all(400 <= s <= 599 for s in entry.statussen)
        assert entry.omschrijving.endswith(".")


def test_a_problem_without_a_code_gets_the_code_of_its_status(app):
    with app.test_request_context("/api/v1/x"):
        assert Problem(404, "x").body()["code"] == "niet-gevonden"
        assert Problem(409, "x").body()["type"].endswith(":conflict")


@pytest.mark.parametrize("path", [
    "/bestaat-niet",
    "/afnemers/{onbekend}",
    "/afnemers/{onbekend}/aansluitingen",
    "/afnemers/{afnemer}/aansluitingen/{onbekend}",
    "/afnemers/{afnemer}/webhooks/{onbekend}",
    "/afnemers/{afnemer}/prognoses/{onbekend}",
    "/aankondigingen/{onbekend}",
    "/kostenruns/{onbekend}",
    "/diensten/bestaat-niet",
    "/diensten/digid/koppelvlakken/bestaat-niet/versies/1.0",
    "/diensten/bestaat-niet/tarieven/2027",
    "/btw-tarieven/2099",
    "/agenda/agd_bestaat-niet",
])
def test_every_404_has_one_code(api, maak_afnemer, path):
    afnemer = maak_afnemer()
    url = path.format(onbekend=uuid.uuid4(), afnemer=afnemer["id"])
    response = api.get(url)
    assert response.status_code == 404, (url, response.get_json())
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "niet-gevonden"


def test_another_afnemers_resource_is_the_same_404(api, maak_afnemer, token_voor):
    eigen, ander = maak_afnemer(), maak_afnemer()
    als_eigen = api.as_(token_voor(uuid.UUID(eigen["id"])))
    response = als_eigen.get(f"/afnemers/{ander['id']}/aansluitingen")
    assert response.status_code == 404
    assert response.get_json()["code"] == "niet-gevonden"
