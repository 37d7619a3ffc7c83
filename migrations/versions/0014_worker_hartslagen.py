"""worker_hartslagen: each delivery worker's pulse, for GET /status

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('worker_hartslagen',
    sa.Column('naam', sa.String(length=200), nullable=False),
    sa.Column('gestart_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('laatst_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('rondes', sa.Integer(), nullable=False),
    sa.Column('storingen', sa.Integer(), nullable=False),
    sa.Column('laatste_storing', sa.Text(), nullable=True),
    sa.Column('laatste_storing_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('naam', name=op.f('pk_worker_hartslagen'))
    )


def downgrade() -> None:
    op.drop_table('worker_hartslagen')
