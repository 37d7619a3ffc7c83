"""The README's examples, run as written against the served product.

Every ``sh`` block of the README runs in order in one shell (``bash -e``, so a
failing step stops it), in a directory with ``instance/demo-tokens.env`` as
``./scripts/serve`` leaves it, with ``PORT`` and ``OIDC_PORT`` naming the served
ports. ``curl`` is the real one, told to write each answer's status to stderr. Every
request must succeed (2xx), except where the comment just above it says what it
answers ("answers 400"): then it must answer exactly that.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

from tests.served.conftest import Served

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)
ANSWERS = re.compile(r"answers (\d{3})")
STATUS = re.compile(r"^README-CURL (\d{3}) (\S+) (\S+)$", re.MULTILINE)


def blocks() -> list[str]:
    return BLOCK.findall(README.read_text())


def expected_statuses(script: str) -> list[int | None]:
    """Per curl command in order: the status its comment names, or None (any 2xx)."""
    expected, pending = [], None
    for line in script.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            if match := ANSWERS.search(stripped):
                pending = int(match.group(1))
            continue
        if re.search(r"(^|\$\(|\| )curl ", stripped):
            expected.append(pending)
            pending = None
    return expected


def _curl_wrapper(directory: Path) -> Path:
    real = shutil.which("curl")
    assert real, "curl is needed for the README's examples"
    wrapper = directory / "curl"
    wrapper.write_text("#!/bin/sh\nexec " + real + " -w "
                       "'%{stderr}README-CURL %{http_code} %{method} %{url_effective}\\n' \"$@\"\n")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    return directory


def test_the_readme_has_examples_to_run():
    assert len(blocks()) >= 5
    assert sum(len(expected_statuses(b)) for b in blocks()) >= 20


def test_the_readme_examples_run_as_written(served: Served, tmp_path):
    script = "\n".join(blocks())
    expected = expected_statuses(script)
    bin_dir = _curl_wrapper(tmp_path)
    port = served.base.rsplit(":", 1)[1]
    oidc_port = served.provider.issuer.rsplit(":", 1)[1]
    result = subprocess.run(
        ["bash", "-e", "-c", script], cwd=served.workdir, capture_output=True, text=True,
        timeout=120, env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}",
                          "PORT": port, "OIDC_PORT": oidc_port})
    seen = [(int(code), method, url) for code, method, url in STATUS.findall(result.stderr)]
    report = "\n".join(f"{code} {method} {url}" for code, method, url in seen)
    assert result.returncode == 0, f"{result.stderr[-3000:]}\n{result.stdout[-3000:]}"
    assert len(seen) == len(expected), report
    for (code, method, url), want in zip(seen, expected, strict=True):
        if want is None:
            assert 200 <= code < 300, f"{method} {url} answered {code}\n{result.stdout[-4000:]}"
        else:
            assert code == want, f"{method} {url} answered {code}, the README says {want}"
