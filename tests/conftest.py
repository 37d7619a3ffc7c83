"""Shared fixtures: every database test runs on SQLite and on a real PostgreSQL.

- ``database_urls``: the two databases, each migrated once with Alembic (so the
  migrations themselves are tested on both engines);
- ``app``: a fresh app per test on the ``backend`` parameter; tables are emptied
  after each test;
- ``api``: a small client wrapper that sends a bearer token;
- ``maak_afnemer`` / ``token_voor``: create tenants and principals.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import text

from core import create_app
from core.auth import tokens
from core.auth.principal import Rol
from core.db import db
from core.migrate import upgrade
from core.models import Base
from tests.support.postgres import running_server

# The in-process apps of the suite send many requests a minute with one token; the rate
# limits are tested on their own (tests/test_snelheid.py, tests/served/test_snelheid.py),
# and the served product sets its own values (tests/served/conftest.py).
os.environ.setdefault("AFNEMERSPORTAAL_RATELIMIT_TOKEN", "0")
os.environ.setdefault("AFNEMERSPORTAAL_RATELIMIT_ADRES", "0")

BACKENDS = ("sqlite", "postgresql")

#: The diensten built into this repository (``plugins/``); each has tests of its own.
INGEBOUWD = ("digid", "digipoort", "mijnoverheid", "vwo")


def geinstalleerd() -> list[str]:
    """The slugs of every dienst a test app loads, sorted: the built-in ones and any
    installed plugin package (``./scripts/test`` installs ``examples/certificaten``),
    minus ``AFNEMERSPORTAAL_BLOCKED_PLUGINS``, as :func:`core.create_app` does."""
    from core.plugins import Diensten, build_plugin_manager

    blocked = {naam.strip() for naam in
               os.environ.get("AFNEMERSPORTAAL_BLOCKED_PLUGINS", "").split(",")}
    slugs = [d.slug for d in Diensten(build_plugin_manager(blocked)).alle()]
    assert set(INGEBOUWD) - set(blocked) <= set(slugs), slugs
    return slugs


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items) -> None:
    """Groups for pytest-xdist (``--dist loadgroup``, as ``./scripts/test`` runs it): the
    tests that share an expensive fixture run on one worker, so it is built once. The
    served product per backend is one group each; a module's or class's shared fixture
    makes its tests one group per value of that fixture's parameter. The rest goes to
    whichever worker is free. Before xdist's own hook, which reads the marks."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if groep := _xdist_groep(item):
            item.add_marker(pytest.mark.xdist_group(groep))


def _xdist_groep(item) -> str | None:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return None
    params = getattr(getattr(item, "callspec", None), "params", {})
    if "served" in info.name2fixturedefs:
        return f"served-{params.get('served')}"
    breed = sorted(naam for naam, defs in info.name2fixturedefs.items()
                   if defs and defs[-1].scope in ("module", "class"))
    if not breed:
        return None
    klasse = any(info.name2fixturedefs[naam][-1].scope == "class" for naam in breed)
    plek = item.nodeid.split("[")[0].rsplit("::", 1)[0] if klasse else item.nodeid.split("::")[0]
    return plek + "".join(f"-{params[naam]}" for naam in breed if naam in params)


@pytest.fixture(scope="session")
def postgresql_url() -> Iterator[str]:
    url = os.environ.get("AFNEMERSPORTAAL_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    with running_server() as url:
        yield url


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.sqlite'}"


@pytest.fixture(scope="session")
def database_urls(request) -> dict[str, str]:
    urls = {}
    for backend in BACKENDS:
        url = request.getfixturevalue(f"{backend}_url")
        upgrade_all(url)
        urls[backend] = url
    return urls


def upgrade_all(url: str) -> None:
    """What ``afnemersportaal db upgrade`` does: core's migrations, then those of every
    installed dienst with tables of its own (an installed example plugin too)."""
    from core.uitbreidingen import migraties
    from core.uitbreidingen.bijdragen import uitbreidingen

    upgrade(url)
    app = create_app({"DATABASE_URL": url, "TESTING": True, "SECRET_KEY": "test"})
    with app.app_context():
        eigen = uitbreidingen().migraties()
    db.dispose(app)
    for slug, mig in eigen.items():
        migraties.upgrade(url, slug, mig)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


_open_apps: list = []


def make_app(url: str, **config):
    app = create_app({"DATABASE_URL": url, "TESTING": True, "SECRET_KEY": "test", **config})
    _open_apps.append(app)
    return app


@pytest.fixture(autouse=True)
def _push_request_context():
    """Overrides pytest-flask's fixture of the same name, which keeps one request
    context open for the whole test. Then every request of a test would share one
    app context, and so one database session, which real requests never do."""
    yield


@pytest.fixture(autouse=True)
def _dispose_apps():
    """Every app a test made closes its connections when the test ends."""
    yield
    while _open_apps:
        db.dispose(_open_apps.pop())


#: The tables to empty, per shared app (by id; a shared app lives as long as the process).
_tabellen: dict[int, list[str]] = {}


def _empty_tables(app) -> None:
    """Empty core's tables and those of the app's plugins that exist in its database."""
    from sqlalchemy import inspect

    from core.uitbreidingen.bijdragen import EXTENSION

    with app.app_context():
        tables = _tabellen.get(id(app))
        if tables is None:
            plugin_tables = [t.name for mig in app.extensions[EXTENSION].migraties().values()
                             for t in reversed(mig.metadata.sorted_tables)]
            if plugin_tables:
                bestaand = set(inspect(db.engine).get_table_names())
                plugin_tables = [t for t in plugin_tables if t in bestaand]
            tables = plugin_tables + [t.name for t in reversed(Base.metadata.sorted_tables)]
            if any(app is gedeeld for gedeeld in _gedeelde_apps.values()):
                _tabellen[id(app)] = tables
        with db.engine.begin() as connection:
            # DELETE, children first: on the few rows a test leaves, PostgreSQL deletes
            # far faster than it truncates some sixty tables.
            for table in tables:
                if table == "audit_regels" and connection.dialect.name == "postgresql":
                    # Append-only: a trigger refuses DELETE (migration 0015), not TRUNCATE.
                    connection.execute(text(f"TRUNCATE {table}"))
                else:
                    connection.execute(text(f"DELETE FROM {table}"))


#: One app per backend for the tests that take the default ``app``: building an app
#: costs more than most tests (werkzeug compiles a builder for every route).
_gedeelde_apps: dict[str, object] = {}


@pytest.fixture
def app(database_urls, backend):
    """The default app on the backend, shared by the tests of this process: each test
    finds it as built (its config is put back after every test) and its tables empty.
    A test that needs other settings or request hooks of its own builds its own app with
    :func:`make_app` (Flask refuses new hooks on an app that has served a request)."""
    app = _gedeelde_apps.get(backend)
    if app is None:
        app = _gedeelde_apps[backend] = create_app(
            {"DATABASE_URL": database_urls[backend], "TESTING": True, "SECRET_KEY": "test"})
    config = dict(app.config)
    yield app
    _empty_tables(app)
    app.config.clear()
    app.config.update(config)


class Api:
    """The test client, with a token and JSON by default."""

    def __init__(self, client, token: str | None = None) -> None:
        self.client = client
        self.token = token

    def as_(self, token: str | None) -> Api:
        return Api(self.client, token)

    def request(self, method: str, path: str, *, headers=None, **kwargs):
        headers = dict(headers or {})
        if self.token:
            headers.setdefault("Authorization", f"Bearer {self.token}")
        url = path if path.startswith("/api/") else "/api/v1" + path
        return self.client.open(url, method=method, headers=headers, **kwargs)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def patch(self, path, **kw):
        return self.request("PATCH", path, **kw)

    def put(self, path, **kw):
        return self.request("PUT", path, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


@pytest.fixture
def token_voor(app):
    def issue(afnemer_id: uuid.UUID | None, rol: Rol = Rol.AFNEMER_BEHEERDER, **kw) -> str:
        with app.app_context():
            nieuw = tokens.issue(naam=f"test {rol}", rol=rol, afnemer_id=afnemer_id,
                                 door="test", **kw)
            db.session.commit()
            return nieuw.token

    return issue


@pytest.fixture
def logius_token(token_voor) -> str:
    return token_voor(None, Rol.LOGIUS_BEHEERDER)


@pytest.fixture
def api(client, logius_token) -> Api:
    """A client acting as a Logius beheerder."""
    return Api(client, logius_token)


_oin_counter = iter(range(10**6))


def nieuw_oin() -> str:
    return f"0000000100{next(_oin_counter):07d}000"


@pytest.fixture
def maak_afnemer(api):
    def create(type: str = "gemeente", naam: str | None = None, **extra) -> dict:
        body = {"naam": naam or f"Gemeente {uuid.uuid4().hex[:6]}", "oin": nieuw_oin(),
                "type": type, **extra}
        response = api.post("/afnemers", json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return create


@pytest.fixture
def maak_aansluiting(api):
    def create(afnemer_id, dienst="digid", omgeving="productie", onderdelen=("midden",),
               ondertekend=date(2026, 1, 15)) -> dict:
        response = api.post(
            f"/afnemers/{afnemer_id}/aansluitingen",
            json={"dienst": dienst, "omgeving": omgeving, "onderdelen": list(onderdelen),
                  "aanvraagOndertekendOp": ondertekend.isoformat()},
        )
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return create


@pytest.fixture
def maak_contactpersoon(api):
    def create(afnemer_id, rol="algemeen", **extra) -> dict:
        body = {"naam": "Test Persoon", "email": "test@voorbeeld.nl",
                "telefoon": "070 123 4567", "rol": rol, **extra}
        response = api.post(f"/afnemers/{afnemer_id}/contactpersonen", json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return create


# The real local OpenID Provider and a live app beside it (tests/support/oidc_fixtures.py).
from tests.support.oidc_fixtures import (  # noqa: E402,F401
    console_port,
    live_app,
    provider,
    signing_key,
)
