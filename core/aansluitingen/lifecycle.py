"""The lifecycle of an aansluiting, as a table of allowed transitions.

aangevraagd -> actief -> opgeschort -> actief | beeindigd; any live state may end.
Activating, suspending and resuming are Logius' acts; an afnemer may withdraw its
aanvraag or end its own aansluiting. Suspension needs a written reason and its
ground: non-compliance (AV 5.3) or a security incident (AV 5.4, no notice needed).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    AANGEVRAAGD = "aangevraagd"
    ACTIEF = "actief"
    OPGESCHORT = "opgeschort"
    BEEINDIGD = "beeindigd"


class Grondslag(StrEnum):
    NIET_NALEVEN = "AV 5.3"  # requirements not met: suspension in writing, with reasons
    BEVEILIGINGSINCIDENT = "AV 5.4"  # security incident: suspension without prior notice


@dataclass(frozen=True)
class Overgang:
    van: Status
    naar: Status
    alleen_logius: bool
    grondslag_vereist: bool = False


OVERGANGEN = {
    (o.van, o.naar): o
    for o in (
        Overgang(Status.AANGEVRAAGD, Status.ACTIEF, alleen_logius=True),
        Overgang(Status.AANGEVRAAGD, Status.BEEINDIGD, alleen_logius=False),
        Overgang(Status.ACTIEF, Status.OPGESCHORT, alleen_logius=True, grondslag_vereist=True),
        Overgang(Status.ACTIEF, Status.BEEINDIGD, alleen_logius=False),
        Overgang(Status.OPGESCHORT, Status.ACTIEF, alleen_logius=True),
        Overgang(Status.OPGESCHORT, Status.BEEINDIGD, alleen_logius=False),
    )
}


def toegestane_overgangen(van: Status) -> list[Status]:
    return [naar for (v, naar) in OVERGANGEN if v == van]
