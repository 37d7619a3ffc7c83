"""The plugin conformance kit: one test file in a plugin's own CI that checks the plugin
against everything core expects of a dienst.

Usage
-----
Put one file in the plugin package's tests, say ``tests/test_conformiteit.py``::

    from core.sdk.testing import Conformiteit

    class TestConformiteit(Conformiteit):
        dienst = "eherkenning"
        # Optional, for the route checks: a body the plugin accepts, per path.
        voorbeelden = {"/eherkenning-notities": {"tekst": "Eerste notitie"}}

and run it with pytest (``pytest tests/test_conformiteit.py``). The kit needs
afnemersportaal (with its ``test`` extra: pytest) installed beside the plugin, which is
found through its entry point in ``afnemersportaal.diensten``. It brings its own
fixtures and databases; it needs no ``conftest.py``:

- SQLite: files in a temporary directory;
- PostgreSQL: the server ``AFNEMERSPORTAAL_TEST_POSTGRES_URL`` names (the kit creates
  and drops databases of its own there: the role needs ``CREATEDB``), else the server
  of a ``postgresql_url`` fixture if the suite has one, else a private throw-away server
  started from the Debian ``postgresql`` binaries (:mod:`core.sdk.postgres`;
  ``apt-get install postgresql``). Without any the PostgreSQL checks fail, saying so;
  ``databanken = ("sqlite",)`` leaves them out.

Every database starts as core's schema at its newest migration, with the plugin's own
tables from its own migrations (``dienst_migraties``) and those of every other installed
plugin (the app loads them all, as ``db upgrade`` migrates them all), and is dropped
afterwards. Apps
are built as core builds them (``core.create_app``, ``TESTING``), with every installed
plugin.

What each check does
--------------------
Each is a test method of :class:`Conformiteit`; a check that cannot apply to the plugin
(no routes, no migrations, no events...) is **skipped with the reason**, never passed
silently. A failure lists every finding, each naming the plugin, the hook or route, and
the rule in brackets (``[tenant-isolatie]``, ``[artikel]``...). Checks marked *per
databank* run on SQLite and on PostgreSQL.

``test_entry_point``
    The plugin loads through its entry point (``entry_point``, by default the slug), is
    the module registered under that name, and starts on its own (every other plugin
    blocked) as dienst ``dienst``.
``test_hook[<databank>-<hook>]``
    Every hook of :mod:`core.hookspecs` the plugin implements is called through core's
    own facades, which check the answer, for this year and the next where it takes a
    year or a day: ``dienst_tarieven`` and ``dienst_kosten`` (every omgeving, afnemertype,
    onderdeel, berekening, with and without usage, every tariff set),
    ``dienst_prognose_*`` (``prognose_voorbeeld`` is the filled form they get),
    ``dienst_gezondheid``, ``dienst_deadlines`` (for both test afnemers: articles cited,
    never the other afnemer's path) and ``dienst_herinneringen`` (declared types only).
    The hooks core calls at start-up are checked by building the app; the failure is
    core's own message, which names the plugin.
``test_voorwaarden``
    Every terms document names its source with a version; every obligation and change
    rule cites an article (``AV 2.6``: a document abbreviation, then where in it).
``test_instellingen``
    With nothing set (the environment's ``AFNEMERSPORTAAL_DIENST_<SLUG>_*`` removed) but
    ``instellingen`` for settings without a default, the app starts and the plugin's own
    ``dienst_check_config`` finds nothing wrong.
``test_gebeurtenissen_gedeclareerd``
    Every declared event type starts with ``<slug>.`` and cites an article.
``test_migraties`` (per databank)
    On a fresh database with core's tables: upgrade to head creates every table and
    column of ``Migraties.metadata``, every new table prefixed with the slug; downgrade to
    base leaves none of them (Alembic's empty ``<slug>_alembic_version`` aside) and
    every table of core; upgrading again works.
``test_routes_gedocumenteerd``
    Every method of every route of the plugin's blueprints (``dienst_api``) is an
    operation of ``/api/v1/openapi.json``. The route checks below find the routes the
    same way, so they work for any plugin.
``test_aanmaken`` (per databank)
    For every POST with an example body, as afnemer A (afnemer routes) or as a Logius
    beheerder (dienst routes), parents before children: the example is accepted, and a
    201 carries an ETag and a ``Location`` that a GET of the plugin answers. A POST that
    ends the resource it is on (``x-eindigt`` in the document: ending an agreement, say)
    is not sent, so that what the other examples need stays; its example is the body of
    the other checks' writes.
``test_voorbeelden``
    Skipped, listing them, when POSTs have no example body or paths cannot be filled, so
    that the checks that need an item of A are known to have missed those routes.
``test_tenant_isolatie`` (per databank)
    A token of afnemer B on afnemer A's paths, every method (writes with ``If-Match: *``
    and the example body): 403/404 problem+json. B on its own paths with A's ids: the
    same answer as for an id that exists nowhere. Nothing of A (its id, the ids of what
    it created) in any answer to B, and everything A reads is unchanged afterwards.
``test_problem_json`` (per databank)
    Every POST, PUT and PATCH with a wrong value in every documented field: 400/422
    ``application/problem+json`` whose ``invalidParams`` name each field.
``test_onbekende_ids`` (per databank)
    Every route with an id and every method, with ids that exist nowhere: 404
    problem+json (a PUT that may create is left out).
``test_etag`` (per databank)
    A GET of each of A's created items carries an ETag; each PUT/PATCH/DELETE documented
    with a required If-Match answers 428 problem+json without one, 412 with a stale one,
    and (PUT/PATCH) accepts the current one.
``test_gebeurtenissen_gepubliceerd`` (per databank)
    Every outbox row written while the kit exercised the routes is of a type the plugin
    declared (``dienst_gebeurtenissen``).

The class attributes (the public interface, stable)
---------------------------------------------------
``dienst``
    The slug (required).
``entry_point``
    The entry point's name in ``afnemersportaal.diensten``; ``None``: the slug.
``plugin``
    A plugin object to register directly instead (a module with hookimpls, as for
    ``create_app(plugins=...)``); then ``test_entry_point`` is skipped. For plugins that
    are not installed, such as test doubles. Not together with an entry point of the same
    plugin.
``voorbeelden``
    Example request bodies: ``{pad: body}`` or ``{"METHODE pad": body}``, the path as the
    OpenAPI document has it, or below the blueprint's place (``/afnemers/{afnemerId}``,
    ``/diensten/{slug}``). A body may be a callable that gets the path values known so far
    (``{"afnemerId": ..., "notitieId": ...}``) and returns the body. The POST's example is
    also the body of the other checks' writes, and of a PUT on its items without an
    example of its own; a PATCH without one is sent ``{}``.
``padwaarden``
    Values for path variables that are not ids the kit learns (``{"jaar": "2027"}``).
``instellingen``
    Values for settings, by name, for those without a default (``{"sleutel": "x"}``).
``prognose_voorbeeld``
    A filled prognosis form, as the API receives it (lowerCamelCase).
``databanken``
    ``("sqlite", "postgresql")`` by default.
``config``
    Extra app configuration.

And one method to override: ``voorbereiden(self, omgeving, afnemer) -> dict``, called for
afnemers A and B after they are made, to create what the plugin's routes need (an
aansluiting, say, through ``afnemer.api`` or ``omgeving.logius``); it returns path values
(camelCase) for that afnemer.

An author's own tests in the subclass may use the ``conformiteit`` fixture: an
:class:`Omgeving` (app, database, clients, the two afnemers), once per databank (for a
plugin without routes and tables only on the first: the others are skipped).

Public names
------------
These are stable; everything in the ``core.sdk._kit_*`` modules is the kit's own.

- :class:`Conformiteit`: the attributes above, ``voorbereiden``, ``maak_app(url,
  **config)`` (an app as the kit builds it) and the test methods' names;
- the fixture ``conformiteit`` and its :class:`Omgeving` (``backend``, ``url``, ``app``,
  ``slug``, ``plugin``, ``info``, ``logius``, ``a``, ``b``, ``routes``, ``doc``,
  ``token(afnemer_id, rol)``, ``console(rol, afnemer_id)``);
- :class:`Afnemer` (``naam``, ``id``, ``token``, ``api``, ``waarden``) and
  :class:`ApiClient` (``get``, ``post``, ``put``, ``patch``, ``delete``, ``request``,
  ``als(token)``), Flask's test client with a bearer token;
- :class:`ConsoleClient` (``get``, ``post`` with the CSRF token, ``tekst``): a person
  logged in to the console, for the plugin's own console pages.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any, ClassVar

import pytest

from core.sdk import _kit_regels as regels
from core.sdk import _kit_routes as routes_
from core.sdk._kit_databanken import BACKENDS, Databanken, databanken

__all__ = ["Afnemer", "ApiClient", "Conformiteit", "ConsoleClient", "Omgeving"]

_oin = itertools.count(1)


class ApiClient:
    """Flask's test client with a bearer token; paths without ``/api/`` get ``/api/v1``."""

    def __init__(self, client: Any, token: str | None = None) -> None:
        self.client = client
        self.token = token

    def als(self, token: str | None) -> ApiClient:
        return ApiClient(self.client, token)

    def request(self, methode: str, pad: str, *, json: Any = None,
                headers: Mapping[str, str] | None = None, **kwargs: Any) -> Any:
        kop = dict(headers or {})
        if self.token:
            kop.setdefault("Authorization", f"Bearer {self.token}")
        if json is not None:
            kwargs["json"] = json
        url = pad if pad.startswith("/api/") else "/api/v1" + pad
        return self.client.open(url, method=methode, headers=kop, **kwargs)

    def get(self, pad: str, **kwargs: Any) -> Any:
        return self.request("GET", pad, **kwargs)

    def post(self, pad: str, **kwargs: Any) -> Any:
        return self.request("POST", pad, **kwargs)

    def put(self, pad: str, **kwargs: Any) -> Any:
        return self.request("PUT", pad, **kwargs)

    def patch(self, pad: str, **kwargs: Any) -> Any:
        return self.request("PATCH", pad, **kwargs)

    def delete(self, pad: str, **kwargs: Any) -> Any:
        return self.request("DELETE", pad, **kwargs)


class ConsoleClient:
    """One logged-in person's browser on the console (:meth:`Omgeving.console`). Paths
    without ``/console`` get it; ``post`` sends a form with the session's CSRF token."""

    def __init__(self, client: Any, csrf: str) -> None:
        self.client, self.csrf = client, csrf

    @staticmethod
    def _pad(pad: str) -> str:
        return pad if pad.startswith("/console") else "/console" + pad

    def get(self, pad: str, **kwargs: Any) -> Any:
        return self.client.get(self._pad(pad), **kwargs)

    def post(self, pad: str, data: Mapping[str, str] | None = None, **kwargs: Any) -> Any:
        return self.client.post(self._pad(pad), data={"csrf_token": self.csrf, **(data or {})},
                                **kwargs)

    def tekst(self, pad: str) -> str:
        """The page's HTML; fails unless it answers 200."""
        antwoord = self.get(pad)
        if antwoord.status_code != 200:
            pytest.fail(f"GET {self._pad(pad)}: {antwoord.status_code} "
                        f"{antwoord.get_data(as_text=True)[:300]}", pytrace=False)
        return antwoord.get_data(as_text=True)


@dataclass
class Afnemer:
    """A test afnemer: ``naam`` is ``"A"`` or ``"B"``; ``api`` acts as its beheerder;
    ``waarden`` are its path values (``afnemerId`` and what ``voorbereiden`` gave)."""

    naam: str
    id: str
    token: str
    api: ApiClient
    waarden: dict[str, str] = field(default_factory=dict)


class Omgeving:
    """One plugin on one database: what the ``conformiteit`` fixture gives.

    :ivar backend: ``"sqlite"`` or ``"postgresql"``.
    :ivar url: the database (core's tables and the plugin's, at head).
    :ivar app: the app, with every installed plugin (and ``plugin`` if given).
    :ivar slug: the dienst; :ivar plugin: its name in the plugin manager.
    :ivar info: its :class:`~core.sdk.DienstInfo`.
    :ivar logius: an :class:`ApiClient` of a Logius beheerder.
    :ivar a: afnemer A, whose data the checks try to reach; :ivar b: afnemer B.
    :ivar routes: the plugin's routes; :ivar doc: the OpenAPI document.
    """

    def __init__(self, kit: type[Conformiteit], backend: str, banken: Databanken) -> None:
        self.kit, self.backend, self.databanken = kit, backend, banken
        self.slug = kit.dienst
        self.url = banken.nieuw(backend)
        self.app: Any = None
        try:
            self.app = kit.maak_app(self.url)
            self._zet_op()
        except BaseException:
            self.sluit()
            raise

    def _zet_op(self) -> None:
        from core.auth.principal import Rol
        from core.plugins import diensten
        from core.uitbreidingen import migraties
        from core.uitbreidingen.bijdragen import uitbreidingen

        with self.app.app_context():
            if diensten().get(self.slug) is None:
                namen = ", ".join(i.slug for i in diensten().alle())
                raise pytest.fail.Exception(f"dienst {self.slug!r} is niet geladen (wel: "
                                            f"{namen}); klopt dienst, entry_point of plugin?")
            self.plugin = diensten().plugin_van(self.slug)
            self.info = diensten().get(self.slug)
            alle = uitbreidingen().migraties()
            mig = alle.get(self.slug)
            blueprints = [bp.name for s, bp in uitbreidingen().blueprints() if s == self.slug]
        self.wie = f"plugin {self.plugin!r} (dienst {self.slug!r})"
        if mig is not None:
            try:
                migraties.upgrade(self.url, self.slug, mig)
            except Exception as exc:
                raise pytest.fail.Exception(f"{self.wie}: de migraties (dienst_migraties) "
                                            f"falen op {self.backend}: {exc!r}") from exc
        # The app loads every installed plugin, and some read their own tables in core's
        # routes (deadlines, say): their tables are there too, as `db upgrade` makes them.
        for ander, eigen in alle.items():
            if ander != self.slug:
                migraties.upgrade(self.url, ander, eigen)
        client = self.app.test_client()
        self.logius = ApiClient(client, self.token(None, Rol.LOGIUS_BEHEERDER))
        self.doc = self.logius.get("/api/v1/openapi.json").get_json()
        self.routes = routes_.routes(self.app, blueprints, self.doc)
        self.a = self._afnemer("A", client)
        self.b = self._afnemer("B", client)
        self._oefening: routes_.Oefening | None = None
        self._gebeurtenissen_voor: set[str] = set()

    def token(self, afnemer_id: str | None, rol: Any) -> str:
        """A new API token (as ``tests/conftest.py`` issues them)."""
        import uuid

        from core.auth import tokens
        from core.db import db

        with self.app.app_context():
            nieuw = tokens.issue(naam=f"conformiteit {rol}", rol=rol, door="conformiteit",
                                 afnemer_id=uuid.UUID(afnemer_id) if afnemer_id else None)
            db.session.commit()
            return nieuw.token

    def console(self, rol: Any, afnemer_id: str | None = None) -> ConsoleClient:
        """A person with ``rol`` (at ``afnemer_id`` for an afnemer role), logged in to the
        console by a session on the server, as the login's callback would make it: for
        testing the plugin's console pages (``dienst_console``)."""
        import hashlib
        import secrets
        import uuid
        from datetime import timedelta

        from core.auth.principal import Rol
        from core.console.models import ConsoleSessie
        from core.db import db, utcnow
        from core.gebruikers.models import Gebruiker, Lidmaatschap, LidmaatschapStatus

        rol = Rol(rol)
        logius = rol in (Rol.LOGIUS_BEHEERDER, Rol.PRODUCTTEAM)
        waarde, csrf, nu = secrets.token_urlsafe(32), secrets.token_urlsafe(16), utcnow()
        email = f"{uuid.uuid4().hex[:8]}@conformiteit.example"
        with self.app.app_context():
            gebruiker = Gebruiker(
                issuer=self.app.config["OIDC_ISSUER"], subject=uuid.uuid4().hex, email=email,
                email_geverifieerd=True, naam=f"Conformiteit {rol.value}",
                logius_rol=rol.value if logius else None,
                productteam_dienst=self.slug if rol is Rol.PRODUCTTEAM else None)
            db.session.add(gebruiker)
            db.session.flush()
            if afnemer_id is not None and not logius:
                db.session.add(Lidmaatschap(
                    afnemer_id=uuid.UUID(afnemer_id), gebruiker_id=gebruiker.id, email=email,
                    rol=rol.value, status=LidmaatschapStatus.ACTIEF.value,
                    uitgenodigd_door="conformiteit", geaccepteerd_op=nu))
            db.session.add(ConsoleSessie(
                hash=hashlib.sha256(waarde.encode()).hexdigest(), gebruiker_id=gebruiker.id,
                aangemaakt_op=nu, laatst_gezien_op=nu, verloopt_op=nu + timedelta(hours=1),
                csrf_token=csrf, gegevens={}))
            db.session.commit()
        client = self.app.test_client()
        client.set_cookie(self.app.config["SESSION_COOKIE_NAME"], waarde)
        return ConsoleClient(client, csrf)

    def _afnemer(self, naam: str, client: Any) -> Afnemer:
        from core.auth.principal import Rol

        typen = [str(t) for t in self.info.afnemertypes or ()]
        soort = "gemeente" if not typen or "gemeente" in typen else typen[0]
        antwoord = self.logius.post("/afnemers", json={
            "naam": f"Conformiteit {naam}", "type": soort,
            "oin": f"0000000199{next(_oin):07d}000"})
        if antwoord.status_code != 201:
            raise pytest.fail.Exception(f"afnemer {naam} maken lukte niet: "
                                        f"{routes_.kort(antwoord)}")
        afnemer_id = antwoord.get_json()["id"]
        token = self.token(afnemer_id, Rol.AFNEMER_BEHEERDER)
        return Afnemer(naam, afnemer_id, token, ApiClient(client, token),
                       {routes_.AFNEMER: afnemer_id})

    def oefening(self) -> routes_.Oefening:
        """The route exercise (once): A creates a resource of every kind it can."""
        if self._oefening is None:
            self._gebeurtenissen_voor = regels.gebeurtenis_ids(self)
            self._oefening = routes_.oefen(self)
        return self._oefening

    def sluit(self) -> None:
        from core.db import db

        if self.app is not None:
            db.dispose(self.app)
        self.databanken.verwijder(self.url)


class _Bevindingen:
    def __init__(self, wie: str) -> None:
        self.wie = wie
        self.lijst: list[tuple[str, str, str]] = []

    def __call__(self, plaats: str, regel: str, tekst: str) -> None:
        self.lijst.append((plaats, regel, tekst))

    def rapporteer(self, wat: str) -> None:
        if self.lijst:
            regels_ = "\n".join(f"- {p} [{r}]: {t}" for p, r, t in self.lijst)
            pytest.fail(f"{self.wie} voldoet niet ({wat}), {len(self.lijst)} "
                        f"bevinding(en):\n{regels_}", pytrace=False)


def _eenmaal(functie):
    """A check that does not depend on the database: it runs on the first of
    ``databanken`` only (every other test that takes ``conformiteit`` runs on each)."""
    functie._kit_eenmaal = True
    return functie


class Conformiteit:
    """Subclass it as ``Test...`` and set ``dienst``; see the module's doc."""

    dienst: ClassVar[str] = ""
    entry_point: ClassVar[str | None] = None
    plugin: ClassVar[Any] = None
    voorbeelden: ClassVar[Mapping[str, Any]] = {}
    padwaarden: ClassVar[Mapping[str, str]] = {}
    instellingen: ClassVar[Mapping[str, Any]] = {}
    prognose_voorbeeld: ClassVar[Mapping[str, Any] | None] = None
    databanken: ClassVar[tuple[str, ...]] = BACKENDS
    config: ClassVar[Mapping[str, Any]] = {}

    # --- set-up -------------------------------------------------------------------------

    def pytest_generate_tests(self, metafunc: Any) -> None:
        kit = metafunc.cls
        if not kit.dienst:
            raise pytest.UsageError(f"{kit.__name__}: zet dienst = '<slug>'")
        onbekend = set(kit.databanken) - set(BACKENDS)
        if onbekend or not kit.databanken:
            raise pytest.UsageError(f"{kit.__name__}: databanken kiest uit {BACKENDS}")
        if "conformiteit" in metafunc.fixturenames:
            eenmaal = getattr(metafunc.function, "_kit_eenmaal", False)
            banken = list(kit.databanken[:1] if eenmaal else kit.databanken)
            metafunc.parametrize("conformiteit", banken, indirect=True, scope="class")
        if "hook" in metafunc.fixturenames:
            metafunc.parametrize("hook", regels.hooknamen())

    @classmethod
    def maak_app(cls, url: str, **config: Any) -> Any:
        """An app on ``url`` as the kit builds it: core's test configuration, the
        ``instellingen`` given, ``config``, then ``**config``."""
        from core import create_app
        from core.uitbreidingen.bijdragen import sleutel

        waarden = {sleutel(cls.dienst, naam): str(waarde)
                   for naam, waarde in cls.instellingen.items()}
        extra = [(cls.entry_point or cls.dienst, cls.plugin)] if cls.plugin is not None else []
        return create_app({"DATABASE_URL": url, "TESTING": True, "SECRET_KEY": "test",
                           "BLOCKED_PLUGINS": "", **waarden, **cls.config, **config},
                          plugins=extra)

    @classmethod
    def _heeft_databankwerk(cls) -> bool:
        """Whether the plugin brings routes or tables: what the kit checks per databank.
        Asked of an app on an in-memory database (building one touches no database)."""
        if "_kit_databankwerk" not in cls.__dict__:
            from core.db import db
            from core.plugins import PluginError
            from core.uitbreidingen.bijdragen import uitbreidingen

            try:
                app = cls.maak_app("sqlite://")
            except PluginError:
                cls._kit_databankwerk = True  # the omgeving says what is wrong
            else:
                with app.app_context():
                    u = uitbreidingen()
                    cls._kit_databankwerk = (cls.dienst in u.migraties() or any(
                        slug == cls.dienst for slug, _ in u.blueprints()))
                db.dispose(app)
        return cls._kit_databankwerk

    def voorbereiden(self, omgeving: Omgeving, afnemer: Afnemer) -> dict[str, str]:
        """Create what the plugin's routes need for ``afnemer``; return path values."""
        return {}

    @pytest.fixture(scope="class")
    def conformiteit(self, request: Any) -> Any:
        from core.plugins import PluginError

        kit = request.cls
        if request.param != kit.databanken[0] and not kit._heeft_databankwerk():
            pytest.skip(f"dienst {kit.dienst!r}: de plugin heeft geen routes en geen eigen "
                        f"tabellen, dus niets dat op {request.param} anders kan gaan "
                        f"(de rest is op {kit.databanken[0]} gecontroleerd)")
        banken = databanken(request.config)
        if request.param == "postgresql" and banken.server is None:
            try:  # a server the host suite runs already (this project's tests/conftest.py)
                banken.server = request.getfixturevalue("postgresql_url")
            except pytest.FixtureLookupError:
                pass
        try:
            omgeving = Omgeving(kit, request.param, banken)
        except PluginError as exc:
            pytest.fail(f"dienst {kit.dienst!r}: de app start niet: {exc}", pytrace=False)
        try:
            for afnemer in (omgeving.a, omgeving.b):
                afnemer.waarden.update(self.voorbereiden(omgeving, afnemer) or {})
            yield omgeving
        finally:
            omgeving.sluit()

    def _bevindingen(self, omgeving: Omgeving) -> _Bevindingen:
        return _Bevindingen(omgeving.wie)

    @staticmethod
    def _niet(omgeving: Omgeving, reden: str) -> None:
        pytest.skip(f"{omgeving.wie}: {reden}")

    def _routes(self, omgeving: Omgeving, afnemer: bool = False) -> list[routes_.Route]:
        gevonden = [r for r in omgeving.routes if r.afnemer or not afnemer]
        if not gevonden:
            wat = "afnemerroutes" if afnemer else "routes"
            self._niet(omgeving, f"de plugin heeft geen {wat} (dienst_api)")
        return gevonden

    # --- loading ------------------------------------------------------------------------

    def test_entry_point(self) -> None:
        from core.plugins import ENTRY_POINT_GROUP, Diensten, PluginError, build_plugin_manager

        kit = type(self)
        if kit.plugin is not None:
            pytest.skip(f"dienst {kit.dienst!r}: de conformiteitstest registreert de plugin zelf "
                        "(plugin = ...), niet via een entry point")
        naam = kit.entry_point or kit.dienst
        alle = list(entry_points(group=ENTRY_POINT_GROUP))
        eigen = [ep for ep in alle if ep.name == naam]
        if not eigen:
            pytest.fail(f"dienst {kit.dienst!r}: geen entry point {naam!r} in de groep "
                        f"{ENTRY_POINT_GROUP!r} (wel: {', '.join(e.name for e in alle)}); "
                        "is het pakket geïnstalleerd?", pytrace=False)
        wie = f"plugin {naam!r} ({eigen[0].value})"
        try:
            module = eigen[0].load()
            pm = build_plugin_manager(blocked=[ep.name for ep in alle if ep.name != naam])
            alleen = Diensten(pm)
        except (PluginError, Exception) as exc:  # noqa: BLE001 (a failing load is the finding)
            pytest.fail(f"{wie} laadt niet via zijn entry point: {exc}", pytrace=False)
        if pm.get_plugin(naam) is not module:
            pytest.fail(f"{wie}: onder die naam staat een ander object in de plugin manager",
                        pytrace=False)
        slugs = [i.slug for i in alleen.alle()]
        if slugs != [kit.dienst]:
            pytest.fail(f"{wie} levert dienst(en) {slugs}, de conformiteitstest verwacht "
                        f"[{kit.dienst!r}]", pytrace=False)

    # --- hooks --------------------------------------------------------------------------

    @_eenmaal
    def test_hook(self, conformiteit: Omgeving, hook: str) -> None:
        bevindingen = self._bevindingen(conformiteit)
        try:
            regels.check_hook(conformiteit, hook, bevindingen)
        except regels.NietVanToepassing as exc:
            self._niet(conformiteit, str(exc))
        bevindingen.rapporteer(f"hook {hook}")

    @_eenmaal
    def test_voorwaarden(self, conformiteit: Omgeving) -> None:
        bevindingen = self._bevindingen(conformiteit)
        try:
            regels.check_voorwaarden(conformiteit, bevindingen)
        except regels.NietVanToepassing as exc:
            self._niet(conformiteit, str(exc))
        bevindingen.rapporteer("voorwaarden noemen hun artikelen")

    @_eenmaal
    def test_instellingen(self, conformiteit: Omgeving, monkeypatch: Any) -> None:
        from core.config import ENV_PREFIX
        from core.uitbreidingen.bijdragen import sleutel

        prefix = ENV_PREFIX + sleutel(conformiteit.slug, "")
        for variabele in list(os.environ):
            if variabele.startswith(prefix):
                monkeypatch.delenv(variabele)
        bevindingen = self._bevindingen(conformiteit)
        try:
            regels.check_instellingen(conformiteit, lambda: self.maak_app(conformiteit.url),
                                      bevindingen)
        except regels.NietVanToepassing as exc:
            self._niet(conformiteit, str(exc))
        bevindingen.rapporteer("instellingen hebben werkende standaardwaarden")

    @_eenmaal
    def test_gebeurtenissen_gedeclareerd(self, conformiteit: Omgeving) -> None:
        bevindingen = self._bevindingen(conformiteit)
        try:
            regels.check_gebeurtenissen_gedeclareerd(conformiteit, bevindingen)
        except regels.NietVanToepassing as exc:
            self._niet(conformiteit, str(exc))
        bevindingen.rapporteer("gebeurtenissen zijn gedeclareerd")

    # --- tables -------------------------------------------------------------------------

    def test_migraties(self, conformiteit: Omgeving) -> None:
        bevindingen = self._bevindingen(conformiteit)
        try:
            regels.check_migraties(conformiteit, bevindingen)
        except regels.NietVanToepassing as exc:
            self._niet(conformiteit, str(exc))
        bevindingen.rapporteer(f"migraties op {conformiteit.backend}")

    # --- routes -------------------------------------------------------------------------

    @_eenmaal
    def test_routes_gedocumenteerd(self, conformiteit: Omgeving) -> None:
        self._routes(conformiteit)
        bevindingen = self._bevindingen(conformiteit)
        routes_.check_gedocumenteerd(conformiteit, bevindingen)
        bevindingen.rapporteer("routes staan in het OpenAPI-document")

    def test_aanmaken(self, conformiteit: Omgeving) -> None:
        self._routes(conformiteit)
        oefening = conformiteit.oefening()
        posts = [r for r in conformiteit.routes if "POST" in r.methoden]
        if not posts:
            self._niet(conformiteit, "de plugin heeft geen POST-routes")
        if not ({r.naam("POST") for r in posts}
                - set(oefening.zonder_voorbeeld) - set(oefening.onbereikbaar)):
            self._niet(conformiteit, "geen POST heeft een voorbeeld om mee aan te maken: geef "
                       "voorbeelden = {pad: body}")
        bevindingen = self._bevindingen(conformiteit)
        for plaats, regel, tekst in oefening.bevindingen:
            bevindingen(plaats, regel, tekst)
        bevindingen.rapporteer(f"aanmaken met de voorbeelden, op {conformiteit.backend}")

    @_eenmaal
    def test_voorbeelden(self, conformiteit: Omgeving) -> None:
        self._routes(conformiteit)
        oefening = conformiteit.oefening()
        ontbreekt = []
        if oefening.zonder_voorbeeld:
            ontbreekt.append("geen voorbeeldbody voor " + ", ".join(oefening.zonder_voorbeeld))
        if oefening.onbereikbaar:
            ontbreekt.append("geen waarde voor de padvariabelen van "
                             + ", ".join(oefening.onbereikbaar))
        items = [r.pad for r in conformiteit.routes
                 if r.item and "GET" in r.methoden and r.pad not in oefening.items]
        if items:
            ontbreekt.append("geen item van afnemer A op " + ", ".join(items))
        if ontbreekt:
            self._niet(conformiteit, "de checks die een item van afnemer A nodig hebben "
                       "(aanmaken, item-isolatie, etag) slaan deze routes over: "
                       + "; ".join(ontbreekt) + " (zie voorbeelden, padwaarden, voorbereiden)")

    def test_tenant_isolatie(self, conformiteit: Omgeving) -> None:
        self._routes(conformiteit, afnemer=True)
        bevindingen = self._bevindingen(conformiteit)
        routes_.check_isolatie(conformiteit, conformiteit.oefening(), bevindingen)
        bevindingen.rapporteer(f"tenant-isolatie, op {conformiteit.backend}")

    def test_problem_json(self, conformiteit: Omgeving) -> None:
        self._routes(conformiteit)
        bevindingen = self._bevindingen(conformiteit)
        if not routes_.check_problem_json(conformiteit, conformiteit.oefening(), bevindingen):
            self._niet(conformiteit, "de plugin heeft geen POST, PUT of PATCH met een "
                       "gedocumenteerde body")
        bevindingen.rapporteer(f"foute bodies geven problem+json, op {conformiteit.backend}")

    def test_onbekende_ids(self, conformiteit: Omgeving) -> None:
        self._routes(conformiteit)
        bevindingen = self._bevindingen(conformiteit)
        if not routes_.check_onbekende_ids(conformiteit, conformiteit.oefening(), bevindingen):
            self._niet(conformiteit, "de plugin heeft geen routes met een id (of alleen "
                       "schrijvende zonder voorbeeldbody)")
        bevindingen.rapporteer(f"onbekende id's geven 404, op {conformiteit.backend}")

    def test_etag(self, conformiteit: Omgeving) -> None:
        self._routes(conformiteit)
        items = [r for r in conformiteit.routes if r.item]
        if not items:
            self._niet(conformiteit, "de plugin heeft geen itemroutes")
        bevindingen = self._bevindingen(conformiteit)
        if not routes_.check_etag(conformiteit, conformiteit.oefening(), bevindingen):
            self._niet(conformiteit, "de kit kon geen item maken om ETag en If-Match op te "
                       "proberen: geef voorbeelden voor " + ", ".join(
                           sorted({r.pad.rsplit("/", 1)[0] for r in items})))
        bevindingen.rapporteer(f"ETag en If-Match, op {conformiteit.backend}")

    def test_gebeurtenissen_gepubliceerd(self, conformiteit: Omgeving) -> None:
        self._routes(conformiteit)
        conformiteit.oefening()
        bevindingen = self._bevindingen(conformiteit)
        regels.check_gebeurtenissen_gepubliceerd(
            conformiteit, conformiteit._gebeurtenissen_voor, bevindingen)
        bevindingen.rapporteer(f"gepubliceerde gebeurtenissen zijn gedeclareerd, op "
                               f"{conformiteit.backend}")
