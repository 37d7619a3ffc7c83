"""The printable Bijlage 1 (tables 1, 2 and 3) and Bijlage 2 of an agreement, made from its
data in the product's own words: headings and column names, never the standard's text.
A print style sheet keeps each table on paper; no script, no external resource."""

from __future__ import annotations

from typing import Any

from ..catalogus import CATEGORIEEN, DOORGIFTE_INSTRUMENTEN, NORMENSTELSELS, TOEREIKENDHEID


def context() -> dict[str, Any]:
    return {"categorieen": {c: v.naam for c, v in CATEGORIEEN.items()},
            "instrumenten": DOORGIFTE_INSTRUMENTEN, "normenstelsels": NORMENSTELSELS,
            "toereikendheid": TOEREIKENDHEID}


SJABLOON = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Bijlage 1 en 2 bij de verwerkersovereenkomst van {{ gemeente.naam }}</title>
<style>
  body { font-family: "Segoe UI", Arial, sans-serif; color: #1a1a1a; margin: 2rem; }
  h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
  th, td { border: 1px solid #5c5c5c; padding: .35rem .5rem; text-align: left;
           vertical-align: top; font-size: .9rem; }
  th { background: #e6e6e6; }
  dl { display: grid; grid-template-columns: max-content auto; gap: .25rem 1rem; }
  dt { font-weight: 600; }
  .leeg { font-style: italic; }
  @media print { body { margin: 0; } table, dl { page-break-inside: avoid; } }
</style>
</head>
<body>
<header>
  <h1>Bijlage 1 en 2 bij de verwerkersovereenkomst</h1>
  <dl>
    <dt>Gemeente</dt><dd>{{ gemeente.naam }} (verwerkingsverantwoordelijke)</dd>
    <dt>Verwerker</dt><dd>Logius</dd>
    <dt>Standaard</dt><dd>Standaard Verwerkersovereenkomst Gemeenten {{ o.standaard_versie }}</dd>
    <dt>Hoofdovereenkomst</dt>
    <dd>{{ o.hoofdovereenkomst_naam }}, {{ o.hoofdovereenkomst_datum.isoformat() }}</dd>
    <dt>Diensten</dt><dd>{{ o.diensten | join(", ") }}</dd>
    <dt>Ingangsdatum</dt><dd>{{ o.ingangsdatum.isoformat() }}</dd>
    <dt>Status</dt><dd>{{ o.status }}{% if not o.compleet %} (nog niet compleet){% endif %}</dd>
  </dl>
</header>
<main>
<h2 id="tabel-1">Bijlage 1, tabel 1: de verwerkingen</h2>
{% if verwerkingen %}
<table aria-describedby="tabel-1">
  <thead><tr>
    <th scope="col">Verwerking</th><th scope="col">Doeleinden</th>
    <th scope="col">Betrokkenen</th><th scope="col">Persoonsgegevens</th>
    <th scope="col">Buiten de EER</th><th scope="col">Instrument</th>
    <th scope="col">Aanvullende maatregelen</th><th scope="col">Geldt vanaf</th>
  </tr></thead>
  <tbody>
  {% for v in verwerkingen %}
  <tr>
    <td>{{ v.naam }} ({{ v.dienst }})</td>
    <td>{{ v.doeleinden | join("; ") }}</td>
    <td>{{ v.categorieen_betrokkenen | join("; ") }}</td>
    <td>{% for c in v.categorieen_persoonsgegevens %}{{ categorieen.get(c, c) }}{% if c in v.bijzondere_persoonsgegevens %} (bijzonder){% endif %}{% if not loop.last %}; {% endif %}{% endfor %}{% if v.overige_persoonsgegevens %}; {{ v.overige_persoonsgegevens }}{% endif %}</td>
    <td>{% if v.doorgifte_buiten_eer %}ja: {{ v.landen | join(", ") }}{% else %}nee{% endif %}</td>
    <td>{% if v.doorgifte_instrument %}{{ v.doorgifte_instrument }}. {{ instrumenten[v.doorgifte_instrument] }}{% endif %}</td>
    <td>{{ v.aanvullende_maatregelen or "" }}</td>
    <td>{{ v.geldig_vanaf.isoformat() }}</td>
  </tr>
  {% endfor %}
  </tbody>
</table>
{% else %}<p class="leeg">Nog geen verwerkingen vastgelegd.</p>{% endif %}

<h2 id="tabel-2">Bijlage 1, tabel 2: contactgegevens, ook buiten kantooruren</h2>
<table aria-describedby="tabel-2">
  <thead><tr><th scope="col">Partij</th><th scope="col">Naam</th>
    <th scope="col">Telefoon</th><th scope="col">E-mail</th></tr></thead>
  <tbody>
  {% for c in o.tabel2.gemeente %}
  <tr><td>Gemeente</td><td>{{ c.naam }}</td><td>{{ c.telefoon }}</td><td>{{ c.email }}</td></tr>
  {% else %}
  <tr><td>Gemeente</td><td colspan="3" class="leeg">Geen contactpersoon met bereikbaarheid 24x7</td></tr>
  {% endfor %}
  {% for partij, c in (("Logius", o.tabel2.verwerker), ("IBD", o.tabel2.ibd)) %}
  <tr><td>{{ partij }}</td>{% if c %}<td>{{ c.naam }}</td><td>{{ c.telefoon }}</td><td>{{ c.email }}</td>{% else %}<td colspan="3" class="leeg">Niet ingesteld</td>{% endif %}</tr>
  {% endfor %}
  </tbody>
</table>

<h2 id="tabel-3">Bijlage 1, tabel 3: subverwerkers</h2>
{% if o.tabel3 %}
<table aria-describedby="tabel-3">
  <thead><tr><th scope="col">Naam en contact</th><th scope="col">KvK-nummer</th>
    <th scope="col">Uitbestede verwerkingen</th><th scope="col">Toepassing</th>
    <th scope="col">Ingeschakeld vanaf</th></tr></thead>
  <tbody>
  {% for s in o.tabel3 %}
  <tr><td>{{ s.naam }}; {{ s.contactgegevens }}</td>
    <td>{{ s.kvk_nummer }}</td><td>{{ s.uitbestede_verwerkingen | join("; ") }}</td>
    <td>{{ s.toepassing }}</td>
    <td>{{ s.ingeschakeld_vanaf.isoformat() }}{% if s.bekend_bij_aangaan %} (bekend bij aangaan){% endif %}</td></tr>
  {% endfor %}
  </tbody>
</table>
{% else %}<p class="leeg">Geen subverwerkers.</p>{% endif %}

<h2 id="bijlage-2">Bijlage 2: passend beveiligingsniveau</h2>
{% if o.bijlage2 %}{% set b = o.bijlage2 %}
<dl>
  <dt>Normenstelsel</dt>
  <dd>{{ normenstelsels[b.normenstelsel] }}{% if b.normenstelsel_anders %}: {{ b.normenstelsel_anders }}{% endif %}</dd>
  <dt>Gecertificeerd</dt>
  <dd>{% if b.gecertificeerd %}ja, laatst op {{ b.laatste_certificering.isoformat() }}{% else %}nee{% endif %}</dd>
  <dt>Toereikendheid blijkt uit</dt>
  <dd>{% for t in b.toereikendheid %}{{ toereikendheid[t] }}{% if not loop.last %}; {% endif %}{% endfor %}</dd>
  {% if b.eigen_controles %}<dt>Eigen controles</dt><dd>{{ b.eigen_controles }}</dd>{% endif %}
  <dt>Gedragscode</dt><dd>{{ b.gedragscode or "geen" }}</dd>
  {% if b.laatste_tpm %}<dt>Laatste TPM</dt><dd>{{ b.laatste_tpm.isoformat() }}</dd>{% endif %}
</dl>
{% else %}<p class="leeg">Nog niet ingevuld.</p>{% endif %}

{% if o.ondertekening %}
<h2 id="ondertekening">Ondertekening</h2>
<dl>
{% for partij, t in (("Gemeente", o.ondertekening.gemeente), ("Logius", o.ondertekening.verwerker)) %}{% if t %}
  <dt>{{ partij }}</dt><dd>{{ t.naam }}, {{ t.functie }}, {{ t.plaats }}, {{ t.datum }}</dd>
{% endif %}{% endfor %}
</dl>
{% endif %}
{% if not o.compleet %}
<h2 id="ontbreekt">Nog niet compleet</h2>
<ul>{% for r in o.ontbreekt %}<li>{{ r.melding }} ({{ r.artikel }})</li>{% endfor %}</ul>
{% endif %}
</main>
</body>
</html>
"""
