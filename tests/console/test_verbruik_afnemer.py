"""An afnemer's usage and pre-calculations page, through the API as the person, on both
backends: the plot's table and CSV hold the API's rows per month and dienst, the
voorcalculatie form changes what the API shows (a refused count is named beside its field,
a medewerker sees no form and a forged write changes nothing), and the cost estimate
shows the API's lines with their articles and BTW."""

from __future__ import annotations

import csv
import io

from core.auth.principal import Rol
from core.tijd import vandaag
from tests.console.conftest import zichtbare_tekst
from tests.kosten.conftest import (  # noqa: F401
    aangesloten,
    digipoort_tarieven,
    laad_verbruik,
    zet_btw,
    zet_tarief,
)

VOLGEND_JAAR = vandaag().year + 1


def test_usage_per_month_and_dienst_as_plot_table_csv_and_rows(
        api, console_als, maak_afnemer, aangesloten, laad_verbruik):  # noqa: F811
    afnemer, ander = maak_afnemer("gemeente"), maak_afnemer()
    dp = aangesloten(afnemer["id"], dienst="digipoort")
    mo = aangesloten(afnemer["id"], dienst="mijnoverheid", onderdelen=["berichtenbox"])
    laad_verbruik((dp["id"], "berichten", "2027-03-02", 100),
                  (dp["id"], "berichten", "2027-03-20", 50),
                  (mo["id"], "berichten", "2027-03-05", 7),
                  (dp["id"], "berichten", "2027-04-01", 30),
                  (dp["id"], "berichten", "2026-12-31", 999))
    pagina = f"/afnemers/{afnemer['id']}/verbruik?jaar=2027"
    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"])
    html = medewerker.tekst(pagina)
    tabel = html.split('data-testid="verbruik-berichten-tabel"')[1].split("</table>")[0]
    kolommen = zichtbare_tekst(tabel.split("</thead>")[0])
    assert "digipoort" in kolommen and "mijnoverheid" in kolommen
    mrt = zichtbare_tekst(tabel.split('<th scope="row">mrt</th>')[1].split("</tr>")[0])
    assert mrt.split() == (["150", "7", "157"] if kolommen.index("digipoort")
                           < kolommen.index("mijnoverheid") else ["7", "150", "157"])
    regels = html.split('data-testid="verbruiksregels"')[1]
    assert "2027-03-20" in regels and "2026-12-31" not in regels

    gefilterd = medewerker.get(pagina + "&dienst=digipoort&formaat=csv&metriek=berichten")
    assert gefilterd.status_code == 200 and gefilterd.mimetype == "text/csv"
    rijen = {r[0]: r[1:] for r in csv.reader(io.StringIO(gefilterd.get_data(as_text=True)))}
    assert rijen["mrt"] == ["150"] and rijen["apr"] == ["30"] and rijen["jan"] == ["0"]

    assert "Verbruiksregels" in console_als(Rol.LOGIUS_BEHEERDER).tekst(pagina)
    assert medewerker.get(f"/afnemers/{ander['id']}/verbruik").status_code == 404
    assert medewerker.get(f"/afnemers/{ander['id']}/verbruik/voorcalculaties"
                          ).status_code == 404
    assert medewerker.get(f"/afnemers/{ander['id']}/verbruik/schatting").status_code == 404


def test_the_voorcalculatie_form_sets_a_year_and_refusals_change_nothing(
        api, console_als, maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer("gemeente")
    dp = maak_aansluiting(afnemer["id"], dienst="digipoort", onderdelen=["e-factureren"])
    lijst = f"/afnemers/{afnemer['id']}/aansluitingen/{dp['id']}/voorcalculaties"
    pagina = f"/afnemers/{afnemer['id']}/verbruik/voorcalculaties/{dp['id']}?jaar={VOLGEND_JAAR}"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"])

    geweigerd = beheerder.post(pagina, {"aantal-berichten": "-5", "gewijzigdOp": ""})
    assert geweigerd.status_code == 400
    assert 'data-veldfout="aantal-berichten"' in geweigerd.get_data(as_text=True)
    assert api.get(lijst).get_json()["resultaten"] == []

    assert beheerder.post(pagina, {"aantal-berichten": "12000", "gewijzigdOp": ""}
                          ).status_code == 302
    assert [v["volumes"] for v in api.get(lijst).get_json()["resultaten"]] == [
        [{"metriek": "berichten", "aantal": 12000}]]
    # Changing it sends what the form showed: a stale form replaces nothing.
    assert beheerder.post(pagina, {"aantal-berichten": "9000", "gewijzigdOp": ""}
                          ).status_code == 412
    html = beheerder.tekst(pagina)
    assert 'value="12000"' in html
    gelezen = html.split('name="gewijzigdOp" value="')[1].split('"')[0]
    assert beheerder.post(pagina, {"aantal-berichten": "9000", "gewijzigdOp": gelezen}
                          ).status_code == 302
    assert api.get(lijst).get_json()["resultaten"][0]["volumes"][0]["aantal"] == 9000
    overzicht = beheerder.tekst(f"/afnemers/{afnemer['id']}/verbruik/voorcalculaties")
    assert f"{VOLGEND_JAAR}: 9000 berichten" in zichtbare_tekst(overzicht)

    assert 'name="aantal-berichten"' not in medewerker.tekst(pagina)
    nu = api.get(lijst).get_json()["resultaten"][0]["gewijzigdOp"]
    assert medewerker.post(pagina, {"aantal-berichten": "1", "gewijzigdOp": nu}
                           ).status_code == 403
    assert api.get(lijst).get_json()["resultaten"][0]["volumes"][0]["aantal"] == 9000


def test_the_cost_estimate_shows_the_apis_lines_articles_and_btw(
        console_als, maak_afnemer, aangesloten, digipoort_tarieven):  # noqa: F811
    afnemer = maak_afnemer("gemeente")
    aangesloten(afnemer["id"], dienst="digipoort")
    pagina = f"/afnemers/{afnemer['id']}/verbruik/schatting?jaar=2027"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    antwoord = beheerder.post(pagina, {"aantal-digipoort-berichten": "1000"})
    assert antwoord.status_code == 200
    tekst = zichtbare_tekst(antwoord.get_data(as_text=True).split(
        'data-testid="schattingsregels"')[1].split("</table>")[0])
    assert "DP tabel 1" in tekst and "€ 590,00" in tekst  # 1,000 x 0.59 incl. BTW
    assert "€ 102,40" in tekst  # its BTW at 21 %
    geweigerd = beheerder.post(pagina, {"aantal-digipoort-berichten": "-1"})
    assert geweigerd.status_code == 400
    assert 'data-veldfout="aantal-digipoort-berichten"' in geweigerd.get_data(as_text=True)
    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"])
    assert 'name="aantal-digipoort-berichten"' not in medewerker.tekst(pagina)
    assert medewerker.post(pagina, {"aantal-digipoort-berichten": "1000"}).status_code == 403
