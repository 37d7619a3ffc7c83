"""Change requests (RfC) through the API (SNO 3 Wijzigingenbeheer, SNO 3 Releasebeheer).

An afnemer asks for a change to DigiD naming the SNO's four items: the indiener with
contact details, the proposed change as a result, the intended benefits and the current
drawbacks. Each missing item is named in the 400. Logius moves the request from
``ingediend`` to ``in-beoordeling`` and then to ``geaccepteerd`` (planned into one of
DigiD's maintenance windows: the second Monday or Wednesday, 00:00-06:00, SNO 2
Onderhoudsvenster) or ``afgewezen`` (with a reason); the afnemer and the indiener hear of
every step. A refused request or step changes nothing.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from core.auth.principal import Rol
from core.db import db
from core.meldingen.models import Bezorging, Gebeurtenis
from core.tijd import AMSTERDAM, plus_maanden, vandaag
from tests.conftest import Api

INDIENER = {"naam": "Fatima el Amrani", "email": "F.elAmrani@voorbeeldstad.nl",
            "telefoon": "070 123 4567"}


def _body(**extra) -> dict:
    body = {"dienst": "digid", "indiener": dict(INDIENER),
            "voorgesteldeWijziging": "Na het inloggen keert de gebruiker terug op de pagina "
                                     "waar hij begon.",
            "beoogdeVoordelen": "Gebruikers hoeven hun formulier niet opnieuw te zoeken.",
            "huidigeNadelen": "Iedereen komt na het inloggen op de startpagina."}
    body.update(extra)
    return {k: v for k, v in body.items() if v is not None}


def _url(afnemer_id, verzoek_id=None, stap=False) -> str:
    url = f"/afnemers/{afnemer_id}/wijzigingsverzoeken"
    if verzoek_id:
        url += f"/{verzoek_id}"
    return url + "/statuswijzigingen" if stap else url


def _params(response) -> dict[str, dict]:
    return {p["name"]: p for p in response.get_json()["invalidParams"]}


def _aantal(app) -> int:
    from core.wijzigingsverzoeken.models import Wijzigingsverzoek

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Wijzigingsverzoek))


def _gebeurtenissen(app, type_prefix="wijzigingsverzoek.") -> list[tuple[str, dict, list[str]]]:
    """(type, data, e-mail addresses) of every change-request event, oldest first."""
    with app.app_context():
        uit = []
        for g in db.session.scalars(select(Gebeurtenis).where(
                Gebeurtenis.type.startswith(type_prefix)).order_by(Gebeurtenis.aangemaakt_op)):
            adressen = sorted(db.session.scalars(select(Bezorging.adres).where(
                Bezorging.gebeurtenis_id == g.id, Bezorging.kanaal == "email")))
            uit.append((g.type, g.data, adressen))
        return uit


@pytest.fixture
def afnemer(maak_afnemer, maak_aansluiting, maak_contactpersoon) -> dict:
    afnemer = maak_afnemer("gemeente")
    maak_aansluiting(afnemer["id"], dienst="digid")
    maak_contactpersoon(afnemer["id"], rol="technisch", email="techniek@voorbeeldstad.nl")
    return afnemer


@pytest.fixture
def beheerder(client, token_voor, afnemer) -> Api:
    return Api(client, token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))


def _venster(api, maanden_vooruit=1) -> dict:
    maand = plus_maanden(vandaag().replace(day=1), maanden_vooruit)
    antwoord = api.get(f"/diensten/digid/onderhoudsvensters?maand={maand:%Y-%m}"
                       "&omgeving=productie")
    assert antwoord.status_code == 200, antwoord.get_json()
    return antwoord.get_json()["vensters"][0]


def _stap(api, afnemer, verzoek, **body):
    huidig = api.get(_url(afnemer["id"], verzoek["id"]))
    return api.post(_url(afnemer["id"], verzoek["id"], stap=True), json=body,
                    headers={"If-Match": huidig.headers["ETag"]})


def _ingediend(beheerder, afnemer) -> dict:
    response = beheerder.post(_url(afnemer["id"]), json=_body())
    assert response.status_code == 201, response.get_json()
    return response.get_json()


# --- submitting -----------------------------------------------------------------------


def test_done_when_an_rfc_missing_its_benefits_is_refused_naming_the_field_sno_3(
        app, beheerder, afnemer):
    """SNO 3 Wijzigingenbeheer: an RfC names its intended benefits. Without them the
    answer is 400 naming beoogdeVoordelen, the rule and the SNO's article; nothing is
    recorded and nobody is told."""
    response = beheerder.post(_url(afnemer["id"]), json=_body(beoogdeVoordelen=None))
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["code"] == "ongeldige-invoer"
    params = _params(response)
    assert list(params) == ["beoogdeVoordelen"]
    assert params["beoogdeVoordelen"]["code"] == "required"
    assert "beoogde voordelen" in params["beoogdeVoordelen"]["reason"]
    assert "SNO 3 Wijzigingenbeheer" in params["beoogdeVoordelen"]["reason"]
    assert _aantal(app) == 0
    assert _gebeurtenissen(app) == []


def test_sno_3_each_missing_or_blank_item_is_named_at_once(app, beheerder, afnemer):
    """All four items of SNO 3 Wijzigingenbeheer at once: no indiener, a blank proposed
    change, benefits of spaces only, no drawbacks."""
    response = beheerder.post(_url(afnemer["id"]), json=_body(
        indiener=None, voorgesteldeWijziging="", beoogdeVoordelen="   ", huidigeNadelen=None))
    assert response.status_code == 400
    params = _params(response)
    assert set(params) == {"indiener", "voorgesteldeWijziging", "beoogdeVoordelen",
                           "huidigeNadelen"}
    for param in params.values():
        assert param["code"] == "required"
        assert "(SNO 3 Wijzigingenbeheer)" in param["reason"]
    assert "resultaat dat er na afloop moet staan" in params["voorgesteldeWijziging"]["reason"]
    assert "huidige nadelen" in params["huidigeNadelen"]["reason"]
    assert _aantal(app) == 0


def test_sno_3_the_indiener_gives_name_and_contact(app, beheerder, afnemer):
    """SNO 3 Wijzigingenbeheer: name and contact details of the indiener; the e-mail
    address is where every step goes, so it is required and must be one."""
    zonder = beheerder.post(_url(afnemer["id"]), json=_body(indiener={"naam": " "}))
    assert zonder.status_code == 400
    assert set(_params(zonder)) == {"indiener.naam", "indiener.email"}
    fout = beheerder.post(_url(afnemer["id"]), json=_body(
        indiener={"naam": "Fatima", "email": "geen-adres"}))
    assert fout.status_code == 400
    assert _params(fout)["indiener.email"]["code"] == "email"
    assert _aantal(app) == 0


def test_a_dienst_without_change_management_takes_no_rfc(app, beheerder, afnemer,
                                                        maak_aansluiting):
    maak_aansluiting(afnemer["id"], dienst="mijnoverheid", onderdelen=["berichtenbox"])
    response = beheerder.post(_url(afnemer["id"]), json=_body(dienst="mijnoverheid"))
    assert response.status_code == 400
    reden = _params(response)["dienst"]["reason"]
    assert "geen wijzigingsverzoeken" in reden and "digid" in reden
    onbekend = beheerder.post(_url(afnemer["id"]), json=_body(dienst="bestaat-niet"))
    assert _params(onbekend)["dienst"]["reason"].startswith("Onbekende dienst")
    # Without the dienst's article, a missing item still says what it is.
    zonder = beheerder.post(_url(afnemer["id"]), json=_body(dienst="mijnoverheid",
                                                            huidigeNadelen=None))
    assert "huidige nadelen" in _params(zonder)["huidigeNadelen"]["reason"]
    assert _aantal(app) == 0


def test_an_rfc_is_for_a_dienst_the_afnemer_is_connected_to(app, api, maak_afnemer):
    zonder = maak_afnemer("gemeente")
    response = api.post(_url(zonder["id"]), json=_body())
    assert response.status_code == 409
    assert response.get_json()["code"] == "geen-aansluiting"
    assert _aantal(app) == 0


def test_submitting_records_the_four_items_and_tells_afnemer_indiener_and_logius(
        app, beheerder, afnemer):
    response = beheerder.post(_url(afnemer["id"]), json=_body())
    assert response.status_code == 201, response.get_json()
    verzoek = response.get_json()
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"].endswith(_url(afnemer["id"], verzoek["id"]))
    assert verzoek["status"] == "ingediend"
    assert verzoek["artikel"] == "SNO 3 Wijzigingenbeheer"
    assert verzoek["indiener"] == INDIENER
    assert verzoek["beoogdeVoordelen"] == _body()["beoogdeVoordelen"]
    assert verzoek["gepland"] is None and verzoek["redenAfwijzing"] is None
    assert [s["status"] for s in verzoek["geschiedenis"]] == ["ingediend"]
    assert beheerder.get(_url(afnemer["id"], verzoek["id"])).get_json() == verzoek
    lijst = beheerder.get(_url(afnemer["id"]) + "?status=ingediend").get_json()
    assert [v["id"] for v in lijst["resultaten"]] == [verzoek["id"]]
    gebeurtenissen = _gebeurtenissen(app)
    assert [(t, a) for t, _, a in gebeurtenissen] == [
        ("wijzigingsverzoek.ingediend",
         ["f.elamrani@voorbeeldstad.nl", "techniek@voorbeeldstad.nl"]),
        ("wijzigingsverzoek.ontvangen", ["servicecentrum@logius.example"])]
    assert gebeurtenissen[0][1]["wijzigingsverzoekId"] == verzoek["id"]
    assert gebeurtenissen[0][1]["artikel"] == "SNO 3 Wijzigingenbeheer"


# --- Logius' assessment ------------------------------------------------------------------


def test_sno_3_releasebeheer_accepted_into_a_coming_maintenance_window(
        app, api, beheerder, afnemer):
    """In assessment, then accepted into the first window of next month: the second
    Monday (or Wednesday), 00:00-06:00 Amsterdam (SNO 2 Onderhoudsvenster), planned on
    the release calendar (SNO 3 Releasebeheer). The afnemer and the indiener hear of
    each step."""
    verzoek = _ingediend(beheerder, afnemer)
    beoordeling = _stap(api, afnemer, verzoek, status="in-beoordeling",
                        toelichting="Het wijzigingsoverleg bespreekt het verzoek.")
    assert beoordeling.status_code == 201, beoordeling.get_json()
    assert beoordeling.headers["ETag"] == '"2"'
    assert beoordeling.get_json()["status"] == "in-beoordeling"
    venster = _venster(api)
    geaccepteerd = _stap(api, afnemer, verzoek, status="geaccepteerd",
                         onderhoudsvenster=venster["id"])
    assert geaccepteerd.status_code == 201, geaccepteerd.get_json()
    body = geaccepteerd.get_json()
    assert body["status"] == "geaccepteerd"
    gepland = body["gepland"]
    assert gepland["onderhoudsvenster"] == venster["id"]
    assert (gepland["beginOp"], gepland["eindeOp"]) == (venster["beginOp"], venster["eindeOp"])
    assert gepland["artikel"] == "SNO 3 Releasebeheer"
    begin = datetime.fromisoformat(gepland["beginOp"]).astimezone(AMSTERDAM)
    assert (begin.hour, begin.minute, begin.weekday()) in ((0, 0, 0), (0, 0, 2))
    assert 8 <= begin.day <= 14  # the second such weekday of the month
    assert [s["status"] for s in body["geschiedenis"]] == [
        "ingediend", "in-beoordeling", "geaccepteerd"]
    assert body["geschiedenis"][1]["toelichting"] == "Het wijzigingsoverleg bespreekt het verzoek."
    assert beheerder.get(_url(afnemer["id"], verzoek["id"])).get_json() == body
    stappen = [(t, d, a) for t, d, a in _gebeurtenissen(app) if t != "wijzigingsverzoek.ontvangen"]
    assert [t for t, _, _ in stappen] == ["wijzigingsverzoek.ingediend",
                                          "wijzigingsverzoek.in-beoordeling",
                                          "wijzigingsverzoek.geaccepteerd"]
    for _, _, adressen in stappen:
        assert "f.elamrani@voorbeeldstad.nl" in adressen
    data = stappen[-1][1]
    assert data["gepland"]["onderhoudsvenster"] == venster["id"]
    assert data["vorigeStatus"] == "in-beoordeling"
    assert data["artikel"] == "SNO 3 Releasebeheer"
    # On the afnemer's deadline calendar (and so its iCalendar feed), in the window.
    deadlines = beheerder.get(f"/afnemers/{afnemer['id']}/deadlines?paginaGrootte=100")
    [gepland_item] = [d for d in deadlines.get_json()["resultaten"]
                      if d["id"] == f"wijzigingsverzoek-{verzoek['id']}"]
    assert (gepland_item["beginOp"], gepland_item["eindeOp"]) == (
        venster["beginOp"], venster["eindeOp"])
    assert gepland_item["artikel"] == "SNO 3 Releasebeheer"
    assert gepland_item["datum"] == venster["datum"]


def _ongewijzigd(app, api, afnemer, verzoek, versie: str, aantal: int) -> None:
    huidig = api.get(_url(afnemer["id"], verzoek["id"]))
    assert huidig.headers["ETag"] == versie
    assert len(_gebeurtenissen(app)) == aantal


def test_a_refused_step_changes_nothing(app, api, beheerder, afnemer):
    """Accepting before an assessment is 409 naming the steps that exist; accepting
    without a window, into a day that is no window (a Tuesday: SNO 2 Onderhoudsvenster
    names the second Monday and Wednesday), into a window that has begun, or of an
    omgeving without windows, is 400 naming onderhoudsvenster. The request stays as it
    was and nobody is told."""
    verzoek = _ingediend(beheerder, afnemer)
    te_vroeg = _stap(api, afnemer, verzoek, status="geaccepteerd",
                     onderhoudsvenster=_venster(api)["id"])
    assert te_vroeg.status_code == 409
    assert te_vroeg.get_json()["code"] == "ongeldige-verzoekstap"
    assert "in-beoordeling" in te_vroeg.get_json()["detail"]
    assert _stap(api, afnemer, verzoek, status="in-beoordeling").status_code == 201
    aantal = len(_gebeurtenissen(app))
    zonder = _stap(api, afnemer, verzoek, status="geaccepteerd")
    assert zonder.status_code == 400
    assert _params(zonder)["onderhoudsvenster"]["code"] == "required"
    venster = _venster(api)
    dinsdag = datetime.fromisoformat(venster["datum"]).date().replace(
        day=int(venster["datum"][-2:]))
    while dinsdag.weekday() != 1:
        dinsdag = dinsdag.replace(day=dinsdag.day + 1)
    for venster_id, woorden in ((f"productie-{dinsdag.isoformat()}", "SNO 2 Onderhoudsvenster"),
                                (_venster(api, -1)["id"], "al begonnen of voorbij"),
                                (f"pre-productie-{venster['datum']}", "geen onderhoudsvensters"),
                                ("volgende-week", "geen id van een onderhoudsvenster")):
        fout = _stap(api, afnemer, verzoek, status="geaccepteerd", onderhoudsvenster=venster_id)
        assert fout.status_code == 400, (venster_id, fout.get_json())
        assert fout.mimetype == "application/problem+json"
        assert woorden in _params(fout)["onderhoudsvenster"]["reason"], venster_id
    _ongewijzigd(app, api, afnemer, verzoek, '"2"', aantal)


def test_rejected_with_a_reason_and_then_final(app, api, beheerder, afnemer):
    verzoek = _ingediend(beheerder, afnemer)
    assert _stap(api, afnemer, verzoek, status="in-beoordeling").status_code == 201
    zonder = _stap(api, afnemer, verzoek, status="afgewezen")
    assert zonder.status_code == 400
    assert _params(zonder)["reden"]["code"] == "required"
    afgewezen = _stap(api, afnemer, verzoek, status="afgewezen",
                      reden="Past niet in de koers van DigiD.")
    assert afgewezen.status_code == 201, afgewezen.get_json()
    body = afgewezen.get_json()
    assert (body["status"], body["redenAfwijzing"], body["gepland"]) == (
        "afgewezen", "Past niet in de koers van DigiD.", None)
    laatste = _gebeurtenissen(app)[-1]
    assert laatste[0] == "wijzigingsverzoek.afgewezen"
    assert laatste[1]["redenAfwijzing"] == "Past niet in de koers van DigiD."
    assert "f.elamrani@voorbeeldstad.nl" in laatste[2]
    nog_eens = _stap(api, afnemer, verzoek, status="in-beoordeling")
    assert nog_eens.status_code == 409
    assert "eindstatus" in nog_eens.get_json()["detail"]


def test_only_logius_assesses_and_only_with_the_etag(app, api, beheerder, afnemer):
    verzoek = _ingediend(beheerder, afnemer)
    stap = _url(afnemer["id"], verzoek["id"], stap=True)
    eigen = beheerder.post(stap, json={"status": "in-beoordeling"}, headers={"If-Match": '"1"'})
    assert eigen.status_code == 403
    assert api.post(stap, json={"status": "in-beoordeling"}).status_code == 428
    # Without If-Match it is 428 first, also for a body that breaks a rule of its status.
    assert api.post(stap, json={"status": "afgewezen"}).status_code == 428
    verouderd = api.post(stap, json={"status": "in-beoordeling"}, headers={"If-Match": '"7"'})
    assert verouderd.status_code == 412
    assert beheerder.get("/wijzigingsverzoeken").status_code == 403
    _ongewijzigd(app, api, afnemer, verzoek, '"1"', 2)


def test_afnemers_see_only_their_own_and_logius_sees_all(
        client, api, token_voor, beheerder, afnemer, maak_afnemer, maak_aansluiting):
    verzoek = _ingediend(beheerder, afnemer)
    ander = maak_afnemer("gemeente")
    maak_aansluiting(ander["id"], dienst="digid")
    vreemd = Api(client, token_voor(ander["id"], Rol.AFNEMER_BEHEERDER))
    assert vreemd.get(_url(afnemer["id"], verzoek["id"])).status_code == 404
    assert vreemd.get(_url(ander["id"], verzoek["id"])).status_code == 404
    assert vreemd.get(_url(ander["id"])).get_json()["resultaten"] == []
    alle = api.get(f"/wijzigingsverzoeken?afnemerId={afnemer['id']}").get_json()
    assert [v["id"] for v in alle["resultaten"]] == [verzoek["id"]]
    assert api.get(f"/wijzigingsverzoeken?afnemerId={ander['id']}").get_json()[
        "resultaten"] == []
