"""The console's menu: per role, only the pages that exist (a page registers its
endpoint on the console blueprint; the menu names it here in the order people use it).
A dienst's own pages (hook ``dienst_console``) follow core's in their group."""

from __future__ import annotations

import uuid

from flask import current_app, g, request, session, url_for

from core.console.api import vraag
from core.uitbreidingen.bijdragen import EXTENSION as UITBREIDINGEN

#: Pages of one afnemer (their URL takes its id): for its beheerders and medewerkers, and
#: for Logius beheerders looking at that afnemer.
AFNEMER = (
    ("console.dashboard", "Overzicht"),
    ("console.aansluitingen", "Aansluitingen"),
    ("console.contactpersonen", "Contactpersonen"),
    ("console.aankondigingen_afnemer", "Aankondigingen"),
    ("console.wijzigingsmeldingen", "Wijzigingsmeldingen"),
    ("console.prognoses", "Prognoses"),
    ("console.kosten", "Kosten"),
    ("console.verbruik_afnemer", "Verbruik en voorcalculaties"),
    ("console.voorwaarden", "Voorwaarden"),
    ("console.agenda", "Agenda"),
    ("console.incidenten_afnemer", "Incidenten en wijzigingen"),
    ("console.webhooks", "Webhooks"),
    ("console.tokens", "API-toegang"),
    ("console.mandaten", "Mandaten"),
    ("console.leden", "Leden"),
    ("console.gebeurtenissen", "Gebeurtenissen"),
    ("console.audit", "Auditlog"),
    ("console.gegevens", "Gegevens en export"),
)
#: Pages of Logius beheerders, across afnemers.
LOGIUS = (
    ("console.afnemers", "Afnemers"),
    ("console.aankondiging_opstellen", "Aankondiging opstellen"),
    ("console.prognose_overzicht", "Prognoses"),
    ("console.capaciteit", "Capaciteit"),
    ("console.pijplijn", "Aansluitroutes"),
    ("console.incidenten", "Incidenten"),
    ("console.verzoeken_logius", "Wijzigingsverzoeken en vragen"),
    ("console.beschikbaarheid", "Beschikbaarheid"),
    ("console.onderhoud", "Onderhoud"),
    ("console.kostenruns", "Kostenruns"),
    ("console.verbruik", "Verbruik"),
    ("console.bezorgingen", "Bezorgingen"),
    ("console.intermediairs", "Intermediairs"),
    ("console.omgevingen", "Diensten en omgevingen"),
    ("console.feestdagen", "Feestdagen"),
    ("console.btw", "Btw-tarieven"),
)
#: Pages of a product team, for its own dienst.
PRODUCTTEAM = (
    ("console.tarieven", "Tarieven"),
    ("console.koppelvlakken", "Koppelvlakversies"),
    ("console.verbruik", "Verbruik"),
)


def huidige_afnemer_id() -> uuid.UUID | None:
    """The afnemer the page is about: the one in its URL, else the one this person last
    looked at, else their only one."""
    gevonden = (request.view_args or {}).get("afnemer_id")
    if isinstance(gevonden, uuid.UUID):
        session["afnemer_id"] = str(gevonden)
        return gevonden
    principal = g.get("principal")
    if principal is None:
        return None
    laatst = session.get("afnemer_id")
    if laatst:
        try:
            kandidaat = uuid.UUID(laatst)
        except ValueError:
            kandidaat = None
        if kandidaat is not None and principal.mag_lezen(kandidaat):
            return kandidaat
    eigen = list(principal.afnemer_ids())
    return eigen[0] if len(eigen) == 1 else None


def getoond(afnemer_id: uuid.UUID, voorwaarden: dict) -> dict[str, bool]:
    """Per afnemer item with a ``toon`` predicate (by endpoint), whether it shows for this
    afnemer. Judged on the page's own read of the afnemer (``hulp.afnemer``) and kept in
    the session (written with ``afnemer_id`` on such a page) for the pages that read no
    afnemer; only when neither has it does the menu read the afnemer, once."""
    sleutel = str(afnemer_id)
    gelezen = g.get("console_afnemer")
    if not (isinstance(gelezen, dict) and gelezen.get("id") == sleutel):
        bewaard = session.get("menu_afnemer")
        if (isinstance(bewaard, dict) and bewaard.get("id") == sleutel
                and set(bewaard.get("tonen") or {}) == set(voorwaarden)):
            return bewaard["tonen"]
        antwoord = vraag("GET", f"/afnemers/{afnemer_id}")
        gelezen = antwoord.body if antwoord.ok and isinstance(antwoord.body, dict) else {}
    tonen = {endpoint: bool(toon(gelezen)) for endpoint, toon in voorwaarden.items()}
    if session.get("menu_afnemer") != {"id": sleutel, "tonen": tonen}:
        session["menu_afnemer"] = {"id": sleutel, "tonen": tonen}
    return tonen


def menu() -> list[tuple[str, list[tuple[str, str, bool]]]]:
    principal = g.get("principal")
    if principal is None:
        return []
    bestaat = current_app.view_functions
    van_diensten: dict[str, list[tuple[str, str]]] = {"afnemer": [], "logius": [],
                                                      "productteam": []}
    #: An afnemer item's predicate (Menuitem.toon), by endpoint.
    voorwaarden = {}
    for _slug, bijdrage in current_app.extensions[UITBREIDINGEN].console():
        for item in bijdrage.menu:
            van_diensten[item.groep].append((item.endpoint, item.tekst))
            if item.toon is not None and item.groep == "afnemer":
                voorwaarden[item.endpoint] = item.toon
    groepen: list[tuple[str, list[tuple[str, str, bool]]]] = []

    def links(items, **waarden):
        return [(url_for(endpoint, **waarden), tekst, request.endpoint == endpoint)
                for endpoint, tekst in items if endpoint in bestaat]

    afnemer_id = huidige_afnemer_id()
    if afnemer_id is not None:
        tonen = getoond(afnemer_id, voorwaarden) if voorwaarden else {}
        items = [(endpoint, tekst) for endpoint, tekst in (*AFNEMER, *van_diensten["afnemer"])
                 if tonen.get(endpoint, True)]
        groepen.append(("Afnemer", links(items, afnemer_id=afnemer_id)))
    if principal.is_logius_beheerder:
        groepen.append(("Logius", links((*LOGIUS, *van_diensten["logius"]))))
    elif principal.productteam_dienst:
        groepen.append(("Productteam", links((*PRODUCTTEAM, *van_diensten["productteam"]))))
    return [(naam, items) for naam, items in groepen if items]
