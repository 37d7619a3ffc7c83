"""Core names no plugin: no dienst's slug (nor its name, which is the slug in capitals)
and no field of a dienst's prognosis form appears in core, in code, texts or comments,
outside the demo data. Whatever core says about a dienst it learns from the dienst's
plugin at run time.

Demo data is where naming the built-in diensten is the point:

- ``core/demo.py``: the demo afnemers, aansluitingen and usage of ``afnemersportaal demo``;
- ``core/schaal.py``: the same at scale (``demo --schaal``), for the benchmarks;
- ``core/voorbeelden.py``: the example values of the OpenAPI document.

The import side of the boundary (core never imports a plugin module) is checked in
``test_plugin_manager.py``.
"""

from __future__ import annotations

import re
from importlib.metadata import entry_points
from pathlib import Path

from core.plugins import ENTRY_POINT_GROUP, Diensten, build_plugin_manager

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "core"
DEMODATA = {CORE / "demo.py", CORE / "schaal.py", CORE / "voorbeelden.py"}
TEKST = {".py", ".html", ".js", ".css", ".txt", ".md", ".mako", ".ini", ".toml", ".json"}


def _slugs() -> set[str]:
    """Every dienst slug there is: the built-in plugin packages and installed plugins."""
    ingebouwd = {p.name for p in (ROOT / "plugins").iterdir()
                 if (p / "plugin.py").exists()}
    geinstalleerd = {ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)}
    diensten = Diensten(build_plugin_manager())
    return ingebouwd | geinstalleerd | {info.slug for info in diensten.alle()}


def _formuliervelden() -> set[str]:
    diensten = Diensten(build_plugin_manager())
    velden = set()
    for slug in diensten.met_prognose():
        schema = diensten.prognose_schema(slug)()
        velden |= {veld.data_key or naam for naam, veld in schema.fields.items()}
    return velden


def _patronen(slugs: set[str], velden: set[str]) -> list[tuple[str, re.Pattern]]:
    patronen = [(f"dienst {slug!r}", re.compile(rf"(?<![\w-]){re.escape(slug)}(?![\w])",
                                               re.IGNORECASE))
                for slug in sorted(slugs)]
    for veld in sorted(velden):
        if any(c.isupper() for c in veld):
            # a camelCase form field is unmistakable wherever it stands
            patronen.append((f"formulierveld {veld!r}", re.compile(rf"\b{veld}\b")))
        else:
            # a one-word field ('berichten') is a common word too: only as a literal
            patronen.append((f"formulierveld {veld!r}",
                             re.compile(rf"([\"'`]){re.escape(veld)}\1")))
    return patronen


def _vondsten(bestanden, patronen) -> list[str]:
    uit = []
    for pad in bestanden:
        for nummer, regel in enumerate(pad.read_text(encoding="utf-8").splitlines(), 1):
            for wat, patroon in patronen:
                if patroon.search(regel):
                    naam = pad.relative_to(ROOT) if pad.is_relative_to(ROOT) else pad.name
                    uit.append(f"{naam}:{nummer}: {wat}: {regel.strip()}")
    return uit


def test_core_names_no_plugin_outside_demo_data():
    slugs, velden = _slugs(), _formuliervelden()
    assert {"digid", "mijnoverheid", "digipoort", "vwo"} <= slugs
    assert {"piekPerMinuut", "berichten"} <= velden
    bestanden = sorted(p for p in CORE.rglob("*")
                       if p.is_file() and p.suffix in TEKST and p not in DEMODATA
                       and "__pycache__" not in p.parts)
    assert len(bestanden) > 50
    vondsten = _vondsten(bestanden, _patronen(slugs, velden))
    assert vondsten == [], "core noemt een plugin:\n" + "\n".join(vondsten)


def test_the_walk_would_notice_a_slug_a_name_and_a_form_field(tmp_path):
    bron = tmp_path / "bron.py"
    bron.write_text('DIENST = "digid"\n# Bij DigiD gaat het anders\n'
                    'X = {"piekPerMinuut": 1, "berichten": 2}\n'
                    '# berichten sturen is gewoon Nederlands\n'
                    'URL = "/diensten/mijnoverheid-achtig"\n'
                    'ANDERS = "een-digid"\n')
    vondsten = _vondsten([bron], _patronen({"digid", "mijnoverheid"},
                                           {"piekPerMinuut", "berichten"}))
    gevonden = [v.split(": ", 2)[1] for v in vondsten]
    assert gevonden == ["dienst 'digid'", "dienst 'digid'", "formulierveld 'berichten'",
                        "formulierveld 'piekPerMinuut'", "dienst 'mijnoverheid'"]
