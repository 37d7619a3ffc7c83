"""Demo data for the embedded default: a few afnemers with contacts and aansluitingen.

Idempotent: running it again changes nothing that is already there.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from core.aansluitingen import service as aansluitingen
from core.aansluitingen.lifecycle import Status
from core.afnemers.models import Afnemer
from core.auth.principal import SYSTEEM, Rol
from core.contactpersonen.models import Contactpersoon
from core.db import db
from core.gebruikers import service as gebruikers
from core.gebruikers.models import Lidmaatschap, MachineClient
from core.plugins import diensten
from core.tarieven.models import BtwTarief, Tarief
from core.tijd import plus_maanden, vandaag
from core.verbruik import service as verbruik
from core.verbruik.invoer import Rij
from core.verbruik.models import Voorcalculatie

DEMO_OIN = "00000001001234567000"

AFNEMERS = [
    {
        "naam": "Gemeente Voorbeeldstad",
        "oin": DEMO_OIN,
        "type": "gemeente",
        "kvk_nummer": None,
        "contactpersonen": [
            ("Fatima el Amrani", "algemeen", "kantooruren", "f.elamrani@voorbeeldstad.nl",
             "+31201234567"),
            ("Jeroen de Vries", "technisch", "24x7", "j.devries@voorbeeldstad.nl", "+31612345678"),
            ("Sanne Bakker", "privacy", "24x7", "privacy@voorbeeldstad.nl", "+31201234568"),
            ("Ahmet Yılmaz", "financieel", "kantooruren", "crediteuren@voorbeeldstad.nl",
             "+31201234569"),
        ],
        "aansluitingen": [
            ("digid", "productie", ["midden", "substantieel"], date(2023, 2, 1), Status.ACTIEF),
            ("digid", "pre-productie", ["midden", "substantieel"], date(2023, 1, 9),
             Status.ACTIEF),
            ("mijnoverheid", "productie", ["berichtenbox", "lopende-zaken"], date(2024, 5, 14),
             Status.ACTIEF),
            ("digipoort", "productie", ["e-factureren"], date(2026, 10, 1), Status.AANGEVRAAGD),
            ("vwo", "productie", [], date(2024, 3, 1), Status.ACTIEF),
        ],
    },
    {
        "naam": "Waterschap De Voorbeeldlanden",
        "oin": "00000001002345678000",
        "type": "waterschap",
        "kvk_nummer": None,
        "contactpersonen": [
            ("Kees Jansen", "algemeen", "kantooruren", "k.jansen@voorbeeldlanden.nl",
             "+31301234567"),
        ],
        "aansluitingen": [
            ("digid", "productie", ["basis", "midden"], date(2022, 6, 1), Status.ACTIEF),
        ],
    },
    {
        "naam": "Voorbeeld Facturatie B.V.",
        "oin": "00000003123456780000",
        "type": "bedrijf",
        "kvk_nummer": "12345678",
        "contactpersonen": [
            ("Lisa Vermeulen", "algemeen", "kantooruren", "lisa@voorbeeldfacturatie.nl",
             "+31401234567"),
        ],
        "aansluitingen": [
            ("digipoort", "productie", ["e-factureren", "digiinkoop"], date(2025, 1, 6),
             Status.ACTIEF),
        ],
    },
]


def load() -> Afnemer:
    """Create the demo afnemers that do not exist yet; return the main demo afnemer."""
    for spec in AFNEMERS:
        bestaand = db.session.execute(
            select(Afnemer).where(Afnemer.oin == spec["oin"])
        ).scalar_one_or_none()
        if bestaand is not None:
            continue
        afnemer = Afnemer(
            naam=spec["naam"], oin=spec["oin"], type=spec["type"], kvk_nummer=spec["kvk_nummer"]
        )
        db.session.add(afnemer)
        db.session.flush()
        for naam, rol, bereikbaarheid, email, telefoon in spec["contactpersonen"]:
            db.session.add(
                Contactpersoon(
                    afnemer_id=afnemer.id, naam=naam, rol=rol, bereikbaarheid=bereikbaarheid,
                    email=email, telefoon=telefoon,
                )
            )
        for dienst, omgeving, onderdelen, getekend, status in spec["aansluitingen"]:
            aansluiting = aansluitingen.aanvragen(
                afnemer, dienst=dienst, omgeving=omgeving, onderdelen=onderdelen,
                aanvraag_ondertekend_op=getekend, door=SYSTEEM,
            )
            if status == Status.ACTIEF:
                aansluitingen.wijzig_status(aansluiting, Status.ACTIEF, door=SYSTEEM)
        db.session.commit()
    demo = db.session.execute(select(Afnemer).where(Afnemer.oin == DEMO_OIN)).scalar_one()
    _identiteit(demo)
    _tarieven()
    _verbruik(demo)
    return demo


#: People invited at the demo afnemer; their lidmaatschap starts at their first login.
DEMO_LEDEN = [("beheerder@voorbeeldstad.nl", Rol.AFNEMER_BEHEERDER),
              ("medewerker@voorbeeldstad.nl", Rol.AFNEMER_MEDEWERKER)]
#: The machine client the local provider knows by default (oidc/provider.mjs).
DEMO_MACHINE_CLIENT = "demo-koppeling"


def _identiteit(afnemer: Afnemer) -> None:
    for email, rol in DEMO_LEDEN:
        bestaand = db.session.execute(
            select(Lidmaatschap.id).where(Lidmaatschap.afnemer_id == afnemer.id,
                                          Lidmaatschap.email == email)
        ).scalar()
        if bestaand is None:
            gebruikers.uitnodigen(afnemer.id, email, rol, door=SYSTEEM)
    if db.session.execute(
        select(MachineClient.id).where(MachineClient.client_id == DEMO_MACHINE_CLIENT)
    ).scalar() is None:
        db.session.add(MachineClient(
            afnemer_id=afnemer.id, client_id=DEMO_MACHINE_CLIENT, naam="Demo-koppeling",
            scopes=["read", "write"], aangemaakt_door=SYSTEEM.naam,
        ))
    db.session.commit()


# --- tariffs, usage and a voorcalculatie -------------------------------------------------
#
# Demo figures, from Logius' public sources; in production the productteams and Logius
# set them through the API. Digipoort (DP tabel 1, version of December 2017): EUR 0.59
# incl. BTW per message and EUR 4,400 incl. BTW per period of individuele begeleiding.
# MijnOverheid: the published 2022 Berichtenbox tariff was EUR 0.32 per message, with no
# fixed amount; since 2023 MijnOverheid is funded centrally, so every tariff is 0. The
# 2022 connection fee of Persoonlijke Gegevens was not published and is left unset.


def demo_jaren() -> range:
    return range(2018, vandaag().year + 2)


def demo_tarieven() -> list[tuple[str, int, str, Decimal, bool]]:
    """(dienst, jaar, code, bedrag, inclusief_btw) of the demo data."""
    rijen = []
    for jaar in demo_jaren():
        rijen += [("digipoort", jaar, "berichtenverkeer", Decimal("0.59"), True),
                  ("digipoort", jaar, "individuele-begeleiding", Decimal("4400"), True)]
        # Published 2022 tariffs; since 2023 DigiD and MijnOverheid are funded centrally.
        if jaar >= 2022:
            rijen.append(("digid", jaar, "authenticatie",
                          Decimal("0.13") if jaar == 2022 else Decimal("0"), False))
        if jaar == 2022:
            rijen += [("mijnoverheid", jaar, "berichtenbox-bericht", Decimal("0.32"), False),
                      ("mijnoverheid", jaar, "berichtenbox-jaarbedrag", Decimal("0"), False)]
        elif jaar > 2022:
            rijen += [("mijnoverheid", jaar, code, Decimal("0"), False)
                      for code in ("berichtenbox-bericht", "berichtenbox-jaarbedrag",
                                   "persoonlijke-gegevens-aansluiting")]
    return rijen


#: BTW in the Netherlands: 21 % for every demo year.
DEMO_BTW = Decimal("21")


def _tarieven() -> None:
    bestaand = {(t.dienst, t.jaar, t.code) for t in db.session.scalars(select(Tarief))}
    for dienst, jaar, code, bedrag, inclusief in demo_tarieven():
        schema = diensten().tariefschema(dienst, jaar)
        soort = schema.tarief(code) if schema else None
        if soort is None or (dienst, jaar, code) in bestaand:
            continue
        db.session.add(Tarief(dienst=dienst, jaar=jaar, code=code, bedrag=bedrag,
                              inclusief_btw=inclusief, artikel=soort.artikel,
                              omschrijving=soort.omschrijving or soort.naam,
                              gewijzigd_door=SYSTEEM.naam))
    for jaar in demo_jaren():
        if db.session.get(BtwTarief, jaar) is None:
            db.session.add(BtwTarief(jaar=jaar, percentage=DEMO_BTW, gewijzigd_door=SYSTEEM.naam))
    db.session.commit()


def _verbruik(demo: Afnemer) -> None:
    """Berichtenbox messages of the demo afnemer per month of the last year, and a
    Digipoort voorcalculatie for next year (its aansluiting is still aangevraagd)."""
    from core.aansluitingen.models import Aansluiting

    aansluitingen = {(a.dienst, a.omgeving): a for a in db.session.scalars(
        select(Aansluiting).where(Aansluiting.afnemer_id == demo.id))}
    mo = aansluitingen.get(("mijnoverheid", "productie"))
    if mo is not None:
        eerste = plus_maanden(vandaag().replace(day=1), -12)
        rijen = [Rij(n, mo.id, "berichten", plus_maanden(eerste, n), 1200 + 35 * n,
                     demo.id, "mijnoverheid") for n in range(12)]
        verbruik.vastleggen(rijen, door=SYSTEEM)
    dp = aansluitingen.get(("digipoort", "productie"))
    jaar = vandaag().year + 1
    if dp is not None and db.session.execute(select(Voorcalculatie.id).where(
            Voorcalculatie.aansluiting_id == dp.id, Voorcalculatie.jaar == jaar)).scalar() is None:
        db.session.add(Voorcalculatie(afnemer_id=demo.id, aansluiting_id=dp.id, jaar=jaar,
                                      volumes={"berichten": 10_000},
                                      gewijzigd_door=SYSTEEM.naam))
    db.session.commit()
