"""identiteit: gebruikers, lidmaatschappen, machine clients, token scopes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 18:24:58.831526
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('gebruikers',
    sa.Column('issuer', sa.String(length=500), nullable=False),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('email_geverifieerd', sa.Boolean(), nullable=False),
    sa.Column('naam', sa.String(length=200), nullable=True),
    sa.Column('logius_rol', sa.String(length=40), nullable=True),
    sa.Column('productteam_dienst', sa.String(length=40), nullable=True),
    sa.Column('laatst_ingelogd_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gebruikers')),
    sa.UniqueConstraint('issuer', 'subject', name=op.f('uq_gebruikers_issuer'))
    )
    with op.batch_alter_table('gebruikers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gebruikers_email'), ['email'], unique=False)

    op.create_table('lidmaatschappen',
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('gebruiker_id', sa.Uuid(), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('rol', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('uitgenodigd_door', sa.String(length=200), nullable=False),
    sa.Column('geaccepteerd_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('beeindigd_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_lidmaatschappen_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['gebruiker_id'], ['gebruikers.id'], name=op.f('fk_lidmaatschappen_gebruiker_id_gebruikers'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lidmaatschappen'))
    )
    with op.batch_alter_table('lidmaatschappen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lidmaatschappen_afnemer_id'), ['afnemer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lidmaatschappen_gebruiker_id'), ['gebruiker_id'], unique=False)
        batch_op.create_index('uq_lidmaatschappen_lopend', ['afnemer_id', 'email'], unique=True, sqlite_where=sa.text("status != 'beeindigd'"), postgresql_where=sa.text("status != 'beeindigd'"))

    op.create_table('machine_clients',
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('client_id', sa.String(length=255), nullable=False),
    sa.Column('naam', sa.String(length=200), nullable=False),
    sa.Column('scopes', sa.JSON(), nullable=False),
    sa.Column('aangemaakt_door', sa.String(length=200), nullable=False),
    sa.Column('ingetrokken_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('laatst_gebruikt_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_machine_clients_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_machine_clients')),
    sa.UniqueConstraint('client_id', name=op.f('uq_machine_clients_client_id'))
    )
    with op.batch_alter_table('machine_clients', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_machine_clients_afnemer_id'), ['afnemer_id'], unique=False)

    # Existing tokens keep what their role allowed: a medewerker reads, others read
    # and write (the same defaults new tokens get).
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scopes', sa.JSON(), nullable=False,
                                      server_default=sa.text("'[\"read\", \"write\"]'")))
        batch_op.add_column(sa.Column('laatst_gebruikt_op', core.db.UTCDateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE api_tokens SET scopes = '[\"read\"]' WHERE rol = 'afnemer-medewerker'"
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.alter_column('scopes', server_default=None, existing_type=sa.JSON(),
                              existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_column('laatst_gebruikt_op')
        batch_op.drop_column('scopes')

    with op.batch_alter_table('machine_clients', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_machine_clients_afnemer_id'))

    op.drop_table('machine_clients')
    with op.batch_alter_table('lidmaatschappen', schema=None) as batch_op:
        batch_op.drop_index('uq_lidmaatschappen_lopend', sqlite_where=sa.text("status != 'beeindigd'"), postgresql_where=sa.text("status != 'beeindigd'"))
        batch_op.drop_index(batch_op.f('ix_lidmaatschappen_gebruiker_id'))
        batch_op.drop_index(batch_op.f('ix_lidmaatschappen_afnemer_id'))

    op.drop_table('lidmaatschappen')
    with op.batch_alter_table('gebruikers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gebruikers_email'))

    op.drop_table('gebruikers')
