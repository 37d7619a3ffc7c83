"""Writing events: :func:`publiceer` adds an event and its deliveries to the session.

Call it inside the transaction that makes the change; the caller commits both at
once. Nothing is sent here: the worker (:mod:`core.meldingen.worker`) does that.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import current_app
from sqlalchemy import select

from core.contactpersonen.models import Contactpersoon
from core.db import db, utcnow
from core.meldingen.models import Bezorging, BezorgStatus, Gebeurtenis, Kanaal, WebhookEndpoint
from core.meldingen.typen import Ontvanger, soort


def abonneert_op(endpoint: WebhookEndpoint, type_: str) -> bool:
    """An empty filter means every type; ``aankondiging.*`` matches a family."""
    if not endpoint.typen:
        return True
    return any(t == type_ or (t.endswith(".*") and type_.startswith(t[:-1]))
               for t in endpoint.typen)


def publiceer(*, type: str, afnemer_id: uuid.UUID | None, onderwerp: str, tekst: str,
              data: dict[str, Any], ook_24x7: bool = False) -> Gebeurtenis:
    """Record an event for ``afnemer_id`` (or Logius) and one delivery per recipient.

    ``ook_24x7``: the e-mail also goes to every contactpersoon of the afnemer reachable
    24x7, whatever their role (a notice that cannot wait for office hours)."""
    s = soort(type)
    gebeurtenis = Gebeurtenis(
        id=uuid.uuid4(), afnemer_id=afnemer_id, type=type, onderwerp=onderwerp, tekst=tekst,
        data={**data, "artikel": data.get("artikel", s.artikel)}, aangemaakt_op=utcnow(),
    )
    db.session.add(gebeurtenis)
    nu = gebeurtenis.aangemaakt_op

    def bezorg(kanaal: Kanaal, adres: str, *, voor_afnemer: bool,
               webhook_id: uuid.UUID | None = None) -> None:
        db.session.add(Bezorging(
            id=uuid.uuid4(), gebeurtenis_id=gebeurtenis.id,
            afnemer_id=afnemer_id if voor_afnemer else None, kanaal=kanaal.value,
            webhook_id=webhook_id, adres=adres, status=BezorgStatus.WACHTEND.value,
            pogingen=0, volgende_poging_op=nu, aangemaakt_op=nu,
        ))

    if s.ontvanger == Ontvanger.LOGIUS:
        for adres in _lijst(current_app.config["LOGIUS_MELDINGEN_EMAIL"]):
            bezorg(Kanaal.EMAIL, adres, voor_afnemer=False)
        return gebeurtenis
    if s.ontvanger == Ontvanger.INTERMEDIAIR:
        return gebeurtenis  # the caller adds the e-mail to the intermediair's address
    if afnemer_id is None:
        raise ValueError(f"{type} is voor een afnemer, maar er is geen afnemer gegeven")
    endpoints = db.session.scalars(
        select(WebhookEndpoint).where(WebhookEndpoint.afnemer_id == afnemer_id,
                                      WebhookEndpoint.actief.is_(True))
        .order_by(WebhookEndpoint.aangemaakt_op)
    )
    for endpoint in endpoints:
        if abonneert_op(endpoint, type):
            bezorg(Kanaal.WEBHOOK, endpoint.url, voor_afnemer=True, webhook_id=endpoint.id)
    if s.rollen or ook_24x7:
        wie = Contactpersoon.rol.in_(s.rollen)
        if ook_24x7:
            wie = wie | (Contactpersoon.bereikbaarheid == "24x7")
        adressen = db.session.scalars(
            select(Contactpersoon.email).where(Contactpersoon.afnemer_id == afnemer_id, wie)
            .order_by(Contactpersoon.email)
        )
        for adres in dict.fromkeys(a.lower() for a in adressen):
            bezorg(Kanaal.EMAIL, adres, voor_afnemer=True)
    return gebeurtenis


def _lijst(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]
