"""fundament: afnemers, contactpersonen, aansluitingen, tokens, audit

Revision ID: 0001
Revises:
Create Date: 2026-11-22 22:19:37.469053
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('afnemers',
    sa.Column('naam', sa.String(length=200), nullable=False),
    sa.Column('oin', sa.String(length=20), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('kvk_nummer', sa.String(length=8), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_afnemers')),
    sa.UniqueConstraint('oin', name=op.f('uq_afnemers_oin'))
    )
    op.create_table('aansluitingen',
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('dienst', sa.String(length=40), nullable=False),
    sa.Column('omgeving', sa.String(length=40), nullable=False),
    sa.Column('onderdelen', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('aanvraag_ondertekend_op', sa.Date(), nullable=False),
    sa.Column('geactiveerd_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('beeindigd_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('opschorting_grondslag', sa.String(length=20), nullable=True),
    sa.Column('opschorting_reden', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_aansluitingen_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aansluitingen'))
    )
    with op.batch_alter_table('aansluitingen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aansluitingen_afnemer_id'), ['afnemer_id'], unique=False)
        batch_op.create_index('uq_aansluitingen_lopend', ['afnemer_id', 'dienst', 'omgeving'], unique=True, sqlite_where=sa.text("status != 'beeindigd'"), postgresql_where=sa.text("status != 'beeindigd'"))

    op.create_table('api_tokens',
    sa.Column('afnemer_id', sa.Uuid(), nullable=True),
    sa.Column('naam', sa.String(length=200), nullable=False),
    sa.Column('rol', sa.String(length=40), nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('aangemaakt_door', sa.String(length=200), nullable=False),
    sa.Column('verloopt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ingetrokken_op', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_api_tokens_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('hash', name=op.f('uq_api_tokens_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_afnemer_id'), ['afnemer_id'], unique=False)

    op.create_table('audit_regels',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('tijdstip', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('actor_naam', sa.String(length=200), nullable=False),
    sa.Column('actie', sa.String(length=20), nullable=False),
    sa.Column('resource_type', sa.String(length=60), nullable=False),
    sa.Column('resource_id', sa.String(length=64), nullable=False),
    sa.Column('wijzigingen', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_audit_regels_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_regels'))
    )
    with op.batch_alter_table('audit_regels', schema=None) as batch_op:
        batch_op.create_index('ix_audit_regels_afnemer_tijdstip', ['afnemer_id', 'tijdstip'], unique=False)

    op.create_table('contactpersonen',
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('naam', sa.String(length=200), nullable=False),
    sa.Column('functie', sa.String(length=200), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('telefoon', sa.String(length=32), nullable=False),
    sa.Column('rol', sa.String(length=40), nullable=False),
    sa.Column('bereikbaarheid', sa.String(length=20), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_contactpersonen_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contactpersonen'))
    )
    with op.batch_alter_table('contactpersonen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contactpersonen_afnemer_id'), ['afnemer_id'], unique=False)

    op.create_table('aansluiting_statuswijzigingen',
    sa.Column('afnemer_id', sa.Uuid(), nullable=False),
    sa.Column('aansluiting_id', sa.Uuid(), nullable=False),
    sa.Column('van', sa.String(length=20), nullable=True),
    sa.Column('naar', sa.String(length=20), nullable=False),
    sa.Column('grondslag', sa.String(length=20), nullable=True),
    sa.Column('reden', sa.Text(), nullable=True),
    sa.Column('door', sa.String(length=200), nullable=False),
    sa.Column('tijdstip', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['aansluiting_id'], ['aansluitingen.id'], name=op.f('fk_aansluiting_statuswijzigingen_aansluiting_id_aansluitingen'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'], name=op.f('fk_aansluiting_statuswijzigingen_afnemer_id_afnemers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aansluiting_statuswijzigingen'))
    )
    with op.batch_alter_table('aansluiting_statuswijzigingen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aansluiting_statuswijzigingen_aansluiting_id'), ['aansluiting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aansluiting_statuswijzigingen_afnemer_id'), ['afnemer_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('aansluiting_statuswijzigingen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aansluiting_statuswijzigingen_afnemer_id'))
        batch_op.drop_index(batch_op.f('ix_aansluiting_statuswijzigingen_aansluiting_id'))

    op.drop_table('aansluiting_statuswijzigingen')
    with op.batch_alter_table('contactpersonen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contactpersonen_afnemer_id'))

    op.drop_table('contactpersonen')
    with op.batch_alter_table('audit_regels', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_regels_afnemer_tijdstip')

    op.drop_table('audit_regels')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_afnemer_id'))

    op.drop_table('api_tokens')
    with op.batch_alter_table('aansluitingen', schema=None) as batch_op:
        batch_op.drop_index('uq_aansluitingen_lopend', sqlite_where=sa.text("status != 'beeindigd'"), postgresql_where=sa.text("status != 'beeindigd'"))
        batch_op.drop_index(batch_op.f('ix_aansluitingen_afnemer_id'))

    op.drop_table('aansluitingen')
    op.drop_table('afnemers')
