"""The plugin manager (``core/plugins.py``) and the plugin contract (``core/hookspecs.py``).

Every test builds its own plugin manager; test plugins are small inline modules that
implement the public hooks exactly as a dienst package would. Nothing of core is
mocked: where a broken installation is needed, ``core.plugins.entry_points`` is made
to return an extra, real :class:`importlib.metadata.EntryPoint`.
"""

from __future__ import annotations

import ast
import gc
import importlib
import importlib.metadata
import sys
import types
import uuid
import weakref
from pathlib import Path

import pluggy
import pytest

import core.plugins
from core import create_app, hookspecs
from core.hookspecs import hookimpl
from core.plugins import (
    ENTRY_POINT_GROUP,
    Diensten,
    PluginError,
    build_plugin_manager,
)
from core.types import (
    SLUG,
    Afnemertype,
    Berekening,
    DienstInfo,
    Eenheid,
    Kenmerk,
    Keuze,
    KostenAansluiting,
    Partij,
    Periode,
    Tarieven,
    Termijn,
    Verbruik,
    Verplichting,
    VoorwaardenDocument,
    Wijzigingsregel,
)
from core.voorwaarden.algemene import ALGEMENE_VOORWAARDEN
from tests.conftest import geinstalleerd

ROOT = Path(__file__).resolve().parents[2]
BUILTIN = {
    "digid": "plugins.digid.plugin",
    "mijnoverheid": "plugins.mijnoverheid.plugin",
    "digipoort": "plugins.digipoort.plugin",
    "vwo": "plugins.vwo.plugin",
}
# The document each built-in plugin's article references start with.
ARTIKEL_PREFIX = {"digid": "SNO ", "mijnoverheid": "MO ", "digipoort": "DP ", "vwo": "VWO "}


# --- inline test plugins --------------------------------------------------------------


def info(slug: str = "testdienst", **overrides) -> DienstInfo:
    fields = {"slug": slug, "naam": "Testdienst", "omschrijving": "Een dienst voor tests.",
              "bron": "Testvoorwaarden 1.0", "omgevingen": (Keuze("productie", "Productie"),)}
    return DienstInfo(**{**fields, **overrides})


def plugin(name: str = "testdienst", **hooks) -> types.ModuleType:
    """A plugin module with the given hook functions; by default a valid dienst.

    Pass a hook as ``None`` to leave it out.
    """
    module = types.ModuleType(f"testplugin_{name.replace('-', '_')}")
    defaults = {"dienst_info": lambda: info(name), "dienst_voorwaarden": lambda: []}
    for hook, function in {**defaults, **hooks}.items():
        if function is not None:
            setattr(module, hook, hookimpl(function))
    return module


def install(monkeypatch, *extra: importlib.metadata.EntryPoint) -> None:
    """Make the installation show these entry points beside the real ones."""
    real = importlib.metadata.entry_points

    def entry_points(**kwargs):
        found = list(real(**kwargs))
        if kwargs.get("group") == ENTRY_POINT_GROUP:
            found.extend(extra)
        return found

    monkeypatch.setattr(core.plugins, "entry_points", entry_points)


def entry_point(name: str, value: str) -> importlib.metadata.EntryPoint:
    return importlib.metadata.EntryPoint(name=name, value=value, group=ENTRY_POINT_GROUP)


def hookspec_names() -> list[str]:
    marker = f"{hookspecs.PROJECT}_spec"
    return [name for name, obj in vars(hookspecs).items()
            if callable(obj) and hasattr(obj, marker)]


def impl_van(pm: pluggy.PluginManager, hook: str, plugin_name: str):
    """The hook implementation of one plugin, to call it on its own."""
    [found] = [i for i in getattr(pm.hook, hook).get_hookimpls() if i.plugin_name == plugin_name]
    return found.function


# --- loading --------------------------------------------------------------------------


def test_the_four_builtin_plugins_are_registered_entry_points():
    """They register in the same group an external package would use (DESIGN: fixed)."""
    found = {ep.name: ep.value for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)}
    assert {name: found.get(name) for name in BUILTIN} == BUILTIN


def test_build_plugin_manager_loads_the_four_builtin_plugins():
    pm = build_plugin_manager()
    assert {name for name, _ in pm.list_name_plugin()} >= set(BUILTIN)
    for name, module in BUILTIN.items():
        assert pm.get_plugin(name) is importlib.import_module(module)
    assert {d.slug for d in Diensten(pm).alle()} >= set(BUILTIN)


def test_each_app_gets_its_own_plugin_manager():
    """No module-global manager: two apps never share plugin state."""
    a = create_app({"DATABASE_URL": "sqlite://", "TESTING": True, "SECRET_KEY": "x"})
    b = create_app({"DATABASE_URL": "sqlite://", "TESTING": True, "SECRET_KEY": "x"},
                   plugins=[("testdienst", plugin())])
    assert a.extensions[core.plugins.EXTENSION].pm is not b.extensions[core.plugins.EXTENSION].pm
    assert a.extensions[core.plugins.EXTENSION].get("testdienst") is None
    assert b.extensions[core.plugins.EXTENSION].get("testdienst") == info("testdienst")


def test_an_extra_plugin_is_loaded_like_an_installed_one():
    pm = build_plugin_manager(extra=[("testdienst", plugin())])
    diensten = Diensten(pm)
    assert diensten.get("testdienst") == info("testdienst")
    assert diensten.plugin_van("testdienst") == "testdienst"
    assert diensten.voorwaarden("testdienst") == [ALGEMENE_VOORWAARDEN]


def test_an_external_entry_point_is_loaded_like_a_builtin_one(monkeypatch, tmp_path):
    (tmp_path / "extern_eherkenning.py").write_text(
        "from core.hookspecs import hookimpl\n"
        "from core.types import DienstInfo, Keuze\n\n"
        "@hookimpl\n"
        "def dienst_info():\n"
        "    return DienstInfo(slug='eherkenning', naam='eHerkenning', omschrijving='...',\n"
        "                      bron='Voorwaarden eHerkenning 1.0',\n"
        "                      omgevingen=(Keuze('productie', 'Productie'),))\n\n"
        "@hookimpl\n"
        "def dienst_voorwaarden():\n"
        "    return []\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    install(monkeypatch, entry_point("eherkenning", "extern_eherkenning"))
    try:
        diensten = Diensten(build_plugin_manager())
    finally:
        sys.modules.pop("extern_eherkenning", None)
    assert diensten.get("eherkenning").naam == "eHerkenning"
    assert diensten.plugin_van("eherkenning") == "eherkenning"
    assert [d.id for d in diensten.voorwaarden("eherkenning")] == [ALGEMENE_VOORWAARDEN.id]


# --- a broken plugin stops start-up, naming it ------------------------------------------


def test_a_plugin_that_raises_on_import_stops_start_up_naming_it(monkeypatch, tmp_path):
    (tmp_path / "kapotte_plugin.py").write_text("raise RuntimeError('stuk bij import')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    install(monkeypatch, entry_point("kapot", "kapotte_plugin"))
    with pytest.raises(PluginError, match=r"'kapot'.*kapotte_plugin.*stuk bij import") as raised:
        build_plugin_manager()
    assert isinstance(raised.value.__cause__, RuntimeError)


@pytest.mark.parametrize("value", [
    "plugins.bestaat_niet.plugin",  # module not installed
    "plugins.digid.plugin:bestaat_niet",  # attribute missing
])
def test_an_entry_point_that_cannot_load_stops_start_up_naming_it(monkeypatch, value):
    install(monkeypatch, entry_point("verdwenen", value))
    with pytest.raises(PluginError, match="'verdwenen'") as raised:
        build_plugin_manager()
    assert value in str(raised.value)
    assert isinstance(raised.value.__cause__, (ImportError, AttributeError))


def test_a_broken_entry_point_also_stops_create_app(monkeypatch):
    install(monkeypatch, entry_point("verdwenen", "plugins.bestaat_niet.plugin"))
    with pytest.raises(PluginError, match="'verdwenen'"):
        create_app({"DATABASE_URL": "sqlite://", "TESTING": True, "SECRET_KEY": "x"})


def test_a_broken_plugin_can_be_blocked(monkeypatch):
    """BLOCKED_PLUGINS is also the way out when an installed plugin cannot load."""
    install(monkeypatch, entry_point("verdwenen", "plugins.bestaat_niet.plugin"))
    pm = build_plugin_manager(blocked=["verdwenen"])
    assert not pm.has_plugin("verdwenen")
    assert pm.has_plugin("digid")


def test_a_duplicate_plugin_name_is_refused():
    with pytest.raises(PluginError, match="'digid' is twee keer geregistreerd"):
        build_plugin_manager(extra=[("digid", plugin("andere-digid"))])
    with pytest.raises(PluginError, match="'testdienst' is twee keer geregistreerd"):
        build_plugin_manager(extra=[("testdienst", plugin()), ("testdienst", plugin())])


def test_a_duplicate_installed_entry_point_is_refused(monkeypatch):
    install(monkeypatch, entry_point("digid", "plugins.digid.plugin"))
    with pytest.raises(PluginError, match="'digid'"):
        build_plugin_manager()


@pytest.mark.parametrize("hook", hookspecs.REQUIRED_HOOKS)
def test_a_plugin_without_a_required_hook_is_refused(hook):
    with pytest.raises(PluginError, match=f"'halfbakken'.*'{hook}'"):
        build_plugin_manager(extra=[("halfbakken", plugin("halfbakken", **{hook: None}))])


def test_a_hookimpl_that_matches_no_hookspec_is_refused():
    """check_pending(): a typo in a hook name must not be silently ignored."""
    module = plugin("tikfout", dienst_infoo=lambda: None)
    with pytest.raises(PluginError, match="'tikfout'.*dienst_infoo") as raised:
        build_plugin_manager(extra=[("tikfout", module)])
    assert isinstance(raised.value.__cause__, pluggy.PluginValidationError)


def test_a_hookimpl_with_arguments_the_spec_does_not_offer_is_refused():
    module = plugin("teveel", dienst_info=lambda request: info("teveel"))
    with pytest.raises(PluginError, match="'teveel'"):
        build_plugin_manager(extra=[("teveel", module)])


def test_blocked_plugins_are_not_loaded():
    pm = build_plugin_manager(blocked=["digipoort", " vwo ", ""])
    assert not pm.has_plugin("digipoort") and not pm.has_plugin("vwo")
    assert pm.has_plugin("digid") and pm.has_plugin("mijnoverheid")


def test_blocked_plugins_setting_removes_the_dienst_from_the_app(monkeypatch):
    """``AFNEMERSPORTAAL_BLOCKED_PLUGINS`` (comma separated) is what create_app passes on."""
    alle = set(geinstalleerd())
    monkeypatch.setenv("AFNEMERSPORTAAL_BLOCKED_PLUGINS", "digipoort, vwo")
    app = create_app({"DATABASE_URL": "sqlite://", "TESTING": True, "SECRET_KEY": "x"})
    diensten = app.extensions[core.plugins.EXTENSION]
    assert diensten.get("digipoort") is None and diensten.get("vwo") is None
    assert {d.slug for d in diensten.alle()} == alle - {"digipoort", "vwo"}
    assert {"digid", "mijnoverheid"} <= {d.slug for d in diensten.alle()}
    assert diensten.voorwaarden("vwo") == []


# --- bad contributions stop start-up, naming the plugin --------------------------------


@pytest.mark.parametrize("hook", hookspecs.REQUIRED_HOOKS)
def test_a_hook_that_raises_at_start_up_names_the_plugin(hook):
    def kapot():
        raise ValueError("tabel ontbreekt")

    pm = build_plugin_manager(extra=[("wankel", plugin("wankel", **{hook: kapot}))])
    with pytest.raises(PluginError, match=f"'wankel'.*{hook}.*tabel ontbreekt") as raised:
        Diensten(pm)
    assert isinstance(raised.value.__cause__, ValueError)


def test_a_hook_that_raises_stops_create_app():
    def kapot():
        raise ValueError("tabel ontbreekt")

    with pytest.raises(PluginError, match="'wankel'"):
        create_app({"DATABASE_URL": "sqlite://", "TESTING": True, "SECRET_KEY": "x"},
                   plugins=[("wankel", plugin("wankel", dienst_info=kapot))])


@pytest.mark.parametrize("answer, message", [
    (lambda: {"slug": "los"}, "geen DienstInfo"),
    # A DienstInfo that refuses to be built inside the hook: the plugin and the hook named.
    (lambda: info("Hoofd Letters"), r"hook dienst_info faalde: ValueError.*geen slug"),
    (lambda: info("zonder-omgeving", omgevingen=()), "dienst_info faalde.*geen omgeving"),
])
def test_a_bad_dienst_info_is_refused_naming_the_plugin(answer, message):
    pm = build_plugin_manager(extra=[("slecht", plugin("slecht", dienst_info=answer))])
    with pytest.raises(PluginError, match=f"'slecht'.*{message}") as raised:
        Diensten(pm)
    if "faalde" in message:
        assert isinstance(raised.value.__cause__, ValueError)


def test_two_plugins_claiming_one_dienst_are_refused_naming_both():
    pm = build_plugin_manager(extra=[("kaper", plugin("kaper", dienst_info=lambda: info("digid")))])
    with pytest.raises(PluginError, match="claimen allebei de dienst 'digid'") as raised:
        Diensten(pm)
    assert "'digid'" in str(raised.value) and "'kaper'" in str(raised.value)


def _document(dienst: str | None, id: str = "test-voorwaarden") -> VoorwaardenDocument:
    return VoorwaardenDocument(id=id, titel="Test", versie="1.0", bron="Test 1.0", dienst=dienst)


@pytest.mark.parametrize("answer, message", [
    (lambda: ["geen document"], "geen document"),
    (lambda: [_document("digid")], "horen bij dienst 'digid'"),
    (lambda: [_document(None)], "horen bij dienst None"),
    (lambda: [_document("testdienst", ALGEMENE_VOORWAARDEN.id)], "bestaat al .*'core'"),
    (lambda: [_document("testdienst"), _document("testdienst")], "bestaat al"),
])
def test_bad_dienst_voorwaarden_are_refused_naming_the_plugin(answer, message):
    pm = build_plugin_manager(
        extra=[("testdienst", plugin("testdienst", dienst_voorwaarden=answer))])
    with pytest.raises(PluginError, match=f"'testdienst'.*{message}"):
        Diensten(pm)


def test_a_voorwaarden_id_of_another_plugin_is_refused_naming_both():
    documents = [_document("testdienst", "digid-sno")]
    pm = build_plugin_manager(
        extra=[("testdienst", plugin("testdienst", dienst_voorwaarden=lambda: documents))])
    with pytest.raises(PluginError, match="'digid-sno' bestaat al") as raised:
        Diensten(pm)
    assert "'digid'" in str(raised.value) and "'testdienst'" in str(raised.value)


# --- core never imports a plugin ---------------------------------------------------------


def _imports(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
        elif (isinstance(node, ast.Call) and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
              and getattr(node.func, "attr", getattr(node.func, "id", None))
              in {"import_module", "__import__"}):
            names.append(node.args[0].value)
    return names


def test_core_never_imports_a_plugin_module():
    """DESIGN: plugins are found through entry points only; core knows no plugin by name."""
    files = sorted((ROOT / "core").rglob("*.py"))
    assert len(files) > 20
    offenders = {
        str(path.relative_to(ROOT)): name
        for path in files
        for name in _imports(ast.parse(path.read_text(), str(path)))
        if name == "plugins" or name.startswith("plugins.")
    }
    assert offenders == {}


def test_the_import_walk_would_notice_a_plugin_import():
    source = ("import plugins.digid.plugin\nfrom plugins.vwo import plugin\n"
              "import importlib\nimportlib.import_module('plugins.digipoort.plugin')\n")
    assert _imports(ast.parse(source)) == [
        "plugins.digid.plugin", "plugins.vwo", "importlib", "plugins.digipoort.plugin"]


# --- meta-tests: every hook documented and tested ---------------------------------------


def test_there_are_hookspecs_and_the_required_ones_exist():
    names = hookspec_names()
    assert set(hookspecs.REQUIRED_HOOKS) <= set(names)
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    assert all(getattr(pm.hook, name).spec is not None for name in names)


@pytest.mark.parametrize("name", hookspec_names())
def test_every_hookspec_has_a_docstring(name):
    doc = getattr(hookspecs, name).__doc__
    assert doc and doc.strip(), f"hookspec {name} has no docstring"
    assert "return" in doc.lower(), f"the docstring of {name} does not say what it returns"


def test_every_hookspec_has_a_test_hook_function():
    """Datasette's habit: a test named ``test_hook_<name>`` for every hook."""
    tested = set()
    for path in (ROOT / "tests").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_hook_"):
                tested.add(node.name.removeprefix("test_hook_"))
    missing = sorted(set(hookspec_names()) - tested)
    assert missing == [], f"no test_hook_<name> for: {missing}"


# --- the hooks, per built-in plugin -----------------------------------------------------


@pytest.fixture(scope="module")
def pm() -> pluggy.PluginManager:
    return build_plugin_manager()


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_hook_dienst_info(pm, name):
    """Each built-in plugin answers one valid DienstInfo whose slug is its plugin name."""
    dienst = impl_van(pm, "dienst_info", name)()
    assert isinstance(dienst, DienstInfo)
    assert dienst.slug == name and SLUG.match(dienst.slug)
    assert dienst.naam.strip() and dienst.omschrijving.strip()
    assert dienst.bron.strip()
    # An aansluiting is on productie or pre-productie (DOMAIN, glossary 'Aanvraagformulier').
    omgevingen = [o.slug for o in dienst.omgevingen]
    assert "productie" in omgevingen
    assert set(omgevingen) <= {"productie", "pre-productie"}
    for keuzes in (dienst.omgevingen, dienst.onderdelen):
        slugs = [k.slug for k in keuzes]
        assert len(set(slugs)) == len(slugs)
        for keuze in keuzes:
            assert isinstance(keuze, Keuze) and SLUG.match(keuze.slug) and keuze.naam.strip()
            assert keuze.artikel is None or keuze.artikel.startswith(ARTIKEL_PREFIX[name])
    if dienst.onderdelen_verplicht:
        assert dienst.onderdelen, "onderdelen are required but none are offered"
    assert dienst.afnemertypes is None or (
        dienst.afnemertypes and all(isinstance(t, Afnemertype) for t in dienst.afnemertypes))
    for kenmerk in dienst.kenmerken:
        assert isinstance(kenmerk, Kenmerk) and kenmerk.naam.strip()
        assert kenmerk.waarden and all(w.strip() for w in kenmerk.waarden)
        assert kenmerk.artikel.startswith(ARTIKEL_PREFIX[name]), kenmerk
    # The facade keeps exactly what the hook answered.
    assert Diensten(pm).get(name) is dienst


def test_hook_dienst_info_results_of_all_plugins_combine_to_one_per_plugin(pm):
    answers = pm.hook.dienst_info()
    assert len(answers) == len(pm.hook.dienst_info.get_hookimpls())
    assert {a.slug for a in answers} >= set(BUILTIN)


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_hook_dienst_voorwaarden(pm, name):
    """Each built-in plugin answers its own, versioned documents with per-article obligations."""
    documents = impl_van(pm, "dienst_voorwaarden", name)()
    assert isinstance(documents, list) and documents
    for doc in documents:
        assert isinstance(doc, VoorwaardenDocument)
        assert doc.dienst == name
        assert SLUG.match(doc.id) and doc.id != ALGEMENE_VOORWAARDEN.id
        assert doc.titel.strip() and doc.versie.strip() and doc.versie in doc.bron
        ids = [v.id for v in doc.verplichtingen]
        assert doc.verplichtingen and len(set(ids)) == len(ids), ids
        for verplichting in doc.verplichtingen:
            assert isinstance(verplichting, Verplichting)
            assert SLUG.match(verplichting.id)
            assert verplichting.artikel.startswith(ARTIKEL_PREFIX[name]), verplichting
            assert isinstance(verplichting.partij, Partij)
            assert verplichting.omschrijving.strip()
            if verplichting.termijn is not None:
                assert isinstance(verplichting.termijn, Termijn)
                assert isinstance(verplichting.termijn.eenheid, Eenheid)
                assert verplichting.termijn.aantal > 0
        if doc.wijziging is not None:
            assert isinstance(doc.wijziging, Wijzigingsregel)
            assert doc.wijziging.aankondiging_artikel.startswith(ARTIKEL_PREFIX[name])
            assert doc.wijziging.afwijzing_artikel.startswith(ARTIKEL_PREFIX[name])
    # Core puts the Algemene Voorwaarden first, then exactly these documents.
    assert Diensten(pm).voorwaarden(name) == [ALGEMENE_VOORWAARDEN, *documents]


def test_hook_dienst_voorwaarden_ids_are_unique_across_plugins(pm):
    ids = [doc.id for documents in pm.hook.dienst_voorwaarden() for doc in documents]
    assert len(ids) == len(set(ids))
    assert ALGEMENE_VOORWAARDEN.id not in ids


# --- every hook call goes through pluggy -------------------------------------------------


def test_one_plugin_calls_go_through_pluggy_so_monitoring_sees_them():
    """A cost, tariff or prognosis hook reaches only the dienst's plugin, but through
    pluggy's call path: ``add_hookcall_monitoring`` sees each call and its one plugin."""
    pm = build_plugin_manager()
    gezien: list[tuple[str, list[str]]] = []
    pm.add_hookcall_monitoring(
        before=lambda hook, impls, kwargs: gezien.append(
            (hook, [i.plugin_name for i in impls])),
        after=lambda outcome, hook, impls, kwargs: None,
    )
    diensten = Diensten(pm)
    # Start-up asks every plugin separately, one call per plugin.
    assert sorted(p for h, [p] in gezien if h == "dienst_info") == sorted(
        name for name, _ in pm.list_name_plugin())
    gezien.clear()
    schema = diensten.tariefschema("digid", 2031)
    aansluiting = KostenAansluiting(None, uuid.uuid4(), Afnemertype.GEMEENTE,
                                    "digid", "productie", ("basis",), None, None)
    assert diensten.kosten(aansluiting, Periode.kalenderjaar(2031), Verbruik(),
                           Tarieven("digid", 2031, schema), Berekening.WERKELIJK) == []
    assert diensten.prognose_perioden("digid", [2031])
    assert gezien == [("dienst_tarieven", ["digid"]), ("dienst_kosten", ["digid"]),
                      ("dienst_prognose_perioden", ["digid"])]


def test_pluggy_tracing_sees_a_prognosis_hook_call():
    pm = build_plugin_manager()
    regels: list[str] = []
    pm.trace.root.setwriter(regels.append)
    undo = pm.enable_tracing()
    try:
        Diensten(pm).prognose_perioden("digipoort", [2031])
    finally:
        undo()
    assert any("dienst_prognose_perioden" in regel for regel in regels)


def test_building_many_diensten_keeps_no_plugin_manager_alive():
    """The one-plugin call paths are cached per Diensten, not in a module global."""
    refs = []
    for _ in range(5):
        pm = build_plugin_manager()
        diensten = Diensten(pm)  # asks the tariff schemas of this year: cached calls
        diensten.prognose_perioden("digid", [2031])
        refs.append(weakref.ref(pm))
    del pm, diensten
    gc.collect()
    assert [ref() for ref in refs] == [None] * 5
