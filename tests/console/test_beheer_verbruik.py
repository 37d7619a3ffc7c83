"""The usage upload: a CSV file passed to POST /verbruik, its row errors shown with their
row numbers and nothing recorded, on both backends."""

from __future__ import annotations

import io

from core.auth.principal import Rol
from tests.console.conftest import zichtbare_tekst


def _csv(*rijen: str) -> dict:
    tekst = "aansluitingId;metriek;datum;aantal\n" + "\n".join(rijen) + "\n"
    return {"bestand": (io.BytesIO(tekst.encode()), "verbruik.csv")}


def test_an_upload_with_a_bad_row_records_nothing_and_names_the_row(
        console_als, api, maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer()
    digid = maak_aansluiting(afnemer["id"], dienst="digid")
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    assert "CSV-bestand" in logius.tekst("/verbruik")
    fout = logius.post("/verbruik", _csv(f"{digid['id']};authenticaties;2026-03-01;10",
                                         f"{digid['id']};authenticaties;2026-03-02;veel"),
                       content_type="multipart/form-data")
    assert fout.status_code == 400
    html = fout.get_data(True)
    assert 'data-rij="2"' in html and 'data-rij="1"' not in html
    pad = f"/afnemers/{afnemer['id']}/verbruik"
    assert api.get(pad).get_json()["resultaten"] == []
    goed = logius.post("/verbruik", _csv(f"{digid['id']};authenticaties;2026-03-01;10",
                                         f"{digid['id']};authenticaties;2026-03-02;12"),
                       content_type="multipart/form-data")
    assert goed.status_code == 200
    assert "2 regels, waarvan 2 nieuw" in zichtbare_tekst(goed.get_data(True))
    assert sorted(r["aantal"] for r in api.get(pad).get_json()["resultaten"]) == [10, 12]


def test_a_product_team_uploads_only_its_own_diensts_usage(
        console_als, api, maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer()
    mo = maak_aansluiting(afnemer["id"], dienst="mijnoverheid", onderdelen=("berichtenbox",))
    team = console_als(Rol.PRODUCTTEAM, dienst="digid")
    antwoord = team.post("/verbruik", {"csv": "aansluitingId,metriek,datum,aantal\n"
                                              f"{mo['id']},berichten,2026-03-01,5\n"})
    assert antwoord.status_code >= 400
    assert api.get(f"/afnemers/{afnemer['id']}/verbruik").get_json()["resultaten"] == []
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    assert beheerder.get("/verbruik").status_code == 403
