"""Ruff over the product's code, as CI runs it: core, the plugins, the example plugin
package, the benchmarks and the migrations, with the rules pyproject.toml selects
(errors, warnings, import order, likely bugs, outdated syntax)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PADEN = ("core", "plugins", "examples", "bench", "migrations")


def test_ruff_finds_nothing_in_the_code():
    resultaat = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", *PADEN],
                               cwd=ROOT, capture_output=True, text=True, check=False)
    assert resultaat.returncode == 0, resultaat.stdout[-5000:] + resultaat.stderr[-2000:]
