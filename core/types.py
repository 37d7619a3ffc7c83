"""What plugins hand to core: small, frozen, typed values.

Every hook in :mod:`core.hookspecs` returns these, never loose dicts, so core can
validate a plugin's contribution at start-up and name the plugin when it is wrong.
Rules are data: each obligation and each term carries the article it comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Afnemertype(StrEnum):
    """The kinds of organisation that can be an afnemer (AV 1)."""

    RIJKSOVERHEID = "rijksoverheid"
    GEMEENTE = "gemeente"
    PROVINCIE = "provincie"
    WATERSCHAP = "waterschap"
    OVERIGE_NIET_RIJKSOVERHEID = "overige niet-rijksoverheid"
    BEDRIJF = "bedrijf"


class Eenheid(StrEnum):
    """How a period is counted (DOMAIN.md, 'Reading periods')."""

    KALENDERMAANDEN = "kalendermaanden"
    KALENDERDAGEN = "kalenderdagen"
    WERKDAGEN = "werkdagen"
    UREN = "uren"
    KANTOORUREN = "kantooruren"


class Partij(StrEnum):
    AFNEMER = "afnemer"
    LOGIUS = "logius"
    BEIDE = "beide"


@dataclass(frozen=True)
class Termijn:
    """A period such as 'one month' or '10 office hours'."""

    aantal: int
    eenheid: Eenheid

    def __str__(self) -> str:
        return f"{self.aantal} {self.eenheid.value}"


@dataclass(frozen=True)
class Keuze:
    """Something an aansluiting chooses: an omgeving or an onderdeel."""

    slug: str
    naam: str
    omschrijving: str = ""
    artikel: str | None = None


@dataclass(frozen=True)
class Kenmerk:
    """A fact about a dienst worth showing, such as its zekerheidsniveaus."""

    naam: str
    waarden: tuple[str, ...]
    artikel: str


@dataclass(frozen=True)
class DienstInfo:
    """Identity of one dienst, returned by ``dienst_info``.

    :param slug: lower-case identifier used in URLs, e.g. ``digid``.
    :param omgevingen: the environments an aansluiting can be on (at least one).
    :param onderdelen: the parts an aansluiting can choose; empty if none.
    :param onderdelen_verplicht: an aansluiting must choose at least one onderdeel.
    :param afnemertypes: the afnemer types that may connect; ``None`` means all.
    :param bron: the document the facts come from, with its version.
    """

    slug: str
    naam: str
    omschrijving: str
    bron: str
    omgevingen: tuple[Keuze, ...]
    onderdelen: tuple[Keuze, ...] = ()
    onderdelen_verplicht: bool = False
    afnemertypes: tuple[Afnemertype, ...] | None = None
    kenmerken: tuple[Kenmerk, ...] = ()

    def omgeving(self, slug: str) -> Keuze | None:
        return next((o for o in self.omgevingen if o.slug == slug), None)

    def onderdeel(self, slug: str) -> Keuze | None:
        return next((o for o in self.onderdelen if o.slug == slug), None)


@dataclass(frozen=True)
class Verplichting:
    """One obligation of a terms document, in the project's own words.

    :param id: slug, unique within the document.
    :param artikel: where it comes from, e.g. ``AV 2.8``.
    :param partij: who must act.
    :param termijn: the period involved, if any (a lead time, a notice period...).
    """

    id: str
    artikel: str
    partij: Partij
    omschrijving: str
    termijn: Termijn | None = None


@dataclass(frozen=True)
class Wijzigingsregel:
    """How changes to a terms document are announced and what rejection means.

    :param aankondiging: minimum notice before the change date (AV 13.1, MO 8.1).
    :param einde_na_afwijzing: delivery ends this long after the change date if the
        afnemer rejects (AV 13.2, MO 8.2); ``None`` when rejection opens consultation
        instead (AV 14.2).
    """

    aankondiging: Termijn | None
    aankondiging_artikel: str
    einde_na_afwijzing: Termijn | None
    afwijzing_artikel: str


@dataclass(frozen=True)
class VoorwaardenDocument:
    """A versioned terms document that applies to a dienst.

    :param id: slug, unique across all plugins (e.g. ``digid-sno``).
    :param dienst: the slug of the dienst it belongs to; ``None`` only for core's
        Algemene Voorwaarden, which apply to every dienst.
    :param ingangsdatum: the date this version took effect, if the source gives one.
    """

    id: str
    titel: str
    versie: str
    bron: str
    dienst: str | None
    ingangsdatum: date | None = None
    wijziging: Wijzigingsregel | None = None
    verplichtingen: tuple[Verplichting, ...] = field(default=())
