"""intermediair personen: the people and machine clients of an intermediair

People of an intermediair (invited by e-mail, members from their first verified login;
one live membership per e-mail), and machine clients bound to an intermediair instead of
an afnemer (exactly one of the two).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 14:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LOPEND = sa.text("status != 'beeindigd'")
NIET_INGETROKKEN = sa.text("ingetrokken_op IS NULL")


def upgrade() -> None:
    op.create_table('intermediair_medewerkers',
    sa.Column('intermediair_id', sa.Uuid(), nullable=False),
    sa.Column('gebruiker_id', sa.Uuid(), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('uitgenodigd_door', sa.String(length=200), nullable=False),
    sa.Column('geaccepteerd_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('beeindigd_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['gebruiker_id'], ['gebruikers.id'],
                            name=op.f('fk_intermediair_medewerkers_gebruiker_id_gebruikers'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['intermediair_id'], ['intermediairs.id'],
                            name=op.f('fk_intermediair_medewerkers_intermediair_id_intermediairs'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intermediair_medewerkers'))
    )
    with op.batch_alter_table('intermediair_medewerkers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intermediair_medewerkers_gebruiker_id'),
                              ['gebruiker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_intermediair_medewerkers_intermediair_id'),
                              ['intermediair_id'], unique=False)
        batch_op.create_index('uq_intermediair_medewerkers_lopend', ['email'], unique=True,
                              sqlite_where=LOPEND, postgresql_where=LOPEND)

    # SQLite rebuilds the table here: its partial unique index is dropped and made again,
    # so that it keeps its WHERE clause.
    with op.batch_alter_table('machine_clients', schema=None) as batch_op:
        batch_op.drop_index('uq_machine_clients_issuer_client', sqlite_where=NIET_INGETROKKEN,
                            postgresql_where=NIET_INGETROKKEN)
        batch_op.add_column(sa.Column('intermediair_id', sa.Uuid(), nullable=True))
        batch_op.alter_column('afnemer_id', existing_type=sa.Uuid(), nullable=True)
        batch_op.create_index(batch_op.f('ix_machine_clients_intermediair_id'),
                              ['intermediair_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_machine_clients_intermediair_id_intermediairs'),
                                    'intermediairs', ['intermediair_id'], ['id'],
                                    ondelete='CASCADE')
        batch_op.create_check_constraint(
            'een_partij', '(afnemer_id IS NULL) <> (intermediair_id IS NULL)')
        batch_op.create_index('uq_machine_clients_issuer_client', ['issuer', 'client_id'],
                              unique=True, sqlite_where=NIET_INGETROKKEN,
                              postgresql_where=NIET_INGETROKKEN)


def downgrade() -> None:
    # An intermediair's machine clients have no afnemer to go back to.
    op.execute("DELETE FROM machine_clients WHERE afnemer_id IS NULL")
    with op.batch_alter_table('machine_clients', schema=None) as batch_op:
        batch_op.drop_index('uq_machine_clients_issuer_client', sqlite_where=NIET_INGETROKKEN,
                            postgresql_where=NIET_INGETROKKEN)
        batch_op.drop_constraint(batch_op.f('ck_machine_clients_een_partij'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_machine_clients_intermediair_id_intermediairs'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_machine_clients_intermediair_id'))
        batch_op.alter_column('afnemer_id', existing_type=sa.Uuid(), nullable=False)
        batch_op.drop_column('intermediair_id')
        batch_op.create_index('uq_machine_clients_issuer_client', ['issuer', 'client_id'],
                              unique=True, sqlite_where=NIET_INGETROKKEN,
                              postgresql_where=NIET_INGETROKKEN)
    with op.batch_alter_table('intermediair_medewerkers', schema=None) as batch_op:
        batch_op.drop_index('uq_intermediair_medewerkers_lopend', sqlite_where=LOPEND,
                            postgresql_where=LOPEND)
        batch_op.drop_index(batch_op.f('ix_intermediair_medewerkers_intermediair_id'))
        batch_op.drop_index(batch_op.f('ix_intermediair_medewerkers_gebruiker_id'))
    op.drop_table('intermediair_medewerkers')
