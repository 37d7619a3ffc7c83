"""The VWO's deadlines in a gemeente's calendar and iCalendar feed (``dienst_deadlines``):
its own 72 hours for the Autoriteit Persoonsgegevens after a breach (VWO 5.4), the yearly
TPM where a dienst with one is part of the processing (VWO 4.2), and the month in which it
decides on a data subject's request Logius helps with (VWO 4.6, AVG art. 12.3)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from core.sdk import AMSTERDAM, Termijnpost
from core.sdk.api import db

from . import regels, weergave
from .api.inbreuken import gemeente_weergave
from .api.verzoeken import beslissen_uiterlijk
from .models import Betrokkenheid, Inbreuk, Overeenkomst, Verzoek

PAD = "/api/v1/afnemers/{afnemer}"


def deadlines(afnemer_id: uuid.UUID, vanaf: date) -> list[Termijnpost]:
    basis = PAD.format(afnemer=afnemer_id)
    uit = []
    for inbreuk, kant in db.session.execute(
            select(Inbreuk, Betrokkenheid).join(Betrokkenheid,
                                                Betrokkenheid.inbreuk_id == Inbreuk.id)
            .where(Betrokkenheid.afnemer_id == afnemer_id, Betrokkenheid.ap_besluit.is_(None))
            .order_by(Inbreuk.vastgesteld_op, Inbreuk.id)):
        uiterlijk = gemeente_weergave(inbreuk, kant)["ap_melden_uiterlijk"]
        lokaal = uiterlijk.astimezone(AMSTERDAM)
        uit.append(Termijnpost(
            id=f"ap-{inbreuk.id}", datum=lokaal.date(), soort="ap-besluit",
            titel="Besluit over een melding aan de Autoriteit Persoonsgegevens",
            omschrijving=(f"Uiterlijk {lokaal.strftime('%Y-%m-%d %H:%M')} (Nederlandse tijd): "
                          f"{regels.AP_MELDEN.uren} uur nadat de gemeente van de inbreuk van "
                          f"{inbreuk.vastgesteld_op.astimezone(AMSTERDAM).date().isoformat()} "
                          "hoorde. Alleen de gemeente beslist."),
            artikel=regels.AP_MELDEN.artikel, bron=f"{basis}/inbreuken/{inbreuk.id}"))
    for overeenkomst in db.session.scalars(
            select(Overeenkomst).where(Overeenkomst.afnemer_id == afnemer_id,
                                       Overeenkomst.vervangen_door_id.is_(None),
                                       Overeenkomst.beeindigd_op.is_(None))
            .order_by(Overeenkomst.ingangsdatum, Overeenkomst.id)):
        tpm = weergave.tpm_uiterlijk(overeenkomst)
        if tpm is not None:
            uit.append(Termijnpost(
                id=f"tpm-{overeenkomst.id}", datum=tpm, soort="tpm",
                titel="Jaarlijkse TPM van Logius",
                omschrijving=("Logius overhandigt de gemeente elk jaar een TPM, omdat "
                              f"{', '.join(overeenkomst.diensten)} deel is van de verwerking."),
                artikel="VWO 4.2",
                bron=f"{basis}/vwo-overeenkomsten/{overeenkomst.id}"))
    for verzoek in db.session.scalars(
            select(Verzoek).where(Verzoek.afnemer_id == afnemer_id,
                                  Verzoek.soort == "verzoek-betrokkene",
                                  Verzoek.beantwoord_op.is_(None))
            .order_by(Verzoek.ingediend_op, Verzoek.id)):
        uiterlijk = beslissen_uiterlijk(verzoek)
        if uiterlijk is not None:
            uit.append(Termijnpost(
                id=f"verzoek-{verzoek.id}", datum=uiterlijk, soort="verzoek-betrokkene",
                titel="Beslissen op een verzoek van een betrokkene",
                omschrijving=("De gemeente beslist binnen een maand na ontvangst; Logius helpt "
                              "(VWO 4.6)."),
                artikel="VWO 4.6, AVG art. 12",
                bron=f"{basis}/vwo-verzoeken/{verzoek.id}"))
    return [t for t in uit if t.datum >= vanaf]
