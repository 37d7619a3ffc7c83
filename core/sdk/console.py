"""Console pages of a dienst plugin (hook ``dienst_console``).

A plugin's pages sit in the console beside core's and work the same way: they read and
write through the REST API as the logged-in person (:mod:`core.console.hulp`), extend
``console/base.html`` and use the macros of ``console/_macros.html``. Make the blueprint
with :func:`console_blueprint`, which gives it the console's session, login and CSRF
check, read and write with :mod:`hulp` (:mod:`core.console.hulp`, offered here so a plugin
imports only the SDK), and name its pages in the menu with :class:`Menuitem`::

    bp = console_blueprint("eherkenning", __name__)

    @bp.get("/afnemers/<uuid:afnemer_id>/eherkenning")
    def machtigingen(afnemer_id): ...

    @hookimpl
    def dienst_console():
        return ConsoleBijdrage(bp, (Menuitem("afnemer", "eherkenning-console.machtigingen",
                                             "Machtigingen"),))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from flask import Blueprint

from core.console import hulp

__all__ = ["ConsoleBijdrage", "Menuitem", "console_blueprint", "hulp"]

#: The menu group a page belongs to: one afnemer's pages (its URL takes ``afnemer_id``),
#: Logius beheerders' pages, or a product team's.
Groep = Literal["afnemer", "logius", "productteam"]


@dataclass(frozen=True)
class Menuitem:
    groep: Groep
    #: The Flask endpoint: the blueprint's name, a dot, the view function's name.
    endpoint: str
    tekst: str
    #: Only in the ``afnemer`` group: whether the item shows for the menu's afnemer, given
    #: that afnemer as the API shows it (``GET /afnemers/{afnemerId}``: the page's own read
    #: of it; the outcome is kept in the session for pages that read none). Without it the
    #: item always shows.
    toon: Callable[[Mapping[str, Any]], bool] | None = None


@dataclass(frozen=True)
class ConsoleBijdrage:
    blueprint: Blueprint
    menu: tuple[Menuitem, ...] = ()


def console_blueprint(slug: str, import_name: str, *, template_folder: str | None = "templates"
                      ) -> Blueprint:
    """A blueprint for the dienst's console pages, under ``/console``, named
    ``<slug>-console`` (its API blueprints take the slug itself)."""
    from core.console.views import console_hooks

    bp = Blueprint(f"{slug}-console", import_name, url_prefix="/console",
                   template_folder=template_folder)
    console_hooks(bp)
    return bp
