"""incidenten: incidents of a dienst with a service level, their history of steps and
the notices of a P1 or calamity; vragen: questions and complaints and their answers

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 19:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('incidenten',
    sa.Column('afnemer_id', sa.Uuid(), nullable=True),
    sa.Column('dienst', sa.String(length=40), nullable=False),
    sa.Column('omgeving', sa.String(length=40), nullable=False),
    sa.Column('impact', sa.String(length=10), nullable=False),
    sa.Column('urgentie', sa.String(length=10), nullable=False),
    sa.Column('prioriteit', sa.Integer(), nullable=False),
    sa.Column('calamiteit', sa.Boolean(), nullable=False),
    sa.Column('omschrijving', sa.Text(), nullable=False),
    sa.Column('functies', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('gemeld_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gemeld_door', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_incidenten_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidenten'))
    )
    with op.batch_alter_table('incidenten', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidenten_afnemer_id'), ['afnemer_id'], unique=False)
        batch_op.create_index('ix_incidenten_dienst_gemeld_op', ['dienst', 'gemeld_op'], unique=False)

    op.create_table('vragen',
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('dienst', sa.String(length=40), nullable=False),
    sa.Column('soort', sa.String(length=10), nullable=False),
    sa.Column('onderwerp', sa.String(length=200), nullable=False),
    sa.Column('tekst', sa.Text(), nullable=False),
    sa.Column('gesteld_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gesteld_door', sa.String(length=200), nullable=False),
    sa.Column('antwoord', sa.Text(), nullable=True),
    sa.Column('beantwoord_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('beantwoord_door', sa.String(length=200), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_vragen_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vragen'))
    )
    with op.batch_alter_table('vragen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vragen_afnemer_id'), ['afnemer_id'], unique=False)
        batch_op.create_index('ix_vragen_dienst_gesteld_op', ['dienst', 'gesteld_op'], unique=False)

    op.create_table('incident_kennisgevingen',
    sa.Column('incident_id', sa.Uuid(), nullable=False),
    sa.Column('dienst', sa.String(length=40), nullable=False),
    sa.Column('reden', sa.String(length=20), nullable=False),
    sa.Column('gedetecteerd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('verstuurd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('termijn_minuten', sa.Integer(), nullable=False),
    sa.Column('aantal_afnemers', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidenten.id'], name=op.f('fk_incident_kennisgevingen_incident_id_incidenten'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_kennisgevingen'))
    )
    with op.batch_alter_table('incident_kennisgevingen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_kennisgevingen_incident_id'), ['incident_id'], unique=False)

    op.create_table('incident_stappen',
    sa.Column('incident_id', sa.Uuid(), nullable=False),
    sa.Column('afnemer_id', sa.Uuid(), nullable=True),
    sa.Column('volgnummer', sa.Integer(), nullable=False),
    sa.Column('soort', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('impact', sa.String(length=10), nullable=True),
    sa.Column('urgentie', sa.String(length=10), nullable=True),
    sa.Column('prioriteit', sa.Integer(), nullable=True),
    sa.Column('toelichting', sa.Text(), nullable=True),
    sa.Column('op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('vastgelegd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('door', sa.String(length=200), nullable=False),
    sa.Column('door_naam', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_incident_stappen_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['incident_id'], ['incidenten.id'], name=op.f('fk_incident_stappen_incident_id_incidenten'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_stappen')),
    sa.UniqueConstraint('incident_id', 'volgnummer', name='uq_incident_stappen_volgnummer')
    )
    with op.batch_alter_table('incident_stappen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_stappen_afnemer_id'), ['afnemer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incident_stappen_incident_id'), ['incident_id'], unique=False)

    op.create_table('incident_kennisgeving_gebeurtenissen',
    sa.Column('kennisgeving_id', sa.Uuid(), nullable=False),
    sa.Column('gebeurtenis_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['gebeurtenis_id'], ['gebeurtenissen.id'], name=op.f('fk_incident_kennisgeving_gebeurtenissen_gebeurtenis_id_gebeurtenissen'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['kennisgeving_id'], ['incident_kennisgevingen.id'], name=op.f('fk_incident_kennisgeving_gebeurtenissen_kennisgeving_id_incident_kennisgevingen'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('kennisgeving_id', 'gebeurtenis_id', name=op.f('pk_incident_kennisgeving_gebeurtenissen'))
    )
    with op.batch_alter_table('incident_kennisgeving_gebeurtenissen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_kennisgeving_gebeurtenissen_gebeurtenis_id'), ['gebeurtenis_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('incident_kennisgeving_gebeurtenissen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_kennisgeving_gebeurtenissen_gebeurtenis_id'))

    op.drop_table('incident_kennisgeving_gebeurtenissen')
    with op.batch_alter_table('incident_stappen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_stappen_incident_id'))
        batch_op.drop_index(batch_op.f('ix_incident_stappen_afnemer_id'))

    op.drop_table('incident_stappen')
    with op.batch_alter_table('incident_kennisgevingen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_kennisgevingen_incident_id'))

    op.drop_table('incident_kennisgevingen')
    with op.batch_alter_table('vragen', schema=None) as batch_op:
        batch_op.drop_index('ix_vragen_dienst_gesteld_op')
        batch_op.drop_index(batch_op.f('ix_vragen_afnemer_id'))

    op.drop_table('vragen')
    with op.batch_alter_table('incidenten', schema=None) as batch_op:
        batch_op.drop_index('ix_incidenten_dienst_gemeld_op')
        batch_op.drop_index(batch_op.f('ix_incidenten_afnemer_id'))

    op.drop_table('incidenten')
