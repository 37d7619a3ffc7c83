# ruff: noqa: N999 (an Alembic revision file: named by its number, never imported)
"""certificaten_servercertificaten

Revision ID: certificaten0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "certificaten0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certificaten_servercertificaten",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("afnemer_id", sa.Uuid(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("verloopt_op", sa.Date(), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gewijzigd_op", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["afnemer_id"], ["afnemers.id"], ondelete="CASCADE",
                                name=op.f("fk_certificaten_servercertificaten_afnemer_id_afnemers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificaten_servercertificaten")),
    )
    op.create_index("ix_certificaten_servercertificaten_afnemer_id", "certificaten_servercertificaten",
                    ["afnemer_id"])


def downgrade() -> None:
    op.drop_index("ix_certificaten_servercertificaten_afnemer_id",
                  table_name="certificaten_servercertificaten")
    op.drop_table("certificaten_servercertificaten")
