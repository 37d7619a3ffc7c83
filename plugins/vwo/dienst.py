"""The VWO's identity (``dienst_info``), its events (``dienst_gebeurtenissen``) and its
settings (``dienst_instellingen``, ``dienst_check_config``): for gemeenten, with the
transfer instruments."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from core.sdk import (
    Afnemertype,
    DienstInfo,
    Gebeurtenistype,
    Instelling,
    Kenmerk,
    Keuze,
    Ontvanger,
)

SLUG = "vwo"
BRON = "Standaard Verwerkersovereenkomst Gemeenten 2.5 (VNG/IBD, 15-02-2024)"

# VWO Bijlage 1 tabel 1: the transfer instruments for processing outside the EER.
DOORGIFTE_INSTRUMENTEN = (
    "1 Adequaatheidsbesluit",
    "2 Specifieke uitzonderingen (AVG art. 49)",
    "3 Standaardcontractbepalingen (SCC's)",
    "4 Bindende bedrijfsvoorschriften (BCR's)",
    "5 Gedragscodes en certificering",
    "6 Ad-hoc contractbepalingen",
)
# VWO Bijlage 1 tabel 1: instruments 3 to 6 need additional measures (EDPB
# Recommendations 01/2020 after Schrems II).
INSTRUMENTEN_MET_AANVULLENDE_MAATREGELEN = (3, 4, 5, 6)

DIENST = DienstInfo(
    slug=SLUG,
    naam="Standaard Verwerkersovereenkomst Gemeenten",
    omschrijving=(
        "Verwerkersovereenkomst tussen een gemeente en Logius voor de persoonsgegevens "
        "die Logius voor de gemeente verwerkt."
    ),
    bron=BRON,
    omgevingen=(Keuze("productie", "Productie"),),
    afnemertypes=(Afnemertype.GEMEENTE,),
    kenmerken=(
        Kenmerk("Doorgifte-instrumenten", DOORGIFTE_INSTRUMENTEN, "VWO Bijlage 1 tabel 1"),
        Kenmerk(
            "Aanvullende maatregelen",
            ("Nodig bij instrument 3 tot en met 6 (EDPB 01/2020, Schrems II)",),
            "VWO Bijlage 1 tabel 1",
        ),
    ),
)

# --- events ------------------------------------------------------------------------------

#: VWO 4.3: a processing outside the EER is announced to the gemeente before it starts.
DOORGIFTE = f"{SLUG}.doorgifte-aangekondigd"
#: VWO 4.5: a new subverwerker is announced before it is engaged.
SUBVERWERKER = f"{SLUG}.subverwerker-aangekondigd"
#: VWO 5.1: Logius informs the gemeente of a (suspected) breach within 24 hours.
INBREUK = f"{SLUG}.inbreuk-gemeld"
#: VWO 5.2: the measures Logius takes after a breach, the gemeente kept informed.
MAATREGEL = f"{SLUG}.inbreuk-maatregel"
#: VWO 4.6, 4.7, 3.1: a gemeente asks Logius for help, or gives an instruction.
VERZOEK = f"{SLUG}.verzoek-ingediend"
#: ... and Logius answers it.
ANTWOORD = f"{SLUG}.verzoek-beantwoord"
#: VWO 3.1: an instruction Logius finds in conflict with the AVG, told without delay.
STRIJDIG = f"{SLUG}.instructie-strijdig"

PRIVACY = ("privacy",)

GEBEURTENISSEN = (
    Gebeurtenistype(DOORGIFTE, "Logius kondigt een verwerking buiten de EER aan, voordat "
                    "die begint", "VWO 4.3", Ontvanger.AFNEMER, PRIVACY),
    Gebeurtenistype(SUBVERWERKER, "Logius kondigt een nieuwe subverwerker aan, voordat die "
                    "wordt ingeschakeld", "VWO 4.5", Ontvanger.AFNEMER, PRIVACY),
    Gebeurtenistype(INBREUK, "Logius meldt een (vermoedelijke) inbreuk in verband met "
                    "persoonsgegevens", "VWO 5.1", Ontvanger.AFNEMER, PRIVACY),
    Gebeurtenistype(MAATREGEL, "Logius heeft een maatregel genomen of de inbreuk bijgewerkt",
                    "VWO 5.2", Ontvanger.AFNEMER, PRIVACY),
    Gebeurtenistype(VERZOEK, "Een gemeente vraagt Logius om hulp of geeft een instructie",
                    "VWO 4.6, 4.7, 3.1", Ontvanger.LOGIUS),
    Gebeurtenistype(ANTWOORD, "Logius heeft een hulpvraag of instructie beantwoord",
                    "VWO 4.6, 4.7, 3.1", Ontvanger.AFNEMER, PRIVACY),
    Gebeurtenistype(STRIJDIG, "Logius vindt een instructie van de gemeente in strijd met de "
                    "AVG", "VWO 3.1", Ontvanger.AFNEMER, PRIVACY),
)

# --- settings ----------------------------------------------------------------------------

#: VWO Bijlage 1 tabel 2: Logius' contact reachable outside office hours.
LOGIUS_CONTACT_NAAM = "logius_contact_naam"
LOGIUS_CONTACT_TELEFOON = "logius_contact_telefoon"
LOGIUS_CONTACT_EMAIL = "logius_contact_email"
#: VWO Bijlage 1 tabel 2: the IBD's contact details.
IBD_TELEFOON = "ibd_telefoon"
IBD_EMAIL = "ibd_email"
#: VWO 4.2 (toelichting): the diensten for which the processor hands over a TPM every year.
TPM_DIENSTEN = "tpm_diensten"

INSTELLINGEN = (
    Instelling(LOGIUS_CONTACT_NAAM, "Naam van de contactpersoon van Logius die ook buiten "
               "kantooruren bereikbaar is (VWO Bijlage 1 tabel 2)",
               standaard="Servicecentrum Logius"),
    Instelling(LOGIUS_CONTACT_TELEFOON, "Telefoonnummer van die contactpersoon",
               standaard="0900 555 4555"),
    Instelling(LOGIUS_CONTACT_EMAIL, "E-mailadres van die contactpersoon",
               standaard="servicecentrum@logius.nl"),
    Instelling(IBD_TELEFOON, "Telefoonnummer van de IBD, 24 uur per dag bereikbaar (VWO "
               "Bijlage 1 tabel 2)", standaard="070 204 5511"),
    Instelling(IBD_EMAIL, "E-mailadres van de IBD (VWO Bijlage 1 tabel 2)",
               standaard="privacy@vng.nl"),
    Instelling(TPM_DIENSTEN, "De diensten (slugs, met komma's) waarvoor Logius de gemeente "
               "elk jaar een TPM overhandigt (VWO 4.2)", standaard="digid"),
)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def tpm_diensten(instellingen: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(d.strip() for d in (instellingen[TPM_DIENSTEN] or "").split(",")
                     if d.strip())


def check_config(instellingen: Mapping[str, Any]) -> list[str]:
    fouten = []
    for naam in (LOGIUS_CONTACT_EMAIL, IBD_EMAIL):
        waarde = instellingen[naam]
        if waarde and not _EMAIL.match(waarde):
            fouten.append(f"{naam} is geen e-mailadres: {waarde!r}")
    for slug in tpm_diensten(instellingen):
        if not _SLUG.match(slug):
            fouten.append(f"{TPM_DIENSTEN} noemt {slug!r}, dat geen slug is")
    return fouten
