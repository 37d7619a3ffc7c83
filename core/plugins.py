"""The plugin manager and the typed facade that views use.

One :class:`pluggy.PluginManager` per app, built once in ``create_app``: it loads
every entry point of the group ``afnemersportaal.diensten`` (built-in plugins
register there too), refuses hook implementations that match no spec, and asks
each plugin once for its static contributions. Anything wrong stops start-up with
a :class:`PluginError` naming the plugin. Views never call ``pm.hook``; they use
:class:`Diensten`, kept in ``app.extensions``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib.metadata import entry_points
from typing import Any

import pluggy
from flask import current_app

from core import hookspecs
from core.types import SLUG, DienstInfo, VoorwaardenDocument
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


def _call_each(pm: pluggy.PluginManager, hook: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
    """Call one hook on each plugin separately, yielding ``(plugin_name, result)``."""
    for impl in reversed(getattr(pm.hook, hook).get_hookimpls()):
        try:
            result = impl.function(*(kwargs[arg] for arg in impl.argnames))
        except Exception as exc:
            raise PluginError(f"plugin {impl.plugin_name!r}: hook {hook} faalde: {exc!r}") from exc
        yield impl.plugin_name, result


class Diensten:
    """Everything the plugins contributed, validated and cached at start-up."""

    def __init__(self, pm: pluggy.PluginManager) -> None:
        self.pm = pm
        self._info: dict[str, DienstInfo] = {}
        self._plugin: dict[str, str] = {}
        self._voorwaarden: dict[str, list[VoorwaardenDocument]] = {}
        self._load_info()
        self._load_voorwaarden()

    def _load_info(self) -> None:
        for plugin, info in _call_each(self.pm, "dienst_info"):
            if not isinstance(info, DienstInfo):
                raise PluginError(f"plugin {plugin!r}: dienst_info gaf geen DienstInfo")
            if not SLUG.match(info.slug):
                raise PluginError(f"plugin {plugin!r}: ongeldige slug {info.slug!r}")
            if info.slug in self._info:
                raise PluginError(
                    f"plugins {self._plugin[info.slug]!r} en {plugin!r} claimen allebei "
                    f"de dienst {info.slug!r}"
                )
            if not info.omgevingen:
                raise PluginError(f"plugin {plugin!r}: dienst {info.slug!r} heeft geen omgeving")
            for keuzes in (info.omgevingen, info.onderdelen):
                slugs = [k.slug for k in keuzes]
                if len(set(slugs)) != len(slugs) or not all(SLUG.match(s) for s in slugs):
                    raise PluginError(f"plugin {plugin!r}: dubbele of ongeldige keuzes {slugs}")
            self._info[info.slug] = info
            self._plugin[info.slug] = plugin
            self._voorwaarden[info.slug] = [ALGEMENE_VOORWAARDEN]

    def _load_voorwaarden(self) -> None:
        seen = {ALGEMENE_VOORWAARDEN.id: "core"}
        for plugin, documents in _call_each(self.pm, "dienst_voorwaarden"):
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
