"""Logius beheerders' reference data in the console: a dienst switched off and on per
omgeving, the holidays of a year, the BTW rate per year; through the API, on both
backends. Others read the pages and cannot write (the API refuses a forged form)."""

from __future__ import annotations

from core.auth.principal import Rol
from tests.console.conftest import zichtbare_tekst


def test_a_logius_beheerder_switches_an_omgeving_off_and_on(console_als, api, maak_afnemer):
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    lijst = zichtbare_tekst(logius.tekst("/diensten"))
    assert "DigiD" in lijst and "Configuratie in orde" in lijst
    pad = "/diensten/digid/omgevingen/productie"
    html = logius.tekst(pad)
    assert "data-bevestig=" in html and 'name="ingeschakeld" value="false"' in html
    # No reason: the API's error beside the field, and the omgeving stays on.
    etag = api.get("/diensten/digid/omgevingen/productie").headers["ETag"]
    fout = logius.post(pad, {"ingeschakeld": "false", "etag": etag})
    assert fout.status_code == 400 and 'data-veldfout="reden"' in fout.get_data(True)
    assert api.get("/diensten/digid/omgevingen/productie").get_json()["ingeschakeld"] is True
    assert logius.post(pad, {"ingeschakeld": "false", "etag": etag,
                             "reden": "Migratie naar een nieuw platform"}).status_code == 302
    stand = api.get("/diensten/digid/omgevingen/productie")
    assert stand.get_json()["ingeschakeld"] is False
    lijst = zichtbare_tekst(logius.tekst("/diensten"))
    assert "uitgeschakeld: neemt geen nieuwe aan Migratie naar een nieuw platform" in lijst
    # Switching on asks no confirmation; a stale ETag changes nothing.
    html = logius.tekst(pad)
    assert "data-bevestig=" not in html and 'value="true"' in html
    assert logius.post(pad, {"ingeschakeld": "true", "etag": etag, "reden": "Terug"}
                       ).status_code == 412
    assert logius.post(pad, {"ingeschakeld": "true", "etag": stand.headers["ETag"],
                             "reden": "Migratie klaar"}).status_code == 302
    assert api.get("/diensten/digid/omgevingen/productie").get_json()["ingeschakeld"] is True
    # An afnemer's beheerder reads the state, gets no form, and a forged POST is refused.
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, maak_afnemer()["id"])
    assert "ingeschakeld: neemt aan" in zichtbare_tekst(beheerder.tekst("/diensten"))
    html = beheerder.tekst(pad)
    assert "Migratie klaar" in html and "<form method=\"post\" novalidate" not in html
    vervalst = beheerder.post(pad, {"ingeschakeld": "false", "reden": "x", "etag": "*"})
    assert vervalst.status_code == 403 and "Logius-beheerder" in vervalst.get_data(True)
    assert api.get("/diensten/digid/omgevingen/productie").get_json()["ingeschakeld"] is True
    assert logius.get("/diensten/digid/omgevingen/maan").status_code == 404


def test_holidays_of_a_year_added_renamed_and_deleted(console_als, api, maak_afnemer):
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    tekst = zichtbare_tekst(logius.tekst("/feestdagen?jaar=2031"))
    assert "Koningsdag" in tekst and "26-12-2031 vrijdag" in tekst
    assert logius.post("/feestdagen?jaar=2031", {"datum": "2031-12-31", "naam": "Oudejaarsdag"}
                       ).status_code == 302
    dagen = api.get("/feestdagen", query_string={"jaar": 2031}).get_json()["resultaten"]
    assert {"datum": "2031-12-31", "naam": "Oudejaarsdag"}.items() <= \
        next(d for d in dagen if d["datum"] == "2031-12-31").items()
    # Refused: a day that does not exist, beside the field; a day that is one already.
    fout = logius.post("/feestdagen?jaar=2031", {"datum": "2031-02-30", "naam": "Nergensdag"})
    assert fout.status_code == 400 and 'data-veldfout="datum"' in fout.get_data(True)
    assert logius.post("/feestdagen", {"datum": "2031-12-31", "naam": "Nog eens"}
                       ).status_code == 409
    assert len(api.get("/feestdagen", query_string={"jaar": 2031}).get_json()["resultaten"]) \
        == len(dagen)
    # Renamed and deleted on its own page, with its ETag; the history shows both.
    pad = "/feestdagen/2031-12-31"
    etag = api.get(pad).headers["ETag"]
    assert logius.post(pad, {"naam": "x" * 101, "etag": etag}).status_code == 400
    assert logius.post(pad, {"naam": "Oudjaar", "etag": etag}).status_code == 302
    assert api.get(pad).get_json()["naam"] == "Oudjaar"
    assert 'data-bevestig="Oudjaar' in logius.tekst(pad)
    assert logius.post(pad, {"actie": "verwijderen", "etag": etag}).status_code == 412
    assert logius.post(pad, {"actie": "verwijderen", "etag": api.get(pad).headers["ETag"]}
                       ).status_code == 302
    assert api.get(pad).status_code == 404
    tekst = zichtbare_tekst(logius.tekst("/feestdagen?jaar=2031"))
    assert "naam: Oudejaarsdag → Oudjaar" in tekst and "verwijderd" in tekst
    # A medewerker reads the year, without forms or history; a forged POST changes nothing.
    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, maak_afnemer()["id"])
    html = medewerker.tekst("/feestdagen?jaar=2031")
    assert "Koningsdag" in html and "Feestdag toevoegen" not in html \
        and "Wijzigingen in" not in html
    assert medewerker.post("/feestdagen", {"datum": "2031-11-11", "naam": "Sint-Maarten"}
                           ).status_code == 403
    assert api.get("/feestdagen/2031-11-11").status_code == 404


def test_btw_rates_set_and_changed_by_logius_only(console_als, api):
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    assert logius.post("/btw", {"jaar": "2093", "percentage": "21,5"}).status_code == 302
    assert api.get("/btw-tarieven/2093").get_json()["percentage"] == "21.50"
    assert "2093 : btw-tarief wijzigen 21,50 %" in zichtbare_tekst(logius.tekst("/btw"))
    # Refused beside the field: a year outside the API's range, a year that has a rate
    # (changed on its own page), a malformed percentage; nothing changes.
    for jaar, veld, status in (("1999", "jaar", 400), ("2093", "jaar", 409),
                               ("2094", "percentage", 400)):
        fout = logius.post("/btw", {"jaar": jaar, "percentage": "veel" if jaar == "2094"
                                    else "9"})
        assert fout.status_code == status and f'data-veldfout="{veld}"' in fout.get_data(True)
    assert api.get("/btw-tarieven/2094").status_code == 404
    etag = api.get("/btw-tarieven/2093").headers["ETag"]
    assert logius.post("/btw/2093", {"percentage": "100", "etag": etag}).status_code == 400
    assert logius.post("/btw/2093", {"percentage": "9", "etag": etag}).status_code == 302
    assert api.get("/btw-tarieven/2093").get_json()["percentage"] == "9.00"
    # A product team reads the rates, without a form; the API refuses a forged PUT.
    team = console_als(Rol.PRODUCTTEAM, dienst="digid")
    html = team.tekst("/btw/2093")
    assert "9,00 %" in html and "Btw-tarief opslaan" not in html
    assert "Btw-tarief vaststellen" not in team.tekst("/btw")
    assert team.post("/btw", {"jaar": "2095", "percentage": "21"}).status_code == 403
    assert team.post("/btw/2093", {"percentage": "1", "etag": "*"}).status_code == 403
    assert api.get("/btw-tarieven/2095").status_code == 404
    assert api.get("/btw-tarieven/2093").get_json()["percentage"] == "9.00"
