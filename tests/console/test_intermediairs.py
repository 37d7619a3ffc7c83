"""The intermediairs pages through the API, on both backends: Logius registers an
intermediair (the KvK-nummer checked as it is typed, refusals beside the field), and on
its page makes a token shown once and revokes it, invites a person (who gets the
invitation's e-mail through the outbox, at the real SMTP receiver) and ends them, binds a
machine client and revokes it, and reads the mandates afnemers gave it. A person of the
intermediair reads their own intermediair's page only, without forms; a forged write
changes nothing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from core.auth.principal import Rol
from core.meldingen.worker import draai
from core.tijd import vandaag
from tests.console.conftest import zichtbare_tekst
from tests.support.ontvangers import SmtpOntvanger


@pytest.fixture
def smtp(app):
    server = SmtpOntvanger()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=server.port)
    yield server
    server.close()


def _intermediair(api, kvk: str, naam: str = "Zaaksoftware B.V.") -> str:
    antwoord = api.post("/intermediairs", json={"naam": naam, "kvkNummer": kvk,
                                                "email": "beheer@zaaksoftware.example"})
    assert antwoord.status_code == 201, antwoord.get_json()
    return antwoord.get_json()["id"]


def _lijst(api, pad: str) -> list[dict]:
    return api.get(pad).get_json()["resultaten"]


def test_logius_registers_an_intermediair_with_its_kvk_checked(api, console_als, maak_afnemer):
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    html = logius.tekst("/intermediairs")
    assert 'data-controleer="/console/intermediairs/kvk-controle"' in html
    assert 'data-kvk="ongeldig"' in logius.tekst("/intermediairs/kvk-controle?kvkNummer=12ab")

    fout = logius.post("/intermediairs", {"naam": "Leverancier", "kvkNummer": "1234",
                                          "email": "geen-adres"})
    assert fout.status_code == 400
    html = fout.get_data(as_text=True)
    assert 'data-veldfout="kvkNummer"' in html and 'data-veldfout="email"' in html
    assert 'value="1234"' in html  # what was typed stays
    assert _lijst(api, "/intermediairs") == []

    gelukt = logius.post("/intermediairs", {"naam": "Leverancier", "kvkNummer": "71234567",
                                            "email": "info@leverancier.example"})
    assert gelukt.status_code == 302
    [nieuw] = _lijst(api, "/intermediairs")
    assert gelukt.headers["Location"].endswith(f"/console/intermediairs/{nieuw['id']}")
    assert "Leverancier" in zichtbare_tekst(logius.tekst("/intermediairs?kvkNummer=71234567"))
    controle = logius.tekst("/intermediairs/kvk-controle?kvkNummer=71234567")
    assert 'data-kvk="bestaat"' in controle and nieuw["id"] in controle
    dubbel = logius.post("/intermediairs", {"naam": "Nog een", "kvkNummer": "71234567",
                                            "email": "info@nogeen.example"})
    assert dubbel.status_code == 409
    assert 'data-veldfout="kvkNummer"' in dubbel.get_data(as_text=True)
    assert len(_lijst(api, "/intermediairs")) == 1

    # The register is Logius' page; an afnemer's beheerder gets no form and no check.
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, maak_afnemer()["id"])
    assert beheerder.get("/intermediairs").status_code == 403
    assert beheerder.get("/intermediairs/kvk-controle?kvkNummer=71234567").status_code == 403
    assert beheerder.post("/intermediairs", {"naam": "X", "kvkNummer": "72345678",
                                             "email": "x@x.example"}).status_code == 403
    assert len(_lijst(api, "/intermediairs")) == 1


def test_logius_manages_tokens_people_and_clients_and_the_invitee_gets_mail(
        app, api, console_als, maak_afnemer, smtp):
    i = _intermediair(api, "73456789")
    afnemer = maak_afnemer(naam="Gemeente Mandaatstad")
    assert api.post(f"/afnemers/{afnemer['id']}/mandaten", json={
        "intermediairId": i, "diensten": ["mijnoverheid"], "resources": ["aansluitingen"],
        "rechten": ["lezen"], "geldigTot": (vandaag() + timedelta(days=30)).isoformat()}
    ).status_code == 201
    logius = console_als(Rol.LOGIUS_BEHEERDER, naam="Lotte Logius")
    pagina = f"/intermediairs/{i}"
    tekst = zichtbare_tekst(logius.tekst(pagina))
    assert "Gemeente Mandaatstad mijnoverheid aansluitingen lezen" in tekst

    # A token: shown once on the answer, then only its prefix; revoked through the form.
    antwoord = logius.post(pagina, {"actie": "token", "naam": "Koppeling", "scopes": ["read"]})
    assert antwoord.status_code == 201
    token = re.search(r'data-testid="token">([^<]+)<', antwoord.get_data(as_text=True)).group(1)
    [record] = _lijst(api, f"{pagina}/api-tokens")
    assert (record["naam"], record["scopes"]) == ("Koppeling", ["read"])
    html = logius.tekst(pagina)
    assert token not in html and record["prefix"] in html
    geweigerd = logius.post(pagina, {"actie": "token", "naam": "Oud", "verlooptOp": "2020-01-01"})
    assert geweigerd.status_code == 400
    assert 'data-veldfout="verlooptOp"' in geweigerd.get_data(as_text=True)
    assert logius.post(pagina, {"actie": "token-intrekken", "id": record["id"]}).status_code == 302
    assert [t["ingetrokkenOp"] is not None for t in _lijst(api, f"{pagina}/api-tokens")] == [True]

    # A person: invited through the form, by e-mail through the outbox; a bad address is
    # refused beside the field and sends nothing.
    fout = logius.post(pagina, {"actie": "medewerker", "email": "p@voorbeeld..nl"})
    assert fout.status_code == 400
    assert 'data-veldfout="email"' in fout.get_data(as_text=True)
    uitgenodigd = logius.post(pagina, {"actie": "medewerker", "email": "P@Zaaksoftware.example"},
                              follow_redirects=True)
    assert "p@zaaksoftware.example is uitgenodigd" in zichtbare_tekst(
        uitgenodigd.get_data(as_text=True))
    [persoon] = _lijst(api, f"{pagina}/medewerkers")
    assert persoon["status"] == "uitgenodigd"
    draai(app, eenmalig=True)
    [mail] = smtp.aan("p@zaaksoftware.example")
    assert mail["Subject"] == "Uitnodiging voor het Afnemersportaal: intermediair Zaaksoftware B.V."
    assert mail["X-Afnemersportaal-Type"] == "intermediair.medewerker-uitgenodigd"
    tekst = mail.get_payload(decode=True).decode()
    assert "Lotte Logius heeft u uitgenodigd als persoon van intermediair Zaaksoftware B.V." in tekst
    assert f"{app.config['PUBLIC_URL'].rstrip('/')}/console/login\r\n" in tekst
    # Besides the mandate's notice to the intermediair's contact address, only this one.
    assert sorted(aan for aan, _ in smtp.berichten) == [["beheer@zaaksoftware.example"],
                                                         ["p@zaaksoftware.example"]]
    assert logius.post(pagina, {"actie": "medewerker-beeindigen", "id": persoon["id"]}
                       ).status_code == 302
    assert _lijst(api, f"{pagina}/medewerkers")[0]["status"] == "beeindigd"

    # A machine client: bound and revoked.
    assert 'name="clientId"' in logius.tekst(f"{pagina}?formulier=client")
    assert logius.post(pagina, {"actie": "client", "clientId": "zaaksoftware-koppeling",
                                "naam": "Koppeling", "scopes": ["read"]}).status_code == 302
    [client] = _lijst(api, f"{pagina}/machine-clients")
    assert "zaaksoftware-koppeling" in logius.tekst(pagina)
    assert logius.post(pagina, {"actie": "client-intrekken", "id": client["id"]}
                       ).status_code == 302
    assert _lijst(api, f"{pagina}/machine-clients")[0]["ingetrokkenOp"] is not None


def test_a_person_of_the_intermediair_reads_their_own_page_only(api, console_als,
                                                                 maak_afnemer):
    i, j = _intermediair(api, "74567890"), _intermediair(api, "75678901", "Ander B.V.")
    afnemer = maak_afnemer(naam="Gemeente Leesstad")
    persoon = console_als(Rol.AFNEMER_MEDEWERKER, email="lezer@zaaksoftware.example")
    # Known already: the invitation is in effect at once.
    assert api.post(f"/intermediairs/{i}/medewerkers",
                    json={"email": "lezer@zaaksoftware.example"}).status_code == 201
    assert api.post(f"/afnemers/{afnemer['id']}/mandaten", json={
        "intermediairId": i, "diensten": ["mijnoverheid"], "resources": ["prognoses"],
        "rechten": ["lezen"], "geldigTot": (vandaag() + timedelta(days=30)).isoformat()}
    ).status_code == 201
    pagina = f"/intermediairs/{i}"
    assert persoon.get("/intermediairs").headers["Location"].endswith(f"/console{pagina}")
    assert pagina in persoon.tekst("/")
    html = persoon.tekst(pagina)
    tekst = zichtbare_tekst(html)
    assert "Gemeente Leesstad mijnoverheid prognoses lezen" in tekst
    assert "lezer@zaaksoftware.example" in tekst
    assert 'name="actie"' not in html and "API-tokens" not in tekst  # no forms, no tokens
    geweigerd = persoon.post(pagina, {"actie": "medewerker", "email": "nog@zaaksoftware.example"})
    assert geweigerd.status_code == 403
    assert [p["email"] for p in _lijst(api, f"{pagina}/medewerkers")] == [
        "lezer@zaaksoftware.example"]
    # Another intermediair's page does not exist for them, nor for an afnemer's people.
    assert persoon.get(f"/intermediairs/{j}").status_code == 404
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    assert beheerder.get(pagina).status_code == 404
