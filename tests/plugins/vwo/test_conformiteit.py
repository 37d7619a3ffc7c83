"""The conformance kit (:mod:`core.sdk.testing`) run for de VWO, as an external
plugin package runs it in its own CI, with a body for each of its writes."""

from datetime import timedelta

from core.sdk.testing import Conformiteit
from core.tijd import vandaag


def _inbreuk(waarden: dict) -> dict:
    return {"vastgesteldOp": "2026-12-01T08:00:00+01:00", "afnemers": [waarden["afnemerId"]],
            "omschrijving": "Een exportbestand stond openbaar.",
            "vermoedelijkeOorzaak": "Een verkeerd ingestelde opslag.",
            "categorieenPersoonsgegevens": ["contactgegevens"],
            "categorieenBetrokkenen": ["Inwoners"], "aantalBetrokkenen": 12}


class TestConformiteit(Conformiteit):
    dienst = "vwo"
    voorbeelden = {
        "/vwo-overeenkomsten": {
            "hoofdovereenkomstNaam": "Aansluitovereenkomst",
            "hoofdovereenkomstDatum": "2026-01-15", "diensten": ["digid"]},
        "/vwo-overeenkomsten/{overeenkomstId}/verwerkingen": {
            "naam": "Inloggen met DigiD", "dienst": "digid", "doeleinden": ["Inloggen"],
            "categorieenBetrokkenen": ["Inwoners"], "categorieenPersoonsgegevens": ["bsn"],
            "doorgifteBuitenEer": False},
        "/vwo-verzoeken": {"soort": "dpia", "omschrijving": "Medewerking aan een DPIA"},
        "/subverwerkers": lambda _: {
            "naam": "Voorbeeld Hosting B.V.",
            "contactgegevens": "Servicedesk, 070 123 4567, servicedesk@hosting.example",
            "kvkNummer": "12345678", "uitbestedeVerwerkingen": ["Opslag"],
            "toepassing": "Hosting", "diensten": ["digid"], "doorgifteBuitenEer": False,
            "ingeschakeldVanaf": (vandaag() + timedelta(days=30)).isoformat()},
        "/inbreuken": _inbreuk,
        "/inbreuken/{inbreukId}/maatregelen": {"omschrijving": "Toegang ingetrokken"},
        "/inbreuken/{inbreukId}/onderzoek": {"perioden": [
            {"van": "2026-12-01T09:00:00+01:00", "tot": "2026-12-01T12:00:00+01:00"}]},
        "/inbreuken/{inbreukId}/gemeenten": lambda w: {"afnemers": [w["afnemerId"]]},
        "/inbreuken/{inbreukId}/afsluiting": {"toelichting": "Hersteld"},
        "/verzoeken/{verzoekId}/antwoord": {"antwoord": "Logius werkt mee."},
        "/vwo-overeenkomsten/{overeenkomstId}/bijlage-2": {
            "normenstelsel": "bio", "gecertificeerd": True,
            "laatsteCertificering": "2026-03-01", "toereikendheid": ["certificaat-vvt"]},
        "/vwo-overeenkomsten/{overeenkomstId}/ondertekening": {"gemeente": {
            "naam": "J. de Vries", "functie": "Burgemeester", "plaats": "Voorbeeldstad",
            "datum": "2026-01-20"}},
        "/vwo-overeenkomsten/{overeenkomstId}/vervanging": {
            "hoofdovereenkomstNaam": "Aansluitovereenkomst",
            "hoofdovereenkomstDatum": "2026-01-15", "ingangsdatum": "2026-06-01",
            "diensten": ["digid"]},
        "/vwo-overeenkomsten/{overeenkomstId}/beeindiging": {
            "verwerkingGestoptOp": "2026-11-30", "gegevens": "gewist",
            "bevestigdOp": "2026-12-01"},
        "/vwo-overeenkomsten/{overeenkomstId}/verwerkingen/{verwerkingId}/versies": {
            "naam": "Inloggen met DigiD", "dienst": "digid", "doeleinden": ["Inloggen"],
            "categorieenBetrokkenen": ["Inwoners"], "categorieenPersoonsgegevens": ["bsn"],
            "doorgifteBuitenEer": False},
    }

