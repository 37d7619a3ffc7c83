"""Data at realistic scale, for benchmarks and for trying the platform under load.

``genereer(n, jaar)`` adds ``n`` afnemers in the mix of the Dutch public sector (about a
quarter gemeenten, then overige niet-rijksoverheden, bedrijven, rijksoverheid,
waterschappen and provincies), each with:

- aansluitingen on the diensten its type uses, active since 1 January of ``jaar``, each
  in production and pre-production (VWO: production only); bigger afnemers also have
  ended aansluitingen from earlier years (replaced connections), up to 30 in all;
- contactpersonen for every role, the privacy and security ones reachable 24x7;
- one webhook endpoint (to ``webhook_url``, or an unreachable example address);
- a year of daily usage for every metric the diensten record (DigiD authentications,
  Berichtenbox and Digipoort messages), with a weekly rhythm; pre-production carries
  about 1 % of production's volume.

At 2,000 afnemers that is about 3 million usage rows. Rows are built as plain tuples
and loaded in bulk: ``COPY`` on PostgreSQL, ``executemany`` on SQLite; no ORM objects.
The result is deterministic for a seed. Scale afnemers have OINs starting with
:data:`OIN_PREFIX`, so a second run on the same database is refused.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from core.aansluitingen.models import Aansluiting
from core.afnemers.models import Afnemer
from core.contactpersonen.models import Contactpersoon
from core.db import bulk_laden as laad
from core.db import db
from core.meldingen.geheimen import nieuw_geheim, versleutel
from core.meldingen.models import WebhookEndpoint
from core.types import Afnemertype
from core.verbruik.models import VerbruikRegel

#: OINs of generated afnemers start with this (20 digits in all).
OIN_PREFIX = "00000009"


@dataclass(frozen=True)
class Soort:
    """One kind of afnemer in the mix: its share, and what it connects to."""

    type: Afnemertype
    label: str
    aandeel: float
    #: (dienst, onderdelen, metric, typical daily volume in production)
    aansluitingen: tuple[tuple[str, tuple[str, ...], str | None, int], ...]


DIGID = ("digid", ("midden",), "authenticaties", 4_000)
BERICHTENBOX = ("mijnoverheid", ("berichtenbox", "lopende-zaken"), "berichten", 1_500)
DIGIPOORT = ("digipoort", ("e-factureren",), "berichten", 300)
VWO = ("vwo", (), None, 0)

MIX = (
    Soort(Afnemertype.GEMEENTE, "Gemeente", 0.26, (DIGID, BERICHTENBOX, DIGIPOORT, VWO)),
    Soort(Afnemertype.OVERIGE_NIET_RIJKSOVERHEID, "Uitvoeringsorganisatie", 0.30,
          (DIGID, BERICHTENBOX, DIGIPOORT)),
    Soort(Afnemertype.BEDRIJF, "Bedrijf", 0.27, (DIGIPOORT,)),
    Soort(Afnemertype.RIJKSOVERHEID, "Ministerie of dienst", 0.12,
          (DIGID, BERICHTENBOX, DIGIPOORT)),
    Soort(Afnemertype.WATERSCHAP, "Waterschap", 0.03, (DIGID, BERICHTENBOX, DIGIPOORT)),
    Soort(Afnemertype.PROVINCIE, "Provincie", 0.02, (DIGID, BERICHTENBOX, DIGIPOORT)),
)

ROLLEN = (("algemeen", "kantooruren"), ("technisch", "kantooruren"),
          ("financieel", "kantooruren"), ("privacy", "24x7"), ("security", "24x7"))
#: Relative volume per weekday (Monday first): offices work on weekdays.
WEEKRITME = (1.25, 1.2, 1.15, 1.1, 1.0, 0.35, 0.3)


def _soorten(aantal: int, rng: random.Random) -> list[Soort]:
    """``aantal`` kinds in the shares of :data:`MIX`, in a shuffled order."""
    uit: list[Soort] = []
    for soort in MIX:
        uit += [soort] * round(soort.aandeel * aantal)
    while len(uit) < aantal:
        uit.append(MIX[0])
    uit = uit[:aantal]
    rng.shuffle(uit)
    return uit


def genereer(aantal: int, jaar: int, *, webhook_url: str | None = None, seed: int = 2026,
             voortgang: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Add ``aantal`` afnemers with everything above; commit; return the row counts."""
    if aantal < 1:
        raise ValueError("aantal moet minstens 1 zijn")
    if db.session.scalar(select(func.count()).select_from(Afnemer)
                         .where(Afnemer.oin.startswith(OIN_PREFIX))):
        raise ValueError("Deze database heeft al schaaldata; begin met een lege database.")
    rng = random.Random(seed)
    meld = voortgang or (lambda _stap, _n: None)
    nu = datetime.now(UTC)
    begin = date(jaar, 1, 1)
    actief_sinds = datetime(jaar, 1, 1, 9, tzinfo=UTC)
    sleutel = current_app.config["SECRET_KEY"]
    # One encrypted secret per endpoint; encrypting is the slowest part, so reuse a few.
    geheimen = [versleutel(nieuw_geheim(), sleutel) for _ in range(min(aantal, 50))]

    afnemers, aansluitingen, contacten, webhooks = [], [], [], []
    reeksen: list[tuple[uuid.UUID, uuid.UUID, str, float]] = []
    for nummer, soort in enumerate(_soorten(aantal, rng), start=1):
        afnemer_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        grootte = rng.lognormvariate(0, 0.9)  # a few big ones, many small ones
        afnemers.append((afnemer_id, f"{soort.label} {nummer:05d}",
                         f"{OIN_PREFIX}{nummer:012d}", soort.type.value,
                         f"{nummer % 10**8:08d}", nu, nu, 1))
        for dienst, onderdelen, metriek, per_dag in soort.aansluitingen:
            omgevingen = ("productie",) if dienst == "vwo" else ("productie", "pre-productie")
            for omgeving in omgevingen:
                aansluiting_id = uuid.UUID(int=rng.getrandbits(128), version=4)
                aansluitingen.append((aansluiting_id, afnemer_id, dienst, omgeving,
                                      list(onderdelen), "actief", begin - timedelta(days=60),
                                      actief_sinds, None, nu, nu, 1))
                if metriek:
                    schaal = 1.0 if omgeving == "productie" else 0.01
                    reeksen.append((aansluiting_id, afnemer_id, metriek,
                                    per_dag * grootte * schaal))
        # Earlier connections that ended, more for bigger afnemers.
        for _ in range(min(int(grootte * 4), 30 - len(soort.aansluitingen) * 2)):
            dienst, onderdelen, _metriek, _per_dag = rng.choice(soort.aansluitingen)
            gestart = date(jaar - rng.randint(3, 7), rng.randint(1, 12), 1)
            geeindigd = datetime(gestart.year + rng.randint(1, 2), 12, 31, 17, tzinfo=UTC)
            aansluitingen.append((uuid.UUID(int=rng.getrandbits(128), version=4), afnemer_id,
                                  dienst, "productie", list(onderdelen), "beeindigd",
                                  gestart - timedelta(days=30),
                                  datetime.combine(gestart, datetime.min.time(), UTC),
                                  geeindigd, nu, nu, 1))
        domein = f"afnemer{nummer:05d}.example"
        for i, (rol, bereikbaar) in enumerate(ROLLEN):
            contacten.append((uuid.UUID(int=rng.getrandbits(128), version=4), afnemer_id,
                              f"Contact {rol} {nummer:05d}", None, f"{rol}@{domein}",
                              f"+3170{(nummer * 7 + i) % 10**7:07d}", rol, bereikbaar,
                              nu, nu, 1))
        url = f"{webhook_url.rstrip('/')}/{afnemer_id}" if webhook_url else (
            f"https://{domein}/webhooks/logius")
        webhooks.append((uuid.UUID(int=rng.getrandbits(128), version=4), afnemer_id, url,
                         "Meldingen van Logius", [], geheimen[nummer % len(geheimen)], True,
                         0, nu, nu, 1))

    tellingen = {
        "afnemers": laad(Afnemer.__table__, ("id", "naam", "oin", "type", "kvk_nummer",
                                             "aangemaakt_op", "gewijzigd_op", "versie"),
                         afnemers),
        "aansluitingen": laad(Aansluiting.__table__, (
            "id", "afnemer_id", "dienst", "omgeving", "onderdelen", "status",
            "aanvraag_ondertekend_op", "geactiveerd_op", "beeindigd_op", "aangemaakt_op",
            "gewijzigd_op", "versie"), aansluitingen),
        "contactpersonen": laad(Contactpersoon.__table__, (
            "id", "afnemer_id", "naam", "functie", "email", "telefoon", "rol",
            "bereikbaarheid", "aangemaakt_op", "gewijzigd_op", "versie"), contacten),
        "webhooks": laad(WebhookEndpoint.__table__, (
            "id", "afnemer_id", "url", "omschrijving", "typen", "geheim_versleuteld",
            "actief", "herbezorg_aantal", "aangemaakt_op", "gewijzigd_op", "versie"),
            webhooks),
    }
    meld("afnemers", aantal)

    dagen = [begin + timedelta(days=d) for d in range((date(jaar + 1, 1, 1) - begin).days)]
    ritme = [WEEKRITME[d.weekday()] for d in dagen]

    def verbruik() -> Iterable[tuple]:
        for aansluiting_id, afnemer_id, metriek, per_dag in reeksen:
            for dag, factor in zip(dagen, ritme, strict=True):
                aantal_ = int(per_dag * factor * (0.8 + 0.4 * rng.random()))
                yield (aansluiting_id, metriek, dag, afnemer_id, aantal_, nu)

    tellingen["verbruik"] = laad(VerbruikRegel.__table__, (
        "aansluiting_id", "metriek", "datum", "afnemer_id", "aantal", "gewijzigd_op"),
        verbruik())
    meld("verbruik", tellingen["verbruik"])
    db.session.commit()
    return tellingen
