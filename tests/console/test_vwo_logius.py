"""Logius' VWO pages, through the API as the logged-in person, on both backends:
subverwerkers registered (announced to the gemeenten concerned, VWO 4.5) and changed;
a breach registered, its clocks, the investigation that stops the 24 hours, gemeenten
added, a measure, the logboek, closing; the gemeenten's requests answered. Refusals are
the API's, beside their field, and change nothing; anyone but a Logius beheerder gets 403
and a forged POST changes nothing."""

from __future__ import annotations

import html as htmllib
import re
from datetime import timedelta

from core.auth.principal import Rol
from core.tijd import utcnow, vandaag
from tests.console.conftest import zichtbare_tekst

VWO = "/diensten/vwo"


def _etag(html: str) -> str:
    return htmllib.unescape(re.search(r'name="etag" value="([^"]+)"', html).group(1))


def _lokaal(moment) -> str:
    """A datetime-local value (Dutch time) for an aware moment."""
    from core.tijd import AMSTERDAM

    return moment.astimezone(AMSTERDAM).strftime("%Y-%m-%dT%H:%M")


def test_subverwerkers_are_registered_announced_and_changed(console_als, api, maak_afnemer):
    gemeente = maak_afnemer("gemeente")
    assert api.post(f"/afnemers/{gemeente['id']}/vwo-overeenkomsten", json={
        "hoofdovereenkomstNaam": "Aansluitovereenkomst", "hoofdovereenkomstDatum": "2026-01-15",
        "diensten": ["digid"]}).status_code == 201
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    assert "Subverwerker registreren" in logius.tekst("/vwo/subverwerkers")
    velden = {"naam": "Voorbeeld Hosting B.V.", "kvkNummer": "12345678",
              "contactgegevens": "Servicedesk, 070 123 4567", "toepassing": "Hosting",
              "uitbestedeVerwerkingen": "Opslag van de logging\nBack-ups",
              "diensten": "digid", "doorgifteBuitenEer": "false",
              "ingeschakeldVanaf": vandaag().isoformat()}
    # Today is too soon: the gemeente hears of a new subverwerker first (VWO 4.5).
    geweigerd = logius.post("/vwo/subverwerkers", velden)
    assert geweigerd.status_code == 400
    assert 'data-veldfout="ingeschakeldVanaf"' in geweigerd.get_data(as_text=True)
    assert api.get(f"{VWO}/subverwerkers").get_json()["resultaten"] == []

    morgen = (vandaag() + timedelta(days=1)).isoformat()
    antwoord = logius.post("/vwo/subverwerkers", {**velden, "ingeschakeldVanaf": morgen})
    assert antwoord.status_code == 302, antwoord.get_data(as_text=True)[:500]
    [s] = api.get(f"{VWO}/subverwerkers").get_json()["resultaten"]
    assert s["uitbestedeVerwerkingen"] == ["Opslag van de logging", "Back-ups"]
    assert s["aangekondigdOp"] is not None
    pagina = f"/vwo/subverwerkers/{s['id']}"
    html = logius.tekst(antwoord.headers["Location"].split("/console", 1)[1])
    assert "aangekondigd aan elke gemeente" in zichtbare_tekst(html)
    assert "Voorbeeld Hosting B.V." in logius.tekst("/vwo/subverwerkers")
    assert logius.post(pagina, {"etag": _etag(html), "naam": "Hosting Twee B.V.",
                                "beeindigdOp": "2026-01-01"}).status_code == 400
    bijgewerkt = logius.post(pagina, {"etag": _etag(html), "naam": "Hosting Twee B.V."})
    assert bijgewerkt.status_code == 302
    assert api.get(f"{VWO}/subverwerkers/{s['id']}").get_json()["naam"] == "Hosting Twee B.V."

    # The VWO's product team reads the subverwerkers (as the API lets it), without forms.
    productteam = console_als(Rol.PRODUCTTEAM, dienst="vwo")
    assert "Hosting Twee B.V." in productteam.tekst("/vwo/subverwerkers")
    assert 'name="etag"' not in productteam.tekst(pagina)
    assert productteam.post(pagina, {"etag": _etag(html), "naam": "Vals"}).status_code == 403
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, gemeente["id"])
    for pad in ("/vwo/subverwerkers", pagina, "/vwo/inbreuken/nieuw", "/vwo/logboek",
                "/vwo/verzoeken"):
        assert beheerder.get(pad).status_code == 403, pad
    assert beheerder.post("/vwo/subverwerkers", {**velden, "naam": "Vals",
                                                 "ingeschakeldVanaf": morgen}
                          ).status_code == 403
    assert len(api.get(f"{VWO}/subverwerkers").get_json()["resultaten"]) == 1


def test_a_breach_from_registration_to_closing(console_als, api, maak_afnemer):
    eerste, tweede = maak_afnemer("gemeente"), maak_afnemer("gemeente")
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    vastgesteld = utcnow() - timedelta(hours=3)
    antwoord = logius.post("/vwo/inbreuken/nieuw", {
        "vastgesteldOp": _lokaal(vastgesteld), "afnemers": eerste["id"],
        "omschrijving": "Een exportbestand stond openbaar.",
        "vermoedelijkeOorzaak": "Opslag verkeerd ingesteld.",
        "categorieenPersoonsgegevens": ["bsn", "contactgegevens"],
        "categorieenBetrokkenen": "Inwoners", "aantalBetrokkenen": "120"})
    assert antwoord.status_code == 302, antwoord.get_data(as_text=True)[:800]
    [inbreuk] = api.get(f"{VWO}/inbreuken").get_json()["resultaten"]
    assert inbreuk["categorieenPersoonsgegevens"] == ["bsn", "contactgegevens"]
    pagina = f"/vwo/inbreuken/{inbreuk['id']}"
    assert f"/console{pagina}" in logius.tekst("/vwo/inbreuken")
    html = logius.tekst(pagina)
    tekst = zichtbare_tekst(html)
    assert eerste["naam"] in tekst
    for klok in inbreuk["klokken"]:
        assert klok["naam"] in tekst

    # The investigation: an end before its start is the API's error beside the field.
    begin = vastgesteld + timedelta(minutes=30)
    fout = logius.post(f"{pagina}/onderzoek", {
        "etag": _etag(html), "perioden.0.van": _lokaal(begin),
        "perioden.0.tot": _lokaal(begin - timedelta(minutes=10))})
    assert fout.status_code == 400
    assert 'data-veldfout="perioden.0.tot"' in fout.get_data(as_text=True)
    assert logius.post(f"{pagina}/onderzoek", {"etag": _etag(html),
                                               "perioden.0.van": _lokaal(begin)}
                       ).status_code == 302
    gepauzeerd = api.get(f"{VWO}/inbreuken/{inbreuk['id']}").get_json()
    assert gepauzeerd["gemeenteInformerenUiterlijk"] is None
    html = logius.tekst(pagina)
    assert "staat stil" in zichtbare_tekst(html)

    assert logius.post(f"{pagina}/gemeenten", {"afnemers": tweede["id"]}).status_code == 302
    assert logius.post(f"{pagina}/maatregelen", {"omschrijving": ""}).status_code == 400
    assert logius.post(f"{pagina}/maatregelen", {
        "omschrijving": "De opslag is afgeschermd."}).status_code == 302
    wijzigen = logius.tekst(f"{pagina}/wijzigen")
    assert logius.post(f"{pagina}/wijzigen", {
        "etag": _etag(wijzigen), "aantalBetrokkenen": "150"}).status_code == 302
    na = api.get(f"{VWO}/inbreuken/{inbreuk['id']}").get_json()
    assert {g["afnemerId"] for g in na["gemeenten"]} == {eerste["id"], tweede["id"]}
    assert na["aantalBetrokkenen"] == 150

    logboek = logius.tekst("/vwo/logboek")
    assert "De opslag is afgeschermd." in zichtbare_tekst(logboek)
    [regel] = [r for r in api.get(f"{VWO}/logboek").get_json()["resultaten"]
               if r["soort"] == "maatregel"]
    assert "De opslag is afgeschermd." in logius.tekst(f"/vwo/logboek/{regel['id']}")

    html = logius.tekst(pagina)
    assert logius.post(f"{pagina}/afsluiting", {"etag": _etag(html),
                                                "toelichting": "Hersteld."}).status_code == 302
    assert api.get(f"{VWO}/inbreuken/{inbreuk['id']}").get_json()["afgeslotenOp"]
    assert "Afgesloten op" in zichtbare_tekst(logius.tekst(pagina))


def test_requests_are_listed_with_their_deadline_and_answered(console_als, api, token_voor,
                                                              maak_afnemer):
    gemeente = maak_afnemer("gemeente")
    als_gemeente = api.as_(token_voor(gemeente["id"], Rol.AFNEMER_BEHEERDER))
    ontvangen = vandaag() - timedelta(days=2)
    verzoek = als_gemeente.post(f"/afnemers/{gemeente['id']}/vwo-verzoeken", json={
        "soort": "verzoek-betrokkene", "omschrijving": "Een inwoner vraagt inzage.",
        "ontvangenOp": ontvangen.isoformat()}).get_json()
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    tekst = zichtbare_tekst(logius.tekst("/vwo/verzoeken?beantwoord=false"))
    assert gemeente["naam"] in tekst and verzoek["beslissenUiterlijk"] in tekst
    pagina = f"/vwo/verzoeken/{gemeente['id']}/{verzoek['id']}"
    assert verzoek["beslissenUiterlijk"] in zichtbare_tekst(logius.tekst(pagina))
    fout = logius.post(pagina, {"antwoord": " "})
    assert fout.status_code == 400
    assert 'data-veldfout="antwoord"' in fout.get_data(as_text=True)
    assert not api.get(f"{VWO}/verzoeken").get_json()["resultaten"][0]["beantwoord"]
    assert logius.post(pagina, {"antwoord": "Wij leveren de gegevens."}).status_code == 302
    gelezen = als_gemeente.get(f"/afnemers/{gemeente['id']}/vwo-verzoeken/{verzoek['id']}")
    assert gelezen.get_json()["antwoord"] == "Wij leveren de gegevens."
    assert "nog niet beantwoord" not in zichtbare_tekst(logius.tekst(pagina))
