"""The hooks of the test dienst ``proef``."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from core.sdk import (
    DienstInfo,
    Gebeurtenistype,
    Herinnering,
    Instelling,
    Keuze,
    Migraties,
    Ontvanger,
    Termijnpost,
    Waardesoort,
    hookimpl,
)


@hookimpl
def dienst_info():
    return DienstInfo(slug="proef", naam="Proef", omschrijving="Een dienst om te proberen",
                      bron="Voorwaarden Proef 1.0",
                      omgevingen=(Keuze("productie", "Productie"),
                                  Keuze("pre-productie", "Pre-productie")))


@hookimpl
def dienst_voorwaarden():
    return []


@hookimpl
def dienst_api():
    from tests.plugins.proef import api

    return [api.notities, api.info]


@hookimpl
def dienst_migraties():
    from tests.plugins.proef.models import Basis

    return Migraties(Path(__file__).parent / "migraties", Basis.metadata)


@hookimpl
def dienst_gebeurtenissen():
    return [Gebeurtenistype("proef.notitie-geplaatst", "Een notitie is geplaatst", "PV 2.1",
                            Ontvanger.AFNEMER, ("technisch",)),
            Gebeurtenistype("proef.notitie-verloopt", "Een notitie verloopt binnenkort",
                            "PV 2.2", Ontvanger.AFNEMER, ("algemeen",))]


@hookimpl
def dienst_instellingen():
    return [Instelling("maximum", "Hoeveel notities een afnemer mag hebben", Waardesoort.GETAL,
                       standaard=10, minimum=1),
            Instelling("sleutel", "Geheime sleutel van de proefvoorziening", geheim=True)]


@hookimpl
def dienst_check_config(instellingen):
    if instellingen["maximum"] > 1000:
        return ["maximum boven 1000 past niet in de proefvoorziening"]
    return []


@hookimpl
def dienst_gezondheid(instellingen):
    return [] if instellingen["sleutel"] else ["de sleutel van de proefvoorziening ontbreekt"]


def _met_datum(van, tot=None):
    from core.sdk.api import db
    from tests.plugins.proef.models import Notitie

    query = select(Notitie).where(Notitie.uiterlijk.is_not(None), Notitie.uiterlijk >= van)
    if tot is not None:
        query = query.where(Notitie.uiterlijk <= tot)
    return db.session.scalars(query.order_by(Notitie.uiterlijk, Notitie.id))


@hookimpl
def dienst_deadlines(afnemer_id, vanaf):
    return [Termijnpost(f"notitie-{n.id}", n.uiterlijk, "notitie", n.tekst, "Notitie verloopt",
                        "PV 2.2", f"/api/v1/afnemers/{afnemer_id}/proef-notities/{n.id}")
            for n in _met_datum(vanaf) if n.afnemer_id == afnemer_id]


@hookimpl
def dienst_herinneringen(dag):
    from datetime import timedelta

    return [Herinnering(f"verloopt:{n.id}", "proef.notitie-verloopt", n.afnemer_id,
                        f"Notitie verloopt op {n.uiterlijk}", n.tekst, {"notitieId": str(n.id)})
            for n in _met_datum(dag, dag + timedelta(days=7))]


@hookimpl
def dienst_export(afnemer_id):
    from core.sdk.api import db
    from tests.plugins.proef.models import Notitie

    notities = db.session.scalars(select(Notitie).where(Notitie.afnemer_id == afnemer_id)
                                  .order_by(Notitie.id))
    return {"notities.json": [{"id": str(n.id), "tekst": n.tekst} for n in notities]}


@hookimpl
def dienst_console():
    from tests.plugins.proef.console import BIJDRAGE

    return BIJDRAGE
