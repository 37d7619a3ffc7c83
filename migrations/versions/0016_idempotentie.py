"""idempotentie: Idempotency-Key answers kept for replays

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 10:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('idempotentie_sleutels',
    sa.Column('principal', sa.String(length=200), nullable=False),
    sa.Column('sleutel', sa.String(length=255), nullable=False),
    sa.Column('methode', sa.String(length=10), nullable=False),
    sa.Column('pad', sa.Text(), nullable=False),
    sa.Column('vingerafdruk', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('antwoord_status', sa.Integer(), nullable=True),
    sa.Column('antwoord_headers', sa.JSON(), nullable=True),
    sa.Column('antwoord_body', sa.LargeBinary(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idempotentie_sleutels')),
    sa.UniqueConstraint('principal', 'sleutel', name=op.f('uq_idempotentie_sleutels_principal'))
    )
    with op.batch_alter_table('idempotentie_sleutels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idempotentie_sleutels_aangemaakt_op'),
                              ['aangemaakt_op'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('idempotentie_sleutels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idempotentie_sleutels_aangemaakt_op'))
    op.drop_table('idempotentie_sleutels')
