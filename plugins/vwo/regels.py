"""The VWO's rules as pure functions of their data: what a processing needs, when an
agreement is complete, and the clocks of a breach.

Nothing here reads the database or the clock: the routes hand in today's date and the
moment of the request, so every rule is tested on its own with the article it encodes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .catalogus import EER, MET_AANVULLENDE_MAATREGELEN

#: The version of the Standaard Verwerkersovereenkomst Gemeenten the product records.
STANDAARD_VERSIE = "2.5"


# --- Bijlage 1 tabel 1: one processing ---------------------------------------------------


def doorgifte_fouten(gegevens: Mapping[str, Any]) -> dict[str, list[str]]:
    """What a transfer outside the EER lacks (VWO 4.3, Bijlage 1 tabel 1), per field.

    ``gegevens`` holds ``doorgifte_buiten_eer``, ``landen``, ``doorgifte_instrument`` and
    ``aanvullende_maatregelen`` (a processing's or a subverwerker's). Every rule that
    fails is named, not only the first.
    """
    fouten: dict[str, list[str]] = {}
    buiten = bool(gegevens.get("doorgifte_buiten_eer"))
    landen = list(gegevens.get("landen") or [])
    instrument = gegevens.get("doorgifte_instrument")
    maatregelen = (gegevens.get("aanvullende_maatregelen") or "").strip()
    if buiten:
        if not landen:
            fouten.setdefault("landen", []).append(
                "Noem de landen buiten de EER waarheen gegevens gaan (VWO Bijlage 1 tabel 1).")
        binnen = sorted(land for land in landen if land in EER)
        if binnen:
            fouten.setdefault("landen", []).append(
                f"{', '.join(binnen)} ligt in de EER; noem alleen landen daarbuiten.")
        if instrument is None:
            fouten.setdefault("doorgifteInstrument", []).append(
                "Een doorgifte buiten de EER heeft een doorgifte-instrument (1 tot en met 6) "
                "nodig (VWO 4.3, Bijlage 1 tabel 1).")
        elif instrument in MET_AANVULLENDE_MAATREGELEN and not maatregelen:
            fouten.setdefault("aanvullendeMaatregelen", []).append(
                f"Instrument {instrument} vraagt aanvullende maatregelen (EDPB-aanbevelingen "
                "01/2020, VWO Bijlage 1 tabel 1); beschrijf ze.")
    else:
        if landen:
            fouten.setdefault("landen", []).append(
                "Alleen bij een doorgifte buiten de EER (doorgifteBuitenEer: true).")
        if instrument is not None:
            fouten.setdefault("doorgifteInstrument", []).append(
                "Alleen bij een doorgifte buiten de EER (doorgifteBuitenEer: true).")
    return fouten


def nieuwe_doorgifte(oud: Mapping[str, Any] | None, nieuw: Mapping[str, Any]) -> bool:
    """Whether ``nieuw`` starts a transfer outside the EER that ``oud`` did not have:
    a first transfer, or a country added (VWO 4.3: announced before it starts)."""
    if not nieuw.get("doorgifte_buiten_eer"):
        return False
    if oud is None or not oud.get("doorgifte_buiten_eer"):
        return True
    return bool(set(nieuw.get("landen") or []) - set(oud.get("landen") or []))


def aankondiging_fout(begint: date, vandaag: date) -> str | None:
    """VWO 4.3: the gemeente hears of a transfer before it starts. The notice goes out
    when the processing is recorded, so the transfer may start on a later day only."""
    if begint <= vandaag:
        return (f"Een doorgifte buiten de EER wordt vooraf aan de gemeente gemeld (VWO 4.3): "
                f"de melding gaat vandaag ({vandaag.isoformat()}) uit, dus de doorgifte "
                f"begint op zijn vroegst {(vandaag + timedelta(days=1)).isoformat()}.")
    return None


# --- completeness of an agreement ------------------------------------------------------


@dataclass(frozen=True)
class Ontbrekend:
    """One thing an agreement lacks before it is complete."""

    onderdeel: str
    artikel: str
    melding: str


def ontbreekt(*, verwerkingen: int, contact_gemeente: bool, contact_verwerker: bool,
              contact_ibd: bool, bijlage2: Mapping[str, Any] | None) -> list[Ontbrekend]:
    """What keeps an agreement from being complete: a processing in Bijlage 1 tabel 1, a
    contact of each party reachable outside office hours and the IBD's (tabel 2), and a
    filled-in Bijlage 2. Empty: complete."""
    uit = []
    if verwerkingen < 1:
        uit.append(Ontbrekend("bijlage-1-tabel-1", "VWO 3.2, Bijlage 1 tabel 1",
                              "Bijlage 1 tabel 1 noemt nog geen verwerking; Logius mag alleen "
                              "verwerkingen uit die tabel uitvoeren."))
    if not contact_gemeente:
        uit.append(Ontbrekend("bijlage-1-tabel-2-gemeente", "VWO Bijlage 1 tabel 2",
                              "De gemeente heeft geen contactpersoon die ook buiten "
                              "kantooruren bereikbaar is (bereikbaarheid 24x7)."))
    if not contact_verwerker:
        uit.append(Ontbrekend("bijlage-1-tabel-2-verwerker", "VWO Bijlage 1 tabel 2",
                              "Logius heeft geen contactpersoon ingesteld die ook buiten "
                              "kantooruren bereikbaar is."))
    if not contact_ibd:
        uit.append(Ontbrekend("bijlage-1-tabel-2-ibd", "VWO Bijlage 1 tabel 2",
                              "De contactgegevens van de IBD zijn niet ingesteld."))
    if not bijlage2:
        uit.append(Ontbrekend("bijlage-2", "VWO 4.1, Bijlage 2",
                              "Bijlage 2 (normenstelsel en toereikendheid) is niet ingevuld."))
    return uit


def bijlage2_fouten(bijlage: Mapping[str, Any]) -> dict[str, list[str]]:
    """What a filled-in Bijlage 2 lacks, per field (the keys are the API's names)."""
    fouten: dict[str, list[str]] = {}
    if bijlage.get("normenstelsel") == "anders" and not (bijlage.get("normenstelsel_anders")
                                                         or "").strip():
        fouten["bijlage2.normenstelselAnders"] = [
            "Noem de andere norm waaraan Logius werkt (VWO Bijlage 2)."]
    if bijlage.get("gecertificeerd") and bijlage.get("laatste_certificering") is None:
        fouten["bijlage2.laatsteCertificering"] = [
            "Een certificering heeft een datum van de laatste certificering (VWO Bijlage 2)."]
    if "eigen-controles" in (bijlage.get("toereikendheid") or []) and not (
            bijlage.get("eigen_controles") or "").strip():
        fouten["bijlage2.eigenControles"] = [
            "Beschrijf de eigen controles waaruit de toereikendheid blijkt (VWO Bijlage 2)."]
    return fouten


# --- the clocks of a breach --------------------------------------------------------------


@dataclass(frozen=True)
class Pauze:
    """A stretch in which a clock does not run; ``tot`` empty: it still does not."""

    van: datetime
    tot: datetime | None


def uiterlijk(start: datetime, uren: int, pauzes: Iterable[Pauze] = ()) -> datetime | None:
    """The moment ``uren`` clock hours after ``start`` have run, not counting the pauses
    (real hours, computed on aware moments). ``None`` while a pause that began before
    that moment has not ended: then the deadline is not known yet."""
    # In UTC: arithmetic on two moments of one zone counts wall-clock hours, and the
    # night the clocks change has 23 or 25 real ones.
    over = timedelta(hours=uren)
    cursor = start.astimezone(UTC)
    pauzes = [Pauze(p.van.astimezone(UTC), p.tot and p.tot.astimezone(UTC)) for p in pauzes]
    for pauze in sorted(pauzes, key=lambda p: p.van):
        if pauze.tot is not None and pauze.tot <= cursor:
            continue
        if pauze.van > cursor:
            stuk = pauze.van - cursor
            if stuk >= over:
                return cursor + over
            over -= stuk
        if pauze.tot is None:
            return None
        cursor = max(cursor, pauze.tot)
    return cursor + over


@dataclass(frozen=True)
class Klokdefinitie:
    """A deadline that runs on a breach: who must act, how many clock hours, from which
    moment, on which article. Another clock (NIS2's, say) is one more of these."""

    id: str
    naam: str
    partij: str  # "logius" or "gemeente"
    uren: int
    start: str  # "vastgesteld" (Logius established it) or "bekend" (the gemeente learned)
    artikel: str
    pauzeert_bij_onderzoek: bool = False


#: VWO 5.1: Logius informs the gemeente within 24 hours of establishing a (suspected)
#: breach; time in which suspicious activity was still investigated does not count.
GEMEENTE_INFORMEREN = Klokdefinitie(
    "gemeente-informeren", "Logius informeert de gemeente", "logius", 24, "vastgesteld",
    "VWO 5.1", pauzeert_bij_onderzoek=True)
#: VWO 5.4 with AVG art. 33: the gemeente decides on a notification to the Autoriteit
#: Persoonsgegevens within 72 hours of learning of the breach. Logius never notifies.
AP_MELDEN = Klokdefinitie(
    "ap-melden", "De gemeente beslist over een melding aan de Autoriteit Persoonsgegevens",
    "gemeente", 72, "bekend", "VWO 5.4, AVG art. 33")

KLOKKEN: tuple[Klokdefinitie, ...] = (GEMEENTE_INFORMEREN, AP_MELDEN)


@dataclass(frozen=True)
class Klokstand:
    """Where one clock of a breach stands for one gemeente."""

    definitie: Klokdefinitie
    start: datetime
    uiterlijk: datetime | None
    gepauzeerd: bool
    voldaan_op: datetime | None

    @property
    def op_tijd(self) -> bool | None:
        """Whether it was met in time; ``None`` while not met or the deadline is open."""
        if self.voldaan_op is None or self.uiterlijk is None:
            return None
        return self.voldaan_op <= self.uiterlijk


def klokken(*, vastgesteld_op: datetime, bekend_op: datetime | None,
            onderzoek: Sequence[Pauze], voldaan: Mapping[str, datetime | None],
            definities: Sequence[Klokdefinitie] = KLOKKEN) -> list[Klokstand]:
    """Every clock of a breach for one gemeente, derived from its moments (never stored)."""
    uit = []
    for definitie in definities:
        start = vastgesteld_op if definitie.start == "vastgesteld" else bekend_op
        if start is None:
            continue
        pauzes = list(onderzoek) if definitie.pauzeert_bij_onderzoek else []
        moment = uiterlijk(start, definitie.uren, pauzes)
        uit.append(Klokstand(definitie, start, moment, moment is None,
                             voldaan.get(definitie.id)))
    return uit


def onderzoek_fouten(perioden: Sequence[Pauze], *, nu: datetime, veld: str = "onderzoek"
                     ) -> dict[str, list[str]]:
    """Investigation stretches (in order of their start) end after they begin, lie not in
    the future, and only the last may still run; errors are named ``<veld>.<i>.<part>``."""
    fouten: dict[str, list[str]] = {}
    for i, periode in enumerate(perioden):
        if periode.tot is not None and periode.tot <= periode.van:
            fouten.setdefault(f"{veld}.{i}.tot", []).append(
                "Het onderzoek eindigt na het begin.")
        if periode.tot is None and i != len(perioden) - 1:
            fouten.setdefault(f"{veld}.{i}.tot", []).append(
                "Alleen het laatste onderzoek kan nog lopen (tot leeg).")
        if periode.van > nu:
            fouten.setdefault(f"{veld}.{i}.van", []).append("Ligt niet in de toekomst.")
        if periode.tot is not None and periode.tot > nu:
            fouten.setdefault(f"{veld}.{i}.tot", []).append("Ligt niet in de toekomst.")
    return fouten
