"""The audit log as an append-only hash chain (``core.audit.keten``, migration 0015).

``afnemersportaal audit verify`` walks the chain and names the first row that was
changed or whose predecessor was removed; the app refuses to update or delete a row;
on PostgreSQL a trigger refuses it to any client; an afnemer's rows outlive it.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError

from core.audit.keten import GENESIS, AlleenToevoegen, bereken_hash, controleer
from core.audit.models import AuditRegel
from core.cli import main
from core.db import db


def _verify(app):
    return app.test_cli_runner().invoke(main, ["audit", "verify"])


def _regels(app) -> list[dict]:
    """The stored rows, as they are in the table, in id order."""
    tabel = AuditRegel.__table__
    with app.app_context():
        return [dict(r) for r in
                db.session.execute(select(tabel).order_by(tabel.c.id)).mappings()]


def _schrijf(afnemer_id: str, maak_contactpersoon, api, n: int = 3) -> None:
    for i in range(n):
        contact = maak_contactpersoon(afnemer_id)
        url = f"/afnemers/{afnemer_id}/contactpersonen/{contact['id']}"
        etag = api.get(url).headers["ETag"]
        assert api.patch(url, json={"naam": f"Naam {i}"},
                         headers={"If-Match": etag}).status_code == 200


def _buiten_de_app(app, sql: str, **params) -> None:
    """Raw SQL past the app's guard; on PostgreSQL with the trigger switched off for
    this transaction only (as the table's owner could)."""
    with app.app_context(), db.engine.begin() as verbinding:
        pg = verbinding.dialect.name == "postgresql"
        if pg:
            verbinding.execute(text("ALTER TABLE audit_regels DISABLE TRIGGER "
                                    "audit_regels_alleen_toevoegen"))
        verbinding.execute(text(sql), params)
        if pg:
            verbinding.execute(text("ALTER TABLE audit_regels ENABLE TRIGGER "
                                    "audit_regels_alleen_toevoegen"))


def test_every_write_extends_one_chain_that_verifies(app, api, maak_afnemer,
                                                     maak_contactpersoon):
    a, b = maak_afnemer(), maak_afnemer()
    _schrijf(a["id"], maak_contactpersoon, api)
    _schrijf(b["id"], maak_contactpersoon, api)
    regels = _regels(app)
    assert len(regels) == 2 + 2 * 3 * 2
    assert regels[0]["vorige_hash"] == GENESIS
    for vorige, regel in zip(regels, regels[1:], strict=False):
        assert regel["vorige_hash"] == vorige["hash"]
    assert all(r["hash"] == bereken_hash(r, r["vorige_hash"]) for r in regels)

    uit = _verify(app)
    assert uit.exit_code == 0, uit.stderr
    assert f"{len(regels)} auditregels gecontroleerd: OK" in uit.stdout
    assert f"kop: auditregel {regels[-1]['id']}, hash {regels[-1]['hash']}" in uit.stdout


def test_a_changed_row_is_found_with_its_id(app, api, maak_afnemer, maak_contactpersoon):
    afnemer = maak_afnemer()
    _schrijf(afnemer["id"], maak_contactpersoon, api)
    regels = _regels(app)
    doel = regels[3]
    _buiten_de_app(app, "UPDATE audit_regels SET actor_naam = 'Iemand anders' WHERE id = :id",
                   id=doel["id"])
    uit = _verify(app)
    assert uit.exit_code == 1
    assert f"3 auditregels in orde, dan een breuk bij auditregel {doel['id']}: de inhoud " \
           "is gewijzigd" in uit.stderr
    with app.app_context():
        assert controleer(db.session.connection()).breuk_id == doel["id"]


def test_a_removed_row_is_found_at_the_row_after_it(app, api, maak_afnemer,
                                                    maak_contactpersoon):
    afnemer = maak_afnemer()
    _schrijf(afnemer["id"], maak_contactpersoon, api)
    regels = _regels(app)
    _buiten_de_app(app, "DELETE FROM audit_regels WHERE id = :id", id=regels[2]["id"])
    uit = _verify(app)
    assert uit.exit_code == 1
    assert f"breuk bij auditregel {regels[3]['id']}: vorige_hash" in uit.stderr
    assert "verwijderd, ingevoegd of verplaatst" in uit.stderr


def test_deleting_an_afnemer_keeps_its_audit_rows(app, api, maak_afnemer,
                                                  maak_contactpersoon):
    a, b = maak_afnemer(), maak_afnemer()
    _schrijf(a["id"], maak_contactpersoon, api, 1)
    voor = [(r["id"], r["hash"]) for r in _regels(app) if str(r["afnemer_id"]) == a["id"]]
    assert len(voor) == 3
    with app.app_context():
        sqlite = db.engine.dialect.name == "sqlite"
        db.session.execute(text("DELETE FROM afnemers WHERE id = :id"),
                           {"id": uuid.UUID(a["id"]).hex if sqlite else uuid.UUID(a["id"])})
        db.session.commit()
    assert api.get(f"/afnemers/{a['id']}").status_code == 404
    assert [(r["id"], r["hash"]) for r in _regels(app)
            if str(r["afnemer_id"]) == a["id"]] == voor
    # The chain goes on past them.
    maak_contactpersoon(b["id"])
    assert _verify(app).exit_code == 0


def test_the_app_never_updates_or_deletes_an_audit_row(app, maak_afnemer):
    maak_afnemer()
    with app.app_context():
        regel = db.session.execute(select(AuditRegel)).scalars().one()
        regel.actor_naam = "Iemand anders"
        with pytest.raises(AlleenToevoegen, match="nooit gewijzigd"):
            db.session.flush()
        db.session.rollback()
        db.session.delete(db.session.execute(select(AuditRegel)).scalars().one())
        with pytest.raises(AlleenToevoegen, match="nooit verwijderd"):
            db.session.flush()
        db.session.rollback()
        with pytest.raises(AlleenToevoegen):
            db.session.execute(update(AuditRegel).values(actor="x"))
        with pytest.raises(AlleenToevoegen):
            db.session.execute(delete(AuditRegel.__table__))
        db.session.rollback()
    assert _verify(app).exit_code == 0


def test_postgresql_refuses_update_and_delete_to_any_client(app, backend, maak_afnemer):
    if backend != "postgresql":
        pytest.skip("the trigger is PostgreSQL's; SQLite relies on the app and the chain")
    maak_afnemer()
    for sql in ("UPDATE audit_regels SET actor = 'x'", "DELETE FROM audit_regels"):
        with app.app_context(), db.engine.connect() as verbinding:
            with pytest.raises(DBAPIError, match="append-only"):
                verbinding.execute(text(sql))
    assert len(_regels(app)) == 1
