"""The VWO's tables (``dienst_migraties``): agreements, the Bijlage 1 register with its
versions, Logius' subverwerkers, breaches with each gemeente's side, the logboek and the
requests for help.

Every table starts with ``vwo_``. A JSON column, and a text column that holds a code,
says in its ``info`` what a sample value looks like (``voorbeeld``), for tooling that
fills the tables in bulk.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.sdk.db import Tijdstempels, UuidPk, Versie, afnemer_kolom, basis

from .dienst import SLUG

Basis = basis(SLUG)


def _json(voorbeeld: Any, **kwargs: Any) -> Mapped[Any]:
    return mapped_column(JSON, info={"voorbeeld": voorbeeld}, **kwargs)


class Overeenkomst(UuidPk, Tijdstempels, Versie, Basis):
    """One processing agreement of a gemeente with Logius (VWO 2), with Bijlage 2."""

    __tablename__ = "vwo_overeenkomsten"
    __audit__ = True

    afnemer_id = afnemer_kolom()
    standaard_versie: Mapped[str] = mapped_column(String(10))
    hoofdovereenkomst_naam: Mapped[str] = mapped_column(String(200))
    hoofdovereenkomst_datum: Mapped[date]
    diensten: Mapped[list[str]] = _json(["digid"])
    ingangsdatum: Mapped[date]
    # Who signed for each party: {naam, functie, plaats, datum} (VWO, Ondertekening).
    ondertekening_gemeente: Mapped[dict | None] = _json(None, nullable=True)
    ondertekening_verwerker: Mapped[dict | None] = _json(None, nullable=True)
    # VWO 4.5: the subverwerkers known when it was concluded (their ids).
    subverwerkers_bij_aangaan: Mapped[list[str]] = _json([])
    # VWO 2.3: a newer agreement replaced it from that one's start.
    vervallen_op: Mapped[date | None]
    vervangen_door_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("vwo_overeenkomsten.id", ondelete="SET NULL"))
    # VWO 2.2 with 7.1: processing stopped, then the data returned or erased, confirmed.
    verwerking_gestopt_op: Mapped[date | None]
    gegevens_afhandeling: Mapped[str | None] = mapped_column(String(30))
    beeindigd_op: Mapped[date | None]
    # Bijlage 2: {normenstelsel, normenstelselAnders, gecertificeerd, laatsteCertificering,
    # toereikendheid, eigenControles, gedragscode, laatsteTpm}.
    bijlage2: Mapped[dict | None] = _json(None, nullable=True)
    aangemaakt_door: Mapped[str] = mapped_column(String(200))


class Verwerking(UuidPk, Tijdstempels, Versie, Basis):
    """A processing of Bijlage 1 tabel 1; what it is lives in its versions."""

    __tablename__ = "vwo_verwerkingen"
    __audit__ = True

    afnemer_id = afnemer_kolom()
    overeenkomst_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("vwo_overeenkomsten.id", ondelete="CASCADE"), index=True)
    laatste_versie: Mapped[int]


class Verwerkingsversie(UuidPk, Basis):
    """One version of a processing, valid from ``geldig_vanaf`` until the next one; never
    changed once written (the register keeps every earlier version readable)."""

    __tablename__ = "vwo_verwerkingsversies"
    __table_args__ = (UniqueConstraint("verwerking_id", "nummer"),)

    afnemer_id = afnemer_kolom()
    verwerking_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("vwo_verwerkingen.id", ondelete="CASCADE"), index=True)
    nummer: Mapped[int]
    geldig_vanaf: Mapped[date]
    beeindigd: Mapped[bool]  # from geldig_vanaf on, the processing is no longer done
    naam: Mapped[str] = mapped_column(String(200))
    dienst: Mapped[str] = mapped_column(String(40))
    doeleinden: Mapped[list[str]] = _json(["Inloggen bij de gemeente"])
    categorieen_betrokkenen: Mapped[list[str]] = _json(["Inwoners"])
    categorieen_persoonsgegevens: Mapped[list[str]] = _json(["bsn"])
    overige_persoonsgegevens: Mapped[str | None] = mapped_column(String(500))
    doorgifte_buiten_eer: Mapped[bool]
    landen: Mapped[list[str]] = _json([])
    doorgifte_instrument: Mapped[int | None]
    aanvullende_maatregelen: Mapped[str | None] = mapped_column(String(2000))
    # VWO 4.3: when the gemeente was told of a (new) transfer outside the EER.
    doorgifte_aangekondigd_op: Mapped[datetime | None]
    vastgelegd_op: Mapped[datetime]
    vastgelegd_door: Mapped[str] = mapped_column(String(200))


class Subverwerker(UuidPk, Tijdstempels, Versie, Basis):
    """A subverwerker Logius engages (Bijlage 1 tabel 3; VWO 4.5)."""

    __tablename__ = "vwo_subverwerkers"
    __audit__ = False  # Logius' own list, of no afnemer: its changes are in the logboek

    naam: Mapped[str] = mapped_column(String(200))
    contactgegevens: Mapped[str] = mapped_column(String(500))
    kvk_nummer: Mapped[str] = mapped_column(String(8))
    uitbestede_verwerkingen: Mapped[list[str]] = _json(["Hosting"])
    toepassing: Mapped[str] = mapped_column(String(500))
    diensten: Mapped[list[str]] = _json(["digid"])
    doorgifte_buiten_eer: Mapped[bool]
    landen: Mapped[list[str]] = _json([])
    doorgifte_instrument: Mapped[int | None]
    aanvullende_maatregelen: Mapped[str | None] = mapped_column(String(2000))
    ingeschakeld_vanaf: Mapped[date]
    beeindigd_op: Mapped[date | None]
    aangekondigd_op: Mapped[datetime | None]
    geregistreerd_door: Mapped[str] = mapped_column(String(200))


class Inbreuk(UuidPk, Tijdstempels, Versie, Basis):
    """A (suspected) personal data breach as Logius records it (VWO 5)."""

    __tablename__ = "vwo_inbreuken"

    vastgesteld_op: Mapped[datetime]
    omschrijving: Mapped[str] = mapped_column(String(2000))
    vermoedelijke_oorzaak: Mapped[str] = mapped_column(String(2000))
    categorieen_persoonsgegevens: Mapped[list[str]] = _json(["contactgegevens"])
    categorieen_betrokkenen: Mapped[list[str]] = _json(["Inwoners"])
    aantal_betrokkenen: Mapped[int | None]
    # VWO 5.1: while suspicious activity was investigated, the 24 hours did not run:
    # [{"van": iso, "tot": iso or null}].
    onderzoek: Mapped[list[dict]] = _json([])
    afgesloten_op: Mapped[datetime | None]
    geregistreerd_door: Mapped[str] = mapped_column(String(200))


class Betrokkenheid(UuidPk, Tijdstempels, Versie, Basis):
    """One affected gemeente's side of a breach: Logius' notice to it, and what it
    records itself (when it learned of the breach, its own decisions, VWO 5.4)."""

    __tablename__ = "vwo_inbreukgemeenten"
    __table_args__ = (UniqueConstraint("inbreuk_id", "afnemer_id"),)
    __audit__ = True

    afnemer_id = afnemer_kolom()
    inbreuk_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("vwo_inbreuken.id", ondelete="CASCADE"), index=True)
    geinformeerd_op: Mapped[datetime]
    bekend_op: Mapped[datetime]
    bekend_op_door_gemeente: Mapped[bool]
    ap_besluit: Mapped[str | None] = mapped_column(String(20))
    ap_gemeld_op: Mapped[datetime | None]
    betrokkenen_besluit: Mapped[str | None] = mapped_column(String(20))


class Logboekregel(UuidPk, Basis):
    """An entry of Logius' logboek of breaches and measures (VWO 5.3): about the whole
    breach (``afnemer_id`` empty) or about one gemeente only."""

    __tablename__ = "vwo_logboek"

    inbreuk_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("vwo_inbreuken.id", ondelete="CASCADE"), index=True)
    afnemer_id: Mapped[uuid.UUID | None] = afnemer_kolom(nullable=True)
    op: Mapped[datetime]
    soort: Mapped[str] = mapped_column(String(30))
    omschrijving: Mapped[str] = mapped_column(String(2000))
    door: Mapped[str] = mapped_column(String(200))


class Verzoek(UuidPk, Tijdstempels, Versie, Basis):
    """A gemeente's request for Logius' help (VWO 4.6, 4.7) or a written instruction
    (VWO 3.1), tracked to its answer."""

    __tablename__ = "vwo_verzoeken"
    __audit__ = True

    afnemer_id = afnemer_kolom()
    soort: Mapped[str] = mapped_column(String(30), info={"voorbeeld": "dpia"})
    omschrijving: Mapped[str] = mapped_column(String(4000))
    # For a data subject's request: the day the gemeente received it (AVG art. 12.3).
    ontvangen_op: Mapped[date | None]
    ingediend_op: Mapped[datetime]
    ingediend_door: Mapped[str] = mapped_column(String(200))
    antwoord: Mapped[str | None] = mapped_column(String(4000))
    strijdig_met_avg: Mapped[bool | None]
    beantwoord_op: Mapped[datetime | None]
    beantwoord_door: Mapped[str | None] = mapped_column(String(200))
