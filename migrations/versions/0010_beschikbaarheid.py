"""beschikbaarheid: recorded unavailability per dienst and omgeving and every change to it;
an onderhoud or storing announcement names its omgeving, and a maintenance outside the
window is marked as a deviation with its reason

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 19:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('onbeschikbaarheden',
    sa.Column('dienst', sa.String(length=40), nullable=False),
    sa.Column('omgeving', sa.String(length=40), nullable=False),
    sa.Column('soort', sa.String(length=20), nullable=False),
    sa.Column('van', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('tot', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('functies', sa.JSON(), nullable=False),
    sa.Column('omschrijving', sa.Text(), nullable=True),
    sa.Column('geregistreerd_door', sa.String(length=200), nullable=False),
    sa.Column('gewijzigd_door', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_onbeschikbaarheden'))
    )
    with op.batch_alter_table('onbeschikbaarheden', schema=None) as batch_op:
        batch_op.create_index('ix_onbeschikbaarheden_dienst_omgeving_van',
                              ['dienst', 'omgeving', 'van'], unique=False)
    op.create_table('onbeschikbaarheid_wijzigingen',
    sa.Column('onbeschikbaarheid_id', sa.Uuid(), nullable=False),
    sa.Column('dienst', sa.String(length=40), nullable=False),
    sa.Column('actie', sa.String(length=20), nullable=False),
    sa.Column('wijzigingen', sa.JSON(), nullable=False),
    sa.Column('door', sa.String(length=200), nullable=False),
    sa.Column('door_naam', sa.String(length=200), nullable=False),
    sa.Column('op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_onbeschikbaarheid_wijzigingen'))
    )
    with op.batch_alter_table('onbeschikbaarheid_wijzigingen', schema=None) as batch_op:
        batch_op.create_index('ix_onbeschikbaarheid_wijzigingen_dienst_op', ['dienst', 'op'],
                              unique=False)
    with op.batch_alter_table('aankondigingen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('omgeving', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('afwijking', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.add_column(sa.Column('afwijking_reden', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('aankondigingen', schema=None) as batch_op:
        batch_op.drop_column('afwijking_reden')
        batch_op.drop_column('afwijking')
        batch_op.drop_column('omgeving')
    with op.batch_alter_table('onbeschikbaarheid_wijzigingen', schema=None) as batch_op:
        batch_op.drop_index('ix_onbeschikbaarheid_wijzigingen_dienst_op')
    op.drop_table('onbeschikbaarheid_wijzigingen')
    with op.batch_alter_table('onbeschikbaarheden', schema=None) as batch_op:
        batch_op.drop_index('ix_onbeschikbaarheden_dienst_omgeving_van')
    op.drop_table('onbeschikbaarheden')
