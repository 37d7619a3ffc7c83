"""A dienst's service level as data (hook ``dienst_serviceniveau``): what core's service
level engine needs to prioritise incidents, compute their deadlines, measure
availability, check maintenance windows and report the monthly norms.

Every figure carries the article it comes from. Like :mod:`core.types` these are small
frozen values that check their own fields when they are made; what spans a dienst (an
omgeving the dienst does not have, a function referred to that it does not list) is
checked by core when the plugins are loaded. Imports nothing heavier than the standard
library and :mod:`core.types`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from core.types import Keuze, _geheel, _reeks, _slug, _soort, _tekst, _uniek
from core.werktijd import Kantoortijden


class Niveau(StrEnum):
    """A level of impact or of urgency."""

    HOOG = "hoog"
    MIDDEN = "midden"
    LAAG = "laag"


class Uursoort(StrEnum):
    """How a resolution time is counted."""

    #: Every hour of the clock, day and night, counted in UTC (so the night the clocks
    #: change counts its real hours).
    KLOKUREN = "klokuren"
    #: Only the hours of the dienst's office window on working days.
    KANTOORUREN = "kantooruren"


class Onbeschikbaarheidssoort(StrEnum):
    """Why a dienst was not available."""

    STORING = "storing"
    GEPLAND_ONDERHOUD = "gepland-onderhoud"
    #: Announced but not planned in a window: counts as unavailability.
    SPOEDONDERHOUD = "spoedonderhoud"


def _percentage(obj: object, veld: str, waarde: object) -> None:
    _soort(obj, veld, waarde, Decimal)
    if not Decimal(0) < waarde <= Decimal(100):  # type: ignore[operator]
        raise ValueError(f"{type(obj).__name__}.{veld} is een percentage boven 0 en hooguit "
                         f"100, niet {waarde!r}")


@dataclass(frozen=True)
class Definitie:
    """What one level of impact or urgency means, in the dienst's words."""

    niveau: Niveau
    omschrijving: str

    def __post_init__(self) -> None:
        _soort(self, "niveau", self.niveau, Niveau)
        _tekst(self, "omschrijving", self.omschrijving)


@dataclass(frozen=True)
class Oplostijd:
    """How long an incident of one priority in one omgeving may take to resolve."""

    omgeving: str
    prioriteit: int
    uren: int
    soort: Uursoort
    artikel: str

    def __post_init__(self) -> None:
        _slug(self, "omgeving", self.omgeving)
        _geheel(self, "prioriteit", self.prioriteit, 1)
        _geheel(self, "uren", self.uren, 1)
        _soort(self, "soort", self.soort, Uursoort)
        _tekst(self, "artikel", self.artikel)


@dataclass(frozen=True)
class Beschikbaarheidsnorm:
    """The availability an omgeving must reach per month, in percent.

    :param venster: ``None`` when the omgeving is measured around the clock (minus the
        planned maintenance); otherwise the window of working days it is measured over
        (pre-production: working days 08:00-18:00).
    """

    omgeving: str
    norm: Decimal
    artikel: str
    venster: Kantoortijden | None = None

    def __post_init__(self) -> None:
        _slug(self, "omgeving", self.omgeving)
        _percentage(self, "norm", self.norm)
        _tekst(self, "artikel", self.artikel)
        if self.venster is not None:
            _soort(self, "venster", self.venster, Kantoortijden)


@dataclass(frozen=True)
class Onderhoudsregel:
    """When planned maintenance may take place in one omgeving.

    :param dagen: ``(n, weekdag)`` pairs: the n-th given weekday of the month (weekdag 0
        is Monday), e.g. ``((2, 0), (2, 2))`` for the second Monday and the second
        Wednesday.
    :param begin: start of the window on those days (local time); :param eind: its end.
    :param max_per_maand: how many windows a month at most.
    :param max_uren: how many hours one maintenance may last at most.
    """

    omgeving: str
    dagen: tuple[tuple[int, int], ...]
    begin: time
    eind: time
    max_per_maand: int
    max_uren: int
    artikel: str

    def __post_init__(self) -> None:
        _slug(self, "omgeving", self.omgeving)
        if not isinstance(self.dagen, (tuple, list)) or not self.dagen:
            raise ValueError("Onderhoudsregel.dagen is een niet-lege reeks (n, weekdag)")
        for paar in self.dagen:
            if (not isinstance(paar, tuple) or len(paar) != 2
                    or not all(isinstance(x, int) and not isinstance(x, bool) for x in paar)
                    or not 1 <= paar[0] <= 5 or not 0 <= paar[1] <= 6):
                raise ValueError(f"Onderhoudsregel.dagen: {paar!r} is geen (n 1-5, weekdag 0-6)")
        object.__setattr__(self, "dagen", tuple(self.dagen))
        _soort(self, "begin", self.begin, time)
        _soort(self, "eind", self.eind, time)
        if not self.begin < self.eind:
            raise ValueError(f"Onderhoudsregel: begin {self.begin} ligt niet voor eind "
                             f"{self.eind}")
        _geheel(self, "max_per_maand", self.max_per_maand, 1)
        _geheel(self, "max_uren", self.max_uren, 1)
        _tekst(self, "artikel", self.artikel)


@dataclass(frozen=True)
class Reactietermijn:
    """How soon questions and complaints are answered, and the monthly norm."""

    werkdagen: int
    norm: Decimal
    artikel: str

    def __post_init__(self) -> None:
        _geheel(self, "werkdagen", self.werkdagen, 1)
        _percentage(self, "norm", self.norm)
        _tekst(self, "artikel", self.artikel)


@dataclass(frozen=True)
class Serviceniveau:
    """The service level of a dienst (returned by ``dienst_serviceniveau``).

    :param bron: the document, with its version (``Serviceniveauovereenkomst <dienst> 2.8``).
    :param functies: the dienst's functions an incident or unavailability can affect.
    :param impact: :class:`Definitie` of each of the three impact levels.
    :param urgentie: likewise for urgency.
    :param prioriteiten: ``(impact, urgentie) -> prioriteit`` for all nine pairs.
    :param oplostijden: per omgeving and priority; a priority without an entry in an
        omgeving does not exist there (core refuses an incident that gets it).
    :param oplosnorm: share of incidents resolved in time each month, in percent.
    :param kantooruren: the window office hours are counted in, on working days;
        :param kantooruren_artikel: where that is said.
    :param reactietermijn: for questions and complaints.
    :param meldtermijn_minuten: how soon after detecting a P1 or a calamity Logius tells
        the afnemers.
    :param beschikbaarheid: the monthly availability norm per omgeving.
    :param onderhoud: the planned maintenance windows per omgeving.
    :param wijzigingsverzoek_artikel: where the dienst asks for change requests (RfC)
        with the four items core requires (indiener with contact, the proposed change as
        a result, the intended benefits, the current drawbacks); ``None``: the dienst
        takes no change requests through the portal.
    :param release_artikel: where accepted changes are planned into a maintenance window
        (the release calendar); defaults to ``wijzigingsverzoek_artikel``.
    """

    bron: str
    functies: tuple[Keuze, ...]
    impact: tuple[Definitie, ...]
    urgentie: tuple[Definitie, ...]
    prioriteiten: Mapping[tuple[Niveau, Niveau], int]
    prioriteit_artikel: str
    oplostijden: tuple[Oplostijd, ...]
    oplosnorm: Decimal
    oplosnorm_artikel: str
    kantooruren: Kantoortijden
    kantooruren_artikel: str
    reactietermijn: Reactietermijn
    meldtermijn_minuten: int
    meldtermijn_artikel: str
    beschikbaarheid: tuple[Beschikbaarheidsnorm, ...] = ()
    onderhoud: tuple[Onderhoudsregel, ...] = ()
    wijzigingsverzoek_artikel: str | None = None
    release_artikel: str | None = None

    def __post_init__(self) -> None:
        _tekst(self, "bron", self.bron)
        _reeks(self, "functies", self.functies, Keuze)
        if not self.functies:
            raise ValueError("Serviceniveau.functies: een dienst heeft minstens één functie")
        _uniek(self, "functies", [f.slug for f in self.functies])
        for veld in ("impact", "urgentie"):
            waarden = getattr(self, veld)
            _reeks(self, veld, waarden, Definitie)
            if sorted(d.niveau for d in waarden) != sorted(Niveau):
                raise ValueError(f"Serviceniveau.{veld}: elk niveau (hoog, midden, laag) "
                                 "precies één keer")
            object.__setattr__(self, veld, tuple(waarden))
        if not isinstance(self.prioriteiten, Mapping):
            raise TypeError("Serviceniveau.prioriteiten is een mapping (impact, urgentie) -> "
                            "prioriteit")
        paren = {(i, u) for i in Niveau for u in Niveau}
        if set(self.prioriteiten) != paren:
            ontbreekt = sorted(f"{i}/{u}" for i, u in paren - set(self.prioriteiten))
            raise ValueError(f"Serviceniveau.prioriteiten: alle negen paren van impact en "
                             f"urgentie, ontbrekend: {ontbreekt}")
        for paar, prioriteit in self.prioriteiten.items():
            _geheel(self, f"prioriteiten[{paar[0]}/{paar[1]}]", prioriteit, 1)
        object.__setattr__(self, "prioriteiten", MappingProxyType(dict(self.prioriteiten)))
        _tekst(self, "prioriteit_artikel", self.prioriteit_artikel)
        _reeks(self, "oplostijden", self.oplostijden, Oplostijd)
        _uniek(self, "oplostijden",
               [f"{o.omgeving}/P{o.prioriteit}" for o in self.oplostijden])
        object.__setattr__(self, "oplostijden", tuple(self.oplostijden))
        _percentage(self, "oplosnorm", self.oplosnorm)
        _tekst(self, "oplosnorm_artikel", self.oplosnorm_artikel)
        _soort(self, "kantooruren", self.kantooruren, Kantoortijden)
        _tekst(self, "kantooruren_artikel", self.kantooruren_artikel)
        _soort(self, "reactietermijn", self.reactietermijn, Reactietermijn)
        _geheel(self, "meldtermijn_minuten", self.meldtermijn_minuten, 1)
        _tekst(self, "meldtermijn_artikel", self.meldtermijn_artikel)
        _reeks(self, "beschikbaarheid", self.beschikbaarheid, Beschikbaarheidsnorm)
        _uniek(self, "beschikbaarheid", [b.omgeving for b in self.beschikbaarheid])
        object.__setattr__(self, "beschikbaarheid", tuple(self.beschikbaarheid))
        _reeks(self, "onderhoud", self.onderhoud, Onderhoudsregel)
        _uniek(self, "onderhoud", [o.omgeving for o in self.onderhoud])
        object.__setattr__(self, "onderhoud", tuple(self.onderhoud))
        for veld in ("wijzigingsverzoek_artikel", "release_artikel"):
            if getattr(self, veld) is not None:
                _tekst(self, veld, getattr(self, veld))
        if self.release_artikel is not None and self.wijzigingsverzoek_artikel is None:
            raise ValueError("Serviceniveau.release_artikel zonder wijzigingsverzoek_artikel: "
                             "zonder wijzigingsverzoeken valt er niets in te plannen")

    # --- what the engine asks ------------------------------------------------------------

    def prioriteit(self, impact: Niveau, urgentie: Niveau) -> int:
        return self.prioriteiten[(Niveau(impact), Niveau(urgentie))]

    def oplostijd(self, omgeving: str, prioriteit: int) -> Oplostijd | None:
        """The resolution time, or ``None`` when that priority does not exist there."""
        return next((o for o in self.oplostijden
                     if o.omgeving == omgeving and o.prioriteit == prioriteit), None)

    def norm(self, omgeving: str) -> Beschikbaarheidsnorm | None:
        return next((b for b in self.beschikbaarheid if b.omgeving == omgeving), None)

    def onderhoudsregel(self, omgeving: str) -> Onderhoudsregel | None:
        return next((o for o in self.onderhoud if o.omgeving == omgeving), None)
