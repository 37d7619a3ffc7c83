"""``afnemersportaal plugin new NAAM``: a new dienst plugin package from the template
(``core/sdk/sjabloon``), whose conformance test passes as it stands.

The package is made in a temporary directory, built and installed there on its own
(``pip install --no-deps --target``), never into the test environment: a subprocess with
that directory on ``PYTHONPATH`` is the only Python that sees its entry point, and runs
its conformance test with pytest.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.sdk.sjabloon import SjabloonFout, controleer, maak

SCRIPT = Path(sys.executable).parent / "afnemersportaal"


def nieuw(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), "plugin", "new", *args], cwd=cwd, check=False,
                          capture_output=True, text=True, timeout=60)


def test_plugin_new_makes_the_package(tmp_path):
    uit = nieuw("mijn-dienst", cwd=tmp_path)
    assert uit.returncode == 0, uit.stderr
    assert "afnemersportaal-mijn-dienst" in uit.stdout and "pip install -e" in uit.stdout
    map_ = tmp_path / "mijn-dienst"
    pakket = map_ / "afnemersportaal_mijn_dienst"
    assert sorted(str(p.relative_to(map_)) for p in map_.rglob("*") if p.is_file()) == [
        "README.md",
        "afnemersportaal_mijn_dienst/__init__.py",
        "afnemersportaal_mijn_dienst/api.py",
        "afnemersportaal_mijn_dienst/dienst.py",
        "afnemersportaal_mijn_dienst/migraties/0001_notities.py",
        "afnemersportaal_mijn_dienst/migraties/__init__.py",
        "afnemersportaal_mijn_dienst/models.py",
        "afnemersportaal_mijn_dienst/plugin.py",
        "afnemersportaal_mijn_dienst/voorwaarden.py",
        "pyproject.toml",
        "tests/test_conformiteit.py",
    ]
    pyproject = (map_ / "pyproject.toml").read_text()
    assert 'name = "afnemersportaal-mijn-dienst"' in pyproject
    assert ('[project.entry-points."afnemersportaal.diensten"]\n'
            'mijn-dienst = "afnemersportaal_mijn_dienst.plugin"') in pyproject
    # Every name filled in; every module is Python; from core only the SDK.
    for bestand in map_.rglob("*"):
        if bestand.is_file():
            tekst = bestand.read_text()
            assert "{{" not in tekst and "__pakket__" not in tekst, bestand
            if bestand.suffix == ".py":
                compile(tekst, str(bestand), "exec")
                for regel in tekst.splitlines():
                    if regel.startswith(("from core", "import core")):
                        assert regel.split()[1] in {"core.sdk", "core.sdk.api", "core.sdk.db",
                                                    "core.sdk.testing"}, (bestand, regel)
    assert '__tablename__ = "mijn_dienst_notities"' in (pakket / "models.py").read_text()
    assert 'revision = "mijn_dienst0001"' in (pakket / "migraties/0001_notities.py").read_text()


@pytest.mark.parametrize("naam", ["Mijn-Dienst", "mijn_dienst", "1dienst", "mijn--dienst",
                                  "-mijn", "mijn-", "mijn dienst", ""])
def test_plugin_new_refuses_a_name_that_is_no_slug(tmp_path, naam):
    uit = nieuw("--", naam, cwd=tmp_path)  # "--": a name starting with "-" is no option
    assert uit.returncode == 2, uit.stdout
    assert "is geen slug" in uit.stderr and "NAAM" in uit.stderr
    assert list(tmp_path.iterdir()) == []


def test_plugin_new_refuses_an_existing_directory(tmp_path):
    (tmp_path / "bestaand").mkdir()
    (tmp_path / "bestaand" / "iets.txt").write_text("van iemand anders")
    uit = nieuw("bestaand", cwd=tmp_path)
    assert uit.returncode == 1
    assert "bestaand bestaat al" in uit.stderr
    assert [p.name for p in (tmp_path / "bestaand").iterdir()] == ["iets.txt"]
    # --map chooses another place; an existing one there is refused as well.
    assert nieuw("bestaand", "--map", "elders", cwd=tmp_path).returncode == 0
    assert (tmp_path / "elders" / "afnemersportaal_bestaand" / "plugin.py").exists()
    assert nieuw("bestaand", "--map", "elders", cwd=tmp_path).returncode == 1


def test_the_template_module_checks_before_it_writes(tmp_path):
    with pytest.raises(SjabloonFout, match="geen slug"):
        maak("Fout", tmp_path / "x")
    assert not (tmp_path / "x").exists()
    namen = controleer("digi-poort-2")
    assert (namen.pakket, namen.prefix, namen.camel, namen.SLUG, namen.afkorting) == (
        "afnemersportaal_digi_poort_2", "digi_poort_2", "digiPoort2", "DIGI_POORT_2", "VDP2")


def _kan_zonder_bouwisolatie() -> bool:
    """Whether this environment's setuptools builds a wheel by itself (bdist_wheel is in
    setuptools from 70.1 on, or comes with the wheel package)."""
    return (importlib.util.find_spec("setuptools.command.bdist_wheel") is not None
            or importlib.util.find_spec("wheel") is not None)


@pytest.mark.slow
def test_a_new_plugin_installed_on_its_own_passes_its_conformance_test(tmp_path,
                                                                      postgresql_url):
    assert nieuw("proefdienst", cwd=tmp_path).returncode == 0
    bron, site = tmp_path / "proefdienst", tmp_path / "site"
    isolatie = ["--no-build-isolation"] if _kan_zonder_bouwisolatie() else []
    gebouwd = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", *isolatie, "--target",
         str(site), str(bron)], check=False, capture_output=True, text=True, timeout=300)
    assert gebouwd.returncode == 0, gebouwd.stdout + gebouwd.stderr
    assert (site / "afnemersportaal_proefdienst" / "migraties" / "0001_notities.py").exists()
    # Not in this environment: only the subprocess below sees the package.
    assert importlib.util.find_spec("afnemersportaal_proefdienst") is None
    env = {**os.environ, "PYTHONPATH": str(site),
           "AFNEMERSPORTAAL_TEST_POSTGRES_URL": postgresql_url}
    env.pop("PYTEST_ADDOPTS", None)
    # From the temporary directory, so that the package comes from site/, not from bron/.
    test = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs",
         str(bron / "tests" / "test_conformiteit.py")],
        cwd=tmp_path, env=env, check=False, capture_output=True, text=True, timeout=600)
    assert test.returncode == 0, test.stdout[-6000:] + test.stderr[-3000:]
    assert " passed" in test.stdout and "failed" not in test.stdout
    assert "de plugin heeft geen routes" not in test.stdout  # the route checks ran
