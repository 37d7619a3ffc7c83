"""The afnemer's calendar: the coming deadlines (paginated and filtered by kind, as the API
lists them) and the feed subscription: a beheerder creates or replaces the calendar key,
whose iCalendar address is shown once, or revokes it. Everything goes through the API as
the person."""

from __future__ import annotations

import uuid

from flask import g, render_template, request, url_for

from core.console import hulp
from core.console.views import bp


def _pagina(afnemer_id: uuid.UUID, *, feed_url: str | None = None, antwoord=None,
            status: int = 200):
    afnemer = hulp.afnemer(afnemer_id)
    pad = f"/afnemers/{afnemer_id}/deadlines"
    deadlines = hulp.lees(pad, query=hulp.filters("soort"))
    # The kinds to filter on: those of the coming deadlines (the first hundred).
    gekozen = request.args.get("soort", "")
    soorten = sorted({d["soort"] for d in hulp.lees(pad, query={"paginaGrootte": 100}).items}
                     | ({gekozen} if gekozen else set()))
    return render_template(
        "console/agenda/agenda.html", afnemer=afnemer, paginatitel=f"Agenda {afnemer['naam']}",
        deadlines=deadlines, soorten=soorten, gekozen=gekozen, feed_url=feed_url,
        antwoord=antwoord, mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.get("/afnemers/<uuid:afnemer_id>/agenda")
def agenda(afnemer_id: uuid.UUID):
    return _pagina(afnemer_id)


@bp.post("/afnemers/<uuid:afnemer_id>/agenda")
def agenda_sleutel(afnemer_id: uuid.UUID):
    """Create or replace the key (the feed's address shown on this answer only), or
    revoke it."""
    hulp.afnemer(afnemer_id)
    pad = f"/afnemers/{afnemer_id}/agenda-sleutel"
    if request.form.get("actie") == "intrekken":
        antwoord = hulp.schrijf("DELETE", pad)
        klaar = hulp.gelukt(antwoord, "De agenda-sleutel is ingetrokken; het oude feed-adres "
                            "werkt niet meer.", url_for("console.agenda", afnemer_id=afnemer_id))
        return klaar or _pagina(afnemer_id, antwoord=antwoord, status=antwoord.status)
    antwoord = hulp.schrijf("POST", pad)
    if not antwoord.ok:
        return _pagina(afnemer_id, antwoord=antwoord, status=antwoord.status)
    return _pagina(afnemer_id, feed_url=antwoord.body["feedUrl"])
