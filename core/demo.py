"""Demo data for the embedded default: a few afnemers with contacts and aansluitingen.

Idempotent: running it again changes nothing that is already there.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from core.aansluitingen import service as aansluitingen
from core.aansluitingen.lifecycle import Status
from core.afnemers.models import Afnemer
from core.auth.principal import SYSTEEM, Rol
from core.contactpersonen.models import Contactpersoon
from core.db import db
from core.gebruikers import service as gebruikers
from core.gebruikers.models import Lidmaatschap, MachineClient

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
