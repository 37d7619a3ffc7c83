"""Digipoort: the Aansluitondersteuning Digipoort 2.5, checked against DOMAIN.md.

Each test names the article it checks; the figures are compared with what the seeds
say (via DOMAIN.md), not with the constants they are built from.
"""

from __future__ import annotations

from core.types import Partij, Termijn
from plugins.digipoort import dienst as digipoort
from tests.plugins.hulp import MAANDEN, by_id, dienst, document, kenmerk


def test_dp_is_version_2_5(diensten):
    doc = document(diensten, "digipoort")
    assert (doc.id, doc.versie) == ("digipoort-aansluitondersteuning", "2.5")
    assert "2.5" in dienst(diensten, "digipoort").bron


def test_dp_doelgroepen_bedrijven_rijksoverheden_niet_rijksoverheden(diensten):
    info = dienst(diensten, "digipoort")
    doelgroepen = kenmerk(info, "Doelgroepen")
    assert doelgroepen.waarden == ("Bedrijven", "Rijksoverheden", "Niet-rijksoverheden")
    assert doelgroepen.artikel == "DP Doelgroepen"
    # Every doelgroep may connect, so no afnemer type is excluded.
    assert info.afnemertypes is None


def test_dp_bedrijven_and_rijksoverheden_pay_nothing(diensten):
    verplichtingen = by_id(document(diensten, "digipoort"))
    assert verplichtingen["bedrijven-kosteloos"].artikel == "DP Bedrijven"
    rijk = verplichtingen["rijksoverheden-kosteloos"]
    assert rijk.artikel == "DP Rijksoverheden"
    assert "Besluit Digipoort voor E-facturen, art. 2 lid 2" in rijk.omschrijving
    niet_rijk = verplichtingen["niet-rijksoverheden-kosten"]
    assert (niet_rijk.artikel, niet_rijk.partij) == ("DP Niet-rijksoverheden", Partij.AFNEMER)
    assert "Wet Markt en Overheid" in niet_rijk.omschrijving


def test_dp_tabel_1_individuele_begeleiding_per_3_months_from_the_startmail(diensten):
    verplichting = by_id(document(diensten, "digipoort"))["individuele-begeleiding"]
    assert verplichting.artikel == "DP tabel 1"
    assert verplichting.termijn == Termijn(3, MAANDEN)
    assert "startmail" in verplichting.omschrijving
    assert "nieuwe periode" in verplichting.omschrijving
    assert by_id(document(diensten, "digipoort"))["basis-aansluitondersteuning"].artikel == (
        "DP tabel 1")


def test_dp_tabel_1_a_message_includes_an_attachment_of_at_most_20_mb(diensten):
    assert digipoort.BERICHT_MAX_BIJLAGE_MB == 20
    assert "20 MB" in by_id(document(diensten, "digipoort"))["definitie-bericht"].omschrijving


def test_dp_tabel_1_voorcalculatie_in_advance_settled_in_the_first_quarter(diensten):
    verplichtingen = by_id(document(diensten, "digipoort"))
    assert "voorcalculatie" in verplichtingen["voorcalculatie"].omschrijving
    verrekening = verplichtingen["verrekening"].omschrijving
    assert "eerste kwartaal" in verrekening
    assert "minstens de voorcalculatie" in verrekening
