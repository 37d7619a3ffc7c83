"""A product team's tariffs per year (MO 3.8), with the year's BTW: the table of the
dienst's tariff codes and amounts, and one tariff set or changed with the ETag it was
read with. Logius beheerders choose the dienst; everything goes through the API."""

from __future__ import annotations

from decimal import Decimal

from flask import render_template, request, url_for

from core.console import dienstkeuze, hulp
from core.console.views import bp
from core.tijd import vandaag

VIER = Decimal("0.0001")


def _jaar() -> int:
    try:
        jaar = int(request.args.get("jaar", ""))
    except ValueError:
        return vandaag().year
    return jaar if 2000 <= jaar <= 2100 else vandaag().year


def _btw(jaar: int) -> Decimal | None:
    antwoord = hulp.lees(f"/btw-tarieven/{jaar}", nodig=False)
    return Decimal(antwoord.body["percentage"]) if antwoord.ok else None


def _met_btw(tarief: dict, btw: Decimal | None) -> tuple[str, str]:
    """The amount excluding and including BTW (the other one computed at the rate)."""
    if tarief.get("bedrag") is None:
        return "", ""
    bedrag = Decimal(tarief["bedrag"])
    if btw is None:
        return (("", dienstkeuze.bedrag(bedrag)) if tarief.get("inclusiefBtw")
                else (dienstkeuze.bedrag(bedrag), ""))
    factor = 1 + btw / 100
    if tarief.get("inclusiefBtw"):
        return dienstkeuze.bedrag((bedrag / factor).quantize(VIER).normalize()), \
            dienstkeuze.bedrag(bedrag)
    return dienstkeuze.bedrag(bedrag), dienstkeuze.bedrag((bedrag * factor).quantize(VIER)
                                                          .normalize())


@bp.get("/tarieven")
def tarieven():
    slug, jaar = dienstkeuze.gekozen(), _jaar()
    tabel = hulp.lees(f"/diensten/{slug}/tarieven/{jaar}")
    btw = _btw(jaar)
    rijen = [{**t, "excl": _met_btw(t, btw)[0], "incl": _met_btw(t, btw)[1]}
             for t in tabel.body.get("tarieven", [])]
    return render_template(
        "console/beheer/tarieven.html", paginatitel=f"Tarieven {slug} {jaar}", slug=slug,
        jaar=jaar, rijen=rijen, btw=btw, metrieken=tabel.body.get("metrieken", []),
        diensten=dienstkeuze.diensten() if hulp.ingelogd().is_logius_beheerder else None,
        mag=hulp.ingelogd().beheert_dienst(slug))


def _bedrag(tekst: str) -> str:
    """A Dutch decimal comma becomes the API's point; anything else goes as typed."""
    tekst = tekst.strip()
    return tekst.replace(",", ".") if "," in tekst and "." not in tekst else tekst


@bp.route("/tarieven/<int:jaar>/<code>", methods=["GET", "POST"])
def tarief(jaar: int, code: str):
    slug = dienstkeuze.gekozen()
    pad = f"/diensten/{slug}/tarieven/{jaar}/{code}"
    huidig = hulp.lees(pad)
    antwoord, waarden = None, {**huidig.body, "etag": huidig.headers.get("ETag", "")}
    if request.method == "POST":
        body = hulp.formulier({"bedrag": _bedrag, "inclusiefBtw": bool, "omschrijving": "tekst"})
        etag = request.form.get("etag", "")
        antwoord = hulp.schrijf("PUT", pad, body, headers={"If-Match": etag} if etag else None)
        klaar = hulp.gelukt(antwoord, f"Het tarief {huidig.body['naam']} voor {jaar} is "
                            "vastgesteld.", url_for("console.tarieven", dienst=slug, jaar=jaar))
        if klaar:
            return klaar
        waarden.update(bedrag=request.form.get("bedrag", ""),
                       inclusiefBtw="inclusiefBtw" in request.form,
                       omschrijving=request.form.get("omschrijving", ""))
    btw = _btw(jaar)
    status = 200 if antwoord is None else (antwoord.status if antwoord.status >= 400 else 400)
    return render_template(
        "console/beheer/tarief.html", paginatitel=f"Tarief {huidig.body['naam']} {jaar}",
        slug=slug, jaar=jaar, tarief=huidig.body, waarden=waarden, antwoord=antwoord, btw=btw,
        mag=hulp.ingelogd().beheert_dienst(slug),
        logius=hulp.ingelogd().is_logius_beheerder), status
