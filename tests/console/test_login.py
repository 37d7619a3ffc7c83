"""The console in a real browser (Playwright with Debian's Chromium) against the real
local OpenID Provider: login with PKCE, the landing page, memberships, CSRF, logout.
"""

from __future__ import annotations

import uuid

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from core.auth import tokens
from core.auth.principal import Rol
from core.db import db
from core.gebruikers.models import Gebruiker
from tests.conftest import nieuw_oin
from tests.support.browser import gedeelde_chromium


@pytest.fixture(scope="session")
def browser() -> Browser:
    # One Playwright per process: the served console tests use the same Chromium.
    with gedeelde_chromium() as browser:
        yield browser


@pytest.fixture
def page(browser, live_app) -> Page:
    context = browser.new_context(base_url=live_app.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def logius(live_app):
    with live_app.app.app_context():
        nieuw = tokens.issue(naam="logius", rol=Rol.LOGIUS_BEHEERDER, afnemer_id=None, door="test")
        db.session.commit()
        token = nieuw.token

    def call(method: str, path: str, **kwargs):
        return requests.request(method, f"{live_app.url}/api/v1{path}",
                                headers={"Authorization": f"Bearer {token}"}, timeout=10, **kwargs)

    return call


def _afnemer(logius, naam: str) -> dict:
    response = logius("POST", "/afnemers", json={"naam": naam, "oin": nieuw_oin(),
                                                  "type": "gemeente"})
    assert response.status_code == 201, response.text
    return response.json()


def _uitnodigen(logius, afnemer_id: str, email: str, rol: str = "afnemer-beheerder") -> dict:
    response = logius("POST", f"/afnemers/{afnemer_id}/lidmaatschappen",
                      json={"email": email, "rol": rol})
    assert response.status_code == 201, response.text
    return response.json()


def _alleen_sqlite(backend: str) -> None:
    """Browser checks that read no table of their own (a cookie's flags, the CSRF refusal,
    the logout, a forged callback) run once, on SQLite: the other tests here log in and
    write on both backends."""
    if backend != "sqlite":
        pytest.skip("reads nothing of the database; checked on SQLite")


def inloggen(page: Page, email: str, naam: str) -> None:
    page.goto("/console/")
    page.get_by_role("link", name="Inloggen").click()
    # Now on the provider's own login form.
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Naam").fill(naam)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_test_id("ingelogd-als")).to_contain_text(email)


def test_login_shows_the_landing_page_with_the_right_afnemer(page, live_app, logius, provider):
    """Done-when: a browser logs in through the provider and sees its own afnemer only."""
    eigen = _afnemer(logius, "Gemeente Voorbeeldstad")
    _afnemer(logius, "Gemeente Anderdorp")
    lid = _uitnodigen(logius, eigen["id"], "Anna.de.Vries@Voorbeeldstad.example")
    assert lid["status"] == "uitgenodigd"

    inloggen(page, "anna.de.vries@voorbeeldstad.example", "Anna de Vries")

    assert page.url == f"{live_app.url}/console/"
    expect(page.get_by_role("heading", name="Welkom, Anna de Vries")).to_be_visible()
    rijen = page.get_by_test_id("afnemers").locator("tbody tr")
    expect(rijen).to_have_count(1)
    expect(rijen.first).to_contain_text("Gemeente Voorbeeldstad")
    expect(rijen.first).to_contain_text(eigen["oin"])
    expect(rijen.first).to_contain_text("afnemer-beheerder")
    expect(page.get_by_text("Gemeente Anderdorp")).to_have_count(0)

    # The invitation took effect at this login, for the verified address.
    lid = logius("GET", f"/afnemers/{eigen['id']}/lidmaatschappen/{lid['id']}").json()
    assert lid["status"] == "actief" and lid["gebruikerId"] is not None
    with live_app.app.app_context():
        gebruiker = db.session.get(Gebruiker, uuid.UUID(lid["gebruikerId"]))
        assert gebruiker.issuer == provider.issuer
        assert gebruiker.email == "anna.de.vries@voorbeeldstad.example"
        assert gebruiker.email_geverifieerd is True and gebruiker.naam == "Anna de Vries"


def test_the_session_cookie_is_httponly_and_samesite_lax(page, logius, backend):
    _alleen_sqlite(backend)
    inloggen(page, "cookie@voorbeeld.example", "Cookie Test")
    cookies = {c["name"]: c for c in page.context.cookies()}
    sessie = cookies["afnemersportaal_sessie"]
    assert sessie["httpOnly"] is True
    assert sessie["sameSite"] == "Lax"
    assert sessie["secure"] is False  # development over http; Secure elsewhere (test_app)


def test_someone_without_membership_sees_no_afnemers(page, logius):
    _afnemer(logius, "Gemeente Geheim")
    inloggen(page, "buitenstaander@voorbeeld.example", "Buiten Staander")
    expect(page.get_by_test_id("geen-afnemers")).to_be_visible()
    expect(page.get_by_text("Gemeente Geheim")).to_have_count(0)


def test_a_logius_beheerder_sees_every_afnemer(page, logius):
    _afnemer(logius, "Gemeente Een")
    _afnemer(logius, "Gemeente Twee")
    inloggen(page, "beheer@logius.example", "Logius Beheer")
    expect(page.get_by_test_id("logius-rol")).to_be_visible()
    expect(page.get_by_test_id("afnemers").locator("tbody tr")).to_have_count(2)


def test_beheerder_invites_a_colleague_who_becomes_member_at_login(page, browser, live_app,
                                                                   logius):
    afnemer = _afnemer(logius, "Gemeente Samen")
    _uitnodigen(logius, afnemer["id"], "eerste@samen.example")
    inloggen(page, "eerste@samen.example", "Eerste Beheerder")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Leden").click()
    page.get_by_label("E-mail").fill("tweede@samen.example")
    page.get_by_label("Rol", exact=True).select_option("afnemer-medewerker")
    page.get_by_role("button", name="Uitnodigen").click()
    expect(page.get_by_role("status")).to_contain_text("tweede@samen.example is uitgenodigd")
    expect(page.get_by_test_id("leden")).to_contain_text("uitgenodigd")

    other = browser.new_context(base_url=live_app.url)
    try:
        collega = other.new_page()
        inloggen(collega, "tweede@samen.example", "Tweede Medewerker")
        rij = collega.get_by_test_id("afnemers").locator("tbody tr")
        expect(rij).to_contain_text("Gemeente Samen")
        expect(rij).to_contain_text("afnemer-medewerker")
        # A medewerker sees the members but gets no forms to change them.
        collega.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Leden").click()
        expect(collega.get_by_role("button", name="Uitnodigen")).to_have_count(0)
    finally:
        other.close()


def test_the_console_refuses_every_invitation_address_the_api_refuses(page, logius):
    """The console once took any text with an @ that the API refuses (the browser's own
    check aside, which a client can switch off): now both read it through one schema."""
    afnemer = _afnemer(logius, "Gemeente Streng")
    _uitnodigen(logius, afnemer["id"], "beheer@streng.example")
    inloggen(page, "beheer@streng.example", "Streng Beheer")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Leden").click()
    for adres in ("jan@voorbeeld..nl", "x y@voorbeeld.nl", "a@b", "@voorbeeld.nl"):
        assert logius("POST", f"/afnemers/{afnemer['id']}/lidmaatschappen", json={
            "email": adres, "rol": "afnemer-medewerker"}).status_code == 400, adres
        # As a client that skips the browser's check would send it.
        page.locator("form:has(#uitnodiging-email)").evaluate("f => f.noValidate = true")
        page.get_by_label("E-mail").fill(adres)
        page.get_by_label("Rol", exact=True).select_option("afnemer-medewerker")
        page.get_by_role("button", name="Uitnodigen").click()
        expect(page.get_by_role("status")).to_contain_text("Vul een geldig e-mailadres")
    leden = logius("GET", f"/afnemers/{afnemer['id']}/lidmaatschappen").json()
    assert [lid["email"] for lid in leden["resultaten"]] == ["beheer@streng.example"]


def test_the_last_beheerder_cannot_leave_or_step_down(page, logius):
    afnemer = _afnemer(logius, "Gemeente Alleen")
    lid = _uitnodigen(logius, afnemer["id"], "enige@alleen.example")
    inloggen(page, "enige@alleen.example", "Enige Beheerder")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Leden").click()
    page.get_by_role("button", name="Beëindigen").click()
    expect(page.get_by_role("status")).to_contain_text("laatste beheerder")
    page.get_by_label("Rol van enige@alleen.example").select_option("afnemer-medewerker")
    page.get_by_role("button", name="Rol wijzigen").click()
    expect(page.get_by_role("status")).to_contain_text("laatste beheerder")
    now = logius("GET", f"/afnemers/{afnemer['id']}/lidmaatschappen/{lid['id']}").json()
    assert (now["status"], now["rol"]) == ("actief", "afnemer-beheerder")


def test_a_console_form_without_the_csrf_token_is_refused(page, logius, backend):
    _alleen_sqlite(backend)
    """A forged POST carries the session cookie (same browser) but not the form token."""
    afnemer = _afnemer(logius, "Gemeente Vast")
    _uitnodigen(logius, afnemer["id"], "vast@vast.example")
    inloggen(page, "vast@vast.example", "Vaste Beheerder")
    url = f"/console/afnemers/{afnemer['id']}/leden"
    for form in ({"actie": "uitnodigen", "email": "indringer@kwaad.example",
                  "rol": "afnemer-beheerder"},
                 {"actie": "uitnodigen", "email": "indringer@kwaad.example",
                  "rol": "afnemer-beheerder", "csrf_token": "geraden"}):
        response = page.request.post(url, form=form, max_redirects=0)
        assert response.status == 400
        assert "CSRF" in response.text()
    leden = logius("GET", f"/afnemers/{afnemer['id']}/lidmaatschappen").json()["resultaten"]
    assert [x["email"] for x in leden] == ["vast@vast.example"]


def test_another_afnemers_console_page_is_404(page, logius):
    eigen = _afnemer(logius, "Gemeente Mijn")
    vreemd = _afnemer(logius, "Gemeente Jouw")
    _uitnodigen(logius, eigen["id"], "mijn@mijn.example")
    inloggen(page, "mijn@mijn.example", "Mijn Beheerder")
    assert page.goto(f"/console/afnemers/{vreemd['id']}/leden").status == 404
    assert page.goto(f"/console/afnemers/{eigen['id']}/leden").status == 200


def test_logout_ends_the_session_here_and_at_the_provider(page, live_app, logius, backend):
    _alleen_sqlite(backend)
    inloggen(page, "weg@voorbeeld.example", "Weg Gaan")
    # One click: the logout carries the id_token_hint, so the provider ends its session
    # without asking again (RP-initiated logout) and sends us back.
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{live_app.url}/console/")
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()
    expect(page.get_by_test_id("ingelogd-als")).to_have_count(0)
    # The provider's session is gone too: logging in asks for the form again.
    page.get_by_role("link", name="Inloggen").click()
    expect(page.get_by_label("E-mailadres")).to_be_visible()


def test_a_tampered_callback_is_refused(page, live_app, backend):
    _alleen_sqlite(backend)
    """state is checked: a callback that did not start here is not a login."""
    response = page.goto(f"{live_app.url}/console/auth/callback?code=abc&state=nep")
    assert response.status == 400
    expect(page.get_by_text("Inloggen is mislukt")).to_be_visible()
