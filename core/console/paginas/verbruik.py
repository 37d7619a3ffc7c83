"""Usage upload for Logius and the product teams: a CSV file (a header line naming
aansluitingId, metriek, datum and aantal; comma or semicolon) passed as it is to
``POST /verbruik``. An invalid upload records nothing, and every row error the API
names (``rij.<n>.<veld>``) is shown with its row number."""

from __future__ import annotations

import re

from flask import abort, render_template, request

from core.console import hulp
from core.console.api import vraag
from core.console.views import bp

RIJ = re.compile(r"^rij\.(\d+)\.(.+)$")
#: Large enough for a month of daily rows of many aansluitingen; the API checks the rest.
MAX_BYTES = 20 * 1024 * 1024


def _mag() -> None:
    principal = hulp.ingelogd()
    if not (principal.is_logius_beheerder or principal.productteam_dienst):
        abort(403)


def rijfouten(antwoord) -> tuple[list[tuple[int, str, str]], list[tuple[str, str]]]:
    """The API's invalidParams split in row errors (row, field, reason) and the rest."""
    rijen, overig = [], []
    params = (antwoord.body or {}).get("invalidParams") or [] if antwoord is not None else []
    for param in params:
        gevonden = RIJ.match(str(param.get("name", "")))
        if gevonden:
            rijen.append((int(gevonden[1]), gevonden[2], param.get("reason", "")))
        else:
            overig.append((str(param.get("name", "")), param.get("reason", "")))
    return sorted(rijen), overig


@bp.route("/verbruik", methods=["GET", "POST"])
def verbruik():
    _mag()
    antwoord = None
    if request.method == "POST":
        bestand = request.files.get("bestand")
        inhoud = bestand.read(MAX_BYTES + 1) if bestand and bestand.filename else b""
        if not inhoud:
            inhoud = request.form.get("csv", "").encode()
        if len(inhoud) > MAX_BYTES:
            abort(413)
        antwoord = vraag("POST", "/verbruik", data=inhoud,
                         headers={"Content-Type": "text/csv; charset=utf-8"})
    rijen, overig = rijfouten(antwoord)
    status = 200 if antwoord is None or antwoord.ok else max(400, antwoord.status)
    return render_template(
        "console/beheer/verbruik.html", paginatitel="Verbruik vastleggen", antwoord=antwoord,
        rijfouten=rijen, overige_fouten=overig), status
