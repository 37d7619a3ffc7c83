"""Imports every model, so ``Base.metadata`` is complete (Alembic, tests)."""

from core.aansluitingen.models import Aansluiting, Statuswijziging
from core.afnemers.models import Afnemer
from core.audit.models import AuditRegel
from core.auth.models import ApiToken
from core.contactpersonen.models import Contactpersoon
from core.db import Base
from core.gebruikers.models import Gebruiker, Lidmaatschap, MachineClient
from core.meldingen.models import Bezorging, Gebeurtenis, WebhookEndpoint

__all__ = [
    "Aansluiting",
    "Afnemer",
    "ApiToken",
    "AuditRegel",
    "Base",
    "Bezorging",
    "Contactpersoon",
    "Gebeurtenis",
    "Gebruiker",
    "Lidmaatschap",
    "MachineClient",
    "Statuswijziging",
    "WebhookEndpoint",
]
