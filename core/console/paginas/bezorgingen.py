"""Dead-letter deliveries across afnemers, for Logius beheerders: what ``GET /status``
counts, listed by ``GET /bezorgingen`` with their afnemer, last error and attempts, and
each redelivered through that afnemer's log (``POST .../bezorgingen/{id}/opnieuw``)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from core.console import dienstkeuze, hulp
from core.console.views import bp


@bp.get("/bezorgingen")
def bezorgingen():
    dienstkeuze.alleen_logius()
    query = {"status": request.args.get("status", "dood"), **hulp.filters("kanaal",
                                                                         "afnemerId")}
    lijst = hulp.lees("/bezorgingen", query=query)
    status = hulp.lees("/status", nodig=False)
    namen = {}
    for afnemer_id in {b["afnemerId"] for b in lijst.items if b.get("afnemerId")}:
        afnemer = hulp.lees(f"/afnemers/{afnemer_id}", nodig=False)
        namen[afnemer_id] = afnemer.body["naam"] if afnemer.ok else afnemer_id
    return render_template(
        "console/beheer/bezorgingen.html", paginatitel="Bezorgingen", lijst=lijst,
        status=status, namen=namen, filter_status=query["status"],
        moment=dienstkeuze.moment, statussen=("dood", "wachtend", "bezorgd"))


@bp.post("/bezorgingen/opnieuw")
def dode_bezorging_opnieuw():
    dienstkeuze.alleen_logius()
    afnemer_id, bezorging_id = request.form.get("afnemerId"), request.form.get("bezorgingId")
    antwoord = hulp.schrijf("POST", f"/afnemers/{afnemer_id}/bezorgingen/{bezorging_id}"
                                    "/opnieuw")
    terug = url_for("console.bezorgingen", **request.args)
    klaar = hulp.gelukt(antwoord, "De bezorging gaat opnieuw.", terug)
    if klaar:
        return klaar
    flash(f"Opnieuw bezorgen lukte niet: {antwoord.melding or antwoord.status}", "fout")
    return redirect(terug)
