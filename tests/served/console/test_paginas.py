"""Every console page a role's menu reaches, in Chromium against the served product, on
both backends (issue 17, item 5): it answers 200, axe-core finds no violation of WCAG 2.1
A/AA, the page breaks no rule of its CSP (the browser reports each refused script or
style), the skip link is the first Tab stop and takes the keyboard past the menu to the
content, and a screenshot of the whole page is kept.

The crawl reads the menu (``nav[aria-label=Hoofdmenu]``, the role's own groups: see
``ROLLEN``) of each page it visits, so a new page is crawled as soon as its endpoint is in
the menu, with no edit here; of each menu page it also visits the links in its content
that go deeper under that page's address (a detail page, a form of its own, a sub-list),
one per shape of address (ids and numbers alike), so a page type is checked once, not
once per row (on SQLite, for the beheerders). Downloads (``download``, ``?formaat=``)
are not pages.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from tests.served.console.conftest import Console, bestandsnaam
from tests.support.browser import axe_controle, leesbaar

#: Per role the menu groups whose pages it crawls. A Logius beheerder's menu also lists an
#: afnemer's pages once it has looked at one; those are the afnemer's beheerder's pages
#: (crawled as such), and only the afnemer's overview is crawled as Logius, from the
#: afnemers list.
ROLLEN = {"afnemer-beheerder": {"Afnemer"}, "afnemer-medewerker": {"Afnemer"},
          "logius-beheerder": {"Logius"}, "productteam": {"Productteam"}}

MENU_LINKS = """() => [...document.querySelectorAll('nav[aria-label=Hoofdmenu] ul')].flatMap(
    ul => [...ul.querySelectorAll('a')].map(a => [ul.getAttribute('aria-label'),
                                                 a.textContent.trim(), a.pathname]))"""
SUB_LINKS = """(basis) => {
    const gevonden = [];
    for (const a of document.querySelectorAll('main a[href]:not([download])')) {
        const url = new URL(a.href);
        if (url.origin === location.origin && url.pathname.startsWith(basis)
                && url.pathname.length > basis.length && !url.search.includes('formaat='))
            gevonden.push(url.pathname + url.search);
    }
    return gevonden;
}"""
#: At most this many sub-pages per menu page.
PER_PAGINA = 8
VORM = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d[\d-]*")


#: Segments that name one of a kind (a dienst, an omgeving) rather than a page of its own.
SOORT = re.compile(r"(?<=/diensten/)[^/]+|(?<=/omgevingen/)[^/]+")


def vorm(pad: str) -> str:
    """The shape of an address: every id, number, date, dienst or omgeving the same."""
    return SOORT.sub("*", VORM.sub("*", urlsplit(pad).path.rstrip("/")))


SKIP_LINK_EERST = """() => {
    const el = document.activeElement;
    return el && el.matches('a.naar-inhoud[href="#inhoud"]') ? null
        : (el ? el.outerHTML.slice(0, 120) : 'niets');
}"""
NA_SKIP_LINK = """() => {
    const main = document.querySelector('main#inhoud');
    const el = document.activeElement;
    if (!main) return 'geen <main id="inhoud">';
    if (main.contains(el)) return null;
    const focusbaar = main.querySelector(
        'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), '
        + 'select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])');
    if (!focusbaar) return null;  // nothing in main to reach: the Tab leaves the page
    return 'na de skiplink staat de focus op ' + (el ? el.outerHTML.slice(0, 120) : 'niets');
}"""


def _bezoek(page: Page, console: Console, pad: str, naam: str, fouten: list[str],
            csp: list[str]) -> bool:
    csp.clear()
    antwoord = page.goto(pad)
    if antwoord is None or antwoord.status != 200:
        fouten.append(f"{pad}: HTTP {antwoord.status if antwoord else '?'}")
        return False
    console.schermafdruk(page, naam)
    if csp:
        fouten.append(f"{pad}: de CSP weigerde " + "; ".join(csp))
    # Keyboard: from the top of the page the first Tab stop is the skip link, and
    # following it puts the next Tab stop inside <main>, past the menu.
    page.keyboard.press("Tab")
    if (waar := page.evaluate(SKIP_LINK_EERST)) is not None:
        fouten.append(f"{pad}: de eerste tabstop is niet de skiplink maar {waar}")
    else:
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        if (waar := page.evaluate(NA_SKIP_LINK)) is not None:
            fouten.append(f"{pad}: {waar}")
    if overtredingen := axe_controle(page):
        fouten.append(leesbaar(pad, overtredingen))
    return True


def _crawl(console: Console, rol: str, starts: list[tuple[str, str]], *, diep: bool = True
           ) -> tuple[list, list]:
    """Every menu page from ``starts`` on and, when ``diep``, the sub-pages of each."""
    page = console.mensen[rol].page
    csp: list[str] = []

    def bij_melding(bericht) -> None:
        if bericht.type == "error" and ("Content Security Policy" in bericht.text
                                        or "Refused to" in bericht.text):
            csp.append(bericht.text[:200])

    page.on("console", bij_melding)
    fouten: list[str] = []
    bezocht: list[str] = []
    gezien = {pad for pad, _ in starts}
    vormen = {vorm(pad) for pad, _ in starts}
    te_doen = list(starts)
    try:
        while te_doen:
            pad, naam = te_doen.pop(0)
            if not _bezoek(page, console, pad, f"{rol}-{naam}", fouten, csp):
                continue
            bezocht.append(pad)
            for groep, tekst, link in page.evaluate(MENU_LINKS):
                if groep in ROLLEN[rol] and link not in gezien:
                    gezien.add(link)
                    vormen.add(vorm(link))
                    te_doen.append((link, bestandsnaam(f"{groep}-{tekst}")))
            if not diep or "-sub-" in naam or pad in ("/console/",):
                continue
            nieuw = 0
            for link in page.evaluate(SUB_LINKS, urlsplit(pad).path.rstrip("/") + "/"):
                if nieuw < PER_PAGINA and vorm(link) not in vormen:
                    vormen.add(vorm(link))
                    nieuw += 1
                    te_doen.append((link, bestandsnaam(f"{naam}-sub-{vorm(link)[9:]}")))
    finally:
        page.remove_listener("console", bij_melding)
    return bezocht, fouten


@pytest.mark.parametrize("rol", list(ROLLEN))
def test_every_page_of_the_menu_is_accessible_and_keyboard_ready(console, rol):
    if rol == "afnemer-medewerker" and console.served.backend != "sqlite":
        pytest.skip("a medewerker's pages are the beheerder's without forms, crawled on "
                    "PostgreSQL as the beheerder; the medewerker's own crawl runs on SQLite")
    persoon = console.mensen[rol]
    starts = [("/console/", "start")]
    if persoon.afnemer_id:
        starts.append((f"/console/afnemers/{persoon.afnemer_id}/", "afnemer-overzicht"))
    # A medewerker's sub-pages are the beheerder's without their forms, which the
    # beheerder's crawl checks: its own crawl keeps to the menu. The sub-pages are
    # crawled on SQLite; on PostgreSQL every menu page (their markup is the same, and
    # tests/console renders the sub-pages on both backends).
    diep = rol != "afnemer-medewerker" and console.served.backend == "sqlite"
    bezocht, fouten = _crawl(console, rol, starts, diep=diep)
    assert not fouten, f"{len(fouten)} fout(en) op de pagina's van {rol}:\n" + "\n".join(fouten)
    # The crawl saw the menu: the start page and at least the pages every role has.
    minimum = {"afnemer-beheerder": 2, "afnemer-medewerker": 2, "logius-beheerder": 2,
               "productteam": 1}[rol]
    assert len(bezocht) >= minimum, bezocht
    print(f"{rol}: {len(bezocht)} pagina's ({console.schermen}): {', '.join(bezocht)}")


def test_the_welcome_page_before_login_is_accessible(console):
    context = console.nieuwe_context()
    try:
        page = context.new_page()
        fouten: list[str] = []
        assert _bezoek(page, console, "/console/", "anoniem-welkom", fouten, []), fouten
        assert not fouten, "\n".join(fouten)
        # Why axe is evaluated rather than added as a script: the CSP refuses an inline
        # script without this response's nonce (and so would any injected one).
        with pytest.raises(PlaywrightError, match="Content Security Policy"):
            page.add_script_tag(content="window.ingevoegd = true;")
        assert page.evaluate("() => window.ingevoegd") is None
    finally:
        context.close()
