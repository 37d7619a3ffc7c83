"""The afnemer's dashboard, read through the API as the logged-in person, and the
console's in-process API bridge (core.console.api), on both backends."""

from __future__ import annotations

from core.auth.principal import Rol
from tests.console.conftest import zichtbare_tekst


def test_the_dashboard_shows_aansluitingen_by_status_and_links_each_area(
        console_als, maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer()
    maak_aansluiting(afnemer["id"], dienst="digid")
    maak_aansluiting(afnemer["id"], dienst="mijnoverheid", onderdelen=("berichtenbox",))
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    html = beheerder.tekst(f"/afnemers/{afnemer['id']}/")
    tekst = zichtbare_tekst(html)
    assert afnemer["naam"] in tekst
    assert "2 in totaal, per status" in tekst and "aangevraagd 2" in tekst
    assert 'aria-label="Hoofdmenu"' in html


def test_another_afnemers_dashboard_is_404(console_als, maak_afnemer):
    eigen, ander = maak_afnemer(), maak_afnemer()
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, eigen["id"])
    assert beheerder.get(f"/afnemers/{ander['id']}/").status_code == 404
    assert beheerder.get(f"/afnemers/{eigen['id']}/").status_code == 200


def test_a_header_cannot_pose_as_the_consoles_principal(client, maak_afnemer):
    """The console's principal travels in the WSGI environ, where no header can go."""
    afnemer = maak_afnemer()
    antwoord = client.get(f"/api/v1/afnemers/{afnemer['id']}",
                          headers={"afnemersportaal.console.principal": "logius"})
    assert antwoord.status_code == 401
