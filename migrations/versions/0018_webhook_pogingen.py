"""webhook_pogingen: webhook attempts, secret rotation and endpoint health

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 10:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('webhook_pogingen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('bezorging_id', sa.Uuid(), nullable=False),
    sa.Column('afnemer_id', sa.Uuid(), nullable=True),
    sa.Column('nummer', sa.Integer(), nullable=False),
    sa.Column('op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('duur_ms', sa.Integer(), nullable=False),
    sa.Column('uitkomst', sa.String(length=300), nullable=False),
    sa.Column('http_status', sa.Integer(), nullable=True),
    sa.Column('adres', sa.String(length=2000), nullable=False),
    sa.ForeignKeyConstraint(['afnemer_id'], ['afnemers.id'],
                            name=op.f('fk_webhook_pogingen_afnemer_id_afnemers'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['bezorging_id'], ['bezorgingen.id'],
                            name=op.f('fk_webhook_pogingen_bezorging_id_bezorgingen'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_pogingen'))
    )
    with op.batch_alter_table('webhook_pogingen', schema=None) as batch_op:
        batch_op.create_index('ix_webhook_pogingen_bezorging', ['bezorging_id', 'nummer'],
                              unique=False)
    with op.batch_alter_table('bezorgingen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pogingen_totaal', sa.Integer(), nullable=False,
                                      server_default='0'))
    with op.batch_alter_table('bezorgingen', schema=None) as batch_op:
        batch_op.alter_column('pogingen_totaal', server_default=None,
                              existing_type=sa.Integer(), existing_nullable=False)
    # What a delivery had before counts as its history's length.
    op.execute('UPDATE bezorgingen SET pogingen_totaal = pogingen')
    with op.batch_alter_table('webhook_endpoints', schema=None) as batch_op:
        batch_op.add_column(sa.Column('geheim_vorig_versleuteld', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('geheim_vorig_tot', core.db.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('falend_sinds', core.db.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('uitgeschakeld_op', core.db.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('uitgeschakeld_reden', sa.String(length=300),
                                      nullable=True))
        batch_op.add_column(sa.Column('herbezorg_venster_op',
                                      core.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('herbezorg_aantal', sa.Integer(), nullable=False,
                                      server_default='0'))
    with op.batch_alter_table('webhook_endpoints', schema=None) as batch_op:
        batch_op.alter_column('herbezorg_aantal', server_default=None,
                              existing_type=sa.Integer(), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('webhook_endpoints', schema=None) as batch_op:
        batch_op.drop_column('herbezorg_aantal')
        batch_op.drop_column('herbezorg_venster_op')
        batch_op.drop_column('uitgeschakeld_reden')
        batch_op.drop_column('uitgeschakeld_op')
        batch_op.drop_column('falend_sinds')
        batch_op.drop_column('geheim_vorig_tot')
        batch_op.drop_column('geheim_vorig_versleuteld')
    with op.batch_alter_table('bezorgingen', schema=None) as batch_op:
        batch_op.drop_column('pogingen_totaal')
    with op.batch_alter_table('webhook_pogingen', schema=None) as batch_op:
        batch_op.drop_index('ix_webhook_pogingen_bezorging')
    op.drop_table('webhook_pogingen')
