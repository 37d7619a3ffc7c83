"""Logius' afnemers page: search and filters through GET /afnemers, registering one
through the form (POST /afnemers) and the OIN checked as it is typed, on both backends."""

from __future__ import annotations

from core.auth.principal import Rol
from tests.conftest import nieuw_oin
from tests.console.conftest import zichtbare_tekst


def test_logius_searches_and_filters_afnemers_by_dienst(console_als, maak_afnemer,
                                                        maak_aansluiting):
    digid, ander = maak_afnemer(naam="Gemeente Zoekdorp"), maak_afnemer(naam="Gemeente Elders")
    maak_aansluiting(digid["id"], dienst="digid")
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    html = logius.tekst("/afnemers?dienst=digid")
    assert f'/console/afnemers/{digid["id"]}/' in html
    assert ander["naam"] not in html
    tekst = zichtbare_tekst(logius.tekst("/afnemers?zoek=zoekdorp"))
    assert digid["naam"] in tekst and ander["naam"] not in tekst


def test_an_afnemer_beheerder_may_not_open_the_logius_afnemers_page(console_als, maak_afnemer):
    afnemer = maak_afnemer()
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    assert beheerder.get("/afnemers").status_code == 403
    assert beheerder.get("/afnemers/oin-controle?oin=1").status_code == 403
    weigering = beheerder.post("/afnemers", {"naam": "Stiekem", "oin": nieuw_oin(),
                                             "type": "gemeente"})
    assert weigering.status_code == 403


def test_registering_through_the_form_creates_the_afnemer(console_als, api):
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    oin = nieuw_oin()
    antwoord = logius.post("/afnemers", {"naam": "Gemeente Formulier", "oin": oin,
                                         "type": "gemeente", "kvkNummer": ""})
    assert antwoord.status_code == 302
    [nieuw] = api.get(f"/afnemers?oin={oin}").get_json()["resultaten"]
    assert nieuw["naam"] == "Gemeente Formulier"
    assert antwoord.headers["Location"].endswith(f"/console/afnemers/{nieuw['id']}/")


def test_a_bad_oin_shows_the_apis_error_beside_the_field(console_als, api):
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    antwoord = logius.post("/afnemers", {"naam": "Gemeente Fout", "oin": "123",
                                         "type": "gemeente"})
    assert antwoord.status_code == 400
    html = antwoord.get_data(as_text=True)
    assert 'data-veldfout="oin"' in html and "precies 20 cijfers" in html
    assert 'value="Gemeente Fout"' in html  # what was typed stays
    assert api.get("/afnemers?zoek=Gemeente Fout").get_json()["resultaten"] == []


def test_the_live_oin_check_answers_valid_invalid_and_taken(console_als, maak_afnemer):
    bestaand = maak_afnemer()
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    vrij = logius.tekst(f"/afnemers/oin-controle?oin={nieuw_oin()}")
    assert 'data-oin="vrij"' in vrij
    ongeldig = logius.tekst("/afnemers/oin-controle?oin=12345")
    assert 'data-oin="ongeldig"' in ongeldig and "precies 20 cijfers" in ongeldig
    bezet = logius.tekst(f"/afnemers/oin-controle?oin={bestaand['oin']}")
    assert 'data-oin="bestaat"' in bezet and bestaand["naam"] in bezet
