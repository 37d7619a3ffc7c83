"""The register's declarations on their own: terms, event and setting, without an app."""

from __future__ import annotations

from afnemersportaal_certificaten import dienst, plugin, voorwaarden

from core.sdk import Eenheid, Partij


def test_every_obligation_cites_an_article_of_the_register_terms():
    doc = voorwaarden.VOORWAARDEN
    assert (doc.dienst, doc.versie, doc.bron) == ("certificaten", "1.0",
                                                  "Voorwaarden Certificatenregister 1.0")
    assert doc.verplichtingen
    for verplichting in doc.verplichtingen:
        assert verplichting.artikel.startswith("VC "), verplichting
    assert doc.wijziging.aankondiging_artikel == "VC 6.1"


def test_the_event_and_the_warning_rest_on_an_article():
    artikelen = {v.artikel: v for v in voorwaarden.VOORWAARDEN.verplichtingen}
    [soort] = plugin.dienst_gebeurtenissen()
    assert soort.type == "certificaten.certificaat-verloopt" and soort.rollen == ("technisch",)
    waarschuwen = artikelen[soort.artikel]
    assert waarschuwen.partij is Partij.LOGIUS
    # The terms' default period is the setting's default.
    [instelling] = plugin.dienst_instellingen()
    assert waarschuwen.termijn.aantal == instelling.standaard == 30
    assert waarschuwen.termijn.eenheid is Eenheid.KALENDERDAGEN


def test_the_setting_is_checked_on_its_own_and_as_a_whole():
    [instelling] = plugin.dienst_instellingen()
    assert instelling.lees("45") == 45
    for fout in ("0", "-1", "dertig"):
        try:
            instelling.lees(fout)
        except ValueError:
            continue
        raise AssertionError(f"{fout!r} is accepted")
    assert plugin.dienst_check_config({"waarschuwingsdagen": 365}) == []
    [melding] = plugin.dienst_check_config({"waarschuwingsdagen": 366})
    assert "hooguit 365" in melding and melding == dienst.check_config(
        {"waarschuwingsdagen": 366})[0]


def test_the_package_imports_from_core_only_the_sdk():
    """What an external plugin may use of core: ``core.sdk``, ``core.sdk.api``,
    ``core.sdk.db`` and ``core.sdk.console`` (its tests also ``core.sdk.testing``), at any
    depth of its code."""
    import ast
    from pathlib import Path

    pakket = Path(plugin.__file__).parent
    toegestaan = {"core.sdk", "core.sdk.api", "core.sdk.db", "core.sdk.console"}
    gevonden = {}
    for pad in sorted(pakket.rglob("*.py")):
        for knoop in ast.walk(ast.parse(pad.read_text(), str(pad))):
            namen = ([a.name for a in knoop.names] if isinstance(knoop, ast.Import)
                     else [knoop.module] if isinstance(knoop, ast.ImportFrom) and knoop.module
                     and knoop.level == 0 else [])
            for naam in namen:
                if (naam == "core" or naam.startswith("core.")) and naam not in toegestaan:
                    gevonden[str(pad.relative_to(pakket))] = naam
    assert len(list(pakket.rglob("*.py"))) >= 8
    assert gevonden == {}
