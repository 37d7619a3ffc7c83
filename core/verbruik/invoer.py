"""Reading a usage upload (JSON or CSV) and checking every row before anything is written.

Both formats become the same rows: ``aansluitingId``, ``metriek``, ``datum`` and
``aantal``. Every bad row is reported with its number, and every error of a row with
its field and reason (not only the first); one bad row means nothing of the upload is
written. Row 1 is the first row (in a CSV upload: the
first line after the header). The checks are plain Python, not a marshmallow schema
per row, because an upload may hold millions of rows.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import select

from core.aansluitingen.models import Aansluiting
from core.api.converters import JAAR_MAX, JAAR_MIN
from core.auth.principal import Principal
from core.db import db
from core.errors import Problem
from core.plugins import diensten

KOLOMMEN = ("aansluitingId", "metriek", "datum", "aantal")
DATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")
GETAL = re.compile(r"^\d{1,18}$")
MAX_AANTAL = 10**15


@dataclass(frozen=True)
class Rij:
    nummer: int
    aansluiting_id: uuid.UUID
    metriek: str
    datum: date
    aantal: int
    afnemer_id: uuid.UUID | None = None
    dienst: str | None = None


class Fouten:
    def __init__(self) -> None:
        self.params: list[dict[str, Any]] = []
        self.rijen: set[int] = set()

    def add(self, rij: int | None, veld: str, code: str, reden: str) -> None:
        name = veld if rij is None else f"rij.{rij}.{veld}"
        self.params.append({"name": name, "code": code, "reason": reden})
        if rij is not None:
            self.rijen.add(rij)

    def raise_if_any(self, totaal: int) -> None:
        if not self.params:
            return
        detail = "De upload is ongeldig; er is niets vastgelegd."
        if self.rijen:
            detail = (f"{len(self.rijen)} van de {totaal} rijen zijn ongeldig; er is niets "
                      "vastgelegd. Elke fout noemt het rijnummer (rij 1 is de eerste rij na "
                      "een eventuele kopregel).")
        raise Problem(
            400,
            detail,
            code="ongeldige-invoer",
            invalid_params=self.params,
            aantalOngeldigeRijen=len(self.rijen),
        )


def uit_json(body: Any) -> list[dict[str, Any]]:
    fouten = Fouten()
    if not isinstance(body, dict):
        fouten.add(None, "body", "type", "Verwacht een object met een lijst 'regels'.")
        fouten.raise_if_any(0)
    for key in body:
        if key != "regels":
            fouten.add(None, key, "unknown", "Dit veld bestaat niet in dit schema.")
    regels = body.get("regels")
    if not isinstance(regels, list):
        fouten.add(None, "regels", "required" if regels is None else "type",
                   "Verwacht een lijst 'regels' met verbruiksregels.")
    fouten.raise_if_any(0)
    return regels


def uit_csv(tekst: str) -> list[dict[str, Any]]:
    """CSV with a header line naming the four columns, separated by commas or semicolons."""
    fouten = Fouten()
    tekst = tekst.removeprefix("\ufeff")
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    lezer = csv.reader(io.StringIO(tekst), delimiter=scheiding)
    rijen: list[Any] = []
    try:
        kop = [k.strip() for k in next(lezer, [])]
        if sorted(kop) != sorted(KOLOMMEN):
            fouten.add(None, "kopregel", "header",
                       f"De eerste regel noemt de kolommen {', '.join(KOLOMMEN)} (in elke "
                       f"volgorde); gevonden: {', '.join(kop)[:200] or '(leeg)'}.")
            fouten.raise_if_any(0)
        for velden in lezer:
            if not velden or (len(velden) == 1 and not velden[0].strip()):
                continue  # an empty line, e.g. at the end of the file
            if len(velden) != len(kop):
                rijen.append(len(velden))  # reported below, with its row number
            else:
                rijen.append(dict(zip(kop, (v.strip() for v in velden), strict=True)))
    except csv.Error as exc:
        fouten.add(len(rijen) + 1, "body", "csv", f"Deze rij is geen geldige CSV: {exc}.")
        fouten.raise_if_any(len(rijen) + 1)
    return rijen


# An upload repeats the same aansluitingen and dates on many rows: parse each text once.
@lru_cache(maxsize=65_536)
def _uuid(tekst: str) -> uuid.UUID:
    return uuid.UUID(tekst)


@lru_cache(maxsize=65_536)
def _datum(tekst: str) -> date | None:
    if not DATUM.match(tekst):
        return None
    try:
        return date.fromisoformat(tekst)
    except ValueError:
        return None


# A row's values after the checks of its own fields; None where a field is bad or missing.
Waarden = tuple[int, uuid.UUID | None, str | None, date | None, int | None]


def _waarden(nummer: int, ruw: Any, csv_bron: bool, fouten: Fouten) -> Waarden | None:
    """Check each field of one row on its own, so that a row reports all its errors.

    None only when the row has no fields at all to check (a CSV row with the wrong
    number of columns, a JSON row that is not an object).
    """
    if isinstance(ruw, int) and csv_bron:
        fouten.add(nummer, "body", "kolommen",
                   f"Deze rij heeft {ruw} velden; verwacht {len(KOLOMMEN)}.")
        return None
    if not isinstance(ruw, dict):
        fouten.add(nummer, "body", "type", "Verwacht een object met aansluitingId, metriek, "
                   "datum en aantal.")
        return None
    for key in ruw:
        if key not in KOLOMMEN:
            fouten.add(nummer, str(key), "unknown", "Dit veld bestaat niet in dit schema.")
    aansluiting_id = metriek = datum = aantal = None
    gegeven = {}
    for key in KOLOMMEN:
        if ruw.get(key) in (None, ""):
            fouten.add(nummer, key, "required", "Dit veld is verplicht.")
        else:
            gegeven[key] = ruw[key]
    if "aansluitingId" in gegeven:
        try:
            aansluiting_id = _uuid(str(gegeven["aansluitingId"]))
        except ValueError:
            fouten.add(nummer, "aansluitingId", "uuid", "Verwacht een UUID.")
    if "metriek" in gegeven:
        if isinstance(gegeven["metriek"], str):
            metriek = gegeven["metriek"]
        else:
            fouten.add(nummer, "metriek", "type", "Verwacht een tekst.")
    if "datum" in gegeven:
        datum = _datum(gegeven["datum"]) if isinstance(gegeven["datum"], str) else None
        if datum is None:
            fouten.add(nummer, "datum", "date", "Verwacht een datum als JJJJ-MM-DD.")
        elif not JAAR_MIN <= datum.year <= JAAR_MAX:
            fouten.add(nummer, "datum", "range", f"Verwacht een jaar van {JAAR_MIN} tot en met "
                       f"{JAAR_MAX}.")
            datum = None
    if "aantal" in gegeven:
        waarde = gegeven["aantal"]
        if csv_bron and isinstance(waarde, str) and GETAL.match(waarde):
            waarde = int(waarde)
        if isinstance(waarde, int) and not isinstance(waarde, bool) and 0 <= waarde <= MAX_AANTAL:
            aantal = waarde
        else:
            fouten.add(nummer, "aantal", "type",
                       f"Verwacht een geheel getal van 0 tot en met {MAX_AANTAL}.")
    return nummer, aansluiting_id, metriek, datum, aantal


def _aansluitingen(ids: set[uuid.UUID]) -> dict[uuid.UUID, tuple[uuid.UUID, str]]:
    gevonden: dict[uuid.UUID, tuple[uuid.UUID, str]] = {}
    lijst = sorted(ids)
    for start in range(0, len(lijst), 500):
        rows = db.session.execute(
            select(Aansluiting.id, Aansluiting.afnemer_id, Aansluiting.dienst)
            .where(Aansluiting.id.in_(lijst[start:start + 500]))
        )
        for aansluiting_id, afnemer_id, dienst in rows:
            gevonden[aansluiting_id] = (afnemer_id, dienst)
    return gevonden


def controleer(ruwe_rijen: list[Any], principal: Principal, *, csv_bron: bool) -> list[Rij]:
    """Every row checked; 400 listing all bad rows, 403 for another dienst's rows.

    Each check runs as soon as the values it needs are good, so a row reports every
    error it has (a bad date and an unknown aansluiting both), not only the first.
    """
    fouten = Fouten()
    if not ruwe_rijen:
        fouten.add(None, "regels", "required", "Stuur minstens één verbruiksregel.")
        fouten.raise_if_any(0)
    rijen = [rij for nummer, ruw in enumerate(ruwe_rijen, start=1)
             if (rij := _waarden(nummer, ruw, csv_bron, fouten)) is not None]
    bekend = _aansluitingen({r[1] for r in rijen if r[1] is not None})
    register = diensten()
    schemas: dict[tuple[str, int], dict[str, Any]] = {}
    gezien: dict[tuple[uuid.UUID, str, date], int] = {}
    andere_dienst: list[int] = []
    goed: list[Rij] = []
    for nummer, aansluiting_id, code, datum, aantal in rijen:
        afnemer_id = dienst = None
        if aansluiting_id is not None:
            if aansluiting_id in bekend:
                afnemer_id, dienst = bekend[aansluiting_id]
                if not principal.beheert_dienst(dienst):
                    andere_dienst.append(nummer)
                    continue
            else:
                fouten.add(nummer, "aansluitingId", "onbekend", "Deze aansluiting bestaat niet.")
        if dienst is not None and code is not None and datum is not None:
            sleutel_schema = (dienst, datum.year)
            if sleutel_schema not in schemas:
                schema = register.tariefschema(dienst, datum.year)
                schemas[sleutel_schema] = {m.code: m for m in schema.metrieken} if schema else {}
            metrieken = schemas[sleutel_schema]
            metriek = metrieken.get(code)
            if metriek is None:
                kent = ", ".join(metrieken)
                fouten.add(nummer, "metriek", "onbekend",
                           f"{dienst} kent in {datum.year} de metrieken: {kent}." if kent
                           else f"{dienst} legt geen verbruik vast.")
            elif metriek.maximum is not None and aantal is not None and aantal > metriek.maximum:
                fouten.add(nummer, "aantal", "maximum",
                           f"Een rij van {metriek.code} heeft ten hoogste aantal "
                           f"{metriek.maximum} (elke rij legt één gebeurtenis op zijn datum "
                           "vast).")
        if aansluiting_id is not None and code is not None and datum is not None:
            sleutel = (aansluiting_id, code, datum)
            if sleutel in gezien:
                fouten.add(nummer, "datum", "dubbel",
                           f"Rij {gezien[sleutel]} heeft al dezelfde aansluiting, metriek en "
                           "datum.")
            else:
                gezien[sleutel] = nummer
        if nummer not in fouten.rijen:
            goed.append(Rij(nummer, aansluiting_id, code, datum, aantal, afnemer_id, dienst))
    if andere_dienst:
        nummers = ", ".join(map(str, andere_dienst[:20])) + (" ..." if len(andere_dienst) > 20
                                                            else "")
        raise Problem(
            403,
            f"Uw productteam legt alleen verbruik van {principal.productteam_dienst} vast; de "
            f"rijen {nummers} horen bij een andere dienst. Er is niets vastgelegd.",
            code="geen-productteam",
        )
    fouten.raise_if_any(len(ruwe_rijen))
    return goed
