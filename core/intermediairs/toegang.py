"""What an intermediair's principal may do on an afnemer's routes: the mandate check.

:func:`core.tenancy._scope_to_afnemer` calls :func:`namens_afnemer` for every request of
an intermediair to ``/afnemers/{afnemerId}/...``, before any view runs, so every tenant
route is covered in one place. The afnemer in the path chooses whom it acts for; it
acts only within a live mandate of that afnemer (not revoked, ``geldigTot`` today or
later):

- the route must be of a kind of resource the mandate names (:data:`RESOURCES`, by the
  route's blueprint); every other tenant route (members, tokens, webhooks, mandates,
  export...) is not mandate-able;
- the dienst it concerns must be one the mandate names: the aansluiting's in the path,
  the ``dienst`` or ``aansluitingId`` of the body, and the row a view reads
  (:func:`core.tenancy.tenant_get_or_404`); lists are filtered to those diensten
  (:func:`core.tenancy.tenant_select`);
- a write needs ``schrijven``.

Outside the mandate the answer is 404, the same as for what does not exist, so an
intermediair learns nothing of an afnemer that did not mandate it; only a write on what
it may read is a 403. Within it, the request runs as a principal of the afnemer (a
beheerder where it may write, a medewerker where it may only read) whose id and name say
"intermediair X namens afnemer Y", so the audit and every event it causes record both.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Any

from flask import g, request
from sqlalchemy import select

from core.aansluitingen.models import Aansluiting
from core.afnemers.models import Afnemer
from core.auth.principal import Principal, Rol
from core.db import db
from core.errors import Problem
from core.intermediairs.models import Intermediair, Mandaat
from core.tijd import vandaag

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
NIET_GEVONDEN = "Deze resource bestaat niet, of u heeft er geen toegang toe."

#: The kinds of resource a mandate can name, and the tenant routes (blueprints) of each.
#: Every kind is per dienst: its rows have a dienst, or an aansluiting that has one.
RESOURCES: dict[str, tuple[str, ...]] = {
    # /aansluitingen, /aansluitingen/{id}, .../statuswijzigingen, .../voorcalculaties,
    # .../route (its onboarding steps)
    "aansluitingen": ("aansluitingen", "voorcalculaties", "aansluitroutes"),
    # /koppelvlakgebruik: the interface versions the afnemer's aansluitingen use
    "koppelvlakgebruik": ("koppelvlakgebruik",),
    # /prognoses
    "prognoses": ("prognoses",),
    # /incidenten: the afnemer's incident reports
    "incidenten": ("incidenten",),
}
SOORT_VAN_BLUEPRINT = {bp: soort for soort, bps in RESOURCES.items() for bp in bps}
#: Blueprint of ``GET /afnemers/{afnemerId}``: readable under any live mandate.
AFNEMER_ZELF = "afnemer"

RECHTEN = ("lezen", "schrijven")


@dataclass(frozen=True)
class Mandaatruimte:
    """The diensten a request may read and write, after the mandate check."""

    lezen: frozenset[str]
    schrijven: frozenset[str]


def levende_mandaten(intermediair_id: uuid.UUID, afnemer_id: uuid.UUID | None = None):
    """The live mandates of an intermediair (of one afnemer): not revoked, not expired."""
    query = select(Mandaat).where(Mandaat.intermediair_id == intermediair_id,
                                  Mandaat.ingetrokken_op.is_(None),
                                  Mandaat.geldig_tot >= vandaag())
    if afnemer_id is not None:
        query = query.where(Mandaat.afnemer_id == afnemer_id)
    return list(db.session.scalars(query))


def _niet_gevonden() -> Problem:
    return Problem(404, NIET_GEVONDEN, code="niet-gevonden")


def _alleen_lezen() -> Problem:
    return Problem(403, "Uw mandaat van deze afnemer geeft hier alleen leesrechten.",
                   code="alleen-lezen")


def dienst_van_aansluiting(afnemer_id: uuid.UUID, aansluiting_id: Any) -> str | None:
    """The dienst of the afnemer's aansluiting, or None (no such aansluiting of it)."""
    try:
        pk = aansluiting_id if isinstance(aansluiting_id, uuid.UUID) else uuid.UUID(
            str(aansluiting_id))
    except ValueError:
        return None
    aansluiting = db.session.get(Aansluiting, pk)
    if aansluiting is None or aansluiting.afnemer_id != afnemer_id:
        return None
    return aansluiting.dienst


def _diensten_van_verzoek(afnemer_id: uuid.UUID) -> set[str]:
    """The diensten the request names: the aansluiting of its path, the ``dienst`` and
    ``aansluitingId`` of its body. An aansluiting that is not the afnemer's names none
    (the view answers 404 for it)."""
    diensten: set[str] = set()
    pad = (request.view_args or {}).get("aansluiting_id")
    if pad is not None:
        dienst = dienst_van_aansluiting(afnemer_id, pad)
        if dienst is None:
            raise _niet_gevonden()
        diensten.add(dienst)
    if request.method not in SAFE_METHODS and request.is_json:
        body = request.get_json(silent=True)
        if isinstance(body, dict):
            if isinstance(body.get("dienst"), str):
                diensten.add(body["dienst"])
            if isinstance(body.get("aansluitingId"), str):
                dienst = dienst_van_aansluiting(afnemer_id, body["aansluitingId"])
                if dienst is not None:
                    diensten.add(dienst)
    return diensten


def namens_afnemer(principal: Principal, afnemer_id: uuid.UUID) -> Principal:
    """The principal an intermediair's request runs as on ``afnemer_id``'s route, or a
    404 (outside every mandate) or 403 (a write where the mandate only reads)."""
    assert principal.intermediair_id is not None
    mandaten = levende_mandaten(principal.intermediair_id, afnemer_id)
    afnemer = db.session.get(Afnemer, afnemer_id) if mandaten else None
    intermediair = db.session.get(Intermediair, principal.intermediair_id)
    if afnemer is None or intermediair is None:
        raise _niet_gevonden()
    schrijft = request.method not in SAFE_METHODS
    blueprint = request.blueprint or ""
    if blueprint == AFNEMER_ZELF:
        if schrijft:
            raise _alleen_lezen()
        ruimte = Mandaatruimte(frozenset(), frozenset())
    else:
        soort = SOORT_VAN_BLUEPRINT.get(blueprint)
        if soort is None:
            raise _niet_gevonden()
        van_soort = [m for m in mandaten if soort in m.resources]
        ruimte = Mandaatruimte(
            lezen=frozenset(d for m in van_soort for d in m.diensten),
            schrijven=frozenset(d for m in van_soort if "schrijven" in m.rechten
                                for d in m.diensten),
        )
        if not ruimte.lezen:
            raise _niet_gevonden()
        genoemd = _diensten_van_verzoek(afnemer_id)
        if not genoemd <= ruimte.lezen:
            raise _niet_gevonden()
        if schrijft and (not ruimte.schrijven or not genoemd <= ruimte.schrijven):
            raise _alleen_lezen()
    g.mandaatruimte = ruimte
    g.afnemer_van_token = afnemer
    rol = Rol.AFNEMER_BEHEERDER if schrijft else Rol.AFNEMER_MEDEWERKER
    return replace(principal, naam=f"{intermediair.naam} namens {afnemer.naam}"[:200],
                   afnemer_rollen={afnemer_id: rol})


def mandaatruimte() -> Mandaatruimte | None:
    """The mandate's room of this request, if an intermediair makes it."""
    return g.get("mandaatruimte")


def controleer_dienst(dienst: str | None) -> None:
    """404 for a row of a dienst outside the mandate; 403 for a write on one it only
    reads. Nothing when no intermediair is asking."""
    ruimte = mandaatruimte()
    if ruimte is None or dienst is None:
        return
    if dienst not in ruimte.lezen:
        raise _niet_gevonden()
    if request.method not in SAFE_METHODS and dienst not in ruimte.schrijven:
        raise _alleen_lezen()


def dienst_van_rij(obj: Any) -> str | None:
    """The dienst a row is of: its own ``dienst``, or its aansluiting's."""
    kolommen = obj.__table__.c
    if "dienst" in kolommen:
        return obj.dienst
    if "aansluiting_id" in kolommen and obj.aansluiting_id is not None:
        return dienst_van_aansluiting(obj.afnemer_id, obj.aansluiting_id)
    return None


def dienstfilter(model: Any, diensten: frozenset[str]):
    """The WHERE clause that keeps a list to the mandate's diensten (None: not per dienst)."""
    kolommen = model.__table__.c
    if "dienst" in kolommen:
        return model.dienst.in_(sorted(diensten))
    if "aansluiting_id" in kolommen:
        return model.aansluiting_id.in_(
            select(Aansluiting.id).where(Aansluiting.dienst.in_(sorted(diensten))))
    return None
