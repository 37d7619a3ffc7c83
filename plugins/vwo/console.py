"""A gemeente's processing agreement with Logius (Standaard Verwerkersovereenkomst
Gemeenten): its agreements with their signatures, Bijlage 2 and what is still missing,
signing for the gemeente, the register of processings (Bijlage 1 tabel 1), the
subverwerkers (read only), the breaches that affect it with both clocks the API computes
(Logius' notice to the gemeente, VWO 5.1, and the gemeente's 72 hours towards the AP,
VWO 5.4) and the gemeente's own side of a breach, and the logboek. Only for a gemeente:
the afnemer's type as the API gives it decides; for any other afnemer the page is 404.
Everything goes through the API as the logged-in person."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from flask import abort, g, render_template, request, url_for

from core.sdk.console import ConsoleBijdrage, Menuitem, console_blueprint, hulp

bp = console_blueprint("vwo", __name__)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

GEMEENTE = "gemeente"
AP_BESLUITEN = ("melden", "niet-melden")
BETROKKENEN_BESLUITEN = ("informeren", "niet-informeren")
ONDERTEKENAAR = ("naam", "functie", "plaats", "datum")


def _gemeente(afnemer_id: uuid.UUID) -> dict:
    """The page's gemeente as the API shows it; 404 for any other afnemer (VWO 1)."""
    afnemer = hulp.afnemer(afnemer_id)
    if afnemer.get("type") != GEMEENTE:
        abort(404)
    return afnemer


def duur_tekst(uren: Decimal) -> str:
    """Hours (a decimal) as Dutch words: 3.3333 is '3 uur 20 min'."""
    minuten = int((abs(uren) * 60).to_integral_value())
    heel, rest = divmod(minuten, 60)
    if heel and rest:
        return f"{heel} uur {rest} min"
    return f"{heel} uur" if heel else f"{rest} min"


def klok_tekst(klok: dict, nu: datetime | None = None) -> str:
    """One clock of a breach as words: met (on time or late), stopped, or the time left."""
    if klok.get("voldaanOp"):
        return (f"voldaan op {klok['voldaanOp']}, "
                + ("op tijd" if klok.get("opTijd") else "te laat"))
    if klok.get("gepauzeerd") or not klok.get("uiterlijk"):
        return "staat stil: een onderzoek naar verdachte activiteit loopt"
    uiterlijk = datetime.fromisoformat(klok["uiterlijk"])
    over = (uiterlijk - (nu or datetime.now(UTC))).total_seconds() / 3600
    uren = Decimal(str(round(over, 4)))
    return (f"nog {duur_tekst(uren)} (klokuren)" if uren >= 0
            else f"{duur_tekst(uren)} over de termijn (klokuren)")


@bp.get("/afnemers/<uuid:afnemer_id>/vwo")
def vwo_afnemer(afnemer_id: uuid.UUID, antwoord: Any = None, status: int = 200):
    afnemer = hulp.afnemer(afnemer_id)
    if afnemer.get("type") != GEMEENTE:
        # The menu names the page for every afnemer: it says why there is nothing here.
        return render_template("vwo/geen_gemeente.html", afnemer=afnemer,
                               paginatitel="Verwerkersovereenkomst"), 404
    basis = f"/afnemers/{afnemer_id}"
    overeenkomsten = hulp.lees(f"{basis}/vwo-overeenkomsten", query={"paginaGrootte": 20})
    huidige = next((o for o in overeenkomsten.items if o["status"] == "actief"),
                   overeenkomsten.items[0] if overeenkomsten.items else None)
    verwerkingen = (hulp.lees(f"{basis}/vwo-overeenkomsten/{huidige['id']}/verwerkingen",
                              query={"paginaGrootte": 100}) if huidige else None)
    etag = ""
    if huidige is not None:
        etag = hulp.lees(f"{basis}/vwo-overeenkomsten/{huidige['id']}").headers.get("ETag", "")
    subverwerkers = hulp.lees("/diensten/vwo/subverwerkers", query={"paginaGrootte": 100})
    inbreuken = hulp.lees(f"{basis}/inbreuken", query={"paginaGrootte": 50})
    return render_template(
        "vwo/vwo.html", afnemer=afnemer, overeenkomsten=overeenkomsten,
        huidige=huidige, verwerkingen=verwerkingen, subverwerkers=subverwerkers,
        inbreuken=inbreuken, klok=klok_tekst, antwoord=antwoord, etag=etag,
        paginatitel=f"Verwerkersovereenkomst {afnemer['naam']}",
        waarden=request.form if antwoord is not None else {},
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.post("/afnemers/<uuid:afnemer_id>/vwo")
def vwo_ondertekenen(afnemer_id: uuid.UUID):
    """The gemeente signs: its signatory with the verwerker's as the API holds it (the PUT
    replaces both)."""
    _gemeente(afnemer_id)
    try:
        overeenkomst_id = uuid.UUID(request.form.get("overeenkomst", ""))
    except ValueError:
        abort(400)
    pad = f"/afnemers/{afnemer_id}/vwo-overeenkomsten/{overeenkomst_id}/ondertekening"
    huidig = hulp.lees(pad).body or {}
    gemeente = {k: request.form.get(f"gemeente.{k}", "").strip() for k in ONDERTEKENAAR}
    body = {"gemeente": {k: v for k, v in gemeente.items() if v}}
    if huidig.get("verwerker"):
        body["verwerker"] = huidig["verwerker"]
    antwoord = hulp.schrijf("PUT", pad, body,
                            headers={"If-Match": request.form.get("etag", "")})
    return (hulp.gelukt(antwoord, "De ondertekening door de gemeente is vastgelegd.",
                        url_for(".vwo_afnemer", afnemer_id=afnemer_id))
            or vwo_afnemer(afnemer_id, antwoord,
                           antwoord.status if 400 <= antwoord.status < 500 else 400))


@bp.get("/afnemers/<uuid:afnemer_id>/vwo/inbreuken/<uuid:inbreuk_id>")
def vwo_inbreuk(afnemer_id: uuid.UUID, inbreuk_id: uuid.UUID, antwoord: Any = None,
                status: int = 200):
    afnemer = _gemeente(afnemer_id)
    inbreuk = hulp.lees(f"/afnemers/{afnemer_id}/inbreuken/{inbreuk_id}")
    return render_template(
        "vwo/inbreuk.html", afnemer=afnemer, inbreuk=inbreuk.body,
        etag=inbreuk.headers.get("ETag", ""), klok=klok_tekst, antwoord=antwoord,
        ap_besluiten=AP_BESLUITEN, betrokkenen_besluiten=BETROKKENEN_BESLUITEN,
        paginatitel="Inbreuk", waarden=request.form if antwoord is not None else {},
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.post("/afnemers/<uuid:afnemer_id>/vwo/inbreuken/<uuid:inbreuk_id>")
def vwo_inbreuk_bijwerken(afnemer_id: uuid.UUID, inbreuk_id: uuid.UUID):
    _gemeente(afnemer_id)
    body = hulp.formulier({"apBesluit": str, "betrokkenenBesluit": str,
                           "bekendOp": _moment, "apGemeldOp": _moment})
    antwoord = hulp.schrijf("PATCH", f"/afnemers/{afnemer_id}/inbreuken/{inbreuk_id}", body,
                            headers={"If-Match": request.form.get("etag", "")})
    return (hulp.gelukt(antwoord, "Uw kant van de inbreuk is vastgelegd.",
                        url_for(".vwo_inbreuk", afnemer_id=afnemer_id,
                                inbreuk_id=inbreuk_id))
            or vwo_inbreuk(afnemer_id, inbreuk_id, antwoord,
                           antwoord.status if 400 <= antwoord.status < 500 else 400))


def _moment(waarde: str) -> str:
    """A datetime-local field (Dutch time, no offset) as the moment the API takes."""
    return datetime.fromisoformat(waarde).replace(tzinfo=AMSTERDAM).isoformat()


@bp.get("/afnemers/<uuid:afnemer_id>/vwo/logboek")
def vwo_logboek(afnemer_id: uuid.UUID):
    afnemer = _gemeente(afnemer_id)
    lijst = hulp.lees(f"/afnemers/{afnemer_id}/vwo-logboek", query=hulp.filters())
    return render_template("vwo/logboek.html", afnemer=afnemer, lijst=lijst,
                           paginatitel=f"VWO-logboek {afnemer['naam']}")


# --- Logius' overview ---------------------------------------------------------------------

#: Agreements that no longer bind are not asked to be complete.
LOPEND = {"toekomstig", "actief"}


def _alleen_logius() -> None:
    if not hulp.ingelogd().is_logius_beheerder:
        abort(403)


@bp.get("/vwo")
def vwo():
    """The gemeenten whose processing agreements are not complete (what each lacks, with
    its article, as the API says it), and those without a running agreement."""
    _alleen_logius()
    # One page of gemeenten at a time (the afnemers list pages them); each one's
    # agreements come from its own list, which says what is missing.
    gemeenten = hulp.lees("/afnemers", query={"type": GEMEENTE, **hulp.filters()})
    onvolledig, zonder = [], []
    for gemeente in gemeenten.items:
        lijst = hulp.lees(f"/afnemers/{gemeente['id']}/vwo-overeenkomsten",
                          query={"paginaGrootte": 100}, nodig=False)
        lopend = [o for o in lijst.items if o.get("status") in LOPEND]
        if lijst.ok and not lopend:
            zonder.append(gemeente)
        onvolledig += [(gemeente, o) for o in lopend if not o.get("compleet")]
    return render_template("vwo/overzicht.html", paginatitel="VWO-overzicht",
                           gemeenten=gemeenten, onvolledig=onvolledig, zonder=zonder)


@bp.get("/vwo/inbreuken")
def vwo_inbreuken():
    """Every breach with its clocks, for Logius."""
    _alleen_logius()
    lijst = hulp.lees("/diensten/vwo/inbreuken", query=hulp.filters())
    namen = {}
    for afnemer_id in {gem["afnemerId"] for i in lijst.items for gem in i.get("gemeenten", [])}:
        afnemer = hulp.lees(f"/afnemers/{afnemer_id}", nodig=False)
        namen[afnemer_id] = afnemer.body["naam"] if afnemer.ok else afnemer_id
    return render_template("vwo/inbreuken_overzicht.html", paginatitel="VWO-inbreuken",
                           lijst=lijst, namen=namen, moment=hulp.moment)


BIJDRAGE = ConsoleBijdrage(bp, (
    Menuitem("afnemer", "vwo-console.vwo_afnemer", "Verwerkersovereenkomst"),
    Menuitem("logius", "vwo-console.vwo", "VWO-overzicht"),
))
