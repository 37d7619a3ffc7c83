"""The VWO overview for Logius beheerders: the gemeenten whose processing agreements are
not complete (what each lacks, with its article, as the API says it: a processing in
Bijlage 1 tabel 1, contacts reachable outside office hours, the IBD's contact, a
filled-in Bijlage 2), and the breaches with their clocks."""

from __future__ import annotations

from flask import render_template

from core.console import dienstkeuze, hulp
from core.console.views import bp

#: Agreements that no longer bind are not asked to be complete.
LOPEND = {"toekomstig", "actief"}


@bp.get("/vwo")
def vwo():
    dienstkeuze.alleen_logius()
    # One page of gemeenten at a time (the afnemers list pages them); each one's
    # agreements come from its own list, which says what is missing.
    gemeenten = hulp.lees("/afnemers", query={"type": "gemeente", **hulp.filters()})
    onvolledig, zonder = [], []
    for gemeente in gemeenten.items:
        lijst = hulp.lees(f"/afnemers/{gemeente['id']}/vwo-overeenkomsten",
                          query={"paginaGrootte": 100}, nodig=False)
        lopend = [o for o in lijst.items if o.get("status") in LOPEND]
        if lijst.ok and not lopend:
            zonder.append(gemeente)
        onvolledig += [(gemeente, o) for o in lopend if not o.get("compleet")]
    return render_template(
        "console/beheer/vwo.html", paginatitel="VWO-overzicht", gemeenten=gemeenten,
        onvolledig=onvolledig, zonder=zonder)


@bp.get("/vwo/inbreuken")
def vwo_inbreuken():
    dienstkeuze.alleen_logius()
    lijst = hulp.lees("/diensten/vwo/inbreuken", query=hulp.filters())
    namen = {}
    for afnemer_id in {g["afnemerId"] for i in lijst.items for g in i.get("gemeenten", [])}:
        afnemer = hulp.lees(f"/afnemers/{afnemer_id}", nodig=False)
        namen[afnemer_id] = afnemer.body["naam"] if afnemer.ok else afnemer_id
    return render_template(
        "console/beheer/vwo_inbreuken.html", paginatitel="VWO-inbreuken", lijst=lijst,
        namen=namen, moment=dienstkeuze.moment)
