"""The afnemer's costs of a year: per month and per dienst as a stacked bar chart (amounts
including BTW, one API call per month), the year's lines with their articles, the
pro-forma invoices (advance and settlement), and CSV downloads of the chart's data
(``?formaat=csv``) and of the lines (``?formaat=regels``, the API's own CSV).
Everything is read through the API as the person."""

from __future__ import annotations

import calendar
import uuid
from datetime import date
from decimal import Decimal

from flask import abort, render_template, request

from core.console import hulp
from core.console.api import vraag
from core.console.grafiek import uit_rijen
from core.console.views import bp
from core.tijd import vandaag

MAANDEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
#: The years the chooser offers around this one (the API takes 2000 to 2100).
JAREN_TERUG, JAREN_VOORUIT = 4, 1


def _jaar() -> int:
    try:
        jaar = int(request.args.get("jaar") or vandaag().year)
    except ValueError:
        abort(400)
    if not 2000 <= jaar <= 2100:
        abort(400)
    return jaar


@bp.get("/afnemers/<uuid:afnemer_id>/kosten")
def kosten(afnemer_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    jaar = _jaar()
    basis = f"/afnemers/{afnemer_id}"
    van, tot = date(jaar, 1, 1).isoformat(), date(jaar, 12, 31).isoformat()
    if request.args.get("formaat") == "regels":
        antwoord = vraag("GET", f"{basis}/kosten", query={"van": van, "tot": tot},
                         headers={"Accept": "text/csv"})
        if not antwoord.ok:
            abort(antwoord.status)
        return hulp.csv_download(antwoord.tekst, f"kosten-{afnemer['oin']}-{jaar}.csv")

    # Per month: the API's total per dienst of that month, including BTW.
    rijen: list[tuple[str, str, Decimal]] = []
    fout = None
    for maand in range(1, 13):
        laatste = calendar.monthrange(jaar, maand)[1]
        antwoord = hulp.lees(f"{basis}/kosten", query={
            "van": date(jaar, maand, 1).isoformat(),
            "tot": date(jaar, maand, laatste).isoformat()}, nodig=True)
        if not antwoord.ok:
            fout = antwoord
            break
        for per in antwoord.body.get("perDienst") or []:
            rijen.append((MAANDEN[maand - 1], per["dienst"],
                          Decimal(per["totaal"]["bedragInclBtw"])))
    grafiek = uit_rijen(f"Kosten per maand en per dienst in {jaar}", rijen,
                        eenheid="euro inclusief btw", categorieen=MAANDEN)
    if fout is None:
        csv = hulp.grafiek_of_csv(grafiek, f"kosten-per-maand-{afnemer['oin']}-{jaar}.csv")
        if csv is not None:
            return csv
    elif request.args.get("formaat") == "csv":
        abort(fout.status)
    jaaroverzicht = hulp.lees(f"{basis}/kosten", query={"van": van, "tot": tot})
    facturen = hulp.lees(f"{basis}/facturen/{jaar}")
    huidig = vandaag().year
    return render_template(
        "console/kosten/kosten.html", afnemer=afnemer, paginatitel=f"Kosten {afnemer['naam']}",
        jaar=jaar, jaren=range(huidig + JAREN_VOORUIT, huidig - JAREN_TERUG - 1, -1),
        grafiek=grafiek if fout is None and rijen else None, fout=fout,
        jaaroverzicht=jaaroverzicht, facturen=facturen)
