"""The real OpenID Provider of ``oidc/provider.mjs``, started for the test session.

It runs on Node with the ``oidc-provider`` package (``npm ci`` installs it), on a
free loopback port, with the console's redirect URI pointing at the port the test
server of the console will use.
"""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROVIDER = ROOT / "oidc" / "provider.mjs"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class RunningProvider:
    issuer: str
    audience: str
    console_client_id: str
    console_client_secret: str
    machine_clients: dict[str, str]
    console_port: int


@contextmanager
def running_provider(*, console_port: int, machine_clients: dict[str, str],
                     keys_file: Path | None = None):
    assert (ROOT / "node_modules" / "oidc-provider").is_dir(), (
        "oidc-provider is not installed: run ./scripts/test (it runs npm ci)."
    )
    port = free_port()
    console = f"http://127.0.0.1:{console_port}"
    env = {
        **os.environ,
        "OIDC_PORT": str(port),
        "OIDC_CONSOLE_REDIRECT_URIS": f"{console}/console/auth/callback",
        "OIDC_CONSOLE_POST_LOGOUT_URIS": f"{console}/console/",
        "OIDC_MACHINE_CLIENTS": ",".join(f"{k}:{v}" for k, v in machine_clients.items()),
        "OIDC_KEYS_FILE": str(keys_file) if keys_file else "",
    }
    process = subprocess.Popen(
        ["node", str(PROVIDER)], env=env, cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    pumper = threading.Thread(target=pump, daemon=True)
    pumper.start()
    seen = []
    try:
        while True:
            try:
                line = lines.get(timeout=30)
            except queue.Empty as exc:
                raise RuntimeError("the OIDC provider did not start:\n" + "".join(seen)) from exc
            seen.append(line)
            if "oidc-provider listening on" in line:
                break
        yield RunningProvider(
            issuer=f"http://127.0.0.1:{port}",
            audience="urn:afnemersportaal:api",
            console_client_id="afnemersportaal-console",
            console_client_secret="dev-console-secret",
            machine_clients=dict(machine_clients),
            console_port=console_port,
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        pumper.join(timeout=5)
        assert process.stdout is not None
        process.stdout.close()
