"""The afnemer's dashboard: its aansluitingen by status, the coming deadlines, the
announcements waiting for its reaction, the prognoses due and this year's costs so far;
each block links to its page. Everything is read through the API as the person."""

from __future__ import annotations

import uuid
from collections import Counter
from decimal import Decimal

from flask import render_template

from core.console import hulp
from core.console.views import bp
from core.tijd import vandaag

#: Announcement statuses that still wait for the afnemer's reaction.
WACHT_OP_REACTIE = {"open", "wacht-op-reactie"}


@bp.get("/afnemers/<uuid:afnemer_id>/")
def dashboard(afnemer_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    basis = f"/afnemers/{afnemer_id}"
    aansluitingen = hulp.lees(f"{basis}/aansluitingen", query={"paginaGrootte": 100})
    per_status = Counter(a["status"] for a in aansluitingen.items)
    deadlines = hulp.lees(f"{basis}/deadlines", query={"paginaGrootte": 8})
    aankondigingen = hulp.lees(f"{basis}/aankondigingen", query={"paginaGrootte": 100})
    wachtend = [a for a in aankondigingen.items if _wacht_op_reactie(a)]
    plicht = hulp.lees(f"{basis}/prognoseplicht", nodig=False)
    te_doen = [p for p in plicht.items if p.get("verplicht") and p.get("status") != "actueel"]
    jaar = vandaag().year
    kosten = hulp.lees(f"{basis}/kosten", query={"van": f"{jaar}-01-01",
                                                  "tot": vandaag().isoformat()}, nodig=False)
    totaal = sum((Decimal(r["bedragInclBtw"]) for r in (kosten.body or {}).get("regels", [])),
                 Decimal("0.00")) if kosten.ok else None
    return render_template(
        "console/afnemer/dashboard.html", afnemer=afnemer, paginatitel=f"Overzicht {afnemer['naam']}",
        per_status=sorted(per_status.items()), aantal_aansluitingen=len(aansluitingen.items),
        deadlines=deadlines.items, wachtend=wachtend, te_doen=te_doen, plicht=plicht,
        jaar=jaar, kosten_totaal=totaal, kosten=kosten)


def _wacht_op_reactie(aankondiging: dict) -> bool:
    """An announcement the afnemer may still accept or reject and has not yet."""
    if aankondiging.get("reactie") or aankondiging.get("eigenReactie"):
        return False
    return bool(aankondiging.get("reactieMogelijk") or aankondiging.get("status")
                in WACHT_OP_REACTIE)
