"""Schemathesis over real HTTP, against the served product and its own document.

It runs the ``schemathesis`` command as an integrator would, with every check (server
errors, status codes, content types, response headers and bodies against the
document, negative and positive data, missing headers, authentication, use after
free, resource availability) in the examples, fuzzing and stateful phases, the stateful
one following the document's links; the coverage phase runs in-process
(``tests/api/test_schemathesis.py``). ``schemathesis.toml`` beside this file says where the expected
statuses differ from the defaults, and why.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.served.conftest import CLI, Served

CONFIG = Path(__file__).with_name("schemathesis.toml")
ROOT = Path(__file__).resolve().parents[2]
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
#: A fixed seed keeps runs comparable; set CONTRACT_SEED to explore others.
SEED = os.environ.get("CONTRACT_SEED", "20261203")


@pytest.mark.slow
def test_the_served_api_conforms_to_its_document_with_every_check(served: Served, tmp_path):
    result = subprocess.run(
        [str(SCHEMATHESIS), "--config-file", str(CONFIG), "run", f"{served.api}/openapi.json",
         # The coverage phase (each schema keyword's boundary and negative cases) runs
         # in-process (tests/api/test_schemathesis.py); here it took half of each
         # backend's four to five minutes, over the suite's 15-minute budget.
         "--checks", "all", "--phases", "examples,fuzzing,stateful",
         "--header", f"Authorization: Bearer {served.logius_token}",
         # One worker: with two, the threads queue on the lock that
         # schemathesis_hooks puts around Hypothesis' lambda descriptions (Python 3.11),
         # and the coverage phase of the operations with an e-mail field took minutes
         # each (POST /intermediairs 210 s; with one worker, 6 s).
         "--workers", "1", "--no-color", "--seed", SEED,
         "--report", "junit", "--report-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=900, cwd=tmp_path,
        env={**os.environ, "SCHEMATHESIS_HOOKS": "tests.served.schemathesis_hooks",
             "PYTHONPATH": str(ROOT)})
    # The figures of the run (pytest -s shows them): phases, scenarios, links covered.
    print("\n".join(line for line in result.stdout.splitlines()
                    if re.search(r"\((in [\d.]+s)\)|Scenarios:|API Links:|generated,", line)))
    _nieuwe_demo_tokens(served)
    _weer_aan(served)
    _demo_weer_gemeente(served)
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
    assert "Stateful" in result.stdout


def _nieuwe_demo_tokens(served: Served) -> None:
    """As Logius, the run may also revoke the demo afnemer's tokens (it lists them and
    deletes one, as it should be able to). The tests after it get fresh ones the way an
    operator would: ``afnemersportaal demo-data --tokens`` revokes the printed ones and
    prints new ones."""
    demo = subprocess.run([str(CLI), "demo-data", "--tokens"], env=served.env,
                          cwd=served.workdir, check=True, capture_output=True, text=True)
    served.tokens.update(re.findall(r"^([A-Z_]+)=(\S+)$", demo.stdout, re.MULTILINE))
    (served.workdir / "instance" / "demo-tokens.env").write_text(
        "".join(f"{k}={v}\n" for k, v in served.tokens.items()))
    assert served.get("/diensten", served.afnemer_token).status_code == 200


def _demo_weer_gemeente(served: Served) -> None:
    """As Logius, the run may also change the demo afnemer's type; the README's examples
    after it need the gemeente that the demo data made (a VWO agreement is a gemeente's)."""
    pad = f"/afnemers/{served.afnemer_id}"
    stand = served.get(pad, served.logius_token)
    if stand.json()["type"] != "gemeente":
        terug = served.patch(pad, served.logius_token, json={"type": "gemeente"},
                             headers={"If-Match": stand.headers["ETag"]})
        assert terug.status_code == 200, terug.text


def _weer_aan(served: Served) -> None:
    """As Logius, the run may switch a dienst off in an environment (PUT
    /diensten/{slug}/omgevingen/{omgeving}, with If-Match '*'); the tests after it need
    every dienst on again, and switching back is itself served API."""
    diensten = served.get("/diensten?paginaGrootte=100", served.logius_token).json()
    for dienst in diensten["resultaten"]:
        for omgeving in dienst["omgevingen"]:
            pad = f"/diensten/{dienst['slug']}/omgevingen/{omgeving['slug']}"
            stand = served.get(pad, served.logius_token)
            if not stand.json()["ingeschakeld"]:
                terug = served.request("PUT", pad, served.logius_token, json={
                    "ingeschakeld": True, "reden": "Na de contracttest"},
                    headers={"If-Match": stand.headers["ETag"]})
                assert terug.status_code == 200, terug.text
