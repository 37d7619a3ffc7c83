"""Logius' overviews across afnemers, each read from the API as the person:

- the prognoses of every aansluiting by status (GET /prognoses/overzicht);
- a dienst's shared capacity (GET /diensten/{slug}/capaciteit; the diensten whose plugin
  declares one, the first by default): the
  forecast peaks of the biggest contributors stacked against the limit and the warning
  line, both as the API gives them (the dienst's rule and setting, never this page's);
- the onboarding pipeline (GET /aansluitroutes/pijplijn): per dienst how many
  aansluitingen stand at each step, how long each step takes, which are overdue.

Each plot has its table beside it and its data as CSV (``?formaat=csv``).
"""

from __future__ import annotations

from flask import abort, current_app, render_template, request

from core.console import hulp
from core.console.api import vraag
from core.console.grafiek import Lijn, uit_rijen
from core.console.paginas.logius_afnemers import alleen_logius, diensten
from core.console.views import bp
from core.prognoses.service import STATUSSEN
from core.uitbreidingen.bijdragen import EXTENSION as UITBREIDINGEN


@bp.get("/prognoses/overzicht")
def prognose_overzicht():
    alleen_logius()
    lijst = hulp.lees("/prognoses/overzicht", query=hulp.filters("status"))
    return render_template("console/logius/prognose_overzicht.html",
                           paginatitel="Prognoses van alle afnemers", lijst=lijst,
                           statussen=[str(s) for s in STATUSSEN], filter=request.args)


@bp.get("/capaciteit")
def capaciteit():
    alleen_logius()
    uitbreidingen = current_app.extensions[UITBREIDINGEN]
    met_capaciteit = [d for d in diensten() if uitbreidingen.capaciteit(d["slug"]) is not None]
    if not met_capaciteit:
        abort(404)
    slug = request.args.get("dienst") or met_capaciteit[0]["slug"]
    stand = hulp.lees(f"/diensten/{slug}/capaciteit").body
    grafiek = _capaciteitsgrafiek(stand)
    return hulp.grafiek_of_csv(grafiek, f"{slug}-capaciteit.csv") or render_template(
        "console/logius/capaciteit.html", paginatitel=grafiek.titel, stand=stand,
        grafiek=grafiek, met_capaciteit=met_capaciteit, gekozen=slug)


def _getal(waarde: float):
    return int(waarde) if float(waarde).is_integer() else waarde


def _capaciteitsgrafiek(stand: dict):
    bijdragers = stand["grootsteBijdragers"]
    rijen, gezien = [], set()
    for b in bijdragers:
        naam = b["afnemerNaam"]
        if naam in gezien:  # one afnemer with two aansluitingen: two series
            naam = f"{naam} ({b['aansluitingId'][:8]})"
        gezien.add(naam)
        rijen.append(("Verwachte piek", naam, b["waarde"]))
    overig = stand["totaal"] - sum(b["waarde"] for b in bijdragers)
    if overig > 0 or not rijen:  # without any prognosis: one series of 0
        rijen.append(("Verwachte piek", "Overige aansluitingen" if rijen else
                      "Aansluitingen met een prognose", overig))
    drempel = stand["waarschuwingsdrempel"]
    lijnen = [Lijn(stand["limiet"], f"Limiet ({stand['artikel']})", "grens"),
              Lijn(_getal(drempel * stand["limiet"]),
                   f"Waarschuwing vanaf {_getal(drempel * 100)}% "
                   f"({stand['waarschuwingArtikel']})", "waarschuwing")]
    return uit_rijen(
        f"Capaciteit {stand['dienst']} ({stand['omgeving']}): verwachte pieken", rijen,
        eenheid=stand["eenheid"], lijnen=lijnen, categorieen=["Verwachte piek"],
        beschrijving=(f"De verwachte pieken van de {len(bijdragers)} grootste bijdragers "
                      f"en de overige aansluitingen, gestapeld: samen {stand['totaal']} "
                      f"{stand['eenheid']}, tegen de limiet van {stand['limiet']} en de "
                      "waarschuwingslijn. De tabel ernaast geeft dezelfde cijfers."))


@bp.get("/aansluitroutes/pijplijn")
def pijplijn():
    alleen_logius()
    query = {"dienst": request.args.get("dienst") or None}
    if request.args.get("formaat") == "csv":
        # The API's own CSV: every dienst and step with durations and overdue ones.
        antwoord = vraag("GET", "/aansluitroutes/pijplijn", query=query,
                         headers={"Accept": "text/csv"})
        if antwoord.status in (403, 404):
            abort(antwoord.status)
        return hulp.csv_download(antwoord.tekst, "pijplijn.csv")
    overzicht = hulp.lees("/aansluitroutes/pijplijn", query=query).body
    per_dienst = []
    for d in overzicht["diensten"]:
        grafiek = uit_rijen(
            f"Aansluitingen per stap: {d['dienst']} ({d['route']})",
            [(s["naam"], "aansluitingen", s["aantal"]) for s in d["stappen"]],
            eenheid="aansluitingen", categorieen=[s["naam"] for s in d["stappen"]])
        per_dienst.append((d, grafiek))
    return render_template("console/logius/pijplijn.html", paginatitel="Aansluitroutes",
                           overzicht=overzicht, per_dienst=per_dienst, diensten=diensten(),
                           filter=request.args)
