"""A product team's pages: its dienst's tariffs per year with BTW, and koppelvlak versions
with their sunsets (the notice rule is the API's), on both backends."""

from __future__ import annotations

from datetime import timedelta

from core.auth.principal import Rol
from core.tijd import vandaag
from tests.console.conftest import zichtbare_tekst


def test_the_product_team_sets_next_years_tariff_and_sees_it_with_btw(console_als, api):
    jaar = vandaag().year + 1
    assert api.put(f"/btw-tarieven/{jaar}", json={"percentage": "21"}).status_code in (200, 201)
    team = console_als(Rol.PRODUCTTEAM, dienst="digid")
    assert "DigiD: authenticaties" in team.tekst(f"/tarieven?jaar={jaar}")
    pad = f"/tarieven/{jaar}/authenticatie"
    assert team.post(pad, {"bedrag": "0,59", "omschrijving": "Per authenticatie"}
                     ).status_code == 302
    tarief = api.get(f"/diensten/digid/tarieven/{jaar}/authenticatie").get_json()
    assert tarief["bedrag"] == "0.59" and tarief["inclusiefBtw"] is False
    tekst = zichtbare_tekst(team.tekst(f"/tarieven?jaar={jaar}"))
    assert f"Btw-tarief {jaar}: 21.00 %" in tekst and "€ 0,59 € 0,7139" in tekst
    # A change sends the ETag it read; the API refuses a malformed amount beside the field.
    fout = team.post(pad, {"bedrag": "veel", "etag": '"1"'})
    assert fout.status_code == 400 and 'data-veldfout="bedrag"' in fout.get_data(True)
    assert team.post(pad, {"bedrag": "0.60", "etag": '"1"'}).status_code == 302
    assert api.get(f"/diensten/digid/tarieven/{jaar}/authenticatie").get_json()["bedrag"] \
        == "0.60"
    # A stale ETag changes nothing.
    assert team.post(pad, {"bedrag": "0.70", "etag": '"1"'}).status_code == 412
    assert api.get(f"/diensten/digid/tarieven/{jaar}/authenticatie").get_json()["bedrag"] \
        == "0.60"


def test_tariffs_are_the_own_diensts_and_closed_to_afnemers(console_als, maak_afnemer, api):
    jaar = vandaag().year + 1
    team = console_als(Rol.PRODUCTTEAM, dienst="digid")
    # Another dienst's tariff: the product team is refused by the API, nothing changes.
    antwoord = team.post(f"/tarieven/{jaar}/berichtenverkeer?dienst=digipoort",
                         {"bedrag": "1.00", "dienst": "digipoort"})
    assert antwoord.status_code == 404  # the page is about digid, which has no such code
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    assert "Digipoort" in logius.tekst(f"/tarieven?dienst=digipoort&jaar={jaar}")
    afnemer = maak_afnemer()
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    assert beheerder.get("/tarieven").status_code == 403
    assert beheerder.post(f"/tarieven/{jaar}/authenticatie", {"bedrag": "9"}).status_code == 403
    assert api.get(f"/diensten/digid/tarieven/{jaar}/authenticatie").get_json()["bedrag"] is None


def test_koppelvlak_versions_and_a_sunset_with_the_notice_rule(console_als, api):
    team = console_als(Rol.PRODUCTTEAM, dienst="digid")
    html = team.tekst("/koppelvlakken")
    assert "DigiD-koppelvlak op SAML" in html and "3.3" in html
    assert team.post("/koppelvlakken", {"koppelvlak": "oidc", "versie": "1.1",
                                        "ondersteundSinds": "2026-01-01"}).status_code == 302
    versies = api.get("/diensten/digid/koppelvlakken").get_json()["resultaten"]
    oidc = next(k for k in versies if k["id"] == "oidc")
    assert [v["versie"] for v in oidc["versies"]] == ["1.0", "1.1"]
    # A sunset inside the notice period: the API's reason beside the date, nothing changes.
    pad = "/koppelvlakken/oidc/versies/1.0"
    html = team.tekst(pad)
    assert 'data-controleer="/console/koppelvlakken/aankondigingstermijn"' in html
    etag = api.get("/diensten/digid/koppelvlakken/oidc/versies/1.0").headers["ETag"]
    te_vroeg = (vandaag() + timedelta(days=7)).isoformat()
    fout = team.post(pad, {"sunsetOp": te_vroeg, "opvolger": "1.1", "etag": etag})
    assert fout.status_code == 400
    assert 'data-veldfout="sunsetOp"' in fout.get_data(True)
    assert "de vroegste datum" in fout.get_data(True)
    assert "Te vroeg" in team.tekst(f"/koppelvlakken/aankondigingstermijn?sunsetOp={te_vroeg}")
    assert api.get("/diensten/digid/koppelvlakken/oidc/versies/1.0").get_json()["sunsetOp"] \
        is None
    later = (vandaag() + timedelta(days=400)).isoformat()
    assert "Voldoet" in team.tekst(f"/koppelvlakken/aankondigingstermijn?sunsetOp={later}")
    assert team.post(pad, {"sunsetOp": later, "opvolger": "1.1", "etag": etag}
                     ).status_code == 302
    versie = api.get("/diensten/digid/koppelvlakken/oidc/versies/1.0").get_json()
    assert versie["sunsetOp"] == later and versie["opvolger"] == "1.1"
    assert "verouderd" in zichtbare_tekst(team.tekst(pad))


def test_koppelvlakken_are_closed_to_afnemers(console_als, maak_afnemer):
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, maak_afnemer()["id"])
    assert beheerder.get("/koppelvlakken").status_code == 403
    assert beheerder.post("/koppelvlakken", {"koppelvlak": "oidc", "versie": "9",
                                             "ondersteundSinds": "2026-01-01"}).status_code == 403
