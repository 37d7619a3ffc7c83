"""Logius' side of the Standaard Verwerkersovereenkomst Gemeenten in the console: the
subverwerkers (register one, which the API announces to the gemeenten concerned, VWO 4.5;
change one), the breaches (register one, which informs each affected gemeente, VWO 5.1;
its detail with both clocks; what Logius learns more, the investigation that stops the
24 hours, gemeenten affected later, measures, closing: VWO 5.1-5.3), the logboek across
gemeenten (VWO 5.3) and the gemeenten's requests with their deadlines, answered here
(VWO 3.1, 4.6, 4.7).

Every route of the API behind these pages is for Logius beheerders only, so are the pages
(403 for anyone else, as the API would answer). Everything goes through the API as the
logged-in person; a refusal is the API's, shown beside the field it names.

The plugin hands core the console's contribution (``BIJDRAGE``) from here, so that these
pages are on the blueprint when core registers it.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import abort, render_template, request, url_for

from core.sdk.console import hulp
from plugins.vwo.catalogus import CATEGORIEEN, DOORGIFTE_INSTRUMENTEN, VERZOEKEN
from plugins.vwo.console import BIJDRAGE, bp

__all__ = ["BIJDRAGE"]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
VWO = "/diensten/vwo"
JA_NEE = (("false", "nee"), ("true", "ja"))
#: The form's fields that take several values (a multiple select).
MEERDERE = ("diensten", "afnemers", "categorieenPersoonsgegevens")


def _alleen_logius() -> None:
    """The API behind these pages answers only Logius beheerders."""
    if not hulp.ingelogd().is_logius_beheerder:
        abort(403)


def _mag_lezen_subverwerkers() -> bool:
    """The subverwerkers are read by anyone the API lets read them; the VWO's product team
    reads these pages too (without the forms: only a Logius beheerder writes)."""
    principal = hulp.ingelogd()
    if not principal.beheert_dienst("vwo"):
        abort(403)
    return principal.is_logius_beheerder


def _status(antwoord) -> int:
    return antwoord.status if 400 <= antwoord.status < 500 else 400


def _moment(waarde: str) -> str:
    """A datetime-local field (Dutch time, no offset) as the moment the API takes; a value
    that is no moment goes as typed, and the API names the field."""
    try:
        return datetime.fromisoformat(waarde).replace(tzinfo=AMSTERDAM).isoformat()
    except ValueError:
        return waarde


def invoer(tekst: str | None) -> str:
    """An API moment as a datetime-local field's value, in Dutch time."""
    waarde = hulp.in_amsterdam(tekst)
    return waarde.strftime("%Y-%m-%dT%H:%M") if isinstance(waarde, datetime) else ""


def _regels(naam: str) -> list[str]:
    """A textarea with one item per line, as a list."""
    return [r.strip() for r in request.form.get(naam, "").splitlines() if r.strip()]


def _zet_lijst(body: dict[str, Any], naam: str, waarden: list[str]) -> None:
    if waarden:
        body[naam] = waarden


def _categorieen() -> list[tuple[str, str]]:
    return [(code, c.naam) for code, c in CATEGORIEEN.items()]


def _gemeenten() -> list[tuple[str, str]]:
    """The gemeenten to choose from (the first hundred by the afnemers list's order)."""
    lijst = hulp.lees("/afnemers", query={"type": "gemeente", "paginaGrootte": 100})
    return [(a["id"], a["naam"]) for a in lijst.items]


def _waarden(antwoord, standaard: dict[str, Any]) -> dict[str, Any]:
    """What the form shows: what was typed after a refusal, else ``standaard``."""
    if antwoord is None:
        return standaard
    waarden: dict[str, Any] = dict.fromkeys(MEERDERE, [])
    return waarden | {k: (request.form.getlist(k) if k in MEERDERE else request.form.get(k, ""))
                      for k in request.form}


# --- subverwerkers (VWO 4.5, Bijlage 1 tabel 3) ------------------------------------------


@bp.get("/vwo/subverwerkers")
def vwo_subverwerkers(antwoord: Any = None, status: int = 200):
    mag_schrijven = _mag_lezen_subverwerkers()
    lijst = hulp.lees(f"{VWO}/subverwerkers", query=hulp.filters())
    diensten = [(d["slug"], d["naam"]) for d in hulp.lees(
        "/diensten", query={"paginaGrootte": 100}).items if d["slug"] != "vwo"]
    return render_template(
        "vwo/logius/subverwerkers.html", paginatitel="VWO-subverwerkers", lijst=lijst,
        antwoord=antwoord, waarden=_waarden(antwoord, {}), diensten=diensten,
        instrumenten=[(str(n), f"{n}: {t}") for n, t in DOORGIFTE_INSTRUMENTEN.items()],
        ja_nee=JA_NEE, moment=hulp.moment, mag_schrijven=mag_schrijven), status


def _subverwerker_body(nieuw: bool) -> dict[str, Any]:
    velden: dict[str, Any] = {"naam": str, "contactgegevens": str, "toepassing": str}
    if nieuw:
        velden |= {"kvkNummer": str, "ingeschakeldVanaf": str,
                   "doorgifteBuitenEer": lambda w: w == "true", "doorgifteInstrument": int,
                   "aanvullendeMaatregelen": str, "diensten": str}
    else:
        velden["beeindigdOp"] = str
    body = hulp.formulier(velden, lijsten=("diensten",))
    _zet_lijst(body, "uitbestedeVerwerkingen", _regels("uitbestedeVerwerkingen"))
    if nieuw:
        _zet_lijst(body, "landen", [w for w in re.split(r"[\s,;]+",
                                                        request.form.get("landen", "")) if w])
    return body


@bp.post("/vwo/subverwerkers")
def vwo_subverwerker_registreren():
    _alleen_logius()
    antwoord = hulp.schrijf("POST", f"{VWO}/subverwerkers", _subverwerker_body(True))
    if antwoord.ok:
        s = antwoord.body
        bericht = (f"{s['naam']} is geregistreerd en op {hulp.moment(s['aangekondigdOp'])} "
                   "aangekondigd aan elke gemeente met een lopende overeenkomst voor een van "
                   "zijn diensten (VWO 4.5)." if s.get("aangekondigdOp") else
                   f"{s['naam']} is geregistreerd. Geen gemeente heeft een lopende "
                   "overeenkomst voor zijn diensten, dus er ging geen aankondiging uit.")
        return hulp.gelukt(antwoord, bericht, url_for(".vwo_subverwerker",
                                                      subverwerker_id=s["id"]))
    return vwo_subverwerkers(antwoord, _status(antwoord))


@bp.get("/vwo/subverwerkers/<uuid:subverwerker_id>")
def vwo_subverwerker(subverwerker_id: uuid.UUID, antwoord: Any = None, status: int = 200):
    mag_schrijven = _mag_lezen_subverwerkers()
    gelezen = hulp.lees(f"{VWO}/subverwerkers/{subverwerker_id}")
    s = gelezen.body
    standaard = {"naam": s["naam"], "contactgegevens": s["contactgegevens"],
                 "toepassing": s["toepassing"], "beeindigdOp": s.get("beeindigdOp") or "",
                 "uitbestedeVerwerkingen": "\n".join(s["uitbestedeVerwerkingen"])}
    return render_template(
        "vwo/logius/subverwerker.html", paginatitel=f"Subverwerker {s['naam']}", s=s,
        etag=gelezen.headers.get("ETag", ""), antwoord=antwoord,
        waarden=_waarden(antwoord, standaard), moment=hulp.moment,
        instrumenten=DOORGIFTE_INSTRUMENTEN, mag_schrijven=mag_schrijven), status


@bp.post("/vwo/subverwerkers/<uuid:subverwerker_id>")
def vwo_subverwerker_bijwerken(subverwerker_id: uuid.UUID):
    _alleen_logius()
    antwoord = hulp.schrijf("PATCH", f"{VWO}/subverwerkers/{subverwerker_id}",
                            _subverwerker_body(False),
                            headers={"If-Match": request.form.get("etag", "")})
    return (hulp.gelukt(antwoord, "De subverwerker is bijgewerkt.",
                        url_for(".vwo_subverwerker", subverwerker_id=subverwerker_id))
            or vwo_subverwerker(subverwerker_id, antwoord, _status(antwoord)))


# --- breaches (VWO 5) --------------------------------------------------------------------


def _inbreuk_body() -> dict[str, Any]:
    body = hulp.formulier({"omschrijving": str, "vermoedelijkeOorzaak": str,
                           "categorieenPersoonsgegevens": str, "aantalBetrokkenen": int},
                          lijsten=("categorieenPersoonsgegevens",))
    _zet_lijst(body, "categorieenBetrokkenen", _regels("categorieenBetrokkenen"))
    return body


@bp.get("/vwo/inbreuken/nieuw")
def vwo_inbreuk_nieuw(antwoord: Any = None, status: int = 200):
    _alleen_logius()
    return render_template(
        "vwo/logius/inbreuk_nieuw.html", paginatitel="Inbreuk vastleggen", antwoord=antwoord,
        waarden=_waarden(antwoord, {}), gemeenten=_gemeenten(),
        categorieen=_categorieen()), status


@bp.post("/vwo/inbreuken/nieuw")
def vwo_inbreuk_vastleggen():
    _alleen_logius()
    body = {**hulp.formulier({"vastgesteldOp": _moment, "afnemers": str},
                             lijsten=("afnemers",)), **_inbreuk_body()}
    antwoord = hulp.schrijf("POST", f"{VWO}/inbreuken", body)
    if antwoord.ok:
        aantal = len(antwoord.body.get("gemeenten", []))
        return hulp.gelukt(
            antwoord, f"De inbreuk is vastgelegd en {aantal} gemeente(n) zijn nu "
                      "geïnformeerd (VWO 5.1).",
            url_for(".vwo_inbreuk_logius", inbreuk_id=antwoord.body["id"]))
    return vwo_inbreuk_nieuw(antwoord, _status(antwoord))


@bp.get("/vwo/inbreuken/<uuid:inbreuk_id>")
def vwo_inbreuk_logius(inbreuk_id: uuid.UUID, antwoord: Any = None, formulier: str = "",
                       status: int = 200):
    _alleen_logius()
    gelezen = hulp.lees(f"{VWO}/inbreuken/{inbreuk_id}")
    inbreuk = gelezen.body
    getroffen = {g["afnemerId"] for g in inbreuk.get("gemeenten", [])}
    perioden = [{"van": invoer(p["van"]), "tot": invoer(p.get("tot"))}
                for p in inbreuk.get("onderzoek", [])]
    if antwoord is not None and formulier == "onderzoek":
        perioden = _perioden_invoer()
    return render_template(
        "vwo/logius/inbreuk.html", paginatitel="Inbreuk", inbreuk=inbreuk,
        etag=gelezen.headers.get("ETag", ""), antwoord=antwoord, formulier=formulier,
        waarden=_waarden(antwoord, {}), moment=hulp.moment, perioden=perioden,
        gemeenten=[g for g in (_gemeenten() if not inbreuk.get("afgeslotenOp") else [])
                   if g[0] not in getroffen],
        categorieen={code: c.naam for code, c in CATEGORIEEN.items()}), status


def _na(inbreuk_id: uuid.UUID, antwoord, bericht: str, formulier: str):
    return (hulp.gelukt(antwoord, bericht, url_for(".vwo_inbreuk_logius",
                                                   inbreuk_id=inbreuk_id))
            or vwo_inbreuk_logius(inbreuk_id, antwoord, formulier, _status(antwoord)))


def _perioden_invoer() -> list[dict[str, str]]:
    """The investigation's rows as typed: ``perioden.<i>.van`` and ``.tot``."""
    uit = []
    for i in range(21):
        van = request.form.get(f"perioden.{i}.van", "").strip()
        tot = request.form.get(f"perioden.{i}.tot", "").strip()
        if van or tot:
            uit.append({"van": van, "tot": tot})
    return uit


@bp.post("/vwo/inbreuken/<uuid:inbreuk_id>/onderzoek")
def vwo_inbreuk_onderzoek(inbreuk_id: uuid.UUID):
    _alleen_logius()
    perioden = [{"van": _moment(p["van"]) if p["van"] else None,
                 "tot": _moment(p["tot"]) if p["tot"] else None} for p in _perioden_invoer()]
    antwoord = hulp.schrijf("PUT", f"{VWO}/inbreuken/{inbreuk_id}/onderzoek",
                            {"perioden": perioden},
                            headers={"If-Match": request.form.get("etag", "")})
    return _na(inbreuk_id, antwoord, "Het onderzoek naar verdachte activiteit is vastgelegd; "
               "de termijn van 24 uur schuift mee (VWO 5.1).", "onderzoek")


@bp.post("/vwo/inbreuken/<uuid:inbreuk_id>/gemeenten")
def vwo_inbreuk_gemeenten(inbreuk_id: uuid.UUID):
    _alleen_logius()
    body = hulp.formulier({"afnemers": str}, lijsten=("afnemers",))
    antwoord = hulp.schrijf("POST", f"{VWO}/inbreuken/{inbreuk_id}/gemeenten", body)
    return _na(inbreuk_id, antwoord, "De gemeenten zijn toegevoegd en geïnformeerd "
               "(VWO 5.1).", "gemeenten")


@bp.post("/vwo/inbreuken/<uuid:inbreuk_id>/maatregelen")
def vwo_inbreuk_maatregel(inbreuk_id: uuid.UUID):
    _alleen_logius()
    body = hulp.formulier({"omschrijving": str, "genomenOp": _moment})
    antwoord = hulp.schrijf("POST", f"{VWO}/inbreuken/{inbreuk_id}/maatregelen", body)
    return _na(inbreuk_id, antwoord, "De maatregel staat in het logboek en de getroffen "
               "gemeenten horen ervan (VWO 5.2, 5.3).", "maatregel")


@bp.post("/vwo/inbreuken/<uuid:inbreuk_id>/afsluiting")
def vwo_inbreuk_afsluiten(inbreuk_id: uuid.UUID):
    _alleen_logius()
    body = hulp.formulier({"toelichting": str})
    antwoord = hulp.schrijf("POST", f"{VWO}/inbreuken/{inbreuk_id}/afsluiting", body,
                            headers={"If-Match": request.form.get("etag", "")})
    return _na(inbreuk_id, antwoord, "De inbreuk is afgesloten.", "afsluiting")


@bp.get("/vwo/inbreuken/<uuid:inbreuk_id>/wijzigen")
def vwo_inbreuk_logius_wijzigen(inbreuk_id: uuid.UUID, antwoord: Any = None, status: int = 200):
    _alleen_logius()
    gelezen = hulp.lees(f"{VWO}/inbreuken/{inbreuk_id}")
    i = gelezen.body
    standaard = {"omschrijving": i["omschrijving"],
                 "vermoedelijkeOorzaak": i["vermoedelijkeOorzaak"],
                 "categorieenPersoonsgegevens": i["categorieenPersoonsgegevens"],
                 "categorieenBetrokkenen": "\n".join(i["categorieenBetrokkenen"]),
                 "aantalBetrokkenen": "" if i.get("aantalBetrokkenen") is None
                 else i["aantalBetrokkenen"]}
    return render_template(
        "vwo/logius/inbreuk_wijzigen.html", paginatitel="Inbreuk bijwerken", inbreuk=i,
        etag=gelezen.headers.get("ETag", ""), antwoord=antwoord,
        waarden=_waarden(antwoord, standaard), categorieen=_categorieen(),
        moment=hulp.moment), status


@bp.post("/vwo/inbreuken/<uuid:inbreuk_id>/wijzigen")
def vwo_inbreuk_logius_bijwerken(inbreuk_id: uuid.UUID):
    _alleen_logius()
    antwoord = hulp.schrijf("PATCH", f"{VWO}/inbreuken/{inbreuk_id}", _inbreuk_body(),
                            headers={"If-Match": request.form.get("etag", "")})
    return (hulp.gelukt(antwoord, "De inbreuk is bijgewerkt; elke getroffen gemeente hoort "
                                  "het (VWO 5.2).",
                        url_for(".vwo_inbreuk_logius", inbreuk_id=inbreuk_id))
            or vwo_inbreuk_logius_wijzigen(inbreuk_id, antwoord, _status(antwoord)))


# --- the logboek (VWO 5.3) -----------------------------------------------------------------


@bp.get("/vwo/logboek")
def vwo_logboek_logius():
    _alleen_logius()
    lijst = hulp.lees(f"{VWO}/logboek", query=hulp.filters())
    return render_template("vwo/logius/logboek.html", paginatitel="VWO-logboek", lijst=lijst,
                           moment=hulp.moment)


@bp.get("/vwo/logboek/<uuid:regel_id>")
def vwo_logboekregel(regel_id: uuid.UUID):
    _alleen_logius()
    regel = hulp.lees(f"{VWO}/logboek/{regel_id}").body
    return render_template("vwo/logius/logboekregel.html", paginatitel="Logboekregel",
                           r=regel, moment=hulp.moment)


# --- the gemeenten's requests (VWO 3.1, 4.6, 4.7) --------------------------------------------


def _soort(code: str) -> str:
    return VERZOEKEN[code].naam if code in VERZOEKEN else code


@bp.get("/vwo/verzoeken")
def vwo_verzoeken_logius():
    _alleen_logius()
    lijst = hulp.lees(f"{VWO}/verzoeken", query=hulp.filters("beantwoord"))
    return render_template("vwo/logius/verzoeken.html", paginatitel="VWO-verzoeken",
                           lijst=lijst, soort=_soort, moment=hulp.moment,
                           beantwoord=request.args.get("beantwoord", ""))


@bp.get("/vwo/verzoeken/<uuid:afnemer_id>/<uuid:verzoek_id>")
def vwo_verzoek_logius(afnemer_id: uuid.UUID, verzoek_id: uuid.UUID, antwoord: Any = None,
                       status: int = 200):
    _alleen_logius()
    afnemer = hulp.afnemer(afnemer_id)
    verzoek = hulp.lees(f"/afnemers/{afnemer_id}/vwo-verzoeken/{verzoek_id}").body
    return render_template(
        "vwo/logius/verzoek.html", paginatitel="Verzoek van een gemeente", afnemer=afnemer,
        v=verzoek, soort=_soort(verzoek["soort"]), antwoord=antwoord,
        waarden=_waarden(antwoord, {}), moment=hulp.moment, ja_nee=JA_NEE), status


@bp.post("/vwo/verzoeken/<uuid:afnemer_id>/<uuid:verzoek_id>")
def vwo_verzoek_beantwoorden(afnemer_id: uuid.UUID, verzoek_id: uuid.UUID):
    _alleen_logius()
    body = hulp.formulier({"antwoord": str, "strijdigMetAvg": lambda w: w == "true"})
    antwoord = hulp.schrijf("POST", f"{VWO}/verzoeken/{verzoek_id}/antwoord", body)
    bericht = ("Het antwoord is verstuurd; de gemeente hoort meteen dat Logius de instructie "
               "in strijd met de AVG vindt (VWO 3.1)." if antwoord.ok
               and antwoord.body.get("strijdigMetAvg") else
               "Het antwoord is verstuurd naar de gemeente.")
    return (hulp.gelukt(antwoord, bericht, url_for(".vwo_verzoek_logius",
                                                   afnemer_id=afnemer_id,
                                                   verzoek_id=verzoek_id))
            or vwo_verzoek_logius(afnemer_id, verzoek_id, antwoord, _status(antwoord)))
