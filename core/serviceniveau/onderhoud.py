"""Planned maintenance windows, computed from a dienst's :class:`Onderhoudsregel`.

Pure functions of their arguments (no clock, no database, no Flask), so the API, the
deadline calendar, the announcement rules and any public page or feed of the windows
compute them the same way:

- :func:`vensters`: the windows of one month. A rule names the n-th weekdays of the
  month (SNO 2 Onderhoudsvenster for production: the second Monday and the second
  Wednesday) and a daily window in Amsterdam wall time (00:00-06:00). Every such day of
  the month is a window; a day the month does not have (a fifth Monday) is none.
- :func:`toets`: what a planned maintenance from ``begin`` to ``eind`` breaks of the
  rule: it lies outside every window of its month, it lasts longer than the rule allows
  (also together with maintenance already announced in the same window), or it would
  make the month use more windows than the rule allows. Each finding names the rule
  and its article. A maintenance that is announced as a deviation is not put to the
  test here: the caller decides that (``core.aankondigingen.regels``).
- :func:`beschrijf`: the rule as a reader says it ("de tweede maandag en de tweede
  woensdag van de maand, 00:00-06:00").

Moments go in aware and come out in UTC; the days are Amsterdam days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from core.serviceniveau.typen import Onderhoudsregel
from core.tijd import AMSTERDAM

RANGTELWOORDEN = ("eerste", "tweede", "derde", "vierde", "vijfde")
WEEKDAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december")

_UUR = timedelta(hours=1)


@dataclass(frozen=True)
class Onderhoudsvenster:
    """One window in which planned maintenance may take place.

    :param datum: the Amsterdam day of the window.
    :param begin: its start, :param eind: its end (UTC).
    :param max_uren: how long one maintenance in it may last at most.
    """

    omgeving: str
    datum: date
    begin: datetime
    eind: datetime
    max_uren: int
    artikel: str

    @property
    def id(self) -> str:
        """Stable: a calendar that subscribes updates the window instead of duplicating it."""
        return f"{self.omgeving}-{self.datum.isoformat()}"

    def bevat(self, begin: datetime, eind: datetime) -> bool:
        return self.begin <= _utc(begin) and _utc(eind) <= self.eind


class Overtreding(StrEnum):
    """Which part of the rule a planned maintenance breaks."""

    BUITEN_VENSTER = "buiten-onderhoudsvenster"
    TE_LANG = "onderhoud-te-lang"
    TE_VAAK = "onderhoud-te-vaak"


@dataclass(frozen=True)
class Bevinding:
    """One broken part of the rule, with the reason in Dutch (the article included)."""

    overtreding: Overtreding
    reden: str


def _utc(moment: datetime) -> datetime:
    if not isinstance(moment, datetime) or moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"een tijdstip met tijdzone verwacht, niet {moment!r}")
    return moment.astimezone(UTC)


def nde_weekdag(jaar: int, maand: int, n: int, weekdag: int) -> date | None:
    """The ``n``-th ``weekdag`` (0 is Monday) of the month, or ``None`` when the month
    has no such day (a fifth Wednesday in most months)."""
    eerste = date(jaar, maand, 1)
    dag = eerste + timedelta(days=(weekdag - eerste.weekday()) % 7 + 7 * (n - 1))
    return dag if dag.month == maand else None


def vensters(regel: Onderhoudsregel, jaar: int, maand: int) -> list[Onderhoudsvenster]:
    """The rule's windows in one month (Amsterdam), soonest first."""
    if not 1 <= maand <= 12:
        raise ValueError(f"maand {maand} ligt niet in 1..12")
    dagen = sorted({d for n, weekdag in regel.dagen
                    if (d := nde_weekdag(jaar, maand, n, weekdag)) is not None})
    return [Onderhoudsvenster(
        omgeving=regel.omgeving, datum=dag,
        begin=datetime.combine(dag, regel.begin, tzinfo=AMSTERDAM).astimezone(UTC),
        eind=datetime.combine(dag, regel.eind, tzinfo=AMSTERDAM).astimezone(UTC),
        max_uren=regel.max_uren, artikel=regel.artikel) for dag in dagen]


def vensters_tussen(regel: Onderhoudsregel, van: date, tot: date) -> list[Onderhoudsvenster]:
    """The windows on the days from ``van`` up to and including ``tot``."""
    uit: list[Onderhoudsvenster] = []
    jaar, maand = van.year, van.month
    while (jaar, maand) <= (tot.year, tot.month):
        uit += [v for v in vensters(regel, jaar, maand) if van <= v.datum <= tot]
        jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)
    return uit


def beschrijf(regel: Onderhoudsregel) -> str:
    """The rule's days and hours as a reader says them."""
    dagen = [f"de {RANGTELWOORDEN[n - 1]} {WEEKDAGEN[w]}" for n, w in regel.dagen]
    lijst = dagen[0] if len(dagen) == 1 else ", ".join(dagen[:-1]) + " en " + dagen[-1]
    return f"{lijst} van de maand, {regel.begin:%H:%M}-{regel.eind:%H:%M}"


def _uren(duur: timedelta) -> str:
    uren = duur / _UUR
    return f"{uren:g}".replace(".", ",")


def _dag(venster: Onderhoudsvenster) -> str:
    return (f"{WEEKDAGEN[venster.datum.weekday()]} {venster.datum.day} "
            f"{MAANDEN[venster.datum.month - 1]}")


def _vereniging(intervallen: Iterable[tuple[datetime, datetime]]) -> timedelta:
    totaal, einde = timedelta(0), None
    for begin, eind in sorted(intervallen):
        if einde is None or begin > einde:
            totaal += eind - begin
            einde = eind
        elif eind > einde:
            totaal += eind - einde
            einde = eind
    return totaal


def toets(regel: Onderhoudsregel, begin: datetime, eind: datetime,
          eerder: Iterable[tuple[datetime, datetime]] = ()) -> list[Bevinding]:
    """What a planned maintenance from ``begin`` to ``eind`` breaks of ``regel``.

    :param eerder: the maintenance already announced for the same dienst and omgeving
        (not as a deviation), as ``(begin, eind)``: for how many windows a month uses and
        how long the maintenance in one window lasts together. Overlapping maintenance
        counts once.
    :returns: nothing when the maintenance fits the rule.
    """
    begin, eind = _utc(begin), _utc(eind)
    if eind <= begin:
        raise ValueError("het einde ligt niet na het begin")
    bevindingen: list[Bevinding] = []
    duur = eind - begin
    if duur > regel.max_uren * _UUR:
        bevindingen.append(Bevinding(Overtreding.TE_LANG, (
            f"Gepland onderhoud in {regel.omgeving} duurt hooguit {regel.max_uren} uur per "
            f"keer ({regel.artikel}); dit onderhoud duurt {_uren(duur)} uur.")))
    lokaal = begin.astimezone(AMSTERDAM)
    van_de_maand = vensters(regel, lokaal.year, lokaal.month)
    venster = next((v for v in van_de_maand if v.bevat(begin, eind)), None)
    if venster is None:
        genoemd = "; ".join(f"{_dag(v)} {v.begin.astimezone(AMSTERDAM):%H:%M}-"
                            f"{v.eind.astimezone(AMSTERDAM):%H:%M}" for v in van_de_maand)
        bevindingen.append(Bevinding(Overtreding.BUITEN_VENSTER, (
            f"Gepland onderhoud in {regel.omgeving} valt binnen het onderhoudsvenster: "
            f"{beschrijf(regel)} ({regel.artikel}). De vensters van "
            f"{MAANDEN[lokaal.month - 1]} {lokaal.year}: {genoemd or 'geen'}. Kondig "
            "onderhoud daarbuiten aan als afwijking, met een reden.")))
        return bevindingen
    eerder = [(_utc(b), _utc(e)) for b, e in eerder]
    in_dit_venster = [(b, e) for b, e in eerder if venster.bevat(b, e)]
    samen = _vereniging([*in_dit_venster, (begin, eind)])
    if in_dit_venster and duur <= regel.max_uren * _UUR and samen > regel.max_uren * _UUR:
        bevindingen.append(Bevinding(Overtreding.TE_LANG, (
            f"Gepland onderhoud in {regel.omgeving} duurt hooguit {regel.max_uren} uur per "
            f"keer ({regel.artikel}); met het onderhoud dat al in het venster van "
            f"{_dag(venster)} is aangekondigd duurt het {_uren(samen)} uur.")))
    gebruikt = {v.id for v in van_de_maand for b, e in eerder if v.bevat(b, e)} | {venster.id}
    if len(gebruikt) > regel.max_per_maand:
        bevindingen.append(Bevinding(Overtreding.TE_VAAK, (
            f"Gepland onderhoud in {regel.omgeving} gebeurt hooguit {regel.max_per_maand} "
            f"keer per maand ({regel.artikel}); in {MAANDEN[lokaal.month - 1]} "
            f"{lokaal.year} is al onderhoud aangekondigd in "
            f"{len(gebruikt) - 1} ander(e) venster(s).")))
    return bevindingen


__all__ = [
    "Bevinding",
    "Onderhoudsvenster",
    "Overtreding",
    "beschrijf",
    "nde_weekdag",
    "toets",
    "vensters",
    "vensters_tussen",
]
