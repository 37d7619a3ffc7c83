"""Logius' availability plot and the maintenance page (windows, recorded unavailability:
record, correct, refused), on both backends."""

from __future__ import annotations

from datetime import timedelta

from core.auth.principal import Rol
from core.tijd import AMSTERDAM, utcnow
from tests.console.conftest import zichtbare_tekst


def test_unavailability_recorded_and_corrected_shows_in_the_availability_plot(
        console_als, api):
    nu = utcnow().astimezone(AMSTERDAM).replace(second=0, microsecond=0)
    van, tot = nu - timedelta(hours=3), nu - timedelta(hours=1)
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    html = logius.tekst("/onderhoud?dienst=digid")
    assert "Onderhoudsvensters" in html and "authenticatie-basis" in html
    velden = {"omgeving": "productie", "soort": "storing", "functies": "authenticatie-basis",
              "van": f"{van:%Y-%m-%dT%H:%M}", "tot": f"{van - timedelta(hours=1):%Y-%m-%dT%H:%M}"}
    # The end before the start: the API's reason beside 'tot', nothing recorded.
    fout = logius.post("/onderhoud?dienst=digid", velden)
    assert fout.status_code == 400 and 'data-veldfout="tot"' in fout.get_data(True)
    assert api.get("/diensten/digid/onbeschikbaarheid").get_json()["resultaten"] == []
    velden["tot"] = f"{tot:%Y-%m-%dT%H:%M}"
    assert logius.post("/onderhoud?dienst=digid", velden).status_code == 302
    [record] = api.get("/diensten/digid/onbeschikbaarheid").get_json()["resultaten"]
    assert record["duurUren"] == "2.00"
    etag = api.get(f"/diensten/digid/onbeschikbaarheid/{record['id']}").headers["ETag"]
    pad = f"/onderhoud/onbeschikbaarheid/{record['id']}?dienst=digid"
    assert f'value="{van:%Y-%m-%dT%H:%M}"' in logius.tekst(pad)
    assert logius.post(pad, {**velden, "tot": f"{nu - timedelta(minutes=30):%Y-%m-%dT%H:%M}",
                             "etag": etag}).status_code == 302
    assert api.get(f"/diensten/digid/onbeschikbaarheid/{record['id']}").get_json()[
        "duurUren"] == "2.50"
    # The year's plot holds the API's figures, and the CSV too.
    jaar = api.get(f"/diensten/digid/beschikbaarheid/{nu.year}?omgeving=productie").get_json()
    maand = jaar["maanden"][nu.month - 1]
    pagina = f"/beschikbaarheid?dienst=digid&jaar={nu.year}&omgeving=productie"
    html = logius.tekst(pagina)
    tabel = zichtbare_tekst(html.split('data-testid="beschikbaarheid-tabel"')[1]
                            .split("</table>")[0])
    assert maand["percentage"] in tabel and f"Norm {jaar['norm']}" in tabel
    assert maand["urenOnbeschikbaar"] in zichtbare_tekst(html)
    csv = logius.get(pagina + "&formaat=csv")
    assert csv.mimetype == "text/csv" and maand["percentage"] in csv.get_data(True)


def test_availability_and_maintenance_are_logius_only(console_als, maak_afnemer, api):
    team = console_als(Rol.PRODUCTTEAM, dienst="digid")
    assert team.get("/beschikbaarheid").status_code == 403
    assert team.post("/onderhoud", {"omgeving": "productie", "soort": "storing",
                                    "functies": "authenticatie-basis",
                                    "van": "2026-01-01T10:00"}).status_code == 403
    assert api.get("/diensten/digid/onbeschikbaarheid").get_json()["resultaten"] == []
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, maak_afnemer()["id"])
    assert beheerder.get("/onderhoud").status_code == 403
