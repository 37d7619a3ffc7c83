"""What a plugin hands to core for its onboarding route (``dienst_route``).

A route is the list of steps that take an afnemer from its aanvraag to a working
aansluiting, each with who acts, what it waits for, by when, what it asks as evidence,
where it comes from and which status change of the aansluiting it must precede. Like
:mod:`core.types` these are frozen values that check themselves when they are made, so
a wrong route fails where the plugin builds it. Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from core.types import SLUG, Eenheid, Partij, Termijn

#: A deadline counted from the aansluiting's aanvraag (the signing date of the form).
AANVRAAG = "aanvraag"
#: A deadline counted from the aansluiting's first activation (going to production).
ACTIVERING = "activering"
#: The units a step's deadline can be counted in (DOMAIN.md, 'Reading periods').
EENHEDEN = (Eenheid.WERKDAGEN, Eenheid.KALENDERDAGEN, Eenheid.KALENDERMAANDEN)
#: The aansluiting statuses a step can have to precede.
STATUSSEN = ("actief",)
_KENMERK = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Bronsoort(StrEnum):
    """Where a step comes from.

    - ``brondocument``: an article of a published, versioned Logius document (terms,
      service description);
    - ``publieke-informatie``: Logius' public description of how connecting works today,
      without an article;
    - ``aanname``: neither says it; the step is kept minimal and says so.
    """

    BRONDOCUMENT = "brondocument"
    PUBLIEK = "publieke-informatie"
    AANNAME = "aanname"


class Bewijssoort(StrEnum):
    """What a step asks its owner to hand in when completing it: the reference of a
    document (a signed form, an assessment report) or of a test report."""

    DOCUMENT = "document"
    TESTRAPPORT = "testrapport"


def _tekst(wat: str, veld: str, waarde: object) -> None:
    if not isinstance(waarde, str) or not waarde.strip():
        raise ValueError(f"{wat}: {veld} is een tekst met minstens één teken")


@dataclass(frozen=True)
class Routetermijn:
    """By when a step must be done: ``termijn`` after ``na``, which is an earlier step's
    slug (counted from the moment it was completed), :data:`AANVRAAG` or
    :data:`ACTIVERING`. Working days skip weekends and the holidays core keeps; calendar
    months keep the day number (clamped to the month's end)."""

    termijn: Termijn
    na: str

    def __post_init__(self) -> None:
        if not isinstance(self.termijn, Termijn):
            raise ValueError("routetermijn: termijn is een Termijn")
        if self.termijn.eenheid not in EENHEDEN:
            raise ValueError("routetermijn: de eenheid is werkdagen, kalenderdagen of "
                             f"kalendermaanden, niet {self.termijn.eenheid.value}")
        _tekst("routetermijn", "na", self.na)

    def __str__(self) -> str:
        na = {AANVRAAG: "de aanvraag", ACTIVERING: "activering"}.get(self.na,
                                                                      f"stap {self.na}")
        return f"{self.termijn} na {na}"


@dataclass(frozen=True)
class Routestap:
    """One step of a route.

    :param slug: stable id of the step within the route (part of the API path).
    :param naam: what the step is, for people.
    :param eigenaar: who completes it: ``Partij.AFNEMER`` (its beheerder) or
        ``Partij.LOGIUS``.
    :param bron: the article or source it comes from (``DP 2.5 Individuele begeleiding``).
    :param bronsoort: :class:`Bronsoort`: a document's article, public information, or
        neither (an assumption, kept minimal).
    :param omschrijving: what to do, for the owner.
    :param na: slugs of earlier steps that must be done first.
    :param termijn: a :class:`Routetermijn`, or ``None`` for a step without deadline.
    :param bewijs: a :class:`Bewijssoort` the owner hands in to complete it, or ``None``.
    :param ontgrendelt: an aansluiting status (``actief``) the aansluiting cannot be given
        while this step (or a step it waits for) is open; ``None`` for none.
    """

    slug: str
    naam: str
    eigenaar: Partij
    bron: str
    bronsoort: Bronsoort
    omschrijving: str = ""
    na: tuple[str, ...] = ()
    termijn: Routetermijn | None = None
    bewijs: Bewijssoort | None = None
    ontgrendelt: str | None = None

    def __post_init__(self) -> None:
        wat = f"routestap {self.slug!r}"
        if not isinstance(self.slug, str) or not SLUG.match(self.slug):
            raise ValueError(f"{wat}: de slug is kleine letters, cijfers en '-'")
        for veld in ("naam", "bron"):
            _tekst(wat, veld, getattr(self, veld))
        object.__setattr__(self, "eigenaar", Partij(self.eigenaar))
        if self.eigenaar not in (Partij.AFNEMER, Partij.LOGIUS):
            raise ValueError(f"{wat}: de eigenaar is afnemer of logius")
        object.__setattr__(self, "bronsoort", Bronsoort(self.bronsoort))
        object.__setattr__(self, "na", tuple(self.na))
        if self.termijn is not None and not isinstance(self.termijn, Routetermijn):
            raise ValueError(f"{wat}: termijn is een Routetermijn of None")
        if self.bewijs is not None:
            object.__setattr__(self, "bewijs", Bewijssoort(self.bewijs))
        if self.ontgrendelt is not None and self.ontgrendelt not in STATUSSEN:
            raise ValueError(f"{wat}: ontgrendelt is een van {STATUSSEN} of None")


@dataclass(frozen=True)
class Aansluitroute:
    """A dienst's onboarding route (``dienst_route``).

    :param naam: the route's name.
    :param bron: the document or source the route as a whole follows.
    :param stappen: the steps in order; a step waits only for earlier ones, and a deadline
        counts from an earlier step, the aanvraag or the activation.
    :param omgevingen: the omgevingen whose aansluitingen follow it; empty for all.
    """

    naam: str
    bron: str
    stappen: tuple[Routestap, ...]
    omgevingen: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _tekst("route", "naam", self.naam)
        _tekst("route", "bron", self.bron)
        object.__setattr__(self, "stappen", tuple(self.stappen))
        object.__setattr__(self, "omgevingen", tuple(self.omgevingen))
        if not self.stappen:
            raise ValueError("route: een route heeft minstens één stap")
        eerder: set[str] = set()
        for stap in self.stappen:
            if not isinstance(stap, Routestap):
                raise ValueError(f"route: {stap!r} is geen Routestap")
            if stap.slug in eerder:
                raise ValueError(f"route: de stap {stap.slug!r} staat er twee keer in")
            onbekend = [s for s in stap.na if s not in eerder]
            if onbekend:
                raise ValueError(f"route: stap {stap.slug!r} wacht op {onbekend}, die niet "
                                 "eerder in de route staan")
            if stap.termijn is not None and stap.termijn.na not in (
                    eerder | {AANVRAAG, ACTIVERING}):
                raise ValueError(f"route: de termijn van stap {stap.slug!r} telt vanaf "
                                 f"{stap.termijn.na!r}: geen eerdere stap, '{AANVRAAG}' of "
                                 f"'{ACTIVERING}'")
            eerder.add(stap.slug)

    def stap(self, slug: str) -> Routestap | None:
        return next((s for s in self.stappen if s.slug == slug), None)

    def geldt_voor(self, omgeving: str) -> bool:
        return not self.omgevingen or omgeving in self.omgevingen

    def vereist_voor(self, status: str) -> list[Routestap]:
        """The steps that must be done before the aansluiting gets ``status``: those that
        unlock it and every step they wait for, in route order."""
        nodig: set[str] = set()
        for stap in reversed(self.stappen):
            if stap.ontgrendelt == status or stap.slug in nodig:
                nodig.add(stap.slug)
                nodig.update(stap.na)
        return [s for s in self.stappen if s.slug in nodig]
