"""One journey per role through the console in Chromium, against the served product on
both backends (issue 17, item 6): the person clicks and types, and what they did shows
on the pages and in the API. The API is called only to set up what another party would
have done first (Logius announcing a terms change, an afnemer asking for an aansluiting)
and, at the end, to check that the console's write is the API's.
"""

from __future__ import annotations

import csv
import uuid
from datetime import date, timedelta
from decimal import Decimal

from playwright.sync_api import Page, expect

from tests.served.console.conftest import Console
from tests.support.browser import axe_controle, leesbaar


def _menu(page: Page, tekst: str) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name=tekst, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def _vastleggen(console: Console, page: Page, naam: str) -> None:
    """A state of a page the crawl does not reach (a form half filled, a refusal, a
    preview): axe finds nothing in it, and it is screenshotted with the crawl's, at the
    viewport's size (after a full-page screenshot, headless Chromium lost the next click
    on a long form)."""
    console.schermafdruk(page, f"reis-{naam}", hele_pagina=False)
    overtredingen = axe_controle(page)
    assert not overtredingen, leesbaar(page.url, overtredingen)


def _melding(page: Page):
    return page.locator("main [role=status]")


def _vandaag() -> date:
    # The served product's clock is the machine's (Europe/Amsterdam for its rules); the
    # journeys only need a date that is not in the future and dates far enough ahead.
    return date.today()


def test_an_afnemer_beheerder_requests_answers_forecasts_and_downloads(console: Console):
    served = console.served
    persoon = console.mensen["afnemer-beheerder"]
    page = persoon.page
    reis = persoon.extra["reis_afnemer"]
    basis = f"/afnemers/{reis['id']}"

    # From the start page to the afnemer's dashboard.
    page.goto("/console/")
    page.get_by_test_id("afnemers").get_by_role("link", name=reis["naam"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(reis["naam"])

    # Request a DigiD aansluiting: first the dienst, then its omgeving and onderdelen.
    _menu(page, "Aansluitingen")
    formulier = page.get_by_test_id("aanvraagformulier")
    formulier.locator("#veld-aanvraagDienst").select_option("digid")
    formulier.get_by_role("button", name="Dienst kiezen").click()
    formulier.locator("#veld-omgeving").select_option("productie")
    formulier.locator("#veld-onderdelen").select_option(["midden"])
    formulier.locator("#veld-aanvraagOndertekendOp").fill(_vandaag().isoformat())
    _vastleggen(console, page, "aansluiting-aanvragen")
    formulier.get_by_role("button", name="Aanvragen").click()
    expect(_melding(page)).to_contain_text("De aansluiting is aangevraagd.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("digid")
    [aansluiting] = served.get(f"{basis}/aansluitingen", served.logius_token).json()["resultaten"]
    assert (aansluiting["dienst"], aansluiting["omgeving"], aansluiting["onderdelen"],
            aansluiting["status"]) == ("digid", "productie", ["midden"], "aangevraagd")

    # A technical contact who can be reached day and night; an e-mail address the API
    # refuses first (the browser's own check switched off, as a client may): its reason
    # shows beside the field, described by it.
    _menu(page, "Contactpersonen")
    toevoegen = page.get_by_test_id("toevoegen")
    toevoegen.locator("form").evaluate("f => f.noValidate = true")
    toevoegen.locator("#veld-naam").fill("Nachtdienst Reisdorp")
    toevoegen.locator("#veld-email").fill("nacht@reisdorp..example")
    toevoegen.locator("#veld-telefoon").fill("+31201234000")
    toevoegen.locator("#veld-rol").select_option("technisch")
    toevoegen.get_by_role("button", name="Toevoegen").click()
    toevoegen = page.get_by_test_id("toevoegen")
    expect(toevoegen.locator("[data-veldfout=email]")).to_be_visible()
    expect(toevoegen.locator("#veld-email")).to_have_attribute("aria-invalid", "true")
    _vastleggen(console, page, "contactpersoon-geweigerd")
    assert served.get(f"{basis}/contactpersonen", served.logius_token).json()[
        "resultaten"] == []
    toevoegen.locator("#veld-naam").fill("Nachtdienst Reisdorp")
    toevoegen.locator("#veld-email").fill("nacht@reisdorp.example")
    toevoegen.locator("#veld-telefoon").fill("+31201234000")
    toevoegen.locator("#veld-rol").select_option("technisch")
    toevoegen.locator("#veld-bereikbaarheid").select_option("24x7")
    toevoegen.get_by_role("button", name="Toevoegen").click()
    rij = page.get_by_test_id("contactpersonen").locator("tr", has_text="Nachtdienst Reisdorp")
    expect(rij).to_contain_text("24x7")
    expect(rij).to_contain_text("technisch")

    # Logius announces a change of the Algemene Voorwaarden to this afnemer (another
    # party's step, made through the API); the beheerder rejects it in the console and
    # first sees what that means: the end of delivery and the aansluitingen it ends.
    wijzigingsdatum = _vandaag() + timedelta(days=45)
    titel = f"Algemene Voorwaarden 9.{uuid.uuid4().int % 1000}"
    aankondiging = served.post("/aankondigingen", served.logius_token, json={
        "type": "voorwaardenwijziging", "titel": titel,
        "omschrijving": "Een nieuwe versie van de Algemene Voorwaarden.",
        "document": "algemene-voorwaarden", "versie": titel.rsplit(" ", 1)[1],
        "wijzigingsdatum": wijzigingsdatum.isoformat(), "afnemers": [reis["id"]]})
    assert aankondiging.status_code == 201, aankondiging.text
    _menu(page, "Aankondigingen")
    page.get_by_role("link", name=titel).click()
    expect(page.get_by_test_id("reactiestatus")).to_have_text("open")
    page.get_by_test_id("naar-afwijzen").click()
    gevolgen = page.get_by_test_id("gevolgen")
    expect(gevolgen).to_contain_text("Einde van de levering")
    einde = gevolgen.locator("time").first.get_attribute("datetime")
    assert einde and einde > wijzigingsdatum.isoformat(), einde
    expect(gevolgen.get_by_role("table")).to_contain_text("digid")
    _vastleggen(console, page, "afwijzen-gevolgen")
    page.get_by_test_id("afwijzen").get_by_role("button", name="Afwijzen bevestigen").click()
    expect(_melding(page)).to_contain_text("U hebt de aankondiging afgewezen.")
    assert persoon.vragen and persoon.vragen[-1].startswith("Afwijzen:"), persoon.vragen
    expect(page.get_by_test_id("reactiestatus")).to_have_text("afgewezen")
    expect(page.get_by_test_id("aankondiging")).to_contain_text(einde)
    # The consequence, where the beheerder looks next: the aansluiting now ends then.
    _menu(page, "Aansluitingen")
    expect(page.get_by_test_id("aansluitingen").locator("tbody tr").first).to_contain_text(
        einde)

    # A prognosis for the new aansluiting, in the form made from DigiD's schema.
    _menu(page, "Prognoses")
    page.get_by_role("link", name="Prognose invullen voor digid productie").click()
    prognose = page.get_by_test_id("prognoseformulier")
    velden = prognose.locator("input[type=number], input[inputmode=numeric]")
    expect(velden.first).to_be_visible()
    for i in range(velden.count()):
        velden.nth(i).fill(str(1000 + i))
    _vastleggen(console, page, "prognose-invullen")
    prognose.get_by_role("button", name="Prognose inleveren").click()
    expect(_melding(page)).to_be_visible()
    _menu(page, "Prognoses")
    expect(page.get_by_test_id("prognoses")).to_contain_text("digid")
    ingeleverd = served.get(f"{basis}/prognoses", served.logius_token).json()["resultaten"]
    assert [p["dienst"] for p in ingeleverd] == ["digid"], ingeleverd

    # The costs, downloaded as CSV: of the demo afnemer, where this beheerder is beheerder
    # too and the demo data has a year of usage (the new afnemer has no costs yet).
    page.goto("/console/")
    page.get_by_test_id("afnemers").get_by_role("link", name="Gemeente Voorbeeldstad").click()
    _menu(page, "Kosten")
    with page.expect_download() as download:
        page.get_by_role("link", name="Kostenregels als CSV").click()
    with open(download.value.path(), encoding="utf-8-sig") as bestand:
        rijen = list(csv.reader(bestand))
    assert rijen[0][:3] == ["dienst", "aansluitingId", "code"], rijen[0]
    assert len(rijen) > 1, rijen


def test_a_logius_beheerder_registers_activates_announces_and_sees_capacity(
        console: Console):
    served = console.served
    page = console.mensen["logius-beheerder"].page
    code = uuid.uuid4().hex[:6]
    # "Aa en Hunze" sorts first, so the composer offers it among its first 100 afnemers.
    naam = f"Aa en Hunze {code}"
    oin = served.nieuw_oin()

    # Register an afnemer; the OIN is checked while it is typed.
    page.goto("/console/")
    _menu(page, "Afnemers")
    page.locator("#veld-naam").fill(naam)
    page.locator("#veld-oin").press_sequentially(oin)
    expect(page.get_by_test_id("oin-controle")).to_contain_text("Geldig OIN")
    _vastleggen(console, page, "afnemer-registreren")
    page.locator("#veld-type").select_option("gemeente")
    page.get_by_role("button", name="Registreren").click()
    expect(_melding(page)).to_contain_text(f"{naam} is geregistreerd.")
    expect(page.get_by_role("heading", level=1)).to_have_text(naam)
    afnemer_id = page.url.rstrip("/").rsplit("/", 1)[1]
    assert served.get(f"/afnemers/{afnemer_id}", served.logius_token).json()["oin"] == oin

    # The afnemer asks for a DigiD pre-productie aansluiting (its own step, through the
    # API with its token); Logius activates it in the console.
    token = served.token_voor(afnemer_id)
    aanvraag = served.post(f"/afnemers/{afnemer_id}/aansluitingen", token, json={
        "dienst": "digid", "omgeving": "pre-productie", "onderdelen": ["midden"],
        "aanvraagOndertekendOp": _vandaag().isoformat()})
    assert aanvraag.status_code == 201, aanvraag.text
    _menu(page, "Aansluitingen")
    page.get_by_test_id("aansluitingen").get_by_role("link", name="digid").click()
    _vastleggen(console, page, "aansluiting-logius")
    page.get_by_test_id("form-status-actief").get_by_role("button", name="Activeren").click()
    expect(_melding(page)).to_contain_text("De status is nu actief.")
    assert served.get(f"/afnemers/{afnemer_id}/aansluitingen/{aanvraag.json()['id']}",
                      token).json()["status"] == "actief"

    # Compose an announcement of a change to DigiD for this afnemer: the notice rule is
    # checked as the date is typed, the preview names the afnemer, then it is sent.
    _menu(page, "Aankondiging opstellen")
    titel = f"DigiD-wijziging {code}"
    page.locator("#veld-type").select_option("dienstwijziging")
    page.locator("#veld-titel").fill(titel)
    page.locator("#veld-omschrijving").fill("DigiD verandert; uw koppeling niet.")
    page.locator("#veld-dienst").select_option("digid")
    page.locator("#veld-wijzigingsdatum").fill((_vandaag() + timedelta(days=60)).isoformat())
    expect(page.get_by_test_id("termijn").locator("[data-termijn=ok]")).to_be_visible()
    page.locator("#doelgroep-gekozen").check()
    page.locator("#veld-afnemers").select_option([afnemer_id])
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    voorbeeld = page.get_by_test_id("voorbeeld")
    expect(voorbeeld.get_by_test_id("aantal-bereikt")).to_have_text("1")
    expect(voorbeeld.get_by_test_id("bereikt")).to_contain_text(naam)
    expect(voorbeeld.get_by_test_id("mail-onderwerp")).to_contain_text(titel)
    _vastleggen(console, page, "aankondiging-voorbeeld")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(titel)
    verstuurd = [a for a in served.get("/aankondigingen", served.logius_token,
                                       params={"paginaGrootte": 100}).json()["resultaten"]
                 if a["titel"] == titel]
    assert [a["aantalOntvangers"] for a in verstuurd] == [1]

    # DigiD's capacity: the stacked plot against the limit, with its table beside it.
    _menu(page, "Capaciteit")
    figuur = page.locator("main figure").first
    expect(figuur.locator("svg")).to_be_visible()
    expect(figuur).to_contain_text("CSV")
    expect(page.get_by_test_id("capaciteit-cijfers")).to_contain_text("10000")
    _vastleggen(console, page, "capaciteit")


def test_a_product_team_member_sets_next_years_tariff(console: Console):
    served = console.served
    page = console.mensen["productteam"].page
    volgend = _vandaag().year + 1
    page.goto("/console/")
    _menu(page, "Tarieven")
    page.get_by_role("link", name=f"Tarieven {volgend}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Tarieven digid {volgend}")
    tabel = page.get_by_test_id("tarieven")
    eerste = tabel.locator("tbody tr").first
    code = eerste.get_attribute("data-code")
    eerste.get_by_role("link").click()
    bedrag = f"0.{uuid.uuid4().int % 90 + 10}"
    page.locator("#veld-bedrag").fill(bedrag.replace(".", ","))
    _vastleggen(console, page, "tarief-vaststellen")
    page.get_by_role("button", name="Tarief vaststellen").click()
    expect(_melding(page)).to_contain_text(str(volgend))
    rij = page.get_by_test_id("tarieven").locator(f"tr[data-code='{code}']")
    expect(rij).to_contain_text(bedrag.replace(".", ","))
    tarief = served.get(f"/diensten/digid/tarieven/{volgend}/{code}", served.logius_token)
    assert tarief.status_code == 200, tarief.text
    assert Decimal(tarief.json()["bedrag"]) == Decimal(bedrag), tarief.json()
