"""aansluitroutes: onboarding routes, the progress of each aansluiting's steps

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 11:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('aansluitroute_stappen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('aansluiting_id', sa.Uuid(), nullable=False),
    sa.Column('dienst', sa.String(length=40), nullable=False),
    sa.Column('stap', sa.String(length=60), nullable=False),
    sa.Column('volgnummer', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('open_sinds', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('afgerond_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('afgerond_door', sa.String(length=200), nullable=True),
    sa.Column('uiterlijk', sa.Date(), nullable=True),
    sa.Column('te_laat', sa.Boolean(), nullable=False),
    sa.Column('bewijs', sa.String(length=500), nullable=True),
    sa.Column('toelichting', sa.Text(), nullable=True),
    sa.Column('afgewezen_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('afgewezen_door', sa.String(length=200), nullable=True),
    sa.Column('reden_afwijzing', sa.Text(), nullable=True),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['aansluiting_id'], ['aansluitingen.id'],
                            name=op.f('fk_aansluitroute_stappen_aansluiting_id_aansluitingen'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'],
                            name=op.f('fk_aansluitroute_stappen_afnemer_id_afnemers'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aansluitroute_stappen')),
    sa.UniqueConstraint('aansluiting_id', 'stap', name='uq_aansluitroute_stappen_stap')
    )
    with op.batch_alter_table('aansluitroute_stappen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aansluitroute_stappen_afnemer_id'), ['afnemer_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_aansluitroute_stappen_aansluiting_id'),
                              ['aansluiting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aansluitroute_stappen_dienst'), ['dienst'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('aansluitroute_stappen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aansluitroute_stappen_dienst'))
        batch_op.drop_index(batch_op.f('ix_aansluitroute_stappen_aansluiting_id'))
        batch_op.drop_index(batch_op.f('ix_aansluitroute_stappen_afnemer_id'))
    op.drop_table('aansluitroute_stappen')
