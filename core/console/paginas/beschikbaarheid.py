"""Availability of a dienst per environment: the twelve months of a year by the dienst's
formula, as a plot against the norm of its service level, with the table and CSV."""

from __future__ import annotations

from decimal import Decimal

from flask import render_template, request

from core.console import dienstkeuze, hulp
from core.console.grafiek import Lijn, uit_rijen
from core.console.views import bp
from core.tijd import vandaag

MAANDEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@bp.get("/beschikbaarheid")
def beschikbaarheid():
    dienstkeuze.alleen_logius()
    slug = dienstkeuze.gekozen(productteam=False)
    jaar = request.args.get("jaar", vandaag().year, type=int) or vandaag().year
    if not 2000 <= jaar <= 2100:
        jaar = vandaag().year
    niveau = hulp.lees(f"/diensten/{slug}/serviceniveau", nodig=False)
    normen = niveau.body.get("beschikbaarheid", []) if niveau.ok else []
    omgevingen = [n["omgeving"] for n in normen]
    omgeving = request.args.get("omgeving") or (omgevingen[0] if omgevingen else "")
    rapport = hulp.lees(f"/diensten/{slug}/beschikbaarheid/{jaar}",
                        query={"omgeving": omgeving}, nodig=False) if omgevingen else None
    maanden = rapport.body.get("maanden", []) if rapport is not None and rapport.ok else []
    grafiek = uit_rijen(
        f"Beschikbaarheid {slug} {omgeving} {jaar} per maand",
        [(f"{MAANDEN[m['maand'] - 1]} {jaar}", "Beschikbaarheid",
          Decimal(m["percentage"]) if m["percentage"] is not None else Decimal(0))
         for m in maanden], eenheid="%",
        lijnen=[Lijn(Decimal(rapport.body["norm"]), "Norm", "norm")] if maanden else [],
        beschrijving="Beschikbaarheid per maand in procenten tegen de norm; een maand zonder "
                     "meting staat op 0. De tabel eronder geeft de uren.")
    csv = hulp.grafiek_of_csv(grafiek, f"beschikbaarheid-{slug}-{omgeving}-{jaar}.csv")
    if csv is not None:
        return csv
    return render_template(
        "console/beheer/beschikbaarheid.html", paginatitel=f"Beschikbaarheid {slug}",
        slug=slug, jaar=jaar, omgeving=omgeving, omgevingen=omgevingen, niveau=niveau,
        rapport=rapport, maanden=maanden, grafiek=grafiek, namen=MAANDEN,
        diensten=dienstkeuze.diensten())
