"""The Standaard Verwerkersovereenkomst Gemeenten 2.5, checked against DOMAIN.md.

Each test names the article it checks; the figures are compared with what the seeds
say (via DOMAIN.md), not with the constants they are built from.
"""

from __future__ import annotations

from datetime import date

from core.types import Afnemertype, Eenheid, Partij, Termijn
from plugins.vwo import dienst as vwo
from tests.plugins.hulp import artikelen, by_id, dienst, document, kenmerk


def test_vwo_is_version_2_5_of_15_february_2024(diensten):
    doc = document(diensten, "vwo")
    assert (doc.id, doc.versie, doc.ingangsdatum) == ("vwo", "2.5", date(2024, 2, 15))
    assert "2.5" in dienst(diensten, "vwo").bron


def test_vwo_is_only_for_gemeenten(diensten):
    assert dienst(diensten, "vwo").afnemertypes == (Afnemertype.GEMEENTE,)


def test_vwo_5_1_breach_reported_to_the_controller_within_24_hours(diensten):
    verplichting = by_id(document(diensten, "vwo"))["inbreuk-melden"]
    assert verplichting.artikel == "VWO 5.1"
    assert verplichting.partij is Partij.LOGIUS  # the processor
    assert verplichting.termijn == Termijn(24, Eenheid.UREN)
    for fragment in ("oorzaak", "soorten gegevens", "aantal betrokkenen", "onderzocht"):
        assert fragment in verplichting.omschrijving


def test_vwo_5_4_only_the_controller_reports_to_the_ap_within_72_hours(diensten):
    verplichting = by_id(document(diensten, "vwo"))["melding-ap"]
    assert verplichting.artikel == "VWO 5.4"
    assert verplichting.partij is Partij.AFNEMER  # the gemeente, the controller
    assert verplichting.termijn == Termijn(72, Eenheid.UREN)
    assert "nooit zelf" in verplichting.omschrijving


def test_vwo_5_3_logboek_of_breaches(diensten):
    verplichting = by_id(document(diensten, "vwo"))["inbreuk-logboek"]
    assert (verplichting.artikel, verplichting.partij) == ("VWO 5.3", Partij.LOGIUS)
    assert "logboek" in verplichting.omschrijving


def test_vwo_bijlage_1_tabel_1_six_transfer_instruments_3_to_6_need_measures(diensten):
    assert [i.split()[0] for i in vwo.DOORGIFTE_INSTRUMENTEN] == ["1", "2", "3", "4", "5", "6"]
    assert vwo.INSTRUMENTEN_MET_AANVULLENDE_MAATREGELEN == (3, 4, 5, 6)
    info = dienst(diensten, "vwo")
    assert kenmerk(info, "Doorgifte-instrumenten").artikel == "VWO Bijlage 1 tabel 1"
    assert "3 tot en met 6" in kenmerk(info, "Aanvullende maatregelen").waarden[0]


def test_vwo_articles_of_domain_are_declared(diensten):
    """VWO 2.1-2.3 (term), 4.3 (outside the EER), 4.5 (subverwerkers), 4.7 (DPIA), 5.1-5.4
    (breaches) and Bijlage 1 tabel 2 (contacts also outside office hours)."""
    assert {"VWO 2.1", "VWO 2.2", "VWO 2.3", "VWO 4.3", "VWO 4.5", "VWO 4.7", "VWO 5.1",
            "VWO 5.3", "VWO 5.4", "VWO Bijlage 1 tabel 2"} <= artikelen(document(diensten, "vwo"))
    contacten = by_id(document(diensten, "vwo"))["contactpersonen-buiten-kantooruren"]
    assert contacten.partij is Partij.BEIDE and "buiten kantooruren" in contacten.omschrijving
