"""Imports every model, so ``Base.metadata`` is complete (Alembic, tests)."""

from core.aankondigingen.models import Aankondiging, Ontvanger
from core.aansluitingen.models import Aansluiting, Statuswijziging
from core.aansluitroutes.models import Routestand
from core.afnemers.models import Afnemer
from core.agenda.models import AgendaSleutel
from core.audit.models import AuditRegel
from core.auth.models import ApiToken
from core.console.models import ConsoleSessie
from core.contactpersonen.models import Contactpersoon
from core.db import Base
from core.diensten.models import Schakeling
from core.feestdagen.models import Feestdag, Feestdagjaar, FeestdagWijziging
from core.gebruikers.models import Gebruiker, Lidmaatschap, MachineClient
from core.idempotentie import IdempotentieSleutel
from core.intermediairs.models import Intermediair, IntermediairMedewerker, Mandaat
from core.koppelvlakken.models import Herinnering, KoppelvlakGebruik, KoppelvlakVersie
from core.kosten.models import Kostenrun, KostenrunRegel
from core.meldingen.models import Bezorging, Gebeurtenis, WebhookEndpoint
from core.prognoses.models import Prognose
from core.serviceniveau.beschikbaarheid_models import Onbeschikbaarheid, OnbeschikbaarheidWijziging
from core.serviceniveau.incidenten.models import (
    Incident,
    IncidentStap,
    Kennisgeving,
    KennisgevingGebeurtenis,
)
from core.serviceniveau.vragen.models import Vraag
from core.tarieven.models import BtwTarief, Tarief
from core.verbruik.models import VerbruikRegel, Voorcalculatie
from core.voorwaarden.models import Acceptatie, Voorwaardenversie
from core.wijzigingsmeldingen.models import Wijzigingsmelding
from core.wijzigingsverzoeken.models import Wijzigingsverzoek, WijzigingsverzoekStap

__all__ = [
    "Schakeling",
    "AgendaSleutel",
    "Herinnering",
    "KoppelvlakGebruik",
    "KoppelvlakVersie",
    "Aankondiging",
    "Aansluiting",
    "Acceptatie",
    "Routestand",
    "Afnemer",
    "ApiToken",
    "AuditRegel",
    "Base",
    "Bezorging",
    "BtwTarief",
    "ConsoleSessie",
    "Contactpersoon",
    "Feestdag",
    "FeestdagWijziging",
    "Feestdagjaar",
    "Gebeurtenis",
    "Gebruiker",
    "IdempotentieSleutel",
    "Incident",
    "Intermediair",
    "IntermediairMedewerker",
    "IncidentStap",
    "Kennisgeving",
    "KennisgevingGebeurtenis",
    "Kostenrun",
    "KostenrunRegel",
    "Lidmaatschap",
    "MachineClient",
    "Mandaat",
    "Onbeschikbaarheid",
    "OnbeschikbaarheidWijziging",
    "Ontvanger",
    "Prognose",
    "Statuswijziging",
    "Tarief",
    "VerbruikRegel",
    "Voorcalculatie",
    "Voorwaardenversie",
    "Vraag",
    "WebhookEndpoint",
    "Wijzigingsmelding",
    "Wijzigingsverzoek",
    "WijzigingsverzoekStap",
]
