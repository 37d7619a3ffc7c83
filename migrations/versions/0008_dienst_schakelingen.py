"""dienst_schakelingen: a dienst switched on or off per environment, by Logius

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 15:59:37.665949
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('dienst_schakelingen',
    sa.Column('dienst', sa.String(length=40), nullable=False),
    sa.Column('omgeving', sa.String(length=40), nullable=False),
    sa.Column('ingeschakeld', sa.Boolean(), nullable=False),
    sa.Column('reden', sa.String(length=500), nullable=False),
    sa.Column('door', sa.String(length=200), nullable=False),
    sa.Column('door_naam', sa.String(length=200), nullable=False),
    sa.Column('op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dienst_schakelingen'))
    )
    with op.batch_alter_table('dienst_schakelingen', schema=None) as batch_op:
        batch_op.create_index('ix_dienst_schakelingen_dienst_omgeving_op', ['dienst', 'omgeving', 'op'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('dienst_schakelingen', schema=None) as batch_op:
        batch_op.drop_index('ix_dienst_schakelingen_dienst_omgeving_op')

    op.drop_table('dienst_schakelingen')
