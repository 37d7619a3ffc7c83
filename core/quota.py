"""How many of a kind one afnemer may have: webhooks and live API tokens.

200 webhooks and 100 tokens of one afnemer were accepted without a word; every webhook
is a delivery for each of its events, every token a way in. The limits are settings
(``AFNEMERSPORTAAL_MAX_WEBHOOKS_PER_AFNEMER``, ``..._MAX_TOKENS_PER_AFNEMER``); one more
is a 409 ``quotum-bereikt`` that names the limit. Creations at the same moment are
counted one after the other (the afnemer's row is locked first), so two cannot both
take the last place.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select

from core.afnemers.models import Afnemer
from core.db import db, utcnow, vergrendel
from core.errors import Problem


def binnen_quotum(afnemer: Afnemer, soort: str) -> None:
    """Refuse one more ``soort`` ('webhooks' or 'tokens') of ``afnemer`` past its limit."""
    from core.auth.models import ApiToken
    from core.meldingen.models import WebhookEndpoint

    vergrendel(Afnemer, afnemer.id)
    if soort == "webhooks":
        instelling, wat = "MAX_WEBHOOKS_PER_AFNEMER", "webhooks"
        aantal = db.session.scalar(select(func.count()).select_from(WebhookEndpoint)
                                   .where(WebhookEndpoint.afnemer_id == afnemer.id))
    else:
        instelling, wat = "MAX_TOKENS_PER_AFNEMER", "geldige API-tokens"
        aantal = db.session.scalar(select(func.count()).select_from(ApiToken).where(
            ApiToken.afnemer_id == afnemer.id, ApiToken.ingetrokken_op.is_(None),
            ApiToken.verloopt_op > utcnow()))
    grens = current_app.config[instelling]
    if aantal >= grens:
        raise Problem(409, f"{afnemer.naam} heeft al {aantal} {wat}; het portaal staat er "
                           f"{grens} per afnemer toe (AFNEMERSPORTAAL_{instelling}). "
                           "Verwijder of trek er eerst een in.", code="quotum-bereikt")
