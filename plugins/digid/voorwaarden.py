"""The SNO DigiD 2.8 as a terms document (hook ``dienst_voorwaarden``), with its figures.

The SNO has numbered chapters but no numbered articles, so references name the chapter
and the section: ``SNO 2 Oplostijden`` is the section Oplostijden of chapter 2.
"""

from __future__ import annotations

from datetime import date

from core.sdk import Eenheid, Partij, Termijn, Verplichting, VoorwaardenDocument

from .dienst import (
    BESCHIKBAARHEID_PRE_PRODUCTIE,
    BESCHIKBAARHEID_PRODUCTIE,
    BRON,
    CAPACITEIT_PER_MINUUT,
    SLUG,
    getal,
)

SNO_ID = "digid-sno"

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
CAPACITEIT_ARTIKEL = "SNO 3 Capaciteitsbeheer"
PROGNOSES_PER_JAAR = 2
PROGNOSE_DREMPEL_JAAR = 5_000_000  # authentications per year
PROGNOSE_DREMPEL_MAAND = 1_000_000  # authentications in one month
PROGNOSE_DREMPEL_PIEK = 1_000  # authentications per minute, at any moment in the year

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
            f"{getal(CAPACITEIT_PER_MINUUT)} authenticaties per minuut. Wordt dat "
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
            CAPACITEIT_ARTIKEL,
            Partij.AFNEMER,
            f"De afnemer levert {PROGNOSES_PER_JAAR} keer per jaar via het Operationeel "
            "Overleg een prognose zodra hij meer dan "
            f"{getal(PROGNOSE_DREMPEL_JAAR)} authenticaties per jaar heeft, meer dan "
            f"{getal(PROGNOSE_DREMPEL_MAAND)} in een maand, of ergens in het jaar een "
            f"piek boven {getal(PROGNOSE_DREMPEL_PIEK)} per minuut.",
        ),
    ),
)
