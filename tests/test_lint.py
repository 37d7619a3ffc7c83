"""The static checks CI runs: ruff over core, the plugins, the example plugin package,
the benchmarks and the migrations, with the rules pyproject.toml selects (errors,
warnings, import order, likely bugs, outdated syntax); bandit over core and the plugins;
and pip-audit over the installed packages, against the local advisory source of
security/advisories (the public vulnerability services cannot be reached here)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PADEN = ("core", "plugins", "examples", "bench", "migrations")


def test_ruff_finds_nothing_in_the_code():
    resultaat = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", *PADEN],
                               cwd=ROOT, capture_output=True, text=True, check=False)
    assert resultaat.returncode == 0, resultaat.stdout[-5000:] + resultaat.stderr[-2000:]


def test_bandit_finds_no_medium_or_high_issue_left_unexplained():
    """bandit over the product's code: no finding of medium or high severity. A finding
    that is not one (a table name from the schema in an SQL string) carries ``# nosec``
    with its rule and the reason on that line."""
    resultaat = subprocess.run(
        [sys.executable, "-m", "bandit", "-q", "-r", "core", "plugins", "-ll", "-f", "json"],
        cwd=ROOT, capture_output=True, text=True, check=False)
    rapport = json.loads(resultaat.stdout)
    gevonden = [f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}"
                for r in rapport["results"]]
    assert gevonden == [], "\n".join(gevonden)
    for regel in (ROOT / p for p in ("core", "plugins")):
        for bestand in regel.rglob("*.py"):
            for nummer, tekst in enumerate(bestand.read_text().splitlines(), 1):
                if "# nosec" in tekst:
                    uitleg = tekst.split("# nosec", 1)[1]
                    assert re.match(r" B\d{3}: \S", uitleg), (
                        f"{bestand}:{nummer}: # nosec without its rule and reason")


@pytest.fixture(scope="module")
def osv():
    """The local advisory source (security/advisories), as a local OSV query API."""
    from security.osv_lokaal import laad, server

    http = server(laad(ROOT / "security" / "advisories"))
    draad = threading.Thread(target=http.serve_forever, daemon=True)
    draad.start()
    yield http
    http.shutdown()
    http.server_close()


def _pip_audit(osv_url: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pip_audit", "-s", "osv", "--osv-url", osv_url,
         "--progress-spinner", "off", "-f", "json", *extra],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=300)


def test_pip_audit_finds_no_known_vulnerability_in_the_installed_packages(osv):
    url = f"http://127.0.0.1:{osv.server_address[1]}/v1/query"
    resultaat = _pip_audit(url, "-l")
    assert resultaat.returncode == 0, resultaat.stdout[-3000:] + resultaat.stderr[-3000:]
    geaudit = json.loads(resultaat.stdout)["dependencies"]
    assert any(d["name"] == "gunicorn" for d in geaudit)  # the audit really ran


def test_pip_audit_with_the_local_source_reports_an_affected_version(osv, tmp_path):
    """The same pipeline fails on a requirement the advisories name (gunicorn 21.2.0,
    before the fix of GHSA-w3h3-4rj7-4ph4), so the green result above means something."""
    url = f"http://127.0.0.1:{osv.server_address[1]}/v1/query"
    eisen = tmp_path / "requirements.txt"
    eisen.write_text("gunicorn==21.2.0\n")
    resultaat = _pip_audit(url, "-r", str(eisen), "--no-deps", "--disable-pip")
    assert resultaat.returncode == 1, resultaat.stdout[-3000:] + resultaat.stderr[-3000:]
    assert "GHSA-w3h3-4rj7-4ph4" in resultaat.stdout
