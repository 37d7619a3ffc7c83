"""Demo data for the embedded default: a few afnemers with contacts and aansluitingen.

Idempotent: running it again changes nothing that is already there.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from flask import current_app
from sqlalchemy import select

from core.aansluitingen import service as aansluitingen
from core.aansluitingen.lifecycle import Status
from core.afnemers.models import Afnemer
from core.auth import tokens as api_tokens
from core.auth.models import ApiToken
from core.auth.principal import SYSTEEM, Rol
from core.contactpersonen.models import Contactpersoon
from core.db import db, utcnow
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
            # Signed two months before the demo is loaded: see digipoort_tijdlijn().
            ("digipoort", "productie", ["e-factureren"], None, Status.ACTIEF),
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
            if getekend is None:  # dated from today: the Digipoort story
                getekend = digipoort_tijdlijn()[0]
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
    _digipoort(demo)
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
            afnemer_id=afnemer.id, issuer=current_app.config["OIDC_ISSUER"].rstrip("/"),
            client_id=DEMO_MACHINE_CLIENT, naam="Demo-koppeling",
            scopes=["read", "write"], aangemaakt_door=SYSTEEM.naam,
        ))
    db.session.commit()


#: The tokens ``demo-data --tokens`` prints: name, role, and whether it is the demo
#: afnemer's. The name together with the system as maker marks a demo token: a token of
#: the same name made with ``token create`` or through the API is not one.
DEMO_TOKENS = {
    "AFNEMER_TOKEN": ("Demo afnemer-beheerder", Rol.AFNEMER_BEHEERDER, True),
    "LOGIUS_TOKEN": ("Demo Logius-beheerder", Rol.LOGIUS_BEHEERDER, False),
}
DEMO_TOKEN_DAGEN = 30


def nieuwe_tokens(afnemer: Afnemer) -> dict[str, str]:
    """Revoke the demo tokens issued before and issue new ones: only the tokens printed
    last work. Commits; returns the plain tokens by their variable name."""
    namen = [naam for naam, _rol, _eigen in DEMO_TOKENS.values()]
    nu = utcnow()
    for oud in db.session.scalars(select(ApiToken).where(
            ApiToken.naam.in_(namen), ApiToken.aangemaakt_door == SYSTEEM.naam,
            ApiToken.ingetrokken_op.is_(None))):
        oud.ingetrokken_op = nu
    nieuw = {
        variabele: api_tokens.issue(naam=naam, rol=rol,
                                    afnemer_id=afnemer.id if eigen else None,
                                    dagen=DEMO_TOKEN_DAGEN, door=SYSTEEM.naam).token
        for variabele, (naam, rol, eigen) in DEMO_TOKENS.items()
    }
    db.session.commit()
    return nieuw


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
    """Berichtenbox messages of the demo afnemer per month of the last year."""
    from core.aansluitingen.models import Aansluiting

    mo = db.session.execute(select(Aansluiting).where(
        Aansluiting.afnemer_id == demo.id, Aansluiting.dienst == "mijnoverheid",
        Aansluiting.omgeving == "productie")).scalar_one_or_none()
    if mo is not None:
        eerste = plus_maanden(vandaag().replace(day=1), -12)
        rijen = [Rij(n, mo.id, "berichten", plus_maanden(eerste, n), 1200 + 35 * n,
                     demo.id, "mijnoverheid") for n in range(12)]
        verbruik.vastleggen(rijen, door=SYSTEEM)
    db.session.commit()


# --- Digipoort: one story from aanvraag to settlement (DP tabel 1) -----------------------
#
# Gemeente Voorbeeldstad, a niet-rijksoverheid, signed its aanvraagformulier for
# e-factureren two months before the demo is loaded. Two weeks later the aansluitteam's
# startmail started one period of individuele begeleiding (charged once, in the
# settlement of that year; it is no part of the voorcalculatie). After the chain tests
# Logius activated the aansluiting, and the gemeente delivered its prognosis for next
# year: 10,000 messages, which sets the voorcalculatie. So the advance invoice of next
# year charges 10,000 x 0.59, the settlement charges at least that much and deducts the
# advance (nothing is refunded), and an estimate of next year takes the same volumes
# from the prognosis.

#: Messages a year in the demo afnemer's Digipoort prognosis (its voorcalculatie).
DIGIPOORT_BERICHTEN = 10_000
#: Days from the signed aanvraag to the aansluitteam's startmail.
DIGIPOORT_DAGEN_TOT_STARTMAIL = 14


def digipoort_tijdlijn(aanvraag: date | None = None) -> tuple[date, date]:
    """(aanvraag signed, startmail) of the demo afnemer's Digipoort aansluiting."""
    aanvraag = aanvraag or plus_maanden(vandaag(), -2)
    return aanvraag, min(aanvraag + timedelta(days=DIGIPOORT_DAGEN_TOT_STARTMAIL), vandaag())


def _digipoort(demo: Afnemer) -> None:
    """The begeleidingsperiode from the startmail, and the prognosis of next year with its
    voorcalculatie, each once; only for an active aansluiting (an aansluiting that never
    went live has neither)."""
    from core.aansluitingen.models import Aansluiting
    from core.prognoses import service as prognoses
    from core.prognoses.models import Prognose
    from core.verbruik.models import VerbruikRegel

    dp = db.session.execute(select(Aansluiting).where(
        Aansluiting.afnemer_id == demo.id, Aansluiting.dienst == "digipoort",
        Aansluiting.omgeving == "productie", Aansluiting.status == Status.ACTIEF.value,
    )).scalar_one_or_none()
    if dp is None:
        return
    if db.session.execute(select(VerbruikRegel.datum).where(
            VerbruikRegel.aansluiting_id == dp.id,
            VerbruikRegel.metriek == "begeleidingsperioden")).first() is None:
        _aanvraag, startmail = digipoort_tijdlijn(dp.aanvraag_ondertekend_op)
        verbruik.vastleggen([Rij(1, dp.id, "begeleidingsperioden", startmail, 1, demo.id,
                                 "digipoort")], door=SYSTEEM)
    jaar = vandaag().year + 1
    periode = prognoses.periode("digipoort", str(jaar))
    if periode is not None and db.session.execute(select(Prognose.id).where(
            Prognose.aansluiting_id == dp.id, Prognose.periode == periode.id)).first() is None:
        formulier = {"berichten": DIGIPOORT_BERICHTEN}
        volumes = diensten().prognose_voorcalculatie("digipoort", periode, formulier)
        db.session.add(Prognose(
            afnemer_id=demo.id, aansluiting_id=dp.id, dienst="digipoort", periode=periode.id,
            nummer=prognoses.volgend_nummer(dp.id, periode.id),
            formulier=diensten().prognose_schema("digipoort")().dump(formulier),
            ingediend_door=SYSTEEM.naam))
        voorcalculatie = db.session.execute(select(Voorcalculatie).where(
            Voorcalculatie.aansluiting_id == dp.id, Voorcalculatie.jaar == jaar)
        ).scalar_one_or_none()
        if voorcalculatie is None:
            db.session.add(Voorcalculatie(afnemer_id=demo.id, aansluiting_id=dp.id,
                                          jaar=jaar, volumes=volumes,
                                          gewijzigd_door=SYSTEEM.naam))
    db.session.commit()
