"""The afnemer's incidents, change requests and questions page, through the API as the
logged-in person, on both backends: an incident reported through the form is the API's
and its page shows the clock the API computes as words; a change request and a question
are submitted; a refused report names the field; a medewerker sees no forms and a forged
POST changes nothing; another afnemer's pages are 404."""

from __future__ import annotations

import re
from decimal import Decimal

from core.auth.principal import Rol
from core.console.klok import duur_tekst
from core.console.paginas.incidenten_afnemer import klok_tekst
from tests.console.conftest import zichtbare_tekst


def test_the_clock_in_words():
    assert duur_tekst(Decimal("3.3333")) == "3 uur 20 min"
    assert duur_tekst(Decimal("0.5")) == "30 min"
    kantoor = {"resterendeUren": "3.3333", "oplostijd": {"soort": "kantooruren"},
               "klokLoopt": True}
    assert klok_tekst(kantoor) == "nog 3 uur 20 min (binnen werktijd)"
    assert klok_tekst({**kantoor, "resterendeUren": "-2.0000", "klokLoopt": False}) == (
        "2 uur over de oplostijd (binnen werktijd); de klok staat stil: Logius wacht op u")


def test_an_incident_is_reported_and_followed_with_its_clock(console_als, maak_afnemer, api,
                                                             maak_aansluiting):
    afnemer = maak_afnemer()
    maak_aansluiting(afnemer["id"])
    pagina = f"/afnemers/{afnemer['id']}/incidenten"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    formulier = beheerder.tekst(f"{pagina}?formulier=incident&meldDienst=digid")
    assert 'value="authenticatie-basis"' in formulier
    antwoord = beheerder.post(pagina, {
        "actie": "incident", "dienst": "digid", "omgeving": "productie", "impact": "midden",
        "urgentie": "midden", "functies": ["authenticatie-basis"],
        "omschrijving": "Inloggen mislukt sinds 9 uur."})
    assert antwoord.status_code == 302
    incident = api.get(f"{pagina}").get_json()["resultaten"][0]
    assert incident["functies"] == ["authenticatie-basis"]
    assert antwoord.headers["Location"].endswith(f"{pagina}/{incident['id']}")
    tekst = zichtbare_tekst(beheerder.tekst(f"{pagina}/{incident['id']}"))
    uren = Decimal(incident["resterendeUren"])
    soort = {"kantooruren": "binnen werktijd", "klokuren": "klokuren, dag en nacht"}[
        incident["oplostijd"]["soort"]]
    assert uren > 0 and re.search(rf"Klok: nog \d+ uur( \d+ min)? "
                     rf"\({soort}\)", tekst), tekst
    assert incident["oplossenUiterlijk"] in tekst


def test_a_change_request_and_a_question_are_submitted(console_als, maak_afnemer, api,
                                                       maak_aansluiting):
    afnemer = maak_afnemer()
    maak_aansluiting(afnemer["id"])
    pagina = f"/afnemers/{afnemer['id']}/incidenten"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    antwoord = beheerder.post(pagina, {
        "actie": "wijzigingsverzoek", "dienst": "digid", "indiener.naam": "A. de Vries",
        "indiener.email": "a.devries@gemeente.example",
        "voorgesteldeWijziging": "Terug naar de pagina.",
        "beoogdeVoordelen": "Minder zoeken.", "huidigeNadelen": "Startpagina."})
    assert antwoord.status_code == 302, antwoord.get_data(as_text=True)[-3000:]
    verzoeken = api.get(f"/afnemers/{afnemer['id']}/wijzigingsverzoeken").get_json()
    verzoek = verzoeken["resultaten"][0]
    assert verzoek["indiener"]["naam"] == "A. de Vries" and verzoek["status"] == "ingediend"
    assert "ingediend" in zichtbare_tekst(
        beheerder.tekst(f"{pagina}/wijzigingsverzoeken/{verzoek['id']}"))
    antwoord = beheerder.post(pagina, {"actie": "vraag", "dienst": "digid", "soort": "vraag",
                                       "onderwerp": "Certificaat", "tekst": "Welke CA?"})
    assert antwoord.status_code == 302
    assert "vraag: Certificaat" in zichtbare_tekst(beheerder.tekst(pagina))


def test_refused_and_forged_reports_change_nothing(console_als, maak_afnemer, api,
                                                   maak_aansluiting):
    afnemer, ander = maak_afnemer(), maak_afnemer()
    maak_aansluiting(afnemer["id"])
    pagina = f"/afnemers/{afnemer['id']}/incidenten"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    antwoord = beheerder.post(pagina, {
        "actie": "incident", "dienst": "digid", "omgeving": "productie", "impact": "midden",
        "urgentie": "midden", "functies": ["bestaat-niet"], "omschrijving": "Storing"})
    assert antwoord.status_code == 400
    html = antwoord.get_data(as_text=True)
    assert 'data-veldfout="functies"' in html and "Storing</textarea>" in html

    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"])
    html = medewerker.tekst(f"{pagina}?formulier=incident&meldDienst=digid")
    assert 'name="omschrijving"' not in html and "Incident melden" not in html
    assert medewerker.post(pagina, {
        "actie": "incident", "dienst": "digid", "omgeving": "productie", "impact": "midden",
        "urgentie": "midden", "functies": ["authenticatie-basis"], "omschrijving": "Stiekem"}
                           ).status_code == 403
    assert api.get(pagina).get_json()["resultaten"] == []
    assert medewerker.get(f"/afnemers/{ander['id']}/incidenten").status_code == 404
