"""The afnemer's announcements in the console, through the API, on both backends: a
rejection shows its consequences before it is confirmed."""

from __future__ import annotations

from datetime import timedelta

from core.auth.principal import Rol
from core.tijd import plus_maanden, vandaag
from tests.console.conftest import zichtbare_tekst


def _voorwaardenwijziging(api, afnemer_id) -> dict:
    antwoord = api.post("/aankondigingen", json={
        "type": "voorwaardenwijziging", "titel": "Voorwaarden 1.9", "omschrijving": "Anders.",
        "document": "algemene-voorwaarden", "versie": "1.9",
        "wijzigingsdatum": (vandaag() + timedelta(days=40)).isoformat(),
        "afnemers": [afnemer_id]})
    assert antwoord.status_code == 201, antwoord.get_json()
    return antwoord.get_json()


def test_rejecting_shows_the_end_of_delivery_and_the_aansluitingen_first(
        console_als, maak_afnemer, maak_aansluiting, api):
    afnemer = maak_afnemer()
    digid = maak_aansluiting(afnemer["id"], dienst="digid")
    aankondiging = _voorwaardenwijziging(api, afnemer["id"])
    einde = plus_maanden(vandaag() + timedelta(days=40), 2).isoformat()
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    pad = f"/afnemers/{afnemer['id']}/aankondigingen/{aankondiging['id']}"
    assert "Voorwaarden 1.9" in beheerder.tekst(f"/afnemers/{afnemer['id']}/aankondigingen")
    html = beheerder.tekst(pad)
    assert 'data-testid="accepteren"' in html and 'data-testid="afwijzen"' not in html

    bevestigen = beheerder.tekst(f"{pad}?besluit=afwijzen")
    tekst = zichtbare_tekst(bevestigen)
    assert f"Einde van de levering: {einde} (AV 13.2)" in tekst and "digid productie" in tekst
    assert 'data-testid="afwijzen"' in bevestigen and "data-bevestig" in bevestigen
    api_pad = f"/afnemers/{afnemer['id']}/aansluitingen/{digid['id']}"
    assert api.get(api_pad).get_json()["geplandEindeOp"] is None

    assert beheerder.post(f"{pad}/reactie", {"besluit": "afwijzen"}).status_code == 302
    assert api.get(api_pad).get_json()["geplandEindeOp"] == einde
    # Once answered: no forms, the answer and its end shown; answering again is refused.
    na = beheerder.tekst(pad)
    assert 'data-testid="accepteren"' not in na and f"{einde} (AV 13.2)" in zichtbare_tekst(na)


def test_a_refused_answer_and_a_medewerker_change_nothing(
        console_als, maak_afnemer, maak_aansluiting, api):
    afnemer, ander = maak_afnemer(), maak_afnemer()
    maak_aansluiting(afnemer["id"], dienst="digid")
    aankondiging = _voorwaardenwijziging(api, afnemer["id"])
    pad = f"/afnemers/{afnemer['id']}/aankondigingen/{aankondiging['id']}"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    fout = beheerder.post(f"{pad}/reactie", {"besluit": "accepteren", "toelichting": "x" * 2001})
    assert fout.status_code == 400
    assert 'data-veldfout="toelichting"' in fout.get_data(as_text=True)
    assert api.get(pad).get_json()["reactie"]["status"] == "open"

    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"])
    html = medewerker.tekst(pad)
    assert 'data-testid="accepteren"' not in html and 'data-testid="gevolgen"' in html
    assert medewerker.post(f"{pad}/reactie", {"besluit": "accepteren"}).status_code == 403
    assert api.get(pad).get_json()["reactie"]["status"] == "open"
    assert medewerker.get(f"/afnemers/{ander['id']}/aankondigingen").status_code == 404
    assert medewerker.get(f"/afnemers/{ander['id']}/aankondigingen/{aankondiging['id']}"
                          ).status_code == 404
    assert console_als(Rol.LOGIUS_BEHEERDER).get(pad).status_code == 200
