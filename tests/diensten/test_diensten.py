"""``/diensten``: the Logius diensten as their plugins declare them, with the terms
(voorwaarden) that apply to each, every obligation with its article."""

from __future__ import annotations

import pytest

from core import create_app
from core.auth.principal import Rol
from core.db import db
from core.hookspecs import hookimpl
from core.types import DienstInfo, Keuze
from tests.conftest import INGEBOUWD, Api, geinstalleerd, make_app

LIJST_VELDEN = ["slug", "naam", "omschrijving", "bron", "omgevingen", "onderdelen",
                "onderdelenVerplicht", "afnemertypes", "kenmerken"]
EIGEN_VOORWAARDEN = {
    "digid": ("digid-sno", "2.8"),
    "mijnoverheid": ("mijnoverheid-voorwaarden", "2.9"),
    "digipoort": ("digipoort-aansluitondersteuning", "2.5"),
    "vwo": ("vwo", "2.5"),
}


def _verplichting(voorwaarden: dict, artikel: str) -> dict:
    [found] = [v for v in voorwaarden["verplichtingen"] if v["artikel"] == artikel]
    return found


def test_list_shows_every_installed_dienst_in_slug_order(api):
    """The four built-in diensten and any installed plugin package, in slug order."""
    slugs = geinstalleerd()
    response = api.get("/diensten")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert [d["slug"] for d in body["resultaten"]] == slugs
    assert set(INGEBOUWD) <= set(slugs)
    assert body["paginering"] == {"pagina": 1, "paginaGrootte": 20,
                                  "totaalAantal": len(slugs), "totaalPaginas": 1}
    for dienst in body["resultaten"]:
        assert list(dienst) == LIJST_VELDEN  # no voorwaarden in the list
        assert dienst["naam"] and dienst["bron"] and dienst["omgevingen"]


def test_list_is_paginated(api):
    slugs = geinstalleerd()
    assert len(slugs) > 3  # the four built-in ones at least: page 2 is not empty
    response = api.get("/diensten?pagina=2&paginaGrootte=3")
    assert [d["slug"] for d in response.get_json()["resultaten"]] == slugs[3:6]
    assert response.get_json()["paginering"]["totaalPaginas"] == -(-len(slugs) // 3)
    assert 'rel="prev"' in response.headers["Link"]
    assert api.get("/diensten?paginaGrootte=0").status_code == 400


def test_detail_of_digid(api):
    response = api.get("/diensten/digid")
    assert response.status_code == 200
    dienst = response.get_json()
    assert list(dienst) == [*LIJST_VELDEN, "voorwaarden"]
    assert dienst["naam"] == "DigiD"
    assert dienst["bron"] == "Serviceniveauovereenkomst DigiD 2.8"
    assert [o["slug"] for o in dienst["omgevingen"]] == ["productie", "pre-productie"]
    assert dienst["onderdelen"][0] == {"slug": "basis", "naam": "Basis",
                                       "omschrijving": "Gebruikersnaam en wachtwoord",
                                       "artikel": "SNO 1 Doel"}
    assert [o["slug"] for o in dienst["onderdelen"]] == ["basis", "midden", "substantieel"]
    assert dienst["onderdelenVerplicht"] is True
    assert dienst["afnemertypes"] is None
    assert {"naam": "Zekerheidsniveaus", "waarden": ["Basis", "Midden", "Substantieel"],
            "artikel": "SNO 1 Doel"} in dienst["kenmerken"]


def test_detail_is_the_list_item_plus_its_voorwaarden(api):
    lijst = {d["slug"]: d for d in api.get("/diensten").get_json()["resultaten"]}
    for slug in geinstalleerd():
        detail = api.get(f"/diensten/{slug}").get_json()
        voorwaarden = detail.pop("voorwaarden")
        assert detail == lijst[slug]
        assert voorwaarden


@pytest.mark.parametrize("slug", geinstalleerd())
def test_every_dienst_lists_the_algemene_voorwaarden_first_then_its_own(api, slug):
    """AV 1.1 apply to every dienst; then the dienst's own terms, each obligation with
    the article it comes from. The built-in diensten's own documents are known here;
    another installed plugin's are checked for their form."""
    voorwaarden = api.get(f"/diensten/{slug}").get_json()["voorwaarden"]
    ids = [(v["id"], v["versie"]) for v in voorwaarden]
    assert ids[0] == ("algemene-voorwaarden", "1.1")
    if slug in INGEBOUWD:
        assert ids[1:] == [EIGEN_VOORWAARDEN[slug]]
    for document in voorwaarden:
        assert list(document) == ["id", "titel", "versie", "bron", "ingangsdatum", "wijziging",
                                  "verplichtingen"]
        assert document["verplichtingen"]
        for verplichting in document["verplichtingen"]:
            assert list(verplichting) == ["id", "artikel", "partij", "omschrijving", "termijn"]
            assert verplichting["artikel"].strip()
            assert verplichting["partij"] in {"afnemer", "logius", "beide"}


def test_algemene_voorwaarden_carry_their_change_rule_and_lead_time(api):
    """AV 13.1: one calendar month notice; AV 13.2: delivery ends two months after the
    change date on rejection; AV 2.8: report a change three months ahead."""
    av = api.get("/diensten/vwo").get_json()["voorwaarden"][0]
    assert av["ingangsdatum"] is None
    assert av["wijziging"] == {
        "aankondiging": {"aantal": 1, "eenheid": "kalendermaanden"},
        "aankondigingArtikel": "AV 13.1",
        "eindeNaAfwijzing": {"aantal": 2, "eenheid": "kalendermaanden"},
        "afwijzingArtikel": "AV 13.2",
    }
    melding = _verplichting(av, "AV 2.8")
    assert melding["partij"] == "afnemer"
    assert melding["termijn"] == {"aantal": 3, "eenheid": "kalendermaanden"}
    assert _verplichting(av, "AV 2.4")["termijn"] is None


def test_digid_sno_shows_its_date_and_resolution_times(api):
    """SNO 2.8 of 1 December 2017; SNO 2 Oplostijden: P1 6 clock hours, P2 10 office hours."""
    [_av, sno] = api.get("/diensten/digid").get_json()["voorwaarden"]
    assert sno["ingangsdatum"] == "2017-12-01"
    assert sno["wijziging"] is None
    termijnen = {v["id"]: v["termijn"] for v in sno["verplichtingen"]}
    assert termijnen["oplostijd-p1"] == {"aantal": 6, "eenheid": "uren"}
    assert termijnen["oplostijd-p2"] == {"aantal": 10, "eenheid": "kantooruren"}


def test_mijnoverheid_shows_its_change_rule(api):
    """MO 8.1 and 8.2."""
    detail = api.get("/diensten/mijnoverheid").get_json()
    assert [o["naam"] for o in detail["onderdelen"]] == [
        "Berichtenbox", "Persoonlijke Gegevens", "Lopende Zaken"]
    mo = detail["voorwaarden"][1]
    assert mo["wijziging"]["aankondigingArtikel"] == "MO 8.1"
    assert mo["wijziging"]["eindeNaAfwijzing"] == {"aantal": 2, "eenheid": "kalendermaanden"}


def test_vwo_is_only_for_gemeenten(api):
    detail = api.get("/diensten/vwo").get_json()
    assert detail["afnemertypes"] == ["gemeente"]
    assert detail["voorwaarden"][1]["ingangsdatum"] == "2024-02-15"
    assert _verplichting(detail["voorwaarden"][1], "VWO 5.1")["termijn"] == {
        "aantal": 24, "eenheid": "uren"}


def test_unknown_dienst_is_404_problem_json(api):
    response = api.get("/diensten/eherkenning")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 404 and body["code"] == "niet-gevonden"
    assert "eherkenning" in body["detail"]
    assert body["instance"] == "/api/v1/diensten/eherkenning"


@pytest.mark.parametrize("path", ["/diensten", "/diensten/digid", "/diensten/eherkenning"])
def test_without_a_token_is_401_with_www_authenticate(api, path):
    response = api.as_(None).get(path)
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer ")
    assert response.get_json()["status"] == 401
    assert "resultaten" not in response.get_json()


def test_an_unknown_token_is_401(api):
    response = api.as_("afp_" + "x" * 43).get("/diensten")
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


@pytest.mark.parametrize("rol", [Rol.AFNEMER_MEDEWERKER, Rol.AFNEMER_BEHEERDER])
def test_an_afnemer_token_reads_the_diensten(api, maak_afnemer, token_voor, rol):
    """Diensten are public reference data for every authenticated afnemer."""
    afnemer = api.as_(token_voor(maak_afnemer()["id"], rol))
    assert afnemer.get("/diensten").get_json() == api.get("/diensten").get_json()
    response = afnemer.get("/diensten/digid")
    assert response.status_code == 200
    assert response.get_json() == api.get("/diensten/digid").get_json()


def test_diensten_cannot_be_written(api):
    """The plugins declare the diensten; the API only reads them."""
    for method, path in (("POST", "/diensten"), ("PATCH", "/diensten/digid"),
                         ("DELETE", "/diensten/digid")):
        response = api.request(method, path, json={"slug": "x"})
        assert response.status_code == 405, (method, path)
        assert response.mimetype == "application/problem+json"
        assert "GET" in response.headers["Allow"]


def test_a_blocked_plugin_disappears_from_the_api(database_urls, backend, logius_token):
    zonder = Api(make_app(database_urls[backend], BLOCKED_PLUGINS="digipoort").test_client(),
                 logius_token)
    slugs = [d["slug"] for d in zonder.get("/diensten").get_json()["resultaten"]]
    assert slugs == [s for s in geinstalleerd() if s != "digipoort"]
    assert "digipoort" not in slugs and {"digid", "mijnoverheid", "vwo"} <= set(slugs)
    assert zonder.get("/diensten/digipoort").status_code == 404


def test_an_extra_plugin_is_served_like_a_builtin_one(database_urls, backend, logius_token):
    class EHerkenning:
        @hookimpl
        def dienst_info(self):
            return DienstInfo(slug="eherkenning", naam="eHerkenning", omschrijving="Inloggen",
                              bron="Voorwaarden eHerkenning 1.0",
                              omgevingen=(Keuze("productie", "Productie"),))

        @hookimpl
        def dienst_voorwaarden(self):
            return []

    app = create_app({"DATABASE_URL": database_urls[backend], "TESTING": True,
                      "SECRET_KEY": "test"}, plugins=[("eherkenning", EHerkenning())])
    try:
        met = Api(app.test_client(), logius_token)
        slugs = [d["slug"] for d in met.get("/diensten").get_json()["resultaten"]]
        assert slugs == sorted([*geinstalleerd(), "eherkenning"])
        detail = met.get("/diensten/eherkenning").get_json()
        assert detail["naam"] == "eHerkenning"
        assert [v["id"] for v in detail["voorwaarden"]] == ["algemene-voorwaarden"]
    finally:
        db.dispose(app)
