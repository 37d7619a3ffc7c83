"""Console sessions on the server, the console's CSP, and machine clients that no other
afnemer can find or take: over HTTP against the served product and its real provider.

A console login here is what a browser does, with ``requests`` following the redirects:
the console sends it to the provider, whose development form asks only an e-mail address
and a name, and the provider sends it back with a code.
"""

from __future__ import annotations

import re
import uuid

import requests

from tests.served.conftest import Served

COOKIE = "afnemersportaal_sessie"  # development: no __Host- prefix over plain http


def _inloggen(served: Served, email: str) -> requests.Session:
    browser = requests.Session()
    formulier = browser.get(served.base + "/console/login", timeout=20)
    assert formulier.status_code == 200 and "/interaction/" in formulier.url, formulier.url
    terug = browser.post(formulier.url + "/login", data={"email": email, "name": email},
                         timeout=20)
    assert terug.url == served.base + "/console/", terug.url
    assert email in terug.text
    return browser


def _csrf(pagina: requests.Response) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', pagina.text).group(1)


def _afnemer_met_beheerders(served: Served, *namen: str) -> tuple[str, dict[str, dict]]:
    afnemer = served.maak_afnemer()["id"]
    leden = {}
    for naam in namen:
        email = f"{naam}-{uuid.uuid4().hex[:6]}@sessie.example"
        antwoord = served.post(f"/afnemers/{afnemer}/lidmaatschappen", served.logius_token,
                               json={"email": email, "rol": "afnemer-beheerder"})
        assert antwoord.status_code == 201, antwoord.text
        leden[naam] = {**antwoord.json(), "email": email}
    return afnemer, leden


def _met_cookie(served: Served, pad: str, cookie: str) -> requests.Response:
    return requests.get(served.base + pad, cookies={COOKIE: cookie}, allow_redirects=False,
                        timeout=20)


def test_a_session_cookie_is_an_opaque_id_that_dies_at_logout(served):
    afnemer, leden = _afnemer_met_beheerders(served, "weg")
    browser = _inloggen(served, leden["weg"]["email"])
    pad = f"/console/afnemers/{afnemer}/leden"
    pagina = browser.get(served.base + pad, timeout=20)
    assert pagina.status_code == 200 and leden["weg"]["email"] in pagina.text
    cookie = browser.cookies[COOKIE]
    # 32 random bytes and nothing else: no signed payload, no ID token (a JWT is far
    # longer and starts with eyJ), no user id.
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", cookie), cookie

    uit = browser.post(served.base + "/console/logout", data={"csrf_token": _csrf(pagina)},
                       allow_redirects=False, timeout=20)
    assert uit.status_code == 302
    # The ID token stayed on the server and goes to the provider as the logout's hint.
    assert "id_token_hint=eyJ" in uit.headers["Location"], uit.headers["Location"]
    # A copy of the cookie made before logout is worth nothing after it.
    nagemaakt = _met_cookie(served, pad, cookie)
    assert nagemaakt.status_code == 302
    assert nagemaakt.headers["Location"].endswith("/console/")
    assert leden["weg"]["email"] not in _met_cookie(served, "/console/", cookie).text


def test_a_role_change_or_an_ended_membership_ends_the_sessions_at_once(served):
    afnemer, leden = _afnemer_met_beheerders(served, "eerste", "tweede", "derde")
    eerste = _inloggen(served, leden["eerste"]["email"])
    tweede = _inloggen(served, leden["tweede"]["email"])
    derde = _inloggen(served, leden["derde"]["email"])
    pad = f"{served.base}/console/afnemers/{afnemer}/leden"
    for browser in (eerste, tweede, derde):
        assert browser.get(pad, timeout=20).status_code == 200

    # The first beheerder makes the second a medewerker in the console.
    pagina = eerste.get(pad, timeout=20)
    antwoord = eerste.post(pad, data={
        "csrf_token": _csrf(pagina), "actie": "rol", "rol": "afnemer-medewerker",
        "lidmaatschap": leden["tweede"]["id"]}, timeout=20)
    assert "is nu afnemer-medewerker" in antwoord.text
    oud = tweede.get(pad, allow_redirects=False, timeout=20)
    assert oud.status_code == 302 and oud.headers["Location"].endswith("/console/")

    # Logius ends the third's membership through the API.
    lid = served.get(f"/afnemers/{afnemer}/lidmaatschappen/{leden['derde']['id']}",
                     served.logius_token)
    weg = served.request("DELETE", f"/afnemers/{afnemer}/lidmaatschappen/{leden['derde']['id']}",
                         served.logius_token, headers={"If-Match": lid.headers["ETag"]})
    assert weg.status_code == 204, weg.text
    oud = derde.get(pad, allow_redirects=False, timeout=20)
    assert oud.status_code == 302 and oud.headers["Location"].endswith("/console/")

    # Whoever made the change is still logged in.
    assert eerste.get(pad, timeout=20).status_code == 200


def test_console_pages_run_only_scripts_with_their_own_nonce_and_are_not_kept(served):
    _afnemer, leden = _afnemer_met_beheerders(served, "csp")
    browser = _inloggen(served, leden["csp"]["email"])
    nonces = set()
    for antwoord in (browser.get(served.base + "/console/", timeout=20),
                     browser.get(served.base + "/console/", timeout=20),
                     requests.get(served.base + "/console/", timeout=20)):
        assert antwoord.status_code == 200
        assert antwoord.headers["Cache-Control"] == "no-store"
        beleid = dict(
            (deel.strip().split(" ", 1) + [""])[:2]
            for deel in antwoord.headers["Content-Security-Policy"].split(";") if deel.strip())
        assert "'unsafe-inline'" not in beleid["script-src"]
        assert beleid["frame-ancestors"] == "'none'"
        nonce = re.fullmatch(r"'self' 'nonce-([A-Za-z0-9_-]{20,})'", beleid["script-src"]
                             ).group(1)
        scripts = re.findall(r"<script\b([^>]*)>", antwoord.text)
        assert scripts, "the page has an inline script to check"
        assert all(f'nonce="{nonce}"' in attributen for attributen in scripts), scripts
        nonces.add(nonce)
    assert len(nonces) == 3, "every answer has a nonce of its own"


def _binden(served: Served, afnemer: str, token: str, client_id: str,
            bewijs: str | None) -> requests.Response:
    body = {"clientId": client_id, "naam": "Koppeling", "scopes": ["read", "write"]}
    if bewijs is not None:
        body["bewijs"] = bewijs
    return served.post(f"/afnemers/{afnemer}/machine-clients", token, json=body)


def _zonder_instance(antwoord: requests.Response) -> tuple[int, dict]:
    body = antwoord.json()
    body.pop("instance", None)
    return antwoord.status_code, body


def test_no_afnemer_learns_of_or_takes_another_afnemers_client_id(served):
    """demo-koppeling is the demo afnemer's. Afnemer B gets the same answer for it as for
    a client id nobody has, and cannot bind it; B binds its own client with proof."""
    b = served.maak_afnemer()["id"]
    b_token = served.token_voor(b)
    eigen_bewijs = served.oauth_token("tweede-koppeling")
    onbekend = f"bestaat-niet-{uuid.uuid4().hex[:6]}"
    for bewijs in (None, "geen.echt.token", eigen_bewijs):
        van_a = _binden(served, b, b_token, "demo-koppeling", bewijs)
        niemands = _binden(served, b, b_token, onbekend, bewijs)
        assert van_a.status_code == 400, van_a.text
        assert _zonder_instance(van_a) == _zonder_instance(niemands), (van_a.text,
                                                                        niemands.text)
        assert [p["name"] for p in van_a.json()["invalidParams"]] == ["bewijs"]

    # Even a real token of the demo-koppeling (one that leaked) takes nothing over.
    gelekt = served.oauth_token("demo-koppeling")
    bezet = _binden(served, b, b_token, "demo-koppeling", gelekt)
    assert bezet.status_code == 409 and bezet.json()["code"] == "client-bestaat-al"
    assert str(served.afnemer_id) not in bezet.text
    assert served.get(f"/afnemers/{served.afnemer_id}", gelekt).status_code == 200
    assert served.get(f"/afnemers/{b}", gelekt).status_code == 404

    # B binds the client it holds; its tokens then act for B, and for B only.
    gebonden = _binden(served, b, b_token, "tweede-koppeling", eigen_bewijs)
    assert gebonden.status_code == 201, gebonden.text
    assert "bewijs" not in gebonden.json()
    eigen = served.oauth_token("tweede-koppeling")
    assert served.get(f"/afnemers/{b}", eigen).status_code == 200
    assert served.get(f"/afnemers/{served.afnemer_id}", eigen).status_code == 404
