"""The test dienst's console page: its notes of one afnemer, read and written through
the REST API as the logged-in person (hook ``dienst_console``)."""

from __future__ import annotations

import uuid

from flask import render_template, url_for

from core.console import hulp
from core.sdk.console import ConsoleBijdrage, Menuitem, console_blueprint

bp = console_blueprint("proef", __name__)


@bp.route("/afnemers/<uuid:afnemer_id>/proef-notities", methods=["GET", "POST"])
def notities(afnemer_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    pad = f"/afnemers/{afnemer_id}/proef-notities"
    antwoord, status = None, 200
    from flask import request

    if request.method == "POST":
        antwoord = hulp.schrijf("POST", pad, hulp.formulier({"tekst": "tekst"}))
        klaar = hulp.gelukt(antwoord, "De notitie is geplaatst.",
                            url_for(".notities", afnemer_id=afnemer_id))
        if klaar is not None:
            return klaar
        status = 400
    lijst = hulp.lees(pad, query=hulp.filters())
    return render_template("proef/notities.html", afnemer=afnemer, lijst=lijst,
                           antwoord=antwoord), status


BIJDRAGE = ConsoleBijdrage(bp, (Menuitem("afnemer", "proef-console.notities", "Notities"),))
