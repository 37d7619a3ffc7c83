"""What a plugin declares about its koppelvlakken (hook ``dienst_koppelvlakken``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Versie:
    """One version as the plugin knows it at release; later changes live in the database."""

    versie: str
    ondersteund_sinds: date
    verouderd_sinds: date | None = None
    sunset_op: date | None = None
    opvolger: str | None = None


@dataclass(frozen=True)
class Koppelvlak:
    """An interface specification an afnemer conforms to (MO 4.1).

    :param id: slug, unique within the dienst.
    :param artikel: where changing or phasing it out is ruled (e.g. ``MO 3.5``).
    """

    id: str
    naam: str
    artikel: str
    versies: tuple[Versie, ...] = field(default=())
