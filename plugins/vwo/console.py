"""A gemeente's processing agreement with Logius (Standaard Verwerkersovereenkomst
Gemeenten): its agreements with their signatures, Bijlage 2 and what is still missing,
signing for the gemeente, the register of processings (Bijlage 1 tabel 1), the
subverwerkers (read only), the breaches that affect it with both clocks the API computes
(Logius' notice to the gemeente, VWO 5.1, and the gemeente's 72 hours towards the AP,
VWO 5.4) and the gemeente's own side of a breach, and the logboek. The gemeente's
beheerder also fills in Bijlage 2, keeps the register (a processing added, a new version,
one ended) and replaces or ends the agreement, each behind a confirmation naming its
article; Bijlage 1 and 2 show as the API prints them; and the gemeente's requests to
Logius (VWO 3.1, 4.6, 4.7) with their deadline and Logius' answer. Only for a gemeente:
the afnemer's type as the API gives it decides; for any other afnemer the page is 404,
and the menu names it only for a gemeente (``Menuitem.toon``).
Everything goes through the API as the logged-in person."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from flask import Response, abort, g, render_template, request, url_for
from markupsafe import Markup

from core.sdk.console import ConsoleBijdrage, Menuitem, console_blueprint, hulp

from .catalogus import (
    AFHANDELING,
    CATEGORIEEN,
    DOORGIFTE_INSTRUMENTEN,
    NORMENSTELSELS,
    TOEREIKENDHEID,
    VERZOEKEN,
)
from .dienst import SLUG

bp = console_blueprint("vwo", __name__)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

GEMEENTE = "gemeente"
AP_BESLUITEN = ("melden", "niet-melden")
BETROKKENEN_BESLUITEN = ("informeren", "niet-informeren")
ONDERTEKENAAR = ("naam", "functie", "plaats", "datum")


def is_gemeente(afnemer: Mapping[str, Any]) -> bool:
    """VWO 1: only a gemeente has a processing agreement (the menu shows the page only
    to one)."""
    return afnemer.get("type") == GEMEENTE


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
        # The menu names the page only for a gemeente; a link or bookmark may still lead
        # here: it says why there is nothing here.
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


# --- the gemeente's own writes: Bijlage 2, Bijlage 1, the register, end and replacement ---


def _overeenkomst(afnemer_id: uuid.UUID, overeenkomst_id: uuid.UUID):
    """The gemeente and one of its agreements (with the agreement's ETag)."""
    afnemer = _gemeente(afnemer_id)
    return afnemer, hulp.lees(f"/afnemers/{afnemer_id}/vwo-overeenkomsten/{overeenkomst_id}")


def _fout_status(antwoord) -> int:
    """A refused write's page status: the API's own 4xx, else 400."""
    return antwoord.status if 400 <= antwoord.status < 500 else 400


def _lijst_uit_regels(waarde: str) -> list[str]:
    """A textarea with one item per line as the API's list."""
    return [r.strip() for r in waarde.splitlines() if r.strip()]


def _landen(waarde: str) -> list[str]:
    """Country codes separated by commas or spaces as the API's list."""
    return [d for d in re.split(r"[\s,;]+", waarde) if d]


BIJLAGE2_VELDEN = {"normenstelsel": str, "normenstelselAnders": "tekst", "gecertificeerd": bool,
                   "laatsteCertificering": str, "toereikendheid": str,
                   "eigenControles": "tekst", "gedragscode": "tekst", "laatsteTpm": str}


@bp.get("/afnemers/<uuid:afnemer_id>/vwo/overeenkomsten/<uuid:overeenkomst_id>/bijlage-2")
def vwo_bijlage2(afnemer_id: uuid.UUID, overeenkomst_id: uuid.UUID, antwoord: Any = None,
                 status: int = 200):
    """Bijlage 2 (VWO 4.1): how Logius shows its security is adequate; the beheerder fills
    it in or replaces it."""
    afnemer, overeenkomst = _overeenkomst(afnemer_id, overeenkomst_id)
    bijlage = hulp.lees(f"/afnemers/{afnemer_id}/vwo-overeenkomsten/{overeenkomst_id}"
                        "/bijlage-2", nodig=False)
    huidig = bijlage.body if bijlage.ok else {}
    if antwoord is not None:
        waarden = {**request.form, "toereikendheid": request.form.getlist("toereikendheid"),
                   "gecertificeerd": bool(request.form.get("gecertificeerd"))}
    else:
        waarden = {k: ("" if v is None else v) for k, v in huidig.items()}
    return render_template(
        "vwo/bijlage2.html", afnemer=afnemer, o=overeenkomst.body, bijlage=huidig,
        etag=overeenkomst.headers.get("ETag", ""), antwoord=antwoord, waarden=waarden,
        normenstelsels=list(NORMENSTELSELS.items()),
        toereikendheid=list(TOEREIKENDHEID.items()),
        paginatitel="Bijlage 2", mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.post("/afnemers/<uuid:afnemer_id>/vwo/overeenkomsten/<uuid:overeenkomst_id>/bijlage-2")
def vwo_bijlage2_opslaan(afnemer_id: uuid.UUID, overeenkomst_id: uuid.UUID):
    _gemeente(afnemer_id)
    body = hulp.formulier(BIJLAGE2_VELDEN, lijsten=("toereikendheid",))
    antwoord = hulp.schrijf(
        "PUT", f"/afnemers/{afnemer_id}/vwo-overeenkomsten/{overeenkomst_id}/bijlage-2", body,
        headers={"If-Match": request.form.get("etag", "")})
    return (hulp.gelukt(antwoord, "Bijlage 2 is vastgelegd.",
                        url_for(".vwo_afnemer", afnemer_id=afnemer_id))
            or vwo_bijlage2(afnemer_id, overeenkomst_id, antwoord, _fout_status(antwoord)))


@bp.get("/afnemers/<uuid:afnemer_id>/vwo/overeenkomsten/<uuid:overeenkomst_id>/bijlage-1")
def vwo_bijlage1(afnemer_id: uuid.UUID, overeenkomst_id: uuid.UUID):
    """Bijlage 1 (tables 1, 2 and 3) and Bijlage 2 as the API prints them, inside the
    console; ``?formaat=html`` downloads the API's printable page itself."""
    afnemer, overeenkomst = _overeenkomst(afnemer_id, overeenkomst_id)
    document = hulp.lees(f"/afnemers/{afnemer_id}/vwo-overeenkomsten/{overeenkomst_id}"
                         "/bijlage-1")
    if request.args.get("formaat") == "html":
        return Response(document.tekst, mimetype="text/html", headers={
            "Content-Disposition": 'attachment; filename="bijlage-1-en-2.html"'})
    return render_template("vwo/bijlage1.html", afnemer=afnemer, o=overeenkomst.body,
                           inhoud=_document_inhoud(document.tekst),
                           paginatitel="Bijlage 1 en 2")


def _document_inhoud(html: str) -> Markup:
    """The printed page's data (its header's list and its main part) for a console page:
    the API made it with Jinja's escaping, from the agreement's data only. Its own h1
    gives way to the page's, and each table is named by the heading above it."""
    kop = re.search(r"<header>.*?(<dl>.*?</dl>).*?</header>", html, re.S)
    hoofd = re.search(r"<main>(.*)</main>", html, re.S)
    delen = [kop.group(1) if kop else "", hoofd.group(1) if hoofd else ""]
    inhoud = "\n".join(delen).replace("aria-describedby=", "aria-labelledby=")
    return Markup(inhoud)  # nosec B704: rendered by the API, with Jinja's escaping


def _verwerking_waarden(bron: dict | None) -> dict:
    """A processing's form values: from the submitted form, else from ``bron`` (the
    processing as the API shows it, for a new version)."""
    if bron is None:
        return {**request.form, "categorieenPersoonsgegevens":
                request.form.getlist("categorieenPersoonsgegevens")}
    return {
        "naam": bron.get("naam", ""), "dienst": bron.get("dienst", ""),
        "doeleinden": "\n".join(bron.get("doeleinden") or []),
        "categorieenBetrokkenen": "\n".join(bron.get("categorieenBetrokkenen") or []),
        "categorieenPersoonsgegevens": bron.get("categorieenPersoonsgegevens") or [],
        "overigePersoonsgegevens": bron.get("overigePersoonsgegevens") or "",
        "doorgifteBuitenEer": bool(bron.get("doorgifteBuitenEer")),
        "landen": ", ".join(bron.get("landen") or []),
        "doorgifteInstrument": str(bron.get("doorgifteInstrument") or ""),
        "aanvullendeMaatregelen": bron.get("aanvullendeMaatregelen") or ""}


def _verwerking_body() -> dict:
    return hulp.formulier({
        "naam": "tekst", "dienst": str, "doeleinden": _lijst_uit_regels,
        "categorieenBetrokkenen": _lijst_uit_regels, "categorieenPersoonsgegevens": str,
        "overigePersoonsgegevens": "tekst", "doorgifteBuitenEer": bool, "landen": _landen,
        "doorgifteInstrument": int, "aanvullendeMaatregelen": "tekst", "geldigVanaf": str},
        lijsten=("categorieenPersoonsgegevens",))


def _verwerking_keuzes() -> dict:
    return {"categorieen": [(c, v.naam) for c, v in CATEGORIEEN.items()],
            "instrumenten": [(str(n), f"{n}. {t}") for n, t in DOORGIFTE_INSTRUMENTEN.items()]}


VERWERKINGEN = "/afnemers/<uuid:afnemer_id>/vwo/overeenkomsten/<uuid:overeenkomst_id>/verwerkingen"


@bp.get(VERWERKINGEN + "/nieuw")
def vwo_verwerking_nieuw(afnemer_id: uuid.UUID, overeenkomst_id: uuid.UUID,
                         antwoord: Any = None, status: int = 200):
    """A new processing in Bijlage 1 tabel 1 (VWO 3.2: Logius performs only these)."""
    afnemer, overeenkomst = _overeenkomst(afnemer_id, overeenkomst_id)
    return render_template(
        "vwo/verwerking_nieuw.html", afnemer=afnemer, o=overeenkomst.body, antwoord=antwoord,
        waarden=_verwerking_waarden(None) if antwoord is not None else {},
        paginatitel="Verwerking vastleggen", mag_beheren=g.principal.mag_beheren(afnemer_id),
        **_verwerking_keuzes()), status


@bp.post(VERWERKINGEN + "/nieuw")
def vwo_verwerking_toevoegen(afnemer_id: uuid.UUID, overeenkomst_id: uuid.UUID):
    _gemeente(afnemer_id)
    antwoord = hulp.schrijf(
        "POST", f"/afnemers/{afnemer_id}/vwo-overeenkomsten/{overeenkomst_id}/verwerkingen",
        _verwerking_body())
    return (hulp.gelukt(antwoord, "De verwerking staat in het register.",
                        url_for(".vwo_afnemer", afnemer_id=afnemer_id) + "#register")
            or vwo_verwerking_nieuw(afnemer_id, overeenkomst_id, antwoord,
                                    _fout_status(antwoord)))


@bp.get(VERWERKINGEN + "/<uuid:verwerking_id>")
def vwo_verwerking(afnemer_id: uuid.UUID, overeenkomst_id: uuid.UUID,
                   verwerking_id: uuid.UUID, antwoord: Any = None, status: int = 200):
    """One processing: its newest version, every version before it, a new version and
    ending it (each change a new version; the earlier ones stay readable)."""
    afnemer, overeenkomst = _overeenkomst(afnemer_id, overeenkomst_id)
    pad = f"/afnemers/{afnemer_id}/vwo-overeenkomsten/{overeenkomst_id}/verwerkingen/" \
          f"{verwerking_id}"
    verwerking = hulp.lees(pad)
    versies = hulp.lees(f"{pad}/versies", query=hulp.filters())
    return render_template(
        "vwo/verwerking.html", afnemer=afnemer, o=overeenkomst.body, v=verwerking.body,
        versies=versies, etag=verwerking.headers.get("ETag", ""), antwoord=antwoord,
        moment=hulp.moment,
        waarden=_verwerking_waarden(None if antwoord is not None else verwerking.body),
        paginatitel=f"Verwerking {verwerking.body['naam']}",
        mag_beheren=g.principal.mag_beheren(afnemer_id), **_verwerking_keuzes()), status


@bp.post(VERWERKINGEN + "/<uuid:verwerking_id>")
def vwo_verwerking_versie(afnemer_id: uuid.UUID, overeenkomst_id: uuid.UUID,
                          verwerking_id: uuid.UUID):
    _gemeente(afnemer_id)
    antwoord = hulp.schrijf(
        "POST", f"/afnemers/{afnemer_id}/vwo-overeenkomsten/{overeenkomst_id}/verwerkingen/"
                f"{verwerking_id}/versies", _verwerking_body())
    return (hulp.gelukt(antwoord, "De nieuwe versie van de verwerking is vastgelegd.",
                        url_for(".vwo_verwerking", afnemer_id=afnemer_id,
                                overeenkomst_id=overeenkomst_id, verwerking_id=verwerking_id))
            or vwo_verwerking(afnemer_id, overeenkomst_id, verwerking_id, antwoord,
                              _fout_status(antwoord)))


@bp.post(VERWERKINGEN + "/<uuid:verwerking_id>/beeindigen")
def vwo_verwerking_beeindigen(afnemer_id: uuid.UUID, overeenkomst_id: uuid.UUID,
                              verwerking_id: uuid.UUID):
    """Logius no longer performs the processing from today (a last version ends it)."""
    _gemeente(afnemer_id)
    antwoord = hulp.schrijf(
        "DELETE", f"/afnemers/{afnemer_id}/vwo-overeenkomsten/{overeenkomst_id}/verwerkingen/"
                  f"{verwerking_id}", headers={"If-Match": request.form.get("etag", "")})
    return (hulp.gelukt(antwoord, "De verwerking is beëindigd; haar versies blijven leesbaar.",
                        url_for(".vwo_afnemer", afnemer_id=afnemer_id) + "#register")
            or vwo_verwerking(afnemer_id, overeenkomst_id, verwerking_id, antwoord,
                              _fout_status(antwoord)))


OVEREENKOMST = "/afnemers/<uuid:afnemer_id>/vwo/overeenkomsten/<uuid:overeenkomst_id>"


@bp.get(OVEREENKOMST + "/beeindiging")
def vwo_beeindiging(afnemer_id: uuid.UUID, overeenkomst_id: uuid.UUID, antwoord: Any = None,
                    status: int = 200):
    """Ending the agreement (VWO 2.2, 7.1): only once processing stopped and the data were
    returned or erased, confirmed; secrecy runs on (VWO 7.2)."""
    afnemer, overeenkomst = _overeenkomst(afnemer_id, overeenkomst_id)
    return render_template(
        "vwo/beeindiging.html", afnemer=afnemer, o=overeenkomst.body,
        etag=overeenkomst.headers.get("ETag", ""), antwoord=antwoord,
        waarden=request.form if antwoord is not None else {},
        afhandeling=list(AFHANDELING.items()), paginatitel="Overeenkomst beëindigen",
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.post(OVEREENKOMST + "/beeindiging")
def vwo_beeindigen(afnemer_id: uuid.UUID, overeenkomst_id: uuid.UUID):
    _gemeente(afnemer_id)
    body = hulp.formulier({"verwerkingGestoptOp": str, "gegevens": str, "bevestigdOp": str})
    antwoord = hulp.schrijf(
        "POST", f"/afnemers/{afnemer_id}/vwo-overeenkomsten/{overeenkomst_id}/beeindiging",
        body, headers={"If-Match": request.form.get("etag", "")})
    return (hulp.gelukt(antwoord, "De overeenkomst is beëindigd; de geheimhouding loopt door.",
                        url_for(".vwo_afnemer", afnemer_id=afnemer_id))
            or vwo_beeindiging(afnemer_id, overeenkomst_id, antwoord, _fout_status(antwoord)))


@bp.get("/afnemers/<uuid:afnemer_id>/vwo/overeenkomsten/nieuw")
def vwo_aangaan(afnemer_id: uuid.UUID, antwoord: Any = None, status: int = 200):
    """Recording an agreement (VWO 2.1): one per hoofdovereenkomst; without a start date
    the hoofdovereenkomst's date applies. Replacing a running one goes by its own page."""
    afnemer = _gemeente(afnemer_id)
    diensten = [(d["slug"], d["naam"]) for d in
                hulp.lees("/diensten", query={"paginaGrootte": 100}).items
                if d["slug"] != SLUG]
    waarden = ({**request.form, "diensten": request.form.getlist("diensten")}
               if antwoord is not None else {"diensten": []})
    return render_template(
        "vwo/aangaan.html", afnemer=afnemer, antwoord=antwoord, waarden=waarden,
        diensten=diensten, paginatitel="Verwerkersovereenkomst vastleggen",
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.post("/afnemers/<uuid:afnemer_id>/vwo/overeenkomsten/nieuw")
def vwo_aangegaan(afnemer_id: uuid.UUID):
    _gemeente(afnemer_id)
    body = hulp.formulier({"hoofdovereenkomstNaam": "tekst", "hoofdovereenkomstDatum": str,
                           "diensten": str, "ingangsdatum": str}, lijsten=("diensten",))
    antwoord = hulp.schrijf("POST", f"/afnemers/{afnemer_id}/vwo-overeenkomsten", body)
    return (hulp.gelukt(antwoord, "De verwerkersovereenkomst is vastgelegd; onderteken haar "
                                  "en vul Bijlage 2 in om haar compleet te maken.",
                        url_for(".vwo_afnemer", afnemer_id=afnemer_id))
            or vwo_aangaan(afnemer_id, antwoord, _fout_status(antwoord)))


@bp.get(OVEREENKOMST + "/vervanging")
def vwo_vervanging(afnemer_id: uuid.UUID, overeenkomst_id: uuid.UUID, antwoord: Any = None,
                   status: int = 200):
    """Replacing the agreement by a new one (VWO 2.3): the old one lapses on the new one's
    start, which is not before the old one's; the register may move along."""
    afnemer, overeenkomst = _overeenkomst(afnemer_id, overeenkomst_id)
    diensten = [(d["slug"], d["naam"]) for d in
                hulp.lees("/diensten", query={"paginaGrootte": 100}).items
                if d["slug"] != SLUG]
    if antwoord is not None:
        waarden = {**request.form, "diensten": request.form.getlist("diensten"),
                   "registerOvernemen": bool(request.form.get("registerOvernemen"))}
    else:
        waarden = {"diensten": overeenkomst.body.get("diensten") or [],
                   "registerOvernemen": True}
    return render_template(
        "vwo/vervanging.html", afnemer=afnemer, o=overeenkomst.body,
        etag=overeenkomst.headers.get("ETag", ""), antwoord=antwoord, waarden=waarden,
        diensten=diensten, paginatitel="Overeenkomst vervangen",
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.post(OVEREENKOMST + "/vervanging")
def vwo_vervangen(afnemer_id: uuid.UUID, overeenkomst_id: uuid.UUID):
    _gemeente(afnemer_id)
    body = hulp.formulier({"hoofdovereenkomstNaam": "tekst", "hoofdovereenkomstDatum": str,
                           "diensten": str, "ingangsdatum": str, "registerOvernemen": bool},
                          lijsten=("diensten",))
    antwoord = hulp.schrijf(
        "POST", f"/afnemers/{afnemer_id}/vwo-overeenkomsten/{overeenkomst_id}/vervanging",
        body, headers={"If-Match": request.form.get("etag", "")})
    return (hulp.gelukt(antwoord, "De nieuwe overeenkomst is vastgelegd; de oude vervalt op "
                                  "haar ingangsdatum.",
                        url_for(".vwo_afnemer", afnemer_id=afnemer_id))
            or vwo_vervanging(afnemer_id, overeenkomst_id, antwoord, _fout_status(antwoord)))


# --- requests for help (VWO 3.1, 4.6, 4.7) ----------------------------------------------


def termijn_tekst(verzoek: dict, vandaag: date | None = None) -> str:
    """A request's deadline as words: the gemeente decides on a data subject's request
    within a month of receiving it (AVG art. 12.3), the day the API gives."""
    if not verzoek.get("beslissenUiterlijk"):
        return "geen termijn"
    uiterlijk = date.fromisoformat(verzoek["beslissenUiterlijk"])
    dagen = (uiterlijk - (vandaag or datetime.now(AMSTERDAM).date())).days
    if dagen > 1:
        rest = f"nog {dagen} dagen"
    elif dagen in (0, 1):
        rest = "vandaag" if dagen == 0 else "nog 1 dag"
    else:
        rest = f"{-dagen} {'dag' if dagen == -1 else 'dagen'} over de termijn"
    return f"beslissen uiterlijk {uiterlijk:%d-%m-%Y} ({rest})"


@bp.get("/afnemers/<uuid:afnemer_id>/vwo/verzoeken")
def vwo_verzoeken(afnemer_id: uuid.UUID, antwoord: Any = None, status: int = 200):
    """The gemeente's requests for help and instructions, with their deadlines, and a new
    one (Logius answers each)."""
    afnemer = _gemeente(afnemer_id)
    lijst = hulp.lees(f"/afnemers/{afnemer_id}/vwo-verzoeken",
                      query=hulp.filters("beantwoord"))
    return render_template(
        "vwo/verzoeken.html", afnemer=afnemer, lijst=lijst, antwoord=antwoord,
        waarden=request.form if antwoord is not None else {}, termijn=termijn_tekst,
        soorten=[(s.code, f"{s.naam} ({s.artikel})") for s in VERZOEKEN.values()],
        moment=hulp.moment, paginatitel=f"Verzoeken aan Logius van {afnemer['naam']}",
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.post("/afnemers/<uuid:afnemer_id>/vwo/verzoeken")
def vwo_verzoek_indienen(afnemer_id: uuid.UUID):
    _gemeente(afnemer_id)
    body = hulp.formulier({"soort": str, "omschrijving": "tekst", "ontvangenOp": str})
    antwoord = hulp.schrijf("POST", f"/afnemers/{afnemer_id}/vwo-verzoeken", body)
    if antwoord.ok:
        return hulp.gelukt(antwoord, "Het verzoek is bij Logius ingediend.",
                           url_for(".vwo_verzoek", afnemer_id=afnemer_id,
                                   verzoek_id=antwoord.body["id"]))
    return vwo_verzoeken(afnemer_id, antwoord, _fout_status(antwoord))


@bp.get("/afnemers/<uuid:afnemer_id>/vwo/verzoeken/<uuid:verzoek_id>")
def vwo_verzoek(afnemer_id: uuid.UUID, verzoek_id: uuid.UUID):
    afnemer = _gemeente(afnemer_id)
    verzoek = hulp.lees(f"/afnemers/{afnemer_id}/vwo-verzoeken/{verzoek_id}").body
    return render_template(
        "vwo/verzoek.html", afnemer=afnemer, v=verzoek, termijn=termijn_tekst,
        soort=VERZOEKEN[verzoek["soort"]].naam if verzoek["soort"] in VERZOEKEN
        else verzoek["soort"], moment=hulp.moment, paginatitel="Verzoek aan Logius")


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
    # Two reads from Logius' lists across gemeenten, each filtered by the API in SQL: a
    # page of the running agreements that are not complete (each row names its
    # gemeente), and the gemeenten for which no agreement runs (the first hundred).
    lijst = hulp.lees("/diensten/vwo/overeenkomsten",
                      query={"lopend": "true", "compleet": "false", **hulp.filters()})
    onvolledig = [({"id": o["afnemerId"], "naam": o["afnemerNaam"]}, o) for o in lijst.items]
    zonder = hulp.lees("/diensten/vwo/gemeenten",
                       query={"lopendeOvereenkomst": "false", "paginaGrootte": 100})
    return render_template("vwo/overzicht.html", paginatitel="VWO-overzicht",
                           lijst=lijst, onvolledig=onvolledig, zonder=zonder.items,
                           zonder_totaal=zonder.body["paginering"]["totaalAantal"])


@bp.get("/vwo/inbreuken")
def vwo_inbreuken():
    """Every breach with its clocks, for Logius."""
    _alleen_logius()
    lijst = hulp.lees("/diensten/vwo/inbreuken", query=hulp.filters())
    return render_template("vwo/inbreuken_overzicht.html", paginatitel="VWO-inbreuken",
                           lijst=lijst, moment=hulp.moment)


BIJDRAGE = ConsoleBijdrage(bp, (
    Menuitem("afnemer", "vwo-console.vwo_afnemer", "Verwerkersovereenkomst",
             toon=is_gemeente),
    Menuitem("logius", "vwo-console.vwo", "VWO-overzicht"),
    Menuitem("logius", "vwo-console.vwo_subverwerkers", "VWO-subverwerkers"),
    Menuitem("logius", "vwo-console.vwo_logboek_logius", "VWO-logboek"),
    Menuitem("logius", "vwo-console.vwo_verzoeken_logius", "VWO-verzoeken"),
))
