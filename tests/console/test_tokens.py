"""The afnemer's API access page, through the API as the logged-in person, on both
backends: a token made through the form is shown once and then only by its prefix, it is
revoked through the form; a machine client without proof is refused beside the field; a
medewerker sees no forms and a forged POST changes nothing."""

from __future__ import annotations

import re

from core.auth.principal import Rol
from tests.console.conftest import zichtbare_tekst


def test_a_token_is_shown_once_and_revoked(console_als, maak_afnemer, api):
    afnemer = maak_afnemer()
    pagina = f"/afnemers/{afnemer['id']}/api-toegang"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    assert 'name="verlooptOp"' in beheerder.tekst(f"{pagina}?formulier=token")
    antwoord = beheerder.post(pagina, {"actie": "token", "naam": "Zaaksysteem",
                                       "rol": "afnemer-medewerker", "scopes": ["read"]})
    assert antwoord.status_code == 201
    token = re.search(r'data-testid="token">([^<]+)<', antwoord.get_data(as_text=True)).group(1)
    lijst = api.get(f"/afnemers/{afnemer['id']}/api-tokens").get_json()["resultaten"]
    assert [(t["naam"], t["scopes"]) for t in lijst] == [("Zaaksysteem", ["read"])]
    html = beheerder.tekst(pagina)
    assert token not in html and lijst[0]["prefix"] in html
    assert api.as_(token).get(f"/afnemers/{afnemer['id']}").status_code == 200

    assert beheerder.post(pagina, {"actie": "token-intrekken", "id": lijst[0]["id"]}
                          ).status_code == 302
    assert "ingetrokken op" in zichtbare_tekst(beheerder.tekst(pagina))
    assert api.as_(token).get(f"/afnemers/{afnemer['id']}").status_code == 401


def test_refused_writes_are_named_beside_their_fields(console_als, maak_afnemer, api):
    afnemer = maak_afnemer()
    pagina = f"/afnemers/{afnemer['id']}/api-toegang"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    antwoord = beheerder.post(pagina, {"actie": "token", "naam": "Oud", "rol": "afnemer-beheerder",
                                       "verlooptOp": "2020-01-01"})
    assert antwoord.status_code == 400
    assert 'data-veldfout="verlooptOp"' in antwoord.get_data(as_text=True)
    antwoord = beheerder.post(pagina, {"actie": "client", "clientId": "zaak-client",
                                       "naam": "Zaken"})
    assert antwoord.status_code == 400
    html = antwoord.get_data(as_text=True)
    assert 'data-veldfout="bewijs"' in html and 'value="zaak-client"' in html
    assert api.get(f"/afnemers/{afnemer['id']}/api-tokens").get_json()["resultaten"] == []
    assert api.get(f"/afnemers/{afnemer['id']}/machine-clients").get_json()["resultaten"] == []


def test_a_medewerker_sees_no_forms_and_a_forged_post_changes_nothing(console_als,
                                                                      maak_afnemer, api):
    afnemer, ander = maak_afnemer(), maak_afnemer()
    pagina = f"/afnemers/{afnemer['id']}/api-toegang"
    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"])
    for formulier in ("token", "client"):
        html = medewerker.tekst(f"{pagina}?formulier={formulier}")
        assert 'name="naam"' not in html and 'name="clientId"' not in html
    antwoord = medewerker.post(pagina, {"actie": "token", "naam": "Stiekem",
                                        "rol": "afnemer-beheerder"})
    assert antwoord.status_code == 403
    assert api.get(f"/afnemers/{afnemer['id']}/api-tokens").get_json()["resultaten"] == []
    assert medewerker.get(f"/afnemers/{ander['id']}/api-toegang").status_code == 404
