"""A shared capacity (hook ``dienst_capaciteit``): what a plugin declares is checked, by
the type itself and against the plugin's prognosis form and omgevingen, before the app
starts. DigiD's (SNO 1 Geldigheid, 10,000 a minute) is used end to end in
tests/prognoses/test_prognoses.py."""

from __future__ import annotations

from datetime import date

import marshmallow as ma
import pytest

from core.app import create_app
from core.hookspecs import hookimpl
from core.plugins import PluginError
from core.sdk import Capaciteit, Prognoseperiode, Prognoseplicht, Schema
from tests import conftest
from tests.plugins.proef import plugin as proef


class Formulier(Schema):
    piek = ma.fields.Integer(required=True)
    opmerking = ma.fields.String()


def _plugin(capaciteit, formulier=Formulier):
    hooks = {
        "dienst_info": proef.dienst_info,
        "dienst_voorwaarden": proef.dienst_voorwaarden,
        "dienst_capaciteit": lambda instellingen: capaciteit,
    }
    if formulier is not None:
        hooks |= {
            "dienst_prognose_schema": lambda: formulier,
            "dienst_prognose_perioden": lambda jaar: [Prognoseperiode(
                str(jaar), f"Prognose {jaar}", date(jaar, 1, 1), date(jaar, 12, 31),
                date(jaar - 1, 10, 1))],
            "dienst_prognose_plicht": lambda aansluiting, verbruik, laatste, dag:
                Prognoseplicht(True, "Altijd", "Voorwaarden Proef 1.0 art. 2"),
        }
    return type("Inline", (), {n: staticmethod(hookimpl(f)) for n, f in hooks.items()})


def _start(plugin, url):
    app = create_app({"DATABASE_URL": url, "TESTING": True, "SECRET_KEY": "test"},
                     plugins=[("proef", plugin)])
    conftest._open_apps.append(app)
    return app


def _capaciteit(**anders) -> Capaciteit:
    return Capaciteit(**{"veld": "piek", "limiet": 1_000, "eenheid": "verzoeken per minuut",
                         "artikel": "Voorwaarden Proef 1.0 art. 3",
                         "waarschuwing_artikel": "Voorwaarden Proef 1.0 art. 4", **anders})


@pytest.mark.parametrize(("anders", "fout"), [
    ({"veld": "piek_per_minuut"}, "lowerCamelCase"),
    ({"limiet": 0}, "limiet is een geheel getal van minstens 1"),
    ({"limiet": True}, "limiet is een geheel getal"),
    ({"waarschuwing_procent": 101}, "hooguit 100"),
    ({"artikel": " "}, "artikel"),
])
def test_a_capacity_checks_its_own_fields(anders, fout):
    with pytest.raises(ValueError, match=fout):
        _capaciteit(**anders)


@pytest.mark.parametrize(("capaciteit", "formulier", "fout"), [
    (_capaciteit(veld="piekPerMinuut"), Formulier, r"veld 'piekPerMinuut' staat niet in het "
     r"prognoseformulier \(dat kent \['opmerking', 'piek'\]\)"),
    (_capaciteit(veld="opmerking"), Formulier, "veld 'opmerking' is geen geheel getal"),
    (_capaciteit(omgeving="acceptatie"), Formulier, "omgeving 'acceptatie' heeft de dienst niet"),
    (_capaciteit(), None, "de dienst vraagt geen prognose"),
    ({"veld": "piek"}, Formulier, "gaf geen Capaciteit"),
])
def test_a_capacity_that_does_not_fit_the_dienst_stops_start_up(database_urls, capaciteit,
                                                                  formulier, fout):
    with pytest.raises(PluginError, match=r"plugin 'proef': dienst_capaciteit.*" + fout):
        _start(_plugin(capaciteit, formulier), database_urls["sqlite"])


def test_a_fitting_capacity_is_kept_for_its_dienst(database_urls):
    from core.uitbreidingen.bijdragen import uitbreidingen

    app = _start(_plugin(_capaciteit()), database_urls["sqlite"])
    with app.app_context():
        assert uitbreidingen().capaciteit("proef") == _capaciteit()
        assert uitbreidingen().capaciteit("mijnoverheid") is None


def test_hook_dienst_capaciteit():
    """DigiD's shared capacity: 10,000 authentications a minute for all afnemers together
    (SNO 1 Geldigheid), watched through the peak of its prognosis form (SNO 3
    Capaciteitsbeheer) in production; the warning share is its setting, 80 % by default.
    The other built-in diensten declare none."""
    from core.plugins import Diensten, build_plugin_manager
    from core.uitbreidingen.bijdragen import Uitbreidingen

    pm = build_plugin_manager()
    gedeeld = Uitbreidingen(pm, Diensten(pm), {})
    digid = gedeeld.capaciteit("digid")
    assert (digid.veld, digid.limiet, digid.omgeving) == ("piekPerMinuut", 10_000, "productie")
    assert (digid.artikel, digid.waarschuwing_artikel) == ("SNO 1 Geldigheid",
                                                           "SNO 3 Capaciteitsbeheer")
    assert digid.waarschuwing_procent == 80
    assert Uitbreidingen(pm, Diensten(pm), {"DIENST_DIGID_CAPACITEIT_WAARSCHUWING": "90"}
                         ).capaciteit("digid").waarschuwing_procent == 90
    assert [s for s in ("mijnoverheid", "digipoort", "vwo") if gedeeld.capaciteit(s)] == []
