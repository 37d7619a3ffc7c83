"""The console in Chromium against the served product (tests/served/conftest.py): per
backend, one browser context per role, each logged in once through the real OpenID
Provider, shared by the crawl (test_paginas.py) and the journeys (test_reizen.py).

The people:

- ``afnemer-beheerder`` and ``afnemer-medewerker`` of the demo afnemer (Gemeente
  Voorbeeldstad, whose demo data has aansluitingen, costs and prognoses to show), invited
  by Logius before their first login; the beheerder is also beheerder of an afnemer of
  its own for the journey (``reis_afnemer``), which starts empty;
- ``logius-beheerder``: the address in ``AFNEMERSPORTAAL_LOGIUS_BEHEERDERS``;
- ``productteam`` of DigiD: logs in once (a gebruiker exists only after a login), gets
  the role with ``afnemersportaal gebruiker rol`` as an operator would (which ends that
  session), and logs in again in the browser.

A full-page screenshot of every page goes to a directory of the run. With
``CONSOLE_SCREENSHOTS=dir`` the README's screenshots (``README``) are also written there,
at the viewport's size (1280x800)::

    CONSOLE_SCREENSHOTS=docs/screenshots .venv/bin/python -m pytest tests/served/console -k sqlite
"""

from __future__ import annotations

import os
import re
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from tests.served.conftest import CLI, Served
from tests.support.browser import gedeelde_chromium, inloggen

ROOT = Path(__file__).resolve().parents[3]
VIEWPORT = {"width": 1280, "height": 800}
LOGIUS_EMAIL = "beheerder@logius.example"  # the served tier's LOGIUS_BEHEERDERS
#: The pages shown in the README, and their file names there: three of the crawl, and the
#: capacity plot at the end of the Logius journey (with the prognosis of the afnemer's).
README = {"afnemer-beheerder-afnemer-overzicht": "overzicht.png",
          "afnemer-beheerder-afnemer-aansluitingen-detail": "aansluiting.png",
          "afnemer-beheerder-afnemer-kosten": "kosten.png",
          "reis-capaciteit": "capaciteit.png"}


@dataclass
class Persoon:
    rol: str
    email: str
    naam: str
    context: BrowserContext
    page: Page
    #: The afnemer whose pages this person looks at in the crawl (None: none of its own).
    afnemer_id: str | None = None
    extra: dict = field(default_factory=dict)
    #: The questions of confirmation dialogs, in order (each was answered yes).
    vragen: list[str] = field(default_factory=list)


@dataclass
class Console:
    served: Served
    base: str
    mensen: dict[str, Persoon]
    schermen: Path
    #: Where the README's screenshots go (``CONSOLE_SCREENSHOTS``), if anywhere.
    docs: Path | None

    def schermafdruk(self, page: Page, naam: str, *, hele_pagina: bool = True) -> None:
        try:
            page.screenshot(path=self.schermen / f"{naam}.png", full_page=hele_pagina)
        except PlaywrightError:
            # Chromium cannot capture a page taller than its largest texture (a list the
            # other served tests filled up); the visible part is kept instead.
            hoogte = page.evaluate("() => document.documentElement.scrollHeight")
            print(f"{page.url}: {hoogte} px hoog, alleen het zichtbare deel bewaard")
            page.screenshot(path=self.schermen / f"{naam}.png")
        if self.docs is not None and naam in README:
            page.screenshot(path=self.docs / README[naam])

    def nieuwe_context(self) -> BrowserContext:
        context = self._browser.new_context(base_url=self.base, viewport=VIEWPORT)
        context.set_default_timeout(15_000)
        return context


@pytest.fixture(scope="session")
def chromium():
    with gedeelde_chromium() as browser:
        yield browser


def _uitnodigen(served: Served, afnemer_id: str, email: str, rol: str) -> None:
    antwoord = served.post(f"/afnemers/{afnemer_id}/lidmaatschappen", served.logius_token,
                           json={"email": email, "rol": rol})
    assert antwoord.status_code == 201, antwoord.text


def _eerste_login_zonder_browser(served: Served, email: str) -> None:
    """A login with plain HTTP, as tests/served/test_console_sessies.py does: the
    gebruiker then exists, so an operator can give it a role."""
    with requests.Session() as sessie:
        formulier = sessie.get(served.base + "/console/login", timeout=20)
        assert "/interaction/" in formulier.url, formulier.url
        terug = sessie.post(formulier.url + "/login", data={"email": email, "name": email},
                            timeout=20)
        assert terug.url == served.base + "/console/", terug.url


@pytest.fixture(scope="session")
def console(served, chromium, tmp_path_factory) -> Console:
    code = uuid.uuid4().hex[:6]
    doel = os.environ.get("CONSOLE_SCREENSHOTS")
    docs = (ROOT / doel) if doel else None
    if docs is not None:
        docs.mkdir(parents=True, exist_ok=True)
    console = Console(served=served, base=served.base, mensen={},
                      schermen=tmp_path_factory.mktemp(f"schermen-{served.backend}"), docs=docs)
    console._browser = chromium

    reis = served.maak_afnemer(f"Gemeente Reisdorp {code}")
    beheerder = f"beheerder-{code}@voorbeeldstad.example"
    medewerker = f"medewerker-{code}@voorbeeldstad.example"
    team = f"digid-team-{code}@logius.example"
    _uitnodigen(served, served.afnemer_id, beheerder, "afnemer-beheerder")
    _uitnodigen(served, reis["id"], beheerder, "afnemer-beheerder")
    _uitnodigen(served, served.afnemer_id, medewerker, "afnemer-medewerker")
    _eerste_login_zonder_browser(served, team)
    rol = subprocess.run([str(CLI), "gebruiker", "rol", team, "--rol", "productteam",
                          "--dienst", "digid"], env=served.env, cwd=served.workdir,
                         capture_output=True, text=True)
    assert rol.returncode == 0, rol.stderr

    for sleutel, email, naam, afnemer_id in (
            ("afnemer-beheerder", beheerder, "Bea Beheer", served.afnemer_id),
            ("afnemer-medewerker", medewerker, "Mo Medewerker", served.afnemer_id),
            ("logius-beheerder", LOGIUS_EMAIL, "Lotte Logius", None),
            ("productteam", team, "Pim Productteam", None)):
        context = console.nieuwe_context()
        page = context.new_page()
        persoon = Persoon(rol=sleutel, email=email, naam=naam, context=context, page=page,
                          afnemer_id=afnemer_id)
        # A form with data-bevestig asks with window.confirm: the person says yes, and
        # the question is kept for the test to read.
        page.on("dialog", lambda dialoog, p=persoon: (p.vragen.append(dialoog.message),
                                                       dialoog.accept()))
        inloggen(page, email, naam)
        console.mensen[sleutel] = persoon
    console.mensen["afnemer-beheerder"].extra["reis_afnemer"] = reis
    yield console
    for persoon in console.mensen.values():
        persoon.context.close()


def bestandsnaam(tekst: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", tekst.lower()
                  .replace("ë", "e").replace("é", "e")).strip("-")
