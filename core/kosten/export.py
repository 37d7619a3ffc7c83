"""CSV export of a cost overview: one line per cost line, amounts with a decimal point."""

from __future__ import annotations

import csv
import io

from core.api.fields import tarief_tekst
from core.kosten.berekening import Kostenoverzicht

KOLOMMEN = ("dienst", "aansluitingId", "code", "omschrijving", "artikel", "hoeveelheid",
            "eenheid", "tarief", "tariefInclusiefBtw", "bedragExclBtw", "btw", "bedragInclBtw")


def als_csv(overzicht: Kostenoverzicht) -> str:
    """RFC 4180: comma separated, CRLF line ends, a header line first."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\r\n")
    schrijver.writerow(KOLOMMEN)
    for r in overzicht.regels:
        schrijver.writerow((
            r.dienst, r.aansluiting_id or "", r.code or "", r.omschrijving, r.artikel,
            r.hoeveelheid, r.eenheid, tarief_tekst(r.tarief),
            "true" if r.inclusief_btw else "false",
            f"{r.bedrag_excl_btw:f}", f"{r.btw:f}", f"{r.bedrag_incl_btw:f}",
        ))
    return uit.getvalue()
