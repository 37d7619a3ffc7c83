"""An agreement as the API, the console and the printable Bijlage 1 show it: its status,
tables 2 and 3, Bijlage 2 and what it still lacks, computed for a page of agreements in a
fixed number of queries."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy import select

from core.sdk import plus_maanden
from core.sdk.api import Contact, contactpersonen, contactpersonen_van, db, instellingen

from . import dienst as d
from . import regels, register
from .models import Overeenkomst, Subverwerker


def status(overeenkomst: Overeenkomst, vandaag: date) -> str:
    """VWO 2.2/2.3: ended once its end is confirmed, lapsed once its successor starts."""
    if overeenkomst.beeindigd_op is not None and overeenkomst.beeindigd_op <= vandaag:
        return "beeindigd"
    if overeenkomst.vervallen_op is not None and overeenkomst.vervallen_op <= vandaag:
        return "vervallen"
    if overeenkomst.ingangsdatum > vandaag:
        return "toekomstig"
    return "actief"


def lopend(overeenkomst: Overeenkomst) -> bool:
    """Whether it can still change: not ended and not replaced."""
    return overeenkomst.beeindigd_op is None and overeenkomst.vervangen_door_id is None


def subverwerkers_voor(diensten: Sequence[str], alle: Sequence[Subverwerker],
                       vandaag: date) -> list[Subverwerker]:
    """The subverwerkers that work (or will) for one of ``diensten``."""
    return [s for s in alle if set(s.diensten) & set(diensten)
            and (s.beeindigd_op is None or s.beeindigd_op >= vandaag)]


def subverwerker(s: Subverwerker) -> dict[str, Any]:
    return {"id": s.id, "naam": s.naam, "contactgegevens": s.contactgegevens,
            "kvk_nummer": s.kvk_nummer, "uitbestede_verwerkingen": list(s.uitbestede_verwerkingen),
            "toepassing": s.toepassing, "diensten": list(s.diensten),
            "doorgifte_buiten_eer": s.doorgifte_buiten_eer, "landen": list(s.landen),
            "doorgifte_instrument": s.doorgifte_instrument,
            "aanvullende_maatregelen": s.aanvullende_maatregelen,
            "ingeschakeld_vanaf": s.ingeschakeld_vanaf, "beeindigd_op": s.beeindigd_op,
            "aangekondigd_op": s.aangekondigd_op, "aangemaakt_op": s.aangemaakt_op,
            "gewijzigd_op": s.gewijzigd_op}


def tabel2(afnemer_id: uuid.UUID, contacten: Sequence[Contact] | None = None
           ) -> dict[str, Any]:
    """Bijlage 1 tabel 2: the gemeente's contacts reachable around the clock (from its
    contactpersonen, read here unless ``contacten`` holds them), Logius' and the IBD's
    (from the dienst's settings)."""
    waarden = instellingen(d.SLUG)
    if contacten is None:
        contacten = contactpersonen(afnemer_id)
    gemeente = [{"naam": c.naam, "rol": c.rol, "email": c.email, "telefoon": c.telefoon}
                for c in contacten if c.bereikbaarheid == "24x7"]
    verwerker = None
    if waarden[d.LOGIUS_CONTACT_NAAM] and (waarden[d.LOGIUS_CONTACT_TELEFOON]
                                          or waarden[d.LOGIUS_CONTACT_EMAIL]):
        verwerker = {"naam": waarden[d.LOGIUS_CONTACT_NAAM],
                     "telefoon": waarden[d.LOGIUS_CONTACT_TELEFOON],
                     "email": waarden[d.LOGIUS_CONTACT_EMAIL]}
    ibd = None
    if waarden[d.IBD_TELEFOON] or waarden[d.IBD_EMAIL]:
        ibd = {"naam": "Informatiebeveiligingsdienst voor gemeenten (IBD)",
               "telefoon": waarden[d.IBD_TELEFOON], "email": waarden[d.IBD_EMAIL]}
    return {"gemeente": gemeente, "verwerker": verwerker, "ibd": ibd,
            "artikel": "VWO Bijlage 1 tabel 2"}


def tpm_uiterlijk(overeenkomst: Overeenkomst) -> date | None:
    """VWO 4.2 (toelichting): where a dienst with a yearly TPM is part of the processing,
    the next TPM is due a year after the last one, or after the start."""
    if not set(overeenkomst.diensten) & d.tpm_diensten(instellingen(d.SLUG)):
        return None
    laatste = (overeenkomst.bijlage2 or {}).get("laatste_tpm")
    basis = date.fromisoformat(laatste) if laatste else overeenkomst.ingangsdatum
    return plus_maanden(basis, 12)


def overeenkomsten(rijen: Sequence[Overeenkomst], vandaag: date) -> list[dict[str, Any]]:
    """The answer for each agreement (of one afnemer, or of many in Logius' list): three
    queries for the whole page."""
    if not rijen:
        return []
    aantallen = register.lopend_per_overeenkomst([o.id for o in rijen])
    alle = list(db.session.scalars(select(Subverwerker).order_by(Subverwerker.naam,
                                                                 Subverwerker.id)))
    contacten = {afnemer_id: tabel2(afnemer_id, lijst) for afnemer_id, lijst in
                 contactpersonen_van(o.afnemer_id for o in rijen).items()}
    return [_overeenkomst(o, vandaag, aantallen.get(o.id, 0), alle, contacten[o.afnemer_id])
            for o in rijen]


def _overeenkomst(o: Overeenkomst, vandaag: date, aantal: int, alle: Sequence[Subverwerker],
                  contacten: Mapping[str, Any]) -> dict[str, Any]:
    ontbreekt = regels.ontbreekt(
        verwerkingen=aantal, contact_gemeente=bool(contacten["gemeente"]),
        contact_verwerker=contacten["verwerker"] is not None,
        contact_ibd=contacten["ibd"] is not None, bijlage2=o.bijlage2)
    bekend = set(o.subverwerkers_bij_aangaan or [])
    stand = status(o, vandaag)
    return {
        "id": o.id, "standaard_versie": o.standaard_versie,
        "hoofdovereenkomst_naam": o.hoofdovereenkomst_naam,
        "hoofdovereenkomst_datum": o.hoofdovereenkomst_datum,
        "diensten": list(o.diensten), "ingangsdatum": o.ingangsdatum,
        "ingangsdatum_afgesproken": o.ingangsdatum != o.hoofdovereenkomst_datum,
        "ondertekening": (ondertekening(o)
                          if o.ondertekening_gemeente or o.ondertekening_verwerker else None),
        "bijlage2": bijlage2(o.bijlage2) if o.bijlage2 else None,
        "status": stand, "vervalt_op": o.vervallen_op, "vervangen_door": o.vervangen_door_id,
        "beeindiging": ({"verwerking_gestopt_op": o.verwerking_gestopt_op,
                         "gegevens": o.gegevens_afhandeling, "bevestigd_op": o.beeindigd_op}
                        if o.beeindigd_op else None),
        "geheimhouding_loopt": True,
        "compleet": not ontbreekt,
        "ontbreekt": [asdict(regel) for regel in ontbreekt],
        "aantal_verwerkingen": aantal,
        "tabel2": contacten,
        "tabel3": [{**subverwerker(s), "bekend_bij_aangaan": str(s.id) in bekend}
                   for s in subverwerkers_voor(o.diensten, alle, vandaag)],
        "tpm_uiterlijk": tpm_uiterlijk(o) if stand in ("actief", "toekomstig") else None,
        "aangemaakt_op": o.aangemaakt_op, "gewijzigd_op": o.gewijzigd_op,
    }


def _ondertekenaar(waarde: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not waarde:
        return None
    return {**waarde, "datum": date.fromisoformat(waarde["datum"])}


def ondertekening(o: Overeenkomst) -> dict[str, Any]:
    return {"gemeente": _ondertekenaar(o.ondertekening_gemeente),
            "verwerker": _ondertekenaar(o.ondertekening_verwerker)}


def bijlage2(waarde: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (date.fromisoformat(v) if k in ("laatste_certificering", "laatste_tpm") and v
                else v) for k, v in waarde.items()}
