"""Logius registers an incident or calamity it detected itself (POST /incidenten) from the
console: the dienst first, then the form from its service level; on both backends."""

from __future__ import annotations

from core.auth.principal import Rol
from tests.console.conftest import zichtbare_tekst

PAD = "/incidenten/registreren"


def _incident(**extra) -> dict:
    return {"dienst": "digid", "omgeving": "productie", "impact": "hoog", "urgentie": "hoog",
            "functies": ["authenticatie-basis"], "omschrijving": "Inloggen faalt landelijk",
            **extra}


def test_logius_registers_a_calamity_and_a_refusal_changes_nothing(console_als, api,
                                                                   maak_afnemer):
    """A calamity of DigiD in production (AV 7): registered without a reporting afnemer,
    the clock running from the moment typed (Dutch time); a P1 where DigiD has none, in
    pre-productie, gets the API's refusal beside impact, and nothing is registered."""
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    assert 'name="functies"' not in logius.tekst(PAD)  # the dienst comes first
    assert 'name="functies"' in logius.tekst(f"{PAD}?dienst=digid")
    voor = api.get("/incidenten").get_json()["paginering"]["totaalAantal"]

    fout = logius.post(PAD, _incident(omgeving="pre-productie"))
    assert fout.status_code == 400
    html = fout.get_data(as_text=True)
    assert 'data-veldfout="impact"' in html and "Inloggen faalt landelijk</textarea>" in html
    assert api.get("/incidenten").get_json()["paginering"]["totaalAantal"] == voor

    antwoord = logius.post(PAD, _incident(gemeldOp="2026-03-02T09:30", calamiteit="true"))
    assert antwoord.status_code == 302, antwoord.get_data(as_text=True)[:600]
    [nieuw] = [i for i in api.get("/incidenten?paginaGrootte=100").get_json()["resultaten"]
               if i["omschrijving"] == "Inloggen faalt landelijk"]
    assert nieuw["calamiteit"] is True and nieuw.get("afnemerId") is None
    assert nieuw["gemeldOp"].startswith("2026-03-02T08:30")  # 09:30 in Amsterdam, UTC+1
    assert antwoord.headers["Location"].endswith(f"/console/incidenten/{nieuw['id']}")
    assert "elke afnemer van de dienst is geïnformeerd" in zichtbare_tekst(
        logius.tekst(f"/incidenten/{nieuw['id']}"))

    afnemer = maak_afnemer()
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    assert beheerder.get(PAD).status_code == 403
    assert beheerder.post(PAD, _incident()).status_code == 403
    assert api.get("/incidenten").get_json()["paginering"]["totaalAantal"] == voor + 1
