"""What a plugin hands to core for the parts it brings itself: migrations, event types,
settings, deadlines and reminders (the hooks of :mod:`core.hookspecs` after the
prognosis ones).

Like :mod:`core.types` these are small frozen values that check themselves when they
are made, so a wrong value fails where the plugin builds it; the plugin manager then
names the plugin. This module imports nothing heavier than the standard library.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any

from core.types import SLUG

#: A setting's name: lower case, digits and underscores, starting with a letter.
INSTELLINGNAAM = re.compile(r"^[a-z][a-z0-9_]*$")
#: An event type: the dienst's slug, a dot, and a slug (``voorbeeld.notitie-geplaatst``).
GEBEURTENISTYPE = re.compile(r"^[a-z][a-z0-9-]*\.[a-z][a-z0-9]*(-[a-z0-9]+)*$")
#: The contactpersoon roles an e-mail can go to (AV 2.4 and the foundation's roles).
CONTACTROLLEN = frozenset({"algemeen", "technisch", "financieel", "privacy"})


def _tekst(waarde: Any, veld: str, wat: str) -> None:
    if not isinstance(waarde, str) or not waarde.strip():
        raise ValueError(f"{wat}: {veld} is een tekst met minstens één teken")


class Ontvanger(StrEnum):
    """Who an event is for: the afnemer (webhooks, e-mail to its contactpersonen, the
    feed) or Logius (e-mail to the Logius address)."""

    AFNEMER = "afnemer"
    LOGIUS = "logius"


@dataclass(frozen=True)
class Gebeurtenistype:
    """An event a plugin may publish (``dienst_gebeurtenissen``).

    :param type: ``<slug>.<naam>``, the dienst's own slug first.
    :param omschrijving: what happened, for the document and the feed.
    :param artikel: the article that makes telling it a duty (``AV 2.6`` in general).
    :param ontvanger: :class:`Ontvanger`.
    :param rollen: contactpersoon roles that get the e-mail (afnemer events only).
    """

    type: str
    omschrijving: str
    artikel: str
    ontvanger: Ontvanger = Ontvanger.AFNEMER
    rollen: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        wat = f"gebeurtenistype {self.type!r}"
        if not isinstance(self.type, str) or not GEBEURTENISTYPE.match(self.type):
            raise ValueError(f"{wat}: het type is '<dienst>.<naam>' in kleine letters")
        _tekst(self.omschrijving, "omschrijving", wat)
        _tekst(self.artikel, "artikel", wat)
        object.__setattr__(self, "ontvanger", Ontvanger(self.ontvanger))
        object.__setattr__(self, "rollen", tuple(self.rollen))
        onbekend = set(self.rollen) - CONTACTROLLEN
        if onbekend:
            raise ValueError(f"{wat}: onbekende contactrollen {sorted(onbekend)}; "
                             f"kies uit {sorted(CONTACTROLLEN)}")
        if self.rollen and self.ontvanger is Ontvanger.LOGIUS:
            raise ValueError(f"{wat}: een gebeurtenis voor Logius gaat niet naar "
                             "contactpersonen van een afnemer")


class Waardesoort(StrEnum):
    """The kind of value a setting holds; the text from the environment is parsed so."""

    TEKST = "tekst"
    GETAL = "getal"
    JA_NEE = "ja-nee"
    URL = "url"


@dataclass(frozen=True)
class Instelling:
    """A setting a plugin declares (``dienst_instellingen``).

    It is read from ``AFNEMERSPORTAAL_DIENST_<SLUG>_<NAAM>`` in the environment (or
    the key ``DIENST_<SLUG>_<NAAM>`` of the app's configuration), upper case, with
    ``-`` as ``_``. Without a value the ``standaard`` applies; a ``verplicht`` setting
    without either stops start-up, naming the plugin and the setting.

    :param naam: lower case with underscores.
    :param omschrijving: what it sets, for the status page and the guide.
    :param soort: :class:`Waardesoort`; the value is parsed and checked accordingly.
    :param standaard: the default, already of the right kind (``None`` for none).
    :param verplicht: whether the dienst cannot work without a value.
    :param geheim: never shown, only whether it is set.
    :param minimum: for a ``getal``, the smallest value allowed.
    """

    naam: str
    omschrijving: str
    soort: Waardesoort = Waardesoort.TEKST
    standaard: Any = None
    verplicht: bool = False
    geheim: bool = False
    minimum: int | None = None

    def __post_init__(self) -> None:
        wat = f"instelling {self.naam!r}"
        if not isinstance(self.naam, str) or not INSTELLINGNAAM.match(self.naam):
            raise ValueError(f"{wat}: de naam is kleine letters, cijfers en '_'")
        _tekst(self.omschrijving, "omschrijving", wat)
        object.__setattr__(self, "soort", Waardesoort(self.soort))
        if self.standaard is not None:
            self.lees(self.standaard)  # a default that its own rules refuse is a bug

    def lees(self, waarde: Any) -> Any:
        """``waarde`` (text from the environment, or a value) as this setting's kind;
        :class:`ValueError` says why it is refused."""
        if self.soort is Waardesoort.GETAL:
            if isinstance(waarde, bool):
                raise ValueError("moet een geheel getal zijn")
            try:
                getal = int(waarde)
            except (TypeError, ValueError):
                raise ValueError(f"moet een geheel getal zijn, niet {waarde!r}") from None
            if self.minimum is not None and getal < self.minimum:
                raise ValueError(f"moet minstens {self.minimum} zijn, niet {getal}")
            return getal
        if self.soort is Waardesoort.JA_NEE:
            if isinstance(waarde, bool):
                return waarde
            tekst = str(waarde).strip().lower()
            if tekst in {"1", "true", "ja", "yes", "on"}:
                return True
            if tekst in {"0", "false", "nee", "no", "off"}:
                return False
            raise ValueError(f"moet ja of nee zijn (true/false), niet {waarde!r}")
        if not isinstance(waarde, str) or not waarde.strip():
            raise ValueError("moet een tekst met minstens één teken zijn")
        if self.soort is Waardesoort.URL and not re.match(r"^https?://[^\s/]+", waarde):
            raise ValueError("moet een http- of https-URL zijn")
        return waarde


@dataclass(frozen=True)
class Migraties:
    """Where a plugin's own Alembic revisions are (``dienst_migraties``).

    :param map: the directory with the revision files; each file's ``revision`` is
        unique, the first has ``down_revision = None``. The plugin's tables are
        prefixed with its slug (``-`` as ``_``), and so is the table Alembic records
        the plugin's revision in (``<slug>_alembic_version``).
    :param metadata: the :class:`sqlalchemy.MetaData` of the plugin's models (from
        :func:`core.sdk.db.basis`), for the schema check and autogenerate.
    """

    map: Path
    metadata: Any

    def __post_init__(self) -> None:
        object.__setattr__(self, "map", Path(self.map))
        if not self.map.is_dir():
            raise ValueError(f"migraties: {self.map} is geen map")


def tabelprefix(slug: str) -> str:
    """The prefix of every table of the dienst ``slug``: ``digi-poort`` -> ``digi_poort_``."""
    return slug.replace("-", "_") + "_"


@dataclass(frozen=True)
class Termijnpost:
    """A deadline a plugin puts in an afnemer's calendar (``dienst_deadlines``).

    :param id: stable across calls (a calendar updates an event rather than adding
        one); core prefixes it with the slug.
    :param datum: the day (Europe/Amsterdam).
    :param soort: a slug that says what kind of deadline it is.
    :param bron: the API path of what it belongs to.
    """

    id: str
    datum: date
    soort: str
    titel: str
    omschrijving: str
    artikel: str
    bron: str

    def __post_init__(self) -> None:
        wat = f"deadline {self.id!r}"
        _tekst(self.id, "id", wat)
        if not isinstance(self.datum, date):
            raise ValueError(f"{wat}: datum is een date")
        if not isinstance(self.soort, str) or not SLUG.match(self.soort):
            raise ValueError(f"{wat}: soort is een slug")
        for veld in ("titel", "omschrijving", "artikel"):
            _tekst(getattr(self, veld), veld, wat)
        if not isinstance(self.bron, str) or not self.bron.startswith("/api/v1/"):
            raise ValueError(f"{wat}: bron is een API-pad (/api/v1/...)")


@dataclass(frozen=True)
class Herinnering:
    """A reminder a plugin wants sent (``dienst_herinneringen``).

    Core sends each ``sleutel`` once, however often the planner runs and on however
    many workers, as an event of ``type`` (declared by the plugin).
    """

    sleutel: str
    type: str
    afnemer_id: uuid.UUID | None
    onderwerp: str
    tekst: str
    data: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        wat = f"herinnering {self.sleutel!r}"
        _tekst(self.sleutel, "sleutel", wat)
        if len(self.sleutel) > 200:
            raise ValueError(f"{wat}: de sleutel is hooguit 200 tekens")
        _tekst(self.onderwerp, "onderwerp", wat)
        _tekst(self.tekst, "tekst", wat)
        if self.afnemer_id is not None and not isinstance(self.afnemer_id, uuid.UUID):
            raise ValueError(f"{wat}: afnemer_id is een UUID of None")
        object.__setattr__(self, "data", MappingProxyType(dict(self.data)))


#: A field of a prognosis form as it appears on the wire: lowerCamelCase.
VELDNAAM = re.compile(r"^[a-z][A-Za-z0-9]*$")


@dataclass(frozen=True)
class Capaciteit:
    """A capacity the afnemers of a dienst share, watched through their prognoses
    (``dienst_capaciteit``).

    Core sums ``veld`` from the newest prognosis of every running aansluiting in
    ``omgeving``, sets that against ``limiet``, and warns Logius when a new prognosis
    pushes the sum past ``waarschuwing_procent`` of it.

    :param veld: the form field (as on the wire) that holds each afnemer's share, a whole
        number; it must be a field of the dienst's prognosis form.
    :param limiet: what all afnemers together may use, in ``eenheid``.
    :param eenheid: how ``veld`` and ``limiet`` are counted, e.g. ``authenticaties per
        minuut``.
    :param artikel: the article that sets the limit.
    :param waarschuwing_artikel: the article that makes watching it a duty.
    :param waarschuwing_procent: from which share of the limit (1 to 100) Logius is warned.
    :param omgeving: the omgeving whose aansluitingen count.
    """

    veld: str
    limiet: int
    eenheid: str
    artikel: str
    waarschuwing_artikel: str
    waarschuwing_procent: int = 80
    omgeving: str = "productie"

    def __post_init__(self) -> None:
        wat = "capaciteit"
        if not isinstance(self.veld, str) or not VELDNAAM.match(self.veld):
            raise ValueError(f"{wat}: veld is een formulierveld in lowerCamelCase")
        for naam in ("limiet", "waarschuwing_procent"):
            waarde = getattr(self, naam)
            if isinstance(waarde, bool) or not isinstance(waarde, int) or waarde < 1:
                raise ValueError(f"{wat}: {naam} is een geheel getal van minstens 1")
        if self.waarschuwing_procent > 100:
            raise ValueError(f"{wat}: waarschuwing_procent is hooguit 100")
        for naam in ("eenheid", "artikel", "waarschuwing_artikel", "omgeving"):
            _tekst(getattr(self, naam), naam, wat)
