"""What the plugins (and core's Algemene Voorwaarden) declare, checked against DOMAIN.md.

Each test names the article it checks. The figures are compared with what the seeds
say (via DOMAIN.md), not with the constants they are built from, so a wrong constant
fails here even when it is used consistently.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from core.plugins import Diensten, build_plugin_manager
from core.types import Afnemertype, DienstInfo, Eenheid, Partij, Termijn, VoorwaardenDocument
from core.voorwaarden import algemene
from core.voorwaarden.algemene import ALGEMENE_VOORWAARDEN
from plugins.digid import dienst as digid
from plugins.digid import voorwaarden as sno
from plugins.digipoort import dienst as digipoort
from plugins.mijnoverheid import voorwaarden as mo
from plugins.vwo import dienst as vwo

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"

MAANDEN = Eenheid.KALENDERMAANDEN


@pytest.fixture(scope="module")
def diensten() -> Diensten:
    return Diensten(build_plugin_manager())


def dienst(diensten: Diensten, slug: str) -> DienstInfo:
    info = diensten.get(slug)
    assert info is not None, slug
    return info


def document(diensten: Diensten, slug: str) -> VoorwaardenDocument:
    """The dienst's own terms document (the one after the Algemene Voorwaarden)."""
    [eigen] = diensten.voorwaarden(slug)[1:]
    return eigen


def by_id(doc: VoorwaardenDocument) -> dict:
    return {v.id: v for v in doc.verplichtingen}


def artikelen(doc: VoorwaardenDocument) -> set[str]:
    return {v.artikel for v in doc.verplichtingen}


def kenmerk(info: DienstInfo, naam: str):
    [found] = [k for k in info.kenmerken if k.naam == naam]
    return found


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


# --- DigiD: Serviceniveauovereenkomst 2.8 ------------------------------------------------


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


# --- MijnOverheid: Voorwaarden 2.9 ------------------------------------------------------


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


# --- Digipoort: Aansluitondersteuning 2.5 ------------------------------------------------


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


# --- Standaard Verwerkersovereenkomst Gemeenten 2.5 -------------------------------------


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
