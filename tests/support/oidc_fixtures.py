"""The real local OpenID Provider (``oidc/provider.mjs``) and a live app beside it.

The provider runs once per test session, with a signing key the tests also hold
(``OIDC_KEYS_FILE``), so that they can make tokens the provider itself would
never issue: a wrong audience, a past expiry. The app is served over real HTTP by
werkzeug on a fixed free port, because the provider redirects the browser there.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import requests
from joserfc.jwk import RSAKey
from werkzeug.serving import make_server

from core.db import db
from tests.support.oidc import RunningProvider, free_port, running_provider

MACHINE_CLIENTS = {"koppeling-a": "geheim-a", "koppeling-b": "geheim-b",
                   "niet-geregistreerd": "geheim-c"}


@pytest.fixture(scope="session")
def console_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def signing_key(tmp_path_factory) -> tuple[RSAKey, str]:
    key = RSAKey.generate_key(2048, parameters={"kid": "test-sleutel", "alg": "RS256",
                                                "use": "sig"}, private=True)
    path = tmp_path_factory.mktemp("oidc") / "keys.json"
    path.write_text(json.dumps({"keys": [key.as_dict(private=True)]}))
    return key, str(path)


@pytest.fixture(scope="session")
def provider(console_port, signing_key) -> Iterator[RunningProvider]:
    from pathlib import Path

    with running_provider(console_port=console_port, machine_clients=MACHINE_CLIENTS,
                          keys_file=Path(signing_key[1])) as running:
        yield running


@dataclass
class LiveApp:
    app: object
    url: str


@pytest.fixture
def live_app(database_urls, backend, provider, console_port) -> Iterator[LiveApp]:
    from tests.conftest import _empty_tables, make_app

    app = make_app(database_urls[backend], OIDC_ISSUER=provider.issuer,
                   LOGIUS_BEHEERDERS="beheer@logius.example")
    server = make_server("127.0.0.1", console_port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveApp(app, f"http://127.0.0.1:{console_port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        _empty_tables(app)
        db.dispose(app)


def client_credentials_token(provider: RunningProvider, client_id: str, **extra) -> str:
    response = requests.post(
        f"{provider.issuer}/token",
        data={"grant_type": "client_credentials", **extra},
        auth=(client_id, provider.machine_clients[client_id]),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return response.json()["access_token"]
