"""MijnOverheid: the Voorwaarden MijnOverheid 2.9, checked against DOMAIN.md.

Each test names the article it checks; the figures are compared with what the seeds
say (via DOMAIN.md), not with the constants they are built from.
"""

from __future__ import annotations

from datetime import date

import pytest

from core.types import Partij, Termijn
from plugins.mijnoverheid import voorwaarden as mo
from tests.plugins.hulp import MAANDEN, artikelen, by_id, dienst, document, kenmerk


def test_mo_is_version_2_9(diensten):
    doc = document(diensten, "mijnoverheid")
    assert (doc.id, doc.versie) == ("mijnoverheid-voorwaarden", "2.9")
    assert "2.9" in dienst(diensten, "mijnoverheid").bron


def test_mo_3_1_onderdelen_berichtenbox_persoonlijke_gegevens_lopende_zaken(diensten):
    info = dienst(diensten, "mijnoverheid")
    assert [(o.slug, o.naam, o.artikel) for o in info.onderdelen] == [
        ("berichtenbox", "Berichtenbox", "MO 5"),
        ("persoonlijke-gegevens", "Persoonlijke Gegevens", "MO 6"),
        ("lopende-zaken", "Lopende Zaken", "MO 7"),
    ]
    assert info.onderdelen_verplicht
    assert [o.slug for o in info.omgevingen] == ["productie", "pre-productie"]


def test_mo_8_1_and_8_2_one_month_notice_two_months_after_rejection(diensten):
    regel = document(diensten, "mijnoverheid").wijziging
    assert regel.aankondiging == Termijn(1, MAANDEN) and regel.aankondiging_artikel == "MO 8.1"
    assert regel.einde_na_afwijzing == Termijn(2, MAANDEN)
    assert regel.afwijzing_artikel == "MO 8.2"


def test_mo_3_8_costs_since_1_january_2018_with_yearly_tariffs(diensten):
    assert mo.KOSTEN_VANAF == date(2018, 1, 1)
    kosten = by_id(document(diensten, "mijnoverheid"))["kosten"]
    assert kosten.artikel == "MO 3.8"
    assert "01-01-2018" in kosten.omschrijving
    assert "elk jaar" in kosten.omschrijving


@pytest.mark.parametrize("artikel, partij, fragment", [
    ("MO 5.2", Partij.AFNEMER, "per bericht"),  # Berichtenbox: per message and/or fixed
    ("MO 6.2", Partij.AFNEMER, "aansluitkosten"),  # Persoonlijke Gegevens: connection costs
    ("MO 7.2", Partij.LOGIUS, "kosteloos"),  # Lopende Zaken: no costs
])
def test_mo_5_2_6_2_7_2_cost_rule_per_onderdeel(diensten, artikel, partij, fragment):
    [verplichting] = [v for v in document(diensten, "mijnoverheid").verplichtingen
                      if v.artikel == artikel]
    assert verplichting.partij is partij
    assert fragment in verplichting.omschrijving


def test_mo_5_2_berichtenbox_per_message_and_or_a_fixed_amount(diensten):
    tekst = by_id(document(diensten, "mijnoverheid"))["kosten-berichtenbox"].omschrijving
    assert "per bericht" in tekst and "vast bedrag per afnemer" in tekst


def test_mo_1_and_3_4_zekerheidsniveau_digid_basis_or_midden(diensten):
    """MO 1 and 3.4: the required level is DigiD Basis or Midden, both levels DigiD offers."""
    niveau = kenmerk(dienst(diensten, "mijnoverheid"), "Vereist zekerheidsniveau")
    assert niveau.waarden == ("DigiD Basis", "DigiD Midden")
    assert niveau.artikel == "MO 1, MO 3.4"
    digid_niveaus = {f"DigiD {o.naam}" for o in dienst(diensten, "digid").onderdelen}
    assert set(niveau.waarden) <= digid_niveaus


def test_mo_3_7_and_4_2_logius_processor_afnemer_controller(diensten):
    verplichtingen = by_id(document(diensten, "mijnoverheid"))
    assert (verplichtingen["verwerker"].artikel, verplichtingen["verwerker"].partij) == (
        "MO 3.7", Partij.LOGIUS)
    controller = verplichtingen["verwerkingsverantwoordelijke"]
    assert (controller.artikel, controller.partij) == ("MO 4.2", Partij.AFNEMER)


def test_mo_2_2_3_5_and_4_1_are_declared(diensten):
    """MO 2.2 (signing date), 3.5 (koppelvlak changes after consultation), 4.1 (conform)."""
    assert {"MO 2.2", "MO 3.5", "MO 4.1"} <= artikelen(document(diensten, "mijnoverheid"))
