"""audit_keten: the audit log as an append-only hash chain

The audit rows no longer cascade away with their afnemer (the foreign key goes;
``afnemer_id`` stays as a plain column), every row gets ``vorige_hash`` and ``hash``
(``core.audit.keten``), computed here for the rows that exist, in id order, and on
PostgreSQL a trigger refuses UPDATE and DELETE on the table.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 10:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db
from core.audit.keten import GENESIS, bereken_hash

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PER = 5_000

TRIGGER_FUNCTIE = """
CREATE FUNCTION audit_regels_alleen_toevoegen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_regels is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$
"""
TRIGGER = """
CREATE TRIGGER audit_regels_alleen_toevoegen
BEFORE UPDATE OR DELETE ON audit_regels
FOR EACH ROW EXECUTE FUNCTION audit_regels_alleen_toevoegen()
"""


def _keten_berekenen() -> None:
    """Chain the rows that exist, in id order, a page at a time."""
    regels = sa.table(
        'audit_regels',
        sa.column('id', sa.BigInteger()),
        sa.column('afnemer_id', sa.Uuid()),
        sa.column('tijdstip', core.db.UTCDateTime(timezone=True)),
        sa.column('actor', sa.String()),
        sa.column('actor_naam', sa.String()),
        sa.column('actie', sa.String()),
        sa.column('resource_type', sa.String()),
        sa.column('resource_id', sa.String()),
        sa.column('wijzigingen', sa.JSON()),
        sa.column('vorige_hash', sa.String()),
        sa.column('hash', sa.String()),
    )
    verbinding = op.get_bind()
    update = (regels.update().where(regels.c.id == sa.bindparam('_id'))
              .values(vorige_hash=sa.bindparam('vorige_hash'), hash=sa.bindparam('hash')))
    vorige, na = GENESIS, None
    while True:
        query = sa.select(regels).order_by(regels.c.id).limit(PER)
        if na is not None:
            query = query.where(regels.c.id > na)
        rijen = verbinding.execute(query).mappings().all()
        if not rijen:
            return
        waarden = []
        for rij in rijen:
            nieuw = bereken_hash(rij, vorige)
            waarden.append({'_id': rij['id'], 'vorige_hash': vorige, 'hash': nieuw})
            vorige = nieuw
        verbinding.execute(update, waarden)
        na = rijen[-1]['id']


def upgrade() -> None:
    with op.batch_alter_table('audit_regels', schema=None) as batch_op:
        batch_op.drop_constraint('fk_audit_regels_afnemer_id_afnemers', type_='foreignkey')
        batch_op.add_column(sa.Column('vorige_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))

    _keten_berekenen()

    with op.batch_alter_table('audit_regels', schema=None) as batch_op:
        batch_op.alter_column('vorige_hash', existing_type=sa.String(length=64),
                              nullable=False)
        batch_op.alter_column('hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_audit_regels_vorige_hash'),
                                          ['vorige_hash'])

    if op.get_bind().dialect.name == 'postgresql':
        op.execute(TRIGGER_FUNCTIE)
        op.execute(TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER IF EXISTS audit_regels_alleen_toevoegen ON audit_regels')
        op.execute('DROP FUNCTION IF EXISTS audit_regels_alleen_toevoegen()')
    # The foreign key comes back with its cascade: rows of afnemers that no longer
    # exist go first (the cascade would have taken them).
    op.execute('DELETE FROM audit_regels WHERE afnemer_id NOT IN (SELECT id FROM afnemers)')
    with op.batch_alter_table('audit_regels', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_audit_regels_vorige_hash'), type_='unique')
        batch_op.drop_column('hash')
        batch_op.drop_column('vorige_hash')
        batch_op.create_foreign_key(batch_op.f('fk_audit_regels_afnemer_id_afnemers'),
                                    'afnemers', ['afnemer_id'], ['id'], ondelete='CASCADE')
