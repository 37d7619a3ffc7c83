"""The ``dienst_koppelvlakken`` hook: what each plugin declares, and what core refuses."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from core.hookspecs import hookimpl
from core.koppelvlakken.typen import Koppelvlak, Versie
from core.plugins import Diensten, PluginError, build_plugin_manager
from core.types import DienstInfo, Keuze


def test_hook_dienst_koppelvlakken():
    """MO 4.1 / MO 3.5 for MijnOverheid, AV 14.1 for DigiD and Digipoort; VWO has none."""
    diensten = Diensten(build_plugin_manager())
    mo = {k.id: k for k in diensten.koppelvlakken("mijnoverheid")}
    assert set(mo) == {"berichtenbox", "lopende-zaken"}
    assert {k.artikel for k in mo.values()} == {"MO 3.5"}
    assert [v.versie for v in mo["berichtenbox"].versies] == ["2.0", "3.0"]
    assert {k.artikel for k in diensten.koppelvlakken("digid")} == {"AV 14.1"}
    assert {k.artikel for k in diensten.koppelvlakken("digipoort")} == {"AV 14.1"}
    assert diensten.koppelvlakken("vwo") == []
    assert diensten.koppelvlakken("bestaat-niet") == []


def _plugin(specs):
    return SimpleNamespace(
        dienst_info=hookimpl(lambda: DienstInfo(
            slug="proef", naam="Proef", omschrijving="x", bron="x",
            omgevingen=(Keuze("productie", "Productie"),))),
        dienst_voorwaarden=hookimpl(lambda: []),
        dienst_koppelvlakken=hookimpl(specs),
    )


@pytest.mark.parametrize("bouw, fout", [
    (lambda: Koppelvlak("Geen Slug", "x", "AV 14.1"), "geen slug"),
    (lambda: Koppelvlak("a", " ", "AV 14.1"), "naam"),
    (lambda: Koppelvlak("a", "x", ""), "artikel"),
    (lambda: Koppelvlak("a", "x", "AV 14.1", versies=("1.0",)), "reeks van Versie"),
    (lambda: Koppelvlak("a", "x", "AV 14.1", versies=(Versie("1", date(2020, 1, 1)),
                                                      Versie("1", date(2021, 1, 1)))),
     "dubbele"),
    (lambda: Koppelvlak("a", "x", "AV 14.1",
                        versies=(Versie("1", date(2020, 1, 1), opvolger="2"),)), "opvolger"),
    (lambda: Versie("", date(2020, 1, 1)), "versie"),
    (lambda: Versie("1", "2020-01-01"), "ondersteund_sinds"),
])
def test_a_bad_koppelvlak_or_versie_refuses_to_be_built(bouw, fout):
    """AV 14.1: a koppelvlak names its versions once each, and a successor that exists."""
    with pytest.raises((ValueError, TypeError), match=fout):
        bouw()


@pytest.mark.parametrize("specs, fout", [
    (lambda: [Koppelvlak("a", "x", "AV 14.1"), Koppelvlak("a", "y", "AV 14.1")],
     "'a' staat er dubbel in"),
    (lambda: ["geen koppelvlak"], "geen Koppelvlak"),
    # A Koppelvlak that refuses to be built inside the hook names the plugin and the hook.
    (lambda: [Koppelvlak("Geen Slug", "x", "AV 14.1")], "dienst_koppelvlakken faalde.*slug"),
])
def test_a_bad_declaration_stops_start_up_naming_the_plugin(specs, fout):
    pm = build_plugin_manager(blocked=("digid", "mijnoverheid", "digipoort", "vwo"),
                              extra=[("proefplugin", _plugin(specs))])
    with pytest.raises(PluginError, match=f"proefplugin.*{fout}"):
        Diensten(pm)
