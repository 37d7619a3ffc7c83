"""aankondigingen: voorwaardenversies en acceptaties, aankondigingen en ontvangers,
wijzigingsmeldingen, gepland einde van aansluitingen

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 18:52:26.206639
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('aankondigingen',
    sa.Column('type', sa.String(length=30), nullable=False),
    sa.Column('titel', sa.String(length=200), nullable=False),
    sa.Column('omschrijving', sa.Text(), nullable=False),
    sa.Column('artikel', sa.String(length=40), nullable=False),
    sa.Column('dienst', sa.String(length=40), nullable=True),
    sa.Column('document', sa.String(length=60), nullable=True),
    sa.Column('versie', sa.String(length=20), nullable=True),
    sa.Column('wijzigingsdatum', sa.Date(), nullable=True),
    sa.Column('begin_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('einde_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('afnemersoverleg_op', sa.Date(), nullable=True),
    sa.Column('aangemaakt_door', sa.String(length=200), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aankondigingen'))
    )
    with op.batch_alter_table('aankondigingen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aankondigingen_type'), ['type'], unique=False)

    op.create_table('voorwaarden_acceptaties',
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('document', sa.String(length=60), nullable=False),
    sa.Column('versie', sa.String(length=20), nullable=False),
    sa.Column('dienst', sa.String(length=40), nullable=True),
    sa.Column('geldt_vanaf', sa.Date(), nullable=False),
    sa.Column('grondslag', sa.String(length=40), nullable=False),
    sa.Column('geaccepteerd_door', sa.String(length=200), nullable=False),
    sa.Column('geaccepteerd_door_id', sa.String(length=200), nullable=False),
    sa.Column('geaccepteerd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('aankondiging_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['aankondiging_id'], ['aankondigingen.id'], name=op.f('fk_voorwaarden_acceptaties_aankondiging_id_aankondigingen'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_voorwaarden_acceptaties_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voorwaarden_acceptaties')),
    sa.UniqueConstraint('afnemer_id', 'document', 'versie', name=op.f('uq_voorwaarden_acceptaties_afnemer_id'))
    )
    with op.batch_alter_table('voorwaarden_acceptaties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voorwaarden_acceptaties_afnemer_id'), ['afnemer_id'], unique=False)

    op.create_table('voorwaarden_versies',
    sa.Column('document', sa.String(length=60), nullable=False),
    sa.Column('versie', sa.String(length=20), nullable=False),
    sa.Column('titel', sa.String(length=200), nullable=False),
    sa.Column('dienst', sa.String(length=40), nullable=True),
    sa.Column('ingangsdatum', sa.Date(), nullable=True),
    sa.Column('aankondiging_id', sa.Uuid(), nullable=True),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['aankondiging_id'], ['aankondigingen.id'], name=op.f('fk_voorwaarden_versies_aankondiging_id_aankondigingen'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voorwaarden_versies')),
    sa.UniqueConstraint('document', 'versie', name=op.f('uq_voorwaarden_versies_document'))
    )
    op.create_table('wijzigingsmeldingen',
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('omschrijving', sa.Text(), nullable=False),
    sa.Column('dienst', sa.String(length=40), nullable=True),
    sa.Column('realisatiedatum', sa.Date(), nullable=False),
    sa.Column('gemeld_op', sa.Date(), nullable=False),
    sa.Column('uiterlijk_melden_op', sa.Date(), nullable=False),
    sa.Column('te_laat', sa.Boolean(), nullable=False),
    sa.Column('geschonden_regel', sa.String(length=40), nullable=True),
    sa.Column('toelichting', sa.Text(), nullable=False),
    sa.Column('gemeld_door', sa.String(length=200), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_wijzigingsmeldingen_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wijzigingsmeldingen'))
    )
    with op.batch_alter_table('wijzigingsmeldingen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wijzigingsmeldingen_afnemer_id'), ['afnemer_id'], unique=False)

    op.create_table('aankondiging_ontvangers',
    sa.Column('aankondiging_id', sa.Uuid(), nullable=False),
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('besluit', sa.String(length=20), nullable=True),
    sa.Column('toelichting', sa.Text(), nullable=True),
    sa.Column('gereageerd_door', sa.String(length=200), nullable=True),
    sa.Column('gereageerd_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('einde_levering_op', sa.Date(), nullable=True),
    sa.Column('grondslag', sa.String(length=40), nullable=True),
    sa.Column('gebeurtenis_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['aankondiging_id'], ['aankondigingen.id'], name=op.f('fk_aankondiging_ontvangers_aankondiging_id_aankondigingen'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_aankondiging_ontvangers_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['gebeurtenis_id'], ['gebeurtenissen.id'], name=op.f('fk_aankondiging_ontvangers_gebeurtenis_id_gebeurtenissen'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aankondiging_ontvangers')),
    sa.UniqueConstraint('aankondiging_id', 'afnemer_id', name=op.f('uq_aankondiging_ontvangers_aankondiging_id'))
    )
    with op.batch_alter_table('aankondiging_ontvangers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aankondiging_ontvangers_afnemer_id'), ['afnemer_id'], unique=False)

    with op.batch_alter_table('aansluitingen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gepland_einde_op', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('gepland_einde_grondslag', sa.String(length=40), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('aansluitingen', schema=None) as batch_op:
        batch_op.drop_column('gepland_einde_grondslag')
        batch_op.drop_column('gepland_einde_op')

    with op.batch_alter_table('aankondiging_ontvangers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aankondiging_ontvangers_afnemer_id'))

    op.drop_table('aankondiging_ontvangers')
    with op.batch_alter_table('wijzigingsmeldingen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wijzigingsmeldingen_afnemer_id'))

    op.drop_table('wijzigingsmeldingen')
    op.drop_table('voorwaarden_versies')
    with op.batch_alter_table('voorwaarden_acceptaties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voorwaarden_acceptaties_afnemer_id'))

    op.drop_table('voorwaarden_acceptaties')
    with op.batch_alter_table('aankondigingen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aankondigingen_type'))

    op.drop_table('aankondigingen')
