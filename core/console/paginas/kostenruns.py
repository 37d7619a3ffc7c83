"""Cost runs for Logius beheerders: the runs, newest first; start one for a year (the
same run as ``afnemersportaal kosten run``, through ``POST /kostenruns``) and follow it:
its status, totals per dienst, the afnemers it could not compute, and its lines."""

from __future__ import annotations

import uuid

from flask import render_template, request, url_for

from core.console import dienstkeuze, hulp
from core.console.views import bp
from core.tijd import vandaag

STATUS = {"bezig": "bezig", "voltooid": "voltooid",
          "onvolledig": "onvolledig: niet elke afnemer kon worden berekend"}


@bp.route("/kostenruns", methods=["GET", "POST"])
def kostenruns():
    dienstkeuze.alleen_logius()
    antwoord, waarden = None, {"jaar": str(vandaag().year - 1)}
    if request.method == "POST":
        antwoord = hulp.schrijf("POST", "/kostenruns", hulp.formulier({"jaar": int}))
        if antwoord.ok:
            klaar = hulp.gelukt(
                antwoord, f"Kostenrun {antwoord.body['jaar']}: "
                f"{STATUS.get(antwoord.body['status'], antwoord.body['status'])}.",
                url_for("console.kostenrun", kostenrun_id=antwoord.body["id"]))
            return klaar
        waarden = request.form
    lijst = hulp.lees("/kostenruns", query=hulp.filters())
    return render_template(
        "console/beheer/kostenruns.html", paginatitel="Kostenruns", lijst=lijst,
        antwoord=antwoord, waarden=waarden, status=STATUS, moment=dienstkeuze.moment
    ), 200 if antwoord is None else max(400, antwoord.status)


@bp.get("/kostenruns/<uuid:kostenrun_id>")
def kostenrun(kostenrun_id: uuid.UUID):
    dienstkeuze.alleen_logius()
    run = hulp.lees(f"/kostenruns/{kostenrun_id}").body
    regels = hulp.lees(f"/kostenruns/{kostenrun_id}/regels",
                       query=hulp.filters("afnemerId", "dienst"))
    return render_template(
        "console/beheer/kostenrun.html", paginatitel=f"Kostenrun {run['jaar']}", run=run,
        regels=regels, status=STATUS, moment=dienstkeuze.moment,
        filters=hulp.filters("afnemerId", "dienst"))
