"""The statuses of a change request and the steps Logius may take between them.

``ingediend`` -> ``in-beoordeling`` -> ``geaccepteerd`` (planned into a maintenance
window) or ``afgewezen`` (with a reason). Accepting or rejecting follows an assessment,
so neither is a step from ``ingediend``; both are final.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    INGEDIEND = "ingediend"
    IN_BEOORDELING = "in-beoordeling"
    GEACCEPTEERD = "geaccepteerd"
    AFGEWEZEN = "afgewezen"


OVERGANGEN: dict[Status, tuple[Status, ...]] = {
    Status.INGEDIEND: (Status.IN_BEOORDELING,),
    Status.IN_BEOORDELING: (Status.GEACCEPTEERD, Status.AFGEWEZEN),
    Status.GEACCEPTEERD: (),
    Status.AFGEWEZEN: (),
}

#: The statuses a step can go to (everything but the submission).
STAPPEN = (Status.IN_BEOORDELING, Status.GEACCEPTEERD, Status.AFGEWEZEN)
