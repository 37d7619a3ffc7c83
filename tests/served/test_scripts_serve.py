"""``./scripts/serve`` itself, as a user starts it (the embedded default: SQLite, the
local provider, the mail sink and the delivery worker): what it leaves in ``instance/``
is the user's alone (a 0700 directory of 0600 files, the database, the secret key and
the demo tokens among them), and a delivery worker that dies is restarted, which
``GET /status`` shows as a new live worker.

The script runs in a directory of its own whose entries link to this checkout's (the
code, ``.venv``, the node packages), so the checkout's own ``instance/`` is untouched.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest
import requests

from tests.support.oidc import free_port

ROOT = Path(__file__).resolve().parents[2]
#: What the run shares with the checkout: all of it but instance/ and the repository.
EIGEN = {"instance", ".git"}


def _processen_in(map_: Path, woord: str) -> list[int]:
    """Our own processes only: those whose working directory is ``map_``."""
    gevonden = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if Path(os.readlink(proc / "cwd")) != map_:
                continue
            if woord in (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode():
                gevonden.append(int(proc.name))
        except OSError:
            continue
    return gevonden


@pytest.fixture(scope="module")
def serve(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("scripts-serve").resolve()
    for pad in ROOT.iterdir():
        if pad.name not in EIGEN:
            (map_ / pad.name).symlink_to(pad)
    port, oidc, smtp = free_port(), free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AFNEMERSPORTAAL_")}
    env.update(PORT=str(port), OIDC_PORT=str(oidc), SMTP_PORT=str(smtp))
    log = map_ / "serve.out"
    with open(log, "w") as uit:
        proces = subprocess.Popen([str(map_ / "scripts" / "serve")], cwd=map_, env=env,
                                  stdout=uit, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    api = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proces.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            try:
                if requests.get(f"{api}/openapi.json", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        tokens = dict(regel.split("=", 1) for regel in
                      (map_ / "instance" / "demo-tokens.env").read_text().split())
        yield map_, api, tokens["LOGIUS_TOKEN"]
    finally:
        os.killpg(proces.pid, signal.SIGTERM)
        try:
            proces.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()
        for pid in _processen_in(map_, ""):  # whatever outlived its group
            os.kill(pid, signal.SIGKILL)


def test_instance_holds_only_files_for_its_user(serve):
    map_, _api, _token = serve
    instance = map_ / "instance"
    assert stat.S_IMODE(instance.stat().st_mode) == 0o700
    bestanden = {p.name: stat.S_IMODE(p.stat().st_mode) for p in instance.iterdir()
                 if p.is_file()}
    for naam in ("secret_key", "demo-tokens.env", "demo-data.txt", "afnemersportaal.sqlite",
                 "oidc-keys.json", "worker.log"):
        assert naam in bestanden, sorted(bestanden)
    assert {naam: modus for naam, modus in bestanden.items() if modus != 0o600} == {}


def _levende_workers(api: str, token: str) -> set[str]:
    status = requests.get(f"{api}/status", headers={"Authorization": f"Bearer {token}"},
                          timeout=10).json()
    return {w["naam"] for w in status["worker"]["werkers"] if w["levend"]}


def test_serve_after_the_test_setup_installs_nothing_again(serve):
    """The run shares this checkout's ``.venv``, installed by ``./scripts/test`` (the test
    extras, a superset of what serving needs). Had the script reinstalled the project into
    it, tests running meanwhile would have seen every plugin's entry point twice."""
    map_, _api, _token = serve
    assert "pip install" not in (map_ / "serve.out").read_text()


def test_a_worker_that_dies_is_restarted_and_the_status_shows_it(serve):
    map_, api, token = serve
    deadline = time.monotonic() + 30
    while not (voor := _levende_workers(api, token)):
        assert time.monotonic() < deadline, "no live worker"
        time.sleep(0.5)
    workers = [pid for pid in _processen_in(map_, "afnemersportaal worker")
               if "bash" not in (Path(f"/proc/{pid}") / "cmdline").read_bytes().decode()]
    assert len(workers) == 1, workers
    os.kill(workers[0], signal.SIGKILL)
    deadline = time.monotonic() + 45
    while not (_levende_workers(api, token) - voor):
        assert time.monotonic() < deadline, (map_ / "instance" / "worker.log").read_text()[-2000:]
        time.sleep(0.5)
    assert "worker stopped (exit 137); restarting" in (
        map_ / "instance" / "worker.log").read_text()
    assert len(_processen_in(map_, "afnemersportaal worker")) >= 1
