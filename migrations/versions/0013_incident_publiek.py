"""incident_publiek: Logius makes an incident public on the dienst's status page, with a
description in its own words

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 20:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('incidenten', schema=None) as batch_op:
        batch_op.add_column(sa.Column('publiek', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.add_column(sa.Column('publieke_omschrijving', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('incidenten', schema=None) as batch_op:
        batch_op.drop_column('publieke_omschrijving')
        batch_op.drop_column('publiek')
