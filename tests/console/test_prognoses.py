"""The prognoses page: what is due, a form generated from the dienst's JSON Schema whose
submission becomes a new version the API shows, the API's field errors beside the
generated fields, and the version history; on both backends."""

from __future__ import annotations

import re

from core.auth.principal import Rol
from core.tijd import vandaag
from tests.console.conftest import zichtbare_tekst

PERIODE = f"{vandaag().year + 1}-04"


def _formulier(maanden, piek) -> dict:
    velden = {f"formulier.authenticatiesPerMaand.{i}": str(w) for i, w in enumerate(maanden)}
    return {"aansluitingId": None, "periode": PERIODE, **velden,
            "formulier.piekPerMinuut": str(piek)}


def _versies(api, afnemer) -> list[dict]:
    return api.get(f"/afnemers/{afnemer['id']}/prognoses").get_json()["resultaten"]


def test_the_generated_form_submits_versions_and_shows_field_errors_beside_fields(
        api, console_als, maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer()
    aansluiting = maak_aansluiting(afnemer["id"], dienst="digid")
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"], naam="Fatima Beheer")
    basis = f"/afnemers/{afnemer['id']}/prognoses"
    overzicht = beheerder.tekst(basis)
    assert "Prognose invullen" in overzicht and "digid" in overzicht

    html = beheerder.tekst(f"{basis}/nieuw?aansluitingId={aansluiting['id']}&periode={PERIODE}")
    # Generated from the JSON Schema: a fieldset of twelve month rows and one integer.
    assert len(re.findall(r'name="formulier\.authenticatiesPerMaand\.\d+"', html)) == 12
    assert re.search(r'<legend>Authenticaties per maand <span aria-hidden="true">\*', html)
    assert f">April {vandaag().year + 1}" in html and f">Maart {vandaag().year + 2}" in html
    assert 'name="formulier.piekPerMinuut" type="number"' in html
    assert 'min="0"' in html and "Van 0 tot en met 10.000.000." in html

    body = _formulier([1000] * 12, 40) | {"aansluitingId": aansluiting["id"]}
    verstuurd = beheerder.post(f"{basis}/nieuw", body)
    assert verstuurd.status_code == 302, verstuurd.get_data(as_text=True)[:800]
    [eerste] = _versies(api, afnemer)
    assert eerste["formulier"] == {"authenticatiesPerMaand": [1000] * 12, "piekPerMinuut": 40}
    assert eerste["nummer"] == 1 and eerste["ingediendDoor"] == "Fatima Beheer"

    # Refused: a negative peak and an empty month; both errors beside their fields.
    fout = dict(body, **{"formulier.piekPerMinuut": "-5",
                         "formulier.authenticatiesPerMaand.3": ""})
    geweigerd = beheerder.post(f"{basis}/nieuw", fout)
    assert geweigerd.status_code == 400
    html = geweigerd.get_data(as_text=True)
    assert 'data-veldfout="formulier.piekPerMinuut"' in html
    assert 'data-veldfout="formulier.authenticatiesPerMaand.3"' in html
    assert re.search(r'id="veld-formulier\.piekPerMinuut" name="formulier\.piekPerMinuut" '
                     r'type="number" value="-5"', html)  # the typed values stay
    assert [p["nummer"] for p in _versies(api, afnemer)] == [1]

    # A second version starts from the first; the history lists both.
    html = beheerder.tekst(f"{basis}/nieuw?aansluitingId={aansluiting['id']}&periode={PERIODE}")
    assert 'name="formulier.piekPerMinuut" type="number" value="40"' in html
    tweede = beheerder.post(f"{basis}/nieuw", dict(body, **{"formulier.piekPerMinuut": "55"}),
                            follow_redirects=True)
    tekst = zichtbare_tekst(tweede.get_data(as_text=True))
    assert "Versie 2 van de prognose" in tekst
    assert "Piek per minuut 55" in tekst and "Versie 1" in tekst
    assert [(p["nummer"], p["formulier"]["piekPerMinuut"]) for p in _versies(api, afnemer)] == [
        (2, 55)]
    eerste_html = beheerder.tekst(f"{basis}/{eerste['id']}")
    assert "Piek per minuut 40" in zichtbare_tekst(eerste_html)
    assert f"Authenticaties per maand, April {vandaag().year + 1} 1000" in zichtbare_tekst(
        eerste_html)


def test_a_medewerker_sees_prognoses_without_forms_and_a_forged_post_changes_nothing(
        api, console_als, maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer()
    aansluiting = maak_aansluiting(afnemer["id"], dienst="digid")
    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"])
    basis = f"/afnemers/{afnemer['id']}/prognoses"
    assert "Prognose invullen" not in medewerker.tekst(basis)
    html = medewerker.tekst(f"{basis}/nieuw?aansluitingId={aansluiting['id']}")
    assert 'method="post"' not in html.split('id="inhoud"')[1]
    geweigerd = medewerker.post(f"{basis}/nieuw", _formulier([1] * 12, 1) | {
        "aansluitingId": aansluiting["id"]})
    assert geweigerd.status_code == 403
    assert 'data-testid="probleem"' in geweigerd.get_data(as_text=True)
    assert _versies(api, afnemer) == []


def test_another_afnemers_prognoses_are_404(console_als, maak_afnemer, maak_aansluiting):
    eigen, ander = maak_afnemer(), maak_afnemer()
    vreemd = maak_aansluiting(ander["id"], dienst="digid")
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, eigen["id"])
    assert beheerder.get(f"/afnemers/{ander['id']}/prognoses").status_code == 404
    assert beheerder.get(f"/afnemers/{eigen['id']}/prognoses/nieuw?aansluitingId={vreemd['id']}"
                         ).status_code == 404
    assert beheerder.post(f"/afnemers/{ander['id']}/prognoses/nieuw", _formulier(
        [1] * 12, 1) | {"aansluitingId": vreemd["id"]}).status_code == 404


def test_the_renderer_reads_rows_of_objects_back_with_their_types():
    """A schema no dienst has today: an array of objects (rows), enum, date, number and
    boolean; the form's text comes back as JSON of the schema's types, empty rows left
    out at the end, and the API's JSON pointers name the same fields."""
    from core.console import jsonformulier

    schema = {"type": "object", "required": ["regels"], "properties": {
        "regels": {"type": "array", "maxItems": 3, "items": {
            "type": "object", "required": ["datum"], "properties": {
                "datum": {"type": "string", "format": "date"},
                "soort": {"type": "string", "enum": ["piek", "dal"]},
                "aantal": {"type": "integer", "minimum": 0},
                "factor": {"type": "number"}, "zeker": {"type": "boolean"}}}}}}
    [regels] = jsonformulier.elementen(schema)
    assert (regels.legend, [r.legend for r in regels.kinderen]) == (
        "Regels", ["Rij 1", "Rij 2", "Rij 3"])
    assert [(v.naam, v.type) for v in regels.kinderen[0].kinderen] == [
        ("formulier.regels.0.datum", "date"), ("formulier.regels.0.soort", "select"),
        ("formulier.regels.0.aantal", "number"), ("formulier.regels.0.factor", "number"),
        ("formulier.regels.0.zeker", "checkbox")]
    form = {"formulier.regels.0.datum": "2027-01-02", "formulier.regels.0.soort": "dal",
            "formulier.regels.0.aantal": "7", "formulier.regels.0.factor": "1,5",
            "formulier.regels.0.zeker": "true", "formulier.regels.1.aantal": "zeven"}
    assert jsonformulier.lezen(schema, form) == {"regels": [
        {"datum": "2027-01-02", "soort": "dal", "aantal": 7, "factor": 1.5, "zeker": True},
        {"aantal": "zeven", "zeker": False}]}
    assert jsonformulier.veldnaam("/formulier/regels/1/aantal") == "formulier.regels.1.aantal"
