"""Reference data Logius beheerders keep: the diensten and whether each takes new
aansluitingen per omgeving (switched off and on with a reason), the public holidays that
office-hour deadlines skip, and the BTW rate per year.

Everything is read from and written to the API as the logged-in person: the API decides
who may write (Logius beheerders, ``alleen_logius``), and a change sends the ETag its
page read (``If-Match``). A list does not carry its rows' ETags, so a row is changed on
its own page, which reads it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from flask import abort, render_template, request, url_for

from core.api.converters import JAAR_MAX, JAAR_MIN
from core.console import hulp
from core.console.api import Antwoord
from core.console.views import bp
from core.tijd import vandaag


def _status(antwoord: Antwoord | None) -> int:
    """A refused write renders its form again with the API's status (400 at least)."""
    return 200 if antwoord is None else max(400, antwoord.status)


def _if_match() -> dict | None:
    etag = request.form.get("etag", "")
    return {"If-Match": etag} if etag else None


# --- Diensten and their omgevingen -------------------------------------------------------


def _diensten() -> tuple[Antwoord, list[dict]]:
    """Every dienst with its omgevingen and their state. For a Logius beheerder the
    status of a dienst carries its omgevingen' state, its configuration and health (one
    request per dienst, bounded by the plugins); anyone else reads each omgeving's state."""
    lijst = hulp.lees("/diensten", query={"paginaGrootte": 100, **hulp.filters()})
    logius = hulp.ingelogd().is_logius_beheerder
    rijen = []
    for dienst in lijst.items:
        slug = dienst["slug"]
        status = hulp.lees(f"/diensten/{slug}/status", nodig=False).body \
            if logius else None
        standen = {o["omgeving"]: o for o in (status or {}).get("omgevingen") or []}
        omgevingen = []
        for omgeving in dienst.get("omgevingen") or []:
            stand = standen.get(omgeving["slug"])
            if stand is None:
                stand = hulp.lees(f"/diensten/{slug}/omgevingen/{omgeving['slug']}",
                                  nodig=False).body or {}
            omgevingen.append({**omgeving, "stand": stand})
        rijen.append({**dienst, "status": status or {}, "omgevingen": omgevingen})
    return lijst, rijen


@bp.get("/diensten")
def omgevingen():
    hulp.ingelogd()
    lijst, rijen = _diensten()
    return render_template(
        "console/instellingen/omgevingen.html", paginatitel="Diensten en omgevingen",
        lijst=lijst, rijen=rijen, moment=hulp.moment,
        mag=hulp.ingelogd().is_logius_beheerder)


@bp.route("/diensten/<slug>/omgevingen/<omgeving>", methods=["GET", "POST"])
def omgeving(slug: str, omgeving: str):
    hulp.ingelogd()
    dienst = hulp.lees(f"/diensten/{slug}").body
    pad = f"/diensten/{slug}/omgevingen/{omgeving}"
    antwoord, waarden = None, {}
    if request.method == "POST":
        body = hulp.formulier({"reden": "tekst"})
        body["ingeschakeld"] = request.form.get("ingeschakeld") == "true"
        antwoord = hulp.schrijf("PUT", pad, body, headers=_if_match())
        bericht = (f"{dienst['naam']} neemt in {omgeving} weer nieuwe aansluitingen aan."
                   if body["ingeschakeld"] else
                   f"{dienst['naam']} neemt in {omgeving} geen nieuwe aansluitingen meer aan.")
        klaar = hulp.gelukt(antwoord, bericht, url_for("console.omgeving", slug=slug,
                                                       omgeving=omgeving))
        if klaar:
            return klaar
        waarden = dict(request.form)
    huidig = hulp.lees(pad)
    naam = next((o["naam"] for o in dienst.get("omgevingen") or []
                 if o["slug"] == omgeving), omgeving)
    return render_template(
        "console/instellingen/omgeving.html", paginatitel=f"{dienst['naam']}: {naam}",
        dienst=dienst, naam=naam, stand=huidig.body, etag=huidig.headers.get("ETag", ""),
        antwoord=antwoord, waarden=waarden, moment=hulp.moment,
        mag=hulp.ingelogd().is_logius_beheerder), _status(antwoord)


# --- Holidays ------------------------------------------------------------------------------


WEEKDAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def _dag(tekst) -> date | None:
    try:
        return date.fromisoformat(str(tekst))
    except ValueError:
        return None


def datum(tekst) -> str:
    """An API date as Dutch readers write it: 27-04-2027."""
    dag = _dag(tekst)
    return f"{dag:%d-%m-%Y}" if dag else str(tekst or "")


def weekdag(tekst) -> str:
    dag = _dag(tekst)
    return WEEKDAGEN[dag.weekday()] if dag else ""


def _jaar(tekst: str | None) -> int:
    try:
        jaar = int(tekst or "")
    except ValueError:
        return vandaag().year
    return jaar if JAAR_MIN <= jaar <= JAAR_MAX else vandaag().year


@bp.route("/feestdagen", methods=["GET", "POST"])
def feestdagen():
    principal = hulp.ingelogd()
    jaar = _jaar(request.args.get("jaar"))
    antwoord, waarden = None, {}
    if request.method == "POST":
        body = hulp.formulier({"datum": "tekst", "naam": "tekst"})
        antwoord = hulp.schrijf("POST", "/feestdagen", body)
        klaar = hulp.gelukt(
            antwoord, f"{body.get('naam', '')} ({body.get('datum', '')}) is toegevoegd als "
            "feestdag.", url_for("console.feestdagen",
                                 jaar=_jaar(str(body.get("datum", ""))[:4])))
        if klaar:
            return klaar
        waarden = dict(request.form)
    lijst = hulp.lees("/feestdagen", query={"jaar": jaar, **hulp.filters()})
    historie = None
    if principal.is_logius_beheerder:
        historie = hulp.lees("/feestdagwijzigingen",
                             query={"jaar": jaar, "paginaGrootte": 25}, nodig=False)
    return render_template(
        "console/instellingen/feestdagen.html", paginatitel=f"Feestdagen {jaar}", jaar=jaar,
        lijst=lijst, historie=historie, antwoord=antwoord, waarden=waarden,
        moment=hulp.moment, datum=datum, weekdag=weekdag,
        mag=principal.is_logius_beheerder), _status(antwoord)


@bp.route("/feestdagen/<dag>", methods=["GET", "POST"])
def feestdag(dag: str):
    principal = hulp.ingelogd()
    pad = f"/feestdagen/{dag}"
    huidig = hulp.lees(pad)
    naam = huidig.body["naam"]
    antwoord, waarden = None, {"naam": naam}
    terug = url_for("console.feestdagen", jaar=dag[:4])
    if request.method == "POST":
        if request.form.get("actie") == "verwijderen":
            antwoord = hulp.schrijf("DELETE", pad, headers=_if_match())
            klaar = hulp.gelukt(antwoord, f"{naam} ({datum(dag)}) is geen feestdag meer.",
                                terug)
        else:
            antwoord = hulp.schrijf("PATCH", pad, hulp.formulier({"naam": "tekst"}),
                                    headers=_if_match())
            klaar = hulp.gelukt(antwoord, f"De feestdag van {datum(dag)} is gewijzigd.",
                                terug)
            waarden = {"naam": request.form.get("naam", "")}
        if klaar:
            return klaar
    return render_template(
        "console/instellingen/feestdag.html", paginatitel=f"Feestdag {datum(dag)}",
        dag=huidig.body, etag=huidig.headers.get("ETag", ""), antwoord=antwoord,
        waarden=waarden, terug=terug, moment=hulp.moment, datum=datum, weekdag=weekdag,
        mag=principal.is_logius_beheerder), _status(antwoord)


# --- BTW rates -----------------------------------------------------------------------------


def procent(tekst) -> str:
    """The API's percentage ("21.00", meaning 21 %) as Dutch readers write it: 21,00 %."""
    try:
        return f"{Decimal(str(tekst)):.2f}".replace(".", ",") + " %"
    except InvalidOperation:
        return str(tekst)


def _percentage(tekst: str) -> str:
    """A Dutch decimal comma becomes the API's point; anything else goes as typed."""
    tekst = tekst.strip().rstrip("%").strip()
    return tekst.replace(",", ".") if "," in tekst and "." not in tekst else tekst


def _zet_btw(jaar_tekst: str) -> Antwoord:
    """PUT the form's percentage for the year (with the ETag the page read, if any). The
    year is part of the API's path, whose rule (2000 to 2100) the console names beside
    the field rather than letting the path become a 404."""
    try:
        jaar = int(jaar_tekst.strip())
    except ValueError:
        jaar = None
    if jaar is None or not JAAR_MIN <= jaar <= JAAR_MAX:
        return Antwoord(400, {"title": "Het jaar klopt niet.", "invalidParams": [
            {"name": "jaar", "reason": f"Verwacht een jaar van {JAAR_MIN} tot en met "
                                       f"{JAAR_MAX}."}]})
    body = hulp.formulier({"percentage": _percentage})
    antwoord = hulp.schrijf("PUT", f"/btw-tarieven/{jaar}", body, headers=_if_match())
    if antwoord.status == 428:
        # The year has a rate already: it is changed on its own page, with its ETag.
        return Antwoord(409, {"title": f"Voor {jaar} is al een btw-tarief vastgesteld.",
                              "detail": "Wijzig het op de pagina van dat jaar.",
                              "invalidParams": [{"name": "jaar", "reason": (
                                  f"Voor {jaar} is al een btw-tarief vastgesteld; wijzig "
                                  "het via de tabel.")}]})
    return antwoord


@bp.route("/btw", methods=["GET", "POST"])
def btw():
    principal = hulp.ingelogd()
    antwoord, waarden = None, {"jaar": vandaag().year + 1}
    if request.method == "POST":
        antwoord = _zet_btw(request.form.get("jaar", ""))
        jaar = request.form.get("jaar", "").strip()
        klaar = hulp.gelukt(antwoord, f"Het btw-tarief voor {jaar} is vastgesteld.",
                            url_for("console.btw"))
        if klaar:
            return klaar
        waarden = dict(request.form)
    lijst = hulp.lees("/btw-tarieven", query=hulp.filters())
    return render_template(
        "console/instellingen/btw.html", paginatitel="Btw-tarieven", lijst=lijst,
        antwoord=antwoord, waarden=waarden, procent=procent, moment=hulp.moment,
        mag=principal.is_logius_beheerder), _status(antwoord)


@bp.route("/btw/<int:jaar>", methods=["GET", "POST"])
def btw_jaar(jaar: int):
    principal = hulp.ingelogd()
    if not JAAR_MIN <= jaar <= JAAR_MAX:
        abort(404)
    huidig = hulp.lees(f"/btw-tarieven/{jaar}")
    antwoord, waarden = None, {"percentage": huidig.body.get("percentage", "")}
    if request.method == "POST":
        antwoord = _zet_btw(str(jaar))
        klaar = hulp.gelukt(antwoord, f"Het btw-tarief voor {jaar} is gewijzigd.",
                            url_for("console.btw"))
        if klaar:
            return klaar
        waarden = {"percentage": request.form.get("percentage", "")}
    return render_template(
        "console/instellingen/btw_jaar.html", paginatitel=f"Btw-tarief {jaar}", jaar=jaar,
        tarief=huidig.body, etag=huidig.headers.get("ETag", ""), antwoord=antwoord,
        waarden=waarden, procent=procent, moment=hulp.moment,
        mag=principal.is_logius_beheerder), _status(antwoord)
