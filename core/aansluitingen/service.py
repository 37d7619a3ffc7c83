"""Creating aansluitingen and moving them through their lifecycle."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from core.aansluitingen.lifecycle import OVERGANGEN, Status, toegestane_overgangen
from core.aansluitingen.models import Aansluiting, Statuswijziging
from core.afnemers.models import Afnemer
from core.auth.principal import Principal
from core.db import db, utcnow
from core.errors import Problem
from core.voorwaarden import service as voorwaarden


def aanvragen(
    afnemer: Afnemer,
    *,
    dienst: str,
    omgeving: str,
    onderdelen: list[str],
    aanvraag_ondertekend_op: date,
    door: Principal,
) -> Aansluiting:
    from core.diensten.service import vereis_ingeschakeld

    vereis_ingeschakeld(dienst, omgeving)
    lopend = db.session.execute(
        select(Aansluiting.id).where(
            Aansluiting.afnemer_id == afnemer.id,
            Aansluiting.dienst == dienst,
            Aansluiting.omgeving == omgeving,
            Aansluiting.status != Status.BEEINDIGD,
        )
    ).scalar()
    if lopend is not None:
        raise bestaat_al(dienst, omgeving, lopend)
    aansluiting = Aansluiting(
        afnemer_id=afnemer.id,
        dienst=dienst,
        omgeving=omgeving,
        onderdelen=list(onderdelen),
        status=Status.AANGEVRAAGD.value,
        aanvraag_ondertekend_op=aanvraag_ondertekend_op,
    )
    aansluiting.statuswijzigingen.append(
        Statuswijziging(
            afnemer_id=afnemer.id, van=None, naar=Status.AANGEVRAAGD.value, door=door.naam
        )
    )
    # AV 11.1, MO 2.2: signing the aanvraagformulier accepts the terms in force that day.
    # (Before the aansluiting joins the session: a simultaneous aanvraag must meet the
    # unique index at commit, where the view answers it as 'bestaat al'.)
    voorwaarden.accepteer_bij_aanvraag(afnemer, dienst=dienst,
                                       ondertekend_op=aanvraag_ondertekend_op, door=door)
    db.session.add(aansluiting)
    from core.aansluitroutes.service import start

    start(aansluiting)  # the dienst's onboarding route, one row per step
    return aansluiting


def bestaat_al(dienst: str, omgeving: str, lopend: uuid.UUID | None = None) -> Problem:
    """409: one afnemer has at most one live aansluiting per dienst and omgeving."""
    welke = f": {lopend}" if lopend is not None else ""
    extra = {"bestaandeAansluiting": str(lopend)} if lopend is not None else {}
    return Problem(
        409,
        f"Deze afnemer heeft al een lopende aansluiting op {dienst} ({omgeving}){welke}. "
        "Wijzig die, of beëindig hem eerst.",
        code="aansluiting-bestaat-al",
        **extra,
    )


def wijzig_status(
    aansluiting: Aansluiting,
    naar: Status,
    *,
    door: Principal,
    grondslag: str | None = None,
    reden: str | None = None,
) -> Statuswijziging:
    """Apply one transition, or answer 409 (illegal), 403 (not yours) or 400 (reason missing)."""
    van = Status(aansluiting.status)
    overgang = OVERGANGEN.get((van, naar))
    if overgang is None:
        mogelijk = ", ".join(toegestane_overgangen(van)) or "geen (eindstatus)"
        raise Problem(
            409,
            f"Een aansluiting met status {van} kan niet naar {naar}. Mogelijk: {mogelijk}.",
            code="ongeldige-statusovergang",
            huidigeStatus=van.value,
            toegestaneStatussen=[s.value for s in toegestane_overgangen(van)],
        )
    if overgang.alleen_logius and not door.is_logius_beheerder:
        raise Problem(
            403,
            f"Alleen Logius kan een aansluiting van {van} naar {naar} zetten.",
            code="alleen-logius",
        )
    if overgang.grondslag_vereist:
        params = []
        if not grondslag:
            params.append({"name": "grondslag", "code": "required",
                           "reason": "Opschorten vereist een grondslag: AV 5.3 of AV 5.4."})
        if not reden:
            params.append({"name": "reden", "code": "required",
                           "reason": "Opschorten gebeurt schriftelijk en met redenen (AV 5.3)."})
        if params:
            raise Problem(400, "Opschorten vereist een grondslag en een reden.",
                          code="ongeldige-invoer", invalid_params=params)
    elif grondslag:
        raise Problem(
            400,
            "Een grondslag hoort alleen bij opschorten.",
            code="ongeldige-invoer",
            invalid_params=[{"name": "grondslag", "code": "not-allowed",
                             "reason": "Alleen bij de overgang naar opgeschort."}],
        )
    if van == Status.AANGEVRAAGD:
        from core.aansluitroutes.service import vereis_klaar_voor

        vereis_klaar_voor(aansluiting, naar.value)  # 409 while a step that unlocks it is open
    nu = utcnow()
    aansluiting.status = naar.value
    if naar == Status.ACTIEF and aansluiting.geactiveerd_op is None:
        aansluiting.geactiveerd_op = nu
    if naar == Status.OPGESCHORT:
        aansluiting.opschorting_grondslag, aansluiting.opschorting_reden = grondslag, reden
    elif van == Status.OPGESCHORT:
        aansluiting.opschorting_grondslag = aansluiting.opschorting_reden = None
    if naar == Status.BEEINDIGD:
        aansluiting.beeindigd_op = nu
    wijziging = Statuswijziging(
        afnemer_id=aansluiting.afnemer_id,
        van=van.value,
        naar=naar.value,
        grondslag=grondslag,
        reden=reden,
        door=door.naam,
        tijdstip=nu,
    )
    aansluiting.statuswijzigingen.append(wijziging)
    return wijziging
