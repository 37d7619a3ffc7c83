"""The ``afnemersportaal`` console script, run as the README runs it: a subprocess."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "afnemersportaal"


def run(database_url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "AFNEMERSPORTAAL_DATABASE_URL": database_url}
    result = subprocess.run([str(SCRIPT), *args], env=env, capture_output=True, text=True,
                            timeout=120)
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def sqlite_file(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite'}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_console_script_is_installed():
    assert SCRIPT.exists(), "pip install -e . installs the afnemersportaal script"
    assert "serve" in run("sqlite://", "--help").stdout


def test_db_upgrade_brings_a_new_database_to_the_newest_migration(sqlite_file):
    from core.migrate import head_revision

    before = run(sqlite_file, "db", "current").stdout
    assert "database: None" in before
    run(sqlite_file, "db", "upgrade")
    assert f"database: {head_revision()}" in run(sqlite_file, "db", "current").stdout


def test_serve_refuses_an_unmigrated_database_and_names_the_command(sqlite_file):
    result = run(sqlite_file, "serve", "--port", str(_free_port()), check=False)
    assert result.returncode != 0
    assert "afnemersportaal db upgrade" in result.stderr


def test_demo_data_is_idempotent_and_prints_working_tokens(sqlite_file):
    run(sqlite_file, "db", "upgrade")
    first = run(sqlite_file, "demo-data", "--tokens").stdout
    values = dict(line.split("=", 1) for line in first.splitlines() if "=" in line)
    assert values["AFNEMER_TOKEN"].startswith("afp_")
    assert values["LOGIUS_TOKEN"].startswith("afp_")
    run(sqlite_file, "demo-data")  # again: nothing is duplicated

    port = _free_port()
    env = {**os.environ, "AFNEMERSPORTAAL_DATABASE_URL": sqlite_file}
    server = subprocess.Popen([str(SCRIPT), "serve", "--port", str(port), "--workers", "2"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/api/v1"

        def get(path: str, token: str) -> tuple[int, dict]:
            request = urllib.request.Request(base + path,
                                             headers={"Authorization": f"Bearer {token}"})
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    return response.status, json.load(response)
            except urllib.error.HTTPError as error:
                return error.code, json.load(error)

        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/openapi.json", timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)

        status, afnemers = get("/afnemers", values["LOGIUS_TOKEN"])
        assert status == 200
        assert afnemers["paginering"]["totaalAantal"] == 3  # not 6: the second run added none
        status, aansluitingen = get(f"/afnemers/{values['AFNEMER_ID']}/aansluitingen",
                                    values["AFNEMER_TOKEN"])
        assert status == 200
        assert {a["dienst"] for a in aansluitingen["resultaten"]} >= {"digid", "mijnoverheid"}
        other = next(a["id"] for a in afnemers["resultaten"] if a["id"] != values["AFNEMER_ID"])
        assert get(f"/afnemers/{other}/aansluitingen", values["AFNEMER_TOKEN"])[0] == 404
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_token_create_prints_a_token_once(sqlite_file):
    run(sqlite_file, "db", "upgrade")
    run(sqlite_file, "demo-data")
    result = run(sqlite_file, "token", "create", "--naam", "koppeling", "--rol",
                 "afnemer-medewerker", "--afnemer", "00000001001234567000")
    assert result.stdout.strip().startswith("afp_")
    assert "geldig tot" in result.stderr


def test_token_create_for_an_afnemer_role_needs_the_afnemer(sqlite_file):
    run(sqlite_file, "db", "upgrade")
    result = run(sqlite_file, "token", "create", "--naam", "x", "--rol", "afnemer-beheerder",
                 check=False)
    assert result.returncode == 2
    assert "--afnemer" in result.stderr


def test_gebruiker_rol_makes_a_logged_in_person_productteam_of_one_dienst(sqlite_file):
    """DESIGN roles: a productteam manages its own dienst's reference data only."""
    from core import create_app
    from core.db import db
    from core.gebruikers.models import Gebruiker

    run(sqlite_file, "db", "upgrade")
    onbekend = run(sqlite_file, "gebruiker", "rol", "pt@logius.example", "--rol", "productteam",
                   "--dienst", "digid", check=False)
    assert onbekend.returncode != 0 and "eerst een keer inloggen" in onbekend.stderr

    app = create_app({"DATABASE_URL": sqlite_file, "SECRET_KEY": "test"})
    with app.app_context():
        db.session.add(Gebruiker(issuer="http://op", subject="s1", email="pt@logius.example",
                                 email_geverifieerd=True, naam="PT"))
        db.session.commit()
    zonder_dienst = run(sqlite_file, "gebruiker", "rol", "PT@logius.example", "--rol",
                        "productteam", check=False)
    assert zonder_dienst.returncode != 0 and "--dienst is verplicht" in zonder_dienst.stderr
    run(sqlite_file, "gebruiker", "rol", "PT@logius.example", "--rol", "productteam",
        "--dienst", "digid")
    with app.app_context():
        gebruiker = db.session.query(Gebruiker).one()
        assert (gebruiker.logius_rol, gebruiker.productteam_dienst) == ("productteam", "digid")
    run(sqlite_file, "gebruiker", "rol", "pt@logius.example", "--rol", "geen")
    with app.app_context():
        gebruiker = db.session.query(Gebruiker).one()
        assert (gebruiker.logius_rol, gebruiker.productteam_dienst) == (None, None)
    db.dispose(app)


def test_token_create_for_a_productteam_names_its_dienst(sqlite_file):
    run(sqlite_file, "db", "upgrade")
    zonder = run(sqlite_file, "token", "create", "--naam", "pt", "--rol", "productteam",
                 check=False)
    assert zonder.returncode == 2 and "--dienst is verplicht" in zonder.stderr
    assert run(sqlite_file, "token", "create", "--naam", "pt", "--rol", "productteam",
               "--dienst", "digipoort").stdout.startswith("afp_")
    verkeerd = run(sqlite_file, "token", "create", "--naam", "x", "--rol", "logius-beheerder",
                   "--dienst", "digipoort", check=False)
    assert verkeerd.returncode == 2


def test_kosten_run_computes_every_afnemers_year_and_stores_it(sqlite_file):
    """DP tabel 1 in a cost run: a gemeente over its voorcalculatie pays 12,000 x 0.59,
    a bedrijf nothing; a year without tariffs leaves the afnemer out and exits 1."""
    from decimal import Decimal

    from sqlalchemy import func, select

    from core.auth import tokens
    from core.auth.principal import Rol
    from core.db import db
    from core.kosten.models import Kostenrun, KostenrunRegel
    from tests.conftest import Api, make_app

    run(sqlite_file, "db", "upgrade")
    app = make_app(sqlite_file)
    with app.app_context():
        token = tokens.issue(naam="cli-test", rol=Rol.LOGIUS_BEHEERDER, afnemer_id=None,
                             door="test").token
        db.session.commit()
    api = Api(app.test_client(), token)
    for url, body in (("/btw-tarieven/2027", {"percentage": "21"}),
                      ("/diensten/digipoort/tarieven/2027/berichtenverkeer", {"bedrag": "0.59"})):
        assert api.request("PUT", url, json=body).status_code == 201
    regels = []
    for naam, soort, oin in (("Gemeente Rekenstad", "gemeente", "00000001001111111000"),
                             ("Rekenfacturen B.V.", "bedrijf", "00000001002222222000")):
        afnemer = api.post("/afnemers", json={"naam": naam, "oin": oin, "type": soort}).get_json()
        aansluiting = api.post(f"/afnemers/{afnemer['id']}/aansluitingen", json={
            "dienst": "digipoort", "omgeving": "productie", "onderdelen": ["e-factureren"],
            "aanvraagOndertekendOp": "2026-01-05"}).get_json()
        assert api.post(f"/afnemers/{afnemer['id']}/aansluitingen/{aansluiting['id']}"
                        "/statuswijzigingen", json={"status": "actief"},
                        headers={"If-Match": "*"}).status_code == 201
        assert api.request("PUT", f"/afnemers/{afnemer['id']}/aansluitingen/{aansluiting['id']}"
                           "/voorcalculaties/2027",
                           json={"volumes": [{"metriek": "berichten", "aantal": 10_000}]}
                           ).status_code == 201
        regels += [{"aansluitingId": aansluiting["id"], "metriek": "berichten",
                    "datum": f"2027-{maand:02d}-01", "aantal": 1000} for maand in range(1, 13)]
    assert api.post("/verbruik", json={"regels": regels}).status_code == 200

    result = run(sqlite_file, "kosten", "run", "--jaar", "2027")
    assert "Kosten 2027" in result.stderr  # the progress bar's label
    assert "voltooid" in result.stdout
    assert "afnemers: 2" in result.stdout
    assert "incl. btw: EUR 7080.00" in result.stdout
    assert "digipoort: excl. EUR 5851.24  btw EUR 1228.76  incl. EUR 7080.00" in result.stdout
    with app.app_context():
        [kostenrun] = db.session.scalars(select(Kostenrun)).all()
        assert (kostenrun.jaar, kostenrun.status, kostenrun.aantal_afnemers) == (
            2027, "voltooid", 2)
        som = db.session.execute(select(func.sum(KostenrunRegel.bedrag_incl_btw)).where(
            KostenrunRegel.kostenrun_id == kostenrun.id)).scalar_one()
        assert Decimal(som) == Decimal("7080.00") == kostenrun.totaal_incl_btw
        assert kostenrun.aantal_regels == db.session.execute(select(func.count()).select_from(
            KostenrunRegel)).scalar_one() == 4  # berichten + basis, per afnemer

    zonder_tarieven = run(sqlite_file, "kosten", "run", "--jaar", "2028", check=False)
    assert zonder_tarieven.returncode == 1
    assert "onvolledig" in zonder_tarieven.stdout
    assert "overgeslagen: Gemeente Rekenstad" in zonder_tarieven.stderr


def test_demo_data_tokens_revoke_the_demo_tokens_it_printed_before(sqlite_file):
    """Each start of ./scripts/serve runs demo-data --tokens: only the tokens printed
    last work. Tokens made otherwise (token create, the API) are not touched."""
    from tests.conftest import Api, make_app

    def tokens(stdout: str) -> dict[str, str]:
        return dict(line.split("=", 1) for line in stdout.splitlines() if "=" in line)

    run(sqlite_file, "db", "upgrade")
    eerste = tokens(run(sqlite_file, "demo-data", "--tokens").stdout)
    eigen = run(sqlite_file, "token", "create", "--naam", "Demo Logius-beheerder", "--rol",
                "logius-beheerder").stdout.strip()
    client = make_app(sqlite_file).test_client()

    def status(token: str) -> int:
        return Api(client, token).get(f"/afnemers/{eerste['AFNEMER_ID']}").status_code

    run(sqlite_file, "demo-data")  # without --tokens: the printed ones stay valid
    assert status(eerste["AFNEMER_TOKEN"]) == status(eerste["LOGIUS_TOKEN"]) == 200
    tweede = tokens(run(sqlite_file, "demo-data", "--tokens").stdout)
    assert eerste["AFNEMER_ID"] == tweede["AFNEMER_ID"]
    for naam in ("AFNEMER_TOKEN", "LOGIUS_TOKEN"):
        assert eerste[naam] != tweede[naam]
        assert status(eerste[naam]) == 401, naam
        assert status(tweede[naam]) == 200, naam
    assert status(eigen) == 200  # same name, but made by token create: not a demo token
