// Local OpenID Provider for the Afnemersportaal: DEVELOPMENT AND TESTS ONLY.
//
// Built on the certified `oidc-provider` package. Everything is kept in memory
// (sessions, grants, tokens, accounts); only the signing key can be persisted
// (OIDC_KEYS_FILE). There is no password check: whoever types an e-mail address
// in the login form is that user. See oidc/README.md.
//
//   node oidc/provider.mjs
//
// On success it prints exactly one line to stdout:
//   oidc-provider listening on <issuer>
// Everything else (warnings, errors) goes to stderr.

import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync,
} from 'node:fs';
import path from 'node:path';

import Provider, { errors } from 'oidc-provider';

// ---------------------------------------------------------------------------
// configuration from the environment

function setting(name, fallback) {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

function listSetting(name, fallback) {
  return setting(name, fallback).split(',').map((item) => item.trim()).filter(Boolean);
}

function fail(message) {
  process.stderr.write(`oidc-provider: ${message}\n`);
  process.exit(1);
}

const port = Number.parseInt(setting('OIDC_PORT', '9000'), 10);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail('OIDC_PORT must be a port number');
const host = setting('OIDC_HOST', '127.0.0.1');
const issuer = setting('OIDC_ISSUER', `http://127.0.0.1:${port}`).replace(/\/+$/, '');

const apiAudience = setting('OIDC_API_AUDIENCE', 'urn:afnemersportaal:api');
const API_SCOPES = 'read write';

const consoleClientId = setting('OIDC_CONSOLE_CLIENT_ID', 'afnemersportaal-console');
const consoleClientSecret = setting('OIDC_CONSOLE_CLIENT_SECRET', 'dev-console-secret');
const consoleRedirectUris = listSetting(
  'OIDC_CONSOLE_REDIRECT_URIS',
  'http://127.0.0.1:5000/console/auth/callback',
);
const consolePostLogoutUris = listSetting(
  'OIDC_CONSOLE_POST_LOGOUT_URIS',
  'http://127.0.0.1:5000/console/',
);

// "client_id:secret,client_id:secret"; the secret is everything after the first colon.
const machineClients = listSetting('OIDC_MACHINE_CLIENTS', 'demo-koppeling:dev-machine-secret')
  .map((pair) => {
    const colon = pair.indexOf(':');
    if (colon < 1 || colon === pair.length - 1) {
      fail(`OIDC_MACHINE_CLIENTS: expected client_id:secret, got "${pair}"`);
    }
    return { id: pair.slice(0, colon), secret: pair.slice(colon + 1) };
  });

{
  const ids = [consoleClientId, ...machineClients.map((client) => client.id)];
  if (new Set(ids).size !== ids.length) fail('client ids must be unique (console + OIDC_MACHINE_CLIENTS)');
}

// Fixed development cookie signing keys; override with OIDC_COOKIE_KEYS (comma separated).
const cookieKeys = listSetting(
  'OIDC_COOKIE_KEYS',
  'afnemersportaal-dev-cookie-key-2,afnemersportaal-dev-cookie-key-1',
);

// ---------------------------------------------------------------------------
// signing keys

function generateSigningKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  // RFC 7638 thumbprint as kid: stable for the key, unique enough for a dev OP.
  const kid = createHash('sha256')
    .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
    .digest('base64url');
  return { ...jwk, kid, alg: 'RS256', use: 'sig' };
}

function readKeysFile(file) {
  let jwks;
  try {
    jwks = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    fail(`cannot read OIDC_KEYS_FILE ${file}: ${err.message}`);
  }
  const keys = Array.isArray(jwks?.keys) ? jwks.keys : [];
  if (!keys.length || keys.some((key) => !key.kid || !key.d)) {
    fail(`OIDC_KEYS_FILE ${file} must be a private JWKS ({"keys": [...]}) whose keys all have "kid" and private parts`);
  }
  return { keys };
}

function loadSigningKeys(file) {
  if (!file) return { keys: [generateSigningKey()] };
  if (existsSync(file)) return readKeysFile(file);

  // Write to a temporary file, then hard-link it into place: the link fails if
  // another process created the file in the meantime, and then we use theirs.
  const jwks = { keys: [generateSigningKey()] };
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(jwks, null, 2)}\n`, { mode: 0o600 });
  try {
    linkSync(tmp, file);
    process.stderr.write(`oidc-provider: generated RS256 signing key ${jwks.keys[0].kid} in ${file}\n`);
    return jwks;
  } catch (err) {
    if (err.code === 'EEXIST') return readKeysFile(file);
    throw err;
  } finally {
    unlinkSync(tmp);
  }
}

const jwks = loadSigningKeys(setting('OIDC_KEYS_FILE', ''));

// ---------------------------------------------------------------------------
// accounts: anyone who logs in with an e-mail address exists from then on

const accounts = new Map(); // accountId -> { email, name }

function accountIdFor(email) {
  return `dev-${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16)}`;
}

async function findAccount(ctx, accountId) {
  const account = accounts.get(accountId);
  if (!account) return undefined;
  return {
    accountId,
    async claims() {
      // oidc-provider filters these down to what the granted scopes allow.
      return {
        sub: accountId,
        email: account.email,
        email_verified: true,
        name: account.name,
      };
    },
  };
}

// ---------------------------------------------------------------------------
// HTML (no JavaScript, no external resources)

function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (char) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  }[char]));
}

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; }
label { display: block; margin-top: 1rem; }
input { display: block; width: 100%; padding: .4rem; box-sizing: border-box; }
button { margin-top: 1.2rem; padding: .5rem 1.2rem; }
.note { color: #555; font-size: .9rem; }
.error { color: #a00; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function loginPage({
  uid, clientName, email = '', name = '', error,
}) {
  return page('Inloggen (lokale test-OP)', `<h1>Inloggen</h1>
<p class="note">Lokale OpenID Provider, alleen voor ontwikkeling en tests. Er wordt geen wachtwoord
gecontroleerd: u bent de gebruiker met het e-mailadres dat u invult.</p>
<p>Inloggen bij <strong>${escapeHtml(clientName)}</strong>.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
<label for="email">E-mailadres</label>
<input id="email" type="email" name="email" value="${escapeHtml(email)}" required autofocus>
<label for="name">Naam</label>
<input id="name" type="text" name="name" value="${escapeHtml(name)}" required>
<button type="submit">Inloggen</button>
</form>
<p><a href="/interaction/${escapeHtml(uid)}/abort">Annuleren</a></p>`);
}

function messagePage(title, message) {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}

// ---------------------------------------------------------------------------
// resource server (the Afnemersportaal API)

function isClientCredentialsRequest(ctx) {
  return ctx.oidc?.route === 'token' && ctx.oidc.params?.grant_type === 'client_credentials';
}

async function defaultResource(ctx, client, oneOf) {
  if (oneOf) return oneOf.includes(apiAudience) ? apiAudience : oneOf;
  if (isClientCredentialsRequest(ctx)) {
    // A machine client that names no scope gets every scope it is registered for.
    if (!ctx.oidc.params.scope && client.scope) ctx.oidc.params.scope = client.scope;
    return apiAudience;
  }
  return undefined; // code flow without `resource`: opaque token for userinfo
}

async function getResourceServerInfo(ctx, resourceIndicator) {
  if (resourceIndicator !== apiAudience) {
    throw new errors.InvalidTarget(`unknown resource; the only resource server is ${apiAudience}`);
  }
  return {
    scope: API_SCOPES,
    audience: apiAudience,
    accessTokenTTL: 600,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: 'RS256' } },
  };
}

// ---------------------------------------------------------------------------
// provider

const firstPartyClients = new Set([consoleClientId]);

const provider = new Provider(issuer, {
  jwks,
  cookies: { keys: cookieKeys },
  clients: [
    {
      client_id: consoleClientId,
      client_secret: consoleClientSecret,
      client_name: 'Afnemersportaal console (dev)',
      // client_secret_post is accepted as well for secret-based clients.
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      scope: 'openid email profile',
      redirect_uris: consoleRedirectUris,
      post_logout_redirect_uris: consolePostLogoutUris,
    },
    ...machineClients.map(({ id, secret }) => ({
      client_id: id,
      client_secret: secret,
      client_name: `${id} (machine, dev)`,
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      scope: API_SCOPES,
    })),
  ],
  responseTypes: ['code'],
  pkce: { methods: ['S256'], required: () => true },
  // read/write are listed so that clients can register them; they are only
  // ever put in access tokens for the API (see getResourceServerInfo).
  scopes: ['openid', 'offline_access', 'email', 'profile', 'read', 'write'],
  claims: {
    acr: null,
    auth_time: null,
    iss: null,
    sid: null,
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // Also put the scope-granted claims (email, name) in the ID token, not only in userinfo.
  conformIdTokenClaims: false,
  findAccount,
  // The console is issued a refresh token on every code exchange (no offline_access needed).
  issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
  interactions: { url: async (ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    userinfo: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource,
      getResourceServerInfo,
      useGrantedResource: async () => false,
    },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        // `form` posts the hidden xsrf value to /session/end/confirm; logout=yes ends
        // the whole OP session. With an id_token_hint (which the provider has checked
        // before it gets here) the client the person is logged in to asks for the
        // logout, as production identity providers treat it: the form sends itself,
        // so logging out is one click in the client. Without one the person confirms.
        if (ctx.oidc.params.id_token_hint) {
          const auto = form
            .replace('<form ', '<form name="uitloggen" ')
            .replace('</form>', '<input type="hidden" name="logout" value="yes">'
              + '<noscript><button type="submit">Uitloggen</button></noscript></form>');
          ctx.type = 'html';
          ctx.body = page('Uitloggen (lokale test-OP)', `<p>U wordt uitgelogd…</p>
${auto}<script>document.forms.uitloggen.submit();</script>`);
          return;
        }
        const withButton = form.replace(
          '</form>',
          '<button type="submit" name="logout" value="yes">Uitloggen</button></form>',
        );
        ctx.type = 'html';
        ctx.body = page('Uitloggen (lokale test-OP)', `<h1>Uitloggen</h1>
<p>Wilt u uitloggen bij de lokale test-OP (${escapeHtml(ctx.host)})?</p>
${withButton}`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.type = 'html';
        ctx.body = messagePage('Uitgelogd', 'U bent uitgelogd bij de lokale test-OP.');
      },
    },
  },
  formats: {
    customizers: {
      // JWT access tokens: add nbf (equal to iat) to the default
      // jti, sub, iat, exp, scope, client_id, iss, aud.
      async jwt(ctx, token, jwt) {
        jwt.payload.nbf = jwt.payload.iat;
      },
    },
  },
  ttl: {
    AccessToken: 600,
    ClientCredentials: 600,
    AuthorizationCode: 60,
    IdToken: 3600,
    RefreshToken: 24 * 3600,
    Interaction: 3600,
    Session: 24 * 3600,
    Grant: 24 * 3600,
  },
  clientBasedCORS(ctx, origin) {
    return /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(origin);
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Fout (lokale test-OP)', `<h1>Er ging iets mis</h1>
<p><strong>${escapeHtml(out.error)}</strong></p>
<p>${escapeHtml(out.error_description)}</p>`);
  },
});

provider.proxy = false; // loopback http, no reverse proxy in front

provider.on('server_error', (ctx, err) => {
  process.stderr.write(`oidc-provider: server_error on ${ctx.method} ${ctx.path}: ${err.stack || err}\n`);
});

// ---------------------------------------------------------------------------
// interactions: our own login form; consent is implicit for first-party clients

async function readForm(ctx, limit = 16 * 1024) {
  if (!ctx.is('application/x-www-form-urlencoded')) return null;
  let size = 0;
  const chunks = [];
  for await (const chunk of ctx.req) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function redirect303(ctx, location) {
  ctx.redirect(location);
  ctx.status = 303;
}

async function finish(ctx, result, mergeWithLastSubmission) {
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission });
  redirect303(ctx, returnTo);
}

async function autoConsent(interaction) {
  const { prompt: { details }, params, session } = interaction;
  const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId: session.accountId, clientId: params.client_id });

  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  return existing ? {} : { grantId };
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

async function interactionRoutes(ctx, next) {
  const match = /^\/interaction\/([A-Za-z0-9_-]+)(\/login|\/abort)?$/.exec(ctx.path);
  if (!match) return next();
  const [, uid, action = ''] = match;
  ctx.set('Cache-Control', 'no-store');

  let interaction;
  try {
    interaction = await provider.interactionDetails(ctx.req, ctx.res);
  } catch (err) {
    if (!(err instanceof errors.SessionNotFound)) throw err;
    interaction = undefined;
  }
  if (!interaction || interaction.uid !== uid) {
    ctx.status = 400;
    ctx.type = 'html';
    ctx.body = messagePage('Inlogpoging verlopen', 'Deze inlogpoging is verlopen of onbekend. Begin opnieuw vanuit de applicatie.');
    return undefined;
  }

  const { prompt, params } = interaction;
  const client = await provider.Client.find(params.client_id);
  const clientName = client?.clientName || params.client_id;

  if (action === '/abort' && ctx.method === 'GET') {
    return finish(ctx, { error: 'access_denied', error_description: 'De gebruiker heeft het inloggen afgebroken.' }, false);
  }

  if (action === '' && ctx.method === 'GET') {
    if (prompt.name === 'login') {
      ctx.type = 'html';
      ctx.body = loginPage({ uid, clientName, email: params.login_hint || '' });
      return undefined;
    }
    if (prompt.name === 'consent') {
      if (!firstPartyClients.has(params.client_id)) {
        return finish(ctx, { error: 'access_denied', error_description: 'consent is only automatic for first-party clients' }, false);
      }
      return finish(ctx, { consent: await autoConsent(interaction) }, true);
    }
    return finish(ctx, { error: 'access_denied', error_description: `unsupported prompt ${prompt.name}` }, false);
  }

  if (action === '/login' && ctx.method === 'POST') {
    if (prompt.name !== 'login') {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = messagePage('Ongeldig verzoek', 'Er wordt op dit moment niet om inloggen gevraagd.');
      return undefined;
    }
    const form = await readForm(ctx);
    const email = (form?.get('email') ?? '').trim();
    const name = (form?.get('name') ?? '').trim();
    let error;
    if (!EMAIL.test(email) || email.length > 254) error = 'Vul een geldig e-mailadres in.';
    else if (!name || name.length > 200) error = 'Vul een naam in (maximaal 200 tekens).';
    if (error) {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = loginPage({
        uid, clientName, email, name, error,
      });
      return undefined;
    }
    const accountId = accountIdFor(email);
    accounts.set(accountId, { email: email.toLowerCase(), name });
    return finish(ctx, { login: { accountId } }, false);
  }

  ctx.status = 405;
  ctx.type = 'text';
  ctx.body = 'method not allowed';
  return undefined;
}

provider.use(interactionRoutes);

// ---------------------------------------------------------------------------
// start / stop

const server = provider.listen(port, host, () => {
  process.stdout.write(`oidc-provider listening on ${issuer}\n`);
});

server.on('error', (err) => fail(`cannot listen on ${host}:${port}: ${err.message}`));

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}

process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
