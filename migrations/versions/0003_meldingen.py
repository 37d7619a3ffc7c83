"""meldingen: outbox, bezorgingen, webhooks

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 18:45:37.397643
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('gebeurtenissen',
    sa.Column('afnemer_id', sa.Uuid(), nullable=True),
    sa.Column('type', sa.String(length=80), nullable=False),
    sa.Column('onderwerp', sa.String(length=300), nullable=False),
    sa.Column('tekst', sa.Text(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_gebeurtenissen_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gebeurtenissen'))
    )
    with op.batch_alter_table('gebeurtenissen', schema=None) as batch_op:
        batch_op.create_index('ix_gebeurtenissen_afnemer_tijd', ['afnemer_id', 'aangemaakt_op'], unique=False)

    op.create_table('webhook_endpoints',
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('omschrijving', sa.String(length=200), nullable=True),
    sa.Column('typen', sa.JSON(), nullable=False),
    sa.Column('geheim_versleuteld', sa.Text(), nullable=False),
    sa.Column('actief', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_webhook_endpoints_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_endpoints'))
    )
    with op.batch_alter_table('webhook_endpoints', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_webhook_endpoints_afnemer_id'), ['afnemer_id'], unique=False)

    op.create_table('bezorgingen',
    sa.Column('gebeurtenis_id', sa.Uuid(), nullable=False),
    sa.Column('afnemer_id', sa.Uuid(), nullable=True),
    sa.Column('kanaal', sa.String(length=20), nullable=False),
    sa.Column('webhook_id', sa.Uuid(), nullable=True),
    sa.Column('adres', sa.String(length=2000), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('pogingen', sa.Integer(), nullable=False),
    sa.Column('volgende_poging_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('geclaimd_tot', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('laatste_fout', sa.Text(), nullable=True),
    sa.Column('laatste_poging_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('bezorgd_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_bezorgingen_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['gebeurtenis_id'], ['gebeurtenissen.id'], name=op.f('fk_bezorgingen_gebeurtenis_id_gebeurtenissen'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['webhook_id'], ['webhook_endpoints.id'], name=op.f('fk_bezorgingen_webhook_id_webhook_endpoints'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bezorgingen'))
    )
    with op.batch_alter_table('bezorgingen', schema=None) as batch_op:
        batch_op.create_index('ix_bezorgingen_afnemer', ['afnemer_id', 'aangemaakt_op'], unique=False)
        batch_op.create_index(batch_op.f('ix_bezorgingen_gebeurtenis_id'), ['gebeurtenis_id'], unique=False)
        batch_op.create_index('ix_bezorgingen_te_doen', ['status', 'volgende_poging_op'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('bezorgingen', schema=None) as batch_op:
        batch_op.drop_index('ix_bezorgingen_te_doen')
        batch_op.drop_index(batch_op.f('ix_bezorgingen_gebeurtenis_id'))
        batch_op.drop_index('ix_bezorgingen_afnemer')

    op.drop_table('bezorgingen')
    with op.batch_alter_table('webhook_endpoints', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_webhook_endpoints_afnemer_id'))

    op.drop_table('webhook_endpoints')
    with op.batch_alter_table('gebeurtenissen', schema=None) as batch_op:
        batch_op.drop_index('ix_gebeurtenissen_afnemer_tijd')

    op.drop_table('gebeurtenissen')
