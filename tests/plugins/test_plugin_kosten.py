"""The cost hooks: ``dienst_tarieven`` (a schema without amounts) and ``dienst_kosten``.

The built-in plugins are called directly, with tariffs the test supplies; the figures
through the API are in ``tests/kosten``. Inline plugins show that core refuses a bad
schema or bad lines, naming the plugin.
"""

from __future__ import annotations

import uuid
from dataclasses import fields
from datetime import date
from decimal import Decimal

import pytest

from core.plugins import Diensten, PluginError, build_plugin_manager
from core.types import (
    SLUG,
    Afnemertype,
    Berekening,
    KostenAansluiting,
    Kostenregel,
    Metriek,
    Periode,
    Tariefcode,
    TariefOntbreekt,
    Tariefschema,
    Tarieven,
    VastgesteldTarief,
    Verbruik,
)
from tests.plugins.test_plugin_manager import ARTIKEL_PREFIX, BUILTIN, impl_van, plugin

JAAR = 2027
#: Where a dienst's tariff codes cite something other than its own terms.
TARIEF_BRON = {"digid": "Tarieven DigiD"}
JAAR_2027 = Periode.kalenderjaar(JAAR)


@pytest.fixture(scope="module")
def pm():
    return build_plugin_manager()


@pytest.fixture(scope="module")
def diensten(pm):
    return Diensten(pm)


def aansluiting(dienst: str, afnemertype=Afnemertype.GEMEENTE, onderdelen=(),
                omgeving="productie", actief=date(2026, 6, 1), einde=None) -> KostenAansluiting:
    return KostenAansluiting(uuid.uuid4(), uuid.uuid4(), afnemertype, dienst, omgeving,
                             tuple(onderdelen), actief, einde)


def tarieven(diensten, dienst: str, jaar: int = JAAR, **bedragen: str) -> Tarieven:
    """Amounts chosen by the test (keyword = code with underscores)."""
    schema = diensten.tariefschema(dienst, jaar)
    vast = {}
    for naam, bedrag in bedragen.items():
        code = naam.replace("_", "-")
        vast[code] = VastgesteldTarief(code, Decimal(bedrag), schema.tarief(code).inclusief_btw)
    return Tarieven(dienst, jaar, schema, vast)


def kosten(pm, dienst, *args, **kwargs) -> list[Kostenregel]:
    return impl_van(pm, "dienst_kosten", dienst)(*args, **kwargs)


# --- dienst_tarieven ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_hook_dienst_tarieven(pm, diensten, name):
    """MO 3.8, DP tabel 1: each plugin declares codes, units, articles and incl./excl. BTW,
    never an amount; VWO charges nothing and declares nothing. DigiD's per-authentication
    tariff is published per year outside the SNO, so its code names that source."""
    implemented = {i.plugin_name for i in pm.hook.dienst_tarieven.get_hookimpls()}
    if name == "vwo":
        assert name not in implemented
        assert diensten.tariefschema(name, JAAR) is None
        return
    schema = impl_van(pm, "dienst_tarieven", name)(jaar=JAAR)
    assert isinstance(schema, Tariefschema) and schema.tarieven and schema.metrieken
    metrieken = {m.code for m in schema.metrieken}
    for metriek in schema.metrieken:
        assert isinstance(metriek, Metriek) and SLUG.match(metriek.code)
        assert metriek.artikel.startswith(ARTIKEL_PREFIX[name])
    for soort in schema.tarieven:
        assert isinstance(soort, Tariefcode) and SLUG.match(soort.code)
        assert soort.artikel.startswith(TARIEF_BRON.get(name, ARTIKEL_PREFIX[name]))
        assert soort.eenheid.strip()
        assert soort.metriek is None or soort.metriek in metrieken
        # A schema has no place for an amount: a Tariefcode has no Decimal field at all.
        assert not any(f.type in ("Decimal", Decimal) for f in fields(soort))
    # Core validates and caches the same answer.
    assert diensten.tariefschema(name, JAAR) == schema


def test_hook_dienst_tarieven_digipoort_codes_are_incl_btw_per_dp_tabel_1(diensten):
    schema = diensten.tariefschema("digipoort", JAAR)
    assert {t.code: (t.inclusief_btw, t.metriek) for t in schema.tarieven} == {
        "berichtenverkeer": (True, "berichten"),
        "individuele-begeleiding": (True, "begeleidingsperioden"),
    }
    assert schema.metriek("berichten").voorcalculatie
    assert schema.metriek("begeleidingsperioden").maximum == 1
    assert "3 kalendermaanden" in schema.tarief("individuele-begeleiding").eenheid


def test_hook_dienst_tarieven_mijnoverheid_has_no_codes_before_2018_mo_3_8(diensten):
    assert diensten.tariefschema("mijnoverheid", 2017).tarieven == ()
    assert diensten.tariefschema("mijnoverheid", 2017).metriek("berichten") is not None
    assert {t.artikel for t in diensten.tariefschema("mijnoverheid", 2018).tarieven} == {
        "MO 5.2", "MO 6.2"}


# --- dienst_kosten ------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_hook_dienst_kosten(pm, diensten, name):
    """Every plugin with tariffs answers Kostenregels with an article; the others none."""
    implemented = {i.plugin_name for i in pm.hook.dienst_kosten.get_hookimpls()}
    if name == "vwo":
        assert name not in implemented
        assert diensten.met_kosten() == ["digid", "digipoort", "mijnoverheid"]
        return
    info = diensten.get(name)
    tien = {m.code: 10 for m in diensten.tariefschema(name, JAAR).metrieken}
    regels = kosten(pm, name,
                    aansluiting=aansluiting(name, onderdelen=[o.slug for o in info.onderdelen]),
                    periode=JAAR_2027,
                    verbruik=Verbruik(tien, tien),
                    tarieven=tarieven(diensten, name, **{c.code.replace("-", "_"): "1"
                                                         for c in diensten.tariefschema(
                                                             name, JAAR).tarieven}),
                    berekening=Berekening.WERKELIJK)
    assert regels and all(isinstance(r, Kostenregel) for r in regels)
    for regel in regels:
        assert regel.artikel.startswith(TARIEF_BRON.get(name, ARTIKEL_PREFIX[name]))
        assert regel.omschrijving.strip()
        assert isinstance(regel.tarief, Decimal) and isinstance(regel.hoeveelheid, int)


def test_hook_dienst_kosten_digipoort_niet_rijksoverheid_minimum_is_the_voorcalculatie(
        pm, diensten):
    """DP tabel 1: the shortfall up to the voorcalculatie closes the year."""
    prijzen = tarieven(diensten, "digipoort", berichtenverkeer="2", individuele_begeleiding="5")
    gebruik = Verbruik({"berichten": 8, "begeleidingsperioden": 1},
                       {"berichten": 8, "begeleidingsperioden": 1}, {"berichten": 10})
    regels = kosten(pm, "digipoort", aansluiting("digipoort"), JAAR_2027, gebruik, prijzen,
                    Berekening.WERKELIJK)
    assert [(r.code, r.hoeveelheid, r.tarief) for r in regels] == [
        ("berichtenverkeer", 8, Decimal(2)), ("berichtenverkeer", 2, Decimal(2)),
        ("individuele-begeleiding", 1, Decimal(5)), (None, 1, Decimal(0))]
    assert "voorcalculatie" in regels[1].omschrijving
    # Within the year (not its last day) there is no shortfall line yet.
    eerste_helft = Periode(date(JAAR, 1, 1), date(JAAR, 6, 30))
    assert [r.hoeveelheid for r in kosten(pm, "digipoort", aansluiting("digipoort"),
                                          eerste_helft, gebruik, prijzen,
                                          Berekening.WERKELIJK)] == [8, 1, 1]
    voorschot = kosten(pm, "digipoort", aansluiting("digipoort"), JAAR_2027, gebruik, prijzen,
                       Berekening.VOORSCHOT)
    assert [(r.code, r.hoeveelheid) for r in voorschot] == [("berichtenverkeer", 10)]


@pytest.mark.parametrize("afnemertype, artikel", [
    (Afnemertype.BEDRIJF, "DP Bedrijven"), (Afnemertype.RIJKSOVERHEID, "DP Rijksoverheden")])
def test_hook_dienst_kosten_digipoort_bedrijf_and_rijksoverheid_get_zero_lines(
        pm, diensten, afnemertype, artikel):
    gebruik = Verbruik({"berichten": 500, "begeleidingsperioden": 2}, {}, {"berichten": 900})
    regels = kosten(pm, "digipoort", aansluiting("digipoort", afnemertype), JAAR_2027, gebruik,
                    tarieven(diensten, "digipoort"), Berekening.WERKELIJK)
    assert {(r.artikel, r.hoeveelheid) for r in regels} == {
        (artikel, 500), (artikel, 2), ("DP tabel 1", 1)}
    assert all(r.tarief == 0 for r in regels)
    assert kosten(pm, "digipoort", aansluiting("digipoort", afnemertype), JAAR_2027, gebruik,
                  tarieven(diensten, "digipoort"), Berekening.VOORSCHOT) == []


def test_hook_dienst_kosten_missing_tariff_raises_tarief_ontbreekt(pm, diensten):
    with pytest.raises(TariefOntbreekt, match="berichtenverkeer"):
        kosten(pm, "digipoort", aansluiting("digipoort"), JAAR_2027,
               Verbruik({"berichten": 1}), tarieven(diensten, "digipoort"),
               Berekening.WERKELIJK)


def test_hook_dienst_kosten_mijnoverheid_per_onderdeel_mo_5_2_6_2_7_2(pm, diensten):
    prijzen = tarieven(diensten, "mijnoverheid", berichtenbox_bericht="0.5",
                       berichtenbox_jaarbedrag="100", persoonlijke_gegevens_aansluiting="250")
    alles = aansluiting("mijnoverheid", onderdelen=["berichtenbox", "persoonlijke-gegevens",
                                                    "lopende-zaken"], actief=date(JAAR, 3, 10))
    gebruik = Verbruik({"berichten": 40}, {"berichten": 40})
    maart = Periode(date(JAAR, 3, 1), date(JAAR, 3, 31))
    regels = kosten(pm, "mijnoverheid", alles, maart, gebruik, prijzen, Berekening.WERKELIJK)
    assert [(r.artikel, r.code, r.hoeveelheid) for r in regels] == [
        ("MO 5.2", "berichtenbox-bericht", 40),
        ("MO 5.2", "berichtenbox-jaarbedrag", 1),  # first active day of the year: 10 March
        ("MO 6.2", "persoonlijke-gegevens-aansluiting", 1),  # activated in March
        ("MO 7.2", None, 1),
    ]
    april = Periode(date(JAAR, 4, 1), date(JAAR, 4, 30))
    assert [r.artikel for r in kosten(pm, "mijnoverheid", alles, april, Verbruik(), prijzen,
                                      Berekening.WERKELIJK)] == ["MO 5.2", "MO 7.2"]
    assert kosten(pm, "mijnoverheid", alles, maart, gebruik, prijzen,
                  Berekening.VOORSCHOT) == []


def test_hook_dienst_kosten_pre_productie_and_inactive_aansluitingen_cost_nothing(pm, diensten):
    prijzen = tarieven(diensten, "digipoort", berichtenverkeer="1")
    test = aansluiting("digipoort", omgeving="pre-productie")
    assert kosten(pm, "digipoort", test, JAAR_2027, Verbruik({"berichten": 5}), prijzen,
                  Berekening.WERKELIJK) == []
    nog_niet = aansluiting("digipoort", actief=None)
    assert kosten(pm, "digipoort", nog_niet, JAAR_2027, Verbruik(), prijzen,
                  Berekening.WERKELIJK) == []


# --- core validates what the cost hooks answer -------------------------------------------


SCHEMA = Tariefschema(
    metrieken=(Metriek("stuks", "Stuks", "stuk", "T 1"),),
    tarieven=(Tariefcode("stuk", "Stuk", "per stuk", "T 1", inclusief_btw=False,
                         metriek="stuks"),),
)


def kostenplugin(name="betaaldienst", schema=lambda jaar: SCHEMA, regels=None):
    def dienst_kosten(aansluiting, periode, verbruik, tarieven, berekening):
        if regels is not None:
            return regels()
        return [tarieven.regel("stuk", verbruik.in_periode("stuks"))]

    return plugin(name, dienst_tarieven=schema, dienst_kosten=dienst_kosten)


def test_an_inline_plugin_with_both_cost_hooks_computes_lines():
    diensten = Diensten(build_plugin_manager(extra=[("betaaldienst", kostenplugin())]))
    assert "betaaldienst" in diensten.met_kosten()
    prijzen = Tarieven("betaaldienst", JAAR, SCHEMA,
                       {"stuk": VastgesteldTarief("stuk", Decimal("0.25"), False)})
    [regel] = diensten.kosten(aansluiting("betaaldienst"), JAAR_2027, Verbruik({"stuks": 4}),
                              prijzen, Berekening.WERKELIJK)
    assert (regel.hoeveelheid, regel.tarief, regel.artikel) == (4, Decimal("0.25"), "T 1")


@pytest.mark.parametrize("hook", ["dienst_tarieven", "dienst_kosten"])
def test_a_plugin_with_only_one_cost_hook_is_refused(hook):
    module = kostenplugin()
    delattr(module, hook)
    with pytest.raises(PluginError, match="'betaaldienst'.*dienst_tarieven en dienst_kosten"):
        Diensten(build_plugin_manager(extra=[("betaaldienst", module)]))


@pytest.mark.parametrize("schema, message", [
    (lambda jaar: {"stuk": 1}, "dienst_tarieven.* gaf geen Tariefschema"),
    # A schema that refuses to be built (its own checks, tests/plugins/test_types.py)
    # inside the hook: the plugin and the hook are named.
    (lambda jaar: Tariefschema(metrieken=(Metriek("stuks", "S", "s", "T 1"),) * 2),
     "hook dienst_tarieven faalde: ValueError.*dubbele"),
    (lambda jaar: Tariefschema(tarieven=(Tariefcode("stuk", "S", "per stuk", "T 1",
                                                    inclusief_btw=True, metriek="x"),)),
     "dienst_tarieven faalde.*onbekende metriek"),
])
def test_a_bad_tariff_schema_stops_start_up_naming_the_plugin(schema, message):
    with pytest.raises(PluginError, match=f"'betaaldienst'.*{message}"):
        Diensten(build_plugin_manager(extra=[("betaaldienst", kostenplugin(schema=schema))]))


@pytest.mark.parametrize("regels, message", [
    (lambda: "geen lijst", "geen lijst"),
    (lambda: [{"bedrag": 1}], "anders dan een Kostenregel"),
    (lambda: [Kostenregel("x", "T 1", 1, "stuk", Decimal(1), False, code="elders")],
     "onbekende tariefcode 'elders'"),
    # A line that refuses to be built inside the hook: the plugin and the hook are named.
    (lambda: [Kostenregel("x", "T 1", 1.5, "stuk", Decimal(1), False)],
     "hook dienst_kosten faalde: TypeError.*geheel getal"),
])
def test_bad_cost_lines_are_refused_naming_the_plugin(regels, message):
    diensten = Diensten(build_plugin_manager(
        extra=[("betaaldienst", kostenplugin(regels=regels))]))
    with pytest.raises(PluginError, match=f"'betaaldienst'.*{message}"):
        diensten.kosten(aansluiting("betaaldienst"), JAAR_2027, Verbruik(),
                        Tarieven("betaaldienst", JAAR, SCHEMA), Berekening.WERKELIJK)


def test_a_crashing_cost_hook_names_the_plugin_but_a_missing_tariff_passes_through():
    def kapot():
        raise ValueError("deling door nul")

    diensten = Diensten(build_plugin_manager(extra=[("betaaldienst", kostenplugin(regels=kapot))]))
    with pytest.raises(PluginError, match="'betaaldienst'.*dienst_kosten.*deling door nul"):
        diensten.kosten(aansluiting("betaaldienst"), JAAR_2027, Verbruik(),
                        Tarieven("betaaldienst", JAAR, SCHEMA), Berekening.WERKELIJK)
    gewoon = Diensten(build_plugin_manager(extra=[("betaaldienst", kostenplugin())]))
    with pytest.raises(TariefOntbreekt):
        gewoon.kosten(aansluiting("betaaldienst"), JAAR_2027, Verbruik({"stuks": 1}),
                      Tarieven("betaaldienst", JAAR, SCHEMA), Berekening.WERKELIJK)


def test_hook_dienst_kosten_digid_charges_production_authentications_only(pm, diensten):
    """DigiD: a price per authentication in 2022 (EUR 0.13), 0 since 2023 (funded
    centrally); both are data per year. Pre-production and an empty period give no line."""
    prijs = tarieven(diensten, "digid", authenticatie="0.13")
    gebruik = Verbruik({"authenticaties": 1_000}, {"authenticaties": 1_000})
    [regel] = kosten(pm, "digid", aansluiting("digid"), JAAR_2027, gebruik, prijs,
                     Berekening.WERKELIJK)
    assert (regel.code, regel.hoeveelheid, regel.tarief) == ("authenticatie", 1_000,
                                                              Decimal("0.13"))
    assert kosten(pm, "digid", aansluiting("digid", omgeving="preproductie"), JAAR_2027,
                  gebruik, prijs, Berekening.WERKELIJK) == []
    assert kosten(pm, "digid", aansluiting("digid"), JAAR_2027, Verbruik(), prijs,
                  Berekening.WERKELIJK) == []
    assert kosten(pm, "digid", aansluiting("digid"), JAAR_2027, gebruik, prijs,
                  Berekening.VOORSCHOT) == []
