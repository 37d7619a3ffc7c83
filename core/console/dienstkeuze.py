"""Which dienst a page of Logius or a product team is about, and who may open it.

A product team person works on their own dienst only (``productteam_dienst``); a Logius
beheerder chooses one (``?dienst=``, kept in the form as a hidden field). Anyone else
gets 403. The API still judges every read and write.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask import abort, request

from core.console import hulp
from core.console.hulp import moment  # noqa: F401  (the pages call it dienstkeuze.moment)


def alleen_logius() -> None:
    """A page of Logius beheerders only."""
    if not hulp.ingelogd().is_logius_beheerder:
        abort(403)


def diensten() -> list[dict]:
    """The diensten as the API lists them (slug, naam)."""
    return hulp.lees("/diensten", query={"paginaGrootte": 100}).items


def gekozen(*, productteam: bool = True) -> str:
    """The page's dienst: the product team's own, or the one a Logius beheerder chose
    (else the first). 403 for anyone else."""
    principal = hulp.ingelogd()
    if principal.is_logius_beheerder:
        gekozen = request.values.get("dienst", "")
        slugs = [d["slug"] for d in diensten()]
        if gekozen in slugs:
            return gekozen
        if gekozen:
            abort(404)
        return slugs[0]
    if productteam and principal.productteam_dienst:
        return principal.productteam_dienst
    abort(403)


def bedrag(tekst) -> str:
    """An amount with the decimals it has (a tariff may have four), Dutch style."""
    if tekst is None or tekst == "":
        return ""
    try:
        waarde = Decimal(str(tekst))
    except InvalidOperation:
        return str(tekst)
    decimalen = max(2, -waarde.as_tuple().exponent)  # type: ignore[operator]
    cijfers = f"{waarde:,.{decimalen}f}"
    return "€ " + cijfers.replace(",", "X").replace(".", ",").replace("X", ".")


def lokaal_moment(tekst: str) -> str:
    """A moment typed in a form (``datetime-local``: no zone) as the API's ISO 8601, in
    Europe/Amsterdam; one with a zone goes as it is."""
    from datetime import datetime

    from core.tijd import AMSTERDAM

    waarde = datetime.fromisoformat(tekst.strip())
    if waarde.tzinfo is None:
        waarde = waarde.replace(tzinfo=AMSTERDAM)
    return waarde.isoformat()


def invoer_moment(tekst) -> str:
    """An API moment as a ``datetime-local`` field's value, in Europe/Amsterdam."""
    waarde = hulp.in_amsterdam(tekst)
    return waarde if isinstance(waarde, str) else f"{waarde:%Y-%m-%dT%H:%M}" if waarde else ""
