"""The plugin contract: every hook a dienst plugin can implement.

A dienst is one package that registers a module under the entry-point group
``afnemersportaal.diensten`` (see :mod:`core.plugins`). That module implements
the hooks below with ``@hookimpl``. Hooks get plain data, never the Flask request,
and return the frozen dataclasses of :mod:`core.types`.

Core calls each hook once per plugin and keeps track of which plugin answered,
so a bad answer fails start-up with an error that names the plugin.

Plugins import what they need from core through :mod:`core.sdk` only.

Example, a complete minimal plugin::

    from core.sdk import DienstInfo, Keuze, hookimpl

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

from collections.abc import Mapping
from datetime import date
from typing import Any

import marshmallow as ma
import pluggy

from core.koppelvlakken.typen import Koppelvlak
from core.types import (
    Berekening,
    DienstInfo,
    KostenAansluiting,
    Kostenregel,
    Periode,
    Prognoseperiode,
    Prognoseplicht,
    Tariefschema,
    Tarieven,
    Verbruik,
    VoorwaardenDocument,
)

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


@hookspec
def dienst_tarieven(jaar: int) -> Tariefschema | None:
    """What this dienst counts and charges in calendar year ``jaar``: its tariff schema.

    Called when core needs the schema of a year: at start-up for the current year (to
    validate it), when tariffs or usage are written, and for every cost calculation.
    Keep it a pure function of ``jaar``; core caches the answer per year.

    :param jaar: the calendar year; tariffs are set per year (MO 3.8).
    :return: a :class:`~core.types.Tariefschema`: the metrics usage is recorded in
        (``Metriek``) and the tariff codes (``Tariefcode``: unit, article, incl. or
        excl. BTW). **Never amounts**: those are data, set per year through the API.
        ``None`` (or not implementing the hook) means the dienst has no costs and
        records no usage. Codes and metric codes are slugs, unique within the schema.

    A plugin that implements this hook must implement ``dienst_kosten`` too, and the
    other way round. Results are not combined: core asks the plugin of one dienst.

    Example::

        @hookimpl
        def dienst_tarieven(jaar):
            return Tariefschema(
                metrieken=(Metriek("brieven", "Brieven", "brief", "XY 4.1"),),
                tarieven=(Tariefcode("bericht", "Verzonden bericht", "per bericht",
                                     "XY 4.1", inclusief_btw=False, metriek="brieven"),),
            )
    """


@hookspec
def dienst_kosten(
    aansluiting: KostenAansluiting,
    periode: Periode,
    verbruik: Verbruik,
    tarieven: Tarieven,
    berekening: Berekening,
) -> list[Kostenregel]:
    """The cost lines of one aansluiting of this dienst over one period.

    Called by the cost engine (``core.kosten``) for every aansluiting of the plugin's
    own dienst, for actual costs, estimates, advance invoices and cost runs. Core
    rounds, adds BTW and sums; the plugin only applies its rules.

    :param aansluiting: the aansluiting's facts (afnemer type, omgeving, onderdelen,
        activation and end dates) as a :class:`~core.types.KostenAansluiting`.
    :param periode: days within one calendar year, both ends included.
    :param verbruik: usage per metric in the period and in its whole year, and the
        voorcalculatie of the year (for ``schatting``: the forecast volumes).
    :param tarieven: the year's schema and amounts; :meth:`Tarieven.regel` builds a
        line and raises :class:`~core.types.TariefOntbreekt` for an amount that was
        not set, which core reports to the caller (409). Never invent an amount.
    :param berekening: ``werkelijk``, ``schatting`` or ``voorschot`` (the lines that
        are invoiced in advance for the whole year).
    :return: a list of :class:`~core.types.Kostenregel`, each with its article. Free
        items may appear as explicit zero lines. An empty list is a valid answer.
    """


@hookspec
def dienst_koppelvlakken() -> list[Koppelvlak]:
    """The interface specifications (koppelvlakken) of this dienst and their versions.

    Called once, at start-up. Optional: a dienst without koppelvlakken returns ``[]``
    or does not implement it.

    :return: :class:`~core.koppelvlakken.typen.Koppelvlak` values, each with a slug id
        unique within the dienst, the article that rules changing it (``MO 3.5``,
        ``AV 14.1``) and the versions known at release, each with its lifecycle
        (supported since, deprecated since, sunset, successor). These are copied to
        the database on first use; after that the productteam maintains them through
        the API (new versions, deprecations, sunsets).

    Example::

        @hookimpl
        def dienst_koppelvlakken():
            return [Koppelvlak("brieven", "Brieven-koppelvlak", "XY 3.5",
                               versies=(Versie("1.0", date(2024, 1, 1)),))]
    """



@hookspec
def dienst_prognose_schema() -> type[ma.Schema] | None:
    """The form of this dienst's prognosis (AV 2.5): a marshmallow schema class.

    Called once, at start-up. Optional: a dienst that asks no prognosis returns ``None``
    or does not implement it; one that returns a schema must implement
    ``dienst_prognose_perioden`` and ``dienst_prognose_plicht`` too.

    :return: a subclass of :class:`core.sdk.Schema` (lowerCamelCase on the wire,
        unknown fields refused). Core validates every submitted form with it and answers
        field-level errors as ``invalidParams`` under ``formulier.``. Hooks that get a form
        back get it as the schema loads it (snake_case keys). Any other class (a plain
        marshmallow schema too) stops start-up with an error naming the plugin.
    """


@hookspec
def dienst_prognose_perioden(jaar: int) -> list[Prognoseperiode]:
    """The prognosis periods of this dienst whose delivery deadline falls in ``jaar``.

    Called whenever core needs periods: to validate a submission, to work out the
    status and for reminders. Keep it a pure function of ``jaar``.

    :return: :class:`~core.types.Prognoseperiode` values; ids unique and stable across
        years (core asks several years and combines them).
    """


@hookspec
def dienst_prognose_plicht(
    aansluiting: KostenAansluiting,
    verbruik: Verbruik,
    laatste: Mapping[str, Any] | None,
    dag: date,
) -> Prognoseplicht | None:
    """Whether this aansluiting must deliver prognoses, and why (AV 2.5).

    Called for every aansluiting of the plugin's dienst that has not ended, when a
    status, the overview, the agenda or the reminders are worked out.

    :param aansluiting: the aansluiting's facts (afnemer type, omgeving, onderdelen).
    :param verbruik: recorded usage in the previous calendar year (``jaar`` totals).
    :param laatste: the form of the aansluiting's newest prognosis (as the schema loads
        it), or ``None`` when it never delivered one.
    :param dag: the day judged on (Europe/Amsterdam).
    :return: a :class:`~core.types.Prognoseplicht`; ``None`` means not due. When it
        leaves ``uiterlijk``/``periode`` empty core takes the next deadline of the
        dienst's periods (or the last one missed).
    """


@hookspec
def dienst_prognose_voorcalculatie(
    periode: Prognoseperiode, formulier: Mapping[str, Any]
) -> dict[str, int] | None:
    """The voorcalculatie volumes that a submitted prognosis sets (DP tabel 1).

    Called after a prognosis of this dienst is validated and stored. Optional.

    :return: ``{metriek: aantal}`` for the calendar year of ``periode.van``; core writes
        it as the aansluiting's voorcalculatie of that year, through the same rules as
        the voorcalculatie resource. ``None`` means the prognosis sets none. Each
        ``aantal`` is an ``int`` of at least 0 (not a bool) and each ``metriek`` a code of
        the dienst's ``dienst_tarieven`` for that year; anything else is a PluginError
        naming the plugin and the hook.
    """


@hookspec
def dienst_prognose_volumes(
    periode: Prognoseperiode, formulier: Mapping[str, Any]
) -> dict[str, int] | None:
    """The usage a prognosis forecasts for the calendar year of ``periode.van`` (AV 2.5).

    Called when a cost estimate (``POST /afnemers/{id}/kosten/schattingen``) is asked for
    a year without volumes for this dienst: the newest prognosis of each production
    aansluiting whose period starts in that year supplies them. Optional.

    :return: ``{metriek: aantal}`` for the whole calendar year, using the metric codes of
        ``dienst_tarieven`` for that year; ``None`` means the prognosis says nothing about
        costs. Checked as for ``dienst_prognose_voorcalculatie``.
    """


# --- parts a plugin brings itself ------------------------------------------------------
# The types below come from core.uitbreidingen.typen, through core.sdk; the route and
# table helpers from core.sdk.api and core.sdk.db.


@hookspec
def dienst_api() -> list[Any]:
    """The dienst's own routes: flask-smorest blueprints made with :mod:`core.sdk.api`.

    Called once, when the app is built, after every other static hook. Optional.

    :return: blueprints from :func:`core.sdk.api.dienst_blueprint` (under
        ``/api/v1/diensten/{slug}``) and :func:`core.sdk.api.afnemer_blueprint` (under
        ``/api/v1/afnemers/{afnemerId}``, scoped to that afnemer before the view runs:
        404 for a principal that may not read it, 403 on a write for one that may only
        read). Each blueprint's name starts with the slug; a path that core or another
        plugin already serves stops start-up. The routes take part in everything the
        core routes do: authentication and scopes, problem+json, ETag/If-Match,
        pagination, the OpenAPI document (and so the isolation walk and the contract
        tests of the served tier).
    """


@hookspec
def dienst_migraties() -> Any:
    """Where the dienst's own tables come from: a :class:`~core.sdk.Migraties`.

    Called by ``afnemersportaal db upgrade`` (after core's migrations), ``db downgrade
    --dienst`` and the schema check at start-up. Optional.

    :return: a :class:`~core.sdk.Migraties` (the directory of revisions and the
        MetaData of :func:`core.sdk.db.basis`); ``None`` means no tables.

    The revisions are Alembic files in their own directory, a history of their own
    recorded in ``<slug>_alembic_version``; every table is prefixed with the slug
    (``-`` as ``_``). A plugin that is removed leaves its tables as they are, and
    ``db upgrade`` says so.
    """


@hookspec
def dienst_gebeurtenissen() -> list[Any]:
    """The events the dienst may publish: :class:`~core.sdk.Gebeurtenistype` values.

    Called once, at start-up. Optional.

    :return: a list of :class:`~core.sdk.Gebeurtenistype`. Each type is ``<slug>.<naam>``
        with its article, its recipient (afnemer or Logius) and the contact roles that
        get the e-mail. They go the way core's events go: the outbox, webhooks (and their type
    filter), e-mail and ``GET /afnemers/{afnemerId}/gebeurtenissen``. Publish with
    :func:`core.sdk.api.publiceer`; an undeclared type is refused.
    """


@hookspec
def dienst_instellingen() -> list[Any]:
    """The dienst's settings: :class:`~core.sdk.Instelling` values, with defaults.

    Called once, at start-up; every value is read and checked then, and a wrong or
    missing one stops start-up naming the plugin and the setting. Read them with
    :func:`core.sdk.api.instellingen`. Optional.

    :return: a list of :class:`~core.sdk.Instelling`, names unique within the dienst.
    """


@hookspec
def dienst_check_config(instellingen: Mapping[str, Any]) -> list[str]:
    """What is wrong with the settings as a whole, beyond each one's own kind and range.

    Called once at start-up with the parsed values (name -> value), and again for
    ``GET /diensten/{slug}/status``. Optional.

    :return: messages, one per problem; ``[]`` when the configuration is sound. Any
        message stops start-up.
    """


@hookspec
def dienst_gezondheid(instellingen: Mapping[str, Any]) -> list[str]:
    """Whether the dienst can do its work now (a backend reachable, a key valid).

    Called for ``GET /diensten/{slug}/status`` only, never at start-up. Optional;
    keep it quick.

    :return: messages, one per problem; ``[]`` means healthy.
    """


@hookspec
def dienst_deadlines(afnemer_id: Any, vanaf: date) -> list[Any]:
    """The dienst's own deadlines of one afnemer on or after ``vanaf``:
    :class:`~core.sdk.Termijnpost` values.

    Called inside a request or command for ``GET /afnemers/{afnemerId}/deadlines`` and
    the iCalendar feed, so the plugin may read its own tables (``core.sdk.api.db``).
    Optional.

    :return: a list of :class:`~core.sdk.Termijnpost`; core prefixes each id with the
        slug and leaves out those before ``vanaf``.
    """


@hookspec
def dienst_console() -> Any:
    """The dienst's own console pages: a :class:`core.sdk.console.ConsoleBijdrage`.

    Called once, when the app is built. Optional. Its blueprint comes from
    :func:`core.sdk.console.console_blueprint` (named after the slug, under ``/console``,
    with the console's login and CSRF check); its pages read and write through the REST
    API as the logged-in person (:mod:`core.console.hulp`), so the API's roles and
    scoping hold there too. Its :class:`~core.sdk.console.Menuitem` values put the pages
    in the menu of their group (``afnemer``, ``logius`` or ``productteam``).

    :return: a :class:`~core.sdk.console.ConsoleBijdrage` (the blueprint and its menu
        items), or ``None``; a blueprint not named after the slug stops start-up.
    """


@hookspec
def dienst_export(afnemer_id: Any) -> dict[str, Any] | None:
    """The dienst's own data of one afnemer, for the afnemer's data export
    (``GET /afnemers/{afnemerId}/export``).

    Called inside that request, so the plugin may read its own tables
    (``core.sdk.api.db``). Optional: a dienst without tables of its own has nothing to add.

    :return: ``{bestandsnaam: gegevens}``: each name lower case, ending in ``.json``
        (``overeenkomsten.json``), each value JSON-serialisable (UUIDs, dates, times,
        Decimals and enums become text); core writes them to ``diensten/<slug>/`` in
        the zip and counts them in its manifest. Only what belongs to this afnemer (or
        what it is told, such as a breach it is part of); never a secret or its hash.
    """


@hookspec
def dienst_herinneringen(dag: date) -> list[Any]:
    """The reminders due on ``dag``: :class:`~core.sdk.Herinnering` values.

    Called by the worker's planner (about once a minute) and by ``afnemersportaal
    herinneringen``; the plugin may read its own tables. Core sends each key once, as
    the event type it names (one of the plugin's own). Optional.

    :return: a list of :class:`~core.sdk.Herinnering`, possibly empty.
    """


@hookspec
def dienst_route() -> Any:
    """The dienst's onboarding route: a :class:`~core.sdk.Aansluitroute`.

    Called once, at start-up. Optional: a dienst without a route returns ``None`` or does
    not implement it.

    :return: a :class:`~core.sdk.Aansluitroute` (the omgevingen it applies to, empty for
        all) whose :class:`~core.sdk.Routestap` values each have a stable slug, a name,
        an owner (``Partij.AFNEMER`` or ``Partij.LOGIUS``), the slugs of the earlier steps
        they wait for, a deadline rule (a :class:`~core.sdk.Routetermijn`: working days,
        calendar days or calendar months after an earlier step, the aanvraag or the
        activation; or none), whether they ask for evidence (a
        :class:`~core.sdk.Bewijssoort`), the article or source they come from and what
        kind of source that is (a :class:`~core.sdk.Bronsoort`), and the aansluiting
        status they must precede (``ontgrendelt``), if any. Every omgeving must be one of
        the dienst's.

    Core then gives every aansluiting the route applies to its steps when it is
    requested, serves ``GET /afnemers/{afnemerId}/aansluitingen/{aansluitingId}/route``
    with ``.../route/{stap}/afronden`` and ``.../afwijzen``, puts coming deadlines in the
    calendar, sends reminders and overdue notices, holds back a status change while a
    step that unlocks it is open, and shows Logius the pipeline
    (``GET /aansluitroutes/pijplijn``).
    """


@hookspec
def dienst_capaciteit(instellingen: Mapping[str, Any]) -> Any:
    """The capacity the dienst's afnemers share, watched through their prognoses: a
    :class:`~core.sdk.Capaciteit`.

    Called once at start-up with the dienst's parsed settings (so a warning share may be a
    setting). Optional, and only for a dienst with a prognosis form
    (``dienst_prognose_schema``): ``veld`` must be one of its whole-number fields and
    ``omgeving`` one of the dienst's omgevingen.

    Core then serves ``GET /diensten/{slug}/capaciteit`` to Logius (the sum of ``veld``
    over the newest prognosis of each running aansluiting against ``limiet``, the
    headroom and the biggest contributors), answers a prognosis that pushes the sum past
    the warning share with a ``waarschuwing``, and sends Logius a ``prognose.capaciteit``
    event.

    :return: a :class:`~core.sdk.Capaciteit`, or ``None`` for none.
    """


@hookspec
def dienst_serviceniveau() -> Any:
    """The dienst's service level: a :class:`~core.sdk.Serviceniveau`.

    Called once, at start-up. Optional: a dienst that declares none has no service
    level (no incidents, availability reports or maintenance windows), which is not an
    error.

    :return: a :class:`~core.sdk.Serviceniveau` with the article of every figure: the
        functions an incident can affect, what each level of impact and urgency means,
        the priority of each of the nine pairs, the resolution time per omgeving and
        priority (clock or office hours), the monthly norms, the office hours, the
        reaction time for questions, how soon a P1 is told, the availability norm per
        omgeving and the planned maintenance windows; or ``None``. Every omgeving it names
        must be one of the dienst's (``dienst_info``).
    """
