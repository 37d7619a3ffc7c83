"""Reusable validated fields, each with its rule and example in the OpenAPI document."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import marshmallow as ma
import phonenumbers

OIN_PATTERN = r"^\d{20}$"
KVK_PATTERN = r"^\d{8}$"


def oin(**kwargs) -> ma.fields.String:
    return ma.fields.String(
        validate=ma.validate.Regexp(OIN_PATTERN, error="Een OIN bestaat uit precies 20 cijfers."),
        metadata={
            "description": "Organisatie-identificatienummer: precies 20 cijfers",
            "example": "00000001001234567000",
            "pattern": OIN_PATTERN,
        },
        **kwargs,
    )


def kvk_nummer(**kwargs) -> ma.fields.String:
    return ma.fields.String(
        validate=ma.validate.Regexp(KVK_PATTERN, error="Een KvK-nummer bestaat uit 8 cijfers."),
        metadata={"description": "KvK-nummer: 8 cijfers", "example": "12345678",
                  "pattern": KVK_PATTERN},
        **kwargs,
    )


#: What no text of the API holds: control characters (C0, DEL, C1). A text of one line
#: (a name, a title) has no tab or line break either; a longer text may span lines.
_STUUR_EEN_REGEL = "\\u0000-\\u001f\\u007f-\\u009f"
_STUUR_MEER_REGELS = "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f"


def _patroon(stuur: str) -> str:
    """At least one character that is not whitespace, and none of ``stuur``: what
    :class:`Tekst` takes, as a pattern in the document (whitespace as Python's ``\\s``
    and ``str.strip`` define it, which agree)."""
    return f"^[^{stuur}]*[^{stuur}\\s][^{stuur}]*$"


#: The pattern of a text of one line, and of a text that may span lines.
TEKST_PATTERN = _patroon(_STUUR_EEN_REGEL)
TEKST_REGELS_PATTERN = _patroon(_STUUR_MEER_REGELS)
_EEN_REGEL = re.compile(f"[{_STUUR_EEN_REGEL}]")  # re reads \uXXXX as JSON Schema does
_MEER_REGELS = re.compile(f"[{_STUUR_MEER_REGELS}]")

#: Up to this length a text is one line (names, titles, codes); longer ones may span
#: lines (descriptions, explanations, answers).
EEN_REGEL_TOT = 200


def tekst(max_length: int = 200, *, meerregelig: bool | None = None,
          **kwargs) -> ma.fields.String:
    """A trimmed, non-blank text of at most ``max_length`` characters, without control
    characters; one line unless ``meerregelig`` (by default: longer than 200)."""
    if meerregelig is None:
        meerregelig = max_length > EEN_REGEL_TOT
    return Tekst(
        meerregelig=meerregelig,
        validate=ma.validate.Length(
            min=1, max=max_length, error=f"Moet 1 tot {max_length} tekens lang zijn."
        ),
        metadata={"maxLength": max_length, "minLength": 1,
                  "pattern": TEKST_REGELS_PATTERN if meerregelig else TEKST_PATTERN,
                  **kwargs.pop("metadata", {})},
        **kwargs,
    )


def keuze(waarden, **kwargs) -> ma.fields.String:
    waarden = [str(w) for w in waarden]
    # A nullable choice is ``nullable: true`` (from allow_none), never null in the enum:
    # generated clients make an enum member of every value.
    return ma.fields.String(
        validate=ma.validate.OneOf(waarden, error="Kies een van: {choices}."),
        metadata={"enum": waarden, **kwargs.pop("metadata", {})},
        **kwargs,
    )


class Tekst(ma.fields.String):
    """A string with surrounding whitespace removed; blank is not a value. No control
    characters; no tab or line break either unless ``meerregelig``."""

    def __init__(self, *, meerregelig: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.meerregelig = meerregelig

    def _deserialize(self, value, attr, data, **kwargs):
        result = super()._deserialize(value, attr, data, **kwargs)
        if teken := (_MEER_REGELS if self.meerregelig else _EEN_REGEL).search(result):
            raise ma.ValidationError(
                "Een tekst van één regel heeft geen tab of regeleinde." if teken.group()
                in "\t\n\r" else f"Bevat een stuurteken (U+{ord(teken.group()):04X}).")
        # The documented maximum holds for what is sent, not only for what remains
        # after trimming: a client that sends too much hears so.
        for validator in self.validators:
            if isinstance(validator, ma.validate.Length) and validator.max is not None:
                if len(result) > validator.max:
                    raise ma.ValidationError(validator.error.format(min=validator.min,
                                                                    max=validator.max))
        result = result.strip()
        if not result:
            raise ma.ValidationError("Mag niet leeg zijn.")
        return result


class Email(ma.fields.Email):
    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).setdefault("example", "servicedesk@voorbeeld.nl")
        super().__init__(
            validate=ma.validate.Length(max=254, error="Een e-mailadres is maximaal 254 tekens."),
            error_messages={"invalid": "Geen geldig e-mailadres."},
            **kwargs,
        )

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip().lower()


class Telefoon(ma.fields.String):
    """A phone number, Dutch by default, stored and answered in E.164 (+31...)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).update(
            description="Telefoonnummer; Nederlandse nummers mogen zonder +31. "
            "Antwoord in E.164-notatie.",
            example="+31701234567",
        )
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            number = phonenumbers.parse(text, "NL")
        except phonenumbers.NumberParseException as exc:
            raise ma.ValidationError("Geen telefoonnummer.") from exc
        if not phonenumbers.is_valid_number(number):
            raise ma.ValidationError("Geen geldig telefoonnummer.")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# --- money ---------------------------------------------------------------------------
# Amounts leave the API as strings, never as JSON numbers, so no client parses them into
# a float. Money has exactly two decimals; a tariff keeps up to four.

BEDRAG_PATTERN = r"^-?\d+\.\d{2}$"
TARIEF_PATTERN = r"^\d{1,8}(\.\d{1,4})?$"
PERCENTAGE_PATTERN = r"^\d{1,2}(\.\d{1,2})?$"
_VIER = Decimal("0.0001")
_TWEE = Decimal("0.01")


def tarief_tekst(waarde: Decimal) -> str:
    """A tariff as text: at least two and at most four decimals (0.59, 0.0125, 4400.00)."""
    heel, _, fractie = f"{Decimal(waarde).quantize(_VIER, rounding=ROUND_HALF_UP):f}".partition(".")
    return f"{heel}.{fractie.rstrip('0').ljust(2, '0')}"


class Bedrag(ma.fields.String):
    """An amount of money in euros, answered as a string with two decimals: "5900.00"."""

    def __init__(self, **kwargs):
        metadata = {"format": "decimal", "pattern": BEDRAG_PATTERN, "example": "5900.00",
                    "description": "Bedrag in euro's als tekst met precies twee decimalen",
                    **kwargs.pop("metadata", {})}
        super().__init__(dump_only=True, metadata=metadata, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        return f"{Decimal(value).quantize(_TWEE, rounding=ROUND_HALF_UP):f}"


class Tariefbedrag(ma.fields.String):
    """A tariff in euros: sent as a string with at most four decimals ("0.59"), answered
    with two to four decimals."""

    def __init__(self, **kwargs):
        metadata = {"format": "decimal", "pattern": TARIEF_PATTERN, "example": "0.59",
                    **kwargs.pop("metadata", {})}
        super().__init__(metadata=metadata, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else tarief_tekst(value)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if not re.fullmatch(TARIEF_PATTERN, text):
            raise ma.ValidationError(
                "Verwacht een bedrag in euro's als tekst, met een punt en ten hoogste vier "
                "decimalen, bijvoorbeeld \"0.59\" of \"4400\".")
        return Decimal(text)


class Percentage(ma.fields.String):
    """A percentage as a string: "21" or "21.00" in, "21.00" out."""

    def __init__(self, **kwargs):
        metadata = {"format": "decimal", "pattern": PERCENTAGE_PATTERN, "example": "21.00",
                    **kwargs.pop("metadata", {})}
        super().__init__(metadata=metadata, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else f"{Decimal(value).quantize(_TWEE):f}"

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if not re.fullmatch(PERCENTAGE_PATTERN, text):
            raise ma.ValidationError(
                "Verwacht een percentage als tekst, van 0 tot 100 met ten hoogste twee "
                "decimalen, bijvoorbeeld \"21\".")
        return Decimal(text)
