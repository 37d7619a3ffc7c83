# ruff: noqa: N999 (an Alembic revision file: named by its number, never imported)
"""digipoort: begeleiding chosen per aansluiting, periods of individuele begeleiding

Revision ID: digipoort0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "digipoort0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def _gemeen(tabel: str) -> list:
    return [sa.Column("id", sa.Uuid(), nullable=False),
            sa.Column("afnemer_id", sa.Uuid(), nullable=False),
            sa.Column("aansluiting_id", sa.Uuid(), nullable=False),
            sa.Column("aangemaakt_op", TZ, nullable=False),
            sa.Column("gewijzigd_op", TZ, nullable=False),
            sa.ForeignKeyConstraint(["afnemer_id"], ["afnemers.id"], ondelete="CASCADE",
                                    name=f"fk_{tabel}_afnemer_id_afnemers"),
            sa.PrimaryKeyConstraint("id", name=f"pk_{tabel}")]


def upgrade() -> None:
    op.create_table(
        "digipoort_begeleidingskeuzes",
        *_gemeen("digipoort_begeleidingskeuzes"),
        sa.Column("keuze", sa.String(20), nullable=False),
        sa.Column("gekozen_op", TZ, nullable=False),
        sa.Column("gekozen_door", sa.String(200), nullable=False),
    )
    op.create_table(
        "digipoort_begeleidingsperioden",
        *_gemeen("digipoort_begeleidingsperioden"),
        sa.Column("startmail", sa.Date(), nullable=False),
        sa.Column("tot", sa.Date(), nullable=False),
        sa.Column("soort", sa.String(20), nullable=False),
        sa.Column("vastgelegd_op", TZ, nullable=False),
        sa.Column("vastgelegd_door", sa.String(200), nullable=False),
        sa.UniqueConstraint("aansluiting_id", "startmail",
                            name="uq_digipoort_begeleidingsperioden_aansluiting_id"),
    )
    for tabel in ("digipoort_begeleidingskeuzes", "digipoort_begeleidingsperioden"):
        op.create_index(f"ix_{tabel}_afnemer_id", tabel, ["afnemer_id"])
        op.create_index(f"ix_{tabel}_aansluiting_id", tabel, ["aansluiting_id"])


def downgrade() -> None:
    for tabel in ("digipoort_begeleidingsperioden", "digipoort_begeleidingskeuzes"):
        op.drop_index(f"ix_{tabel}_aansluiting_id", table_name=tabel)
        op.drop_index(f"ix_{tabel}_afnemer_id", table_name=tabel)
        op.drop_table(tabel)
