"""``afnemersportaal backup`` and ``restore`` on both backends: a backup restored into an
empty database holds every row of every table (a dienst's own tables and version
tables too), a database with rows is only replaced on ``--vervang``, the file is 0600,
and a backup of the other backend or of an older schema is named as such."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading

import pytest
from sqlalchemy import text

from core import demo
from core.auth.principal import Rol
from core.backup import backup
from core.cli import main
from core.db import db, make_engine
from core.migrate import head_revision, upgrade
from tests.conftest import make_app
from tests.support.databasekopie import inhoud, lege_database


def invoke(url_of_app, *args: str):
    """Run the command in-process against the app (or a new app on a database URL)."""
    app = url_of_app if not isinstance(url_of_app, str) else make_app(url_of_app)
    # Its own app context: the commands' with_appcontext keeps one that is active.
    with app.app_context():
        return app.test_cli_runner().invoke(main, list(args))


@pytest.fixture
def leeg(backend, request, tmp_path):
    pg = request.getfixturevalue("postgresql_url") if backend == "postgresql" else None
    with lege_database(backend, pg, tmp_path) as url:
        yield url


@pytest.fixture
def gevuld(app, api, token_voor, database_urls, backend) -> str:
    """The test database with the demo data and rows in the vwo dienst's own tables."""
    with app.app_context():
        afnemer_id = demo.load().id
    eigen = api.as_(token_voor(afnemer_id, Rol.AFNEMER_BEHEERDER))
    overeenkomst = eigen.post(f"/afnemers/{afnemer_id}/vwo-overeenkomsten", json={
        "hoofdovereenkomstNaam": "Aansluitovereenkomst backup",
        "hoofdovereenkomstDatum": "2026-01-15", "diensten": ["digid"]})
    assert overeenkomst.status_code == 201, overeenkomst.get_json()
    verwerking = eigen.post(
        f"/afnemers/{afnemer_id}/vwo-overeenkomsten/{overeenkomst.get_json()['id']}"
        "/verwerkingen",
        json={"naam": "Inloggen met DigiD", "dienst": "digid",
              "doeleinden": ["Inwoners laten inloggen"], "categorieenBetrokkenen": ["Inwoners"],
              "categorieenPersoonsgegevens": ["bsn"], "doorgifteBuitenEer": False})
    assert verwerking.status_code == 201, verwerking.get_json()
    return database_urls[backend]


def test_backup_then_restore_reproduces_every_row_and_refuses_a_database_with_rows(
        app, gevuld, leeg, tmp_path, backend):
    bestand = tmp_path / "afnemersportaal.backup"
    oud = os.umask(0)  # the most permissive umask: the file is 0600 all the same
    try:
        uit = invoke(app, "backup", str(bestand))
    finally:
        os.umask(oud)
    assert uit.exit_code == 0, uit.output
    assert stat.S_IMODE(bestand.stat().st_mode) == 0o600
    assert str(bestand) in uit.output and backend in uit.output
    assert f"schema: {head_revision()}" in uit.output and "dienst vwo: vwo" in uit.output
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []

    origineel = inhoud(gevuld)
    gevuld_tabellen = {t for t, rijen in origineel.items() if rijen}
    assert {"afnemers", "aansluitingen", "api_tokens", "alembic_version", "vwo_alembic_version",
            "vwo_overeenkomsten", "vwo_verwerkingen"} <= gevuld_tabellen

    hersteld = invoke(leeg, "restore", str(bestand))
    assert hersteld.exit_code == 0, hersteld.output
    assert "geen upgrade nodig" in hersteld.output
    assert inhoud(leeg) == origineel

    # Rows now: a second restore without --vervang is refused and changes nothing.
    engine = make_engine(leeg)
    with engine.begin() as verbinding:
        verbinding.execute(text("DELETE FROM vwo_verwerkingsversies"))
        verbinding.execute(text("DELETE FROM vwo_verwerkingen"))
    engine.dispose()
    geweigerd = invoke(leeg, "restore", str(bestand))
    assert geweigerd.exit_code != 0
    assert "niet leeg" in geweigerd.output and "--vervang" in geweigerd.output
    assert inhoud(leeg)["vwo_verwerkingen"] == []

    vervangen = invoke(leeg, "restore", str(bestand), "--vervang")
    assert vervangen.exit_code == 0, vervangen.output
    assert inhoud(leeg) == origineel


def test_restore_refuses_a_backup_of_the_other_backend(app, backend, tmp_path):
    bestand = tmp_path / "ander.backup"
    if backend == "sqlite":
        bestand.write_bytes(b"PGDMP\x01\x0f\x00" + bytes(64))
    else:
        verbinding = sqlite3.connect(bestand)
        verbinding.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
        verbinding.commit()
        verbinding.close()
    uit = invoke(app, "restore", str(bestand), "--vervang")
    assert uit.exit_code != 0
    assert "SQLite" in uit.output and "PostgreSQL" in uit.output, uit.output


def test_a_backup_of_an_older_schema_says_to_upgrade(tmp_path):
    oud = f"sqlite:///{tmp_path / 'oud.sqlite'}"
    upgrade(oud, "0017")
    backup(oud, tmp_path / "oud.backup")
    app = make_app(f"sqlite:///{tmp_path / 'nieuw.sqlite'}")
    uit = invoke(app, "restore", str(tmp_path / "oud.backup"))
    assert uit.exit_code == 0, uit.output
    assert "staat op 0017" in uit.output and "afnemersportaal db upgrade" in uit.output
    with app.app_context():
        assert db.session.execute(text("SELECT version_num FROM alembic_version")).scalar() \
            == "0017"


def test_a_sqlite_copy_that_keeps_being_overtaken_still_holds_one_moment(tmp_path, monkeypatch):
    """Writes between the steps of SQLite's backup make it start over; after a few restarts
    the copy is made in one step. Either way each transaction is in it whole or not at all."""
    from core import backup as module

    bron = tmp_path / "bron.sqlite"
    verbinding = sqlite3.connect(bron, isolation_level=None)
    verbinding.execute("PRAGMA journal_mode=WAL")
    verbinding.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
    verbinding.execute("INSERT INTO alembic_version VALUES ('0018')")
    verbinding.execute("CREATE TABLE boek (n INTEGER PRIMARY KEY, tekst TEXT)")
    verbinding.execute("CREATE TABLE spiegel (n INTEGER PRIMARY KEY)")
    verbinding.execute("BEGIN")
    verbinding.executemany("INSERT INTO boek VALUES (?, ?)", ((n, "x" * 500) for n in range(4000)))
    verbinding.executemany("INSERT INTO spiegel VALUES (?)", ((n,) for n in range(4000)))
    verbinding.execute("COMMIT")
    verbinding.close()

    stop, bezig = threading.Event(), threading.Event()

    def schrijf() -> None:  # each transaction: one row in each table
        eigen = sqlite3.connect(bron, isolation_level=None)
        eigen.execute("PRAGMA busy_timeout=5000")
        n = 4000
        while not stop.is_set():
            eigen.execute("BEGIN IMMEDIATE")
            eigen.execute("INSERT INTO boek VALUES (?, ?)", (n, "y" * 500))
            eigen.execute("INSERT INTO spiegel VALUES (?)", (n,))
            eigen.execute("COMMIT")
            bezig.set()
            n += 1
        eigen.close()

    monkeypatch.setattr(module, "STAP_PAGINAS", 8)  # ~2,400 pages: some 300 steps
    schrijver = threading.Thread(target=schrijf)
    schrijver.start()
    assert bezig.wait(10)
    try:
        uit = backup(f"sqlite:///{bron}", tmp_path / "kopie.backup")
    finally:
        stop.set()
        schrijver.join()
    assert any("opnieuw begonnen" in o for o in uit.opmerkingen), uit.opmerkingen
    kopie = sqlite3.connect(tmp_path / "kopie.backup")
    boek = [n for (n,) in kopie.execute("SELECT n FROM boek ORDER BY n")]
    assert boek == list(range(len(boek))) and len(boek) >= 4000
    assert [n for (n,) in kopie.execute("SELECT n FROM spiegel ORDER BY n")] == boek
    assert kopie.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    kopie.close()
