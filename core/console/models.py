"""Console sessions, kept on the server: the browser holds only an opaque id.

The cookie carries a random id; the table stores its SHA-256, so a copy of the table
logs nobody in. A row lives until it is idle for ``CONSOLE_SESSIE_INACTIEF_MINUTEN`` or
``CONSOLE_SESSIE_MAX_UREN`` after login, whichever comes first; logout, a role change,
the end of a lidmaatschap or a Logius role taken away deletes it at once.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base


class ConsoleSessie(Base):
    __tablename__ = "console_sessies"

    #: SHA-256 (hex) of the id in the cookie; the id itself is never stored.
    hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: None while a login is under way (the provider's state, nonce and PKCE verifier).
    gebruiker_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("gebruikers.id", ondelete="CASCADE"), index=True
    )
    aangemaakt_op: Mapped[datetime]
    laatst_gezien_op: Mapped[datetime]
    #: The idle timeout from the last request, never past the absolute maximum.
    verloopt_op: Mapped[datetime] = mapped_column(index=True)
    #: For RP-initiated logout (``id_token_hint``); never sent to the browser.
    id_token: Mapped[str | None] = mapped_column(Text)
    #: The token every console form carries (core.console.csrf).
    csrf_token: Mapped[str | None] = mapped_column(String(64))
    #: The rest of the session: a login's state, flash messages.
    gegevens: Mapped[dict] = mapped_column(JSON, default=dict)
