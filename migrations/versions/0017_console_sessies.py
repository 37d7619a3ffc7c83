"""console_sessies: server-side console sessions; machine clients bound per issuer

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 10:30:00.000000
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The partial unique index: one live binding per issuer and client id.
LEVEND = sa.text("ingetrokken_op IS NULL")


def _issuer() -> str:
    """The issuer the existing client ids came from: the one configured for this
    upgrade (``AFNEMERSPORTAAL_OIDC_ISSUER``), else the development provider's."""
    from core.config import ONTWIKKELWAARDEN

    return (os.environ.get("AFNEMERSPORTAAL_OIDC_ISSUER")
            or ONTWIKKELWAARDEN["OIDC_ISSUER"]).rstrip("/")


def upgrade() -> None:
    op.create_table('console_sessies',
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('gebruiker_id', sa.Uuid(), nullable=True),
    sa.Column('aangemaakt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('laatst_gezien_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('verloopt_op', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id_token', sa.Text(), nullable=True),
    sa.Column('csrf_token', sa.String(length=64), nullable=True),
    sa.Column('gegevens', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['gebruiker_id'], ['gebruikers.id'], name=op.f('fk_console_sessies_gebruiker_id_gebruikers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('hash', name=op.f('pk_console_sessies'))
    )
    with op.batch_alter_table('console_sessies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_console_sessies_gebruiker_id'), ['gebruiker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_console_sessies_verloopt_op'), ['verloopt_op'], unique=False)

    # Existing bindings came from the issuer configured now.
    with op.batch_alter_table('machine_clients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('issuer', sa.String(length=500), nullable=True))
    op.get_bind().execute(sa.text("UPDATE machine_clients SET issuer = :issuer"),
                          {"issuer": _issuer()})
    with op.batch_alter_table('machine_clients', schema=None) as batch_op:
        batch_op.alter_column('issuer', existing_type=sa.String(length=500), nullable=False)
        batch_op.drop_constraint('uq_machine_clients_client_id', type_='unique')
        batch_op.create_index('uq_machine_clients_issuer_client', ['issuer', 'client_id'], unique=True, sqlite_where=LEVEND, postgresql_where=LEVEND)


def downgrade() -> None:
    # Back to one binding per client id: of a client id bound more than once (a revoked
    # binding and a later one), the live or else the newest binding stays.
    op.execute(
        "DELETE FROM machine_clients WHERE EXISTS (SELECT 1 FROM machine_clients AS ander "
        "WHERE ander.client_id = machine_clients.client_id AND ander.id != machine_clients.id "
        "AND ((ander.ingetrokken_op IS NULL AND machine_clients.ingetrokken_op IS NOT NULL) "
        "OR ((ander.ingetrokken_op IS NULL) = (machine_clients.ingetrokken_op IS NULL) "
        "AND ander.aangemaakt_op > machine_clients.aangemaakt_op)))")
    with op.batch_alter_table('machine_clients', schema=None) as batch_op:
        batch_op.drop_index('uq_machine_clients_issuer_client', sqlite_where=LEVEND, postgresql_where=LEVEND)
        batch_op.create_unique_constraint(batch_op.f('uq_machine_clients_client_id'), ['client_id'])
        batch_op.drop_column('issuer')

    with op.batch_alter_table('console_sessies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_console_sessies_verloopt_op'))
        batch_op.drop_index(batch_op.f('ix_console_sessies_gebruiker_id'))

    op.drop_table('console_sessies')
