"""What plugins hand to core: small, frozen, typed values.

Every hook in :mod:`core.hookspecs` returns these, never loose dicts, so core can
validate a plugin's contribution at start-up and name the plugin when it is wrong.
Rules are data: each obligation and each term carries the article it comes from.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


# --- checks the dataclasses make of themselves -------------------------------------------
#
# Each type checks its own fields in ``__post_init__`` (TypeError for a wrong type,
# ValueError for a wrong value), so a plugin that builds a bad value fails where it builds
# it. What spans plugins or objects (a slug claimed twice, a document of another dienst, a
# tariff code the year's schema lacks) is checked by the plugin manager.


def _naam(obj: object) -> str:
    return type(obj).__name__


def _soort(obj: object, veld: str, waarde: object, soort: type | tuple[type, ...]) -> None:
    if not isinstance(waarde, soort) or (isinstance(waarde, bool) and soort is int):
        raise TypeError(f"{_naam(obj)}.{veld} heeft het verkeerde type: {waarde!r}")


def _tekst(obj: object, veld: str, waarde: object) -> None:
    """A text with at least one non-blank character."""
    if not isinstance(waarde, str) or not waarde.strip():
        raise ValueError(f"{_naam(obj)}.{veld} is een niet-lege tekst, niet {waarde!r}")


def _slug(obj: object, veld: str, waarde: object) -> None:
    if not isinstance(waarde, str) or not SLUG.match(waarde):
        raise ValueError(f"{_naam(obj)}.{veld} {waarde!r} is geen slug (kleine letters, "
                         "cijfers en losse koppeltekens)")


def _geheel(obj: object, veld: str, waarde: object, minimum: int) -> None:
    """An int (not a bool) of at least ``minimum``."""
    _soort(obj, veld, waarde, int)
    if waarde < minimum:  # type: ignore[operator]
        raise ValueError(f"{_naam(obj)}.{veld} is minstens {minimum}, niet {waarde!r}")


def _reeks(obj: object, veld: str, waarden: object, soort: type) -> None:
    """A tuple (or list) of ``soort`` values."""
    if not isinstance(waarden, (tuple, list)) or not all(isinstance(w, soort) for w in waarden):
        raise TypeError(f"{_naam(obj)}.{veld} is een reeks van {soort.__name__}: {waarden!r}")


def _uniek(obj: object, veld: str, waarden: list[str]) -> None:
    dubbel = sorted({w for w in waarden if waarden.count(w) > 1})
    if dubbel:
        raise ValueError(f"{_naam(obj)}.{veld}: dubbele {dubbel}")


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

    def __post_init__(self) -> None:
        _geheel(self, "aantal", self.aantal, 1)
        _soort(self, "eenheid", self.eenheid, Eenheid)

    def __str__(self) -> str:
        return f"{self.aantal} {self.eenheid.value}"


@dataclass(frozen=True)
class Keuze:
    """Something an aansluiting chooses: an omgeving or an onderdeel."""

    slug: str
    naam: str
    omschrijving: str = ""
    artikel: str | None = None

    def __post_init__(self) -> None:
        _slug(self, "slug", self.slug)
        _tekst(self, "naam", self.naam)
        _soort(self, "omschrijving", self.omschrijving, str)
        if self.artikel is not None:
            _tekst(self, "artikel", self.artikel)


@dataclass(frozen=True)
class Kenmerk:
    """A fact about a dienst worth showing, such as its zekerheidsniveaus."""

    naam: str
    waarden: tuple[str, ...]
    artikel: str

    def __post_init__(self) -> None:
        _tekst(self, "naam", self.naam)
        _reeks(self, "waarden", self.waarden, str)
        if not self.waarden:
            raise ValueError(f"Kenmerk {self.naam!r} heeft geen waarden")
        for waarde in self.waarden:
            _tekst(self, "waarden", waarde)
        _tekst(self, "artikel", self.artikel)


@dataclass(frozen=True)
class DienstInfo:
    """Identity of one dienst, returned by ``dienst_info``.

    :param slug: lower-case identifier used in URLs, e.g. ``eherkenning``.
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

    def __post_init__(self) -> None:
        _slug(self, "slug", self.slug)
        for veld in ("naam", "omschrijving", "bron"):
            _tekst(self, veld, getattr(self, veld))
        _reeks(self, "omgevingen", self.omgevingen, Keuze)
        _reeks(self, "onderdelen", self.onderdelen, Keuze)
        if not self.omgevingen:
            raise ValueError(f"dienst {self.slug!r} heeft geen omgeving")
        _uniek(self, "omgevingen", [k.slug for k in self.omgevingen])
        _uniek(self, "onderdelen", [k.slug for k in self.onderdelen])
        _soort(self, "onderdelen_verplicht", self.onderdelen_verplicht, bool)
        if self.onderdelen_verplicht and not self.onderdelen:
            raise ValueError(f"dienst {self.slug!r} verplicht onderdelen maar biedt er geen")
        if self.afnemertypes is not None:
            _reeks(self, "afnemertypes", self.afnemertypes, Afnemertype)
            if not self.afnemertypes:
                raise ValueError(f"dienst {self.slug!r}: afnemertypes is None (alle) of niet "
                                 "leeg")
        _reeks(self, "kenmerken", self.kenmerken, Kenmerk)

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

    def __post_init__(self) -> None:
        _slug(self, "id", self.id)
        _tekst(self, "artikel", self.artikel)
        _soort(self, "partij", self.partij, Partij)
        _tekst(self, "omschrijving", self.omschrijving)
        if self.termijn is not None:
            _soort(self, "termijn", self.termijn, Termijn)


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

    def __post_init__(self) -> None:
        for veld in ("aankondiging", "einde_na_afwijzing"):
            if getattr(self, veld) is not None:
                _soort(self, veld, getattr(self, veld), Termijn)
        _tekst(self, "aankondiging_artikel", self.aankondiging_artikel)
        _tekst(self, "afwijzing_artikel", self.afwijzing_artikel)


@dataclass(frozen=True)
class VoorwaardenDocument:
    """A versioned terms document that applies to a dienst.

    :param id: slug, unique across all plugins (e.g. ``eherkenning-voorwaarden``).
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

    def __post_init__(self) -> None:
        _slug(self, "id", self.id)
        for veld in ("titel", "versie", "bron"):
            _tekst(self, veld, getattr(self, veld))
        if self.dienst is not None:
            _slug(self, "dienst", self.dienst)
        if self.ingangsdatum is not None:
            _soort(self, "ingangsdatum", self.ingangsdatum, date)
        if self.wijziging is not None:
            _soort(self, "wijziging", self.wijziging, Wijzigingsregel)
        _reeks(self, "verplichtingen", self.verplichtingen, Verplichting)
        _uniek(self, "verplichtingen", [v.id for v in self.verplichtingen])


# --- costs: what a dienst counts, what it charges, and the lines it computes ------------
#
# A plugin declares a tariff *schema* per calendar year (codes, units, articles); the
# amounts are data that core keeps per year and hands back in :class:`Tarieven`. The
# plugin turns usage and those tariffs into :class:`Kostenregel` values; core rounds,
# adds BTW and sums them (``core.kosten``). Amounts are ``Decimal``, never floats.


class Berekening(StrEnum):
    """What a cost calculation is for; ``dienst_kosten`` gets one of these.

    - ``werkelijk``: the costs of a period from the usage recorded in it;
    - ``schatting``: the same rules applied to forecast volumes instead of usage;
    - ``voorschot``: what is invoiced in advance for a whole year (DP tabel 1: the
      voorcalculatie), before any usage exists.
    """

    WERKELIJK = "werkelijk"
    SCHATTING = "schatting"
    VOORSCHOT = "voorschot"


class Aggregatie(StrEnum):
    """How the usage rows of a metric add up over a period (a month, a year).

    - ``som``: the rows are counts, and a period's figure is their sum (authentications,
      messages); the default, and the only kind a tariff may multiply;
    - ``maximum``: each row is the highest value measured on its date (a peak per minute),
      and a period's figure is the highest row in it. Adding peaks says nothing, so such a
      metric carries no tariff and no voorcalculatie.
    """

    SOM = "som"
    MAXIMUM = "maximum"


@dataclass(frozen=True)
class Metriek:
    """Something a dienst counts per aansluiting per day or month (verbruik).

    :param code: slug used in the API and the CSV upload, e.g. ``brieven``.
    :param eenheid: what one unit is, singular: ``bericht``.
    :param voorcalculatie: the afnemer gives a yearly forecast of it that is invoiced in
        advance (DP tabel 1); core then offers a voorcalculatie per aansluiting per year.
    :param maximum: the largest ``aantal`` one usage row may carry; ``1`` for a metric
        whose rows each record one occurrence on their date (a begeleidingsperiode).
    :param aggregatie: how its rows add up over a period (:class:`Aggregatie`).
    """

    code: str
    naam: str
    eenheid: str
    artikel: str
    omschrijving: str = ""
    voorcalculatie: bool = False
    maximum: int | None = None
    aggregatie: Aggregatie = Aggregatie.SOM

    def __post_init__(self) -> None:
        _slug(self, "code", self.code)
        for veld in ("naam", "eenheid", "artikel"):
            _tekst(self, veld, getattr(self, veld))
        _soort(self, "omschrijving", self.omschrijving, str)
        _soort(self, "voorcalculatie", self.voorcalculatie, bool)
        if self.maximum is not None:
            _geheel(self, "maximum", self.maximum, 1)
        _soort(self, "aggregatie", self.aggregatie, Aggregatie)
        if self.aggregatie == Aggregatie.MAXIMUM and self.voorcalculatie:
            raise ValueError(f"Metriek {self.code!r}: een metriek met aggregatie maximum "
                             "heeft geen voorcalculatie (pieken tellen niet op)")


@dataclass(frozen=True)
class Tariefcode:
    """One line of a dienst's tariff table: what is charged, per what, on which article.

    :param eenheid: what the amount is per, e.g. ``per bericht``.
    :param inclusief_btw: whether the amounts of this code are set including BTW (the
        default for an amount that does not say otherwise).
    :param metriek: the metric whose usage is multiplied by it, if any.
    """

    code: str
    naam: str
    eenheid: str
    artikel: str
    inclusief_btw: bool
    omschrijving: str = ""
    metriek: str | None = None

    def __post_init__(self) -> None:
        _slug(self, "code", self.code)
        for veld in ("naam", "eenheid", "artikel"):
            _tekst(self, veld, getattr(self, veld))
        _soort(self, "inclusief_btw", self.inclusief_btw, bool)
        _soort(self, "omschrijving", self.omschrijving, str)
        if self.metriek is not None:
            _slug(self, "metriek", self.metriek)


@dataclass(frozen=True)
class Tariefschema:
    """What a dienst counts and charges in one calendar year, without any amount."""

    metrieken: tuple[Metriek, ...] = ()
    tarieven: tuple[Tariefcode, ...] = ()

    def __post_init__(self) -> None:
        _reeks(self, "metrieken", self.metrieken, Metriek)
        _reeks(self, "tarieven", self.tarieven, Tariefcode)
        metrieken = [m.code for m in self.metrieken]
        _uniek(self, "metrieken", metrieken)
        _uniek(self, "tarieven", [t.code for t in self.tarieven])
        for soort in self.tarieven:
            if soort.metriek is not None and soort.metriek not in metrieken:
                raise ValueError(f"tariefcode {soort.code!r} telt de onbekende metriek "
                                 f"{soort.metriek!r}")
            if soort.metriek is not None and self.metriek(soort.metriek).aggregatie != \
                    Aggregatie.SOM:
                raise ValueError(f"tariefcode {soort.code!r} vermenigvuldigt de metriek "
                                 f"{soort.metriek!r}, die een maximum is en geen som: een "
                                 "tarief geldt alleen voor een metriek die optelt")

    def metriek(self, code: str) -> Metriek | None:
        return next((m for m in self.metrieken if m.code == code), None)

    def tarief(self, code: str) -> Tariefcode | None:
        return next((t for t in self.tarieven if t.code == code), None)


@dataclass(frozen=True)
class Periode:
    """A run of calendar days within one calendar year, both ends included.

    Tariffs are set per calendar year (MO 3.8), so a period never spans two years.
    """

    van: date
    tot: date

    def __post_init__(self) -> None:
        if self.van > self.tot:
            raise ValueError(f"periode begint ({self.van}) na het einde ({self.tot})")
        if self.van.year != self.tot.year:
            raise ValueError("een periode ligt binnen één kalenderjaar")

    @classmethod
    def kalenderjaar(cls, jaar: int) -> Periode:
        return cls(date(jaar, 1, 1), date(jaar, 12, 31))

    @property
    def jaar(self) -> int:
        return self.van.year

    @property
    def sluit_jaar_af(self) -> bool:
        """The period contains the last day of its year (where yearly minimums settle)."""
        return self.tot == date(self.jaar, 12, 31)

    def bevat(self, dag: date | None) -> bool:
        return dag is not None and self.van <= dag <= self.tot


@dataclass(frozen=True)
class KostenAansluiting:
    """The facts of one aansluiting that cost rules use, as plain data.

    :param id: ``None`` for the hypothetical aansluiting of an estimate for a dienst the
        afnemer is not yet connected to.
    :param geactiveerd_op: the day (Europe/Amsterdam) it first became active, if it did.
    :param beeindigd_op: the day it ended, if it did.
    """

    id: uuid.UUID | None
    afnemer_id: uuid.UUID
    afnemertype: Afnemertype
    dienst: str
    omgeving: str
    onderdelen: tuple[str, ...]
    geactiveerd_op: date | None
    beeindigd_op: date | None

    def actief_in(self, periode: Periode) -> bool:
        """Active on at least one day of ``periode``."""
        return (
            self.geactiveerd_op is not None
            and self.geactiveerd_op <= periode.tot
            and (self.beeindigd_op is None or self.beeindigd_op >= periode.van)
        )

    def eerste_actieve_dag(self, jaar: int) -> date | None:
        """The first day of calendar year ``jaar`` on which it is active, if any."""
        jaar_periode = Periode.kalenderjaar(jaar)
        if not self.actief_in(jaar_periode):
            return None
        return max(jaar_periode.van, self.geactiveerd_op)  # type: ignore[type-var]


#: Shared by every empty mapping: most aansluitingen have no voorcalculatie, no months.
_LEEG: Mapping = MappingProxyType({})


def _bevroren(waarden: Mapping[str, int] | None) -> Mapping[str, int]:
    return MappingProxyType(dict(waarden)) if waarden else _LEEG


@dataclass(frozen=True)
class Verbruik:
    """Usage of one aansluiting, per metric code, as a cost calculation sees it.

    Each figure is the metric's aggregate (:class:`Aggregatie`): the sum of its rows for
    a count, the highest row for a maximum (a peak per minute), so
    ``in_jaar("piek")`` is the year's highest peak and ``hoogste_maand("piek")`` the
    same, read from the months.

    :param periode: totals within the period being calculated (or the forecast).
    :param jaar: totals over the whole calendar year of the period.
    :param voorcalculatie: the year's forecast per metric (DP tabel 1), if given.
    :param per_maand: totals per calendar month (1-12) of that year, per metric; only
        filled where a rule needs it (the prognosis plicht, AV 2.5).
    """

    periode: Mapping[str, int] = field(default_factory=dict)
    jaar: Mapping[str, int] = field(default_factory=dict)
    voorcalculatie: Mapping[str, int] = field(default_factory=dict)
    per_maand: Mapping[int, Mapping[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A cost run makes one per aansluiting: plain statements, no loop over names.
        zet = object.__setattr__
        zet(self, "periode", _bevroren(self.periode))
        zet(self, "jaar", _bevroren(self.jaar))
        zet(self, "voorcalculatie", _bevroren(self.voorcalculatie))
        zet(self, "per_maand", MappingProxyType(
            {maand: _bevroren(waarden) for maand, waarden in self.per_maand.items()})
            if self.per_maand else _LEEG)

    def hoogste_maand(self, metriek: str) -> int:
        """The largest total of ``metriek`` in one calendar month (0 without usage)."""
        return max((w.get(metriek, 0) for w in self.per_maand.values()), default=0)

    def in_periode(self, metriek: str) -> int:
        return self.periode.get(metriek, 0)

    def in_jaar(self, metriek: str) -> int:
        return self.jaar.get(metriek, 0)

    def voorcalculatie_van(self, metriek: str) -> int:
        return self.voorcalculatie.get(metriek, 0)

    @property
    def leeg(self) -> bool:
        return not any(self.periode.values())


@dataclass(frozen=True)
class Kostenregel:
    """One cost line as a plugin computes it: a quantity times a tariff, with its article.

    Core rounds it to cents and splits it into excl. BTW, BTW and incl. BTW
    (``core.kosten.afronding``). A line that is free by its article has tariff 0 and no
    ``code``; build it with :meth:`kosteloos`, and lines from the tariff table with
    :meth:`Tarieven.regel`.
    """

    omschrijving: str
    artikel: str
    hoeveelheid: int
    eenheid: str
    tarief: Decimal
    inclusief_btw: bool
    code: str | None = None
    metriek: str | None = None

    def __post_init__(self) -> None:
        # A cost run makes many: the checks stay plain statements.
        _tekst(self, "omschrijving", self.omschrijving)
        _tekst(self, "artikel", self.artikel)
        if type(self.hoeveelheid) is not int:
            raise TypeError(f"Kostenregel.hoeveelheid is een geheel getal, niet "
                            f"{self.hoeveelheid!r}")
        _soort(self, "eenheid", self.eenheid, str)
        if not isinstance(self.tarief, Decimal):
            raise TypeError(f"Kostenregel.tarief is een Decimal van minstens 0, niet "
                            f"{self.tarief!r}")
        if self.tarief.is_nan() or self.tarief < 0:
            raise ValueError(f"Kostenregel.tarief is een Decimal van minstens 0, niet "
                             f"{self.tarief!r}")
        _soort(self, "inclusief_btw", self.inclusief_btw, bool)
        if self.code is not None:
            _soort(self, "code", self.code, str)
        if self.metriek is not None:
            _soort(self, "metriek", self.metriek, str)

    @classmethod
    def kosteloos(cls, omschrijving: str, artikel: str, hoeveelheid: int = 1,
                  eenheid: str = "aansluiting", metriek: str | None = None) -> Kostenregel:
        return cls(omschrijving, artikel, hoeveelheid, eenheid, Decimal(0), False,
                   metriek=metriek)


class TariefOntbreekt(LookupError):
    """A cost rule needs a tariff that has not been set for the year."""

    def __init__(self, dienst: str, jaar: int, code: str) -> None:
        super().__init__(f"het tarief {code!r} van {dienst} voor {jaar} is niet vastgesteld")
        self.dienst, self.jaar, self.code = dienst, jaar, code


@dataclass(frozen=True)
class VastgesteldTarief:
    """An amount set for one tariff code and year (from the database)."""

    code: str
    bedrag: Decimal
    inclusief_btw: bool


@dataclass(frozen=True)
class Tarieven:
    """The tariffs of one dienst for one calendar year: its schema plus the amounts set."""

    dienst: str
    jaar: int
    schema: Tariefschema
    bedragen: Mapping[str, VastgesteldTarief] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "bedragen", MappingProxyType(dict(self.bedragen)))

    def tarief(self, code: str) -> VastgesteldTarief:
        """The amount set for ``code``; :class:`TariefOntbreekt` when there is none."""
        gevonden = self.bedragen.get(code)
        if gevonden is None or self.schema.tarief(code) is None:
            raise TariefOntbreekt(self.dienst, self.jaar, code)
        return gevonden

    def regel(self, code: str, hoeveelheid: int, *, omschrijving: str | None = None,
              artikel: str | None = None) -> Kostenregel:
        """A line of ``hoeveelheid`` times the tariff of ``code``, described by the schema."""
        soort = self.schema.tarief(code)
        if soort is None:
            raise TariefOntbreekt(self.dienst, self.jaar, code)
        tarief = self.tarief(code)
        return Kostenregel(
            omschrijving=omschrijving or soort.naam,
            artikel=artikel or soort.artikel,
            hoeveelheid=hoeveelheid,
            eenheid=soort.eenheid,
            tarief=tarief.bedrag,
            inclusief_btw=tarief.inclusief_btw,
            code=code,
            metriek=soort.metriek,
        )


# --- prognoses: what an afnemer forecasts, per aansluiting per period (AV 2.5) ----------


@dataclass(frozen=True)
class Prognoseperiode:
    """One period a dienst asks a prognosis for, returned by ``dienst_prognose_perioden``.

    :param id: unique within the dienst and stable, e.g. ``2027-04``; used in the API.
    :param van: first day the prognosis is about. :param tot: its last day.
    :param uiterlijk: the last day to deliver it (Europe/Amsterdam).
    """

    id: str
    naam: str
    van: date
    tot: date
    uiterlijk: date

    def __post_init__(self) -> None:
        _tekst(self, "id", self.id)
        _tekst(self, "naam", self.naam)
        for veld in ("van", "tot", "uiterlijk"):
            _soort(self, veld, getattr(self, veld), date)
        if self.van > self.tot:
            raise ValueError(f"prognoseperiode {self.id!r} begint ({self.van}) na het einde "
                             f"({self.tot})")


@dataclass(frozen=True)
class Prognoseplicht:
    """Whether an aansluiting must deliver a prognosis, why, and on which article.

    :param uiterlijk: the deadline, when the rule sets one itself; otherwise core takes it
        from the dienst's periods.
    :param periode: the id of the period concerned, likewise optional.
    """

    verplicht: bool
    reden: str
    artikel: str
    uiterlijk: date | None = None
    periode: str | None = None

    def __post_init__(self) -> None:
        _soort(self, "verplicht", self.verplicht, bool)
        _tekst(self, "reden", self.reden)
        _tekst(self, "artikel", self.artikel)
        if self.uiterlijk is not None:
            _soort(self, "uiterlijk", self.uiterlijk, date)
        if self.periode is not None:
            _tekst(self, "periode", self.periode)
