"""The hooks of the broken test dienst ``kapot`` (see the package's doc for its faults)."""

from __future__ import annotations

from pathlib import Path

from core.sdk import (
    DienstInfo,
    Gebeurtenistype,
    Herinnering,
    Keuze,
    Migraties,
    Partij,
    Verplichting,
    VoorwaardenDocument,
    hookimpl,
)


@hookimpl
def dienst_info():
    return DienstInfo(slug="kapot", naam="Kapot", omschrijving="Een dienst die alles fout doet",
                      bron="Voorwaarden Kapot 1.0",
                      omgevingen=(Keuze("productie", "Productie"),))


@hookimpl
def dienst_voorwaarden():
    return [VoorwaardenDocument(
        id="kapot-voorwaarden", titel="Voorwaarden Kapot", versie="1.0",
        bron="Voorwaarden Kapot 1.0", dienst="kapot",
        verplichtingen=(
            Verplichting("melden", "KV 2.1", Partij.AFNEMER, "Storingen melden"),
            Verplichting("opruimen", "n.v.t.", Partij.LOGIUS, "Opruimen"),  # FOUT: no article
        ))]


@hookimpl
def dienst_api():
    from tests.plugins.kapot import api

    return [api.notities]


@hookimpl
def dienst_migraties():
    from tests.plugins.kapot.models import Basis

    return Migraties(Path(__file__).parent / "migraties", Basis.metadata)


@hookimpl
def dienst_gebeurtenissen():
    return [Gebeurtenistype("kapot.notitie-geplaatst", "Een notitie is geplaatst", "KV 2.1"),
            Gebeurtenistype("kapot.notitie-weg", "Een notitie is weg",
                            "zie later")]  # FOUT: no article


@hookimpl
def dienst_herinneringen(dag):
    # FOUT: a type the dienst does not declare
    return [Herinnering(f"kapot:{dag}", "kapot.vergeten", None, "Vergeten", "Iets vergeten")]
