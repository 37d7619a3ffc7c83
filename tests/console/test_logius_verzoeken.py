"""Logius' service desk pages: change requests across afnemers with their steps, and
questions and complaints with their answer deadline, on both backends."""

from __future__ import annotations

import re
from datetime import date

from core.auth.principal import Rol
from tests.console.conftest import zichtbare_tekst

RFC = {"dienst": "digid", "indiener": {"naam": "Fatima el Amrani", "email": "rfc@voorbeeld.nl"},
       "voorgesteldeWijziging": "Na het inloggen terug op de beginpagina.",
       "beoogdeVoordelen": "Minder zoeken.", "huidigeNadelen": "Iedereen begint opnieuw."}


def test_a_change_request_is_listed_assessed_refused_without_a_window_and_planned(
        console_als, api, token_voor, maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer(naam="Gemeente Rfcdorp")
    maak_aansluiting(afnemer["id"])
    beheerder = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    verzoek = beheerder.post(f"/afnemers/{afnemer['id']}/wijzigingsverzoeken", json=RFC)
    assert verzoek.status_code == 201, verzoek.get_json()
    verzoek = verzoek.get_json()
    api_pad = f"/afnemers/{afnemer['id']}/wijzigingsverzoeken/{verzoek['id']}"
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    rij = logius.tekst("/verzoeken?status=ingediend&dienst=digid").split(
        f'data-id="{verzoek["id"]}"')[1].split("</tr>")[0]
    assert "Gemeente Rfcdorp" in rij and "ingediend" in rij and "nog niet" in rij
    assert verzoek["id"] not in logius.tekst("/verzoeken?status=afgewezen")
    pad = f"/verzoeken/{afnemer['id']}/{verzoek['id']}"
    html = logius.tekst(pad)
    assert "Fatima el Amrani" in html and 'data-testid="geschiedenis"' in html

    def stap(**velden):
        etag = api.get(api_pad).headers["ETag"]
        return logius.post(pad, {"etag": etag, **velden})

    assert stap(status="in-beoordeling", toelichting="Op de agenda.").status_code == 302
    html = logius.tekst(pad)
    assert "Op de agenda." in zichtbare_tekst(html)
    # Accepting needs a window: the API's reason beside the field, nothing changes.
    fout = stap(status="geaccepteerd")
    assert fout.status_code == 400
    assert 'data-veldfout="onderhoudsvenster"' in fout.get_data(True)
    assert api.get(api_pad).get_json()["status"] == "in-beoordeling"
    # The coming windows of the dienst are offered; the first one plans it.
    venster = re.search(r'<select id="veld-onderhoudsvenster".*?<option value="([^"]+)"',
                        html.replace('<option value="">', ""), re.S).group(1)
    assert stap(status="geaccepteerd", onderhoudsvenster=venster).status_code == 302
    na = api.get(api_pad).get_json()
    assert na["status"] == "geaccepteerd" and na["gepland"]["onderhoudsvenster"] == venster
    html = logius.tekst(pad)
    assert "geen volgende stap" in html and 'data-testid="statusformulier"' not in html
    # Another afnemer's path does not reach this request.
    assert logius.get(f"/verzoeken/{maak_afnemer()['id']}/{verzoek['id']}").status_code == 404


def test_a_question_shows_its_deadline_and_is_answered_once(console_als, api, maak_afnemer):
    afnemer = maak_afnemer(naam="Gemeente Vraagstad")
    vraag = api.post(f"/afnemers/{afnemer['id']}/vragen", json={
        "dienst": "digid", "soort": "klacht", "onderwerp": "Trage reactie",
        "tekst": "Wij wachten al lang."}).get_json()
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    assert "(1 open)" in zichtbare_tekst(logius.tekst("/verzoeken"))
    uiterlijk = f"{date.fromisoformat(vraag['beantwoordenUiterlijk']):%d-%m-%Y}"
    rij = zichtbare_tekst(logius.tekst("/verzoeken/vragen?soort=klacht").split(
        f'data-id="{vraag["id"]}"')[1].split("</tr>")[0])
    assert "Gemeente Vraagstad" in rij and uiterlijk in rij and "open" in rij
    assert vraag["id"] not in logius.tekst("/verzoeken/vragen?beantwoord=true")
    assert "de vroegste termijn eerst" in logius.tekst("/verzoeken/vragen")
    pad = f"/verzoeken/vragen/{vraag['id']}"
    assert uiterlijk in zichtbare_tekst(logius.tekst(pad))
    # An answer dated in the future is the API's refusal beside the field.
    fout = logius.post(pad, {"antwoord": "Excuses.", "beantwoordOp": "2099-01-01T10:00"})
    assert fout.status_code == 400 and 'data-veldfout="beantwoordOp"' in fout.get_data(True)
    assert "Excuses." in fout.get_data(True)  # kept in the field
    assert api.get(f"/vragen/{vraag['id']}").get_json()["beantwoord"] is False
    assert logius.post(pad, {"antwoord": "Excuses, het is opgelost."}).status_code == 302
    assert api.get(f"/vragen/{vraag['id']}").get_json()["antwoord"] == "Excuses, het is opgelost."
    html = logius.tekst(pad)
    assert 'data-testid="antwoordformulier"' not in html and "binnen de termijn" in html


def test_the_service_desk_is_logius_only_and_a_forged_answer_changes_nothing(
        console_als, api, maak_afnemer):
    afnemer = maak_afnemer()
    vraag = api.post(f"/afnemers/{afnemer['id']}/vragen", json={
        "dienst": "digid", "soort": "vraag", "onderwerp": "Testen", "tekst": "Wanneer?"}
    ).get_json()
    for wie in (console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"]),
                console_als(Rol.PRODUCTTEAM, dienst="digid")):
        for pad in ("/verzoeken", "/verzoeken/vragen", f"/verzoeken/vragen/{vraag['id']}"):
            assert wie.get(pad).status_code == 403, pad
        assert wie.post(f"/verzoeken/vragen/{vraag['id']}", {"antwoord": "Nu."}
                        ).status_code == 403
    assert api.get(f"/vragen/{vraag['id']}").get_json()["beantwoord"] is False
