"""An afnemer's records: the terms that bind it per dienst, its event log, its audit log,
and its own details with the data export. Everything is read and changed through the API,
so its roles speak: the details change only by a Logius beheerder (``PATCH /afnemers/{id}``,
with the ETag it read), the export is for the afnemer's beheerder and Logius beheerders,
and a forged write or download of anyone else gets the API's 403."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from flask import Response, abort, g, render_template, request, url_for

from core.console import hulp
from core.console.api import Antwoord, vraag
from core.console.views import bp
from core.meldingen.typen import ALLE_TYPEN, SOORTEN
from core.tijd import AMSTERDAM
from core.types import Afnemertype

#: The details a Logius beheerder may change (the API's AfnemerWijzigingSchema).
VELDEN = {"naam": "tekst", "oin": str, "type": str, "kvkNummer": str}
#: Who has a duty in a terms document (the API's enum), in words.
PARTIJEN = {"afnemer": "de afnemer", "logius": "Logius", "beide": "beide partijen"}
#: One of a period's units (core.types.Eenheid), as "1 kalendermaand" reads.
ENKELVOUD = {"kalendermaanden": "kalendermaand", "kalenderdagen": "kalenderdag",
             "werkdagen": "werkdag", "uren": "uur", "kantooruren": "kantooruur"}


def _status(antwoord: Antwoord) -> int:
    return 400 if antwoord.status == 422 else antwoord.status


def termijn(t: dict | None) -> str:
    """A lead time of the API (``{"aantal": 3, "eenheid": "kalendermaanden"}``) in words."""
    if not t:
        return ""
    eenheid = str(t.get("eenheid") or "")
    if t.get("aantal") == 1:
        eenheid = ENKELVOUD.get(eenheid, eenheid)
    return f"{t.get('aantal')} {eenheid}".strip()


# --- Voorwaarden -----------------------------------------------------------------------

@bp.get("/afnemers/<uuid:afnemer_id>/voorwaarden")
def voorwaarden(afnemer_id: uuid.UUID):
    """Per dienst the terms documents that bind the afnemer (the Algemene Voorwaarden for
    every dienst), with the version in force and its article, every acceptance, the open
    announced changes, and each document's rules: the notice period for a change, what a
    rejection means, and the obligations with their articles and lead times; per dienst
    also its figures (capacity, availability...) with their articles."""
    afnemer = hulp.afnemer(afnemer_id)
    stand = hulp.lees(f"/afnemers/{afnemer_id}/voorwaarden", query=hulp.filters())
    slugs = sorted({s["dienst"] for s in stand.items if s.get("dienst")})
    # One read per dienst the afnemer is bound to (a handful, from the plugins; no table).
    regels: dict[str, dict] = {}
    namen: dict[str, str] = {}
    kenmerken: dict[str, list[dict]] = {}
    for slug in slugs:
        dienst = hulp.lees(f"/diensten/{slug}", nodig=False)
        if not dienst.ok:
            continue
        namen[slug] = dienst.body.get("naam") or slug
        kenmerken[slug] = dienst.body.get("kenmerken") or []
        for doc in dienst.body.get("voorwaarden") or []:
            regels.setdefault(doc["id"], doc)
    # (heading, the dienst's figures with their articles, its documents)
    groepen: list[tuple[str, list[dict], list[dict]]] = []
    algemeen = [s for s in stand.items if not s.get("dienst")]
    if algemeen:
        groepen.append(("Alle diensten", [], algemeen))
    for slug in slugs:
        groepen.append((namen.get(slug, slug), kenmerken.get(slug, []),
                        [s for s in stand.items if s.get("dienst") == slug]))
    return render_template(
        "console/archief/voorwaarden.html", afnemer=afnemer, stand=stand, groepen=groepen,
        regels=regels, partijen=PARTIJEN, termijn=termijn, moment=hulp.moment,
        paginatitel=f"Voorwaarden {afnemer['naam']}")


# --- Gebeurtenissen --------------------------------------------------------------------

def _type_opties() -> list[tuple[str, str]]:
    return [(t, f"{t}: {SOORTEN[t].omschrijving}" if t in SOORTEN else t) for t in ALLE_TYPEN]


def _vanaf(tekst: str) -> str | None:
    """A date typed in the filter as the API's ``na``: the start of that day in Dutch time."""
    try:
        dag = date.fromisoformat(tekst)
    except ValueError:
        return tekst or None  # the API names what is wrong with it
    return datetime.combine(dag, time.min, tzinfo=AMSTERDAM).isoformat()


@bp.get("/afnemers/<uuid:afnemer_id>/gebeurtenissen")
def gebeurtenissen(afnemer_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    query = hulp.filters("type")
    if request.args.get("vanaf"):
        query["na"] = _vanaf(request.args["vanaf"])
    lijst = hulp.lees(f"/afnemers/{afnemer_id}/gebeurtenissen", query=query)
    return render_template(
        "console/archief/gebeurtenissen.html", afnemer=afnemer, lijst=lijst,
        typen=_type_opties(), moment=hulp.moment,
        paginatitel=f"Gebeurtenissen {afnemer['naam']}"), 200 if lijst.ok else _status(lijst)


@bp.get("/afnemers/<uuid:afnemer_id>/gebeurtenissen/<uuid:gebeurtenis_id>")
def gebeurtenis(afnemer_id: uuid.UUID, gebeurtenis_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    gebeurtenis = hulp.lees(f"/afnemers/{afnemer_id}/gebeurtenissen/{gebeurtenis_id}").body
    # Its webhook deliveries and e-mails, each linking to its attempts in the delivery log.
    bezorgingen = hulp.lees(f"/afnemers/{afnemer_id}/bezorgingen", nodig=False,
                            query={"gebeurtenisId": gebeurtenis_id, **hulp.filters()})
    return render_template(
        "console/archief/gebeurtenis.html", afnemer=afnemer, e=gebeurtenis,
        bezorgingen=bezorgingen,
        soort=SOORTEN.get(gebeurtenis.get("type")), moment=hulp.moment,
        paginatitel=f"Gebeurtenis {gebeurtenis.get('type')}")


# --- Audit ------------------------------------------------------------------------------

def _resources() -> list[str]:
    from core.audit.views import geauditeerde_resources

    return geauditeerde_resources()


@bp.get("/afnemers/<uuid:afnemer_id>/audit")
def audit(afnemer_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    lijst = hulp.lees(f"/afnemers/{afnemer_id}/audit",
                      query=hulp.filters("resourceType", "resourceId"))
    return render_template(
        "console/archief/audit.html", afnemer=afnemer, lijst=lijst, resources=_resources(),
        moment=hulp.moment, paginatitel=f"Auditlog {afnemer['naam']}"
    ), 200 if lijst.ok else _status(lijst)


# --- Gegevens en export -----------------------------------------------------------------

@bp.get("/afnemers/<uuid:afnemer_id>/gegevens")
def gegevens(afnemer_id: uuid.UUID, antwoord: Antwoord | None = None, status: int = 200):
    hulp.ingelogd()
    huidig = hulp.lees(f"/afnemers/{afnemer_id}")
    afnemer = huidig.body
    return render_template(
        "console/archief/gegevens.html", afnemer=afnemer, etag=huidig.headers.get("ETag", ""),
        antwoord=antwoord, waarden=request.form if antwoord is not None else afnemer,
        typen=[t.value for t in Afnemertype], moment=hulp.moment,
        mag_wijzigen=g.principal.is_logius_beheerder,
        mag_exporteren=g.principal.mag_beheren(afnemer_id),
        paginatitel=f"Gegevens {afnemer['naam']}"), status


@bp.post("/afnemers/<uuid:afnemer_id>/gegevens")
def gegevens_wijzigen(afnemer_id: uuid.UUID):
    hulp.afnemer(afnemer_id)
    body = hulp.formulier(VELDEN)
    body.setdefault("kvkNummer", None)  # an emptied field clears the KvK-nummer
    antwoord = hulp.schrijf("PATCH", f"/afnemers/{afnemer_id}", body,
                            headers={"If-Match": request.form.get("etag", "")})
    return hulp.gelukt(antwoord, "De gegevens van de afnemer zijn gewijzigd.", url_for(
        "console.gegevens", afnemer_id=afnemer_id)) or gegevens(
        afnemer_id, antwoord=antwoord, status=_status(antwoord))


@bp.get("/afnemers/<uuid:afnemer_id>/gegevens/export")
def gegevens_export(afnemer_id: uuid.UUID):
    """The API's zip as it is, with its own Content-Type and Content-Disposition."""
    hulp.ingelogd()
    antwoord = vraag("GET", f"/afnemers/{afnemer_id}/export",
                     headers={"Accept": "application/zip"})
    if not antwoord.ok:
        abort(antwoord.status if antwoord.status in (403, 404) else 502)
    kop = {k: antwoord.headers[k] for k in ("Content-Disposition", "Cache-Control")
           if k in antwoord.headers}
    return Response(antwoord.inhoud, status=200, headers=kop,
                    content_type=antwoord.headers.get("Content-Type", "application/zip"))
