"""The console in a real browser: Debian's Chromium through Playwright, axe-core from npm.

Playwright's sync API runs one instance per process (a second ``sync_playwright()``
refuses to start while the first lives), so every browser test of a pytest process
shares :func:`gedeelde_chromium`: the first user starts Chromium, the last one to leave
stops it.

:func:`axe_controle` runs axe-core (``node_modules/axe-core``, installed by ``npm ci``)
in a page with the WCAG 2.1 A and AA rules and returns what it finds. axe is evaluated
through the DevTools protocol, like every ``page.evaluate``, not added as a ``<script>``
element: the console's CSP (``script-src 'self' 'nonce-...'``) rightly refuses an inline
script without the response's nonce, and the page is checked under its real CSP, with
no ``bypass_csp``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from playwright.sync_api import Browser, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: The rules of WCAG 2.0 and 2.1, levels A and AA (axe's own tags).
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_gedeeld: dict = {"aantal": 0}


@contextmanager
def gedeelde_chromium() -> Iterator[Browser]:
    """This process's one headless Chromium (see the module's docstring)."""
    if _gedeeld["aantal"] == 0:
        playwright = sync_playwright().start()
        _gedeeld["playwright"] = playwright
        _gedeeld["browser"] = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking"],
        )
    _gedeeld["aantal"] += 1
    try:
        yield _gedeeld["browser"]
    finally:
        _gedeeld["aantal"] -= 1
        if _gedeeld["aantal"] == 0:
            _gedeeld.pop("browser").close()
            _gedeeld.pop("playwright").stop()


def inloggen(page: Page, email: str, naam: str) -> None:
    """Log in as a person does: the console's Inloggen link, the provider's own form."""
    antwoord = page.goto("/console/")
    assert antwoord is not None and antwoord.status == 200, (
        f"/console/ answered {antwoord and antwoord.status}: {page.content()[:2000]}")
    page.get_by_role("link", name="Inloggen").click()
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Naam").fill(naam)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_test_id("ingelogd-als")).to_contain_text(email)


@cache
def _axe_bron() -> str:
    assert AXE.is_file(), f"{AXE} is missing: run ./scripts/test (it runs npm ci)"
    return AXE.read_text(encoding="utf-8")


def axe_controle(page: Page) -> list[dict]:
    """axe's violations of WCAG 2.1 A/AA on the page as it is now (empty: none)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_bron())
    uitkomst = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                               resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                          html: n.html, summary: n.failureSummary}))}));
        }""", WCAG_21_AA)
    return uitkomst


def leesbaar(pad: str, overtredingen: list[dict]) -> str:
    """axe's violations of one page as lines a person can act on."""
    regels = [f"{pad}: {len(overtredingen)} WCAG-overtreding(en)"]
    for v in overtredingen:
        regels.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            regels.append(f"    - {node['target']}: {node['html'][:160]}")
            for regel in (node["summary"] or "").splitlines()[:4]:
                regels.append(f"        {regel.strip()}")
        if len(v["nodes"]) > 5:
            regels.append(f"    ... en nog {len(v['nodes']) - 5}")
    return "\n".join(regels)
