"""Individuele begeleiding as periods, through the API (DP tabel 1, DP Bedrijven,
DP Rijksoverheden).

DOMAIN.md's figure: EUR 4,400 incl. BTW per period of 3 months from the startmail, for a
niet-rijksoverheid; set as tariff data (``digipoort_tarieven``), never in code.
"""

from __future__ import annotations

from datetime import date

import pytest

from core.auth.principal import Rol
from plugins.digipoort.begeleiding import einde

B = "/afnemers/{}/digipoort-begeleidingen"


def _kies(api, afnemer_id: str, aansluiting_id: str, keuze: str = "individueel") -> dict:
    response = api.post(B.format(afnemer_id) + "/keuzes",
                        json={"aansluitingId": aansluiting_id, "keuze": keuze})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _periode(api, afnemer_id: str, aansluiting_id: str, startmail: str | None = None):
    body = {"aansluitingId": aansluiting_id}
    if startmail:
        body["startmail"] = startmail
    return api.post(B.format(afnemer_id) + "/perioden", json=body)


@pytest.mark.parametrize(("startmail", "tot"), [
    (date(2027, 1, 15), date(2027, 4, 14)),
    (date(2027, 11, 30), date(2028, 2, 28)),   # + 3 months: 2028-02-29 (leap year)
    (date(2028, 11, 30), date(2029, 2, 27)),   # + 3 months: clamped to 2029-02-28
    (date(2027, 12, 31), date(2028, 3, 30)),
    (date(2027, 1, 1), date(2027, 3, 31)),
])
def test_dp_tabel_1_a_period_is_three_calendar_months_from_the_startmail(startmail, tot):
    assert einde(startmail) == tot


def test_dp_tabel_1_the_offerte_shows_4400_incl_btw_per_period_before_the_choice(
        api, maak_afnemer, digipoort_tarieven):
    gemeente = maak_afnemer("gemeente")
    url = B.format(gemeente["id"]) + "/offertes"
    offerte = api.post(url, json={"keuze": "individueel", "jaar": 2027}).get_json()
    assert {k: offerte[k] for k in ("bedragInclBtw", "bedragExclBtw", "btw", "btwPercentage",
                                    "artikel", "valuta", "periodeduur")} == {
        "bedragInclBtw": "4400.00", "bedragExclBtw": "3636.36", "btw": "763.64",
        "btwPercentage": "21", "artikel": "DP tabel 1", "valuta": "EUR",
        "periodeduur": "3 kalendermaanden"}
    basis = api.post(url, json={"keuze": "basis", "jaar": 2027}).get_json()
    assert (basis["bedragInclBtw"], basis["artikel"]) == ("0.00", "DP tabel 1")
    for type_, artikel, extra in (("bedrijf", "DP Bedrijven", {"kvkNummer": "12345678"}),
                                  ("rijksoverheid", "DP Rijksoverheden", {})):
        afnemer = maak_afnemer(type_, **extra)
        gratis = api.post(B.format(afnemer["id"]) + "/offertes",
                          json={"keuze": "individueel", "jaar": 2027}).get_json()
        assert (gratis["bedragInclBtw"], gratis["artikel"]) == ("0.00", artikel)


def test_dp_tabel_1_a_startmail_inside_a_running_period_is_refused_naming_it(
        api, maak_afnemer, aangesloten, digipoort_tarieven, token_voor):
    afnemer = maak_afnemer("gemeente")
    dp = aangesloten(afnemer["id"])
    # Only with the choice individueel.
    geweigerd = _periode(api, afnemer["id"], dp["id"], "2027-01-15")
    assert (geweigerd.status_code, geweigerd.get_json()["code"]) == (409, "keuze-past-niet")
    _kies(api, afnemer["id"], dp["id"])
    eerste = _periode(api, afnemer["id"], dp["id"], "2027-01-15")
    assert eerste.status_code == 201, eerste.get_json()
    eerste = eerste.get_json()
    assert (eerste["startmail"], eerste["tot"], eerste["soort"]) == (
        "2027-01-15", "2027-04-14", "startmail")
    for binnen in ("2027-04-14", "2027-02-01", "2026-12-01"):  # the last one runs into it
        dubbel = _periode(api, afnemer["id"], dp["id"], binnen)
        assert dubbel.status_code == 409, dubbel.get_json()
        probleem = dubbel.get_json()
        assert probleem["code"] == "periode-overlapt"
        assert probleem["periode"] == {"id": eerste["id"], "van": "2027-01-15",
                                       "tot": "2027-04-14"}
        assert "2027-01-15 t/m 2027-04-14" in probleem["detail"]
    # The afnemer's beheerder asks for the next period while this one runs: it starts the
    # day after it ends.
    beheerder = api.as_(token_voor(afnemer["id"]))
    verlenging = _periode(beheerder, afnemer["id"], dp["id"])
    assert verlenging.status_code == 201, verlenging.get_json()
    assert {k: verlenging.get_json()[k] for k in ("startmail", "tot", "soort")} == {
        "startmail": "2027-04-15", "tot": "2027-07-14", "soort": "verlenging"}
    perioden = beheerder.get(B.format(afnemer["id"]) + f"/perioden?aansluitingId={dp['id']}")
    assert [(p["startmail"], p["tot"]) for p in perioden.get_json()["resultaten"]] == [
        ("2027-01-15", "2027-04-14"), ("2027-04-15", "2027-07-14")]
    # A medewerker reads, never writes; another afnemer's principal sees nothing (404).
    medewerker = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_MEDEWERKER))
    assert _periode(medewerker, afnemer["id"], dp["id"]).status_code == 403
    ander = api.as_(token_voor(maak_afnemer("gemeente")["id"]))
    assert ander.get(B.format(afnemer["id"]) + "/perioden").status_code == 404
    assert _periode(ander, afnemer["id"], dp["id"], "2028-01-01").status_code == 404
    # Every write is in the audit.
    audit = api.get(f"/afnemers/{afnemer['id']}/audit?paginaGrootte=100").get_json()
    soorten = [r.get("resourceType") or r.get("resource") for r in audit["resultaten"]]
    assert sum("begeleidingsperiode" in str(s).lower() for s in soorten) == 2, soorten


def test_dp_tabel_1_after_the_last_period_ended_only_a_new_startmail_starts_one(
        api, maak_afnemer, aangesloten, digipoort_tarieven, token_voor):
    afnemer = maak_afnemer("gemeente")
    dp = aangesloten(afnemer["id"])
    _kies(api, afnemer["id"], dp["id"])
    assert _periode(api, afnemer["id"], dp["id"], "2025-06-02").status_code == 201
    beheerder = api.as_(token_voor(afnemer["id"]))
    te_laat = _periode(beheerder, afnemer["id"], dp["id"])
    assert (te_laat.status_code, te_laat.get_json()["code"]) == (409, "conflict")
    assert "startmail" in te_laat.get_json()["detail"]
    opnieuw = _periode(api, afnemer["id"], dp["id"], "2027-03-01")
    assert opnieuw.status_code == 201 and opnieuw.get_json()["soort"] == "startmail"


def test_dp_tabel_1_two_consecutive_periods_bill_8800_with_their_dates(
        app, api, maak_afnemer, aangesloten, digipoort_tarieven, token_voor):
    """Invoice and cost run: two lines of 4,400.00 incl. BTW, each naming its period."""
    from core.db import db
    from core.kosten.run import kostenrun

    afnemer = maak_afnemer("gemeente")
    dp = aangesloten(afnemer["id"])
    kosten = _kies(api, afnemer["id"], dp["id"])["kostenPerPeriode"]
    assert kosten["bedragInclBtw"] == "4400.00"
    assert _periode(api, afnemer["id"], dp["id"], "2027-01-15").status_code == 201
    assert _periode(api.as_(token_voor(afnemer["id"])), afnemer["id"],
                    dp["id"]).status_code == 201
    facturen = api.get(f"/afnemers/{afnemer['id']}/facturen/2027").get_json()["facturen"]
    [verrekening] = [f for f in facturen if f["soort"] == "verrekening"]
    regels = [(r["omschrijving"], r["bedragInclBtw"], r["artikel"])
              for r in verrekening["regels"] if r["code"] == "individuele-begeleiding"]
    assert regels == [
        ("Individuele begeleiding 2027-01-15 t/m 2027-04-14", "4400.00", "DP tabel 1"),
        ("Individuele begeleiding 2027-04-15 t/m 2027-07-14", "4400.00", "DP tabel 1")]
    assert verrekening["totaal"]["bedragInclBtw"] == "8800.00"
    # The cost run (lines streamed with COPY on PostgreSQL) bills the same two periods.
    with app.app_context():
        run_id = str(kostenrun(2027, door="test").id)
        db.session.commit()
    run = api.get(f"/kostenruns/{run_id}/regels?afnemerId={afnemer['id']}").get_json()
    assert sorted((r["omschrijving"], r["bedragInclBtw"]) for r in run["resultaten"]
                  if r["code"] == "individuele-begeleiding") == [
        ("Individuele begeleiding 2027-01-15 t/m 2027-04-14", "4400.00"),
        ("Individuele begeleiding 2027-04-15 t/m 2027-07-14", "4400.00")]
