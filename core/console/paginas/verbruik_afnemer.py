"""An afnemer's usage and what it expects to use, for its beheerders and medewerkers and
for Logius, all through the API as the person:

- the usage of a year (``GET /afnemers/{id}/verbruik``, filtered by dienst, metriek and
  aansluiting as the API allows): a plot per metriek with a bar per month stacked per
  dienst, its data table and CSV (``?formaat=csv&metriek=``), and the rows, paged;
- the voorcalculaties: a page of aansluitingen with each one's voorcalculaties (one API
  request per aansluiting shown, so bounded by the page), and per aansluiting a page
  that sets a year's voorcalculatie (``PUT .../voorcalculaties/{jaar}``) with a field per
  metriek its dienst forecasts that year;
- a cost estimate (``POST /afnemers/{id}/kosten/schattingen``): a field per dienst and
  metriek with a tariff; the answer page shows the lines with their articles and BTW.

The plot reads the year's rows a page of 100 at a time, at most ``MAX_PAGINAS`` pages;
beyond that it asks to narrow the filter rather than draw part of the year.

The API's list of voorcalculaties carries no ETag per year, so the form sends the
``gewijzigdOp`` of the voorcalculatie it showed, and the write checks it against a fresh
read just before it replaces the year with ``If-Match: *``: a change made in between
is reported as the API reports a stale ETag, and nothing is replaced.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from decimal import Decimal

from flask import abort, g, render_template, request, url_for

from core.console import hulp
from core.console.api import Antwoord
from core.console.grafiek import Grafiek, uit_rijen
from core.console.views import bp
from core.tijd import vandaag

MAANDEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
#: The plot reads at most this many pages of 100 rows (a year of daily rows of a few
#: aansluitingen and metrieken); more asks to narrow the filter.
MAX_PAGINAS = 10
#: Aansluitingen per page on the voorcalculaties page: one API request each.
AANSLUITINGEN_PER_PAGINA = 10
FILTERS = ("dienst", "metriek", "aansluitingId")


class Fouten:
    """A refused write with its field errors renamed to the form's fields (the API names
    a list item by its index, ``volumes.2.aantal``; the form by what it is)."""

    ok = False

    def __init__(self, antwoord: Antwoord, namen: dict[str, str]) -> None:
        self.status, self.melding = antwoord.status, antwoord.melding
        self.veldfouten: dict[str, str] = {}
        for param in (antwoord.body or {}).get("invalidParams") or [] \
                if isinstance(antwoord.body, dict) else []:
            naam = str(param.get("name") or "body")
            veld = namen.get(naam) or namen.get(naam.rsplit(".", 1)[0]) or naam
            self.veldfouten[veld] = " ".join(
                filter(None, (self.veldfouten.get(veld), str(param.get("reason") or ""))))


def _jaar(standaard: int | None = None) -> int:
    try:
        jaar = int(request.values.get("jaar") or standaard or vandaag().year)
    except ValueError:
        abort(400)
    if not 2000 <= jaar <= 2100:
        abort(400)
    return jaar


def _jaren(jaar: int) -> list[str]:
    """The years a chooser offers (as the form's text): next year and the five before."""
    huidig = vandaag().year
    jaren = list(range(huidig + 1, huidig - 5, -1))
    return [str(j) for j in (jaren if jaar in jaren else [jaar, *jaren])]


def _getal(tekst: str) -> int | str:
    """A typed count as a number; else as typed, so the API names the field."""
    try:
        return int(tekst)
    except ValueError:
        return tekst


def _status(antwoord) -> int:
    return 200 if antwoord is None or antwoord.ok else max(400, antwoord.status)


def _metrieken(dienst: str, jaar: int) -> list[dict]:
    """The metrieken of a dienst in a year (its tariff table; none for a dienst without
    costs)."""
    tabel = hulp.lees(f"/diensten/{dienst}/tarieven/{jaar}", nodig=False)
    return tabel.body.get("metrieken") or [] if tabel.ok else []


# --- Usage -------------------------------------------------------------------------------


def _alle_regels(pad: str, query: dict) -> tuple[list[dict], Antwoord | None, bool]:
    """The rows of the filter, a page of 100 at a time: (rows, a refusal, complete)."""
    regels: list[dict] = []
    for pagina in range(1, MAX_PAGINAS + 1):
        antwoord = hulp.lees(pad, query={**query, "pagina": pagina, "paginaGrootte": 100})
        if not antwoord.ok:
            return [], antwoord, True
        regels += antwoord.items
        if pagina >= (antwoord.body.get("paginering") or {}).get("totaalPaginas", 1):
            return regels, None, True
    return regels, None, False


def _grafieken(jaar: int, regels: list[dict]) -> dict[str, Grafiek]:
    """Per metriek: a bar per month, stacked per dienst. A metriek that counts (som) adds
    its rows up; one that records a highest value (maximum, a peak per minute) takes the
    month's highest, as the API's cost rules do."""
    diensten = sorted({r["dienst"] for r in regels})
    soort = {(d, m["code"]): m for d in diensten for m in _metrieken(d, jaar)}
    per: dict[tuple[str, str, str], int] = defaultdict(int)
    for r in regels:
        sleutel = (r["metriek"], MAANDEN[int(r["datum"][5:7]) - 1], r["dienst"])
        if (soort.get((r["dienst"], r["metriek"])) or {}).get("aggregatie") == "maximum":
            per[sleutel] = max(per[sleutel], r["aantal"])
        else:
            per[sleutel] += r["aantal"]
    grafieken = {}
    for metriek in sorted({m for m, _, _ in per}):
        info = next((v for (_, m), v in soort.items() if m == metriek), {})
        naam = info.get("naam") or metriek
        grafieken[metriek] = uit_rijen(
            f"{naam} per maand en per dienst in {jaar}",
            [(maand, dienst, aantal) for (m, maand, dienst), aantal in per.items()
             if m == metriek],
            eenheid=info.get("eenheid") or "", categorieen=MAANDEN)
    return grafieken


@bp.get("/afnemers/<uuid:afnemer_id>/verbruik")
def verbruik_afnemer(afnemer_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    jaar = _jaar()
    pad = f"/afnemers/{afnemer_id}/verbruik"
    query = {"van": f"{jaar}-01-01", "tot": f"{jaar}-12-31",
             **{k: request.args[k] for k in FILTERS if request.args.get(k)}}
    alle, fout, volledig = _alle_regels(pad, query)
    grafieken = _grafieken(jaar, alle) if volledig else {}
    if request.args.get("formaat") == "csv":
        grafiek = grafieken.get(request.args.get("metriek", "")) if len(grafieken) != 1 \
            else next(iter(grafieken.values()))
        if fout is not None or grafiek is None:
            abort(fout.status if fout is not None else 404)
        metriek = request.args.get("metriek") or next(iter(grafieken))
        return hulp.csv_download(grafiek.csv(),
                                 f"verbruik-{afnemer['oin']}-{jaar}-{metriek}.csv")
    rijen = hulp.lees(pad, query={**query, **hulp.filters()}) if fout is None else fout
    aansluitingen = hulp.lees(f"/afnemers/{afnemer_id}/aansluitingen",
                              query={"paginaGrootte": 100})
    return render_template(
        "console/verbruik_afnemer/verbruik.html", afnemer=afnemer,
        paginatitel=f"Verbruik {afnemer['naam']}", jaar=jaar, jaren=_jaren(jaar),
        grafieken=grafieken, volledig=volledig, max_regels=MAX_PAGINAS * 100, rijen=rijen,
        filter=request.args, moment=hulp.moment,
        aansluitingen={a["id"]: f"{a['dienst']} {a['omgeving']} ({a['status']})"
                       for a in aansluitingen.items},
        csv_links={m: url_for("console.verbruik_afnemer", afnemer_id=afnemer_id,
                              **{**request.args, "formaat": "csv", "metriek": m})
                   for m in grafieken},
        diensten=sorted({a["dienst"] for a in aansluitingen.items})), _status(rijen)


# --- Voorcalculaties ---------------------------------------------------------------------


@bp.get("/afnemers/<uuid:afnemer_id>/verbruik/voorcalculaties")
def voorcalculaties_afnemer(afnemer_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    lijst = hulp.lees(f"/afnemers/{afnemer_id}/aansluitingen", query={
        "paginaGrootte": AANSLUITINGEN_PER_PAGINA, **hulp.filters("dienst", "status")})
    # One request per aansluiting of this page (a page holds AANSLUITINGEN_PER_PAGINA).
    per_aansluiting = {
        a["id"]: hulp.lees(f"/afnemers/{afnemer_id}/aansluitingen/{a['id']}/voorcalculaties",
                           query={"paginaGrootte": 100}, nodig=False)
        for a in lijst.items[:AANSLUITINGEN_PER_PAGINA]}
    return render_template(
        "console/verbruik_afnemer/voorcalculaties.html", afnemer=afnemer, lijst=lijst,
        per_aansluiting=per_aansluiting, paginatitel=f"Voorcalculaties {afnemer['naam']}",
        filter=request.args)


def _voorcalculatie_van(pad: str, jaar: int) -> dict | None:
    """The aansluiting's voorcalculatie of ``jaar``, as the API lists it now."""
    for pagina in range(1, MAX_PAGINAS + 1):
        antwoord = hulp.lees(pad, query={"pagina": pagina, "paginaGrootte": 100})
        gevonden = next((v for v in antwoord.items if v["jaar"] == jaar), None)
        if gevonden is not None or pagina >= (antwoord.body.get("paginering") or {}).get(
                "totaalPaginas", 1):
            return gevonden
    return None


@bp.route("/afnemers/<uuid:afnemer_id>/verbruik/voorcalculaties/<uuid:aansluiting_id>",
          methods=["GET", "POST"])
def voorcalculatie_afnemer(afnemer_id: uuid.UUID, aansluiting_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    aansluiting = hulp.lees(f"/afnemers/{afnemer_id}/aansluitingen/{aansluiting_id}").body
    pad = f"/afnemers/{afnemer_id}/aansluitingen/{aansluiting_id}/voorcalculaties"
    jaar = _jaar(vandaag().year + 1)
    metrieken = [m for m in _metrieken(aansluiting["dienst"], jaar) if m.get("voorcalculatie")]
    antwoord, waarden = None, dict(request.form)
    huidig = _voorcalculatie_van(pad, jaar)
    if request.method == "POST":
        if request.form.get("gewijzigdOp", "") != ((huidig or {}).get("gewijzigdOp") or ""):
            antwoord = Antwoord(412, {
                "title": "De voorcalculatie is gewijzigd sinds u hem las.",
                "detail": "Hieronder staat hij zoals hij nu is; vul het formulier opnieuw in."})
            waarden = {}
        else:
            volumes: list[dict] = []
            namen: dict[str, str] = {}
            for index, m in enumerate(metrieken):
                veld = f"aantal-{m['code']}"
                volume: dict = {"metriek": m["code"]}
                if request.form.get(veld, "").strip():
                    volume["aantal"] = _getal(request.form[veld].strip())
                volumes.append(volume)
                namen[f"volumes.{index}"] = veld
            geschreven = hulp.schrijf("PUT", f"{pad}/{jaar}", {"volumes": volumes},
                                      headers={"If-Match": "*"} if huidig else None)
            naar = url_for("console.voorcalculatie_afnemer", afnemer_id=afnemer_id,
                           aansluiting_id=aansluiting_id, jaar=jaar)
            gelukt = hulp.gelukt(geschreven, f"De voorcalculatie van {jaar} is vastgelegd.",
                                 naar)
            if gelukt is not None:
                return gelukt
            antwoord = Fouten(geschreven, namen)
    if huidig and not waarden:
        waarden = {f"aantal-{v['metriek']}": v["aantal"] for v in huidig["volumes"]}
    lijst = hulp.lees(pad, query=hulp.filters())
    return render_template(
        "console/verbruik_afnemer/voorcalculatie.html", afnemer=afnemer, a=aansluiting,
        lijst=lijst, jaar=jaar, jaren=_jaren(jaar), metrieken=metrieken, huidig=huidig,
        moment=hulp.moment,
        antwoord=antwoord, waarden=waarden,
        paginatitel=f"Voorcalculatie {aansluiting['dienst']} ({aansluiting['omgeving']})",
        mag_beheren=g.principal.mag_beheren(afnemer_id)), _status(antwoord)


# --- Cost estimate -----------------------------------------------------------------------


def _schattingsvelden(jaar: int) -> list[tuple[dict, list[dict]]]:
    """Per dienst with costs: the metrieken that have a tariff (a highest value, such as
    a peak per minute, has none). One request per dienst, bounded by the plugins."""
    velden = []
    for dienst in hulp.lees("/diensten", query={"paginaGrootte": 100}).items:
        metrieken = [m for m in _metrieken(dienst["slug"], jaar)
                     if m.get("aggregatie") != "maximum"]
        if metrieken:
            velden.append((dienst, metrieken))
    return velden


@bp.route("/afnemers/<uuid:afnemer_id>/verbruik/schatting", methods=["GET", "POST"])
def kostenschatting(afnemer_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    jaar = _jaar()
    velden = _schattingsvelden(jaar)
    antwoord = uitkomst = None
    if request.method == "POST":
        volumes: list[dict] = []
        namen: dict[str, str] = {}
        for dienst, metrieken in velden:
            for m in metrieken:
                veld = f"aantal-{dienst['slug']}-{m['code']}"
                tekst = request.form.get(veld, "").strip()
                if not tekst:
                    continue  # the API takes the aansluiting's prognosis, if any
                namen[f"volumes.{len(volumes)}"] = veld
                volumes.append({"dienst": dienst["slug"], "metriek": m["code"],
                                "aantal": _getal(tekst)})
        geschreven = hulp.schrijf("POST", f"/afnemers/{afnemer_id}/kosten/schattingen",
                                  {"jaar": jaar, "volumes": volumes})
        if geschreven.ok:
            uitkomst = geschreven.body
        else:
            antwoord = Fouten(geschreven, namen)
    return render_template(
        "console/verbruik_afnemer/schatting.html", afnemer=afnemer, jaar=jaar,
        jaren=_jaren(jaar), velden=velden, antwoord=antwoord, uitkomst=uitkomst,
        waarden=request.form, paginatitel=f"Kostenschatting {afnemer['naam']}",
        mag_beheren=g.principal.mag_beheren(afnemer_id),
        totaal=Decimal(uitkomst["totaal"]["bedragInclBtw"]) if uitkomst else None
    ), _status(antwoord)
