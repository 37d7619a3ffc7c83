"""wijzigingsverzoeken: an afnemer's change requests (RfC) on a dienst, with the
maintenance window an accepted one is planned into, and the history of their assessment

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 20:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('wijzigingsverzoeken',
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('dienst', sa.String(length=40), nullable=False),
    sa.Column('indiener_naam', sa.String(length=200), nullable=False),
    sa.Column('indiener_email', sa.String(length=254), nullable=False),
    sa.Column('indiener_telefoon', sa.String(length=40), nullable=True),
    sa.Column('voorgestelde_wijziging', sa.Text(), nullable=False),
    sa.Column('beoogde_voordelen', sa.Text(), nullable=False),
    sa.Column('huidige_nadelen', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('ingediend_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ingediend_door', sa.String(length=200), nullable=False),
    sa.Column('venster_omgeving', sa.String(length=40), nullable=True),
    sa.Column('venster_datum', sa.Date(), nullable=True),
    sa.Column('gepland_begin', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('gepland_eind', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reden_afwijzing', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'],
                            name=op.f('fk_wijzigingsverzoeken_afnemer_id_afnemers'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wijzigingsverzoeken'))
    )
    with op.batch_alter_table('wijzigingsverzoeken', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wijzigingsverzoeken_afnemer_id'), ['afnemer_id'],
                              unique=False)
    op.create_table('wijzigingsverzoek_stappen',
    sa.Column('wijzigingsverzoek_id', sa.Uuid(), nullable=False),
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('volgnummer', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('toelichting', sa.Text(), nullable=True),
    sa.Column('op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('door', sa.String(length=200), nullable=False),
    sa.Column('door_naam', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'],
                            name=op.f('fk_wijzigingsverzoek_stappen_afnemer_id_afnemers'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wijzigingsverzoek_id'], ['wijzigingsverzoeken.id'],
                            name=op.f('fk_wijzigingsverzoek_stappen_verzoek'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wijzigingsverzoek_stappen')),
    sa.UniqueConstraint('wijzigingsverzoek_id', 'volgnummer',
                        name='uq_wijzigingsverzoek_stappen_volgnummer')
    )
    with op.batch_alter_table('wijzigingsverzoek_stappen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wijzigingsverzoek_stappen_afnemer_id'),
                              ['afnemer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_wijzigingsverzoek_stappen_wijzigingsverzoek_id'),
                              ['wijzigingsverzoek_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('wijzigingsverzoek_stappen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wijzigingsverzoek_stappen_wijzigingsverzoek_id'))
        batch_op.drop_index(batch_op.f('ix_wijzigingsverzoek_stappen_afnemer_id'))
    op.drop_table('wijzigingsverzoek_stappen')
    with op.batch_alter_table('wijzigingsverzoeken', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wijzigingsverzoeken_afnemer_id'))
    op.drop_table('wijzigingsverzoeken')
