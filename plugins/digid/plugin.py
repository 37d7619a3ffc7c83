"""DigiD, the government's login for citizens, per the Serviceniveauovereenkomst DigiD 2.8.

An aansluiting chooses one or more authentication zekerheidsniveaus. The SNO (published
1 December 2017) has numbered chapters but no numbered articles, so references name the
chapter and the section: ``SNO 2 Oplostijden`` is the section Oplostijden of chapter 2.
The obligations are the service levels the product shows and acts on, in our own words.
"""

from __future__ import annotations

from datetime import date, timedelta

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
    hookimpl,
    plus_maanden,
)

SLUG = "digid"
BRON = "Serviceniveauovereenkomst DigiD 2.8"
SNO_ID = "digid-sno"

# SNO 1 Geldigheid: all afnemers together get at most this many authentications per
# minute; above it the service levels of the SNO no longer apply.
CAPACITEIT_PER_MINUUT = 10_000

# SNO 2 Beschikbaarheid: minimum availability per month, in percent.
BESCHIKBAARHEID_PRODUCTIE = "99,5 %"  # 24x7 minus the onderhoudsvenster
BESCHIKBAARHEID_PRE_PRODUCTIE = "99 %"  # working days 08:00-18:00

# SNO 2 Oplostijden: resolution times in production. P1 counts clock hours, P2 and P3
# count office hours (working days 08:00-18:00); pre-production has no P1 norm.
OPLOSTIJD_P1 = Termijn(6, Eenheid.UREN)
OPLOSTIJD_P2 = Termijn(10, Eenheid.KANTOORUREN)
OPLOSTIJD_P3 = Termijn(18, Eenheid.KANTOORUREN)
# SNO 2 Oplostijden: share of incidents per month that must be solved in time.
OPLOSTIJD_NORM = "85 %"
# SNO 2 Oplostijden: Logius informs afnemers this many minutes after detecting a P1 or
# a calamity. Termijn has no minutes unit, so this stays a plain number.
P1_INFORMATIE_MINUTEN = 30

# SNO 2 Reactietijden: questions and complaints are answered within 3 working days.
REACTIETERMIJN_VRAGEN = Termijn(3, Eenheid.WERKDAGEN)

# SNO 2 Onderhoudsvenster: production maintenance at most twice a month, each at most
# 6 hours within 00:00-06:00, on the second Monday and second Wednesday of the month.
ONDERHOUD_MAX_PER_MAAND = 2
ONDERHOUD_MAX_DUUR = Termijn(6, Eenheid.UREN)
ONDERHOUD_VENSTER = "00:00-06:00"

# SNO 3 Capaciteitsbeheer: an afnemer above any of these figures delivers a prognosis
# twice a year.
PROGNOSES_PER_JAAR = 2
PROGNOSE_DREMPEL_JAAR = 5_000_000  # authentications per year
PROGNOSE_DREMPEL_MAAND = 1_000_000  # authentications in one month
PROGNOSE_DREMPEL_PIEK = 1_000  # authentications per minute, at any moment in the year


def _getal(n: int) -> str:
    """Dutch notation: 10000 -> '10.000'."""
    return f"{n:,}".replace(",", ".")


DIENST = DienstInfo(
    slug=SLUG,
    naam="DigiD",
    omschrijving=(
        "Inlogmiddel van de overheid voor burgers. Een aansluiting kiest de "
        "zekerheidsniveaus waarop burgers bij de afnemer inloggen."
    ),
    bron=BRON,
    omgevingen=(
        Keuze(
            "productie",
            "Productie",
            f"24x7 minus onderhoudsvenster, {BESCHIKBAARHEID_PRODUCTIE} per maand",
            "SNO 2 Beschikbaarheid",
        ),
        Keuze(
            "pre-productie",
            "Pre-productie",
            f"Werkdagen 08:00-18:00, {BESCHIKBAARHEID_PRE_PRODUCTIE} per maand",
            "SNO 2 Beschikbaarheid",
        ),
    ),
    onderdelen=(
        Keuze("basis", "Basis", "Gebruikersnaam en wachtwoord", "SNO 1 Doel"),
        Keuze(
            "midden",
            "Midden",
            "Gebruikersnaam en wachtwoord plus sms-code, of de DigiD App",
            "SNO 1 Doel",
        ),
        Keuze("substantieel", "Substantieel", "DigiD App met extra controle", "SNO 1 Doel"),
    ),
    onderdelen_verplicht=True,
    afnemertypes=None,
    kenmerken=(
        Kenmerk("Zekerheidsniveaus", ("Basis", "Midden", "Substantieel"), "SNO 1 Doel"),
        Kenmerk(
            "Capaciteit",
            (f"{_getal(CAPACITEIT_PER_MINUUT)} authenticaties per minuut, gedeeld door "
             "alle afnemers",),
            "SNO 1 Geldigheid",
        ),
        Kenmerk(
            "Beschikbaarheid",
            (
                f"Productie: {BESCHIKBAARHEID_PRODUCTIE} per maand",
                f"Pre-productie: {BESCHIKBAARHEID_PRE_PRODUCTIE} per maand, op werkdagen "
                "08:00-18:00",
            ),
            "SNO 2 Beschikbaarheid",
        ),
    ),
)

SNO = VoorwaardenDocument(
    id=SNO_ID,
    titel="Serviceniveauovereenkomst DigiD",
    versie="2.8",
    bron=BRON,
    dienst=SLUG,
    ingangsdatum=date(2017, 12, 1),
    # The SNO has no notice period of its own: changes to service levels go through
    # the Afnemersoverleg DigiD (see the obligation 'wijziging-serviceniveaus').
    wijziging=None,
    verplichtingen=(
        Verplichting(
            "wijziging-serviceniveaus",
            "SNO 1 Beheer",
            Partij.LOGIUS,
            "Logius laat alle afnemers weten wanneer de SNO verandert. Andere serviceniveaus "
            "gaan pas in na goedkeuring door het Afnemersoverleg DigiD.",
        ),
        Verplichting(
            "capaciteit",
            "SNO 1 Geldigheid",
            Partij.BEIDE,
            "DigiD verwerkt voor alle afnemers samen ten hoogste "
            f"{_getal(CAPACITEIT_PER_MINUUT)} authenticaties per minuut. Wordt dat "
            "overschreden, dan gelden de afspraken uit deze SNO niet meer.",
        ),
        Verplichting(
            "beschikbaarheid",
            "SNO 2 Beschikbaarheid",
            Partij.LOGIUS,
            f"Per maand haalt productie minstens {BESCHIKBAARHEID_PRODUCTIE} beschikbaarheid "
            "(buiten gepland onderhoud) en pre-productie minstens "
            f"{BESCHIKBAARHEID_PRE_PRODUCTIE} op werkdagen tussen 08:00 en 18:00.",
        ),
        Verplichting(
            "spoedonderhoud",
            "SNO 2 Beschikbaarheid",
            Partij.LOGIUS,
            "Spoedonderhoud kondigt Logius altijd vooraf aan; het telt mee als "
            "onbeschikbaarheid.",
        ),
        Verplichting(
            "oplostijd-p1",
            "SNO 2 Oplostijden",
            Partij.LOGIUS,
            "Een incident met prioriteit 1 in productie is binnen deze klokuren opgelost; "
            f"norm: {OPLOSTIJD_NORM} per maand. Voor pre-productie geldt geen P1-norm.",
            OPLOSTIJD_P1,
        ),
        Verplichting(
            "oplostijd-p2",
            "SNO 2 Oplostijden",
            Partij.LOGIUS,
            "Een incident met prioriteit 2 is binnen deze kantooruren (werkdagen "
            f"08:00-18:00) opgelost, in productie en pre-productie; norm: {OPLOSTIJD_NORM} "
            "per maand.",
            OPLOSTIJD_P2,
        ),
        Verplichting(
            "oplostijd-p3",
            "SNO 2 Oplostijden",
            Partij.LOGIUS,
            "Een incident met prioriteit 3 is binnen deze kantooruren (werkdagen "
            f"08:00-18:00) opgelost, in productie en pre-productie; norm: {OPLOSTIJD_NORM} "
            "per maand.",
            OPLOSTIJD_P3,
        ),
        Verplichting(
            "informeren-bij-p1",
            "SNO 2 Oplostijden",
            Partij.LOGIUS,
            "Ontdekt Logius een P1-incident of calamiteit, dan hoort de afnemer dat binnen "
            f"{P1_INFORMATIE_MINUTEN} minuten.",
        ),
        Verplichting(
            "reactietijd-vragen",
            "SNO 2 Reactietijden",
            Partij.LOGIUS,
            "Vragen en klachten van afnemers krijgen binnen deze termijn antwoord; norm: "
            "99 % per maand.",
            REACTIETERMIJN_VRAGEN,
        ),
        Verplichting(
            "onderhoudsvenster",
            "SNO 2 Onderhoudsvenster",
            Partij.LOGIUS,
            f"Gepland onderhoud aan productie gebeurt hoogstens {ONDERHOUD_MAX_PER_MAAND} "
            f"keer per maand, binnen {ONDERHOUD_VENSTER} en niet langer dan deze duur, op "
            "de tweede maandag en de tweede woensdag van de maand. Wijkt Logius daarvan af, "
            "dan meldt zij dat vooraf.",
            ONDERHOUD_MAX_DUUR,
        ),
        Verplichting(
            "wijzigingsverzoek",
            "SNO 3 Wijzigingenbeheer",
            Partij.AFNEMER,
            "Een wijzigingsverzoek (RfC) noemt de indiener met contactgegevens, de gewenste "
            "wijziging als op te leveren resultaat, de verwachte voordelen en de nadelen "
            "van de huidige situatie.",
        ),
        Verplichting(
            "prognose-capaciteit",
            "SNO 3 Capaciteitsbeheer",
            Partij.AFNEMER,
            f"De afnemer levert {PROGNOSES_PER_JAAR} keer per jaar via het Operationeel "
            "Overleg een prognose zodra hij meer dan "
            f"{_getal(PROGNOSE_DREMPEL_JAAR)} authenticaties per jaar heeft, meer dan "
            f"{_getal(PROGNOSE_DREMPEL_MAAND)} in een maand, of ergens in het jaar een "
            f"piek boven {_getal(PROGNOSE_DREMPEL_PIEK)} per minuut.",
        ),
    ),
)


@hookimpl
def dienst_info() -> DienstInfo:
    return DIENST


@hookimpl
def dienst_voorwaarden() -> list[VoorwaardenDocument]:
    return [SNO]


# AV 14.1: Logius may phase out versions of its koppelvlakken. Versions shipped with
# the plugin; the productteam maintains later ones through the API.
KOPPELVLAKKEN = [
    Koppelvlak(
        "saml", "DigiD-koppelvlak op SAML", "AV 14.1",
        versies=(Versie("3.3", date(2017, 1, 1)), Versie("4.0", date(2023, 1, 1))),
    ),
    Koppelvlak(
        "oidc", "DigiD-koppelvlak op OpenID Connect", "AV 14.1",
        versies=(Versie("1.0", date(2025, 1, 1)),),
    ),
]


@hookimpl
def dienst_koppelvlakken() -> list[Koppelvlak]:
    return KOPPELVLAKKEN


# --- prognoses (SNO 3 Capaciteitsbeheer; AV 2.5) ------------------------------------
#
# An afnemer forecasts its authentications per month for the next 12 months and its
# expected peak per minute. It must do so twice a year as soon as one of the thresholds
# below is exceeded (strictly), judged on its recorded usage or on its last prognosis.
# The SNO says "twice a year" without dates; this plugin asks for them by 1 April (ahead
# of the busy income-tax season) and by 1 October, each covering the 12 months from then.

CAPACITEIT_ARTIKEL = "SNO 3 Capaciteitsbeheer"
DREMPEL_PER_JAAR = PROGNOSE_DREMPEL_JAAR
DREMPEL_PER_MAAND = PROGNOSE_DREMPEL_MAAND
DREMPEL_PIEK_PER_MINUUT = PROGNOSE_DREMPEL_PIEK
#: (month, label) of the two yearly deadlines; the day is the 1st.
PROGNOSEMOMENTEN = ((4, "voorjaar"), (10, "najaar"))
#: The usage metric the yearly and monthly thresholds are checked on, and the one the
#: per-authentication tariff applies to. The tariff is data per year: 2018-2022 had a
#: price per authentication, since 2023 DigiD is funded centrally (tariff 0).
AUTHENTICATIES = "authenticaties"
AUTHENTICATIE = "authenticatie"
TARIEF_ARTIKEL = "Tarieven DigiD per jaar"
TARIEFSCHEMA = Tariefschema(
    metrieken=(
        Metriek(AUTHENTICATIES, "Authenticaties", "authenticatie", CAPACITEIT_ARTIKEL,
                "Authenticaties via DigiD; telt voor de drempels van de prognoseplicht "
                "en, in jaren met een tarief, voor de kosten"),
    ),
    tarieven=(
        Tariefcode(AUTHENTICATIE, "DigiD: authenticaties", "per authenticatie",
                   TARIEF_ARTIKEL, inclusief_btw=False, metriek=AUTHENTICATIES),
    ),
)


@hookimpl
def dienst_tarieven(jaar: int) -> Tariefschema:
    return TARIEFSCHEMA


@hookimpl
def dienst_kosten(aansluiting: KostenAansluiting, periode: Periode, verbruik: Verbruik,
                  tarieven: Tarieven, berekening: Berekening) -> list[Kostenregel]:
    # Only production authentications count, and nothing is invoiced in advance. A period
    # without authentications has no line, so a year without a tariff asks for none.
    aantal = verbruik.in_periode(AUTHENTICATIES)
    if berekening == Berekening.VOORSCHOT or aansluiting.omgeving != "productie" or not aantal:
        return []
    return [tarieven.regel(AUTHENTICATIE, aantal)]


class PrognoseSchema(Schema):
    authenticaties_per_maand = _ma.fields.List(
        _ma.fields.Integer(strict=True, validate=_ma.validate.Range(min=0, max=10**9)),
        required=True, validate=_ma.validate.Length(equal=12),
        metadata={"description": "Verwachte authenticaties in elk van de 12 maanden van de "
                                 "periode, de eerste maand voorop"})
    piek_per_minuut = _ma.fields.Integer(
        strict=True, required=True, validate=_ma.validate.Range(min=0, max=10**7),
        metadata={"description": "Verwachte hoogste aantal authenticaties in één minuut"})


@hookimpl
def dienst_prognose_schema():
    return PrognoseSchema


@hookimpl
def dienst_prognose_perioden(jaar: int) -> list[Prognoseperiode]:
    perioden = []
    for maand, label in PROGNOSEMOMENTEN:
        van = date(jaar, maand, 1)
        perioden.append(Prognoseperiode(
            f"{jaar}-{maand:02d}", f"Prognose {label} {jaar} (12 maanden vanaf {van.isoformat()})",
            van, plus_maanden(van, 12) - timedelta(days=1), van))
    return perioden


def drempels_overschreden(jaar: int, hoogste_maand: int, piek: int) -> list[str]:
    """Which thresholds of SNO 1 are exceeded; each one is strict (more than)."""
    redenen = []
    if jaar > DREMPEL_PER_JAAR:
        redenen.append(f"meer dan {DREMPEL_PER_JAAR:,} authenticaties per jaar ({jaar:,})")
    if hoogste_maand > DREMPEL_PER_MAAND:
        redenen.append(f"meer dan {DREMPEL_PER_MAAND:,} in één maand ({hoogste_maand:,})")
    if piek > DREMPEL_PIEK_PER_MINUUT:
        redenen.append(f"een piek boven {DREMPEL_PIEK_PER_MINUUT:,} per minuut ({piek:,})")
    return [r.replace(",", ".") for r in redenen]


@hookimpl
def dienst_prognose_plicht(aansluiting: KostenAansluiting, verbruik: Verbruik, laatste,
                           dag: date) -> Prognoseplicht:
    redenen = []
    gebruikt = verbruik.in_jaar(AUTHENTICATIES)
    for reden in drempels_overschreden(gebruikt, verbruik.hoogste_maand(AUTHENTICATIES), 0):
        redenen.append(f"verbruik vorig jaar: {reden}")
    if laatste is not None:
        maanden = list(laatste.get("authenticaties_per_maand") or [])
        for reden in drempels_overschreden(sum(maanden), max(maanden, default=0),
                                           int(laatste.get("piek_per_minuut") or 0)):
            redenen.append(f"laatste prognose: {reden}")
    if aansluiting.omgeving != "productie":
        return Prognoseplicht(False, "Alleen productie telt mee voor de capaciteit.",
                              CAPACITEIT_ARTIKEL)
    if not redenen:
        return Prognoseplicht(False, "Geen van de drempels voor een prognose is overschreden.",
                              CAPACITEIT_ARTIKEL)
    return Prognoseplicht(True, "Twee keer per jaar een prognose, want: " + "; ".join(redenen)
                          + ".", CAPACITEIT_ARTIKEL)

