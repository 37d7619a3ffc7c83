"""The hook types check their own fields (``__post_init__`` in ``core/types.py`` and
``core/koppelvlakken/typen.py``): a bad value fails where a plugin builds it.

What spans objects or plugins (a slug claimed twice, a document of another dienst, a tariff
code the year's schema lacks) is the plugin manager's, tested in ``test_plugin_manager.py``,
``test_plugin_kosten.py``, ``test_plugin_koppelvlakken.py`` and ``test_plugin_prognoses.py``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.types import (
    Afnemertype,
    DienstInfo,
    Eenheid,
    Kenmerk,
    Keuze,
    Kostenregel,
    Metriek,
    Partij,
    Prognoseperiode,
    Prognoseplicht,
    Tariefcode,
    Tariefschema,
    Termijn,
    Verplichting,
    VoorwaardenDocument,
    Wijzigingsregel,
)

PRODUCTIE = Keuze("productie", "Productie")
MAAND = Termijn(1, Eenheid.KALENDERMAANDEN)


def dienst(**overrides) -> DienstInfo:
    velden = {"slug": "testdienst", "naam": "Testdienst", "omschrijving": "Voor tests.",
              "bron": "Testvoorwaarden 1.0", "omgevingen": (PRODUCTIE,)}
    return DienstInfo(**{**velden, **overrides})


def verplichting(id_: str = "melden", **overrides) -> Verplichting:
    velden = {"id": id_, "artikel": "T 1", "partij": Partij.AFNEMER, "omschrijving": "Meldt."}
    return Verplichting(**{**velden, **overrides})


def document(**overrides) -> VoorwaardenDocument:
    velden = {"id": "test-voorwaarden", "titel": "Test", "versie": "1.0", "bron": "Test 1.0",
              "dienst": "testdienst"}
    return VoorwaardenDocument(**{**velden, **overrides})


def metriek(**overrides) -> Metriek:
    velden = {"code": "stuks", "naam": "Stuks", "eenheid": "stuk", "artikel": "T 1"}
    return Metriek(**{**velden, **overrides})


def tariefcode(**overrides) -> Tariefcode:
    velden = {"code": "stuk", "naam": "Stuk", "eenheid": "per stuk", "artikel": "T 1",
              "inclusief_btw": False}
    return Tariefcode(**{**velden, **overrides})


def regel(**overrides) -> Kostenregel:
    velden = {"omschrijving": "Stuks", "artikel": "T 1", "hoeveelheid": 1, "eenheid": "stuk",
              "tarief": Decimal("0.25"), "inclusief_btw": False}
    return Kostenregel(**{**velden, **overrides})


def periode(**overrides) -> Prognoseperiode:
    velden = {"id": "2028", "naam": "Prognose 2028", "van": date(2028, 1, 1),
              "tot": date(2028, 12, 31), "uiterlijk": date(2027, 11, 1)}
    return Prognoseperiode(**{**velden, **overrides})


def test_valid_values_build():
    """The helpers above build valid values, so each case below fails on its one change."""
    assert dienst(onderdelen=(Keuze("a", "A"),), onderdelen_verplicht=True,
                  afnemertypes=(Afnemertype.GEMEENTE,),
                  kenmerken=(Kenmerk("K", ("w",), "T 1"),)).slug == "testdienst"
    assert document(verplichtingen=(verplichting("a"), verplichting("b", termijn=MAAND)),
                    wijziging=Wijzigingsregel(MAAND, "T 2", None, "T 3"),
                    ingangsdatum=date(2024, 1, 1)).id == "test-voorwaarden"
    assert Tariefschema((metriek(maximum=1),), (tariefcode(metriek="stuks"),)).tarief("stuk")
    assert regel(hoeveelheid=0, tarief=Decimal(0), code="stuk").hoeveelheid == 0
    assert periode(van=date(2028, 1, 1), tot=date(2028, 1, 1)).id == "2028"
    assert Prognoseplicht(True, "Omdat.", "AV 2.5", date(2027, 4, 1), "2027-04").verplicht


@pytest.mark.parametrize("bouw, fout", [
    # identity (dienst_info)
    (lambda: Termijn(0, Eenheid.UREN), "aantal is minstens 1"),
    (lambda: Termijn(True, Eenheid.UREN), "aantal heeft het verkeerde type"),
    (lambda: Termijn(3, "uren"), "eenheid heeft het verkeerde type"),
    (lambda: Keuze("Niet Goed", "X"), "geen slug"),
    (lambda: Keuze("productie", "  "), "Keuze.naam is een niet-lege tekst"),
    (lambda: Keuze("productie", "P", artikel=""), "Keuze.artikel"),
    (lambda: Kenmerk("K", (), "T 1"), "geen waarden"),
    (lambda: Kenmerk("K", ("w", " "), "T 1"), "Kenmerk.waarden"),
    (lambda: Kenmerk("K", "w", "T 1"), "reeks van str"),
    (lambda: Kenmerk("K", ("w",), ""), "Kenmerk.artikel"),
    (lambda: dienst(slug="Hoofd Letters"), "geen slug"),
    (lambda: dienst(naam=""), "DienstInfo.naam"),
    (lambda: dienst(bron=" "), "DienstInfo.bron"),
    (lambda: dienst(omgevingen=()), "geen omgeving"),
    (lambda: dienst(omgevingen=(PRODUCTIE, Keuze("productie", "Q"))),
     r"omgevingen: dubbele \['productie'\]"),
    (lambda: dienst(onderdelen=(Keuze("a", "A"), Keuze("a", "B"))), "onderdelen: dubbele"),
    (lambda: dienst(omgevingen=("productie",)), "reeks van Keuze"),
    (lambda: dienst(onderdelen_verplicht=True), "verplicht onderdelen maar biedt er geen"),
    (lambda: dienst(afnemertypes=()), "afnemertypes"),
    (lambda: dienst(afnemertypes=("gemeente",)), "reeks van Afnemertype"),
    (lambda: dienst(kenmerken=("K",)), "reeks van Kenmerk"),
    # terms (dienst_voorwaarden)
    (lambda: verplichting("Niet Goed"), "geen slug"),
    (lambda: verplichting(artikel=""), "Verplichting.artikel"),
    (lambda: verplichting(partij="afnemer"), "partij heeft het verkeerde type"),
    (lambda: verplichting(omschrijving=" "), "Verplichting.omschrijving"),
    (lambda: verplichting(termijn=1), "termijn heeft het verkeerde type"),
    (lambda: Wijzigingsregel(MAAND, "", None, "T 3"), "aankondiging_artikel"),
    (lambda: Wijzigingsregel("1 maand", "T 2", None, "T 3"), "aankondiging heeft"),
    (lambda: document(id="Geen Slug"), "geen slug"),
    (lambda: document(versie=""), "VoorwaardenDocument.versie"),
    (lambda: document(dienst="Geen Slug"), "dienst 'Geen Slug' is geen slug"),
    (lambda: document(ingangsdatum="2024-01-01"), "ingangsdatum heeft"),
    (lambda: document(verplichtingen=(verplichting("a"), verplichting("a"))),
     r"verplichtingen: dubbele \['a'\]"),
    # tariffs and costs (dienst_tarieven, dienst_kosten)
    (lambda: metriek(code="Stuks Los"), "geen slug"),
    (lambda: metriek(eenheid=""), "Metriek.eenheid"),
    (lambda: metriek(artikel=""), "Metriek.artikel"),
    (lambda: metriek(maximum=0), "maximum is minstens 1"),
    (lambda: metriek(maximum=1.0), "maximum heeft het verkeerde type"),
    (lambda: tariefcode(code="Stuk Los"), "geen slug"),
    (lambda: tariefcode(naam=" "), "Tariefcode.naam"),
    (lambda: tariefcode(inclusief_btw=None), "inclusief_btw heeft het verkeerde type"),
    (lambda: tariefcode(metriek="Geen Slug"), "metriek 'Geen Slug' is geen slug"),
    (lambda: Tariefschema(metrieken=(metriek(), metriek())), r"metrieken: dubbele \['stuks'\]"),
    (lambda: Tariefschema(tarieven=(tariefcode(), tariefcode())), "tarieven: dubbele"),
    (lambda: Tariefschema(tarieven=(tariefcode(metriek="x"),)), "onbekende metriek 'x'"),
    (lambda: Tariefschema(metrieken=({"code": "stuks"},)), "reeks van Metriek"),
    (lambda: regel(omschrijving=""), "Kostenregel.omschrijving"),
    (lambda: regel(artikel=" "), "Kostenregel.artikel"),
    (lambda: regel(hoeveelheid=1.5), "hoeveelheid is een geheel getal"),
    (lambda: regel(hoeveelheid=True), "hoeveelheid is een geheel getal"),
    (lambda: regel(tarief=1.0), "tarief is een Decimal van minstens 0"),
    (lambda: regel(tarief=Decimal("-0.01")), "tarief is een Decimal van minstens 0"),
    (lambda: regel(tarief=Decimal("NaN")), "tarief is een Decimal van minstens 0"),
    (lambda: regel(inclusief_btw="nee"), "inclusief_btw heeft het verkeerde type"),
    # prognoses (dienst_prognose_perioden, dienst_prognose_plicht)
    (lambda: periode(id=""), "Prognoseperiode.id"),
    (lambda: periode(van=date(2029, 1, 1)), "begint .* na het einde"),
    (lambda: periode(uiterlijk="2027-11-01"), "uiterlijk heeft het verkeerde type"),
    (lambda: Prognoseplicht("ja", "Omdat.", "AV 2.5"), "verplicht heeft het verkeerde type"),
    (lambda: Prognoseplicht(True, "", "AV 2.5"), "Prognoseplicht.reden"),
    (lambda: Prognoseplicht(True, "Omdat.", " "), "Prognoseplicht.artikel"),
])
def test_a_bad_value_refuses_to_be_built(bouw, fout):
    with pytest.raises((ValueError, TypeError), match=fout):
        bouw()


def test_a_wrong_type_is_a_type_error_and_a_wrong_value_a_value_error():
    with pytest.raises(TypeError):
        regel(hoeveelheid="1")
    with pytest.raises(ValueError):
        Termijn(-1, Eenheid.UREN)
