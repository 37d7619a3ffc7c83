"""The plugin SDK: everything a dienst plugin imports from core, in one place.

A dienst plugin imports from core only this module::

    from core.sdk import DienstInfo, Keuze, hookimpl

    @hookimpl
    def dienst_info():
        return DienstInfo(
            slug="eherkenning", naam="eHerkenning", omschrijving="...",
            bron="Voorwaarden eHerkenning 1.0",
            omgevingen=(Keuze("productie", "Productie"),),
        )

    @hookimpl
    def dienst_voorwaarden():
        return []

The package registers that module under the entry-point group
``afnemersportaal.diensten``. Which hooks there are, when core calls them and what each
must return is documented in :mod:`core.hookspecs`; ``dienst_info`` and
``dienst_voorwaarden`` are required, the rest are optional. The four built-in plugins
under ``plugins/`` are complete examples.

What is here:

- :data:`hookimpl`, the marker of a hook implementation.
- Every type a hook takes or returns: the frozen dataclasses and enums of
  :mod:`core.types` (identity and terms, tariffs and costs, prognoses) and of
  :mod:`core.koppelvlakken.typen` (interface specifications and their versions).
  ``SLUG`` is the pattern a slug (of a dienst, a document, a metric...) must match.
- :class:`Schema`, the base class of a prognosis form (``dienst_prognose_schema``):
  a marshmallow schema with snake_case attributes and lowerCamelCase on the wire,
  unknown fields refused and JSON types taken strictly. Declare fields with
  ``marshmallow.fields``. :class:`Capaciteit` is a capacity the afnemers share, summed
  from one whole-number field of that form (``dienst_capaciteit``).
- The onboarding route (``dienst_route``): :class:`Aansluitroute` of :class:`Routestap`
  values, each with its :class:`Routetermijn` (counted after an earlier step,
  :data:`AANVRAAG` or :data:`ACTIVERING`), :class:`Bewijssoort` and :class:`Bronsoort`.
- The time rules: a period of calendar months keeps the day number and is clamped to
  the last day of the target month (:func:`plus_maanden`, :func:`plus_termijn`,
  :func:`min_termijn`); :func:`beschrijf` says a period as a reader does;
  ``AMSTERDAM`` is the zone days are judged in. Office hours and working days are
  units of a :class:`Termijn` (``Eenheid.KANTOORUREN``, ``Eenheid.WERKDAGEN``).
- Working time (:mod:`core.werktijd`), computed: a daily window of office hours
  (:class:`Kantoortijden`) and the working days of a :class:`Werkkalender` (Monday to
  Friday minus the holidays core keeps per year); :func:`plus_kantooruren` and
  :func:`kantooruren_tussen` for deadlines and elapsed time in office hours,
  :func:`plus_klokuren` and :func:`klokuren_tussen` for clock hours (in UTC, so the
  night the clocks change counts its real hours), :func:`is_werkdag`,
  :func:`plus_werkdagen` and :func:`werkdagen_tussen` for working days, and
  :func:`uren_in_maand`, :func:`maand_grenzen` and :func:`venster_uren` for measuring
  a month. They take and return aware datetimes; a naive one is a ValueError, a day
  outside the calendar's years :class:`BuitenKalender`.

Console pages (``dienst_console``) come from :mod:`core.sdk.console`, imported on its
own as :mod:`core.sdk.api` is: it loads Flask.

Hooks get the day they judge on (``dag``) or the year (``jaar``) as an argument; keep
them pure functions of their arguments and do not read the clock.

Importing this module is cheap: it loads the type modules, marshmallow and pluggy, and
not the app factory, Flask, SQLAlchemy or flask-smorest
(``tests/plugins/test_sdk.py`` holds it to that).
"""

from __future__ import annotations

from core.aansluitroutes.typen import (
    AANVRAAG,
    ACTIVERING,
    Aansluitroute,
    Bewijssoort,
    Bronsoort,
    Routestap,
    Routetermijn,
)
from core.api.schemas import Schema
from core.hookspecs import hookimpl
from core.koppelvlakken.typen import Koppelvlak, Versie
from core.serviceniveau.typen import (
    Beschikbaarheidsnorm,
    Definitie,
    Niveau,
    Onbeschikbaarheidssoort,
    Onderhoudsregel,
    Oplostijd,
    Reactietermijn,
    Serviceniveau,
    Uursoort,
)
from core.tijd import AMSTERDAM, beschrijf, min_termijn, plus_maanden, plus_termijn
from core.types import (
    SLUG,
    Afnemertype,
    Aggregatie,
    Berekening,
    DienstInfo,
    Eenheid,
    Kenmerk,
    Keuze,
    KostenAansluiting,
    Kostenregel,
    Metriek,
    Partij,
    Periode,
    Prognoseperiode,
    Prognoseplicht,
    Tariefcode,
    TariefOntbreekt,
    Tariefschema,
    Tarieven,
    Termijn,
    VastgesteldTarief,
    Verbruik,
    Verplichting,
    VoorwaardenDocument,
    Wijzigingsregel,
)
from core.uitbreidingen.typen import (
    Capaciteit,
    Gebeurtenistype,
    Herinnering,
    Instelling,
    Migraties,
    Ontvanger,
    Termijnpost,
    Waardesoort,
)
from core.werktijd import (
    BuitenKalender,
    Kantoortijden,
    Werkkalender,
    is_werkdag,
    kantooruren_tussen,
    klokuren_tussen,
    maand_grenzen,
    plus_kantooruren,
    plus_klokuren,
    plus_werkdagen,
    uren_in_maand,
    venster_uren,
    werkdagen_tussen,
)

__all__ = [  # noqa: RUF022 (grouped by hook family, not sorted)
    # the hook marker
    "hookimpl",
    # identity and terms (dienst_info, dienst_voorwaarden)
    "SLUG",
    "DienstInfo",
    "Keuze",
    "Kenmerk",
    "VoorwaardenDocument",
    "Verplichting",
    "Wijzigingsregel",
    "Partij",
    "Termijn",
    "Eenheid",
    # tariffs and costs (dienst_tarieven, dienst_kosten)
    "Afnemertype",
    "Tariefschema",
    "Metriek",
    "Aggregatie",
    "Tariefcode",
    "KostenAansluiting",
    "Periode",
    "Verbruik",
    "Tarieven",
    "VastgesteldTarief",
    "TariefOntbreekt",
    "Berekening",
    "Kostenregel",
    # koppelvlakken (dienst_koppelvlakken)
    "Koppelvlak",
    "Versie",
    # prognoses (dienst_prognose_*)
    "Schema",
    "Prognoseperiode",
    "Prognoseplicht",
    "Capaciteit",
    # service level (dienst_serviceniveau)
    "Serviceniveau",
    "Niveau",
    "Definitie",
    "Oplostijd",
    "Uursoort",
    "Reactietermijn",
    "Beschikbaarheidsnorm",
    "Onbeschikbaarheidssoort",
    "Onderhoudsregel",
    # the parts a plugin brings itself (dienst_api and dienst_migraties take their
    # helpers from core.sdk.api and core.sdk.db)
    "Migraties",
    "Gebeurtenistype",
    "Ontvanger",
    "Instelling",
    "Waardesoort",
    "Termijnpost",
    "Herinnering",
    # onboarding routes (dienst_route)
    "Aansluitroute",
    "Routestap",
    "Routetermijn",
    "Bronsoort",
    "Bewijssoort",
    "AANVRAAG",
    "ACTIVERING",
    # time rules
    "AMSTERDAM",
    "plus_maanden",
    "plus_termijn",
    "min_termijn",
    "beschrijf",
    # working time (core.werktijd)
    "Kantoortijden",
    "Werkkalender",
    "BuitenKalender",
    "is_werkdag",
    "plus_werkdagen",
    "werkdagen_tussen",
    "plus_kantooruren",
    "kantooruren_tussen",
    "plus_klokuren",
    "klokuren_tussen",
    "uren_in_maand",
    "maand_grenzen",
    "venster_uren",
]
