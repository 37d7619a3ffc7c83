"""DigiD's tariff schema and cost rule (hooks ``dienst_tarieven`` and ``dienst_kosten``).

The per-authentication tariff is data per year: 2018-2022 had a price per
authentication, since 2023 DigiD is funded centrally (tariff 0). The tariffs are
published per year outside the SNO, so the tariff code names that source.
"""

from __future__ import annotations

from core.sdk import (
    Aggregatie,
    Berekening,
    KostenAansluiting,
    Kostenregel,
    Metriek,
    Periode,
    Tariefcode,
    Tariefschema,
    Tarieven,
    Verbruik,
)

from .voorwaarden import CAPACITEIT_ARTIKEL

#: The usage metric the yearly and monthly prognosis thresholds are checked on
#: (SNO 3 Capaciteitsbeheer), and the one the per-authentication tariff applies to.
AUTHENTICATIES = "authenticaties"
#: The highest number of authentications in one minute on a day (or in a month, recorded
#: on a day of it): the peak threshold of the prognosis duty (SNO 3 Capaciteitsbeheer).
#: A peak aggregates by maximum, so a year's figure is its highest row, and it has no
#: tariff.
PIEK_PER_MINUUT = "piek-per-minuut"
AUTHENTICATIE = "authenticatie"
TARIEF_ARTIKEL = "Tarieven DigiD per jaar"
TARIEFSCHEMA = Tariefschema(
    metrieken=(
        Metriek(AUTHENTICATIES, "Authenticaties", "authenticatie", CAPACITEIT_ARTIKEL,
                "Authenticaties via DigiD; telt voor de drempels van de prognoseplicht "
                "en, in jaren met een tarief, voor de kosten"),
        Metriek(PIEK_PER_MINUUT, "Piek per minuut", "authenticatie per minuut",
                CAPACITEIT_ARTIKEL,
                "Het hoogste aantal authenticaties in één minuut op de dag van de regel; "
                "telt voor de piekdrempel van de prognoseplicht",
                aggregatie=Aggregatie.MAXIMUM),
    ),
    tarieven=(
        Tariefcode(AUTHENTICATIE, "DigiD: authenticaties", "per authenticatie",
                   TARIEF_ARTIKEL, inclusief_btw=False, metriek=AUTHENTICATIES),
    ),
)


def tariefschema(jaar: int) -> Tariefschema:
    """The same codes every year; only the amounts (data) differ."""
    return TARIEFSCHEMA


def kosten(aansluiting: KostenAansluiting, periode: Periode, verbruik: Verbruik,
           tarieven: Tarieven, berekening: Berekening) -> list[Kostenregel]:
    """Only production authentications count, and nothing is invoiced in advance. A
    period without authentications has no line, so a year without a tariff asks for none."""
    aantal = verbruik.in_periode(AUTHENTICATIES)
    if berekening == Berekening.VOORSCHOT or aansluiting.omgeving != "productie" or not aantal:
        return []
    return [tarieven.regel(AUTHENTICATIE, aantal)]
