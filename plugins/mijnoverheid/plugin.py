"""MijnOverheid, the citizens' portal, per the Voorwaarden MijnOverheid productieomgeving 2.9.

An aansluiting chooses one or more of the three onderdelen of MO 3.1. What each costs is
recorded here as a rule with its article; the amounts are tariff data, set every year
(MO 3.8), and live in the tariff table per year, never in code.
"""

from __future__ import annotations

from datetime import date

import marshmallow as _ma

from core.sdk import (
    Berekening,
    DienstInfo,
    Eenheid,
    Kenmerk,
    Keuze,
    Koppelvlak,
    KostenAansluiting,
    Kostenregel,
    Metriek,
    Partij,
    Periode,
    Prognoseperiode,
    Prognoseplicht,
    Schema,
    Tariefcode,
    Tariefschema,
    Tarieven,
    Termijn,
    Verbruik,
    Verplichting,
    Versie,
    VoorwaardenDocument,
    Wijzigingsregel,
    hookimpl,
)

SLUG = "mijnoverheid"
BRON = "Voorwaarden MijnOverheid productieomgeving 2.9"
MO_ID = "mijnoverheid-voorwaarden"

# MO 8.1: a change to these terms is announced in writing at least one calendar month
# before the change date.
MO_AANKONDIGINGSTERMIJN = Termijn(1, Eenheid.KALENDERMAANDEN)
# MO 8.2: an afnemer that rejects a change stops receiving MijnOverheid two calendar
# months after the change date.
MO_EINDE_NA_AFWIJZING = Termijn(2, Eenheid.KALENDERMAANDEN)
# MO 3.8: Logius charges for MijnOverheid from this date on.
KOSTEN_VANAF = date(2018, 1, 1)

BERICHTENBOX = "berichtenbox"
PERSOONLIJKE_GEGEVENS = "persoonlijke-gegevens"
LOPENDE_ZAKEN = "lopende-zaken"
PRODUCTIE = "productie"

# Usage metric and tariff codes per onderdeel; the amounts are tariff data per year.
BERICHTEN = "berichten"
BERICHTENBOX_BERICHT = "berichtenbox-bericht"
BERICHTENBOX_JAARBEDRAG = "berichtenbox-jaarbedrag"
PERSOONLIJKE_GEGEVENS_AANSLUITING = "persoonlijke-gegevens-aansluiting"

METRIEKEN = (
    Metriek(BERICHTEN, "Berichten", "bericht", "MO 5.2",
            "Berichten die de afnemer via de Berichtenbox aan burgers verstuurt"),
)
TARIEFCODES = (
    # MO 5.2: a price per message and/or a fixed amount per afnemer; either may be zero.
    Tariefcode(BERICHTENBOX_BERICHT, "Berichtenbox: gebruik", "per bericht", "MO 5.2",
               inclusief_btw=False, metriek=BERICHTEN),
    Tariefcode(BERICHTENBOX_JAARBEDRAG, "Berichtenbox: vast bedrag", "per kalenderjaar",
               "MO 5.2", inclusief_btw=False,
               omschrijving="Eén keer per jaar, in de periode met de eerste dag van dat jaar "
               "waarop de aansluiting actief is."),
    # MO 6.2: connection costs, charged once, in the period of the activation.
    Tariefcode(PERSOONLIJKE_GEGEVENS_AANSLUITING, "Persoonlijke Gegevens: aansluitkosten",
               "eenmalig per aansluiting", "MO 6.2", inclusief_btw=False,
               omschrijving="In de periode waarin de aansluiting actief werd."),
)

DIENST = DienstInfo(
    slug=SLUG,
    naam="MijnOverheid",
    omschrijving=(
        "Persoonlijke omgeving van burgers op mijn.overheid.nl. Een aansluiting kiest "
        "welke onderdelen de afnemer gebruikt."
    ),
    bron=BRON,
    omgevingen=(
        Keuze("productie", "Productie"),
        Keuze("pre-productie", "Pre-productie"),
    ),
    onderdelen=(
        Keuze(
            "berichtenbox",
            "Berichtenbox",
            "Persoonlijke berichten van de afnemer aan de burger",
            "MO 5",
        ),
        Keuze(
            "persoonlijke-gegevens",
            "Persoonlijke Gegevens",
            "Toont de gegevens die de afnemer over de burger registreert",
            "MO 6",
        ),
        Keuze(
            "lopende-zaken",
            "Lopende Zaken",
            "Toont de zaken die de burger bij de afnemer heeft lopen",
            "MO 7",
        ),
    ),
    onderdelen_verplicht=True,
    afnemertypes=None,
    kenmerken=(
        # MO 3.4: the minister of BZK sets the level after consulting the Afnemersoverleg;
        # MO 1 names the two levels on offer.
        Kenmerk("Vereist zekerheidsniveau", ("DigiD Basis", "DigiD Midden"), "MO 1, MO 3.4"),
    ),
)

VOORWAARDEN = VoorwaardenDocument(
    id=MO_ID,
    titel="Voorwaarden MijnOverheid productieomgeving",
    versie="2.9",
    bron=BRON,
    dienst=SLUG,
    wijziging=Wijzigingsregel(
        aankondiging=MO_AANKONDIGINGSTERMIJN,
        aankondiging_artikel="MO 8.1",
        einde_na_afwijzing=MO_EINDE_NA_AFWIJZING,
        afwijzing_artikel="MO 8.2",
    ),
    verplichtingen=(
        Verplichting(
            "ingangsdatum",
            "MO 2.2",
            Partij.BEIDE,
            "Deze voorwaarden gelden vanaf de dag waarop het Aanvraagformulier MijnOverheid "
            "is ondertekend.",
        ),
        Verplichting(
            "wijziging-koppelvlak",
            "MO 3.5",
            Partij.LOGIUS,
            "Logius kan de koppelvlakspecificaties aanpassen, maar pas na overleg met het "
            "Afnemersoverleg.",
        ),
        Verplichting(
            "verwerker",
            "MO 3.7",
            Partij.LOGIUS,
            "Voor persoonsgegevens binnen MijnOverheid is Logius verwerker onder de AVG; "
            "voor de eigen functies van MijnOverheid is Logius zelf verantwoordelijke.",
        ),
        Verplichting(
            "kosten",
            "MO 3.8",
            Partij.AFNEMER,
            f"Sinds {KOSTEN_VANAF:%d-%m-%Y} brengt Logius kosten in rekening voor "
            "MijnOverheid. De tarieven worden elk jaar opnieuw vastgesteld.",
        ),
        Verplichting(
            "koppelvlakspecificaties",
            "MO 4.1",
            Partij.AFNEMER,
            "De afnemer sluit aan volgens de koppelvlakspecificaties die Logius met de "
            "afnemers heeft afgesproken.",
        ),
        Verplichting(
            "verwerkingsverantwoordelijke",
            "MO 4.2",
            Partij.AFNEMER,
            "De afnemer is onder de AVG verwerkingsverantwoordelijke voor de persoonsgegevens "
            "die hij via MijnOverheid verwerkt.",
        ),
        Verplichting(
            "inhoud-berichten",
            "MO 5.1",
            Partij.AFNEMER,
            "De afnemer staat in voor de inhoud van de berichten die hij via de Berichtenbox "
            "verstuurt.",
        ),
        Verplichting(
            "kosten-berichtenbox",
            "MO 5.2",
            Partij.AFNEMER,
            "Voor de Berichtenbox betaalt de afnemer aansluit- en gebruikskosten: een bedrag "
            "per bericht, een vast bedrag per afnemer, of beide.",
        ),
        Verplichting(
            "juistheid-persoonlijke-gegevens",
            "MO 6.1",
            Partij.AFNEMER,
            "De afnemer zorgt dat de getoonde persoonlijke gegevens kloppen en goed worden "
            "weergegeven.",
        ),
        Verplichting(
            "kosten-persoonlijke-gegevens",
            "MO 6.2",
            Partij.AFNEMER,
            "Voor Persoonlijke Gegevens betaalt de afnemer aansluitkosten.",
        ),
        Verplichting(
            "inhoud-lopende-zaken",
            "MO 7.1",
            Partij.AFNEMER,
            "De afnemer is verantwoordelijk voor de getoonde zaken en dossiers en voor "
            "werkende links daarnaar.",
        ),
        Verplichting(
            "kosten-lopende-zaken",
            "MO 7.2",
            Partij.LOGIUS,
            "Lopende Zaken is kosteloos: Logius rekent daarvoor niets.",
        ),
        Verplichting(
            "wijziging-voorwaarden",
            "MO 8.1",
            Partij.LOGIUS,
            "Logius wijzigt deze voorwaarden alleen na overleg met het Afnemersoverleg en "
            "laat de afnemer dat vooraf schriftelijk weten.",
            MO_AANKONDIGINGSTERMIJN,
        ),
        Verplichting(
            "afwijzing-voorwaarden",
            "MO 8.2",
            Partij.BEIDE,
            "Aanvaardt de afnemer de wijziging niet, dan stopt de levering van MijnOverheid "
            "na de wijzigingsdatum.",
            MO_EINDE_NA_AFWIJZING,
        ),
    ),
)


@hookimpl
def dienst_info() -> DienstInfo:
    return DIENST


@hookimpl
def dienst_voorwaarden() -> list[VoorwaardenDocument]:
    return [VOORWAARDEN]


@hookimpl
def dienst_tarieven(jaar: int) -> Tariefschema:
    # MO 3.8: no costs before 1 January 2018, so no tariff codes either.
    if jaar < KOSTEN_VANAF.year:
        return Tariefschema(metrieken=METRIEKEN)
    return Tariefschema(metrieken=METRIEKEN, tarieven=TARIEFCODES)


@hookimpl
def dienst_kosten(
    aansluiting: KostenAansluiting,
    periode: Periode,
    verbruik: Verbruik,
    tarieven: Tarieven,
    berekening: Berekening,
) -> list[Kostenregel]:
    # Nothing is invoiced in advance; only production use is charged; MO 3.8.
    if (berekening == Berekening.VOORSCHOT or aansluiting.omgeving != PRODUCTIE
            or periode.tot < KOSTEN_VANAF):
        return []
    if not aansluiting.actief_in(periode) and verbruik.leeg:
        return []
    onderdelen = set(aansluiting.onderdelen)
    regels = []
    if BERICHTENBOX in onderdelen:  # MO 5.2
        regels.append(tarieven.regel(BERICHTENBOX_BERICHT, verbruik.in_periode(BERICHTEN)))
        if periode.bevat(aansluiting.eerste_actieve_dag(periode.jaar)):
            regels.append(tarieven.regel(BERICHTENBOX_JAARBEDRAG, 1))
    if PERSOONLIJKE_GEGEVENS in onderdelen and periode.bevat(aansluiting.geactiveerd_op):
        regels.append(tarieven.regel(PERSOONLIJKE_GEGEVENS_AANSLUITING, 1))  # MO 6.2
    if LOPENDE_ZAKEN in onderdelen:  # MO 7.2: free, shown so that the afnemer sees why
        regels.append(Kostenregel.kosteloos("Lopende Zaken: kosteloos", "MO 7.2"))
    return regels


# MO 4.1: the afnemer conforms to the koppelvlakspecificaties; MO 3.5: Logius changes
# them after consulting the Afnemersoverleg. The versions below are the ones this
# plugin ships with; the productteam maintains later ones through the API.
KOPPELVLAKKEN = [
    Koppelvlak(
        "berichtenbox", "Koppelvlak Berichtenbox (berichten aanleveren)", "MO 3.5",
        versies=(Versie("2.0", date(2019, 1, 1)), Versie("3.0", date(2024, 1, 1))),
    ),
    Koppelvlak(
        "lopende-zaken", "Koppelvlak Lopende Zaken (zaakstatus aanleveren)", "MO 3.5",
        versies=(Versie("1.0", date(2020, 1, 1)),),
    ),
]


@hookimpl
def dienst_koppelvlakken() -> list[Koppelvlak]:
    return KOPPELVLAKKEN


# --- prognoses (AV 2.5) -----------------------------------------------------------------
#
# An afnemer on the Berichtenbox in production forecasts its messages per month of the
# coming calendar year; tariffs are set per year (MO 3.8) and the Berichtenbox is charged
# per message (MO 5.2), so the forecast is asked by 1 November of the year before.

PROGNOSE_UITERLIJK = (11, 1)  # (month, day) in the year before the forecast year


class PrognoseSchema(Schema):
    berichten_per_maand = _ma.fields.List(
        _ma.fields.Integer(strict=True, validate=_ma.validate.Range(min=0, max=10**10)),
        required=True, validate=_ma.validate.Length(equal=12),
        metadata={"description": "Verwachte Berichtenbox-berichten in januari tot en met "
                                 "december van het jaar"})


@hookimpl
def dienst_prognose_schema():
    return PrognoseSchema


@hookimpl
def dienst_prognose_perioden(jaar: int) -> list[Prognoseperiode]:
    volgend = jaar + 1
    return [Prognoseperiode(str(volgend), f"Berichtenbox-berichten {volgend}",
                            date(volgend, 1, 1), date(volgend, 12, 31),
                            date(jaar, *PROGNOSE_UITERLIJK))]


@hookimpl
def dienst_prognose_plicht(aansluiting: KostenAansluiting) -> Prognoseplicht:
    if aansluiting.omgeving != PRODUCTIE or BERICHTENBOX not in aansluiting.onderdelen:
        return Prognoseplicht(False, "Alleen de Berichtenbox in productie vraagt een prognose.",
                              "AV 2.5")
    return Prognoseplicht(True, "De Berichtenbox rekent per bericht (MO 5.2); de afnemer "
                          "geeft elk jaar zijn verwachte aantal berichten per maand.", "AV 2.5")


@hookimpl
def dienst_prognose_volumes(periode: Prognoseperiode, formulier) -> dict[str, int]:
    # The forecast year's Berichtenbox messages, for the cost estimate (MO 5.2).
    return {BERICHTEN: sum(int(n) for n in formulier["berichten_per_maand"])}
