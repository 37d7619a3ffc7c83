"""The VWO's identity (hook ``dienst_info``): for gemeenten, with the transfer instruments."""

from __future__ import annotations

from core.sdk import Afnemertype, DienstInfo, Kenmerk, Keuze

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
