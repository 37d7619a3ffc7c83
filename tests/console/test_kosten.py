"""The costs page: per month and per dienst as a chart whose table and CSV hold the API's
figures, the year's lines with their articles, the invoices and the lines as CSV; on both
backends."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from core.aansluitingen.models import Aansluiting
from core.auth.principal import Rol
from core.db import db
from tests.console.conftest import zichtbare_tekst
from tests.kosten.conftest import aangesloten, laad_verbruik, zet_btw, zet_tarief  # noqa: F401


def _mijnoverheid(app, maak_afnemer, aangesloten, zet_tarief, zet_btw, laad_verbruik):  # noqa: F811
    """A gemeente on berichtenbox and persoonlijke gegevens, active from 10 March 2027,
    with 1,000 messages in March and 500 in April."""
    afnemer = maak_afnemer("gemeente")
    aansluiting = aangesloten(afnemer["id"], dienst="mijnoverheid",
                              onderdelen=["berichtenbox", "persoonlijke-gegevens"])
    with app.app_context():
        import uuid

        db.session.get(Aansluiting, uuid.UUID(aansluiting["id"])).geactiveerd_op = datetime(
            2027, 3, 10, 9, 0, tzinfo=UTC)
        db.session.commit()
    zet_btw(2027)
    zet_tarief("mijnoverheid", 2027, "berichtenbox-bericht", "0.32")
    zet_tarief("mijnoverheid", 2027, "berichtenbox-jaarbedrag", "120")
    zet_tarief("mijnoverheid", 2027, "persoonlijke-gegevens-aansluiting", "500")
    laad_verbruik((aansluiting["id"], "berichten", "2027-03-20", 1000),
                  (aansluiting["id"], "berichten", "2027-04-20", 500))
    return afnemer


def test_chart_table_csv_lines_and_invoices_hold_the_apis_figures(
        app, api, console_als, maak_afnemer, aangesloten, zet_tarief, zet_btw,  # noqa: F811
        laad_verbruik):  # noqa: F811
    afnemer = _mijnoverheid(app, maak_afnemer, aangesloten, zet_tarief, zet_btw, laad_verbruik)
    maart = api.get(f"/afnemers/{afnemer['id']}/kosten?van=2027-03-01&tot=2027-03-31"
                    ).get_json()["totaal"]["bedragInclBtw"]
    assert maart == "1137.40"  # 387.20 + 145.20 + 605.00, as the API counts it
    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"])
    pagina = f"/afnemers/{afnemer['id']}/kosten?jaar=2027"
    html = medewerker.tekst(pagina)
    tabel = html.split('data-testid="kosten-tabel"')[1].split("</table>")[0]
    assert "<th scope=\"row\">mrt</th><td class=\"getal\">1137.40</td>" in tabel
    assert "<th scope=\"row\">apr</th><td class=\"getal\">193.60</td>" in tabel
    tekst = zichtbare_tekst(html)
    assert "MO 5.2" in tekst and "MO 6.2" in tekst
    assert "€ 1.331,00" in tekst  # the year: 580.80 + 145.20 + 605.00 incl. BTW
    verrekening = zichtbare_tekst(html.split('data-testid="factuur-verrekening"')[1])
    assert "Verrekening, te factureren van 2028-01-01" in verrekening
    assert "Totaal € 1.331,00 inclusief btw" in verrekening

    grafiek = medewerker.get(pagina + "&formaat=csv")
    assert grafiek.status_code == 200 and grafiek.mimetype == "text/csv"
    rijen = {r[0]: r[1:] for r in csv.reader(io.StringIO(grafiek.get_data(as_text=True)))}
    assert rijen["mrt"] == ["1137.40"] and rijen["jan"] == ["0.00"]

    regels = medewerker.get(pagina + "&formaat=regels")
    assert regels.status_code == 200 and regels.mimetype == "text/csv"
    api_csv = api.get(f"/afnemers/{afnemer['id']}/kosten?van=2027-01-01&tot=2027-12-31",
                      headers={"Accept": "text/csv"}).get_data(as_text=True)
    assert regels.get_data(as_text=True) == api_csv and "MO 6.2" in api_csv


def test_another_afnemers_costs_are_404(console_als, maak_afnemer):
    eigen, ander = maak_afnemer(), maak_afnemer()
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, eigen["id"])
    assert beheerder.get(f"/afnemers/{ander['id']}/kosten").status_code == 404
    assert beheerder.get(f"/afnemers/{ander['id']}/kosten?formaat=csv").status_code == 404
    assert beheerder.get(f"/afnemers/{eigen['id']}/kosten").status_code == 200
