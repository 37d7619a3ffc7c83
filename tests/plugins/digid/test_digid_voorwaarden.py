"""DigiD: the SNO DigiD 2.8, checked against DOMAIN.md.

Each test names the article it checks; the figures are compared with what the seeds
say (via DOMAIN.md), not with the constants they are built from.
"""

from __future__ import annotations

from datetime import date

import pytest

from core.types import Eenheid, Partij, Termijn
from plugins.digid import dienst as digid
from plugins.digid import voorwaarden as sno
from tests.plugins.hulp import by_id, dienst, document, kenmerk


def test_sno_is_version_2_8_of_1_december_2017(diensten):
    sno = document(diensten, "digid")
    assert (sno.id, sno.versie, sno.ingangsdatum) == ("digid-sno", "2.8", date(2017, 12, 1))
    assert "2.8" in dienst(diensten, "digid").bron


def test_sno_1_zekerheidsniveaus_basis_midden_substantieel(diensten):
    info = dienst(diensten, "digid")
    assert [o.slug for o in info.onderdelen] == ["basis", "midden", "substantieel"]
    assert [o.naam for o in info.onderdelen] == ["Basis", "Midden", "Substantieel"]
    assert info.onderdelen_verplicht
    assert kenmerk(info, "Zekerheidsniveaus").waarden == ("Basis", "Midden", "Substantieel")


def test_sno_2_omgevingen_productie_and_pre_productie_with_their_availability(diensten):
    """SNO 2 Beschikbaarheid: productie 99.5 % per month, pre-productie 99 % (working days
    08:00-18:00)."""
    info = dienst(diensten, "digid")
    omgevingen = {o.slug: o for o in info.omgevingen}
    assert list(omgevingen) == ["productie", "pre-productie"]
    assert "99,5 %" in omgevingen["productie"].omschrijving
    assert "99 %" in omgevingen["pre-productie"].omschrijving
    assert "08:00-18:00" in omgevingen["pre-productie"].omschrijving
    tekst = by_id(document(diensten, "digid"))["beschikbaarheid"].omschrijving
    assert "99,5 %" in tekst and "99 %" in tekst
    assert info.afnemertypes is None


def test_sno_1_capacity_is_10000_authentications_per_minute_for_all_afnemers(diensten):
    assert digid.CAPACITEIT_PER_MINUUT == 10_000
    capaciteit = by_id(document(diensten, "digid"))["capaciteit"]
    assert capaciteit.artikel == "SNO 1 Geldigheid"
    assert "10.000 authenticaties per minuut" in capaciteit.omschrijving
    assert kenmerk(dienst(diensten, "digid"), "Capaciteit").waarden[0].startswith("10.000 ")


@pytest.mark.parametrize("prioriteit, termijn", [
    ("p1", Termijn(6, Eenheid.UREN)),  # clock hours
    ("p2", Termijn(10, Eenheid.KANTOORUREN)),
    ("p3", Termijn(18, Eenheid.KANTOORUREN)),
])
def test_sno_2_oplostijden_per_priority(diensten, prioriteit, termijn):
    """SNO 2 Oplostijden: P1 6 clock hours, P2 10 and P3 18 office hours; norm 85 %."""
    verplichting = by_id(document(diensten, "digid"))[f"oplostijd-{prioriteit}"]
    assert verplichting.artikel == "SNO 2 Oplostijden"
    assert verplichting.partij is Partij.LOGIUS
    assert verplichting.termijn == termijn
    assert "85 %" in verplichting.omschrijving


def test_sno_2_p1_is_announced_within_30_minutes(diensten):
    assert sno.P1_INFORMATIE_MINUTEN == 30
    assert "30 minuten" in by_id(document(diensten, "digid"))["informeren-bij-p1"].omschrijving


def test_sno_2_questions_are_answered_within_3_working_days(diensten):
    verplichting = by_id(document(diensten, "digid"))["reactietijd-vragen"]
    assert verplichting.artikel == "SNO 2 Reactietijden"
    assert verplichting.termijn == Termijn(3, Eenheid.WERKDAGEN)
    assert "99 %" in verplichting.omschrijving


def test_sno_2_onderhoudsvenster_twice_a_month_at_most_6_hours_at_night(diensten):
    verplichting = by_id(document(diensten, "digid"))["onderhoudsvenster"]
    assert verplichting.artikel == "SNO 2 Onderhoudsvenster"
    assert verplichting.termijn == Termijn(6, Eenheid.UREN)
    assert sno.ONDERHOUD_MAX_PER_MAAND == 2
    for fragment in ("2 keer per maand", "00:00-06:00", "tweede maandag", "tweede woensdag"):
        assert fragment in verplichting.omschrijving


def test_sno_3_capaciteitsbeheer_prognosis_twice_a_year_above_the_thresholds(diensten):
    """SNO 3: > 5,000,000 a year, > 1,000,000 in a month or a peak > 1,000 a minute."""
    assert (sno.PROGNOSE_DREMPEL_JAAR, sno.PROGNOSE_DREMPEL_MAAND,
            sno.PROGNOSE_DREMPEL_PIEK, sno.PROGNOSES_PER_JAAR) == (
        5_000_000, 1_000_000, 1_000, 2)
    verplichting = by_id(document(diensten, "digid"))["prognose-capaciteit"]
    assert verplichting.artikel == "SNO 3 Capaciteitsbeheer"
    assert verplichting.partij is Partij.AFNEMER
    for fragment in ("2 keer per jaar", "5.000.000", "1.000.000", "1.000 per minuut"):
        assert fragment in verplichting.omschrijving


def test_sno_3_wijzigingsverzoek_names_the_four_required_parts(diensten):
    tekst = by_id(document(diensten, "digid"))["wijzigingsverzoek"].omschrijving
    for fragment in ("indiener", "wijziging", "voordelen", "nadelen"):
        assert fragment in tekst
