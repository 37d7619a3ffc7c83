"""The plugin manager and the typed facade that views use.

One :class:`pluggy.PluginManager` per app, built once in ``create_app``: it loads
every entry point of the group ``afnemersportaal.diensten`` (built-in plugins
register there too), refuses hook implementations that match no spec, and asks
each plugin once for its static contributions. Anything wrong stops start-up with
a :class:`PluginError` naming the plugin. Views never call ``pm.hook``; they use
:class:`Diensten`, kept in ``app.extensions``.

Every hook is called through pluggy's call path, one plugin at a time (the dienst's own
plugin, or each plugin in turn knowing who answered), so pluggy's tracing and
``add_hookcall_monitoring`` see every call. The one-plugin call paths are cached per
:class:`Diensten`, never in a module global that would keep old managers alive.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from importlib.metadata import entry_points
from typing import Any

import marshmallow as ma
import pluggy
from flask import current_app
from pluggy import HookCaller, HookImpl

from core import hookspecs
from core.api.schemas import Schema
from core.koppelvlakken.typen import Koppelvlak
from core.tijd import vandaag
from core.types import (
    Aggregatie,
    Berekening,
    DienstInfo,
    KostenAansluiting,
    Kostenregel,
    Periode,
    Prognoseperiode,
    Prognoseplicht,
    TariefOntbreekt,
    Tariefschema,
    Tarieven,
    Verbruik,
    VoorwaardenDocument,
)
from core.voorwaarden.algemene import ALGEMENE_VOORWAARDEN

ENTRY_POINT_GROUP = "afnemersportaal.diensten"
EXTENSION = "afnemersportaal.diensten"


class PluginError(RuntimeError):
    """A plugin could not be loaded or returned something core cannot use."""


def build_plugin_manager(
    blocked: Iterable[str] = (), extra: Iterable[tuple[str, Any]] = ()
) -> pluggy.PluginManager:
    """Load the installed plugins (minus ``blocked``) plus ``extra`` (name, module) pairs."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    blocked = {name.strip() for name in blocked if name.strip()}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in blocked:
            continue
        try:
            plugin = ep.load()
        except Exception as exc:
            raise PluginError(
                f"plugin {ep.name!r} ({ep.value}) kon niet geladen worden: {exc!r}"
            ) from exc
        _register(pm, ep.name, plugin)
    for name, plugin in extra:
        _register(pm, name, plugin)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        # pluggy's error carries the plugin object, not its name.
        raise PluginError(f"plugin {pm.get_name(exc.plugin)!r}: {exc}") from exc
    return pm


def _register(pm: pluggy.PluginManager, name: str, plugin: Any) -> None:
    if pm.has_plugin(name):
        raise PluginError(f"plugin {name!r} is twee keer geregistreerd")
    try:
        pm.register(plugin, name=name)
    except (pluggy.PluginValidationError, ValueError) as exc:
        raise PluginError(f"plugin {name!r} kon niet geregistreerd worden: {exc}") from exc
    for hook in hookspecs.REQUIRED_HOOKS:
        if not any(impl.plugin_name == name for impl in getattr(pm.hook, hook).get_hookimpls()):
            raise PluginError(f"plugin {name!r} implementeert de verplichte hook {hook!r} niet")


class _EenPlugin:
    """One plugin's implementation of one hook, called the way pluggy calls a hook.

    The call goes through the manager's ``_hookexec``, so ``pm.enable_tracing()``,
    ``pm.trace`` and ``pm.add_hookcall_monitoring`` see it, as they see ``pm.hook.x()``.
    It is what ``pm.subset_hook_caller`` does, without that one's need to put every
    other plugin object in a set (a plugin may be an unhashable namespace).
    """

    __slots__ = ("caller", "firstresult", "impl")

    def __init__(self, caller: HookCaller, impl: HookImpl) -> None:
        self.caller = caller
        self.impl = impl
        self.firstresult = bool(caller.spec and caller.spec.opts.get("firstresult"))

    def __call__(self, **kwargs: Any) -> Any:
        """The plugin's answer (``None`` when it answered ``None``)."""
        uit = self.caller._hookexec(self.caller.name, [self.impl], kwargs, self.firstresult)
        if self.firstresult:
            return uit
        return uit[0] if uit else None


Callers = dict[tuple[str, str], "_EenPlugin | None"]


def _caller(pm: pluggy.PluginManager, hook: str, plugin_name: str,
            cache: Callers | None = None) -> _EenPlugin | None:
    """The call path of ``hook`` restricted to one plugin; ``None`` if it does not
    implement it. ``cache`` is a dict its owner keeps (a :class:`Diensten` has one), never
    a module global: that would keep every plugin manager ever built alive."""
    key = (hook, plugin_name)
    if cache is not None and key in cache:
        return cache[key]
    caller: HookCaller = getattr(pm.hook, hook)
    impl = next((i for i in caller.get_hookimpls() if i.plugin_name == plugin_name), None)
    gevonden = None if impl is None else _EenPlugin(caller, impl)
    if cache is not None:
        cache[key] = gevonden
    return gevonden


def _call_each(pm: pluggy.PluginManager, hook: str, cache: Callers | None = None,
               **kwargs: Any) -> Iterator[tuple[str, Any]]:
    """Call one hook on each plugin separately, through pluggy, in pluggy's call order,
    yielding ``(plugin_name, result)``; a plugin that raises becomes a PluginError."""
    for impl in reversed(getattr(pm.hook, hook).get_hookimpls()):
        try:
            result = _call_one(pm, hook, impl.plugin_name, cache, **kwargs)
        except Exception as exc:
            raise PluginError(f"plugin {impl.plugin_name!r}: hook {hook} faalde: {exc!r}") from exc
        yield impl.plugin_name, result


def _call_one(pm: pluggy.PluginManager, hook: str, plugin_name: str,
              cache: Callers | None = None, **kwargs: Any) -> Any:
    """Call one hook on one plugin only (the plugin of the dienst concerned), through
    pluggy; ``None`` when the plugin does not implement it. Exceptions pass through."""
    caller = _caller(pm, hook, plugin_name, cache)
    if caller is None:
        return None
    return caller(**kwargs)


# The types check their own fields (``__post_init__`` in core.types and
# core.koppelvlakken.typen); what is left here spans objects or plugins: the type of what a
# hook answered, a slug or document id claimed twice, a document of another dienst, a
# tariff code or metric the year's schema does not know.


def _valideer_tariefschema(plugin: str, jaar: int, schema: Any) -> Tariefschema | None:
    if schema is not None and not isinstance(schema, Tariefschema):
        raise PluginError(f"plugin {plugin!r}: dienst_tarieven({jaar}) gaf geen Tariefschema")
    return schema


def _valideer_regels(plugin: str, tarieven: Tarieven, regels: Any) -> list[Kostenregel]:
    fout = f"plugin {plugin!r}: dienst_kosten"
    if not isinstance(regels, (list, tuple)):
        raise PluginError(f"{fout} gaf geen lijst van Kostenregels")
    for regel in regels:
        if not isinstance(regel, Kostenregel):
            raise PluginError(f"{fout} gaf iets anders dan een Kostenregel: {regel!r}")
        if regel.code is not None and tarieven.schema.tarief(regel.code) is None:
            raise PluginError(f"{fout}: onbekende tariefcode {regel.code!r}")
    return list(regels)


class Diensten:
    """Everything the plugins contributed, validated and cached at start-up."""

    def __init__(self, pm: pluggy.PluginManager) -> None:
        self.pm = pm
        #: One plugin's call path per (hook, plugin), kept by this instance only.
        self._callers: Callers = {}
        self._info: dict[str, DienstInfo] = {}
        self._plugin: dict[str, str] = {}
        self._voorwaarden: dict[str, list[VoorwaardenDocument]] = {}
        self._schemas: dict[tuple[str, int], Tariefschema | None] = {}
        self._maxima: dict[int, frozenset[str]] = {}
        self._met_kosten: set[str] = set()
        self._koppelvlakken: dict[str, list[Koppelvlak]] = {}
        self._load_info()
        self._load_voorwaarden()
        self._load_kosten()
        self._load_koppelvlakken()
        self._prognose_schemas: dict[str, type[ma.Schema]] = {}
        self._load_prognoses()

    def _load_prognoses(self) -> None:
        perioden = {i.plugin_name for i in self.pm.hook.dienst_prognose_perioden.get_hookimpls()}
        plicht = {i.plugin_name for i in self.pm.hook.dienst_prognose_plicht.get_hookimpls()}
        for plugin, schema in _call_each(self.pm, "dienst_prognose_schema", self._callers):
            if schema is None:
                continue
            if not (isinstance(schema, type) and issubclass(schema, Schema)):
                raise PluginError(f"plugin {plugin!r}: dienst_prognose_schema gaf geen "
                                  f"subklasse van core.sdk.Schema: {schema!r}")
            if plugin not in perioden or plugin not in plicht:
                raise PluginError(f"plugin {plugin!r} vraagt een prognose maar implementeert "
                                  "dienst_prognose_perioden of dienst_prognose_plicht niet")
            slug = next(s for s, p in self._plugin.items() if p == plugin)
            self._prognose_schemas[slug] = schema

    def met_prognose(self) -> list[str]:
        """The diensten that ask their afnemers for prognoses."""
        return sorted(self._prognose_schemas)

    def prognose_schema(self, slug: str) -> type[ma.Schema] | None:
        return self._prognose_schemas.get(slug)

    def _prognose_hook(self, hook: str, slug: str, **kwargs: Any) -> Any:
        plugin = self._plugin[slug]
        try:
            return _call_one(self.pm, hook, plugin, self._callers, **kwargs)
        except Exception as exc:
            raise PluginError(f"plugin {plugin!r}: hook {hook} faalde: {exc!r}") from exc

    def prognose_perioden(self, slug: str, jaren: Iterable[int]) -> list[Prognoseperiode]:
        """The dienst's prognosis periods with a deadline in ``jaren``, by deadline."""
        if slug not in self._prognose_schemas:
            return []
        uit: dict[str, Prognoseperiode] = {}
        for jaar in jaren:
            for periode in self._prognose_hook("dienst_prognose_perioden", slug,
                                               jaar=jaar) or ():
                if not isinstance(periode, Prognoseperiode):
                    raise PluginError(f"plugin {self._plugin[slug]!r}: dienst_prognose_perioden "
                                      f"gaf geen Prognoseperiode: {periode!r}")
                uit[periode.id] = periode
        return sorted(uit.values(), key=lambda p: (p.uiterlijk, p.id))

    def prognose_plicht(self, aansluiting: KostenAansluiting, verbruik: Verbruik,
                        laatste: dict | None, dag: Any) -> Prognoseplicht | None:
        if aansluiting.dienst not in self._prognose_schemas:
            return None
        antwoord = self._prognose_hook("dienst_prognose_plicht", aansluiting.dienst,
                                       aansluiting=aansluiting, verbruik=verbruik,
                                       laatste=laatste, dag=dag)
        if antwoord is not None and not isinstance(antwoord, Prognoseplicht):
            raise PluginError(f"plugin {self._plugin[aansluiting.dienst]!r}: "
                              "dienst_prognose_plicht gaf geen Prognoseplicht")
        return antwoord

    def prognose_voorcalculatie(self, slug: str, periode: Prognoseperiode,
                                formulier: dict) -> dict[str, int] | None:
        if slug not in self._prognose_schemas:
            return None
        return self._volumes("dienst_prognose_voorcalculatie", slug, periode, formulier)

    def prognose_volumes(self, slug: str, periode: Prognoseperiode,
                         formulier: dict) -> dict[str, int] | None:
        if slug not in self._prognose_schemas:
            return None
        return self._volumes("dienst_prognose_volumes", slug, periode, formulier)

    def _volumes(self, hook: str, slug: str, periode: Prognoseperiode,
                 formulier: dict) -> dict[str, int] | None:
        """A ``{metriek: aantal}`` answer, checked: counts are ints of at least 0 and each
        metric is one the dienst's tariff schema of the year of ``periode.van`` knows."""
        antwoord = self._prognose_hook(hook, slug, periode=periode, formulier=formulier)
        if antwoord is None:
            return None
        fout = f"plugin {self._plugin[slug]!r}: {hook}"
        if not isinstance(antwoord, Mapping):
            raise PluginError(f"{fout} gaf geen dict van metriek naar aantal: {antwoord!r}")
        jaar = periode.van.year
        schema = self.tariefschema(slug, jaar)
        bekend = sorted(m.code for m in schema.metrieken) if schema else []
        for metriek, aantal in antwoord.items():
            if metriek not in bekend:
                raise PluginError(f"{fout}: metriek {metriek!r} staat niet in het tariefschema "
                                  f"van {jaar} (dat kent {bekend})")
            if isinstance(aantal, bool) or not isinstance(aantal, int) or aantal < 0:
                raise PluginError(f"{fout}: het aantal van {metriek!r} is een geheel getal van "
                                  f"minstens 0, niet {aantal!r}")
        return dict(antwoord)

    def _load_koppelvlakken(self) -> None:
        for slug in self._info:
            self._koppelvlakken[slug] = []
        for plugin, specs in _call_each(self.pm, "dienst_koppelvlakken", self._callers):
            slug = next(s for s, p in self._plugin.items() if p == plugin)
            ids: set[str] = set()
            for spec in specs or ():
                if not isinstance(spec, Koppelvlak):
                    raise PluginError(f"plugin {plugin!r}: dienst_koppelvlakken gaf geen "
                                      f"Koppelvlak: {spec!r}")
                if spec.id in ids:
                    raise PluginError(f"plugin {plugin!r}: koppelvlak {spec.id!r} staat er "
                                      "dubbel in")
                ids.add(spec.id)
                self._koppelvlakken[slug].append(spec)

    def koppelvlakken(self, slug: str) -> list[Koppelvlak]:
        """The koppelvlakken a dienst's plugin declared (empty for none or unknown)."""
        return list(self._koppelvlakken.get(slug, ()))

    def _load_info(self) -> None:
        for plugin, info in _call_each(self.pm, "dienst_info", self._callers):
            if not isinstance(info, DienstInfo):
                raise PluginError(f"plugin {plugin!r}: dienst_info gaf geen DienstInfo")
            if info.slug in self._info:
                raise PluginError(
                    f"plugins {self._plugin[info.slug]!r} en {plugin!r} claimen allebei "
                    f"de dienst {info.slug!r}"
                )
            self._info[info.slug] = info
            self._plugin[info.slug] = plugin
            self._voorwaarden[info.slug] = [ALGEMENE_VOORWAARDEN]

    def _load_voorwaarden(self) -> None:
        seen = {ALGEMENE_VOORWAARDEN.id: "core"}
        for plugin, documents in _call_each(self.pm, "dienst_voorwaarden", self._callers):
            for doc in documents or ():
                if not isinstance(doc, VoorwaardenDocument):
                    raise PluginError(f"plugin {plugin!r}: dienst_voorwaarden gaf geen document")
                if self._plugin.get(doc.dienst or "") != plugin:
                    raise PluginError(
                        f"plugin {plugin!r}: voorwaarden {doc.id!r} horen bij dienst "
                        f"{doc.dienst!r}, niet bij de eigen dienst"
                    )
                if doc.id in seen:
                    raise PluginError(
                        f"plugin {plugin!r}: voorwaarden-id {doc.id!r} bestaat al "
                        f"(van {seen[doc.id]!r})"
                    )
                seen[doc.id] = plugin
                self._voorwaarden[doc.dienst].append(doc)

    def _load_kosten(self) -> None:
        tarieven = {i.plugin_name for i in self.pm.hook.dienst_tarieven.get_hookimpls()}
        kosten = {i.plugin_name for i in self.pm.hook.dienst_kosten.get_hookimpls()}
        for plugin in sorted(tarieven ^ kosten):
            raise PluginError(
                f"plugin {plugin!r} implementeert maar één van dienst_tarieven en "
                "dienst_kosten; een dienst met kosten heeft ze allebei"
            )
        self._met_kosten = {slug for slug, plugin in self._plugin.items() if plugin in kosten}
        # The schema of the current year is checked at start-up; other years on first use.
        for slug in sorted(self._met_kosten):
            self.tariefschema(slug, vandaag().year)
        self.maximum_metrieken(vandaag().year)

    def met_kosten(self) -> list[str]:
        """The diensten whose plugin computes costs (and records usage)."""
        return sorted(self._met_kosten)

    def maximum_metrieken(self, jaar: int) -> frozenset[str]:
        """The codes of the metrics that aggregate by maximum in ``jaar`` (a peak), over
        every dienst: usage totals take the highest row of these and sum the others.

        Usage rows carry the metric's code, not the dienst, so the aggregate query can
        choose per code without a join; a code that one dienst sums and another takes
        the maximum of in the same year is therefore refused (``PluginError``).
        """
        if jaar not in self._maxima:
            wijze: dict[str, tuple[Aggregatie, str]] = {}
            for slug in sorted(self._met_kosten):
                schema = self.tariefschema(slug, jaar)
                for metriek in schema.metrieken if schema else ():
                    eerder = wijze.setdefault(metriek.code, (metriek.aggregatie, slug))
                    if eerder[0] != metriek.aggregatie:
                        raise PluginError(
                            f"plugin {self._plugin[slug]!r}: metriek {metriek.code!r} telt in "
                            f"{jaar} als {metriek.aggregatie.value}, maar bij "
                            f"{self._plugin[eerder[1]]!r} als {eerder[0].value}; een code "
                            "telt bij elke dienst op dezelfde manier")
            self._maxima[jaar] = frozenset(
                code for code, (aggregatie, _) in wijze.items()
                if aggregatie == Aggregatie.MAXIMUM)
        return self._maxima[jaar]

    def tariefschema(self, slug: str, jaar: int) -> Tariefschema | None:
        """The dienst's tariff schema for ``jaar``, validated and cached; ``None`` if none."""
        key = (slug, jaar)
        if key not in self._schemas:
            schema = None
            if slug in self._met_kosten:
                plugin = self._plugin[slug]
                try:
                    antwoord = _call_one(self.pm, "dienst_tarieven", plugin, self._callers,
                                         jaar=jaar)
                except Exception as exc:
                    raise PluginError(
                        f"plugin {plugin!r}: hook dienst_tarieven faalde: {exc!r}") from exc
                schema = _valideer_tariefschema(plugin, jaar, antwoord)
            self._schemas[key] = schema
        return self._schemas[key]

    def kosten(
        self,
        aansluiting: KostenAansluiting,
        periode: Periode,
        verbruik: Verbruik,
        tarieven: Tarieven,
        berekening: Berekening,
    ) -> list[Kostenregel]:
        """The plugin's cost lines for one aansluiting; [] for a dienst without costs.

        :class:`TariefOntbreekt` passes through (the caller reports the missing
        tariff); anything else a plugin raises becomes a :class:`PluginError`.
        """
        if aansluiting.dienst not in self._met_kosten:
            return []
        plugin = self._plugin[aansluiting.dienst]
        try:
            regels = _call_one(self.pm, "dienst_kosten", plugin, self._callers,
                               aansluiting=aansluiting,
                               periode=periode, verbruik=verbruik, tarieven=tarieven,
                               berekening=berekening)
        except TariefOntbreekt:
            raise
        except Exception as exc:
            raise PluginError(f"plugin {plugin!r}: hook dienst_kosten faalde: {exc!r}") from exc
        return _valideer_regels(plugin, tarieven, regels)

    def alle(self) -> list[DienstInfo]:
        return sorted(self._info.values(), key=lambda info: info.slug)

    def get(self, slug: str) -> DienstInfo | None:
        return self._info.get(slug)

    def plugin_van(self, slug: str) -> str:
        return self._plugin[slug]

    def voorwaarden(self, slug: str) -> list[VoorwaardenDocument]:
        """The Algemene Voorwaarden first, then the dienst's own documents."""
        return list(self._voorwaarden.get(slug, ()))


def diensten() -> Diensten:
    return current_app.extensions[EXTENSION]
