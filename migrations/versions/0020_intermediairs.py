"""intermediairs: intermediairs and the mandates afnemers grant them

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 11:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('intermediairs',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('naam', sa.String(length=200), nullable=False),
    sa.Column('kvk_nummer', sa.String(length=8), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('aangemaakt_door', sa.String(length=200), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intermediairs')),
    sa.UniqueConstraint('kvk_nummer', name=op.f('uq_intermediairs_kvk_nummer'))
    )
    op.create_table('mandaten',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('intermediair_id', sa.Uuid(), nullable=False),
    sa.Column('diensten', sa.JSON(), nullable=False),
    sa.Column('resources', sa.JSON(), nullable=False),
    sa.Column('rechten', sa.JSON(), nullable=False),
    sa.Column('geldig_tot', sa.Date(), nullable=False),
    sa.Column('verleend_door', sa.String(length=200), nullable=False),
    sa.Column('ingetrokken_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('ingetrokken_door', sa.String(length=200), nullable=True),
    sa.Column('einde_gemeld_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'],
                            name=op.f('fk_mandaten_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['intermediair_id'], ['intermediairs.id'],
                            name=op.f('fk_mandaten_intermediair_id_intermediairs'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mandaten'))
    )
    with op.batch_alter_table('mandaten', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mandaten_afnemer_id'), ['afnemer_id'], unique=False)
        batch_op.create_index('ix_mandaten_intermediair_afnemer',
                              ['intermediair_id', 'afnemer_id'], unique=False)
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('intermediair_id', sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f('ix_api_tokens_intermediair_id'), ['intermediair_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_api_tokens_intermediair_id_intermediairs'),
                                    'intermediairs', ['intermediair_id'], ['id'],
                                    ondelete='CASCADE')


def downgrade() -> None:
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_api_tokens_intermediair_id_intermediairs'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_api_tokens_intermediair_id'))
        batch_op.drop_column('intermediair_id')
    with op.batch_alter_table('mandaten', schema=None) as batch_op:
        batch_op.drop_index('ix_mandaten_intermediair_afnemer')
        batch_op.drop_index(batch_op.f('ix_mandaten_afnemer_id'))
    op.drop_table('mandaten')
    op.drop_table('intermediairs')
