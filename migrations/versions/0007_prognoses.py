"""prognoses (AV 2.5): every version of every prognosis per aansluiting and period

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 20:18:57.314437
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('prognoses',
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('aansluiting_id', sa.Uuid(), nullable=False),
    sa.Column('dienst', sa.String(length=40), nullable=False),
    sa.Column('periode', sa.String(length=40), nullable=False),
    sa.Column('nummer', sa.Integer(), nullable=False),
    sa.Column('formulier', sa.JSON(), nullable=False),
    sa.Column('ingediend_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ingediend_door', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['aansluiting_id'], ['aansluitingen.id'], name=op.f('fk_prognoses_aansluiting_id_aansluitingen'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_prognoses_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prognoses')),
    sa.UniqueConstraint('aansluiting_id', 'periode', 'nummer', name=op.f('uq_prognoses_aansluiting_id'))
    )
    with op.batch_alter_table('prognoses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_prognoses_aansluiting_id'), ['aansluiting_id'], unique=False)
        batch_op.create_index('ix_prognoses_afnemer_id_dienst', ['afnemer_id', 'dienst'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('prognoses', schema=None) as batch_op:
        batch_op.drop_index('ix_prognoses_afnemer_id_dienst')
        batch_op.drop_index(batch_op.f('ix_prognoses_aansluiting_id'))

    op.drop_table('prognoses')
