"""Property-based tests of the whole API against its own OpenAPI document.

Schemathesis generates valid and invalid requests for every operation and checks
every answer against the document: no 5xx, documented status codes, content types,
headers and bodies, invalid input refused, authentication not ignored. It runs
in-process against an SQLite app loaded with the demo data, with a Logius
beheerder's token. In positive cases path ids are often replaced by real demo ids,
so requests reach existing resources, not only 404s.

Two checks are left out, on purpose, each covered by explicit tests instead:

- ``positive_data_acceptance``: business rules that JSON Schema cannot state
  (a signing date not in the future, onderdelen that depend on the chosen dienst,
  lifecycle transitions) rightly refuse some schema-valid bodies;
- ``missing_required_header``: a write without ``If-Match`` answers 428
  Precondition Required (RFC 6585), which the check does not expect
  (see ``tests/api/test_conventions.py``).
"""

from __future__ import annotations

import os
import random

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import missing_required_header, positive_data_acceptance
from sqlalchemy import select

import tests.served.schemathesis_hooks  # noqa: F401  (dates within the API's bounds)
from core import demo
from core.aansluitingen.models import Aansluiting
from core.auth import tokens
from core.auth.principal import Rol
from core.contactpersonen.models import Contactpersoon
from core.db import Database, db
from tests.conftest import Api, geinstalleerd, upgrade_all
from tests.support.plugins import maak_voorbeelden


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory):
    from tests.conftest import make_app

    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.sqlite'}"
    upgrade_all(url)
    app = make_app(url)
    with app.app_context():
        afnemer = demo.load()
        token = tokens.issue(naam="fuzz", rol=Rol.LOGIUS_BEHEERDER, afnemer_id=None, door="test")
        db.session.commit()
        ids = {
            "afnemerId": [str(afnemer.id)],
            "aansluitingId": [str(a) for a in db.session.scalars(
                select(Aansluiting.id).where(Aansluiting.afnemer_id == afnemer.id))],
            "contactpersoonId": [str(c) for c in db.session.scalars(
                select(Contactpersoon.id).where(Contactpersoon.afnemer_id == afnemer.id))],
            "tokenId": [str(token.record.id)],
            "slug": geinstalleerd(),
            "jaar": ["2022", "2026", "2027"],
            "code": ["berichtenverkeer", "individuele-begeleiding", "berichtenbox-bericht"],
        }
    # A resource of every kind the installed plugins bring, from their own examples.
    api = Api(app.test_client(), token.token)
    document = api.get("/openapi.json").get_json()

    def post(pad, body):
        response = api.post(pad, json=body)
        assert response.status_code == 201, (pad, response.get_json())
        return response.get_json()

    eigen = maak_voorbeelden(document, geinstalleerd(), {"afnemerId": ids["afnemerId"][0]}, post)
    ids.update({naam: [waarde] for naam, waarde in eigen.items()})
    app.config["FUZZ_TOKEN"] = token.token
    app.config["FUZZ_IDS"] = ids
    yield app
    Database.dispose(app)


#: Examples per operation in the examples and fuzzing phases, which run here only when set
#: (FUZZ_VOORBEELDEN=200 explores deeper); by default the coverage phase alone.
VOORBEELDEN = int(os.environ.get("FUZZ_VOORBEELDEN", "0"))


@pytest.fixture(scope="module")
def api_schema(fuzz_app):
    # The examples and fuzzing phases run over real HTTP on both backends
    # (tests/served/test_contract.py); here the coverage phase (each schema keyword's
    # boundary and negative cases), which the served run leaves out. FUZZ_VOORBEELDEN=n
    # adds the examples and fuzzing phases here too, with n examples per operation.
    fasen = {"examples": {"enabled": bool(VOORBEELDEN)},
             "fuzzing": {"enabled": bool(VOORBEELDEN)}}
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", fuzz_app,
        config=SchemathesisConfig.from_dict({"phases": fasen}))

    class BearerToken:
        def get(self, case, context):
            return fuzz_app.config["FUZZ_TOKEN"]

        def set(self, case, data, context):
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    schema.auth.auth(refresh_interval=None)(BearerToken)
    return schema


schema = schemathesis.pytest.from_fixture("api_schema")




@schema.parametrize()
@settings(max_examples=max(VOORBEELDEN, 1), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_api_conforms_to_its_openapi_document(case, fuzz_app):
    if case.meta.generation.mode == GenerationMode.POSITIVE:
        ids = fuzz_app.config["FUZZ_IDS"]
        rnd = random.Random(repr(case.path_parameters))
        for name in list(case.path_parameters or {}):
            if name in ids and rnd.random() < 0.7:
                case.path_parameters[name] = rnd.choice(ids[name])
    case.call_and_validate(excluded_checks=[positive_data_acceptance, missing_required_header])
