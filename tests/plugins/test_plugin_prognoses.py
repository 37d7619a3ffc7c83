"""The prognosis hooks: forms, periods, the plicht rule and the voorcalculatie (AV 2.5)."""

from __future__ import annotations

import uuid
from datetime import date
from types import SimpleNamespace

import marshmallow as ma
import pytest

from core.hookspecs import hookimpl
from core.plugins import Diensten, PluginError, build_plugin_manager
from core.sdk import Schema
from core.types import (
    Afnemertype,
    DienstInfo,
    Keuze,
    KostenAansluiting,
    Metriek,
    Prognoseperiode,
    Prognoseplicht,
    Tariefschema,
    Verbruik,
)

BUILTINS = ("digid", "mijnoverheid", "digipoort", "vwo")


@pytest.fixture(scope="module")
def diensten() -> Diensten:
    return Diensten(build_plugin_manager())


def _aansluiting(dienst, omgeving="productie", onderdelen=(), type_=Afnemertype.GEMEENTE):
    return KostenAansluiting(uuid.uuid4(), uuid.uuid4(), type_, dienst, omgeving,
                             tuple(onderdelen), date(2026, 1, 1), None)


def test_hook_dienst_prognose_schema(diensten):
    assert diensten.met_prognose() == ["digid", "digipoort", "mijnoverheid"]
    digid = diensten.prognose_schema("digid")()
    assert digid.load({"authenticatiesPerMaand": [1] * 12, "piekPerMinuut": 5}) == {
        "authenticaties_per_maand": [1] * 12, "piek_per_minuut": 5}
    with pytest.raises(ma.ValidationError) as fout:
        digid.load({"authenticatiesPerMaand": [1] * 11, "piekPerMinuut": -1})
    assert set(fout.value.messages) == {"authenticatiesPerMaand", "piekPerMinuut"}
    assert diensten.prognose_schema("vwo") is None


def test_hook_dienst_prognose_perioden(diensten):
    digid = diensten.prognose_perioden("digid", [2027])
    assert [(p.id, p.uiterlijk, p.tot) for p in digid] == [
        ("2027-04", date(2027, 4, 1), date(2028, 3, 31)),
        ("2027-10", date(2027, 10, 1), date(2028, 9, 30))]
    dp = diensten.prognose_perioden("digipoort", [2027])
    assert [(p.id, p.uiterlijk) for p in dp] == [("2028", date(2027, 12, 1))]
    mo = diensten.prognose_perioden("mijnoverheid", [2027])
    assert [(p.id, p.uiterlijk) for p in mo] == [("2028", date(2027, 11, 1))]


def test_hook_dienst_prognose_plicht(diensten):
    dag = date(2027, 2, 1)
    digid = _aansluiting("digid", onderdelen=("midden",))
    grens = {"authenticaties_per_maand": [1_000_000] * 4 + [999_999] + [0] * 7,
             "piek_per_minuut": 1_000}
    assert not diensten.prognose_plicht(digid, Verbruik(), grens, dag).verplicht
    assert not diensten.prognose_plicht(digid, Verbruik(), None, dag).verplicht
    for meer in ({**grens, "piek_per_minuut": 1_001},
                 {**grens, "authenticaties_per_maand": [1_000_001] + [0] * 11},
                 {**grens, "authenticaties_per_maand": [1_000_000] * 5 + [1] + [0] * 6}):
        plicht = diensten.prognose_plicht(digid, Verbruik(), meer, dag)
        assert plicht.verplicht and plicht.artikel == "SNO 3 Capaciteitsbeheer"
    # Each threshold is strict: exactly 5,000,000 a year is not above it.
    precies = {**grens, "authenticaties_per_maand": [1_000_000] * 5 + [0] * 7}
    assert not diensten.prognose_plicht(digid, Verbruik(), precies, dag).verplicht
    gebruik = Verbruik(jaar={"authenticaties": 5_000_001})
    assert diensten.prognose_plicht(digid, gebruik, None, dag).verplicht
    mo = _aansluiting("mijnoverheid", onderdelen=("berichtenbox",))
    assert diensten.prognose_plicht(mo, Verbruik(), None, dag).verplicht
    assert not diensten.prognose_plicht(_aansluiting("mijnoverheid", onderdelen=(
        "lopende-zaken",)), Verbruik(), None, dag).verplicht
    dp = _aansluiting("digipoort", onderdelen=("e-factureren",))
    assert diensten.prognose_plicht(dp, Verbruik(), None, dag).verplicht
    rijk = _aansluiting("digipoort", onderdelen=("e-factureren",),
                        type_=Afnemertype.RIJKSOVERHEID)
    assert not diensten.prognose_plicht(rijk, Verbruik(), None, dag).verplicht


def test_hook_dienst_prognose_voorcalculatie(diensten):
    periode = Prognoseperiode("2028", "x", date(2028, 1, 1), date(2028, 12, 31),
                              date(2027, 12, 1))
    assert diensten.prognose_voorcalculatie("digipoort", periode, {"berichten": 900}) == {
        "berichten": 900}
    assert diensten.prognose_voorcalculatie("digid", periode, {}) is None


def test_hook_dienst_prognose_volumes(diensten):
    """AV 2.5: what a prognosis forecasts for the cost estimate, in tariff metrics."""
    periode = Prognoseperiode("2028", "x", date(2028, 1, 1), date(2028, 12, 31),
                              date(2027, 11, 1))
    mo = {"berichten_per_maand": [100] * 11 + [900]}
    assert diensten.prognose_volumes("mijnoverheid", periode, mo) == {"berichten": 2_000}
    assert diensten.prognose_volumes("digipoort", periode, {"berichten": 900}) == {
        "berichten": 900}
    # DigiD's prognoses are for capacity: its periods straddle calendar years.
    digid = {"authenticaties_per_maand": [1] * 12, "piek_per_minuut": 1}
    assert diensten.prognose_volumes("digid", periode, digid) is None
    assert diensten.prognose_volumes("vwo", periode, {}) is None


def _proef(**hooks) -> SimpleNamespace:
    """A dienst 'proef' that asks a prognosis; ``hooks`` add to or replace its hooks."""
    standaard = {
        "dienst_info": lambda: DienstInfo(
            slug="proef", naam="Proef", omschrijving="x", bron="x",
            omgevingen=(Keuze("productie", "Productie"),)),
        "dienst_voorwaarden": lambda: [],
        "dienst_prognose_schema": lambda: Schema,
        "dienst_prognose_perioden": lambda jaar: [PERIODE_2028],
        "dienst_prognose_plicht": lambda: Prognoseplicht(True, "Altijd.", "AV 2.5"),
    }
    return SimpleNamespace(**{naam: hookimpl(functie)
                              for naam, functie in {**standaard, **hooks}.items()
                              if functie is not None})


def _diensten(plugin: SimpleNamespace) -> Diensten:
    return Diensten(build_plugin_manager(blocked=BUILTINS, extra=[("proefplugin", plugin)]))


PERIODE_2028 = Prognoseperiode("2028", "x", date(2028, 1, 1), date(2028, 12, 31),
                               date(2027, 12, 1))


def test_a_form_without_periods_or_rule_stops_start_up():
    with pytest.raises(PluginError, match="proefplugin.*dienst_prognose_perioden"):
        _diensten(_proef(dienst_prognose_perioden=None, dienst_prognose_plicht=None))


def test_a_form_must_be_an_sdk_schema_not_any_marshmallow_schema():
    """The form is read lowerCamelCase with unknown fields refused: core.sdk.Schema."""
    assert _diensten(_proef()).prognose_schema("proef") is Schema
    with pytest.raises(PluginError, match="proefplugin.*subklasse van core.sdk.Schema"):
        _diensten(_proef(dienst_prognose_schema=lambda: ma.Schema))
    with pytest.raises(PluginError, match="proefplugin.*subklasse van core.sdk.Schema"):
        _diensten(_proef(dienst_prognose_schema=lambda: Schema()))


def test_a_bad_prognosis_period_names_the_plugin_and_the_hook():
    kapot = _diensten(_proef(dienst_prognose_perioden=lambda jaar: [
        Prognoseperiode("2028", "x", date(2028, 12, 31), date(2028, 1, 1), date(2027, 1, 1))]))
    with pytest.raises(PluginError, match="proefplugin.*dienst_prognose_perioden faalde.*na"):
        kapot.prognose_perioden("proef", [2027])
    los = _diensten(_proef(dienst_prognose_perioden=lambda jaar: [{"id": "2028"}]))
    with pytest.raises(PluginError, match="proefplugin.*geen Prognoseperiode"):
        los.prognose_perioden("proef", [2027])


SCHEMA = Tariefschema(metrieken=(Metriek("berichten", "Berichten", "bericht", "T 1"),))


@pytest.mark.parametrize("hook", ["dienst_prognose_voorcalculatie", "dienst_prognose_volumes"])
@pytest.mark.parametrize("antwoord, fout", [
    ([("berichten", 1)], "geen dict van metriek naar aantal"),
    ({"stuks": 1}, r"metriek 'stuks' staat niet in het tariefschema van 2028 .*'berichten'"),
    ({"berichten": -1}, "geheel getal van minstens 0, niet -1"),
    ({"berichten": True}, "geheel getal van minstens 0, niet True"),
    ({"berichten": 1.5}, "geheel getal van minstens 0, niet 1.5"),
    ({"berichten": "10"}, "geheel getal van minstens 0, niet '10'"),
])
def test_prognosis_volumes_are_checked_naming_the_plugin_and_the_hook(hook, antwoord, fout):
    """AV 2.5 / DP tabel 1: what a prognosis sets or forecasts is a count per metric of the
    dienst's tariff schema of the year the period starts in."""
    plugin = _proef(dienst_tarieven=lambda jaar: SCHEMA, dienst_kosten=lambda: [],
                    **{hook: lambda: antwoord})
    diensten = _diensten(plugin)
    roep = {"dienst_prognose_voorcalculatie": diensten.prognose_voorcalculatie,
            "dienst_prognose_volumes": diensten.prognose_volumes}[hook]
    with pytest.raises(PluginError, match=f"'proefplugin': {hook}.*{fout}"):
        roep("proef", PERIODE_2028, {})


@pytest.mark.parametrize("hook", ["dienst_prognose_voorcalculatie", "dienst_prognose_volumes"])
def test_good_prognosis_volumes_pass_as_a_dict(hook):
    plugin = _proef(dienst_tarieven=lambda jaar: SCHEMA, dienst_kosten=lambda: [],
                    **{hook: lambda: {"berichten": 0}})
    diensten = _diensten(plugin)
    roep = {"dienst_prognose_voorcalculatie": diensten.prognose_voorcalculatie,
            "dienst_prognose_volumes": diensten.prognose_volumes}[hook]
    assert roep("proef", PERIODE_2028, {}) == {"berichten": 0}


def test_prognosis_volumes_of_a_dienst_without_tariffs_know_no_metric():
    diensten = _diensten(_proef(dienst_prognose_volumes=lambda: {"berichten": 1}))
    with pytest.raises(PluginError, match=r"'proefplugin'.*'berichten' staat niet.*\[\]"):
        diensten.prognose_volumes("proef", PERIODE_2028, {})
