"""The OpenAPI document passes both official API Design Rules rulesets with 0 errors.

Spectral comes from ``package.json`` (``./scripts/test`` runs ``npm ci``); the
rulesets are copies in ``tests/api/adr`` (see its README).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RULESETS = sorted((Path(__file__).parent / "adr").glob("ruleset-*.yaml"))
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"


@pytest.fixture(scope="module")
def document_file(tmp_path_factory, database_urls) -> Path:
    from tests.conftest import make_app

    app = make_app(database_urls["sqlite"])
    response = app.test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    path = tmp_path_factory.mktemp("openapi") / "openapi.json"
    path.write_text(json.dumps(response.get_json(), indent=1))
    return path


def _lint(document: Path, ruleset: Path) -> list[dict]:
    assert SPECTRAL.exists() or shutil.which("spectral"), (
        "Spectral is not installed: run ./scripts/test (it runs npm ci)."
    )
    spectral = str(SPECTRAL) if SPECTRAL.exists() else "spectral"
    result = subprocess.run(
        [spectral, "lint", "--quiet", "-r", str(ruleset), "-f", "json", str(document)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    output = result.stdout.strip()
    assert output.startswith("["), f"spectral failed: {result.stderr or output}"
    return json.loads(output)


def test_two_official_rulesets_are_present():
    assert [r.name for r in RULESETS] == ["ruleset-2.1.0.yaml", "ruleset-2.2.yaml"]


@pytest.mark.parametrize("ruleset", RULESETS, ids=lambda r: r.stem)
def test_openapi_document_has_no_errors(document_file, ruleset):
    findings = _lint(document_file, ruleset)
    errors = [f"{f['code']} at {'.'.join(map(str, f['path']))}: {f['message']}"
              for f in findings if f["severity"] == 0]
    assert errors == []


def test_the_linter_does_find_errors(tmp_path):
    """The check above can fail: a document that breaks the rules is reported."""
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({
        "openapi": "3.0.3",
        "info": {"title": "x", "version": "1"},
        "paths": {"/dingen/": {"get": {"responses": {"200": {"description": "ok"}}}}},
    }))
    findings = _lint(broken, RULESETS[0])
    assert any(f["severity"] == 0 for f in findings)
