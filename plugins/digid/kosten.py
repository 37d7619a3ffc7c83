"""DigiD's tariff schema and cost rule (hooks ``dienst_tarieven`` and ``dienst_kosten``).

The per-authentication tariff is data per year: 2018-2022 had a price per
authentication, since 2023 DigiD is funded centrally (tariff 0). The tariffs are
published per year outside the SNO, so the tariff code names that source.
"""

from __future__ import annotations

from core.sdk import (
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
