// How an integrator uses the TypeScript client generated from the served document
// (@hey-api/openapi-ts, fetch client). tests/served/test_clients.py copies this file
// beside the generated client and compiles both with `tsc --strict --noEmit`: a type
// the document gets wrong is a compile error here. The code is written as one writes
// against a correct contract, without casts or non-null assertions.

import { createClient, createConfig } from './client/client';
import {
  aansluitingAanvragen,
  aansluitingLezen,
  aansluitingStatusWijzigen,
  aankondigingBeantwoorden,
  agendaSleutelAanmaken,
  contactpersoonLezen,
  contactpersoonToevoegen,
  contactpersoonWijzigen,
  dienstenOpvragen,
  koppelvlakversieControleren,
  kostenSchatten,
} from './client';
import type {
  Aansluiting,
  Contactpersoon,
  ContactpersoonWijzigingWritable,
  Controle,
  Gebeurtenisbericht,
  InvalidParam,
  Kostenoverzicht,
  Problem,
} from './client';

const api = createClient(createConfig({
  baseUrl: 'http://127.0.0.1:5000/api/v1',
  auth: () => 'afp_voorbeeld',
}));

/** A problem as a message: its stable code first, then every invalid field. */
export function uitleg(problem: Problem): string {
  const velden = (problem.invalidParams ?? []).map(
    (p: InvalidParam) => `${p.name}: ${p.reason} (${p.code})`);
  return [`${problem.status} ${problem.code}: ${problem.detail}`, ...velden].join('\n');
}

/** Thrown with the typed problem, so a caller can react on its code. */
export class ApiFout extends Error {
  constructor(readonly problem: Problem) {
    super(uitleg(problem));
  }
}

function etag(response: Response): string {
  const waarde = response.headers.get('ETag');
  if (waarde === null) throw new Error('Het antwoord heeft geen ETag');
  return waarde;
}

export async function dienstSlugs(): Promise<string[]> {
  const { data, error } = await dienstenOpvragen({ client: api, query: { paginaGrootte: 100 } });
  if (error) throw new ApiFout(error);
  return data.resultaten.map((dienst) => dienst.slug);
}

/** A 24x7 contact, then its function changed with If-Match, once more on a 412. */
export async function contactpersoonMetFunctie(
  afnemerId: string, functie: string,
): Promise<Contactpersoon> {
  const nieuw = await contactpersoonToevoegen({
    client: api,
    path: { afnemerId },
    body: { naam: 'Piet Storing', email: 'piet@voorbeeld.nl', telefoon: '0701234567',
            rol: 'technisch', bereikbaarheid: '24x7' },
  });
  if (nieuw.error) throw new ApiFout(nieuw.error);
  const contactpersoonId: string = nieuw.data.id;
  const wijziging: ContactpersoonWijzigingWritable = { functie };
  let versie = etag(nieuw.response);
  for (let poging = 0; poging < 2; poging++) {
    const gewijzigd = await contactpersoonWijzigen({
      client: api,
      path: { afnemerId, contactpersoonId },
      headers: { 'If-Match': versie },
      body: wijziging,
    });
    if (!gewijzigd.error) {
      const bereikbaar: 'kantooruren' | '24x7' = gewijzigd.data.bereikbaarheid;
      if (bereikbaar !== '24x7') throw new Error('De PATCH veranderde de bereikbaarheid');
      return gewijzigd.data;
    }
    if (gewijzigd.error.code !== 'verouderde-versie') throw new ApiFout(gewijzigd.error);
    const opnieuw = await contactpersoonLezen({ client: api, path: { afnemerId, contactpersoonId } });
    if (opnieuw.error) throw new ApiFout(opnieuw.error);
    versie = etag(opnieuw.response);
  }
  throw new Error('Steeds een andere versie');
}

/** Requested by the afnemer, activated by Logius with the aansluiting's ETag. */
export async function aansluitingActiveren(
  afnemerId: string, logius: typeof api,
): Promise<Aansluiting> {
  const aangevraagd = await aansluitingAanvragen({
    client: api,
    path: { afnemerId },
    body: { dienst: 'digid', omgeving: 'productie', onderdelen: ['midden'],
            aanvraagOndertekendOp: '2026-01-15' },
  });
  if (aangevraagd.error) throw new ApiFout(aangevraagd.error);
  const aansluitingId: string = aangevraagd.data.id;
  const wijziging = await aansluitingStatusWijzigen({
    client: logius,
    path: { afnemerId, aansluitingId },
    headers: { 'If-Match': etag(aangevraagd.response) },
    body: { status: 'actief' },
  });
  if (wijziging.error) {
    const fout = wijziging.error;
    if (fout.code === 'ongeldige-statusovergang' && fout.huidigeStatus === 'actief') {
      const toegestaan: Array<'aangevraagd' | 'actief' | 'opgeschort' | 'beeindigd'> =
        fout.toegestaneStatussen ?? [];
      console.log(`al actief; kan naar ${toegestaan.join(', ')}`);
    } else {
      throw new ApiFout(fout);
    }
  }
  const gelezen = await aansluitingLezen({ client: api, path: { afnemerId, aansluitingId } });
  if (gelezen.error) throw new ApiFout(gelezen.error);
  const status: 'aangevraagd' | 'actief' | 'opgeschort' | 'beeindigd' = gelezen.data.status;
  if (status !== 'actief') throw new Error(`status ${status}`);
  return gelezen.data;
}

export async function accepteren(afnemerId: string, aankondigingId: string): Promise<string> {
  const { data, error } = await aankondigingBeantwoorden({
    client: api, path: { afnemerId, aankondigingId }, body: { besluit: 'accepteren' },
  });
  if (error) {
    if (error.code === 'al-gereageerd' && error.besluit) return error.besluit;
    throw new ApiFout(error);
  }
  return data.reactie?.besluit ?? 'geen';
}

export async function schatting(afnemerId: string, jaar: number): Promise<string> {
  const { data, error } = await kostenSchatten({
    client: api, path: { afnemerId },
    body: { jaar, volumes: [{ dienst: 'digipoort', metriek: 'berichten', aantal: 900 }] },
  });
  if (error) {
    if (error.code === 'tarief-ontbreekt') {
      return `tarief ${error.tariefcode} van ${error.dienst} ${error.jaar} ontbreekt`;
    }
    throw new ApiFout(error);
  }
  const overzicht: Kostenoverzicht = data;
  return overzicht.totaal.bedragInclBtw;
}

/** The koppelvlak check, with the Deprecation and Sunset headers it may carry. */
export async function controle(versie: string): Promise<[Controle, string | null]> {
  const { data, error, response } = await koppelvlakversieControleren({
    client: api, path: { slug: 'digid', koppelvlak: 'saml' }, query: { versie },
  });
  if (error) throw new ApiFout(error);
  return [data, response.headers.get('Sunset')];
}

export async function feedUrl(afnemerId: string): Promise<string> {
  const { data, error } = await agendaSleutelAanmaken({ client: api, path: { afnemerId } });
  if (error) throw new ApiFout(error);
  return data.feedUrl;
}

/** A webhook receiver: the delivered body is the documented callback's (a CloudEvent). */
export function ontvang(bericht: Gebeurtenisbericht): string {
  switch (bericht.type) {
    case 'nl.afnemersportaal.aankondiging.dienstwijziging':
      return `${bericht.time} ${bericht.subject} ${bericht.data.onderwerp} (${bericht.data.artikel})`;
    default:
      return bericht.data.id;
  }
}
