"""The checks of the conformance kit (:mod:`core.sdk.testing`) that are not about routes:
every hook called and its answer checked, terms, events, settings and migrations.

Each check gets the :class:`~core.sdk.testing.Omgeving` and a ``bevinding(plaats, regel,
tekst)`` to report with; one that cannot apply raises :class:`NietVanToepassing` with the
reason. Hooks go through core's own facades (:class:`~core.plugins.Diensten`,
:class:`~core.uitbreidingen.bijdragen.Uitbreidingen`), so an answer is judged by the same
code that judges it in production, and a failure carries core's message, which names the
plugin.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from core.plugins import PluginError

#: How a terms document, an event or a deadline cites an article: the document's
#: abbreviation, then where in it (``AV 2.6``, ``SNO 2 Beschikbaarheid``, ``DP tabel 1``).
ARTIKEL = re.compile(r"^[A-Z][A-Za-z0-9-]*\s+\S")
#: A source names its document and version: a word and a number.
BRON = re.compile(r"(?=.*[A-Za-z]{2})(?=.*\d)")

Bevinding = Callable[[str, str, str], None]


class NietVanToepassing(Exception):
    """A check that does not apply to this plugin; the message says why."""


def _jaren() -> tuple[int, int]:
    from core.tijd import vandaag

    nu = vandaag().year
    return nu, nu + 1


# --- hooks -------------------------------------------------------------------------------


#: Hooks core calls, and checks, when the app is built: the kit's app started, so their
#: answers passed. The kit adds its own checks for some (below).
BIJ_OPSTART = frozenset({
    "dienst_info", "dienst_voorwaarden", "dienst_koppelvlakken", "dienst_prognose_schema",
    "dienst_api", "dienst_migraties", "dienst_gebeurtenissen", "dienst_instellingen",
    "dienst_check_config", "dienst_capaciteit", "dienst_serviceniveau", "dienst_route",
    "dienst_console",
})


def hooknamen() -> list[str]:
    """Every hook of :mod:`core.hookspecs`, in the order they are declared."""
    from core import hookspecs

    merk = hookspecs.PROJECT + "_spec"
    return [naam for naam, f in vars(hookspecs).items()
            if callable(f) and hasattr(f, merk)]


def implementeert(omgeving: Any, hook: str) -> bool:
    from core.uitbreidingen.bijdragen import uitbreidingen

    with omgeving.app.app_context():
        return uitbreidingen().implementeert(hook, omgeving.plugin)


def _aansluitingen(omgeving: Any, jaar: int) -> list[Any]:
    """Aansluitingen of the dienst as the cost and prognosis hooks see them: every
    omgeving, every afnemertype the dienst serves, each onderdeel alone and all of them."""
    from core.sdk import Afnemertype, KostenAansluiting

    info = omgeving.info
    typen = info.afnemertypes or tuple(Afnemertype)
    onderdelen = [()] + [(o.slug,) for o in info.onderdelen]
    if len(info.onderdelen) > 1:
        onderdelen.append(tuple(o.slug for o in info.onderdelen))
    return [KostenAansluiting(uuid.uuid4(), uuid.uuid4(), soort, info.slug, omgeving_.slug,
                              deel, date(jaar, 1, 1), None)
            for omgeving_ in info.omgevingen for soort in typen for deel in onderdelen]


def _verbruik(schema: Any) -> list[Any]:
    from core.sdk import Verbruik

    codes = [m.code for m in schema.metrieken] if schema else []
    veel = {c: 1000 for c in codes}
    return [Verbruik(), Verbruik(periode=veel, jaar=veel, voorcalculatie=veel,
                                 per_maand={maand: {c: 100 for c in codes}
                                            for maand in range(1, 13)})]


def _formulier(omgeving: Any) -> dict[str, Any] | None:
    """The author's example prognosis (``prognose_voorbeeld``) as the schema loads it."""
    import marshmallow as ma

    from core.plugins import diensten

    voorbeeld = omgeving.kit.prognose_voorbeeld
    schema = diensten().prognose_schema(omgeving.slug)
    if voorbeeld is None or schema is None:
        return None
    try:
        return schema().load(voorbeeld)
    except ma.ValidationError as exc:
        raise PluginError(f"prognose_voorbeeld past niet in het prognoseformulier van de "
                          f"plugin: {exc.messages}") from None


def _hook_tarieven(omgeving: Any) -> None:
    from core.plugins import diensten

    for jaar in _jaren():
        diensten().tariefschema(omgeving.slug, jaar)


def _hook_kosten(omgeving: Any) -> None:
    from core.plugins import diensten
    from core.sdk import Berekening, Periode, TariefOntbreekt, Tarieven, VastgesteldTarief

    gerekend = 0
    for jaar in _jaren():
        schema = diensten().tariefschema(omgeving.slug, jaar)
        if schema is None:
            continue
        bedragen = {t.code: VastgesteldTarief(t.code, Decimal("1.25"), t.inclusief_btw)
                    for t in schema.tarieven}
        tarieven = Tarieven(omgeving.slug, jaar, schema, bedragen)
        for aansluiting in _aansluitingen(omgeving, jaar):
            for verbruik in _verbruik(schema):
                for berekening in Berekening:
                    try:
                        diensten().kosten(aansluiting, Periode.kalenderjaar(jaar), verbruik,
                                          tarieven, berekening)
                    except TariefOntbreekt as exc:
                        raise PluginError(f"plugin {omgeving.plugin!r}: dienst_kosten vraagt een "
                                          f"tarief dat het eigen tariefschema niet kent: {exc}"
                                          ) from None
                    gerekend += 1
    if not gerekend:
        raise NietVanToepassing("dienst_tarieven geeft voor dit en volgend jaar geen schema, "
                                "dus core vraagt dienst_kosten niets")


def _met_prognose(omgeving: Any, hook: str) -> None:
    from core.plugins import diensten

    if omgeving.slug not in diensten().met_prognose():
        raise NietVanToepassing(f"core roept {hook} niet aan: de plugin geeft geen "
                                "prognoseformulier (dienst_prognose_schema)")


def _hook_perioden(omgeving: Any) -> None:
    from core.plugins import diensten

    _met_prognose(omgeving, "dienst_prognose_perioden")
    for jaar in _jaren():
        diensten().prognose_perioden(omgeving.slug, [jaar])


def _hook_plicht(omgeving: Any) -> None:
    from core.plugins import diensten

    _met_prognose(omgeving, "dienst_prognose_plicht")
    formulier = _formulier(omgeving)
    for jaar in _jaren():
        schema = diensten().tariefschema(omgeving.slug, jaar - 1)
        for aansluiting in _aansluitingen(omgeving, jaar):
            for verbruik in _verbruik(schema):
                for laatste in (None, formulier) if formulier is not None else (None,):
                    for dag in (date(jaar, 1, 1), date(jaar, 7, 1), date(jaar, 12, 31)):
                        diensten().prognose_plicht(aansluiting, verbruik, laatste, dag)


def _volumes(omgeving: Any, hook: str) -> None:
    from core.plugins import diensten

    _met_prognose(omgeving, hook)
    formulier = _formulier(omgeving)
    if formulier is None:
        raise NietVanToepassing(f"{hook} krijgt een ingevuld prognoseformulier; geef er een "
                                "als prognose_voorbeeld = {...} (zoals de API het ontvangt)")
    perioden = [p for jaar in _jaren()
                for p in diensten().prognose_perioden(omgeving.slug, [jaar])]
    if not perioden:
        raise NietVanToepassing(f"dienst_prognose_perioden geeft voor dit en volgend jaar geen "
                                f"perioden, dus core vraagt {hook} niets")
    for periode in perioden:
        if hook == "dienst_prognose_voorcalculatie":
            diensten().prognose_voorcalculatie(omgeving.slug, periode, formulier)
        else:
            diensten().prognose_volumes(omgeving.slug, periode, formulier)


def _hook_gezondheid(omgeving: Any) -> None:
    from core.uitbreidingen.bijdragen import uitbreidingen

    # Not through gezondheid(), which turns a wrong answer into a message: that answer
    # is what is checked here. Being unhealthy (no backend in CI) is fine.
    uitbreidingen()._berichten("dienst_gezondheid", omgeving.slug)


def _hook_deadlines(omgeving: Any, bevinding: Bevinding) -> None:
    from core.sdk import Termijnpost
    from core.uitbreidingen.bijdragen import uitbreidingen

    u = uitbreidingen()
    jaar, volgend = _jaren()
    andere = {omgeving.a.id: omgeving.b.id, omgeving.b.id: omgeving.a.id}
    for afnemer in (omgeving.a, omgeving.b):
        for vanaf in (date(jaar, 1, 1), date(volgend, 1, 1)):
            antwoord = u.roep("dienst_deadlines", omgeving.slug,
                              afnemer_id=uuid.UUID(afnemer.id), vanaf=vanaf)
            for post in u._lijst("dienst_deadlines", omgeving.slug, antwoord, Termijnpost):
                plaats = f"hook dienst_deadlines({afnemer.naam}, {vanaf})"
                if not ARTIKEL.match(post.artikel):
                    bevinding(plaats, "artikel", f"deadline {post.id!r} noemt geen artikel: "
                              f"{post.artikel!r}")
                if andere[afnemer.id] in post.bron:
                    bevinding(plaats, "tenant-isolatie", f"deadline {post.id!r} van de ene "
                              f"afnemer wijst naar de andere: {post.bron}")


def _hook_herinneringen(omgeving: Any, bevinding: Bevinding) -> None:
    from core.sdk import Herinnering
    from core.tijd import vandaag
    from core.uitbreidingen.bijdragen import uitbreidingen

    u = uitbreidingen()
    eigen = {g.type for g in u.gebeurtenissen.get(omgeving.slug, ())}
    _jaar, volgend = _jaren()
    for dag in (vandaag(), vandaag() + timedelta(days=7), date(volgend, 1, 1)):
        antwoord = u.roep("dienst_herinneringen", omgeving.slug, dag=dag)
        for herinnering in u._lijst("dienst_herinneringen", omgeving.slug, antwoord,
                                    Herinnering):
            if herinnering.type not in eigen:
                bevinding(f"hook dienst_herinneringen({dag})", "gebeurtenissen",
                          f"herinnering {herinnering.sleutel!r} heeft het type "
                          f"{herinnering.type!r}, dat de plugin niet declareert")


def _hook_export(omgeving: Any, bevinding: Bevinding) -> None:
    from core.export.service import json_tekst
    from core.uitbreidingen.bijdragen import uitbreidingen

    andere = {omgeving.a.id: omgeving.b.id, omgeving.b.id: omgeving.a.id}
    for afnemer in (omgeving.a, omgeving.b):
        for _slug, naam, gegevens in uitbreidingen().export(uuid.UUID(afnemer.id)):
            if omgeving.slug == _slug and andere[afnemer.id] in json_tekst(gegevens):
                bevinding(f"hook dienst_export({afnemer.naam})", "tenant-isolatie",
                          f"{naam} noemt de andere afnemer ({andere[afnemer.id]})")


def _hook_info(omgeving: Any, bevinding: Bevinding) -> None:
    if omgeving.info.slug != omgeving.kit.dienst:
        bevinding("hook dienst_info", "identiteit", f"de slug is {omgeving.info.slug!r}, de "
                  f"conformiteitstest noemt dienst = {omgeving.kit.dienst!r}")


def _hook_check_config(omgeving: Any, bevinding: Bevinding) -> None:
    from core.uitbreidingen.bijdragen import uitbreidingen

    for melding in uitbreidingen().check_config(omgeving.slug):
        bevinding("hook dienst_check_config", "instellingen", melding)


def _eenvoudig(functie: Callable[[Any], None]) -> Callable[[Any, Bevinding], None]:
    return lambda omgeving, _bevinding: functie(omgeving)


#: What the kit does for a hook beyond building the app (which calls and checks the
#: start-up hooks): hook -> ``f(omgeving, bevinding)``, run in an app context; a
#: PluginError it raises is the finding.
AANROEPEN: dict[str, Callable[[Any, Bevinding], None]] = {
    "dienst_info": _hook_info,
    "dienst_check_config": _hook_check_config,
    "dienst_tarieven": _eenvoudig(_hook_tarieven),
    "dienst_kosten": _eenvoudig(_hook_kosten),
    "dienst_prognose_perioden": _eenvoudig(_hook_perioden),
    "dienst_prognose_plicht": _eenvoudig(_hook_plicht),
    "dienst_prognose_voorcalculatie": lambda o, _b: _volumes(o, "dienst_prognose_voorcalculatie"),
    "dienst_prognose_volumes": lambda o, _b: _volumes(o, "dienst_prognose_volumes"),
    "dienst_gezondheid": _eenvoudig(_hook_gezondheid),
    "dienst_deadlines": _hook_deadlines,
    "dienst_herinneringen": _hook_herinneringen,
    "dienst_export": _hook_export,
}


def check_hook(omgeving: Any, hook: str, bevinding: Bevinding) -> None:
    if hook not in BIJ_OPSTART and hook not in AANROEPEN:
        raise NietVanToepassing(f"de conformiteitskit kent hook {hook} nog niet en kan hem "
                                "dus niet aanroepen (core.sdk._kit_regels.AANROEPEN)")
    if not implementeert(omgeving, hook):
        raise NietVanToepassing(f"de plugin implementeert {hook} niet")
    if hook in AANROEPEN:
        if hook in ("dienst_deadlines", "dienst_herinneringen",
                    "dienst_export") and omgeving.routes:
            omgeving.oefening()  # so that the plugin's tables hold something to read
        with omgeving.app.app_context():
            try:
                AANROEPEN[hook](omgeving, bevinding)
            except PluginError as exc:
                bevinding(f"hook {hook}", "hook", str(exc))


# --- terms -------------------------------------------------------------------------------


def check_voorwaarden(omgeving: Any, bevinding: Bevinding) -> None:
    """Every document has a source with its version; every obligation and change rule
    cites an article."""
    from core.plugins import diensten

    with omgeving.app.app_context():
        documenten = [d for d in diensten().voorwaarden(omgeving.slug)
                      if d.dienst == omgeving.slug]
    if not documenten:
        raise NietVanToepassing("de plugin geeft geen voorwaardendocumenten "
                                "(dienst_voorwaarden is leeg)")
    for doc in documenten:
        plaats = f"hook dienst_voorwaarden, document {doc.id!r}"
        if not BRON.search(doc.bron):
            bevinding(plaats, "bron", f"de bron {doc.bron!r} noemt geen document met versie")
        for verplichting in doc.verplichtingen:
            if not ARTIKEL.match(verplichting.artikel):
                bevinding(plaats, "artikel", f"verplichting {verplichting.id!r} noemt geen "
                          f"artikel: {verplichting.artikel!r}")
        if doc.wijziging is not None:
            for veld in ("aankondiging_artikel", "afwijzing_artikel"):
                waarde = getattr(doc.wijziging, veld)
                if not ARTIKEL.match(waarde):
                    bevinding(plaats, "artikel", f"de wijzigingsregel noemt bij {veld} geen "
                              f"artikel: {waarde!r}")


# --- events ------------------------------------------------------------------------------


def eigen_gebeurtenissen(omgeving: Any) -> list[Any]:
    from core.uitbreidingen.bijdragen import uitbreidingen

    with omgeving.app.app_context():
        return list(uitbreidingen().gebeurtenissen.get(omgeving.slug, ()))


def check_gebeurtenissen_gedeclareerd(omgeving: Any, bevinding: Bevinding) -> None:
    if not implementeert(omgeving, "dienst_gebeurtenissen"):
        raise NietVanToepassing("de plugin declareert geen gebeurtenissen "
                                "(dienst_gebeurtenissen)")
    soorten = eigen_gebeurtenissen(omgeving)
    if not soorten:
        raise NietVanToepassing("dienst_gebeurtenissen geeft een lege lijst")
    for soort in soorten:
        plaats = f"hook dienst_gebeurtenissen, {soort.type!r}"
        if not soort.type.startswith(omgeving.slug + "."):
            bevinding(plaats, "gebeurtenissen", f"het type begint niet met '{omgeving.slug}.'")
        if not ARTIKEL.match(soort.artikel):
            bevinding(plaats, "artikel", f"noemt geen artikel: {soort.artikel!r}")


def gebeurtenis_ids(omgeving: Any) -> set[str]:
    from sqlalchemy import select

    from core.db import db
    from core.meldingen.models import Gebeurtenis

    with omgeving.app.app_context():
        return {str(i) for i in db.session.scalars(select(Gebeurtenis.id))}


def check_gebeurtenissen_gepubliceerd(omgeving: Any, voor: set[str],
                                      bevinding: Bevinding) -> int:
    """The outbox rows written since ``voor`` (while the kit exercised the plugin's
    routes) are all of types the plugin declared. Returns how many there were."""
    from sqlalchemy import select

    from core.db import db
    from core.meldingen.models import Gebeurtenis

    eigen = {s.type for s in eigen_gebeurtenissen(omgeving)}
    with omgeving.app.app_context():
        rijen = [(str(g.id), g.type, g.afnemer_id)
                 for g in db.session.scalars(select(Gebeurtenis).order_by(Gebeurtenis.aangemaakt_op))]
    nieuw = [r for r in rijen if r[0] not in voor]
    for _id, type_, afnemer in nieuw:
        if type_ not in eigen:
            bevinding(f"gebeurtenis {type_!r}", "gebeurtenissen", f"gepubliceerd (outbox, afnemer "
                      f"{afnemer}) terwijl de kit de routes van de plugin aanriep, maar niet "
                      f"gedeclareerd in dienst_gebeurtenissen (die noemt "
                      f"{', '.join(sorted(eigen)) or 'niets'})")
    return len(nieuw)


# --- settings ----------------------------------------------------------------------------


def check_instellingen(omgeving: Any, maak_app: Callable[[], Any], bevinding: Bevinding) -> None:
    """With nothing set but what the author gave for settings without a default, the app
    starts and the plugin's own ``dienst_check_config`` finds nothing wrong."""
    from core.uitbreidingen.bijdragen import uitbreidingen

    if not implementeert(omgeving, "dienst_instellingen"):
        raise NietVanToepassing("de plugin heeft geen instellingen (dienst_instellingen)")
    with omgeving.app.app_context():
        definities = uitbreidingen().instellingdefinities(omgeving.slug)
    if not definities:
        raise NietVanToepassing("dienst_instellingen geeft een lege lijst")
    gegeven = omgeving.kit.instellingen
    for naam in sorted(set(gegeven) - {d.naam for d in definities}):
        bevinding(f"instelling {naam!r}", "instellingen", "de conformiteitstest geeft een "
                  "waarde voor een instelling die de plugin niet kent")
    for definitie in definities:
        if definitie.verplicht and definitie.standaard is None and definitie.naam not in gegeven:
            bevinding(f"instelling {definitie.naam!r}", "instellingen", "verplicht en zonder "
                      "standaardwaarde; geef de conformiteitstest een waarde "
                      f"(instellingen = {{{definitie.naam!r}: ...}})")
    try:
        app = maak_app()
    except PluginError as exc:
        bevinding("hook dienst_instellingen", "instellingen", f"met de standaardwaarden start "
                  f"de app niet: {exc}")
        return
    with app.app_context():
        waarden = uitbreidingen().instellingen(omgeving.slug)
        for definitie in definities:
            if definitie.naam not in gegeven and waarden.get(definitie.naam) != definitie.standaard:
                bevinding(f"instelling {definitie.naam!r}", "instellingen", "de waarde is niet "
                          "de standaardwaarde: staat er een in de omgeving?")
        for melding in uitbreidingen().check_config(omgeving.slug):
            bevinding("hook dienst_check_config", "instellingen", f"de standaardwaarden "
                      f"kloppen niet volgens de plugin zelf: {melding}")
    from core.db import db

    db.dispose(app)


# --- migrations --------------------------------------------------------------------------


def check_migraties(omgeving: Any, bevinding: Bevinding) -> None:
    """On a fresh database with core's tables: upgrade to head creates every table of the
    plugin's models, each prefixed with the slug, and nothing else; downgrade to base
    removes them all (the empty version table aside) and leaves core's; upgrading again
    works."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import inspect

    from core.db import make_engine
    from core.uitbreidingen import migraties
    from core.uitbreidingen.bijdragen import uitbreidingen
    from core.uitbreidingen.typen import tabelprefix

    with omgeving.app.app_context():
        mig = uitbreidingen().migraties().get(omgeving.slug)
    if mig is None:
        raise NietVanToepassing("de plugin heeft geen eigen tabellen (dienst_migraties)")
    slug, prefix = omgeving.slug, tabelprefix(omgeving.slug)
    versietabel = migraties.versietabel(slug)
    url = omgeving.databanken.nieuw(omgeving.backend)
    engine = make_engine(url)

    def tabellen() -> set[str]:
        with engine.connect() as verbinding:
            return set(inspect(verbinding).get_table_names())

    try:
        voor = tabellen()
        stap = "upgrade head"
        try:
            migraties.upgrade(url, slug, mig)
            nieuw = tabellen() - voor
            for tabel in sorted(nieuw):
                if not tabel.startswith(prefix):
                    bevinding(f"migraties ({stap})", "tabelprefix", f"tabel {tabel!r} begint niet "
                              f"met {prefix!r}")
            if migraties.huidig(engine, slug) != migraties.head(slug, mig):
                bevinding(f"migraties ({stap})", "migraties", f"staat op "
                          f"{migraties.huidig(engine, slug)}, niet op de nieuwste revisie "
                          f"{migraties.head(slug, mig)}")
            with engine.connect() as verbinding:
                context = MigrationContext.configure(verbinding)
                verschil = [v for v in compare_metadata(context, mig.metadata)
                            if isinstance(v, tuple) and v[0] in ("add_table", "add_column")]
            for soort, *rest in verschil:
                wat = rest[0].name if soort == "add_table" else f"{rest[1]}.{rest[2].name}"
                bevinding(f"migraties ({stap})", "migraties", f"{wat} staat in de modellen "
                          "(Migraties.metadata) maar de migraties maken het niet")
            stap = "downgrade base"
            migraties.downgrade(url, slug, mig, "base")
            over = sorted(t for t in tabellen() - voor if t != versietabel)
            if over:
                bevinding(f"migraties ({stap})", "migraties", f"tabellen blijven staan: "
                          f"{', '.join(over)}")
            weg = sorted(voor - tabellen())
            if weg:
                bevinding(f"migraties ({stap})", "migraties", f"tabellen van core zijn weg: "
                          f"{', '.join(weg)}")
            if not over:  # with tables left over, upgrading again fails for that reason
                stap = "opnieuw upgrade head"
                migraties.upgrade(url, slug, mig)
        except Exception as exc:  # noqa: BLE001 (whatever a revision raises is the finding)
            bevinding(f"migraties ({stap})", "migraties", f"faalde: {exc!r}")
    finally:
        engine.dispose()
        omgeving.databanken.verwijder(url)
