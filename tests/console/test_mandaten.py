"""The afnemer's mandates page, through the API as the logged-in person, on both backends:
a mandate granted through the form (the intermediair found by KvK number) is the API's,
and revoked through the form; a refused grant names the field; a medewerker sees no
forms and a forged POST changes nothing."""

from __future__ import annotations

from datetime import timedelta

from core.auth.principal import Rol
from core.tijd import vandaag
from tests.console.conftest import zichtbare_tekst


def _intermediair(api, kvk: str = "12345678") -> dict:
    antwoord = api.post("/intermediairs", json={"naam": "Zaaksoftware B.V.", "kvkNummer": kvk,
                                                "email": "mandaten@zaaksoftware.example"})
    assert antwoord.status_code == 201, antwoord.get_json()
    return antwoord.get_json()


def test_a_mandate_is_granted_and_revoked_through_the_form(console_als, maak_afnemer, api):
    afnemer = maak_afnemer()
    intermediair = _intermediair(api)
    pagina = f"/afnemers/{afnemer['id']}/mandaten"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    assert intermediair["id"] in beheerder.tekst(f"{pagina}?zoek=12345678")
    assert intermediair["id"] not in beheerder.tekst(f"{pagina}?zoek=87654321")
    geldig_tot = (vandaag() + timedelta(days=30)).isoformat()
    antwoord = beheerder.post(pagina, {
        "actie": "verlenen", "intermediairId": intermediair["id"], "diensten": ["digid"],
        "resources": ["aansluitingen", "incidenten"], "rechten": ["lezen"],
        "geldigTot": geldig_tot})
    assert antwoord.status_code == 302
    mandaat = api.get(f"/afnemers/{afnemer['id']}/mandaten").get_json()["resultaten"][0]
    assert (mandaat["intermediairId"], mandaat["diensten"], mandaat["rechten"],
            mandaat["geldigTot"]) == (intermediair["id"], ["digid"], ["lezen"], geldig_tot)
    assert "Zaaksoftware B.V. (KvK 12345678)" in zichtbare_tekst(beheerder.tekst(pagina))

    assert beheerder.post(pagina, {"actie": "intrekken", "id": mandaat["id"]}).status_code == 302
    assert api.get(f"/afnemers/{afnemer['id']}/mandaten/{mandaat['id']}"
                   ).get_json()["status"] == "ingetrokken"


def test_a_refused_grant_names_the_field_and_a_medewerker_cannot_grant(console_als,
                                                                       maak_afnemer, api):
    afnemer, ander = maak_afnemer(), maak_afnemer()
    intermediair = _intermediair(api)
    pagina = f"/afnemers/{afnemer['id']}/mandaten"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    velden = {"actie": "verlenen", "intermediairId": intermediair["id"], "diensten": ["digid"],
              "resources": ["aansluitingen"], "rechten": ["lezen"],
              "geldigTot": vandaag().isoformat()}
    antwoord = beheerder.post(pagina, velden)
    assert antwoord.status_code == 400
    assert 'data-veldfout="geldigTot"' in antwoord.get_data(as_text=True)

    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"])
    html = medewerker.tekst(pagina)
    assert 'name="intermediairId"' not in html and "Mandaat verlenen" not in html
    geldig = {**velden, "geldigTot": (vandaag() + timedelta(days=3)).isoformat()}
    assert medewerker.post(pagina, geldig).status_code == 403
    assert api.get(f"/afnemers/{afnemer['id']}/mandaten").get_json()["resultaten"] == []
    assert medewerker.get(f"/afnemers/{ander['id']}/mandaten").status_code == 404
