"""The members page through the API: an invitation from the console reaches the invited
address by e-mail (the real SMTP receiver) with who invited them, to which afnemer, with
which role and the console's login link; role changes and ending go through the API with
its ETag; refusals are the API's, beside the field. On both backends."""

from __future__ import annotations

import pytest

from core.auth.principal import Rol
from core.meldingen.worker import draai
from tests.console.conftest import zichtbare_tekst
from tests.support.ontvangers import SmtpOntvanger


@pytest.fixture
def smtp(app):
    server = SmtpOntvanger()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=server.port)
    yield server
    server.close()


def _leden(api, afnemer) -> dict[str, dict]:
    lijst = api.get(f"/afnemers/{afnemer['id']}/lidmaatschappen").get_json()["resultaten"]
    return {lid["email"]: lid for lid in lijst}


def test_an_invitation_from_the_console_reaches_the_invitee_by_email(
        app, api, console_als, maak_afnemer, maak_contactpersoon, smtp):
    afnemer = maak_afnemer(naam="Gemeente Uitnodiging")
    maak_contactpersoon(afnemer["id"], rol="algemeen", email="algemeen@gemeente.example")
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"], naam="Fatima Beheer")
    pagina = f"/afnemers/{afnemer['id']}/leden"
    verstuurd = beheerder.post(pagina, {"actie": "uitnodigen", "email": "Nieuw@Gemeente.example",
                                        "rol": "afnemer-medewerker"}, follow_redirects=True)
    assert "nieuw@gemeente.example is uitgenodigd als afnemer-medewerker" in zichtbare_tekst(
        verstuurd.get_data(as_text=True))
    assert _leden(api, afnemer)["nieuw@gemeente.example"]["status"] == "uitgenodigd"

    draai(app, eenmalig=True)
    [mail] = smtp.aan("nieuw@gemeente.example")
    assert mail["Subject"] == "Uitnodiging voor het Afnemersportaal: Gemeente Uitnodiging"
    assert mail["X-Afnemersportaal-Type"] == "lidmaatschap.uitgenodigd"
    tekst = mail.get_payload(decode=True).decode()
    assert "Fatima Beheer heeft u uitgenodigd voor Gemeente Uitnodiging" in tekst
    assert "met de rol afnemer-medewerker" in tekst
    assert f"{app.config['PUBLIC_URL'].rstrip('/')}/console/login\r\n" in tekst
    # The invitation is for the invitee: the afnemer's contactpersonen get no mail of it.
    assert smtp.aan("algemeen@gemeente.example") == []


def test_refusals_are_the_apis_beside_the_field_and_change_nothing(
        app, api, console_als, maak_afnemer, smtp):
    afnemer = maak_afnemer()
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"], email="enige@gemeente.example")
    pagina = f"/afnemers/{afnemer['id']}/leden"
    fout = beheerder.post(pagina, {"actie": "uitnodigen", "email": "jan@voorbeeld..nl",
                                   "rol": "afnemer-medewerker"})
    assert fout.status_code == 400
    html = fout.get_data(as_text=True)
    assert 'data-veldfout="email"' in html and "Vul een geldig e-mailadres" in html
    assert 'value="jan@voorbeeld..nl"' in html  # the typed address stays

    # The last beheerder may neither step down nor leave (the API's 409, as a message).
    ik = _leden(api, afnemer)["enige@gemeente.example"]
    for form in ({"actie": "rol", "rol": "afnemer-medewerker"}, {"actie": "beeindigen"}):
        geweigerd = beheerder.post(pagina, {"lidmaatschap": ik["id"], **form})
        assert geweigerd.status_code == 409
        assert "laatste beheerder" in geweigerd.get_data(as_text=True)
    assert set(_leden(api, afnemer)) == {"enige@gemeente.example"}
    assert _leden(api, afnemer)["enige@gemeente.example"]["rol"] == "afnemer-beheerder"
    draai(app, eenmalig=True)
    assert smtp.berichten == []

    # With a second beheerder, a role change and an ending go through the API.
    beheerder.post(pagina, {"actie": "uitnodigen", "email": "twee@gemeente.example",
                            "rol": "afnemer-beheerder"})
    twee = _leden(api, afnemer)["twee@gemeente.example"]
    assert beheerder.post(pagina, {"lidmaatschap": twee["id"], "actie": "rol",
                                   "rol": "afnemer-medewerker"}).status_code == 302
    assert _leden(api, afnemer)["twee@gemeente.example"]["rol"] == "afnemer-medewerker"
    assert beheerder.post(pagina, {"lidmaatschap": twee["id"], "actie": "beeindigen"}
                          ).status_code == 302
    assert _leden(api, afnemer)["twee@gemeente.example"]["status"] == "beeindigd"


def test_a_medewerker_has_no_forms_and_a_forged_invitation_is_refused(
        api, console_als, maak_afnemer):
    afnemer = maak_afnemer()
    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"], email="mw@gemeente.example")
    pagina = f"/afnemers/{afnemer['id']}/leden"
    html = medewerker.tekst(pagina)
    assert "mw@gemeente.example" in html and "Uitnodigen" not in html
    geweigerd = medewerker.post(pagina, {"actie": "uitnodigen", "email": "x@gemeente.example",
                                         "rol": "afnemer-beheerder"})
    assert geweigerd.status_code == 403
    assert set(_leden(api, afnemer)) == {"mw@gemeente.example"}


def test_another_afnemers_members_are_404(api, console_als, maak_afnemer):
    eigen, ander = maak_afnemer(), maak_afnemer()
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, eigen["id"])
    assert beheerder.get(f"/afnemers/{ander['id']}/leden").status_code == 404
    assert beheerder.post(f"/afnemers/{ander['id']}/leden", {
        "actie": "uitnodigen", "email": "x@y.example", "rol": "afnemer-beheerder"}
    ).status_code == 404
    assert _leden(api, ander) == {}
