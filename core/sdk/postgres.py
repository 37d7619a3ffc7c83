"""A private, throw-away PostgreSQL server, for test sessions.

The project's test suite (``tests/conftest.py``) and the plugin conformance kit
(:mod:`core.sdk.testing`) start one when ``AFNEMERSPORTAAL_TEST_POSTGRES_URL`` names no
server of their own.

Uses the Debian ``postgresql`` package's binaries (``./scripts/test`` installs
them; elsewhere ``apt-get install postgresql`` or any ``initdb`` on ``PATH``). The
cluster lives in a temporary directory, listens on a free local port and a private
socket, and is stopped when the session ends. As root, the server runs as the
``postgres`` system user, because PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

#: The environment variable that names a server of one's own (a SQLAlchemy URL).
URL_VARIABELE = "AFNEMERSPORTAAL_TEST_POSTGRES_URL"


class PostgresUnavailable(RuntimeError):
    pass


def _bindir() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for candidate in candidates:
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise PostgresUnavailable(
        "PostgreSQL is not installed: run ./scripts/test (it installs the Debian package "
        f"postgresql), or set {URL_VARIABELE} to a server of your own."
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server():
    """Yield a SQLAlchemy URL of a fresh database on a private server."""
    bindir = _bindir()
    root = Path(tempfile.mkdtemp(prefix="afp-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    as_root = os.geteuid() == 0
    prefix: list[str] = []
    if as_root:
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()

    def run(*args: str) -> None:
        subprocess.run([*prefix, *args], check=True, capture_output=True, cwd=root)

    run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
        "-E", "UTF8", "--locale=C.UTF-8")
    options = (
        f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"),
        "-w", "start")
    try:
        run(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
            "afnemersportaal_test")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/afnemersportaal_test"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                        "stop"], capture_output=True, cwd=root)
        shutil.rmtree(root, ignore_errors=True)
