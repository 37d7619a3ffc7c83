"""Rules that incidents and questions share: which diensten take them, when a melding
counts as made, and the working-day calendar their terms are counted in.

- Only a dienst that declares a service level (hook ``dienst_serviceniveau``) takes
  incidents and questions through the portal: without one there is no priority, no
  term and no norm to hold Logius to. Such a melding is refused (400 naming ``dienst``
  and the rule) rather than recorded without a term.
- A melding is made at the moment of the request. Only a Logius beheerder may record an
  earlier moment (``gemeldOp``, ``gesteldOp``): a report that came in by phone, whose
  clock started when the call came in. Nobody records a moment in the future.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.api.converters import JAAR_MIN
from core.auth.principal import Principal
from core.plugins import diensten
from core.serviceniveau.typen import Serviceniveau
from core.uitbreidingen.bijdragen import uitbreidingen
from core.werktijd import Werkkalender

#: The hook a dienst declares its service level with: named in the refusals.
HOOK = "dienst_serviceniveau"
#: A moment sent by an afnemer this close to the request counts as the request (clocks
#: of client and server differ a little); earlier is a moment in the past.
SPELING = timedelta(minutes=5)
VROEGST = datetime(JAAR_MIN, 1, 1, tzinfo=UTC)


def serviceniveau(dienst: str) -> Serviceniveau | None:
    return uitbreidingen().serviceniveau(dienst)


def dienst_fout(dienst: str | None, wat: str) -> str | None:
    """Why ``dienst`` takes no ``wat`` (``incidenten``, ``vragen en klachten``), or
    ``None`` when it does."""
    if dienst is None:
        return None
    if diensten().get(dienst) is None:
        bekend = ", ".join(d.slug for d in diensten().alle())
        return f"Onbekende dienst; kies een van: {bekend}."
    if serviceniveau(dienst) is None:
        met = ", ".join(uitbreidingen().met_serviceniveau()) or "geen"
        return (f"De dienst {dienst} heeft geen serviceniveau (hook {HOOK}): zonder "
                f"prioriteiten, termijnen en normen neemt het portaal er geen {wat} voor "
                f"aan. Meld die bij het Servicecentrum Logius. Diensten met een "
                f"serviceniveau: {met}.")
    return None


def moment_fout(moment: datetime | None, door: Principal, nu: datetime,
                veld: str) -> str | None:
    """Why ``moment`` cannot be the moment of a melding, or ``None`` when it can."""
    if moment is None:
        return None
    if moment > nu + SPELING:
        return f"{veld} ligt in de toekomst; een melding wordt gedaan, niet vooruit gepland."
    if moment < VROEGST:
        return f"{veld} ligt voor {VROEGST.date().isoformat()}."
    if moment < nu - SPELING and not door.is_logius_beheerder:
        return (f"Alleen een Logius-beheerder legt een melding vast met {veld} in het "
                "verleden (een telefonische melding); laat het veld weg, dan geldt het "
                "moment van dit verzoek.")
    return None


def moment_van_melding(moment: datetime | None, door: Principal, nu: datetime) -> datetime:
    """The moment a melding counts from: the one a Logius beheerder gave, else ``nu``."""
    if moment is not None and door.is_logius_beheerder and moment < nu:
        return moment.astimezone(UTC)
    return nu


def werkkalender(van: datetime, nu: datetime) -> Werkkalender:
    """The working-day calendar from ``van``'s year to a year past ``nu``."""
    from core.feestdagen.service import kalender

    return kalender(min(van.year, nu.year), max(van.year, nu.year) + 1)
