"""A gemeente's processing agreement page (the VWO plugin's console page), through the API as the logged-in person, on
both backends: the agreement, its register and the subverwerkers are shown, the gemeente
signs through the form, a breach shows both clocks as words and takes the gemeente's
decision (a moment in the future refused beside its field); a medewerker sees no forms and
a forged POST changes nothing; a non-gemeente and another afnemer get 404."""

from __future__ import annotations

import html as htmllib
import re
from datetime import timedelta

from core.auth.principal import Rol
from core.tijd import utcnow
from tests.console.conftest import zichtbare_tekst


def _gemeente_met_overeenkomst(api, maak_afnemer, maak_contactpersoon) -> tuple[dict, dict]:
    gemeente = maak_afnemer("gemeente")
    maak_contactpersoon(gemeente["id"], rol="privacy", email="privacy@gemeente.example")
    basis = f"/afnemers/{gemeente['id']}/vwo-overeenkomsten"
    overeenkomst = api.post(basis, json={
        "hoofdovereenkomstNaam": "Aansluitovereenkomst Logius-diensten",
        "hoofdovereenkomstDatum": "2026-01-15", "diensten": ["digid"]}).get_json()
    antwoord = api.post(f"{basis}/{overeenkomst['id']}/verwerkingen", json={
        "naam": "Inloggen met DigiD", "dienst": "digid", "doeleinden": ["Inloggen"],
        "categorieenBetrokkenen": ["Inwoners"], "categorieenPersoonsgegevens": ["bsn"],
        "doorgifteBuitenEer": False})
    assert antwoord.status_code == 201, antwoord.get_json()
    return gemeente, overeenkomst


def _inbreuk(api, gemeente) -> dict:
    antwoord = api.post("/diensten/vwo/inbreuken", json={
        "vastgesteldOp": (utcnow() - timedelta(hours=2)).isoformat(),
        "afnemers": [gemeente["id"]], "omschrijving": "Een exportbestand stond openbaar.",
        "vermoedelijkeOorzaak": "Opslag verkeerd ingesteld.",
        "categorieenPersoonsgegevens": ["bsn"], "categorieenBetrokkenen": ["Inwoners"]})
    assert antwoord.status_code == 201, antwoord.get_json()
    return antwoord.get_json()


def _etag(html: str) -> str:
    return htmllib.unescape(re.search(r'name="etag" value="([^"]+)"', html).group(1))


def test_the_gemeente_reads_its_agreement_and_signs_it(console_als, api, maak_afnemer,
                                                       maak_contactpersoon):
    gemeente, overeenkomst = _gemeente_met_overeenkomst(api, maak_afnemer, maak_contactpersoon)
    pagina = f"/afnemers/{gemeente['id']}/vwo"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, gemeente["id"])
    html = beheerder.tekst(pagina)
    tekst = zichtbare_tekst(html)
    assert "Aansluitovereenkomst Logius-diensten" in tekst and "Inloggen met DigiD" in tekst
    assert "Ondertekend door de gemeente nog niet" in tekst
    antwoord = beheerder.post(pagina, {
        "overeenkomst": overeenkomst["id"], "etag": _etag(html), "gemeente.naam": "J. de Vries",
        "gemeente.functie": "Burgemeester", "gemeente.plaats": "Voorbeeldstad",
        "gemeente.datum": "2026-01-20"})
    assert antwoord.status_code == 302
    ondertekening = api.get(f"/afnemers/{gemeente['id']}/vwo-overeenkomsten/"
                            f"{overeenkomst['id']}/ondertekening").get_json()
    assert ondertekening["gemeente"]["naam"] == "J. de Vries"
    assert "J. de Vries, Burgemeester" in zichtbare_tekst(beheerder.tekst(pagina))


def test_a_breach_shows_both_clocks_and_takes_the_gemeentes_decision(console_als, api,
                                                                     maak_afnemer,
                                                                     maak_contactpersoon):
    gemeente, _ = _gemeente_met_overeenkomst(api, maak_afnemer, maak_contactpersoon)
    inbreuk = _inbreuk(api, gemeente)
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, gemeente["id"])
    tekst = zichtbare_tekst(beheerder.tekst(f"/afnemers/{gemeente['id']}/vwo"))
    assert "VWO 5.1" in tekst and "VWO 5.4" in tekst
    assert re.search(r"nog (71|72) uur( \d+ min)? \(klokuren\)", tekst), tekst
    pagina = f"/afnemers/{gemeente['id']}/vwo/inbreuken/{inbreuk['id']}"
    html = beheerder.tekst(pagina)
    toekomst = (utcnow() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    antwoord = beheerder.post(pagina, {"etag": _etag(html), "apBesluit": "melden",
                                       "apGemeldOp": toekomst})
    assert antwoord.status_code == 400
    assert 'data-veldfout="apGemeldOp"' in antwoord.get_data(as_text=True)
    eigen = f"/afnemers/{gemeente['id']}/inbreuken/{inbreuk['id']}"
    assert api.get(eigen).get_json()["apBesluit"] is None
    assert beheerder.post(pagina, {"etag": _etag(html), "apBesluit": "melden"}
                          ).status_code == 302
    assert api.get(eigen).get_json()["apBesluit"] == "melden"
    assert "Een exportbestand stond openbaar" in zichtbare_tekst(
        beheerder.tekst(f"/afnemers/{gemeente['id']}/vwo/logboek"))


def test_only_a_gemeente_has_the_page_and_a_medewerker_changes_nothing(console_als, api,
                                                                       maak_afnemer,
                                                                       maak_contactpersoon):
    gemeente, overeenkomst = _gemeente_met_overeenkomst(api, maak_afnemer, maak_contactpersoon)
    provincie = maak_afnemer("provincie")
    antwoord = console_als(Rol.AFNEMER_BEHEERDER, provincie["id"]).get(
        f"/afnemers/{provincie['id']}/vwo")
    assert antwoord.status_code == 404 and "geen gemeente" in antwoord.get_data(as_text=True)
    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, gemeente["id"])
    assert medewerker.get(f"/afnemers/{provincie['id']}/vwo").status_code == 404
    html = medewerker.tekst(f"/afnemers/{gemeente['id']}/vwo")
    assert 'name="gemeente.naam"' not in html
    antwoord = medewerker.post(f"/afnemers/{gemeente['id']}/vwo", {
        "overeenkomst": overeenkomst["id"], "etag": "*", "gemeente.naam": "Stiekem",
        "gemeente.functie": "x", "gemeente.plaats": "x", "gemeente.datum": "2026-01-20"})
    assert antwoord.status_code == 403
    assert api.get(f"/afnemers/{gemeente['id']}/vwo-overeenkomsten/{overeenkomst['id']}"
                   "/ondertekening").get_json()["gemeente"] is None
