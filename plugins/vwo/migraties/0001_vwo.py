# ruff: noqa: N999 (an Alembic revision file: named by its number, never imported)
"""vwo: agreements, the Bijlage 1 register, subverwerkers, breaches, logboek, requests

Revision ID: vwo0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "vwo0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def _afnemer(tabel: str, *, nullable: bool = False) -> list:
    return [sa.Column("afnemer_id", sa.Uuid(), nullable=nullable),
            sa.ForeignKeyConstraint(["afnemer_id"], ["afnemers.id"], ondelete="CASCADE",
                                    name=f"fk_{tabel}_afnemer_id_afnemers")]


def _tijd() -> list:
    return [sa.Column("versie", sa.Integer(), nullable=False),
            sa.Column("aangemaakt_op", TZ, nullable=False),
            sa.Column("gewijzigd_op", TZ, nullable=False)]


def _doorgifte() -> list:
    return [sa.Column("doorgifte_buiten_eer", sa.Boolean(), nullable=False),
            sa.Column("landen", sa.JSON(), nullable=False),
            sa.Column("doorgifte_instrument", sa.Integer(), nullable=True),
            sa.Column("aanvullende_maatregelen", sa.String(2000), nullable=True)]


def upgrade() -> None:
    op.create_table(
        "vwo_overeenkomsten",
        sa.Column("id", sa.Uuid(), nullable=False),
        *_afnemer("vwo_overeenkomsten"),
        sa.Column("standaard_versie", sa.String(10), nullable=False),
        sa.Column("hoofdovereenkomst_naam", sa.String(200), nullable=False),
        sa.Column("hoofdovereenkomst_datum", sa.Date(), nullable=False),
        sa.Column("diensten", sa.JSON(), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("ondertekening_gemeente", sa.JSON(), nullable=True),
        sa.Column("ondertekening_verwerker", sa.JSON(), nullable=True),
        sa.Column("subverwerkers_bij_aangaan", sa.JSON(), nullable=False),
        sa.Column("vervallen_op", sa.Date(), nullable=True),
        sa.Column("vervangen_door_id", sa.Uuid(), nullable=True),
        sa.Column("verwerking_gestopt_op", sa.Date(), nullable=True),
        sa.Column("gegevens_afhandeling", sa.String(30), nullable=True),
        sa.Column("beeindigd_op", sa.Date(), nullable=True),
        sa.Column("bijlage2", sa.JSON(), nullable=True),
        sa.Column("aangemaakt_door", sa.String(200), nullable=False),
        *_tijd(),
        sa.ForeignKeyConstraint(["vervangen_door_id"], ["vwo_overeenkomsten.id"],
                                ondelete="SET NULL",
                                name="fk_vwo_overeenkomsten_vervangen_door_id_vwo_overeenkomsten"),
        sa.PrimaryKeyConstraint("id", name="pk_vwo_overeenkomsten"),
    )
    op.create_index("ix_vwo_overeenkomsten_afnemer_id", "vwo_overeenkomsten", ["afnemer_id"])

    op.create_table(
        "vwo_verwerkingen",
        sa.Column("id", sa.Uuid(), nullable=False),
        *_afnemer("vwo_verwerkingen"),
        sa.Column("overeenkomst_id", sa.Uuid(), nullable=False),
        sa.Column("laatste_versie", sa.Integer(), nullable=False),
        *_tijd(),
        sa.ForeignKeyConstraint(["overeenkomst_id"], ["vwo_overeenkomsten.id"],
                                ondelete="CASCADE",
                                name="fk_vwo_verwerkingen_overeenkomst_id_vwo_overeenkomsten"),
        sa.PrimaryKeyConstraint("id", name="pk_vwo_verwerkingen"),
    )
    op.create_index("ix_vwo_verwerkingen_afnemer_id", "vwo_verwerkingen", ["afnemer_id"])
    op.create_index("ix_vwo_verwerkingen_overeenkomst_id", "vwo_verwerkingen",
                    ["overeenkomst_id"])

    op.create_table(
        "vwo_verwerkingsversies",
        sa.Column("id", sa.Uuid(), nullable=False),
        *_afnemer("vwo_verwerkingsversies"),
        sa.Column("verwerking_id", sa.Uuid(), nullable=False),
        sa.Column("nummer", sa.Integer(), nullable=False),
        sa.Column("geldig_vanaf", sa.Date(), nullable=False),
        sa.Column("beeindigd", sa.Boolean(), nullable=False),
        sa.Column("naam", sa.String(200), nullable=False),
        sa.Column("dienst", sa.String(40), nullable=False),
        sa.Column("doeleinden", sa.JSON(), nullable=False),
        sa.Column("categorieen_betrokkenen", sa.JSON(), nullable=False),
        sa.Column("categorieen_persoonsgegevens", sa.JSON(), nullable=False),
        sa.Column("overige_persoonsgegevens", sa.String(500), nullable=True),
        *_doorgifte(),
        sa.Column("doorgifte_aangekondigd_op", TZ, nullable=True),
        sa.Column("vastgelegd_op", TZ, nullable=False),
        sa.Column("vastgelegd_door", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(["verwerking_id"], ["vwo_verwerkingen.id"], ondelete="CASCADE",
                                name="fk_vwo_verwerkingsversies_verwerking_id_vwo_verwerkingen"),
        sa.PrimaryKeyConstraint("id", name="pk_vwo_verwerkingsversies"),
        sa.UniqueConstraint("verwerking_id", "nummer",
                            name="uq_vwo_verwerkingsversies_verwerking_id"),
    )
    op.create_index("ix_vwo_verwerkingsversies_afnemer_id", "vwo_verwerkingsversies",
                    ["afnemer_id"])
    op.create_index("ix_vwo_verwerkingsversies_verwerking_id", "vwo_verwerkingsversies",
                    ["verwerking_id"])

    op.create_table(
        "vwo_subverwerkers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("naam", sa.String(200), nullable=False),
        sa.Column("contactgegevens", sa.String(500), nullable=False),
        sa.Column("kvk_nummer", sa.String(8), nullable=False),
        sa.Column("uitbestede_verwerkingen", sa.JSON(), nullable=False),
        sa.Column("toepassing", sa.String(500), nullable=False),
        sa.Column("diensten", sa.JSON(), nullable=False),
        *_doorgifte(),
        sa.Column("ingeschakeld_vanaf", sa.Date(), nullable=False),
        sa.Column("beeindigd_op", sa.Date(), nullable=True),
        sa.Column("aangekondigd_op", TZ, nullable=True),
        sa.Column("geregistreerd_door", sa.String(200), nullable=False),
        *_tijd(),
        sa.PrimaryKeyConstraint("id", name="pk_vwo_subverwerkers"),
    )

    op.create_table(
        "vwo_inbreuken",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("vastgesteld_op", TZ, nullable=False),
        sa.Column("omschrijving", sa.String(2000), nullable=False),
        sa.Column("vermoedelijke_oorzaak", sa.String(2000), nullable=False),
        sa.Column("categorieen_persoonsgegevens", sa.JSON(), nullable=False),
        sa.Column("categorieen_betrokkenen", sa.JSON(), nullable=False),
        sa.Column("aantal_betrokkenen", sa.Integer(), nullable=True),
        sa.Column("onderzoek", sa.JSON(), nullable=False),
        sa.Column("afgesloten_op", TZ, nullable=True),
        sa.Column("geregistreerd_door", sa.String(200), nullable=False),
        *_tijd(),
        sa.PrimaryKeyConstraint("id", name="pk_vwo_inbreuken"),
    )

    op.create_table(
        "vwo_inbreukgemeenten",
        sa.Column("id", sa.Uuid(), nullable=False),
        *_afnemer("vwo_inbreukgemeenten"),
        sa.Column("inbreuk_id", sa.Uuid(), nullable=False),
        sa.Column("geinformeerd_op", TZ, nullable=False),
        sa.Column("bekend_op", TZ, nullable=False),
        sa.Column("bekend_op_door_gemeente", sa.Boolean(), nullable=False),
        sa.Column("ap_besluit", sa.String(20), nullable=True),
        sa.Column("ap_gemeld_op", TZ, nullable=True),
        sa.Column("betrokkenen_besluit", sa.String(20), nullable=True),
        *_tijd(),
        sa.ForeignKeyConstraint(["inbreuk_id"], ["vwo_inbreuken.id"], ondelete="CASCADE",
                                name="fk_vwo_inbreukgemeenten_inbreuk_id_vwo_inbreuken"),
        sa.PrimaryKeyConstraint("id", name="pk_vwo_inbreukgemeenten"),
        sa.UniqueConstraint("inbreuk_id", "afnemer_id",
                            name="uq_vwo_inbreukgemeenten_inbreuk_id"),
    )
    op.create_index("ix_vwo_inbreukgemeenten_afnemer_id", "vwo_inbreukgemeenten",
                    ["afnemer_id"])
    op.create_index("ix_vwo_inbreukgemeenten_inbreuk_id", "vwo_inbreukgemeenten",
                    ["inbreuk_id"])

    op.create_table(
        "vwo_logboek",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("inbreuk_id", sa.Uuid(), nullable=False),
        *_afnemer("vwo_logboek", nullable=True),
        sa.Column("op", TZ, nullable=False),
        sa.Column("soort", sa.String(30), nullable=False),
        sa.Column("omschrijving", sa.String(2000), nullable=False),
        sa.Column("door", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(["inbreuk_id"], ["vwo_inbreuken.id"], ondelete="CASCADE",
                                name="fk_vwo_logboek_inbreuk_id_vwo_inbreuken"),
        sa.PrimaryKeyConstraint("id", name="pk_vwo_logboek"),
    )
    op.create_index("ix_vwo_logboek_inbreuk_id", "vwo_logboek", ["inbreuk_id"])
    op.create_index("ix_vwo_logboek_afnemer_id", "vwo_logboek", ["afnemer_id"])

    op.create_table(
        "vwo_verzoeken",
        sa.Column("id", sa.Uuid(), nullable=False),
        *_afnemer("vwo_verzoeken"),
        sa.Column("soort", sa.String(30), nullable=False),
        sa.Column("omschrijving", sa.String(4000), nullable=False),
        sa.Column("ontvangen_op", sa.Date(), nullable=True),
        sa.Column("ingediend_op", TZ, nullable=False),
        sa.Column("ingediend_door", sa.String(200), nullable=False),
        sa.Column("antwoord", sa.String(4000), nullable=True),
        sa.Column("strijdig_met_avg", sa.Boolean(), nullable=True),
        sa.Column("beantwoord_op", TZ, nullable=True),
        sa.Column("beantwoord_door", sa.String(200), nullable=True),
        *_tijd(),
        sa.PrimaryKeyConstraint("id", name="pk_vwo_verzoeken"),
    )
    op.create_index("ix_vwo_verzoeken_afnemer_id", "vwo_verzoeken", ["afnemer_id"])


def downgrade() -> None:
    for tabel, indexen in (
            ("vwo_verzoeken", ("afnemer_id",)),
            ("vwo_logboek", ("afnemer_id", "inbreuk_id")),
            ("vwo_inbreukgemeenten", ("inbreuk_id", "afnemer_id")),
            ("vwo_inbreuken", ()),
            ("vwo_subverwerkers", ()),
            ("vwo_verwerkingsversies", ("verwerking_id", "afnemer_id")),
            ("vwo_verwerkingen", ("overeenkomst_id", "afnemer_id")),
            ("vwo_overeenkomsten", ("afnemer_id",))):
        for kolom in indexen:
            op.drop_index(f"ix_{tabel}_{kolom}", table_name=tabel)
        op.drop_table(tabel)
