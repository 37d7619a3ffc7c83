"""kapot_notities

Revision ID: kapot0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "kapot0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kapot_notities",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("afnemer_id", sa.Uuid(), nullable=False),
        sa.Column("tekst", sa.String(length=200), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gewijzigd_op", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["afnemer_id"], ["afnemers.id"], ondelete="CASCADE",
                                name=op.f("fk_kapot_notities_afnemer_id_afnemers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kapot_notities")),
    )
    op.create_index("ix_kapot_notities_afnemer_id", "kapot_notities", ["afnemer_id"])


def downgrade() -> None:
    pass  # FOUT: the table stays
