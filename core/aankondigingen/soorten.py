"""The kinds of announcement, what each needs and whether an afnemer must answer.

- ``voorwaardenwijziging``: a new version of a terms document; notice and the effect
  of rejection come from the document's :class:`~core.types.Wijzigingsregel`
  (AV 13.1 / 13.2, MO 8.1 / 8.2);
- ``dienstwijziging`` and ``uitfasering``: Logius changes a dienst or phases out a
  version, as early as it can (AV 14.1); rejecting opens consultation (AV 14.2);
- ``onderhoud``: planned maintenance is announced beforehand (AV 6.1), for the dienst
  and optionally one omgeving; where the dienst's service level sets maintenance
  windows (such as SNO 2 Onderhoudsvenster) it falls inside them, unless it is marked as
  a deviation (``afwijking`` with ``afwijkingReden``), see :mod:`.regels`;
- ``koppelvlakwijziging``: an interface specification changes; where the dienst's terms
  say so only after consulting the Afnemersoverleg (MO 3.5);
- ``opschorting``: delivery suspended for a security incident, without notice (AV 5.4);
- ``storing``: an outage, handled without notice (AV 7).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Type(StrEnum):
    VOORWAARDENWIJZIGING = "voorwaardenwijziging"
    DIENSTWIJZIGING = "dienstwijziging"
    UITFASERING = "uitfasering"
    ONDERHOUD = "onderhoud"
    KOPPELVLAKWIJZIGING = "koppelvlakwijziging"
    OPSCHORTING = "opschorting"
    STORING = "storing"


class Status(StrEnum):
    """Where one afnemer stands with one announcement."""

    OPEN = "open"  # an answer is asked and not yet given
    GEACCEPTEERD = "geaccepteerd"
    AFGEWEZEN = "afgewezen"  # a change of terms rejected: delivery ends (AV 13.2, MO 8.2)
    CONSULTATIE = "consultatie"  # a dienstwijziging rejected: parties consult (AV 14.2)
    TER_KENNISNAME = "ter-kennisname"  # nothing to answer


class Besluit(StrEnum):
    ACCEPTEREN = "accepteren"
    AFWIJZEN = "afwijzen"


#: Every field that depends on the type, by its name in the API.
VARIABELE_VELDEN = ("dienst", "document", "versie", "wijzigingsdatum", "beginOp", "eindeOp",
                    "afnemersoverlegOp", "omgeving", "afwijking", "afwijkingReden")


@dataclass(frozen=True)
class Soort:
    """What one type of announcement needs.

    :param artikel: the article behind it (a voorwaardenwijziging uses the article
        of the document's own change rule instead).
    :param reactie_vereist: the afnemer accepts or rejects it.
    :param verplicht: fields (API names) that must be given.
    :param toegestaan: fields that may be given; the rest of
        :data:`VARIABELE_VELDEN` is refused.
    """

    type: Type
    artikel: str
    reactie_vereist: bool
    verplicht: tuple[str, ...]
    toegestaan: tuple[str, ...] = ()

    @property
    def velden(self) -> tuple[str, ...]:
        return self.verplicht + self.toegestaan


SOORTEN: dict[Type, Soort] = {
    s.type: s
    for s in (
        Soort(Type.VOORWAARDENWIJZIGING, "AV 13.1", True,
              ("document", "versie", "wijzigingsdatum")),
        Soort(Type.DIENSTWIJZIGING, "AV 14.1", True, ("dienst", "wijzigingsdatum")),
        Soort(Type.UITFASERING, "AV 14.1", True, ("dienst", "wijzigingsdatum")),
        Soort(Type.ONDERHOUD, "AV 6.1", False, ("dienst", "beginOp", "eindeOp"),
              ("omgeving", "afwijking", "afwijkingReden")),
        Soort(Type.KOPPELVLAKWIJZIGING, "MO 3.5", False, ("dienst", "wijzigingsdatum"),
              ("afnemersoverlegOp",)),
        Soort(Type.OPSCHORTING, "AV 5.4", False, ("beginOp",), ("dienst", "eindeOp")),
        Soort(Type.STORING, "AV 7", False, ("dienst", "beginOp"), ("eindeOp", "omgeving")),
    )
}

#: The obligation a dienst declares when its koppelvlak changes only after
#: consulting the Afnemersoverleg (MO 3.5); its article then names the rule.
KOPPELVLAK_OVERLEG = "wijziging-koppelvlak"
#: AV 14.1 covers a koppelvlak change of a dienst without such an obligation.
KOPPELVLAK_ALGEMEEN = "AV 14.1"
#: AV 14.2: rejecting a dienstwijziging opens consultation about an end date.
CONSULTATIE_ARTIKEL = "AV 14.2"
