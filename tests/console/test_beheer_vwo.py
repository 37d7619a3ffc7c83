"""Logius' VWO overview: the gemeenten whose agreements are incomplete, with what each
lacks, and the breaches with their clocks, on both backends."""

from __future__ import annotations

from datetime import timedelta

from core.auth.principal import Rol
from core.tijd import utcnow
from tests.console.conftest import zichtbare_tekst


def test_incomplete_agreements_and_breaches_with_their_clocks(console_als, api,
                                                               maak_afnemer):
    gemeente, zonder = maak_afnemer("gemeente"), maak_afnemer("gemeente")
    maak_afnemer("provincie")
    assert api.post(f"/afnemers/{gemeente['id']}/vwo-overeenkomsten", json={
        "hoofdovereenkomstNaam": "Aansluitovereenkomst", "hoofdovereenkomstDatum": "2026-01-15",
        "diensten": ["digid"]}).status_code == 201
    [overeenkomst] = api.get(f"/afnemers/{gemeente['id']}/vwo-overeenkomsten"
                             ).get_json()["resultaten"]
    assert overeenkomst["compleet"] is False
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    html = logius.tekst("/vwo")
    tabel = zichtbare_tekst(html.split('data-testid="onvolledig"')[1].split("</table>")[0])
    assert gemeente["naam"] in tabel
    for ontbrekend in overeenkomst["ontbreekt"]:
        assert ontbrekend["artikel"] in tabel
    assert zonder["naam"] in zichtbare_tekst(html.split('data-testid="zonder"')[1])
    inbreuk = api.post("/diensten/vwo/inbreuken", json={
        "vastgesteldOp": (utcnow() - timedelta(hours=2)).isoformat(),
        "afnemers": [gemeente["id"]], "omschrijving": "Een exportbestand stond openbaar.",
        "vermoedelijkeOorzaak": "Opslag verkeerd ingesteld.",
        "categorieenPersoonsgegevens": ["bsn"], "categorieenBetrokkenen": ["Inwoners"]})
    assert inbreuk.status_code == 201, inbreuk.get_json()
    tekst = zichtbare_tekst(logius.tekst("/vwo/inbreuken"))
    assert "Een exportbestand stond openbaar." in tekst and gemeente["naam"] in tekst
    for klok in inbreuk.get_json()["klokken"]:
        assert klok["naam"] in tekst


def test_the_vwo_overview_is_logius_only(console_als, maak_afnemer):
    gemeente = maak_afnemer("gemeente")
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, gemeente["id"])
    assert beheerder.get("/vwo").status_code == 403
    assert beheerder.get("/vwo/inbreuken").status_code == 403
