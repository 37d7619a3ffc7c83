"""kosten: tarieven per dienst per jaar, btw-tarieven, verbruik, voorcalculaties,
kostenruns met hun regels, en de dienst van een productteam-token

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 19:28:35.807462
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('btw_tarieven',
    sa.Column('jaar', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('percentage', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('gewijzigd_door', sa.String(length=200), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('jaar', name=op.f('pk_btw_tarieven'))
    )
    op.create_table('kostenruns',
    sa.Column('jaar', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('gestart_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('afgerond_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('door', sa.String(length=200), nullable=False),
    sa.Column('aantal_afnemers', sa.Integer(), nullable=False),
    sa.Column('aantal_regels', sa.Integer(), nullable=False),
    sa.Column('totaal_excl_btw', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('totaal_btw', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('totaal_incl_btw', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('fouten', sa.JSON(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kostenruns'))
    )
    with op.batch_alter_table('kostenruns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kostenruns_jaar'), ['jaar'], unique=False)

    op.create_table('tarieven',
    sa.Column('dienst', sa.String(length=40), nullable=False),
    sa.Column('jaar', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('bedrag', sa.Numeric(precision=12, scale=4), nullable=False),
    sa.Column('inclusief_btw', sa.Boolean(), nullable=False),
    sa.Column('omschrijving', sa.String(length=500), nullable=False),
    sa.Column('artikel', sa.String(length=40), nullable=False),
    sa.Column('gewijzigd_door', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tarieven')),
    sa.UniqueConstraint('dienst', 'jaar', 'code', name=op.f('uq_tarieven_dienst'))
    )
    op.create_table('kostenrun_regels',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('kostenrun_id', sa.Uuid(), nullable=False),
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('aansluiting_id', sa.Uuid(), nullable=True),
    sa.Column('dienst', sa.String(length=40), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=True),
    sa.Column('metriek', sa.String(length=60), nullable=True),
    sa.Column('omschrijving', sa.String(length=300), nullable=False),
    sa.Column('artikel', sa.String(length=40), nullable=False),
    sa.Column('hoeveelheid', sa.BigInteger(), nullable=False),
    sa.Column('eenheid', sa.String(length=60), nullable=False),
    sa.Column('tarief', sa.Numeric(precision=12, scale=4), nullable=False),
    sa.Column('inclusief_btw', sa.Boolean(), nullable=False),
    sa.Column('bedrag_excl_btw', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('btw', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('bedrag_incl_btw', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['aansluiting_id'], ['aansluitingen.id'], name=op.f('fk_kostenrun_regels_aansluiting_id_aansluitingen'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_kostenrun_regels_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['kostenrun_id'], ['kostenruns.id'], name=op.f('fk_kostenrun_regels_kostenrun_id_kostenruns'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kostenrun_regels'))
    )
    with op.batch_alter_table('kostenrun_regels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kostenrun_regels_afnemer_id'), ['afnemer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kostenrun_regels_kostenrun_id'), ['kostenrun_id'], unique=False)

    op.create_table('verbruik',
    sa.Column('aansluiting_id', sa.Uuid(), nullable=False),
    sa.Column('metriek', sa.String(length=60), nullable=False),
    sa.Column('datum', sa.Date(), nullable=False),
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('aantal', sa.BigInteger(), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['aansluiting_id'], ['aansluitingen.id'], name=op.f('fk_verbruik_aansluiting_id_aansluitingen'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_verbruik_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('aansluiting_id', 'metriek', 'datum', name=op.f('pk_verbruik'))
    )
    with op.batch_alter_table('verbruik', schema=None) as batch_op:
        batch_op.create_index('ix_verbruik_afnemer_id_datum', ['afnemer_id', 'datum'], unique=False)

    op.create_table('voorcalculaties',
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('aansluiting_id', sa.Uuid(), nullable=False),
    sa.Column('jaar', sa.Integer(), nullable=False),
    sa.Column('volumes', sa.JSON(), nullable=False),
    sa.Column('gewijzigd_door', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['aansluiting_id'], ['aansluitingen.id'], name=op.f('fk_voorcalculaties_aansluiting_id_aansluitingen'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_voorcalculaties_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voorcalculaties')),
    sa.UniqueConstraint('aansluiting_id', 'jaar', name=op.f('uq_voorcalculaties_aansluiting_id'))
    )
    with op.batch_alter_table('voorcalculaties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voorcalculaties_afnemer_id'), ['afnemer_id'], unique=False)

    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('productteam_dienst', sa.String(length=40), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_column('productteam_dienst')

    with op.batch_alter_table('voorcalculaties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voorcalculaties_afnemer_id'))

    op.drop_table('voorcalculaties')
    with op.batch_alter_table('verbruik', schema=None) as batch_op:
        batch_op.drop_index('ix_verbruik_afnemer_id_datum')

    op.drop_table('verbruik')
    with op.batch_alter_table('kostenrun_regels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kostenrun_regels_kostenrun_id'))
        batch_op.drop_index(batch_op.f('ix_kostenrun_regels_afnemer_id'))

    op.drop_table('kostenrun_regels')
    op.drop_table('tarieven')
    with op.batch_alter_table('kostenruns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kostenruns_jaar'))

    op.drop_table('kostenruns')
    op.drop_table('btw_tarieven')
