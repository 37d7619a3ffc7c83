"""The template of a new dienst plugin package (``afnemersportaal plugin new NAME``).

``bestanden/`` holds the package as it is made, every file with ``.tmpl`` after its
name (so no tool takes a template for Python) and ``__pakket__`` as the import
package's directory. :func:`maak` copies it with the names filled in: a complete,
installable package (pyproject with its entry point, the hook modules, one afnemer
route, a table with its migration, one event, one setting) whose conformance test
passes as it stands. The example package under ``examples/`` is the same shape,
worked out.

Only the standard library and :data:`core.types.SLUG` are used here: the command
builds no app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from core.types import SLUG

SUFFIX = ".tmpl"
PAKKET = "__pakket__"
TOKEN = re.compile(r"\{\{(\w+)\}\}")


class SjabloonFout(ValueError):
    """A name or a place the template cannot be made with; the message says why."""


@dataclass(frozen=True)
class Namen:
    """Every name the template uses, from the dienst's slug."""

    slug: str

    @property
    def pakket(self) -> str:
        """The import package: ``afnemersportaal_mijn_dienst``."""
        return "afnemersportaal_" + self.prefix

    @property
    def distributie(self) -> str:
        """The distribution: ``afnemersportaal-mijn-dienst``."""
        return "afnemersportaal-" + self.slug

    @property
    def prefix(self) -> str:
        """The table prefix without its ``_``: ``mijn_dienst``."""
        return self.slug.replace("-", "_")

    @property
    def naam(self) -> str:
        """The display name: ``Mijn dienst``."""
        return self.slug.replace("-", " ").capitalize()

    @property
    def camel(self) -> str:
        """The start of the operationIds: ``mijnDienst``."""
        kop, *rest = self.slug.split("-")
        return kop + "".join(deel.capitalize() for deel in rest)

    @property
    def SLUG(self) -> str:
        """As in an environment variable: ``MIJN_DIENST``."""
        return self.prefix.upper()

    @property
    def afkorting(self) -> str:
        """The terms' abbreviation in article references: ``VMD`` (Voorwaarden Mijn
        Dienst)."""
        return "V" + "".join(deel[0] for deel in self.slug.split("-")).upper()

    def waarden(self) -> dict[str, str]:
        return {naam: getattr(self, naam) for naam in (
            "slug", "pakket", "distributie", "prefix", "naam", "camel", "SLUG", "afkorting")}


def controleer(slug: str) -> Namen:
    """The names for ``slug``, or :class:`SjabloonFout` saying what a slug is."""
    if not isinstance(slug, str) or not SLUG.match(slug):
        raise SjabloonFout(
            f"{slug!r} is geen slug: kleine letters en cijfers, beginnend met een letter, "
            "delen gescheiden door één '-' (bijvoorbeeld 'eherkenning' of 'mijn-dienst')")
    return Namen(slug)


def _vul(tekst: str, waarden: dict[str, str], bron: str) -> str:
    def vervang(match: re.Match) -> str:
        naam = match.group(1)
        if naam not in waarden:
            raise SjabloonFout(f"sjabloon {bron}: onbekende naam {{{{{naam}}}}}")
        return waarden[naam]

    return TOKEN.sub(vervang, tekst)


def _bestanden(map_: Traversable, pad: tuple[str, ...] = ()):
    for item in sorted(map_.iterdir(), key=lambda i: i.name):
        if item.is_dir():
            yield from _bestanden(item, (*pad, item.name))
        elif item.name.endswith(SUFFIX):
            yield (*pad, item.name.removesuffix(SUFFIX)), item


def maak(slug: str, doel: Path) -> list[Path]:
    """Make the package of dienst ``slug`` in the directory ``doel``, which must not exist
    yet; returns the files made. :class:`SjabloonFout` for a bad slug or an existing
    ``doel``, before anything is written."""
    namen = controleer(slug)
    doel = Path(doel)
    if doel.exists():
        raise SjabloonFout(f"{doel} bestaat al; kies een andere map of verwijder die eerst")
    waarden = namen.waarden()
    bestanden = [(tuple(namen.pakket if deel == PAKKET else deel for deel in pad),
                  _vul(bron.read_text(encoding="utf-8"), waarden, "/".join(pad)))
                 for pad, bron in _bestanden(files(__name__) / "bestanden")]
    gemaakt = []
    for pad, tekst in bestanden:
        bestand = doel.joinpath(*pad)
        bestand.parent.mkdir(parents=True, exist_ok=True)
        bestand.write_text(tekst, encoding="utf-8")
        gemaakt.append(bestand)
    return gemaakt
