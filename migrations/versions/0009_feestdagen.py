"""feestdagen: the generally recognised holidays per year (Algemene termijnenwet art. 3),
the years seeded from the holidays package, and every change a Logius beheerder made

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 10:12:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('feestdagen',
    sa.Column('datum', sa.Date(), nullable=False),
    sa.Column('naam', sa.String(length=100), nullable=False),
    sa.Column('bron', sa.String(length=20), nullable=False),
    sa.Column('gewijzigd_door', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feestdagen')),
    sa.UniqueConstraint('datum', name=op.f('uq_feestdagen_datum'))
    )
    op.create_table('feestdagjaren',
    sa.Column('jaar', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('bron', sa.String(length=60), nullable=False),
    sa.Column('gevuld_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('jaar', name=op.f('pk_feestdagjaren'))
    )
    op.create_table('feestdag_wijzigingen',
    sa.Column('datum', sa.Date(), nullable=False),
    sa.Column('actie', sa.String(length=20), nullable=False),
    sa.Column('wijzigingen', sa.JSON(), nullable=False),
    sa.Column('door', sa.String(length=200), nullable=False),
    sa.Column('door_naam', sa.String(length=200), nullable=False),
    sa.Column('op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feestdag_wijzigingen'))
    )
    with op.batch_alter_table('feestdag_wijzigingen', schema=None) as batch_op:
        batch_op.create_index('ix_feestdag_wijzigingen_datum', ['datum'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('feestdag_wijzigingen', schema=None) as batch_op:
        batch_op.drop_index('ix_feestdag_wijzigingen_datum')

    op.drop_table('feestdag_wijzigingen')
    op.drop_table('feestdagjaren')
    op.drop_table('feestdagen')
