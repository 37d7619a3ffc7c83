"""The rules a new announcement must meet, checked all at once, each naming its article.

:func:`fouten` answers ``{veldnaam: [reden, ...]}`` with API field names, the shape
marshmallow raises, so every broken rule reaches the client in one 400.

Planned maintenance (``onderhoud``) of a dienst whose service level sets maintenance
windows (``Serviceniveau.onderhoud``; e.g. SNO 2 Onderhoudsvenster for production) must
fall inside a window of its month and last no longer than the rule allows, also together
with the maintenance already announced in that window, and the month may use no more
windows than the rule allows (:func:`core.serviceniveau.onderhoud.toets`). Without an
``omgeving`` the maintenance concerns every omgeving of the dienst, so every omgeving's
rule applies. A maintenance that breaks the rule on purpose is marked ``afwijking`` with
an ``afwijkingReden``; it is then not held to the windows, is announced before it starts
like any maintenance (AV 6.1; SNO 2 Onderhoudsvenster: deviations are made known
beforehand), and does not count towards the windows of the month.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select

from core import tijd
from core.aankondigingen.models import Aankondiging
from core.aankondigingen.soorten import (
    KOPPELVLAK_ALGEMEEN,
    KOPPELVLAK_OVERLEG,
    SOORTEN,
    VARIABELE_VELDEN,
    Type,
)
from core.afnemers.models import Afnemer
from core.db import db, utcnow
from core.plugins import diensten
from core.types import Verplichting
from core.voorwaarden import service as voorwaarden

#: A plausibility bound on change dates (and keeps the date arithmetic in range).
MAX_JAREN_VOORUIT = 10


def koppelvlak_overleg(dienst: str | None) -> Verplichting | None:
    """The dienst's duty to consult the Afnemersoverleg before a koppelvlak changes (MO 3.5)."""
    if dienst is None:
        return None
    for doc in diensten().voorwaarden(dienst):
        for verplichting in doc.verplichtingen:
            if verplichting.id == KOPPELVLAK_OVERLEG:
                return verplichting
    return None


def artikel(type_: Type, data: dict[str, Any]) -> str:
    """The article an announcement rests on, for its record and its events."""
    if type_ == Type.VOORWAARDENWIJZIGING:
        doc = voorwaarden.documenten()[data["document"]]
        return voorwaarden.wijzigingsregel(doc).aankondiging_artikel
    if type_ == Type.KOPPELVLAKWIJZIGING:
        overleg = koppelvlak_overleg(data.get("dienst"))
        return overleg.artikel if overleg else KOPPELVLAK_ALGEMEEN
    return SOORTEN[type_].artikel


@dataclass(frozen=True)
class Vroegst:
    """The earliest date the notice rule of a type of announcement allows.

    :param veld: the API field the date is for (``wijzigingsdatum`` or ``beginOp``).
    :param datum: the earliest allowed date; ``None`` when the type needs no notice.
    :param artikel: the article of the rule.
    :param uitleg: the rule, as a reader says it.
    """

    veld: str
    datum: date | None
    artikel: str
    uitleg: str


def vroegst(type_: Type, *, document: str | None = None, dienst: str | None = None,
            vandaag: date | None = None) -> Vroegst | None:
    """The notice rule of ``type_`` announced on ``vandaag``: a change of terms at least
    the document's notice before its date (AV 13.1, MO 8.1), other changes and planned
    maintenance not in the past (AV 14.1, AV 6.1), a suspension from today (AV 5.4), an
    outage without notice (AV 7). ``None`` for a change of terms of an unknown document."""
    vandaag = vandaag or tijd.vandaag()
    soort = SOORTEN[type_]
    if type_ == Type.VOORWAARDENWIJZIGING:
        doc = voorwaarden.documenten().get(document) if document else None
        if doc is None:
            return None
        regel = voorwaarden.wijzigingsregel(doc)
        if regel.aankondiging is None:
            return Vroegst("wijzigingsdatum", vandaag, regel.aankondiging_artikel,
                           f"Een wijziging van de {doc.titel} ligt niet in het verleden.")
        return Vroegst("wijzigingsdatum", tijd.plus_termijn(vandaag, regel.aankondiging),
                       regel.aankondiging_artikel,
                       f"Een wijziging van de {doc.titel} wordt minstens "
                       f"{tijd.beschrijf(regel.aankondiging)} voor de wijzigingsdatum "
                       "aangekondigd.")
    if type_ == Type.KOPPELVLAKWIJZIGING:
        return Vroegst("wijzigingsdatum", vandaag, artikel(type_, {"dienst": dienst}),
                       "Een koppelvlakwijziging wordt aangekondigd na het overleg dat de "
                       "dienst voorschrijft; de datum ligt niet in het verleden.")
    if type_ in (Type.DIENSTWIJZIGING, Type.UITFASERING):
        return Vroegst("wijzigingsdatum", vandaag, soort.artikel,
                       "Zo vroeg mogelijk aangekondigd; de datum ligt niet in het verleden.")
    if type_ == Type.ONDERHOUD:
        return Vroegst("beginOp", vandaag, soort.artikel,
                       "Gepland onderhoud wordt vooraf aangekondigd: het begin ligt na nu.")
    if type_ == Type.OPSCHORTING:
        return Vroegst("beginOp", vandaag, soort.artikel,
                       "Zonder vooraankondiging, ook vandaag, maar niet met terugwerkende "
                       "kracht.")
    return Vroegst("beginOp", None, soort.artikel,
                   "Een storing wordt zonder vooraankondiging gemeld.")


def fouten(data: dict[str, Any], gegeven: set[str]) -> dict[str, list[str]]:
    """Every broken rule of a new announcement.

    :param data: the parsed fields (python names); a field that failed to parse is absent.
    :param gegeven: the API names the client sent with a non-null value.
    """
    errors: dict[str, list[str]] = {}

    def fout(veld: str, reden: str) -> None:
        errors.setdefault(veld, []).append(reden)

    if data.get("type") is None:
        return errors
    type_ = Type(data["type"])
    soort = SOORTEN[type_]
    if not data.get("afwijking"):
        # false is the default, which a generated client sends with any type
        gegeven = gegeven - {"afwijking"}
    for veld in soort.verplicht:
        if veld not in gegeven:
            fout(veld, f"Verplicht bij een {type_.value} ({soort.artikel}).")
    for veld in VARIABELE_VELDEN:
        if veld in gegeven and veld not in soort.velden:
            fout(veld, f"Hoort niet bij een {type_.value}.")
    if errors:
        return errors

    vandaag, nu = tijd.vandaag(), utcnow()
    dienst = data.get("dienst")
    if dienst is not None and diensten().get(dienst) is None:
        bekend = ", ".join(d.slug for d in diensten().alle())
        fout("dienst", f"Onbekende dienst; kies een van: {bekend}.")
    datum = data.get("wijzigingsdatum")
    begin, einde = data.get("begin_op"), data.get("einde_op")

    if datum is not None and datum > tijd.plus_maanden(vandaag, 12 * MAX_JAREN_VOORUIT):
        fout("wijzigingsdatum", f"Ligt meer dan {MAX_JAREN_VOORUIT} jaar vooruit; kondig de "
                                "wijziging aan als de datum bekend is.")
    if type_ == Type.VOORWAARDENWIJZIGING:
        _voorwaardenwijziging(data, vandaag, fout)
    elif datum is not None and datum < vandaag:
        fout("wijzigingsdatum", "Een aangekondigde wijziging ligt niet in het verleden "
                                f"({soort.artikel}).")
    if type_ == Type.KOPPELVLAKWIJZIGING and dienst is not None:
        _koppelvlak(data, gegeven, vandaag, fout)
    if type_ == Type.ONDERHOUD and begin is not None and begin <= nu:
        if data.get("afwijking"):
            fout("beginOp", "Ook een afwijking van het onderhoudsvenster wordt vooraf "
                            "aangekondigd (AV 6.1; bij een dienst met onderhoudsvensters ook "
                            "zijn serviceniveau): het begin ligt in de toekomst.")
        else:
            fout("beginOp", "Gepland onderhoud wordt vooraf aangekondigd (AV 6.1): het begin "
                            "ligt in de toekomst.")
    if data.get("omgeving") is not None and dienst is not None \
            and diensten().get(dienst) is not None:
        bekend = [o.slug for o in diensten().get(dienst).omgevingen]
        if data["omgeving"] not in bekend:
            fout("omgeving", f"Onbekende omgeving van {dienst}; kies een van: "
                             f"{', '.join(bekend)}.")
    if type_ == Type.ONDERHOUD:
        _afwijking(data, gegeven, fout)
        if not errors and not data.get("afwijking") and isinstance(begin, datetime) \
                and isinstance(einde, datetime) and einde > begin:
            _onderhoudsvenster(dienst, data.get("omgeving"), begin, einde, fout)
    if type_ == Type.OPSCHORTING:
        if begin is not None and tijd.lokaal(begin).date() < vandaag:
            fout("beginOp", "Een opschorting kan zonder vooraankondiging ingaan, ook vandaag "
                            "(AV 5.4), maar niet met terugwerkende kracht.")
        if dienst is None and "afnemers" not in gegeven:
            fout("dienst", "Noem de dienst of de afnemers die de opschorting treft (AV 5.4).")
    if isinstance(begin, datetime) and isinstance(einde, datetime) and einde <= begin:
        fout("eindeOp", "Het einde ligt na het begin.")
    # null is the same as leaving the field out: every afnemer of the dienst.
    if data.get("afnemers") is not None:
        _afnemers(data["afnemers"], fout)
    return errors


def _afwijking(data, gegeven, fout) -> None:
    if data.get("afwijking") and "afwijkingReden" not in gegeven:
        fout("afwijkingReden", "Verplicht bij een afwijking van het onderhoudsvenster: zeg "
                               "waarom het onderhoud niet in een venster kan.")
    if not data.get("afwijking") and "afwijkingReden" in gegeven:
        fout("afwijkingReden", "Alleen bij een afwijking van het onderhoudsvenster "
                               "(afwijking: true).")


def eerder_onderhoud(dienst: str, omgeving: str, begin: datetime) -> list[tuple[datetime,
                                                                               datetime]]:
    """The maintenance already announced for ``dienst`` in ``omgeving`` (or in all its
    omgevingen) around ``begin``'s month, not as a deviation: what counts towards the
    windows of that month."""
    van, tot = begin - timedelta(days=32), begin + timedelta(days=32)
    rijen = db.session.execute(
        select(Aankondiging.begin_op, Aankondiging.einde_op).where(
            Aankondiging.type == Type.ONDERHOUD.value, Aankondiging.dienst == dienst,
            Aankondiging.afwijking.is_(False),
            or_(Aankondiging.omgeving.is_(None), Aankondiging.omgeving == omgeving),
            Aankondiging.begin_op >= van, Aankondiging.begin_op < tot,
            Aankondiging.einde_op.is_not(None)))
    return [(b, e) for b, e in rijen if e > b]


def _onderhoudsvenster(dienst, omgeving, begin, einde, fout) -> None:
    """The windows of the dienst's service level (see the module's docstring)."""
    from core.serviceniveau.onderhoud import Overtreding, toets
    from core.uitbreidingen.bijdragen import uitbreidingen

    niveau = uitbreidingen().serviceniveau(dienst) if dienst else None
    if niveau is None:
        return
    for regel in niveau.onderhoud:
        if omgeving is not None and regel.omgeving != omgeving:
            continue
        for bevinding in toets(regel, begin, einde,
                               eerder_onderhoud(dienst, regel.omgeving, begin)):
            veld = "eindeOp" if bevinding.overtreding == Overtreding.TE_LANG else "beginOp"
            fout(veld, bevinding.reden)


def _voorwaardenwijziging(data, vandaag, fout) -> None:
    documenten = voorwaarden.documenten()
    doc = documenten.get(data.get("document"))
    if doc is None:
        if "document" in data:
            fout("document", f"Onbekend voorwaardendocument; kies een van: "
                             f"{', '.join(documenten)}.")
        return
    if data.get("versie") is not None and data["versie"] in dict(voorwaarden.versies(doc.id)):
        fout("versie", f"Versie {data['versie']} van {doc.titel} bestaat al; kondig een "
                       "nieuwe versie aan.")
    regel = voorwaarden.wijzigingsregel(doc)
    datum = data.get("wijzigingsdatum")
    if datum is None:
        return
    eerst = vroegst(Type.VOORWAARDENWIJZIGING, document=doc.id, vandaag=vandaag).datum
    if datum < eerst:
        termijn = f"minstens {tijd.beschrijf(regel.aankondiging)} " if regel.aankondiging else ""
        fout("wijzigingsdatum",
             f"Een wijziging van de {doc.titel} wordt {termijn}voor de wijzigingsdatum "
             f"aangekondigd ({regel.aankondiging_artikel}); aangekondigd op {vandaag} kan "
             f"de wijziging op zijn vroegst ingaan op {eerst}.")


def _koppelvlak(data, gegeven, vandaag, fout) -> None:
    overleg = koppelvlak_overleg(data["dienst"])
    if overleg is None:
        if "afnemersoverlegOp" in gegeven:
            fout("afnemersoverlegOp", "Deze dienst kent geen overleg met het Afnemersoverleg "
                                      "vóór een koppelvlakwijziging.")
        return
    datum = data.get("afnemersoverleg_op")
    if "afnemersoverlegOp" not in gegeven:
        fout("afnemersoverlegOp", f"Verplicht: het koppelvlak wijzigt pas na overleg met het "
                                  f"Afnemersoverleg ({overleg.artikel}).")
    elif datum is not None and datum > vandaag:
        fout("afnemersoverlegOp", f"Het overleg met het Afnemersoverleg gaat aan de "
                                  f"aankondiging vooraf ({overleg.artikel}).")


def _afnemers(ids: list[uuid.UUID], fout) -> None:
    bekend = set(db.session.scalars(select(Afnemer.id).where(Afnemer.id.in_(set(ids)))))
    onbekend = sorted({str(i) for i in ids if i not in bekend})
    if onbekend:
        fout("afnemers", f"Onbekende afnemers: {', '.join(onbekend)}.")
