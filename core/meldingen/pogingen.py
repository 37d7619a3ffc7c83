"""What the worker keeps of each attempt, and what it learns from them about an endpoint.

- **History.** Every attempt of a delivery is a row in ``webhook_pogingen``: when, how
  long, the outcome as ``laatsteFout`` gives it, the HTTP status if there was one, and
  the URL (or address) it went to. Numbers go on across redeliveries (a delivery's
  ``pogingen`` starts again at 0, its ``pogingen_totaal`` does not); the newest
  ``WEBHOOK_POGINGEN_BEWAARD`` are kept, so the table cannot grow without bound.
- **Health.** An endpoint whose attempts all failed since ``falend_sinds`` for longer
  than ``WEBHOOK_UITSCHAKELEN_NA`` is switched off (the reason and moment on the
  endpoint), its waiting deliveries stop, and an event ``webhook.uitgeschakeld`` goes
  out, by e-mail to the afnemer's technical contactpersonen. Any success clears
  ``falend_sinds``. A failure that is not the endpoint's doing (a secret no key of the
  portal decrypts, a removed endpoint) does not count.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select, update

from core.db import db
from core.meldingen.models import Bezorging, BezorgStatus, Poging, WebhookEndpoint


@dataclass(frozen=True)
class Uitkomst:
    """One attempt as the sending thread saw it."""

    fout: str | None
    op: datetime
    duur_ms: int
    http_status: int | None = None


#: The outcome of an attempt that was accepted.
BEZORGD = "bezorgd"


def vastleggen(pogingen: Iterable[tuple[uuid.UUID, uuid.UUID | None, int, str, Uitkomst]],
               bewaard: int) -> None:
    """Write attempts ``(bezorging, afnemer, nummer, adres, uitkomst)`` in one statement,
    then drop what lies past the newest ``bewaard`` of each delivery."""
    rijen = [{"id": uuid.uuid4(), "bezorging_id": bezorging, "afnemer_id": afnemer,
              "nummer": nummer, "op": u.op, "duur_ms": u.duur_ms,
              "uitkomst": (u.fout or BEZORGD)[:300], "http_status": u.http_status,
              "adres": adres[:2000]}
             for bezorging, afnemer, nummer, adres, u in pogingen]
    if not rijen:
        return
    db.session.execute(insert(Poging), rijen)
    for rij in rijen:
        if rij["nummer"] > bewaard:
            db.session.execute(
                delete(Poging).where(Poging.bezorging_id == rij["bezorging_id"],
                                     Poging.nummer <= rij["nummer"] - bewaard),
                execution_options={"synchronize_session": False})


def telt_voor_endpoint(fout: str) -> bool:
    """Whether a failure says something about the endpoint (not about the portal)."""
    return not fout.startswith(("sleutel", "Definitief"))


def gelukt(webhook_ids: Iterable[uuid.UUID]) -> None:
    """A success resets the clock of each endpoint that had one running."""
    ids = list({w for w in webhook_ids if w is not None})
    if ids:
        db.session.execute(
            update(WebhookEndpoint).where(WebhookEndpoint.id.in_(ids),
                                          WebhookEndpoint.falend_sinds.is_not(None))
            .values(falend_sinds=None), execution_options={"synchronize_session": False})


def mislukt(webhook_id: uuid.UUID, nu: datetime, uitschakelen_na: timedelta) -> bool:
    """Start the endpoint's clock if it is not running; switch the endpoint off if it has
    run longer than ``uitschakelen_na``. Returns whether it was switched off now."""
    db.session.execute(
        update(WebhookEndpoint).where(WebhookEndpoint.id == webhook_id,
                                      WebhookEndpoint.falend_sinds.is_(None))
        .values(falend_sinds=nu), execution_options={"synchronize_session": False})
    rij = db.session.execute(
        select(WebhookEndpoint.afnemer_id, WebhookEndpoint.url, WebhookEndpoint.falend_sinds)
        .where(WebhookEndpoint.id == webhook_id, WebhookEndpoint.actief.is_(True),
               WebhookEndpoint.falend_sinds <= nu - uitschakelen_na)).first()
    if rij is None:
        return False
    afnemer_id, url, sinds = rij
    reden = (f"Elke bezorging mislukte sinds {sinds.isoformat(timespec='seconds')}, langer "
             f"dan {_duur(uitschakelen_na)}; zet het endpoint weer aan als het werkt.")
    db.session.execute(
        update(WebhookEndpoint).where(WebhookEndpoint.id == webhook_id)
        .values(actief=False, uitgeschakeld_op=nu, uitgeschakeld_reden=reden[:300],
                versie=WebhookEndpoint.versie + 1),
        execution_options={"synchronize_session": False})
    # What still waits for it stops here; a redelivery after it is switched on sends it.
    db.session.execute(
        update(Bezorging).where(Bezorging.webhook_id == webhook_id,
                                Bezorging.status == BezorgStatus.WACHTEND.value)
        .values(status=BezorgStatus.DOOD.value, geclaimd_tot=None,
                laatste_fout="uitgeschakeld: het endpoint faalde te lang"),
        execution_options={"synchronize_session": False})
    from core.meldingen.outbox import publiceer

    publiceer(type="webhook.uitgeschakeld", afnemer_id=afnemer_id,
              onderwerp="Webhook-endpoint uitgeschakeld",
              tekst=(f"Het webhook-endpoint {url} is uitgeschakeld. {reden} Nieuwe "
                     "gebeurtenissen gaan er niet meer heen; mislukte bezorgingen kunt u "
                     "na het aanzetten opnieuw laten bezorgen of herhalen."),
              data={"webhookId": str(webhook_id), "url": url,
                    "falendSinds": sinds.isoformat(), "uitgeschakeldOp": nu.isoformat()})
    return True


def _duur(duur: timedelta) -> str:
    seconden = int(duur.total_seconds())
    if seconden % 86400 == 0:
        dagen = seconden // 86400
        return f"{dagen} dag{'en' if dagen != 1 else ''}"
    if seconden % 3600 == 0:
        return f"{seconden // 3600} uur"
    return f"{seconden} seconden"
