"""What a plugin declares about its koppelvlakken (hook ``dienst_koppelvlakken``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from core.types import _reeks, _slug, _soort, _tekst, _uniek


@dataclass(frozen=True)
class Versie:
    """One version as the plugin knows it at release; later changes live in the database."""

    versie: str
    ondersteund_sinds: date
    verouderd_sinds: date | None = None
    sunset_op: date | None = None
    opvolger: str | None = None

    def __post_init__(self) -> None:
        _tekst(self, "versie", self.versie)
        _soort(self, "ondersteund_sinds", self.ondersteund_sinds, date)
        for veld in ("verouderd_sinds", "sunset_op"):
            if getattr(self, veld) is not None:
                _soort(self, veld, getattr(self, veld), date)
        if self.opvolger is not None:
            _tekst(self, "opvolger", self.opvolger)


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

    def __post_init__(self) -> None:
        _slug(self, "id", self.id)
        _tekst(self, "naam", self.naam)
        _tekst(self, "artikel", self.artikel)
        _reeks(self, "versies", self.versies, Versie)
        nummers = [v.versie for v in self.versies]
        _uniek(self, "versies", nummers)
        for versie in self.versies:
            if versie.opvolger is not None and versie.opvolger not in nummers:
                raise ValueError(f"koppelvlak {self.id!r}: opvolger {versie.opvolger!r} van "
                                 f"{versie.versie} bestaat niet")
