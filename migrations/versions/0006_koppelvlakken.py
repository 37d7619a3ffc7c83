"""koppelvlakken en agenda

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 20:10:43.580083
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('herinneringen',
    sa.Column('sleutel', sa.String(length=300), nullable=False),
    sa.Column('verstuurd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_herinneringen')),
    sa.UniqueConstraint('sleutel', name=op.f('uq_herinneringen_sleutel'))
    )
    op.create_table('koppelvlak_versies',
    sa.Column('dienst', sa.String(length=40), nullable=False),
    sa.Column('koppelvlak', sa.String(length=80), nullable=False),
    sa.Column('nummer', sa.String(length=40), nullable=False),
    sa.Column('ondersteund_sinds', sa.Date(), nullable=False),
    sa.Column('verouderd_sinds', sa.Date(), nullable=True),
    sa.Column('sunset_op', sa.Date(), nullable=True),
    sa.Column('opvolger', sa.String(length=40), nullable=True),
    sa.Column('sunset_aangekondigd_op', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_koppelvlak_versies')),
    sa.UniqueConstraint('dienst', 'koppelvlak', 'nummer', name=op.f('uq_koppelvlak_versies_dienst'))
    )
    op.create_table('agenda_sleutels',
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('aangemaakt_door', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_agenda_sleutels_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_sleutels')),
    sa.UniqueConstraint('afnemer_id', name=op.f('uq_agenda_sleutels_afnemer_id')),
    sa.UniqueConstraint('hash', name=op.f('uq_agenda_sleutels_hash'))
    )
    op.create_table('koppelvlak_gebruik',
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('aansluiting_id', sa.Uuid(), nullable=False),
    sa.Column('koppelvlak', sa.String(length=80), nullable=False),
    sa.Column('nummer', sa.String(length=40), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['aansluiting_id'], ['aansluitingen.id'], name=op.f('fk_koppelvlak_gebruik_aansluiting_id_aansluitingen'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_koppelvlak_gebruik_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_koppelvlak_gebruik')),
    sa.UniqueConstraint('aansluiting_id', 'koppelvlak', name=op.f('uq_koppelvlak_gebruik_aansluiting_id'))
    )
    with op.batch_alter_table('koppelvlak_gebruik', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_koppelvlak_gebruik_afnemer_id'), ['afnemer_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('koppelvlak_gebruik', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_koppelvlak_gebruik_afnemer_id'))

    op.drop_table('koppelvlak_gebruik')
    op.drop_table('agenda_sleutels')
    op.drop_table('koppelvlak_versies')
    op.drop_table('herinneringen')
