"""An afnemer's records in the console (terms, events, audit log, details and export),
through the API, on both backends."""

from __future__ import annotations

import io
import json
import zipfile

from core.auth.principal import Rol
from tests.conftest import nieuw_oin
from tests.console.conftest import zichtbare_tekst
from tests.intermediairs.test_mandaten import mandaat, registreer, token_van


def test_a_medewerker_reads_the_records_and_changes_nothing(
        console_als, maak_afnemer, maak_aansluiting, api):
    afnemer, ander = maak_afnemer(), maak_afnemer()
    aansluiting = maak_aansluiting(afnemer["id"])
    assert api.post(f"/afnemers/{afnemer['id']}/lidmaatschappen",
                    json={"email": "nieuw@gemeente.example", "rol": "afnemer-medewerker"}
                    ).status_code == 201
    pad = f"/afnemers/{afnemer['id']}"
    # An intermediair changes the aansluiting under a write mandate: the audit says for whom.
    intermediair = registreer(api)
    assert mandaat(api, afnemer["id"], intermediair["id"], diensten=["digid"],
                   rechten=["lezen", "schrijven"]).status_code == 201
    assert api.as_(token_van(api, intermediair["id"])).patch(
        f"{pad}/aansluitingen/{aansluiting['id']}", json={"onderdelen": ["substantieel"]},
        headers={"If-Match": "*"}).status_code == 200
    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"])

    voorwaarden = zichtbare_tekst(medewerker.tekst(f"{pad}/voorwaarden"))
    for tekst in ("Alle diensten", "Algemene Voorwaarden Logius", "AV 11.1", "AV 13.1",
                  "DigiD", "Serviceniveauovereenkomst DigiD", "3 kalendermaanden", "minstens 1 kalendermaand vooraf",
                  "10.000 authenticaties per minuut"):
        assert tekst in voorwaarden, tekst

    [event] = api.get(f"{pad}/gebeurtenissen?type=lidmaatschap.uitgenodigd"
                      ).get_json()["resultaten"]
    assert event["id"] in medewerker.tekst(f"{pad}/gebeurtenissen")
    assert event["id"] in medewerker.tekst(f"{pad}/gebeurtenissen?type={event['type']}")
    assert event["id"] not in medewerker.tekst(f"{pad}/gebeurtenissen?type=mandaat.verleend")
    detail = medewerker.tekst(f"{pad}/gebeurtenissen/{event['id']}")
    assert "nieuw@gemeente.example" in detail and "afnemer-medewerker" in detail
    # Its e-mail to the invited address, linking to the delivery's attempts.
    [mail] = api.get(f"{pad}/bezorgingen?gebeurtenisId={event['id']}").get_json()["resultaten"]
    assert f"/webhooks/bezorgingen/{mail['id']}" in detail

    audit = zichtbare_tekst(medewerker.tekst(f"{pad}/audit?resourceType=lidmaatschappen"))
    assert "lidmaatschappen" in audit and "test logius-beheerder" in audit
    assert "nieuw@gemeente.example" in audit and aansluiting["id"] not in audit
    aansluitingen = zichtbare_tekst(medewerker.tekst(f"{pad}/audit?resourceType=aansluitingen"))
    assert aansluiting["id"] in aansluitingen
    assert f"Zaaksoftware B.V. namens {afnemer['naam']}" in aansluitingen

    html = medewerker.tekst(f"{pad}/gegevens")
    assert afnemer["oin"] in html and 'data-testid="wijzigen"' not in html
    assert 'data-testid="export"' not in html
    assert medewerker.get(f"{pad}/gegevens/export").status_code == 403
    etag = api.get(pad).headers["ETag"]
    vervalst = medewerker.post(f"{pad}/gegevens", {"naam": "Gekaapt", "etag": etag})
    assert vervalst.status_code == 403 and api.get(pad).get_json()["naam"] == afnemer["naam"]

    for pagina in ("voorwaarden", "gebeurtenissen", f"gebeurtenissen/{event['id']}", "audit",
                   "gegevens", "gegevens/export"):
        assert medewerker.get(f"/afnemers/{ander['id']}/{pagina}").status_code == 404, pagina
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    for pagina in ("voorwaarden", "gebeurtenissen", "audit"):
        assert afnemer["naam"] in logius.tekst(f"{pad}/{pagina}")


def test_logius_changes_the_details_and_a_beheerder_exports_them(
        console_als, maak_afnemer, api):
    afnemer, ander = maak_afnemer(), maak_afnemer()
    pad = f"/afnemers/{afnemer['id']}"
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    assert 'data-testid="wijzigen"' in logius.tekst(f"{pad}/gegevens")
    velden = {"naam": "Gemeente Hernoemd", "type": "gemeente", "kvkNummer": "12345678"}

    etag = api.get(pad).headers["ETag"]
    fout = logius.post(f"{pad}/gegevens", {**velden, "oin": "123", "etag": etag})
    html = fout.get_data(as_text=True)
    assert fout.status_code == 400 and 'data-veldfout="oin"' in html
    assert 'value="Gemeente Hernoemd"' in html  # what was typed stays
    assert api.get(pad).get_json()["naam"] == afnemer["naam"]

    oin = nieuw_oin()
    assert logius.post(f"{pad}/gegevens", {**velden, "oin": oin, "etag": etag}
                       ).status_code == 302
    nu = api.get(pad).get_json()
    assert (nu["naam"], nu["oin"], nu["kvkNummer"]) == ("Gemeente Hernoemd", oin, "12345678")
    audit = zichtbare_tekst(logius.tekst(f"{pad}/audit?resourceType=afnemers"))
    assert "gewijzigd" in audit and "Gemeente Hernoemd" in audit
    # The ETag read before the change is stale now: the API's 412, nothing changed.
    verouderd = logius.post(f"{pad}/gegevens", {**velden, "naam": "Te Laat", "oin": oin,
                                                "etag": etag})
    assert verouderd.status_code == 412 and api.get(pad).get_json()["naam"] == "Gemeente Hernoemd"

    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    html = beheerder.tekst(f"{pad}/gegevens")
    assert 'data-testid="wijzigen"' not in html and 'data-testid="export"' in html
    vervalst = beheerder.post(f"{pad}/gegevens", {**velden, "naam": "Gekaapt", "oin": oin,
                                                  "etag": api.get(pad).headers["ETag"]})
    assert vervalst.status_code == 403 and api.get(pad).get_json()["naam"] == "Gemeente Hernoemd"

    download = beheerder.get(f"{pad}/gegevens/export")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    assert f'filename="afnemer-{afnemer["id"]}-' in download.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(download.get_data())) as zip_:
        eigen = json.loads(zip_.read("afnemer.json"))
        manifest = json.loads(zip_.read("manifest.json"))
        alles = b"".join(zip_.read(naam) for naam in zip_.namelist()).decode()
    assert eigen["id"] == afnemer["id"] and eigen["naam"] == "Gemeente Hernoemd"
    assert manifest["afnemerId"] == afnemer["id"]
    assert ander["id"] not in alles and ander["oin"] not in alles
