"""Plots for the console, drawn on the server as SVG, with the same data as a table and
as CSV (WCAG 1.1.1: the table beside every plot says what the plot shows).

One kind of plot serves every page: bars per category (a month, a step, a priority),
stacked per series (a dienst, an afnemer), with horizontal reference lines (a limit, a
warning level, a norm). The SVG carries no script and no ``style`` attribute, only
presentation attributes, so it passes the console's content security policy.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from markupsafe import Markup, escape

#: Colours of the series, in order: dark enough on white for the 3:1 of WCAG 1.4.11.
KLEUREN = ("#154273", "#ca005d", "#39870c", "#8f4a00", "#42145f", "#007bc7", "#673327",
           "#5b6770")
LIJNKLEUREN = {"grens": "#d52b1e", "waarschuwing": "#8f4a00", "norm": "#39870c"}

Getal = int | float | Decimal


@dataclass
class Lijn:
    """A horizontal reference line: the limit, a warning level, a norm."""

    waarde: Getal
    label: str
    soort: str = "grens"  # grens, waarschuwing or norm


@dataclass
class Grafiek:
    """Bars per category, stacked per series."""

    titel: str
    categorieen: list[str]
    #: Series name to its value per category (same order as ``categorieen``).
    reeksen: dict[str, list[Getal]]
    eenheid: str = ""
    lijnen: list[Lijn] = field(default_factory=list)
    beschrijving: str = ""

    def totalen(self) -> list[Getal]:
        return [sum((r[i] for r in self.reeksen.values()), Decimal(0) if any(
            isinstance(r[i], Decimal) for r in self.reeksen.values()) else 0)
            for i in range(len(self.categorieen))]

    # -- the table and the CSV -------------------------------------------------------

    def kolommen(self) -> list[str]:
        return ["", *self.reeksen, *(["Totaal"] if len(self.reeksen) > 1 else [])]

    def rijen(self) -> list[list[str]]:
        totalen = self.totalen()
        rijen = []
        for i, categorie in enumerate(self.categorieen):
            rij = [categorie, *(_tekst(r[i]) for r in self.reeksen.values())]
            if len(self.reeksen) > 1:
                rij.append(_tekst(totalen[i]))
            rijen.append(rij)
        return rijen

    def csv(self) -> str:
        uit = io.StringIO()
        schrijver = csv.writer(uit, lineterminator="\r\n")
        schrijver.writerow([self.eenheid or "categorie", *self.kolommen()[1:]])
        schrijver.writerows(self.rijen())
        for lijn in self.lijnen:
            schrijver.writerow([f"{lijn.soort}: {lijn.label}", _tekst(lijn.waarde)])
        return uit.getvalue()

    # -- the SVG ---------------------------------------------------------------------

    def svg(self, *, breedte: int = 720, hoogte: int = 320, ident: str = "grafiek") -> Markup:
        links, rechts, boven, onder = 64, 16, 16, 56
        legenda = 22 * ((len(self.reeksen) + len(self.lijnen) + 2) // 3)
        totaal_h = hoogte + legenda
        vlak_b, vlak_h = breedte - links - rechts, hoogte - boven - onder
        hoogste = max([float(t) for t in self.totalen()] + [float(lijn.waarde)
                      for lijn in self.lijnen] + [1.0])
        schaal = _mooie_schaal(hoogste)
        n = max(len(self.categorieen), 1)
        stap = vlak_b / n
        balk = max(4.0, stap * 0.6)

        def y(waarde: float) -> float:
            return boven + vlak_h - (waarde / schaal[-1]) * vlak_h

        delen = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {breedte} {totaal_h}" '
            f'width="100%" role="img" aria-labelledby="{ident}-titel {ident}-besch" '
            f'class="grafiek" font-family="sans-serif" font-size="12">',
            f'<title id="{ident}-titel">{escape(self.titel)}</title>',
            f'<desc id="{ident}-besch">{escape(self.beschrijving or self._beschrijving())}</desc>',
        ]
        for tik in schaal:
            ty = y(tik)
            delen.append(f'<line x1="{links}" x2="{breedte - rechts}" y1="{ty:.1f}" '
                         f'y2="{ty:.1f}" stroke="#d0d0d0" stroke-width="1"/>')
            delen.append(f'<text x="{links - 6}" y="{ty + 4:.1f}" text-anchor="end" '
                         f'fill="#1b1b1b">{escape(_kort(tik))}</text>')
        for i, categorie in enumerate(self.categorieen):
            x = links + i * stap + (stap - balk) / 2
            basis = 0.0
            for kleur, (naam, waarden) in zip(_kleuren(), self.reeksen.items(), strict=False):
                waarde = float(waarden[i])
                if waarde <= 0:
                    continue
                y1, y0 = y(basis + waarde), y(basis)
                delen.append(
                    f'<rect x="{x:.1f}" y="{y1:.1f}" width="{balk:.1f}" '
                    f'height="{max(y0 - y1, 0.5):.1f}" fill="{kleur}">'
                    f'<title>{escape(categorie)}, {escape(naam)}: '
                    f'{escape(_tekst(waarden[i]))} {escape(self.eenheid)}</title></rect>')
                basis += waarde
            if n <= 24 or i % max(1, n // 12) == 0:
                delen.append(f'<text x="{x + balk / 2:.1f}" y="{boven + vlak_h + 16}" '
                             f'text-anchor="middle" fill="#1b1b1b">{escape(categorie)}</text>')
        for lijn in self.lijnen:
            ly = y(float(lijn.waarde))
            kleur = LIJNKLEUREN.get(lijn.soort, "#d52b1e")
            streep = ' stroke-dasharray="6 4"' if lijn.soort != "grens" else ""
            delen.append(f'<line x1="{links}" x2="{breedte - rechts}" y1="{ly:.1f}" '
                         f'y2="{ly:.1f}" stroke="{kleur}" stroke-width="2"{streep}/>')
        delen.append(f'<line x1="{links}" x2="{links}" y1="{boven}" y2="{boven + vlak_h}" '
                     f'stroke="#1b1b1b"/>')
        # The legend: series, then the lines.
        items = [(k, naam, "vlak") for k, naam in zip(_kleuren(), self.reeksen, strict=False)]
        items += [(LIJNKLEUREN.get(lijn.soort, "#d52b1e"),
                   f"{lijn.label} ({_tekst(lijn.waarde)})", "lijn") for lijn in self.lijnen]
        for j, (kleur, tekst, soort) in enumerate(items):
            lx = links + (j % 3) * (vlak_b / 3)
            ly = hoogte + 22 * (j // 3) - 8
            if soort == "vlak":
                delen.append(f'<rect x="{lx:.1f}" y="{ly - 10}" width="12" height="12" '
                             f'fill="{kleur}"/>')
            else:
                delen.append(f'<line x1="{lx:.1f}" x2="{lx + 12:.1f}" y1="{ly - 4}" '
                             f'y2="{ly - 4}" stroke="{kleur}" stroke-width="2"/>')
            delen.append(f'<text x="{lx + 18:.1f}" y="{ly}" fill="#1b1b1b">'
                         f'{escape(tekst)}</text>')
        delen.append("</svg>")
        # Every text in it went through escape(); the rest are numbers and fixed colours.
        return Markup("".join(delen))  # nosec B704: each text above is escaped

    def _beschrijving(self) -> str:
        reeksen = ", ".join(self.reeksen)
        lijnen = "; ".join(f"{lijn.label}: {_tekst(lijn.waarde)}" for lijn in self.lijnen)
        return (f"Staafdiagram per {len(self.categorieen)} categorieën"
                + (f", gestapeld per {reeksen}" if len(self.reeksen) > 1 else "")
                + (f"; lijnen: {lijnen}" if lijnen else "")
                + ". De tabel ernaast geeft dezelfde cijfers.")


def _kleuren():
    while True:
        yield from KLEUREN


def _mooie_schaal(hoogste: float) -> list[float]:
    """Round ticks from 0 to just above ``hoogste``: 1, 2 or 5 times a power of ten."""
    import math

    ruw = hoogste / 5
    macht = 10 ** math.floor(math.log10(ruw)) if ruw > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        stap = factor * macht
        if stap >= ruw:
            break
    aantal = math.ceil(hoogste / stap)
    return [stap * i for i in range(aantal + 1)]


def _kort(waarde: float) -> str:
    if waarde >= 1_000_000:
        return f"{waarde / 1_000_000:g} mln"
    if waarde >= 10_000:
        return f"{waarde / 1000:g}k"
    return f"{waarde:g}"


def _tekst(waarde: Getal) -> str:
    if isinstance(waarde, Decimal):
        return f"{waarde:.2f}"
    if isinstance(waarde, float):
        return f"{waarde:g}"
    return str(waarde)


def uit_rijen(titel: str, rijen: Sequence[tuple[str, str, Getal]], *, eenheid: str = "",
              lijnen: Sequence[Lijn] = (), categorieen: Sequence[str] | None = None,
              beschrijving: str = "") -> Grafiek:
    """A plot from (category, series, value) rows; missing cells are 0."""
    volgorde = list(categorieen) if categorieen is not None else list(
        dict.fromkeys(r[0] for r in rijen))
    reeksnamen = list(dict.fromkeys(r[1] for r in rijen))
    nul: Getal = Decimal(0) if any(isinstance(r[2], Decimal) for r in rijen) else 0
    reeksen = {naam: [nul] * len(volgorde) for naam in reeksnamen}
    plaats = {c: i for i, c in enumerate(volgorde)}
    for categorie, reeks, waarde in rijen:
        if categorie in plaats:
            reeksen[reeks][plaats[categorie]] += waarde
    return Grafiek(titel=titel, categorieen=volgorde, reeksen=reeksen, eenheid=eenheid,
                   lijnen=list(lijnen), beschrijving=beschrijving)
