"""``afnemersportaal backup`` of the served product's database while the API writes to it,
on both backends, restored into a fresh database.

One client thread creates contactpersonen one after the other, each confirmed (201)
before the next is sent, so the rows it made form a sequence in commit order. The
backup runs as the operator runs it (a process with the product's environment)
in the middle of that stream. In the restored database:

- every contactpersoon confirmed before the backup started is there;
- the stream's rows are exactly a first part of the sequence (a snapshot of a single
  moment has no row without the ones committed before it), and each has the audit row
  that its transaction wrote, and no audit row lacks its contactpersoon;
- no row refers to a parent that is missing, and the schema is at the newest migration.
"""

from __future__ import annotations

import subprocess
import threading
import time
import uuid

from sqlalchemy import inspect, text

from core.backup import restore
from core.db import make_engine
from core.migrate import current_revision, head_revision
from tests.served.conftest import CLI, Served
from tests.support.databasekopie import lege_database

#: Seconds the stream runs before the backup starts, and after it ended; the pause
#: between two writes (some tens a second: a steady stream, not a load test).
VOORAF, ACHTERAF, PAUZE = 1.0, 0.5, 0.02


def _id(waarde) -> uuid.UUID:
    return waarde if isinstance(waarde, uuid.UUID) else uuid.UUID(str(waarde))


def _wezen(verbinding) -> list[str]:
    """Per foreign key, the rows whose non-null reference names no existing row."""
    uit = []
    insp = inspect(verbinding)
    for tabel in insp.get_table_names():
        for fk in insp.get_foreign_keys(tabel):
            paren = list(zip(fk["constrained_columns"], fk["referred_columns"], strict=True))
            gevuld = " AND ".join(f'k."{kolom}" IS NOT NULL' for kolom, _ in paren)
            gelijk = " AND ".join(f'k."{kolom}" = o."{ref}"' for kolom, ref in paren)
            aantal = verbinding.execute(text(
                f'SELECT COUNT(*) FROM "{tabel}" k WHERE {gevuld} AND NOT EXISTS '
                f'(SELECT 1 FROM "{fk["referred_table"]}" o WHERE {gelijk})')).scalar()
            if aantal:
                uit.append(f"{tabel} -> {fk['referred_table']}: {aantal}")
    return uit


def test_a_backup_taken_during_writes_restores_a_single_consistent_moment(
        served: Served, request, tmp_path):
    afnemer = served.maak_afnemer()["id"]
    tokens = [served.token_voor(afnemer) for _ in range(3)]
    bevestigd: list[tuple[float, uuid.UUID]] = []  # (when the 201 came, id), in order
    anders: list[int] = []
    stop = threading.Event()

    def schrijf() -> None:
        n = 0
        while not stop.is_set():
            antwoord = served.post(f"/afnemers/{afnemer}/contactpersonen", tokens[n % 3], json={
                "naam": f"Stroom {n}", "email": f"stroom{n}@voorbeeld.nl",
                "telefoon": "070 123 4567", "rol": "algemeen"})
            if antwoord.status_code == 201:
                bevestigd.append((time.monotonic(), _id(antwoord.json()["id"])))
            else:
                anders.append(antwoord.status_code)
            n += 1
            time.sleep(PAUZE)

    schrijver = threading.Thread(target=schrijf, daemon=True)
    schrijver.start()
    bestand = tmp_path / "served.backup"
    try:
        time.sleep(VOORAF)
        begin = time.monotonic()
        backup = subprocess.run([str(CLI), "backup", str(bestand)], env=served.env,
                                cwd=served.workdir, capture_output=True, text=True, timeout=120)
        einde = time.monotonic()
        time.sleep(ACHTERAF)
    finally:
        stop.set()
        schrijver.join(timeout=60)
    assert backup.returncode == 0, backup.stderr
    assert not anders, anders
    voor = [i for t, i in bevestigd if t < begin]
    tijdens = [i for t, i in bevestigd if begin <= t < einde]
    assert len(voor) >= 5 and tijdens, (len(voor), len(tijdens))
    print(f"\n[{served.backend}] {len(bevestigd)} rows written, {len(voor)} before the "
          f"backup, {len(tijdens)} during its {einde - begin:.2f} s\n{backup.stdout}")

    pg = request.getfixturevalue("postgresql_url") if served.backend == "postgresql" else None
    with lege_database(served.backend, pg, tmp_path) as leeg:
        # The command itself is tested in tests/cli/test_backup.py; its work, here.
        restore(leeg, bestand)
        engine = make_engine(leeg)
        try:
            assert current_revision(engine) == head_revision()
            with engine.connect() as verbinding:
                assert "vwo_alembic_version" in inspect(verbinding).get_table_names()
                assert _wezen(verbinding) == []
                personen = {_id(i) for i, a in verbinding.execute(
                    text("SELECT id, afnemer_id FROM contactpersonen")) if _id(a) == _id(afnemer)}
                audit = {_id(r) for r, a in verbinding.execute(text(
                    "SELECT resource_id, afnemer_id FROM audit_regels WHERE resource_type = "
                    "'contactpersonen' AND actie = 'aangemaakt'"))
                         if a is not None and _id(a) == _id(afnemer)}
        finally:
            engine.dispose()

    volgorde = [i for _t, i in bevestigd]
    assert set(voor) <= personen
    # One moment: the first len(personen) rows of the stream, no more, no fewer.
    assert personen == set(volgorde[:len(personen)]), "a row without an earlier one"
    assert audit == personen
