"""Wijzigingsmeldingen in the console (AV 2.8), through the API, on both backends."""

from __future__ import annotations

from datetime import timedelta

from core.auth.principal import Rol
from core.tijd import plus_maanden, vandaag
from tests.console.conftest import zichtbare_tekst


def test_the_lead_time_shows_as_the_date_is_typed_and_a_report_is_recorded(
        console_als, maak_afnemer, api):
    afnemer = maak_afnemer()
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    pad = f"/afnemers/{afnemer['id']}/wijzigingsmeldingen"
    html = beheerder.tekst(pad)
    assert f'data-controleer="/console{pad}/termijn"' in html

    kort = (vandaag() + timedelta(days=10)).isoformat()
    ruim = plus_maanden(vandaag(), 4).isoformat()
    assert "Te laat" in zichtbare_tekst(beheerder.tekst(f"{pad}/termijn?realisatiedatum={kort}"))
    assert "Op tijd" in zichtbare_tekst(beheerder.tekst(f"{pad}/termijn?realisatiedatum={ruim}"))
    gisteren = (vandaag() - timedelta(days=1)).isoformat()
    assert "niet in het verleden" in beheerder.tekst(
        f"{pad}/termijn?realisatiedatum={gisteren}")

    fout = beheerder.post(pad, {"omschrijving": "Nieuw zaaksysteem", "realisatiedatum": gisteren})
    assert fout.status_code == 400
    assert 'data-veldfout="realisatiedatum"' in fout.get_data(as_text=True)
    assert api.get(pad).get_json()["resultaten"] == []

    goed = beheerder.post(pad, {"omschrijving": "Nieuw zaaksysteem", "dienst": "digid",
                                "realisatiedatum": kort})
    assert goed.status_code == 302
    [melding] = api.get(pad).get_json()["resultaten"]
    assert (melding["teLaat"], melding["geschondenRegel"]) == (True, "AV 2.8")
    assert "te laat (AV 2.8" in zichtbare_tekst(beheerder.tekst(pad))


def test_a_medewerker_reads_without_the_form(console_als, maak_afnemer, api):
    afnemer, ander = maak_afnemer(), maak_afnemer()
    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"])
    pad = f"/afnemers/{afnemer['id']}/wijzigingsmeldingen"
    assert 'data-testid="meldformulier"' not in medewerker.tekst(pad)
    forged = medewerker.post(pad, {"omschrijving": "x",
                                   "realisatiedatum": plus_maanden(vandaag(), 4).isoformat()})
    assert forged.status_code == 403 and api.get(pad).get_json()["resultaten"] == []
    assert medewerker.get(f"/afnemers/{ander['id']}/wijzigingsmeldingen").status_code == 404
    assert 'data-testid="meldformulier"' in console_als(Rol.LOGIUS_BEHEERDER).tekst(pad)
