"""What every JSON body must be before any schema reads it.

JSON allows what no field of this API can hold: a lone UTF-16 surrogate (``"\\ud800"``),
which neither database can store; control characters, which belong in no text the
API keeps; and nesting deep enough to exhaust Python's recursion. Each is refused here
with a 400 that names the field (``regels.3.naam``), before anything is read, written
or logged from it.

- Nesting is at most :data:`MAX_DIEPTE` levels (no schema of the API comes near).
- No string, key or value, holds a surrogate code point or a control character other
  than tab, line feed and carriage return. Whether a text may span lines is the
  field's rule (:func:`core.api.fields.tekst`).
"""

from __future__ import annotations

import json
import re
from typing import Any

from core.errors import Problem

#: The deepest nesting a body may have: objects and arrays, the body itself being 1.
MAX_DIEPTE = 32

#: Code points no text of the API may hold: C0 controls but tab, LF and CR; DEL and the
#: C1 controls; and UTF-16 surrogates, which only a broken client sends on their own.
VERBODEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class OngeldigeJson(ValueError):
    """A body that parses as JSON but that no operation of the API takes."""

    def __init__(self, velden: list[tuple[str, str, str]]) -> None:
        super().__init__("; ".join(f"{naam}: {reden}" for naam, _, reden in velden))
        self.velden = velden

    def probleem(self) -> Problem:
        namen = ", ".join(dict.fromkeys(naam for naam, _, _ in self.velden))
        return Problem(400, f"De invoer is ongeldig in: {namen}.", code="ongeldige-invoer",
                       invalid_params=[{"name": naam, "code": code, "reason": reden}
                                       for naam, code, reden in self.velden])


def lees(tekst: str | bytes) -> Any:
    """Parse a JSON body and check it (:class:`OngeldigeJson` if it breaks a rule);
    malformed JSON raises ``json.JSONDecodeError`` as ``json.loads`` does."""
    try:
        data = json.loads(tekst)
    except RecursionError:
        raise OngeldigeJson([("body", "diepte",
                              f"De body is dieper genest dan {MAX_DIEPTE} niveaus.")]) from None
    controleer(data)
    return data


def controleer(data: Any) -> None:
    """Check parsed JSON against the rules above; every fault at once, by field name."""
    fouten: list[tuple[str, str, str]] = []
    stapel: list[tuple[Any, str, int]] = [(data, "", 1)]
    while stapel:
        waarde, pad, diepte = stapel.pop()
        if isinstance(waarde, (dict, list)) and diepte > MAX_DIEPTE:
            # Named by its field in the body: a path of 32 zeros helps nobody.
            fouten.append((pad.split(".")[0] or "body", "diepte",
                           f"Dieper genest dan {MAX_DIEPTE} niveaus."))
            continue
        if isinstance(waarde, dict):
            for sleutel, kind in waarde.items():
                naam = f"{pad}.{sleutel}" if pad else str(sleutel)
                if VERBODEN.search(sleutel):
                    fouten.append((_leesbaar(naam), "teken",
                                   "De veldnaam bevat een teken dat niet mag."))
                    continue
                stapel.append((kind, naam, diepte + 1))
        elif isinstance(waarde, list):
            stapel.extend((kind, f"{pad}.{i}" if pad else str(i), diepte + 1)
                          for i, kind in enumerate(waarde))
        elif isinstance(waarde, str) and (teken := VERBODEN.search(waarde)):
            fouten.append((pad or "body", "teken", _reden(teken.group())))
    if fouten:
        raise OngeldigeJson(sorted(fouten))


def _reden(teken: str) -> str:
    if "\ud800" <= teken <= "\udfff":
        return (f"Bevat een losse UTF-16-surrogaat (U+{ord(teken):04X}): geen geldig "
                "Unicode-teken.")
    return f"Bevat een stuurteken (U+{ord(teken):04X}); alleen tab en regeleinde mogen."


def _leesbaar(naam: str) -> str:
    return VERBODEN.sub("\N{REPLACEMENT CHARACTER}", naam)
