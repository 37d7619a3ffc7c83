"""A product team's koppelvlakken (AV 14.1): every version with where it stands, a new
version, and one version made deprecated or given a sunset and successor. The notice a
sunset needs is shown as one types the date (the same rule the API applies) and the
API's refusal names the field beside it. Logius beheerders choose the dienst."""

from __future__ import annotations

from datetime import date

from flask import render_template, request, url_for
from markupsafe import escape

from core.console import dienstkeuze, hulp
from core.console.views import bp
from core.koppelvlakken.service import opzegtermijn
from core.tijd import vandaag


def _lijst(slug: str):
    return hulp.lees(f"/diensten/{slug}/koppelvlakken", query=hulp.filters())


def _status(status: int) -> int:
    return status if status >= 400 else 400


@bp.route("/koppelvlakken", methods=["GET", "POST"])
def koppelvlakken():
    slug = dienstkeuze.gekozen()
    principal = hulp.ingelogd()
    antwoord, waarden = None, {}
    if request.method == "POST":
        koppelvlak = request.form.get("koppelvlak", "")
        body = hulp.formulier({"versie": "tekst", "ondersteundSinds": "tekst",
                               "verouderdSinds": "tekst"})
        antwoord = hulp.schrijf("POST", f"/diensten/{slug}/koppelvlakken/{koppelvlak}/versies",
                                body)
        klaar = hulp.gelukt(antwoord, f"Versie {body.get('versie', '')} van {koppelvlak} is "
                            "toegevoegd.", url_for("console.koppelvlakken", dienst=slug))
        if klaar:
            return klaar
        waarden = request.form
    lijst = _lijst(slug)
    return render_template(
        "console/beheer/koppelvlakken.html", paginatitel=f"Koppelvlakversies {slug}",
        slug=slug, lijst=lijst, antwoord=antwoord, waarden=waarden,
        mag=principal.beheert_dienst(slug), logius=principal.is_logius_beheerder,
        diensten=dienstkeuze.diensten() if principal.is_logius_beheerder else None
    ), 200 if antwoord is None else _status(antwoord.status)


@bp.route("/koppelvlakken/<koppelvlak>/versies/<versie>", methods=["GET", "POST"])
def koppelvlakversie(koppelvlak: str, versie: str):
    slug = dienstkeuze.gekozen()
    principal = hulp.ingelogd()
    pad = f"/diensten/{slug}/koppelvlakken/{koppelvlak}/versies/{versie}"
    huidig = hulp.lees(pad)
    antwoord, waarden = None, {**huidig.body, "etag": huidig.headers.get("ETag", "")}
    if request.method == "POST":
        body = hulp.formulier({"verouderdSinds": "tekst", "sunsetOp": "tekst",
                               "opvolger": "tekst"})
        etag = request.form.get("etag", "")
        antwoord = hulp.schrijf("PATCH", pad, body, headers={"If-Match": etag} if etag else None)
        klaar = hulp.gelukt(antwoord, f"Versie {versie} van {koppelvlak} is bijgewerkt.",
                            url_for("console.koppelvlakversie", koppelvlak=koppelvlak,
                                    versie=versie, dienst=slug))
        if klaar:
            return klaar
        waarden.update({k: request.form.get(k, "") for k in
                        ("verouderdSinds", "sunsetOp", "opvolger")})
    termijn = opzegtermijn(slug, vandaag())
    return render_template(
        "console/beheer/koppelvlakversie.html", paginatitel=f"{koppelvlak} {versie}",
        slug=slug, koppelvlak=koppelvlak, versie=huidig.body, waarden=waarden,
        antwoord=antwoord, termijn=termijn, mag=principal.beheert_dienst(slug),
        logius=principal.is_logius_beheerder
    ), 200 if antwoord is None else _status(antwoord.status)


@bp.get("/koppelvlakken/aankondigingstermijn")
def koppelvlak_termijn():
    """The live check beside the sunset date: the earliest date announced today, and
    whether the typed date meets it (the rule the API applies on PATCH)."""
    slug = dienstkeuze.gekozen()
    termijn = opzegtermijn(slug, vandaag())
    tekst = (f"Vandaag aangekondigd is {termijn.vroegst.isoformat()} de vroegste "
             f"sunsetdatum ({termijn.artikel}).")
    try:
        gekozen = date.fromisoformat(request.args.get("sunsetOp", ""))
    except ValueError:
        gekozen = None
    if gekozen is not None and gekozen < termijn.vroegst:
        return f'<p class="melding let-op">Te vroeg: {escape(tekst)}</p>'
    if gekozen is not None:
        return f'<p class="melding ok">Voldoet aan de aankondigingstermijn. {escape(tekst)}</p>'
    return f"<p>{escape(tekst)}</p>"
