"""An intermediair's people and machine clients act under its mandates (issue 18, item 5).

Against the real local OpenID Provider and the app served beside it (both backends): a
person Logius invited logs in through the console (the provider's login form), and then
calls the API with an access token for their subject; a machine client Logius bound
gets its token from the provider with client credentials. Either acts for an afnemer only
within that afnemer's live mandate of the intermediair, and for no afnemer of its own.
"""

from __future__ import annotations

import time
import uuid
from datetime import timedelta

import pytest
import requests
from joserfc import jwt
from sqlalchemy import select

from core.auth import tokens
from core.auth.principal import Rol
from core.db import db
from core.gebruikers.models import Gebruiker
from core.tijd import vandaag
from tests.conftest import nieuw_oin
from tests.support.oidc_fixtures import client_credentials_token

AUDIENCE = "urn:afnemersportaal:api"


class Http:
    def __init__(self, base: str, token: str) -> None:
        self.base, self.token = base, token

    def __call__(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
        return requests.request(method, f"{self.base}/api/v1{path}", headers=headers,
                                timeout=10, **kwargs)


@pytest.fixture
def wereld(live_app) -> dict:
    """Afnemers A (MijnOverheid and DigiD) and B (MijnOverheid), intermediair I, and A's
    mandate to I: MijnOverheid's aansluitingen, to read."""
    with live_app.app.app_context():
        nieuw = tokens.issue(naam="Logius", rol=Rol.LOGIUS_BEHEERDER, afnemer_id=None,
                             door="test")
        db.session.commit()
    logius = Http(live_app.url, nieuw.token)

    def post(pad: str, body: dict) -> dict:
        response = logius("POST", pad, json=body)
        assert response.status_code == 201, response.text
        return response.json()

    def aansluiting(afnemer: dict, dienst: str, onderdelen: list[str]) -> str:
        return post(f"/afnemers/{afnemer['id']}/aansluitingen", {
            "dienst": dienst, "omgeving": "productie", "onderdelen": onderdelen,
            "aanvraagOndertekendOp": "2026-01-15"})["id"]

    a = post("/afnemers", {"naam": "Gemeente Aa", "oin": nieuw_oin(), "type": "gemeente"})
    b = post("/afnemers", {"naam": "Gemeente Bee", "oin": nieuw_oin(), "type": "gemeente"})
    i = post("/intermediairs", {"naam": "Zaaksoftware B.V.", "kvkNummer": "91234567",
                                "email": "beheer@zaaksoftware.example"})
    w = {"logius": logius, "post": post, "a": a["id"], "b": b["id"], "i": i["id"],
         "a_mo": aansluiting(a, "mijnoverheid", ["berichtenbox"]),
         "a_digid": aansluiting(a, "digid", ["midden"]),
         "b_mo": aansluiting(b, "mijnoverheid", ["berichtenbox"])}
    w["mandaat"] = mandaat(w)
    return w


def mandaat(w: dict, rechten=("lezen",)) -> str:
    return w["post"](f"/afnemers/{w['a']}/mandaten", {
        "intermediairId": w["i"], "diensten": ["mijnoverheid"], "resources": ["aansluitingen"],
        "rechten": list(rechten), "geldigTot": (vandaag() + timedelta(days=30)).isoformat()
    })["id"]


def binnen_het_mandaat_alleen(als: Http, w: dict) -> None:
    """What the issue asks of anyone of the intermediair under A's read mandate."""
    a, b = f"/afnemers/{w['a']}", f"/afnemers/{w['b']}"
    lijst = als("GET", f"{a}/aansluitingen")
    assert lijst.status_code == 200, lijst.text
    assert [x["id"] for x in lijst.json()["resultaten"]] == [w["a_mo"]]
    for pad in (f"{a}/aansluitingen/{w['a_digid']}", f"{a}/contactpersonen", b,
                f"{b}/aansluitingen", f"{b}/aansluitingen/{w['b_mo']}"):
        response = als("GET", pad)
        assert response.status_code == 404, (pad, response.text)
    wijzig = als("PATCH", f"{a}/aansluitingen/{w['a_mo']}",
                 json={"onderdelen": ["berichtenbox", "lopende-zaken"]}, headers={"If-Match": "*"})
    assert wijzig.status_code == 403, wijzig.text
    assert [x["id"] for x in als("GET", "/afnemers").json()["resultaten"]] == [w["a"]]


def _inloggen(live_app, email: str) -> None:
    """A console login, as a browser makes it: the provider's form asks e-mail and name."""
    browser = requests.Session()
    formulier = browser.get(f"{live_app.url}/console/login", timeout=10)
    assert "/interaction/" in formulier.url, formulier.url
    terug = browser.post(formulier.url + "/login", data={"email": email, "name": "Jan Jansen"},
                         timeout=10)
    assert terug.url == f"{live_app.url}/console/", terug.url
    browser.close()


def _access_token(provider, signing_key, subject: str) -> str:
    """An access token for the API as the provider issues it to the console for a person
    (signed with the provider's key; the tests hold it, tests/support/oidc_fixtures.py)."""
    key, nu = signing_key[0], int(time.time())
    return jwt.encode({"alg": "RS256", "kid": key.kid, "typ": "at+jwt"}, {
        "iss": provider.issuer, "aud": AUDIENCE, "sub": subject,
        "client_id": "afnemersportaal-console", "scope": "read write", "iat": nu, "nbf": nu,
        "exp": nu + 300, "jti": uuid.uuid4().hex}, key)


def test_a_person_of_the_intermediair_acts_within_the_mandate_only(live_app, provider,
                                                                   signing_key, wereld):
    w, logius = wereld, wereld["logius"]
    uitnodiging = logius("POST", f"/intermediairs/{w['i']}/medewerkers",
                         json={"email": " Jan@Zaaksoftware.example"})
    assert uitnodiging.status_code == 201, uitnodiging.text
    assert uitnodiging.json()["status"] == "uitgenodigd"
    assert uitnodiging.headers["Location"].endswith(f"/medewerkers/{uitnodiging.json()['id']}")

    _inloggen(live_app, "jan@zaaksoftware.example")
    pad = f"/intermediairs/{w['i']}/medewerkers/{uitnodiging.json()['id']}"
    lid = logius("GET", pad).json()
    assert lid["status"] == "actief" and lid["gebruikerId"] is not None
    with live_app.app.app_context():
        subject = db.session.scalar(select(Gebruiker.subject).where(
            Gebruiker.id == uuid.UUID(lid["gebruikerId"])))
    jan = Http(live_app.url, _access_token(provider, signing_key, subject))

    binnen_het_mandaat_alleen(jan, w)
    # They see their own intermediair's people, and register nothing there themselves.
    assert jan("GET", f"/intermediairs/{w['i']}/medewerkers").status_code == 200
    assert jan("POST", f"/intermediairs/{w['i']}/medewerkers",
               json={"email": "nog@zaaksoftware.example"}).status_code == 403

    # Revoked: the next request is a 404.
    assert logius("DELETE", f"/afnemers/{w['a']}/mandaten/{w['mandaat']}").status_code == 204
    assert jan("GET", f"/afnemers/{w['a']}/aansluitingen").status_code == 404
    # A new mandate works for them again, until Logius ends their membership.
    mandaat(w)
    assert jan("GET", f"/afnemers/{w['a']}/aansluitingen").status_code == 200
    assert logius("DELETE", pad).status_code == 204
    assert jan("GET", f"/afnemers/{w['a']}/aansluitingen").status_code == 404
    assert logius("DELETE", pad).status_code == 409


def test_a_machine_client_of_the_intermediair_acts_within_the_mandate_only(live_app, provider,
                                                                           wereld):
    w, logius = wereld, wereld["logius"]
    gebonden = logius("POST", f"/intermediairs/{w['i']}/machine-clients", json={
        "clientId": "koppeling-a", "naam": "Zaaksysteemkoppeling", "scopes": ["read", "write"]})
    assert gebonden.status_code == 201, gebonden.text
    # It is the intermediair's, not an afnemer's; and no afnemer binds it now.
    assert logius("GET", f"/afnemers/{w['a']}/machine-clients").json()["resultaten"] == []
    assert logius("POST", f"/afnemers/{w['a']}/machine-clients", json={
        "clientId": "koppeling-a", "naam": "Dubbel"}).status_code == 409
    koppeling = Http(live_app.url, client_credentials_token(provider, "koppeling-a"))

    binnen_het_mandaat_alleen(koppeling, w)
    # Under a write mandate it writes, and the audit says which client, for whom.
    schrijven = mandaat(w, rechten=("lezen", "schrijven"))
    wijzig = koppeling("PATCH", f"/afnemers/{w['a']}/aansluitingen/{w['a_mo']}",
                       json={"onderdelen": ["berichtenbox", "lopende-zaken"]},
                       headers={"If-Match": "*"})
    assert wijzig.status_code == 200, wijzig.text
    regel = logius("GET", f"/afnemers/{w['a']}/audit?resourceId={w['a_mo']}").json()
    assert regel["resultaten"][0]["actor"] == f"intermediair:{w['i']}:client:koppeling-a"
    assert regel["resultaten"][0]["actorNaam"] == "Zaaksoftware B.V. namens Gemeente Aa"

    for m in (w["mandaat"], schrijven):
        assert logius("DELETE", f"/afnemers/{w['a']}/mandaten/{m}").status_code == 204
    assert koppeling("GET", f"/afnemers/{w['a']}/aansluitingen").status_code == 404
    assert koppeling("GET", "/afnemers").json()["resultaten"] == []
    # Revoked by Logius: its tokens no longer get in.
    pad = f"/intermediairs/{w['i']}/machine-clients/{gebonden.json()['id']}"
    assert logius("GET", pad).json()["ingetrokkenOp"] is None
    assert logius("DELETE", pad).status_code == 204
    assert koppeling("GET", "/afnemers").status_code == 401


# -- who registers whom (in process, both backends) ------------------------------------


def _intermediair(api, kvk: str) -> str:
    response = api.post("/intermediairs", json={"naam": f"Leverancier {kvk}", "kvkNummer": kvk,
                                                "email": "info@leverancier.example"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def test_only_logius_invites_people_and_binds_clients(api, token_voor, maak_afnemer):
    i, j = _intermediair(api, "81234567"), _intermediair(api, "82345678")
    afnemer = maak_afnemer()["id"]
    eigen = api.post(f"/intermediairs/{i}/api-tokens", json={"naam": "x"}).get_json()["token"]
    ander = api.post(f"/intermediairs/{j}/api-tokens", json={"naam": "x"}).get_json()["token"]
    uitnodiging = {"email": "p@leverancier.example"}
    client = {"clientId": "leverancier-koppeling", "naam": "Koppeling"}
    for token in (token_voor(afnemer, Rol.AFNEMER_BEHEERDER), eigen, ander):
        als = api.as_(token)
        assert als.post(f"/intermediairs/{i}/medewerkers", json=uitnodiging).status_code == 403
        assert als.post(f"/intermediairs/{i}/machine-clients", json=client).status_code == 403
    lid = api.post(f"/intermediairs/{i}/medewerkers", json=uitnodiging)
    assert lid.status_code == 201, lid.get_json()
    gebonden = api.post(f"/intermediairs/{i}/machine-clients", json=client)
    assert gebonden.status_code == 201, gebonden.get_json()
    # The intermediair reads its own; another intermediair and an afnemer find nothing.
    for pad in (f"/intermediairs/{i}/medewerkers", f"/intermediairs/{i}/machine-clients",
                f"/intermediairs/{i}/medewerkers/{lid.get_json()['id']}",
                f"/intermediairs/{i}/machine-clients/{gebonden.get_json()['id']}"):
        assert api.as_(eigen).get(pad).status_code == 200, pad
        for vreemd in (ander, token_voor(afnemer, Rol.AFNEMER_BEHEERDER)):
            assert api.as_(vreemd).get(pad).status_code == 404, pad
    assert api.as_(eigen).delete(
        f"/intermediairs/{i}/medewerkers/{lid.get_json()['id']}").status_code == 403
    # Another intermediair's ids under this one do not exist.
    assert api.get(f"/intermediairs/{j}/medewerkers/{lid.get_json()['id']}").status_code == 404


def test_one_person_acts_for_one_party(api, maak_afnemer):
    i, j = _intermediair(api, "83456789"), _intermediair(api, "84567890")
    afnemer = maak_afnemer()["id"]
    fout = api.post(f"/intermediairs/{i}/medewerkers", json={"email": "geen-adres"})
    assert fout.status_code == 400
    assert [p["name"] for p in fout.get_json()["invalidParams"]] == ["email"]

    assert api.post(f"/intermediairs/{i}/medewerkers",
                    json={"email": "p@leverancier.example"}).status_code == 201
    assert api.post(f"/afnemers/{afnemer}/lidmaatschappen", json={
        "email": "lid@gemeente.example", "rol": "afnemer-medewerker"}).status_code == 201
    for intermediair, email in ((i, "P@leverancier.example"), (j, "p@leverancier.example"),
                                (i, "lid@gemeente.example")):
        bezet = api.post(f"/intermediairs/{intermediair}/medewerkers", json={"email": email})
        assert bezet.status_code == 409, (intermediair, email)
        assert [p["name"] for p in bezet.get_json()["invalidParams"]] == ["email"]
    # Nor does an afnemer take an intermediair's person on as its own.
    lid = api.post(f"/afnemers/{afnemer}/lidmaatschappen", json={
        "email": "p@leverancier.example", "rol": "afnemer-beheerder"})
    assert lid.status_code == 409
    assert [p["name"] for p in lid.get_json()["invalidParams"]] == ["email"]
