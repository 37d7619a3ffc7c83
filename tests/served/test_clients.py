"""Clients generated from the served document, used as an integrator uses them.

Per backend the served ``/api/v1/openapi.json`` is read once and turned into:

- a Python client (``openapi-python-client``). With that client only, no HTTP of our
  own, an afnemer goes through the portal: diensten, a contactpersoon, an aansluiting
  requested and activated by Logius, a webhook and its delivery, a reaction to an
  announcement, a prognosis, costs, invoices and an estimate, a koppelvlak check and
  its use, the deadlines and their iCalendar feed, and an update with ``If-Match``.
  Every answer must arrive as a generated model (attributes and enums, not a dict),
  every error as the generated ``Problem`` with its ``code`` and typed members, and
  every header read must be one the document declares for that answer;
- a TypeScript client (``@hey-api/openapi-ts`` with its fetch client), compiled with
  ``tsc --strict`` together with ``gebruik.ts``, code written against the contract as
  a TypeScript integrator would write it.

A failure here names the operation and what the generated code got wrong: that is a
fault of the document (an untyped error body, a header it does not declare, a null
it does not allow, an enum without usable names), not of the generator.
"""

from __future__ import annotations

import enum
import re
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from uuid import UUID

import pytest

from tests.served import gegenereerd
from tests.served.conftest import Served

VANDAAG = date.today()
GEBRUIK_TS = Path(__file__).with_name("gebruik.ts")


def keuze(value: Any) -> str:
    """The value of a generated enum member (a nullable enum's class name is the
    document's business; that it is an enum is the contract's)."""
    assert isinstance(value, enum.Enum), f"{value!r} is not a generated enum member"
    return value.value


@pytest.fixture(scope="module")
def py(served: Served, tmp_path_factory) -> gegenereerd.PythonClient:
    folder = tmp_path_factory.mktemp(f"client-{served.backend}")
    doc, path = gegenereerd.document(served.api, folder)
    return gegenereerd.python_client(doc, path, folder, f"afnemersportaal_client_{served.backend}")


@dataclass(frozen=True)
class Antwoord:
    """A generated client's detailed response, with the operation that gave it."""

    operation_id: str
    status_code: int
    parsed: Any
    headers: Any
    content: bytes


class Aanroep:
    """Calls one generated operation and checks the answer against the document:
    the status expected, the model it must parse into, and the headers read."""

    def __init__(self, py: gegenereerd.PythonClient, served: Served):
        self.py = py
        self.served = served

    def __call__(self, operation_id: str, client, status: int, model: type | None = None,
                 **kwargs) -> Any:
        module = self.py.op(operation_id)
        try:
            response = module.sync_detailed(client=client, **kwargs)
        except self.py.errors.UnexpectedStatus as error:
            pytest.fail(f"{operation_id}: status {error.status_code} is not in the document: "
                        f"{error.content[:1000]!r}")
        except (ValueError, TypeError, KeyError) as error:
            pytest.fail(f"{operation_id}: the generated client cannot parse the answer "
                        f"the document promises: {type(error).__name__}: {error}")
        assert response.status_code == status, (operation_id, response.status_code,
                                                response.content[:2000])
        if model is not None:
            assert isinstance(response.parsed, model), (
                f"{operation_id} {status}: parsed as {type(response.parsed).__name__}, "
                f"not {model.__name__}: {response.parsed!r}")
        return Antwoord(operation_id, int(response.status_code), response.parsed,
                        response.headers, response.content)

    def kop(self, response, name: str) -> str:
        """A response header, which the document must declare for this answer."""
        declared = self.py.declared_headers(response.operation_id, response.status_code)
        assert name.lower() in declared, (
            f"{response.operation_id} {response.status_code}: the server sends "
            f"{name}, the document does not declare it (declared: {sorted(declared)})")
        assert name in response.headers, (response.operation_id, dict(response.headers))
        return response.headers[name]

    def probleem(self, response, status: int, code: str):
        """A typed error: the generated Problem, with its stable code."""
        problem = response.parsed
        assert isinstance(problem, self.py.models.Problem), (
            f"{response.operation_id} {status}: not parsed as Problem: {problem!r}")
        assert problem.status == status and problem.code == code, problem
        assert isinstance(problem.type_, str) and problem.type_.endswith(code), problem
        return problem


@pytest.fixture(scope="module")
def bel(py, served) -> Aanroep:
    return Aanroep(py, served)


@pytest.fixture(scope="module")
def wereld(py, bel, served) -> SimpleNamespace:
    """A new afnemer, registered by Logius, with a beheerder token: all with the client."""
    m = py.models
    logius = py.client(served.api, served.logius_token)
    afnemer = bel("afnemerRegistreren", logius, 201, m.Afnemer, body=m.AfnemerInvoer(
        naam=f"Gemeente Generiek {uuid.uuid4().hex[:6]}", oin=served.nieuw_oin(),
        type_=m.AfnemerType("gemeente"))).parsed
    assert isinstance(afnemer.id, UUID)
    token = bel("apiTokenAanmaken", logius, 201, m.NieuwApiToken, afnemer_id=afnemer.id,
                body=m.ApiTokenInvoer(naam="generated client",
                                rol=m.ApiTokenRol("afnemer-beheerder"))).parsed
    assert isinstance(token.token, str) and token.token
    return SimpleNamespace(m=m, logius=logius, afnemer_id=afnemer.id,
                           client=py.client(served.api, token.token))


@pytest.fixture(scope="module")
def aansluiting(bel, wereld) -> Any:
    """A DigiD aansluiting requested by the afnemer and activated by Logius."""
    m = wereld.m
    aangevraagd = bel("aansluitingAanvragen", wereld.client, 201, m.Aansluiting,
                      afnemer_id=wereld.afnemer_id, body=m.AansluitingInvoer(
                          dienst="digid", omgeving="productie", onderdelen=["midden"],
                          aanvraag_ondertekend_op=VANDAAG - timedelta(days=3)))
    assert aangevraagd.parsed.status == m.AansluitingStatus.AANGEVRAAGD
    assert bel.kop(aangevraagd, "Location").endswith(str(aangevraagd.parsed.id))
    etag = bel.kop(aangevraagd, "ETag")
    activering = bel("aansluitingStatusWijzigen", wereld.logius, 201, m.Statuswijziging,
                     afnemer_id=wereld.afnemer_id, aansluiting_id=aangevraagd.parsed.id,
                     if_match=etag, body=m.StatuswijzigingInvoer(
                         status=m.StatuswijzigingStatus("actief")))
    assert activering.parsed.status == m.StatuswijzigingStatus.ACTIEF
    nieuwe_etag = bel.kop(activering, "ETag")
    assert nieuwe_etag != etag
    gelezen = bel("aansluitingLezen", wereld.client, 200, m.Aansluiting,
                  afnemer_id=wereld.afnemer_id, aansluiting_id=aangevraagd.parsed.id)
    assert gelezen.parsed.status == m.AansluitingStatus.ACTIEF
    assert isinstance(gelezen.parsed.geactiveerd_op, datetime)
    assert bel.kop(gelezen, "ETag") == nieuwe_etag
    return gelezen.parsed


#: The generator's one known limit: a binary download (the afnemer's export, a zip) is
#: left out of the typed response; the operation itself is still generated.
_BINAIR = "application/zip"


def test_the_python_client_generates_every_operation_without_warnings(py):
    waarschuwingen = [w for w in py.warnings
                      if _BINAIR not in w and "GET /afnemers/{afnemerId}/export" not in w]
    assert waarschuwingen == [], "\n\n".join(waarschuwingen)
    missing = sorted(set(gegenereerd.operations(py.doc)) - set(py.modules))
    assert missing == [], f"operations without a generated module: {missing}"


def test_operation_ids_are_short_names_that_say_what_they_do(py):
    ids = list(gegenereerd.operations(py.doc))
    assert len(ids) == len(set(ids))
    bad = [i for i in ids if not (i[0].islower() and i.isalnum() and len(i) <= 32)]
    assert bad == [], f"unusable operationIds: {bad}"


def test_every_generated_enum_member_has_a_usable_name(py):
    """``24x7`` and ``AV 5.3`` get names (``x-enum-varnames``), not ``VALUE_0``."""
    bad = []
    for name in dir(py.models):
        klass = getattr(py.models, name)
        if isinstance(klass, type) and issubclass(klass, enum.Enum):
            bad += [f"{name}.{member.name} = {member.value!r}" for member in klass
                    if member.name.startswith("VALUE_")]
    assert bad == [], "enum members without a name in the document:\n" + "\n".join(bad)


def _enums(node: Any, where: str):
    if isinstance(node, dict):
        if "enum" in node:
            yield where, node
        for key, value in node.items():
            yield from _enums(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _enums(value, f"{where}/{i}")


def test_a_nullable_enum_is_typed_as_nullable_by_both_generators(py):
    """Inline ``nullable: true`` beside ``enum`` is not nullable to openapi-python-client
    (a null in the answer raises ValueError while parsing), and a ``null`` among the
    values gives hey-api no null and openapi-python-client ``...Type1`` classes. Both
    type ``{"nullable": true, "allOf": [{"$ref": <the enum>}]}`` as the enum or null."""
    bad = [f"{where}: {node.get('enum')}" for where, node in _enums(py.doc, "#")
           if node.get("nullable") or None in node["enum"]]
    assert bad == [], "nullable enums the generated clients cannot type:\n" + "\n".join(bad)


def test_the_document_names_the_server_it_is_served_from(py, served):
    assert py.doc["servers"][0]["url"] == served.api


def test_diensten(bel, wereld):
    m = wereld.m
    pagina = bel("dienstenOpvragen", wereld.client, 200, m.DienstPagina,
                 pagina_grootte=100).parsed
    assert isinstance(pagina.paginering, m.Paginering)
    assert all(isinstance(d, m.Dienst) for d in pagina.resultaten)
    slugs = {d.slug for d in pagina.resultaten}
    assert {"digid", "mijnoverheid", "digipoort"} <= slugs
    digid = bel("dienstLezen", wereld.client, 200, m.DienstDetail, slug="digid").parsed
    assert digid.slug == "digid"
    assert all(isinstance(o, m.Keuze) for o in digid.omgevingen)


def test_a_contactpersoon_updated_with_if_match_and_a_stale_etag_is_a_typed_412(bel, wereld):
    m = wereld.m
    nieuw = bel("contactpersoonToevoegen", wereld.client, 201, m.Contactpersoon,
                afnemer_id=wereld.afnemer_id, body=m.ContactpersoonInvoer(
                    naam="Piet Storing", email="piet@generiek.example",
                    telefoon="070 123 4567", rol=m.ContactpersoonRol("technisch"),
                    bereikbaarheid=m.ContactpersoonBereikbaarheid("24x7")))
    persoon = nieuw.parsed
    assert persoon.rol == m.ContactpersoonRol.TECHNISCH
    assert persoon.bereikbaarheid == m.ContactpersoonBereikbaarheid("24x7")
    assert bel.kop(nieuw, "Location").endswith(str(persoon.id))
    ids = {"afnemer_id": wereld.afnemer_id, "contactpersoon_id": persoon.id}

    gelezen = bel("contactpersoonLezen", wereld.client, 200, m.Contactpersoon, **ids)
    etag = bel.kop(gelezen, "ETag")
    assert etag == bel.kop(nieuw, "ETag")
    gewijzigd = bel("contactpersoonWijzigen", wereld.client, 200, m.Contactpersoon, **ids,
                    if_match=etag, body=m.ContactpersoonWijziging(functie="Architect"))
    assert gewijzigd.parsed.functie == "Architect"
    # A PATCH of one field changes that field only (no default sent for the others).
    assert gewijzigd.parsed.bereikbaarheid == m.ContactpersoonBereikbaarheid("24x7")
    assert gewijzigd.parsed.naam == "Piet Storing"
    nieuwe_etag = bel.kop(gewijzigd, "ETag")
    assert nieuwe_etag != etag

    verouderd = bel("contactpersoonWijzigen", wereld.client, 412, **ids, if_match=etag,
                    body=m.ContactpersoonWijziging(functie="Te laat"))
    bel.probleem(verouderd, 412, "verouderde-versie")
    weer = bel("contactpersoonLezen", wereld.client, 200, m.Contactpersoon, **ids)
    assert weer.parsed.functie == "Architect"
    assert bel.kop(weer, "ETag") == nieuwe_etag


def test_invalid_input_is_a_typed_400_with_every_invalid_field(bel, wereld):
    m = wereld.m
    response = bel("contactpersoonToevoegen", wereld.client, 400,
                   afnemer_id=wereld.afnemer_id, body=m.ContactpersoonInvoer(
                       naam="Fout", email="geen-adres", telefoon="bellen maar",
                       rol=m.ContactpersoonRol("technisch")))
    problem = bel.probleem(response, 400, "ongeldige-invoer")
    assert all(isinstance(p, m.InvalidParam) for p in problem.invalid_params), problem
    fields = {p.name: p for p in problem.invalid_params}
    assert {"email", "telefoon"} <= set(fields), problem
    assert all(isinstance(p.reason, str) and p.reason and p.code for p in fields.values())


def test_an_unknown_id_is_a_typed_404(bel, wereld):
    response = bel("contactpersoonLezen", wereld.client, 404, afnemer_id=wereld.afnemer_id,
                   contactpersoon_id=uuid.uuid4())
    bel.probleem(response, 404, "niet-gevonden")
    response = bel("aansluitingLezen", wereld.client, 404, afnemer_id=wereld.afnemer_id,
                   aansluiting_id=uuid.uuid4())
    bel.probleem(response, 404, "niet-gevonden")


def test_an_unknown_token_is_a_typed_401(py, bel, served):
    response = bel("dienstenOpvragen", py.client(served.api, "afp_onbekend"), 401)
    bel.probleem(response, 401, "niet-geauthenticeerd")
    assert bel.kop(response, "WWW-Authenticate").startswith("Bearer")


def test_an_activated_aansluiting_refuses_a_wrong_transition_with_typed_members(
        bel, wereld, aansluiting):
    m = wereld.m
    gelezen = bel("aansluitingLezen", wereld.client, 200, m.Aansluiting,
                  afnemer_id=wereld.afnemer_id, aansluiting_id=aansluiting.id)
    response = bel("aansluitingStatusWijzigen", wereld.logius, 409,
                   afnemer_id=wereld.afnemer_id, aansluiting_id=aansluiting.id,
                   if_match=bel.kop(gelezen, "ETag"),
                   body=m.StatuswijzigingInvoer(status=m.StatuswijzigingStatus("aangevraagd")))
    problem = bel.probleem(response, 409, "ongeldige-statusovergang")
    assert problem.huidige_status == m.ProblemHuidigeStatus("actief")
    assert problem.toegestane_statussen and all(
        isinstance(s, m.ProblemToegestaneStatussenItem) for s in problem.toegestane_statussen)
    historie = bel("statuswijzigingenOpvragen", wereld.client, 200, m.StatuswijzigingPagina,
                   afnemer_id=wereld.afnemer_id, aansluiting_id=aansluiting.id).parsed
    assert [w.status for w in historie.resultaten] == [m.StatuswijzigingStatus.AANGEVRAAGD,
                                                       m.StatuswijzigingStatus.ACTIEF]
    activering = historie.resultaten[1]
    assert isinstance(activering.tijdstip, datetime) and activering.door
    assert keuze(activering.van) == "aangevraagd"  # a status, typed as one


def test_a_webhook_gets_the_reaction_announcement_as_its_documented_callback(
        bel, wereld, served):
    m = wereld.m
    pad = f"/generated-client/{wereld.afnemer_id}"
    webhook = bel("webhookRegistreren", wereld.client, 201, m.NieuweWebhook,
                  afnemer_id=wereld.afnemer_id,
                  body=m.WebhookInvoer(url=served.ontvanger.url + pad))
    assert webhook.parsed.actief is True
    assert isinstance(webhook.parsed.geheim, str) and webhook.parsed.geheim
    bel.kop(webhook, "ETag")
    assert bel.kop(webhook, "Location").endswith(str(webhook.parsed.id))
    served.ontvanger.geheimen[pad] = webhook.parsed.geheim

    detail = bel("aankondigingVersturen", wereld.logius, 201, m.AankondigingDetail,
                 body=m.AankondigingInvoer(
                     type_=m.AankondigingType("dienstwijziging"), titel="Nieuwe SAML-versie",
                     omschrijving="Alleen voor deze afnemer", dienst="digid",
                     wijzigingsdatum=VANDAAG + timedelta(days=90),
                     afnemers=[wereld.afnemer_id])).parsed
    assert detail.reactie_vereist is True
    assert detail.aantal_ontvangers == 1

    lijst = bel("afnemerAankondigingenOpvragen", wereld.client, 200,
                m.AankondigingVoorAfnemerPagina, afnemer_id=wereld.afnemer_id).parsed
    assert detail.id in {a.id for a in lijst.resultaten}
    reactie = bel("aankondigingBeantwoorden", wereld.client, 201, m.AankondigingVoorAfnemer,
                  afnemer_id=wereld.afnemer_id, aankondiging_id=detail.id,
                  body=m.ReactieInvoer(besluit=m.ReactieInvoerBesluit("accepteren"),
                                       toelichting="Akkoord")).parsed
    assert keuze(reactie.reactie.besluit) == "accepteren"
    nogmaals = bel("aankondigingBeantwoorden", wereld.client, 409,
                   afnemer_id=wereld.afnemer_id, aankondiging_id=detail.id,
                   body=m.ReactieInvoer(besluit=m.ReactieInvoerBesluit("afwijzen")))
    problem = bel.probleem(nogmaals, 409, "al-gereageerd")
    assert problem.besluit == m.ProblemBesluit("accepteren")

    deadline = time.monotonic() + 20
    while not (ontvangen := served.ontvanger.voor(pad)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert ontvangen, "the webhook got nothing"
    assert ontvangen[0].geldig, "the delivery's signature does not verify"
    bericht = m.Gebeurtenisbericht.from_dict(ontvangen[0].json)
    assert bericht.type_ == m.GebeurtenisberichtType(
        "nl.afnemersportaal.aankondiging.dienstwijziging")
    assert isinstance(bericht.time, datetime)
    assert bericht.id == uuid.UUID(ontvangen[0].headers["webhook-id"])
    bezorgingen = bel("bezorgingenOpvragen", wereld.client, 200, m.BezorgingPagina,
                      afnemer_id=wereld.afnemer_id).parsed
    assert all(isinstance(b.status, m.BezorgingStatus) for b in bezorgingen.resultaten)


def test_a_prognosis(bel, wereld, aansluiting):
    m = wereld.m
    periode = f"{VANDAAG.year + 1}-04"
    ingediend = bel("prognoseIndienen", wereld.client, 201, m.PrognoseDetail,
                    afnemer_id=wereld.afnemer_id, body=m.PrognoseInvoer(
                        aansluiting_id=aansluiting.id, periode=periode,
                        formulier=m.PrognoseFormulier.from_dict({
                            "authenticatiesPerMaand": [1000] * 12, "piekPerMinuut": 10})))
    prognose = ingediend.parsed
    assert prognose.aansluiting_id == aansluiting.id and prognose.periode == periode
    assert isinstance(prognose.ingediend_op, datetime)
    assert bel.kop(ingediend, "Location").endswith(str(prognose.id))
    gelezen = bel("prognoseLezen", wereld.client, 200, m.PrognoseDetail,
                  afnemer_id=wereld.afnemer_id, prognose_id=prognose.id).parsed
    assert all(isinstance(v, m.Prognoseversie) for v in gelezen.versies)
    plicht = bel("prognoseplichtOpvragen", wereld.client, 200, m.PrognoseplichtPagina,
                 afnemer_id=wereld.afnemer_id).parsed
    assert all(isinstance(p.status, m.PrognoseplichtStatus) for p in plicht.resultaten)


def test_costs_invoices_and_an_estimate(bel, wereld, aansluiting):
    m = wereld.m
    kosten = bel("kostenOpvragen", wereld.client, 200, m.Kostenoverzicht,
                 afnemer_id=wereld.afnemer_id).parsed
    assert kosten.jaar == VANDAAG.year
    assert isinstance(kosten.soort, m.KostenoverzichtSoort)
    assert isinstance(kosten.totaal, m.Bedragen)
    assert all(isinstance(r, m.Kostenregel) for r in kosten.regels)

    facturen = bel("facturenLezen", wereld.client, 200, m.Facturen,
                   afnemer_id=wereld.afnemer_id, jaar=VANDAAG.year).parsed
    assert facturen.jaar == VANDAAG.year
    assert all(isinstance(f, m.Factuur) and isinstance(f.soort, m.FactuurSoort)
               and isinstance(f.status, m.FactuurStatus) for f in facturen.facturen)

    schatting = bel("kostenSchatten", wereld.client, 200, m.Kostenoverzicht,
                    afnemer_id=wereld.afnemer_id, body=m.SchattingInvoer(
                        jaar=VANDAAG.year + 1, volumes=[m.SchattingVolume(
                            dienst="digipoort", metriek="berichten", aantal=900)])).parsed
    assert schatting.jaar == VANDAAG.year + 1
    # 900 berichten at 0.59 including VAT
    assert schatting.totaal.bedrag_incl_btw == "531.00", schatting.totaal

    fout = bel("kostenSchatten", wereld.client, 400, afnemer_id=wereld.afnemer_id,
               body=m.SchattingInvoer(jaar=VANDAAG.year + 1, volumes=[m.SchattingVolume(
                   dienst="digipoort", metriek="berichten", aantal=-1)]))
    problem = bel.probleem(fout, 400, "ongeldige-invoer")
    assert [p.name for p in problem.invalid_params] == ["volumes.0.aantal"], problem


def test_a_koppelvlak_check_and_its_use(bel, wereld, aansluiting):
    m = wereld.m
    for versie in ("3.3", "4.0"):
        response = bel("koppelvlakversieControleren", wereld.client, 200, m.Controle,
                       slug="digid", koppelvlak="saml", versie=versie)
        controle = response.parsed
        assert controle.versie == versie and isinstance(controle.status, m.ControleStatus)
        for header in ("Deprecation", "Sunset"):
            if header in response.headers:
                bel.kop(response, header)
    onbekend = bel("koppelvlakversieControleren", wereld.client, 200, m.Controle,
                   slug="digid", koppelvlak="saml", versie="0.1").parsed
    assert onbekend.status == m.ControleStatus.ONBEKEND

    # An old version that nobody uses, deprecated with a sunset: the check says so in
    # Deprecation and Sunset, in the formats the document gives.
    oud = f"2.{uuid.uuid4().int % 10**6}"
    toegevoegd = bel("koppelvlakversieToevoegen", wereld.logius, 201, m.Versie, slug="digid",
                     koppelvlak="saml", body=m.VersieInvoer(
                         versie=oud, ondersteund_sinds=date(2019, 1, 1),
                         verouderd_sinds=date(2024, 1, 1)))
    assert toegevoegd.parsed.status == m.VersieStatus.VEROUDERD
    bel("koppelvlakversieWijzigen", wereld.logius, 200, m.Versie, slug="digid",
        koppelvlak="saml", versie=oud, if_match=bel.kop(toegevoegd, "ETag"),
        body=m.VersieWijziging(sunset_op=VANDAAG + timedelta(days=400), opvolger="4.0"))
    response = bel("koppelvlakversieControleren", wereld.client, 200, m.Controle,
                   slug="digid", koppelvlak="saml", versie=oud)
    assert response.parsed.status == m.ControleStatus.VEROUDERD
    assert response.parsed.sunset_op == VANDAAG + timedelta(days=400)
    for header in ("Deprecation", "Sunset"):
        pattern = bel.py.declared_headers("koppelvlakversieControleren", 200)[
            header.lower()]
        pattern = (pattern if "schema" in pattern else bel.py.doc["components"]["headers"][
            pattern["$ref"].rsplit("/", 1)[1]])["schema"]["pattern"]
        assert re.fullmatch(pattern, bel.kop(response, header)), (header, pattern)

    gebruik = bel("koppelvlakgebruikRegistreren", wereld.client, 200, m.Gebruik,
                  afnemer_id=wereld.afnemer_id, body=m.GebruikInvoer(
                      aansluiting_id=aansluiting.id, koppelvlak="saml", versie="4.0")).parsed
    assert gebruik.dienst == "digid" and isinstance(gebruik.status, m.GebruikStatus)
    lijst = bel("koppelvlakgebruikOpvragen", wereld.client, 200, m.GebruikPagina,
                afnemer_id=wereld.afnemer_id).parsed
    assert gebruik.id in {g.id for g in lijst.resultaten}


def test_the_deadlines_and_their_icalendar_feed(py, bel, wereld, aansluiting, served):
    m = wereld.m
    deadlines = bel("deadlinesOpvragen", wereld.client, 200, m.DeadlinePagina,
                    afnemer_id=wereld.afnemer_id).parsed
    assert all(isinstance(d, m.Deadline) and isinstance(d.datum, date)
               for d in deadlines.resultaten)
    sleutel = bel("agendaSleutelAanmaken", wereld.client, 201, m.Sleutel,
                  afnemer_id=wereld.afnemer_id)
    feed_url = sleutel.parsed.feed_url
    assert bel.kop(sleutel, "Location") == feed_url
    assert feed_url.startswith(served.api + "/agenda/")
    # A calendar application has no token: the generated client without one.
    feed = bel("agendaFeedLezen", py.client(served.api, None), 200,
               waarde=feed_url.rsplit("/", 1)[1])
    assert isinstance(feed.parsed, str) and feed.parsed.startswith("BEGIN:VCALENDAR")
    assert feed.headers["Content-Type"].startswith("text/calendar")
    assert "text/calendar" in gegenereerd.operations(py.doc)["agendaFeedLezen"][2][
        "responses"]["200"]["content"]
    for d in deadlines.resultaten:
        assert d.titel in feed.parsed.replace("\r\n ", "")
    onbekend = bel("agendaFeedLezen", py.client(served.api, None), 404, waarde="agd_onbekend")
    bel.probleem(onbekend, 404, "niet-gevonden")


def test_the_typescript_client_compiles_strictly_with_code_that_uses_it(served,
                                                                       tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"ts-{served.backend}")
    _doc, path = gegenereerd.document(served.api, folder)
    gegenereerd.typescript_client(path, folder)
    result = gegenereerd.tsc(folder, GEBRUIK_TS)
    assert result.returncode == 0, "tsc --strict:\n" + result.stdout + result.stderr
