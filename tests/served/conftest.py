"""The served tier: the product started exactly as a user runs it, tested over HTTP.

For each backend (SQLite and PostgreSQL) the session starts, as separate processes:

- the local OpenID Provider (``oidc/provider.mjs``);
- a real SMTP server (aiosmtpd) that keeps every mail;
- ``afnemersportaal db upgrade`` and ``afnemersportaal demo-data --tokens``;
- ``afnemersportaal serve`` (gunicorn, :data:`WORKERS` worker processes);
- ``afnemersportaal worker``, the delivery worker.

The tests talk to them only over HTTP, with the tokens the demo data printed, and
make everything else (other afnemers, their tokens) through the API itself. Nothing
here imports the app: what the tier sees is what a client of the deployed product
sees. A request goes to whichever worker process accepts its connection (the tests
open a new connection per request), so consecutive requests are spread over the
workers; each worker's pid is in the access log, which :meth:`Served.pids` reads.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from tests.support.oidc import RunningProvider, free_port, running_provider
from tests.support.ontvangers import SmtpOntvanger, WebhookOntvanger

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).with_name("afnemersportaal")
WORKERS = 3
MACHINE_CLIENTS = {"demo-koppeling": "dev-machine-secret",
                   # No afnemer has it at the start (tests/served/test_console_sessies.py).
                   "tweede-koppeling": "tweede-machine-secret",
                   # An intermediair's (tests/served/test_intermediairs.py).
                   "intermediair-koppeling": "intermediair-machine-secret"}
_PID = re.compile(r"^<(\d+)> ")


@dataclass
class Served:
    backend: str
    base: str
    env: dict[str, str]
    tokens: dict[str, str]
    smtp: SmtpOntvanger
    ontvanger: WebhookOntvanger
    provider: RunningProvider
    access_log: Path
    #: Where the processes run; ``instance/demo-tokens.env`` is there, as
    #: ``./scripts/serve`` leaves it.
    workdir: Path
    _oin: Iterator[int] = field(default_factory=lambda: iter(range(10**6)))

    @property
    def api(self) -> str:
        return self.base + "/api/v1"

    @property
    def logius_token(self) -> str:
        return self.tokens["LOGIUS_TOKEN"]

    @property
    def afnemer_token(self) -> str:
        return self.tokens["AFNEMER_TOKEN"]

    @property
    def afnemer_id(self) -> str:
        return self.tokens["AFNEMER_ID"]

    def request(self, method: str, path: str, token: str | None = None, *,
                headers: dict | None = None, **kwargs) -> requests.Response:
        headers = dict(headers or {})
        if token:
            headers.setdefault("Authorization", f"Bearer {token}")
        url = path if path.startswith("http") else self.api + path
        kwargs.setdefault("timeout", 30)
        return requests.request(method, url, headers=headers, allow_redirects=False, **kwargs)

    def get(self, path, token=None, **kw):
        return self.request("GET", path, token, **kw)

    def post(self, path, token=None, **kw):
        return self.request("POST", path, token, **kw)

    def patch(self, path, token=None, **kw):
        return self.request("PATCH", path, token, **kw)

    def oauth_token(self, client_id: str = "demo-koppeling") -> str:
        """A client-credentials access token of the OpenID Provider (the demo data binds
        ``demo-koppeling`` to the demo afnemer)."""
        response = requests.post(f"{self.provider.issuer}/token",
                                 data={"grant_type": "client_credentials",
                                       "scope": "read write"},
                                 auth=(client_id, MACHINE_CLIENTS[client_id]), timeout=10)
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    def pids(self) -> set[int]:
        """The worker processes that have answered a request so far."""
        return {int(m.group(1)) for line in self.access_log.read_text().splitlines()
                if (m := _PID.match(line))}

    def nieuw_oin(self) -> str:
        return f"00000001{uuid.uuid4().int % 10**4:04d}{next(self._oin):05d}000"

    def maak_afnemer(self, naam: str | None = None, type: str = "gemeente") -> dict:
        response = self.post("/afnemers", self.logius_token, json={
            "naam": naam or f"Gemeente {uuid.uuid4().hex[:6]}", "oin": self.nieuw_oin(),
            "type": type})
        assert response.status_code == 201, response.text
        return response.json()

    def token_voor(self, afnemer_id: str, rol: str = "afnemer-beheerder") -> str:
        response = self.post(f"/afnemers/{afnemer_id}/api-tokens", self.logius_token,
                             json={"naam": f"served {rol}", "rol": rol})
        assert response.status_code == 201, response.text
        return response.json()["token"]


def _wacht_op(url: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} stopped:\n{log.read_text()}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass  # not yet listening, or too busy yet to answer within 2 s: ask again
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s:\n{log.read_text()}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _database_url(backend: str, request, tmp: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp / 'served.sqlite'}"
    beheer = request.getfixturevalue("postgresql_url")
    naam = f"served_{uuid.uuid4().hex[:8]}"
    engine = create_engine(beheer, isolation_level="AUTOCOMMIT")
    with engine.connect() as verbinding:
        verbinding.execute(text(f"CREATE DATABASE {naam}"))
    engine.dispose()
    return beheer.rsplit("/", 1)[0] + "/" + naam


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def served(request, tmp_path_factory) -> Iterator[Served]:
    backend = request.param
    tmp = tmp_path_factory.mktemp(f"served-{backend}")
    port = free_port()
    smtp = SmtpOntvanger()
    ontvanger = WebhookOntvanger()
    with running_provider(console_port=port, machine_clients=MACHINE_CLIENTS) as provider:
        env = {
            **os.environ,
            "AFNEMERSPORTAAL_ENVIRONMENT": "development",
            "AFNEMERSPORTAAL_DATABASE_URL": _database_url(backend, request, tmp),
            "AFNEMERSPORTAAL_SECRET_KEY": "served-tier",
            "AFNEMERSPORTAAL_OIDC_ISSUER": provider.issuer,
            "AFNEMERSPORTAAL_LOGIUS_BEHEERDERS": "beheerder@logius.example",
            "AFNEMERSPORTAAL_SMTP_HOST": "127.0.0.1",
            "AFNEMERSPORTAAL_SMTP_PORT": str(smtp.port),
            "AFNEMERSPORTAAL_WEBHOOK_BACKOFF_BASIS": "0.5",
            # The suite sends thousands of requests a minute from one address with a few
            # tokens; test_snelheid.py tests the limits on a server of its own.
            "AFNEMERSPORTAAL_RATELIMIT_TOKEN": "1000000",
            "AFNEMERSPORTAAL_RATELIMIT_ADRES": "1000000",
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("AFNEMERSPORTAAL_PUBLIC_URL", None)  # serve derives it from its port
        for args in (["db", "upgrade"],):
            subprocess.run([str(CLI), *args], env=env, cwd=tmp, check=True,
                           capture_output=True, text=True)
        demo = subprocess.run([str(CLI), "demo-data", "--tokens"], env=env, cwd=tmp,
                              check=True, capture_output=True, text=True)
        tokens = dict(re.findall(r"^([A-Z_]+)=(\S+)$", demo.stdout, re.MULTILINE))
        (tmp / "instance").mkdir()
        (tmp / "instance" / "demo-tokens.env").write_text(
            "".join(f"{k}={v}\n" for k, v in tokens.items()))
        access_log = tmp / "serve.log"
        worker_log = tmp / "worker.log"
        with open(access_log, "w") as serve_out, open(worker_log, "w") as worker_out:
            server = subprocess.Popen(
                [str(CLI), "serve", "--host", "127.0.0.1", "--port", str(port),
                 "--workers", str(WORKERS)],
                env=env, cwd=tmp, stdout=serve_out, stderr=subprocess.STDOUT)
            worker = subprocess.Popen([str(CLI), "worker", "--interval", "0.2"], env=env,
                                      cwd=tmp, stdout=worker_out, stderr=subprocess.STDOUT)
            try:
                _wacht_op(f"http://127.0.0.1:{port}/api/v1/openapi.json", server, access_log)
                yield Served(backend=backend, base=f"http://127.0.0.1:{port}", env=env,
                             tokens=tokens, smtp=smtp, ontvanger=ontvanger,
                             provider=provider, access_log=access_log, workdir=tmp)
            finally:
                _stop(server)
                _stop(worker)
                smtp.close()
                ontvanger.close()
