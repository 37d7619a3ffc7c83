"""The dienst's terms (``dienst_voorwaarden``): Voorwaarden Certificatenregister 1.0.

An invented document for this example; every obligation names its article (VC n.m), and
the code that carries one out cites it.
"""

from __future__ import annotations

from datetime import date

from core.sdk import (
    Eenheid,
    Partij,
    Termijn,
    Verplichting,
    VoorwaardenDocument,
    Wijzigingsregel,
)

from .dienst import BRON, SLUG, STANDAARD_WAARSCHUWINGSDAGEN

#: VC 2.2: a replaced certificate is recorded within five working days.
BIJWERKTERMIJN = Termijn(5, Eenheid.WERKDAGEN)
#: VC 4.1: the default warning period (the setting ``waarschuwingsdagen``).
WAARSCHUWINGSTERMIJN = Termijn(STANDAARD_WAARSCHUWINGSDAGEN, Eenheid.KALENDERDAGEN)

VOORWAARDEN = VoorwaardenDocument(
    id="certificatenregister",
    titel="Voorwaarden Certificatenregister",
    versie="1.0",
    bron=BRON,
    dienst=SLUG,
    ingangsdatum=date(2026, 1, 1),
    wijziging=Wijzigingsregel(
        aankondiging=Termijn(1, Eenheid.KALENDERMAANDEN),
        aankondiging_artikel="VC 6.1",
        einde_na_afwijzing=None,  # VC 6.2: rejection opens consultation
        afwijzing_artikel="VC 6.2",
    ),
    verplichtingen=(
        Verplichting(
            "registreren", "VC 2.1", Partij.AFNEMER,
            "De afnemer zet elk PKIoverheid-servercertificaat dat hij voor een aansluiting "
            "gebruikt in het register, met een herkenbare naam en de vervaldatum.",
        ),
        Verplichting(
            "bijwerken", "VC 2.2", Partij.AFNEMER,
            "Vervangt de afnemer een certificaat, dan past hij de registratie binnen deze "
            "termijn aan de nieuwe vervaldatum aan.",
            BIJWERKTERMIJN,
        ),
        Verplichting(
            "eigen-gegevens", "VC 3.1", Partij.LOGIUS,
            "Logius toont een afnemer alleen de certificaten die hij zelf registreerde en "
            "gebruikt de registraties nergens anders voor dan dit register.",
        ),
        Verplichting(
            "waarschuwen", "VC 4.1", Partij.LOGIUS,
            "Verloopt een geregistreerd certificaat binnen de waarschuwingstermijn, dan "
            "laat Logius dat de technische contactpersoon van de afnemer weten. Logius kan "
            "de termijn anders instellen; dit is de standaard.",
            WAARSCHUWINGSTERMIJN,
        ),
        Verplichting(
            "agenda", "VC 4.2", Partij.LOGIUS,
            "De vervaldatum van elk geregistreerd certificaat staat in de deadlinekalender "
            "van de afnemer.",
        ),
        Verplichting(
            "vervangen", "VC 5.1", Partij.AFNEMER,
            "De afnemer zorgt dat een nieuw certificaat in gebruik is voordat het oude "
            "verloopt; een verlopen certificaat is geen reden voor Logius om een storing "
            "te melden.",
        ),
        Verplichting(
            "wijziging-voorwaarden", "VC 6.1", Partij.LOGIUS,
            "Logius kondigt een wijziging van deze voorwaarden ten minste deze termijn "
            "vooraf aan.",
            Termijn(1, Eenheid.KALENDERMAANDEN),
        ),
        Verplichting(
            "afwijzing", "VC 6.2", Partij.BEIDE,
            "Wijst de afnemer een wijziging af, dan overleggen partijen voordat zij ingaat.",
        ),
    ),
)
