"""The plugin contract: every hook a dienst plugin can implement.

A dienst is one package that registers a module under the entry-point group
``afnemersportaal.diensten`` (see :mod:`core.plugins`). That module implements
the hooks below with ``@hookimpl``. Hooks get plain data, never the Flask request,
and return the frozen dataclasses of :mod:`core.types`.

Core calls each hook once per plugin and keeps track of which plugin answered,
so a bad answer fails start-up with an error that names the plugin.

Example, a complete minimal plugin::

    from core.hookspecs import hookimpl
    from core.types import DienstInfo, Keuze

    @hookimpl
    def dienst_info():
        return DienstInfo(
            slug="eherkenning", naam="eHerkenning", omschrijving="...",
            bron="Voorwaarden eHerkenning 1.0",
            omgevingen=(Keuze("productie", "Productie"),),
        )

    @hookimpl
    def dienst_voorwaarden():
        return []
"""

from __future__ import annotations

import pluggy

from core.types import DienstInfo, VoorwaardenDocument

PROJECT = "afnemersportaal"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

#: Hooks that every dienst plugin must implement.
REQUIRED_HOOKS = ("dienst_info", "dienst_voorwaarden")


@hookspec
def dienst_info() -> DienstInfo:
    """Identify the dienst this plugin provides.

    Called once, at start-up, when the plugin manager is built.

    :return: exactly one :class:`~core.types.DienstInfo`. Its ``slug`` must be
        unique across plugins and match ``^[a-z][a-z0-9]*(-[a-z0-9]+)*$``.

    Results are not combined: core keeps one ``DienstInfo`` per plugin and refuses
    to start when two plugins claim the same slug.
    """


@hookspec
def dienst_voorwaarden() -> list[VoorwaardenDocument]:
    """The terms documents that apply to this dienst, besides the Algemene Voorwaarden.

    Called once, at start-up, after ``dienst_info``.

    :return: a list of :class:`~core.types.VoorwaardenDocument`, possibly empty.
        Each document's ``dienst`` must be this plugin's own slug and its ``id``
        unique across all plugins. Obligations carry their article reference.

    Results of all plugins are collected; core adds the Algemene Voorwaarden
    (AV 1.1), which apply to every dienst.
    """
