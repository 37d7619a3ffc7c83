"""The parts a plugin brings itself: routes, tables, event types, settings, deadlines
and reminders (the later hooks of :mod:`core.hookspecs`).

:class:`Uitbreidingen` asks every plugin once, when the app is built, checks what it
gets and keeps it; anything wrong stops start-up with a
:class:`~core.plugins.PluginError` naming the plugin (and the setting). It lives in
``app.extensions`` beside :class:`~core.plugins.Diensten`; core's routes, the planner,
the calendar and the CLI read it through :func:`uitbreidingen`.

Every hook is called through pluggy, one plugin at a time (a subset hook caller per
plugin, kept by this instance), so pluggy's tracing and monitoring see each call.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

import marshmallow as ma
import pluggy

from core.aansluitroutes.typen import Aansluitroute
from core.config import ENV_PREFIX
from core.plugins import Diensten, PluginError
from core.serviceniveau.typen import Serviceniveau
from core.uitbreidingen.typen import (
    Capaciteit,
    Gebeurtenistype,
    Herinnering,
    Instelling,
    Migraties,
    Termijnpost,
    tabelprefix,
)

EXTENSION = "afnemersportaal.uitbreidingen"


def sleutel(slug: str, naam: str) -> str:
    """The configuration key of a setting: ``DIENST_<SLUG>_<NAAM>`` (also, with
    ``AFNEMERSPORTAAL_`` before it, the environment variable)."""
    return f"DIENST_{slug.replace('-', '_').upper()}_{naam.upper()}"


class Uitbreidingen:
    """What the plugins contributed beyond the static hooks of :class:`Diensten`."""

    def __init__(self, pm: pluggy.PluginManager, diensten: Diensten,
                 config: Mapping[str, Any]) -> None:
        self.pm = pm
        self._slug = {diensten.plugin_van(info.slug): info.slug for info in diensten.alle()}
        self._callers: dict[tuple[str, str], Any] = {}
        self.gebeurtenissen: dict[str, list[Gebeurtenistype]] = {}
        self._instellingen: dict[str, list[Instelling]] = {}
        self._waarden: dict[str, dict[str, Any]] = {}
        self._migraties: dict[str, Migraties] = {}
        self._capaciteit: dict[str, Capaciteit] = {}
        self._serviceniveau: dict[str, Serviceniveau] = {}
        self._laad_gebeurtenissen()
        self._laad_instellingen(config)
        self._laad_migraties()
        self._laad_capaciteit(diensten)
        self._laad_serviceniveaus(diensten)
        self._routes: dict[str, Aansluitroute] = {}
        self._laad_routes(diensten)

    # --- calling ----------------------------------------------------------------------

    def _caller(self, hook: str, plugin: str) -> Any:
        """pluggy's hook caller for ``hook`` restricted to one plugin."""
        key = (hook, plugin)
        if key not in self._callers:
            anderen = [p for name, p in self.pm.list_name_plugin() if name != plugin]
            self._callers[key] = self.pm.subset_hook_caller(hook, remove_plugins=anderen)
        return self._callers[key]

    def implementeert(self, hook: str, plugin: str) -> bool:
        return any(impl.plugin_name == plugin
                   for impl in getattr(self.pm.hook, hook).get_hookimpls())

    def roep(self, hook: str, slug: str, **kwargs: Any) -> Any:
        """One plugin's answer to ``hook`` (``None`` when it does not implement it)."""
        plugin = self.plugin(slug)
        if not self.implementeert(hook, plugin):
            return None
        try:
            antwoorden = self._caller(hook, plugin)(**kwargs)
        except PluginError:
            raise
        except Exception as exc:
            raise PluginError(f"plugin {plugin!r}: hook {hook} faalde: {exc!r}") from exc
        return antwoorden[0] if antwoorden else None

    def _elk(self, hook: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """``(slug, answer)`` of every plugin that implements ``hook``, by slug."""
        for slug in sorted(self._slug.values()):
            if self.implementeert(hook, self.plugin(slug)):
                yield slug, self.roep(hook, slug, **kwargs)

    def plugin(self, slug: str) -> str:
        return next(p for p, s in self._slug.items() if s == slug)

    def _lijst(self, hook: str, slug: str, antwoord: Any, soort: type) -> list[Any]:
        if antwoord is None:
            return []
        if not isinstance(antwoord, (list, tuple)) or not all(
                isinstance(a, soort) for a in antwoord):
            raise PluginError(f"plugin {self.plugin(slug)!r}: {hook} gaf geen lijst van "
                              f"{soort.__name__}: {antwoord!r}")
        return list(antwoord)

    # --- events -----------------------------------------------------------------------

    def _laad_gebeurtenissen(self) -> None:
        from core.meldingen import typen

        for slug, antwoord in self._elk("dienst_gebeurtenissen"):
            soorten = self._lijst("dienst_gebeurtenissen", slug, antwoord, Gebeurtenistype)
            for soort in soorten:
                if not soort.type.startswith(slug + "."):
                    raise PluginError(f"plugin {self.plugin(slug)!r}: gebeurtenistype "
                                      f"{soort.type!r} begint niet met de eigen dienst "
                                      f"'{slug}.'")
            try:
                typen.registreer(soorten)
            except ValueError as exc:
                raise PluginError(f"plugin {self.plugin(slug)!r}: {exc}") from exc
            self.gebeurtenissen[slug] = soorten

    def gebeurtenistype(self, type_: str) -> tuple[str, Gebeurtenistype] | None:
        """The dienst that declared ``type_`` and its declaration, or ``None``."""
        for slug, soorten in self.gebeurtenissen.items():
            for soort in soorten:
                if soort.type == type_:
                    return slug, soort
        return None

    # --- settings ---------------------------------------------------------------------

    def _laad_instellingen(self, config: Mapping[str, Any]) -> None:
        for slug in sorted(self._slug.values()):
            plugin = self.plugin(slug)
            antwoord = self.roep("dienst_instellingen", slug)
            lijst = self._lijst("dienst_instellingen", slug, antwoord, Instelling)
            namen = [i.naam for i in lijst]
            if len(set(namen)) != len(namen):
                raise PluginError(f"plugin {plugin!r}: dubbele instellingen {namen}")
            waarden: dict[str, Any] = {}
            for instelling in lijst:
                key = sleutel(slug, instelling.naam)
                ruw = config.get(key, os.environ.get(ENV_PREFIX + key))
                if ruw is None or ruw == "":
                    if instelling.standaard is None and instelling.verplicht:
                        raise PluginError(
                            f"plugin {plugin!r}: instelling {instelling.naam!r} is verplicht; "
                            f"zet {ENV_PREFIX}{key}")
                    waarden[instelling.naam] = instelling.standaard
                    continue
                try:
                    waarden[instelling.naam] = instelling.lees(ruw)
                except ValueError as exc:
                    raise PluginError(
                        f"plugin {plugin!r}: instelling {instelling.naam!r} ({ENV_PREFIX}{key}) "
                        f"{exc}") from None
            self._instellingen[slug] = lijst
            self._waarden[slug] = waarden
            fouten = self.check_config(slug)
            if fouten:
                raise PluginError(f"plugin {plugin!r}: de instellingen kloppen niet: "
                                  + "; ".join(fouten))

    def instellingen(self, slug: str) -> Mapping[str, Any]:
        """The dienst's settings as parsed at start-up (name -> value)."""
        return dict(self._waarden.get(slug, {}))

    def instellingdefinities(self, slug: str) -> list[Instelling]:
        return list(self._instellingen.get(slug, ()))

    def ingesteld(self, slug: str, naam: str, config: Mapping[str, Any]) -> bool:
        """Whether ``naam`` was given a value (rather than left to its default)."""
        key = sleutel(slug, naam)
        return bool(config.get(key) not in (None, "") or os.environ.get(ENV_PREFIX + key))

    def _berichten(self, hook: str, slug: str) -> list[str]:
        antwoord = self.roep(hook, slug, instellingen=self.instellingen(slug))
        if antwoord is None:
            return []
        if not isinstance(antwoord, (list, tuple)) or not all(
                isinstance(a, str) and a.strip() for a in antwoord):
            raise PluginError(f"plugin {self.plugin(slug)!r}: {hook} gaf geen lijst van "
                              f"meldingen: {antwoord!r}")
        return list(antwoord)

    def check_config(self, slug: str) -> list[str]:
        return self._berichten("dienst_check_config", slug)

    def gezondheid(self, slug: str) -> list[str]:
        """Problems the plugin reports now; a plugin that fails to answer is unhealthy."""
        try:
            return self._berichten("dienst_gezondheid", slug)
        except PluginError as exc:
            return [str(exc)]

    # --- shared capacity ----------------------------------------------------------------

    def _laad_capaciteit(self, diensten: Diensten) -> None:
        for slug in sorted(self._slug.values()):
            antwoord = self.roep("dienst_capaciteit", slug, instellingen=self.instellingen(slug))
            if antwoord is None:
                continue
            fout = f"plugin {self.plugin(slug)!r}: dienst_capaciteit"
            if not isinstance(antwoord, Capaciteit):
                raise PluginError(f"{fout} gaf geen Capaciteit: {antwoord!r}")
            schema = diensten.prognose_schema(slug)
            if schema is None:
                raise PluginError(f"{fout}: de dienst vraagt geen prognose "
                                  "(dienst_prognose_schema), dus er is niets op te tellen")
            velden = {(f.data_key or naam): f for naam, f in schema().fields.items()}
            veld = velden.get(antwoord.veld)
            if veld is None:
                raise PluginError(f"{fout}: veld {antwoord.veld!r} staat niet in het "
                                  f"prognoseformulier (dat kent {sorted(velden)})")
            if not isinstance(veld, ma.fields.Integer):
                raise PluginError(f"{fout}: veld {antwoord.veld!r} is geen geheel getal "
                                  "(marshmallow.fields.Integer)")
            info = diensten.get(slug)
            if antwoord.omgeving not in {o.slug for o in info.omgevingen}:
                raise PluginError(f"{fout}: omgeving {antwoord.omgeving!r} heeft de dienst "
                                  "niet")
            self._capaciteit[slug] = antwoord

    def capaciteit(self, slug: str) -> Capaciteit | None:
        """The capacity the dienst's afnemers share, or ``None``."""
        return self._capaciteit.get(slug)

    # --- service levels -----------------------------------------------------------------

    def _laad_serviceniveaus(self, diensten: Diensten) -> None:
        for slug, antwoord in self._elk("dienst_serviceniveau"):
            if antwoord is None:
                continue
            fout = f"plugin {self.plugin(slug)!r}: dienst_serviceniveau"
            if not isinstance(antwoord, Serviceniveau):
                raise PluginError(f"{fout} gaf geen Serviceniveau: {antwoord!r}")
            omgevingen = {o.slug for o in diensten.get(slug).omgevingen}
            genoemd = ({o.omgeving for o in antwoord.oplostijden}
                       | {b.omgeving for b in antwoord.beschikbaarheid}
                       | {o.omgeving for o in antwoord.onderhoud})
            if genoemd - omgevingen:
                raise PluginError(f"{fout}: omgevingen {sorted(genoemd - omgevingen)} heeft "
                                  f"de dienst niet (die kent {sorted(omgevingen)})")
            zonder = sorted({p for p in antwoord.prioriteiten.values()}
                            - {o.prioriteit for o in antwoord.oplostijden})
            if zonder:
                raise PluginError(f"{fout}: prioriteit {zonder} heeft in geen omgeving een "
                                  "oplostijd")
            self._serviceniveau[slug] = antwoord

    def serviceniveau(self, slug: str) -> Serviceniveau | None:
        """The dienst's service level, or ``None`` when it declares none."""
        return self._serviceniveau.get(slug)

    def met_serviceniveau(self) -> list[str]:
        return sorted(self._serviceniveau)

    # --- onboarding routes ------------------------------------------------------------

    def _laad_routes(self, diensten: Diensten) -> None:
        for slug, antwoord in self._elk("dienst_route"):
            if antwoord is None:
                continue
            fout = f"plugin {self.plugin(slug)!r}: dienst_route"
            if not isinstance(antwoord, Aansluitroute):
                raise PluginError(f"{fout} gaf geen Aansluitroute: {antwoord!r}")
            omgevingen = {o.slug for o in diensten.get(slug).omgevingen}
            if set(antwoord.omgevingen) - omgevingen:
                raise PluginError(f"{fout}: omgevingen "
                                  f"{sorted(set(antwoord.omgevingen) - omgevingen)} heeft de "
                                  f"dienst niet (die kent {sorted(omgevingen)})")
            self._routes[slug] = antwoord

    def route(self, slug: str) -> Aansluitroute | None:
        """The dienst's onboarding route, or ``None`` when it declares none."""
        return self._routes.get(slug)

    # --- tables -----------------------------------------------------------------------

    def _laad_migraties(self) -> None:
        for slug, antwoord in self._elk("dienst_migraties"):
            if antwoord is None:
                continue
            plugin = self.plugin(slug)
            if not isinstance(antwoord, Migraties):
                raise PluginError(f"plugin {plugin!r}: dienst_migraties gaf geen Migraties")
            prefix = tabelprefix(slug)
            vreemd = sorted(t for t in antwoord.metadata.tables if not t.startswith(prefix))
            if vreemd:
                raise PluginError(f"plugin {plugin!r}: tabellen {vreemd} beginnen niet met "
                                  f"{prefix!r}")
            self._migraties[slug] = antwoord

    def migraties(self) -> dict[str, Migraties]:
        """The diensten with tables of their own, by slug."""
        return dict(sorted(self._migraties.items()))

    # --- routes -----------------------------------------------------------------------

    def blueprints(self) -> Iterator[tuple[str, Any]]:
        """``(slug, blueprint)`` of every plugin route, checked for name and place."""
        from core.api.smorest import Blueprint
        from core.config import API_PREFIX

        for slug, antwoord in self._elk("dienst_api"):
            plugin = self.plugin(slug)
            for blueprint in self._lijst("dienst_api", slug, antwoord, Blueprint):
                if not (blueprint.name == slug or blueprint.name.startswith(slug + "-")):
                    raise PluginError(f"plugin {plugin!r}: blueprint {blueprint.name!r} heet "
                                      f"niet naar de dienst ({slug!r} of '{slug}-...')")
                prefix = blueprint.url_prefix or ""
                eigen = (prefix == f"{API_PREFIX}/diensten/{slug}"
                         or prefix.startswith(f"{API_PREFIX}/diensten/{slug}/"))
                afnemer = (prefix.startswith(f"{API_PREFIX}/afnemers/<uuid:afnemer_id>/")
                           and getattr(blueprint, "tenant_scoped", False))
                if not (eigen or afnemer):
                    raise PluginError(
                        f"plugin {plugin!r}: blueprint {blueprint.name!r} ligt op {prefix!r}; "
                        f"een plugin bedient {API_PREFIX}/diensten/{slug}/... of, met "
                        f"core.sdk.api.afnemer_blueprint, {API_PREFIX}/afnemers/{{afnemerId}}/...")
                yield slug, blueprint

    # --- console pages ----------------------------------------------------------------

    def console(self) -> list[tuple[str, Any]]:
        """``(slug, ConsoleBijdrage)`` of every plugin with console pages, checked."""
        from core.sdk.console import ConsoleBijdrage

        uit = []
        for slug, antwoord in self._elk("dienst_console"):
            if antwoord is None:
                continue
            plugin = self.plugin(slug)
            if not isinstance(antwoord, ConsoleBijdrage):
                raise PluginError(f"plugin {plugin!r}: dienst_console gaf geen ConsoleBijdrage")
            naam = antwoord.blueprint.name
            if not (naam == slug or naam.startswith(slug + "-")):
                raise PluginError(f"plugin {plugin!r}: console-blueprint {naam!r} heet niet "
                                  f"naar de dienst ({slug!r} of '{slug}-...')")
            for item in antwoord.menu:
                if not item.endpoint.startswith(naam + "."):
                    raise PluginError(f"plugin {plugin!r}: menu-item {item.endpoint!r} is "
                                      f"geen pagina van {naam!r}")
            uit.append((slug, antwoord))
        return uit

    # --- calendar and reminders -------------------------------------------------------

    def deadlines(self, afnemer_id: Any, vanaf: date) -> list[tuple[str, Termijnpost]]:
        uit = []
        for slug, antwoord in self._elk("dienst_deadlines", afnemer_id=afnemer_id, vanaf=vanaf):
            for post in self._lijst("dienst_deadlines", slug, antwoord, Termijnpost):
                uit.append((slug, post))
        return uit

    def herinneringen(self, dag: date) -> list[tuple[str, Herinnering]]:
        uit = []
        for slug, antwoord in self._elk("dienst_herinneringen", dag=dag):
            eigen = {s.type for s in self.gebeurtenissen.get(slug, ())}
            for herinnering in self._lijst("dienst_herinneringen", slug, antwoord, Herinnering):
                if herinnering.type not in eigen:
                    raise PluginError(f"plugin {self.plugin(slug)!r}: herinnering van het "
                                      f"type {herinnering.type!r}, dat de dienst niet "
                                      "declareert (dienst_gebeurtenissen)")
                uit.append((slug, herinnering))
        return uit


    # --- the afnemer's data export ----------------------------------------------------

    def export(self, afnemer_id: Any) -> list[tuple[str, str, Any]]:
        """``(slug, bestandsnaam, gegevens)`` of every dienst's ``dienst_export``."""
        from core.export.service import DIENST_BESTAND, json_tekst

        uit = []
        for slug, antwoord in self._elk("dienst_export", afnemer_id=afnemer_id):
            if antwoord is None:
                continue
            if not isinstance(antwoord, dict):
                raise PluginError(f"plugin {self.plugin(slug)!r}: dienst_export gaf geen "
                                  f"dict van bestandsnaam naar gegevens: {antwoord!r}")
            for naam, gegevens in antwoord.items():
                if not isinstance(naam, str) or not DIENST_BESTAND.match(naam):
                    raise PluginError(f"plugin {self.plugin(slug)!r}: dienst_export noemt "
                                      f"een bestand {naam!r}; kies kleine letters, cijfers, "
                                      "- of _ en .json")
                try:
                    json_tekst(gegevens)
                except (TypeError, ValueError) as exc:
                    raise PluginError(f"plugin {self.plugin(slug)!r}: dienst_export, "
                                      f"{naam}: geen JSON ({exc})") from exc
                uit.append((slug, naam, gegevens))
        return uit


def uitbreidingen() -> Uitbreidingen:
    from flask import current_app

    return current_app.extensions[EXTENSION]
