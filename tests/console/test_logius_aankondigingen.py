"""Logius' announcement composer: the notice rule checked live, the preview of the
afnemers reached and their e-mail, sending through POST /aankondigingen, and the list
with every afnemer's reaction; on both backends."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from core.auth.principal import Rol
from core.tijd import vandaag
from tests.console.conftest import zichtbare_tekst

PAD = "/aankondigingen/opstellen"


def _een_maand_later(dag: date) -> date:
    jaar, maand = (dag.year + 1, 1) if dag.month == 12 else (dag.year, dag.month + 1)
    return date(jaar, maand, min(dag.day, calendar.monthrange(jaar, maand)[1]))


def _dienstwijziging(**extra) -> dict:
    return {"type": "dienstwijziging", "titel": "Nieuwe DigiD-app", "dienst": "digid",
            "omschrijving": "DigiD krijgt een nieuwe app; uw koppeling verandert niet.",
            "wijzigingsdatum": (vandaag() + timedelta(days=30)).isoformat(),
            "doelgroep": "alle", **extra}


def test_the_live_check_shows_the_earliest_date_of_the_notice_rule(console_als):
    """AV 13.1: a change of the Algemene Voorwaarden is announced at least one calendar
    month before its date, so announced today it takes effect one month from today at
    the earliest; a date before that gets the API's own refusal."""
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    vroegst = _een_maand_later(vandaag())
    basis = "/aankondigingen/controle?type=voorwaardenwijziging&document=algemene-voorwaarden"
    html = logius.tekst(basis)
    assert f'data-vroegst="{vroegst.isoformat()}"' in html and "AV 13.1" in html
    te_vroeg = logius.tekst(f"{basis}&wijzigingsdatum={vroegst - timedelta(days=1)}")
    assert 'data-termijn="fout"' in te_vroeg and vroegst.isoformat() in te_vroeg
    op_tijd = logius.tekst(f"{basis}&wijzigingsdatum={vroegst}")
    assert 'data-termijn="ok"' in op_tijd


def test_the_preview_names_the_afnemers_reached_and_their_email(console_als, api, maak_afnemer,
                                                                maak_aansluiting):
    bereikt, buiten = maak_afnemer(), maak_afnemer()
    maak_aansluiting(bereikt["id"], dienst="digid")
    maak_aansluiting(buiten["id"], dienst="mijnoverheid", onderdelen=("berichtenbox",))
    voor = api.get("/aankondigingen").get_json()["paginering"]["totaalAantal"]
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    antwoord = logius.post(PAD, {**_dienstwijziging(), "actie": "voorbeeld"})
    assert antwoord.status_code == 200
    html = antwoord.get_data(as_text=True)
    tekst = zichtbare_tekst(html)
    assert bereikt["naam"] in tekst and buiten["naam"] not in tekst
    assert "Onderwerp Nieuwe DigiD-app" in tekst
    assert "uw koppeling verandert niet. Grondslag: AV 14.1." in tekst  # the worker's mail()
    assert f'data-vroegst="{vandaag().isoformat()}"' in html  # AV 14.1: not in the past
    assert api.get("/aankondigingen").get_json()["paginering"]["totaalAantal"] == voor


def test_sending_creates_the_announcement_and_lists_the_reactions(console_als, api,
                                                                  maak_afnemer,
                                                                  maak_aansluiting):
    afnemer = maak_afnemer()
    maak_aansluiting(afnemer["id"], dienst="digid")
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    antwoord = logius.post(PAD, {**_dienstwijziging(doelgroep="gekozen",
                                                    afnemers=afnemer["id"]),
                                 "actie": "versturen"})
    assert antwoord.status_code == 302, antwoord.get_data(as_text=True)[:800]
    [nieuw] = [a for a in api.get("/aankondigingen").get_json()["resultaten"]
               if a["titel"] == "Nieuwe DigiD-app"]
    assert nieuw["aantalOntvangers"] == 1
    assert antwoord.headers["Location"].endswith(f"/console/aankondigingen/{nieuw['id']}")
    detail = zichtbare_tekst(logius.tekst(f"/aankondigingen/{nieuw['id']}"))
    assert f"{afnemer['naam']} open" in detail
    assert "Nieuwe DigiD-app" in zichtbare_tekst(logius.tekst(PAD))


def test_a_date_too_early_is_refused_beside_the_field(console_als, api):
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    te_vroeg = _een_maand_later(vandaag()) - timedelta(days=1)
    antwoord = logius.post(PAD, {
        "type": "voorwaardenwijziging", "titel": "AV 9.9", "omschrijving": "Nieuwe versie.",
        "document": "algemene-voorwaarden", "versie": "9.9",
        "wijzigingsdatum": te_vroeg.isoformat(), "dienst": "digid", "actie": "versturen"})
    assert antwoord.status_code == 400
    assert 'data-veldfout="wijzigingsdatum"' in antwoord.get_data(as_text=True)
    assert all(a["titel"] != "AV 9.9"
               for a in api.get("/aankondigingen").get_json()["resultaten"])


def test_an_afnemer_beheerder_cannot_compose(console_als, api, maak_afnemer):
    afnemer = maak_afnemer()
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    assert beheerder.get(PAD).status_code == 403
    assert beheerder.get("/aankondigingen/controle?type=storing").status_code == 403
    assert beheerder.post(PAD, {**_dienstwijziging(), "actie": "versturen"}).status_code == 403
    assert all(a["titel"] != "Nieuwe DigiD-app"
               for a in api.get("/aankondigingen").get_json()["resultaten"])
