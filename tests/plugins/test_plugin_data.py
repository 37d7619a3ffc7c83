"""What core's Algemene Voorwaarden and all plugins together declare, against DOMAIN.md.

Each built-in plugin's own terms are checked beside it, in
``tests/plugins/<slug>/test_<slug>_voorwaarden.py``. Each test names the article it checks. The figures are compared with what the seeds
say (via DOMAIN.md), not with the constants they are built from, so a wrong constant
fails here even when it is used consistently.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.types import Eenheid, Partij, Termijn
from core.voorwaarden import algemene
from core.voorwaarden.algemene import ALGEMENE_VOORWAARDEN
from tests.plugins.hulp import MAANDEN, by_id, document

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"

# --- Algemene Voorwaarden 1.1 (core) ----------------------------------------------------


@pytest.mark.parametrize("slug", ["digid", "mijnoverheid", "digipoort", "vwo"])
def test_av_1_1_apply_to_every_dienst_first(diensten, slug):
    """AV 1.1 apply to every dienst: core lists them before the dienst's own terms."""
    voorwaarden = diensten.voorwaarden(slug)
    assert voorwaarden[0] is ALGEMENE_VOORWAARDEN
    assert len(voorwaarden) == 2


def test_av_is_version_1_1_and_belongs_to_no_single_dienst():
    assert ALGEMENE_VOORWAARDEN.versie == "1.1"
    assert "1.1" in ALGEMENE_VOORWAARDEN.bron
    assert ALGEMENE_VOORWAARDEN.dienst is None


def test_av_13_1_changes_are_announced_one_calendar_month_ahead():
    """AV 13.1: at least one month before the change date (calendar months)."""
    regel = ALGEMENE_VOORWAARDEN.wijziging
    assert regel.aankondiging == Termijn(1, MAANDEN)
    assert regel.aankondiging_artikel == "AV 13.1"
    assert by_id(ALGEMENE_VOORWAARDEN)["wijziging-voorwaarden"].termijn == Termijn(1, MAANDEN)


def test_av_13_2_rejection_ends_delivery_two_calendar_months_after_the_change_date():
    regel = ALGEMENE_VOORWAARDEN.wijziging
    assert regel.einde_na_afwijzing == Termijn(2, MAANDEN)
    assert regel.afwijzing_artikel == "AV 13.2"
    assert by_id(ALGEMENE_VOORWAARDEN)["afwijzing-voorwaarden"].termijn == Termijn(2, MAANDEN)


def test_av_2_8_afnemer_reports_a_change_three_months_before_realisation():
    verplichting = by_id(ALGEMENE_VOORWAARDEN)["wijzigingsmelding"]
    assert verplichting.artikel == "AV 2.8"
    assert verplichting.partij is Partij.AFNEMER
    assert verplichting.termijn == Termijn(3, MAANDEN)
    assert algemene.AV_WIJZIGINGSMELDING_TERMIJN == Termijn(3, MAANDEN)


@pytest.mark.parametrize("artikel, partij", [
    ("AV 2.4", Partij.BEIDE),  # each party appoints a contactpersoon
    ("AV 2.5", Partij.AFNEMER),  # the afnemer delivers prognoses
    ("AV 2.6", Partij.BEIDE),  # parties inform each other
    ("AV 2.8", Partij.AFNEMER),
    ("AV 2.9", Partij.AFNEMER),  # costs may be charged
    ("AV 5.2", Partij.AFNEMER),  # comply with new requirements in a reasonable term
    ("AV 5.3", Partij.LOGIUS),  # suspension on non-compliance
    ("AV 5.4", Partij.LOGIUS),  # suspension on a security incident, without notice
    ("AV 6.1", Partij.LOGIUS),  # planned maintenance is announced
    ("AV 7", Partij.LOGIUS),  # outages without notice
    ("AV 11.1", Partij.BEIDE),  # effective from the first aanvraagformulier
    ("AV 13.1", Partij.LOGIUS),
    ("AV 13.2", Partij.BEIDE),
    ("AV 14.1", Partij.LOGIUS),  # Logius may change diensten and phase out versions
    ("AV 14.2", Partij.BEIDE),  # rejection: parties consult on an end date
])
def test_av_obligation_per_domain_article(artikel, partij):
    found = [v for v in ALGEMENE_VOORWAARDEN.verplichtingen if v.artikel == artikel]
    assert [v.partij for v in found] == [partij]


def test_av_14_2_rejecting_a_dienst_change_has_no_fixed_end_date():
    """AV 14.2: parties consult on an end date, so there is no termijn to compute."""
    assert by_id(ALGEMENE_VOORWAARDEN)["afwijzing-dienstwijziging"].termijn is None


# --- no tariff amount in any plugin ---------------------------------------------------


@pytest.mark.parametrize("slug", ["digipoort", "mijnoverheid", "digid"])
def test_tariff_amounts_are_not_constants_in_plugin_code(slug):
    """DP tabel 1 / MO 3.8: amounts are tariff data per year (config), never code, in
    any module of the plugin."""
    modules = sorted((PLUGINS / slug).glob("*.py"))
    assert len(modules) >= 6, modules  # the package, its plugin module and four families
    source = "\n".join(path.read_text() for path in modules)
    for amount in ("4.400", "4400", "4,400", "0,59", "0.59", "0,13", "0.13", "0,32", "0.32",
                   "0,88", "0.88"):
        assert amount not in source, amount
    assert not re.search(r"(EUR|€)\s*\d", source)


# --- notice periods and lead times, all as data --------------------------------------------


def test_every_period_is_a_termijn_with_its_article(diensten):
    """DOMAIN 'Reading periods': every lead time and notice period the product acts on is
    data (a Termijn next to its article), with months counted as calendar months, clock
    hours and office hours kept apart, and working days as working days."""
    documents = [ALGEMENE_VOORWAARDEN] + [document(diensten, s) for s in
                                          ("digid", "mijnoverheid", "digipoort", "vwo")]
    termijnen = {(v.artikel, v.id): v.termijn for d in documents for v in d.verplichtingen
                 if v.termijn is not None}
    assert termijnen == {
        ("AV 2.8", "wijzigingsmelding"): Termijn(3, MAANDEN),
        ("AV 13.1", "wijziging-voorwaarden"): Termijn(1, MAANDEN),
        ("AV 13.2", "afwijzing-voorwaarden"): Termijn(2, MAANDEN),
        ("SNO 2 Oplostijden", "oplostijd-p1"): Termijn(6, Eenheid.UREN),
        ("SNO 2 Oplostijden", "oplostijd-p2"): Termijn(10, Eenheid.KANTOORUREN),
        ("SNO 2 Oplostijden", "oplostijd-p3"): Termijn(18, Eenheid.KANTOORUREN),
        ("SNO 2 Reactietijden", "reactietijd-vragen"): Termijn(3, Eenheid.WERKDAGEN),
        ("SNO 2 Onderhoudsvenster", "onderhoudsvenster"): Termijn(6, Eenheid.UREN),
        ("MO 8.1", "wijziging-voorwaarden"): Termijn(1, MAANDEN),
        ("MO 8.2", "afwijzing-voorwaarden"): Termijn(2, MAANDEN),
        ("DP tabel 1", "individuele-begeleiding"): Termijn(3, MAANDEN),
        ("VWO 5.1", "inbreuk-melden"): Termijn(24, Eenheid.UREN),
        ("VWO 5.4", "melding-ap"): Termijn(72, Eenheid.UREN),
    }
