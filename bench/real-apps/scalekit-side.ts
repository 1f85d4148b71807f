// The Scalekit side of the middleware bench's HTTP checks: the project's emulator on loopback, the app's legacy
// users imported into it with the real importer (external_id = the app's own user key), and the tokens each call
// sends: a real access token of an imported user, one signed with an unknown key, one expired (the emulator's own
// key), one with `alg: none`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScalekitClient } from '@scalekit-sdk/node';
import { generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { runImport } from '../../src/import/run-import.js';
import { readClientUris, writeClientUris } from '../../src/scalekit/client-config.js';
import type { UserRecord } from '../../src/package/records.js';
import { writeTestPackage } from '../../test/helpers/test-package.js';

export interface ScalekitSide {
  /** Imports the app's users with the real importer (external_id = each user's key in the app). */
  importUsers(users: LegacyUser[]): Promise<void>;
  env: Record<'SCALEKIT_ENVIRONMENT_URL' | 'SCALEKIT_CLIENT_ID' | 'SCALEKIT_CLIENT_SECRET', string>;
  /** An access token from the emulator's authorization-code flow for an imported user. */
  tokenFor(email: string): Promise<string>;
  forged(claims: Record<string, unknown>): Promise<string>;
  expired(claims: Record<string, unknown>): Promise<string>;
  unsigned(claims: Record<string, unknown>): string;
  /**
   * The calls every app must refuse as it did before: forged, expired and `alg: none` tokens carrying `claims`, and
   * the real `token` in a cookie alone from another origin; rows named as the bench's tables print them.
   */
  refusedCalls(claims: Record<string, unknown>, token: string, call: (headers: Record<string, string>) => Promise<string>, kind?: 'request' | 'write'): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

export interface LegacyUser {
  /** The app's own user key (its id, or the username its tokens carry): imported as external_id. */
  externalId: string;
  email: string;
}

export async function scalekitSide(users: LegacyUser[] = []): Promise<ScalekitSide> {
  const work = mkdtempSync(join(tmpdir(), 'mw-real-'));
  const statePath = join(work, 'emulator-state.json');
  const emulator = await startEmulator({ log: () => undefined, statePath, persistIntervalMs: 0 });
  const connection = { environmentUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret };
  await registerCallback(emulator);
  let batch = 0;
  const importUsers = async (legacy: LegacyUser[]) => {
    const packageDir = join(work, `package-${++batch}`);
    const records: UserRecord[] = legacy.map((user) => ({ external_id: user.externalId, email: user.email, email_verified: true, memberships: [{ org_external_id: 'bench-org', roles: ['member'] }] }) as UserRecord);
    writeTestPackage(packageDir, { roles: [{ name: 'member' }], organizations: [{ external_id: 'bench-org', display_name: 'Bench' }], users: records });
    const imported = await runImport({ packageDir, apply: true, connection });
    if (imported.failures.total > 0) throw new Error(`bench import failed for ${imported.failures.total} record(s)`);
  };
  if (users.length) await importUsers(users);
  const now = () => Math.floor(Date.now() / 1000);
  const side: ScalekitSide = {
    importUsers,
    env: { SCALEKIT_ENVIRONMENT_URL: emulator.url, SCALEKIT_CLIENT_ID: emulator.clientId, SCALEKIT_CLIENT_SECRET: emulator.clientSecret },
    tokenFor: (email) => authorizationCodeToken(emulator, email),
    async forged(claims) {
      const { privateKey } = await generateKeyPair('RS256');
      return new SignJWT({ sub: 'usr_forged', ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'forged-key' }).setIssuer(emulator.url).setAudience([emulator.clientId]).setIssuedAt(now()).setExpirationTime(now() + 600).sign(privateKey);
    },
    async expired(claims) {
      const saved = JSON.parse(readFileSync(statePath, 'utf8')) as { signing_keys: Array<JWK & { kid: string }> };
      const jwk = saved.signing_keys.at(-1)!;
      return new SignJWT({ sub: 'usr_expired', ...claims }).setProtectedHeader({ alg: 'RS256', kid: jwk.kid }).setIssuer(emulator.url).setAudience([emulator.clientId]).setIssuedAt(now() - 3600).setExpirationTime(now() - 600).sign(await importJWK(jwk, 'RS256'));
    },
    unsigned(claims) {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: emulator.url, aud: emulator.clientId, sub: 'usr_none', exp: now() + 600, ...claims })}.`;
    },
    async refusedCalls(claims, token, call, kind = 'request') {
      return {
        'forged Scalekit token (unknown key)': await call({ authorization: `Bearer ${await side.forged(claims)}` }),
        "expired Scalekit token (the emulator's key)": await call({ authorization: `Bearer ${await side.expired(claims)}` }),
        '`alg: none` token with the issuer': await call({ authorization: `Bearer ${side.unsigned(claims)}` }),
        [`cookie-only cross-origin ${kind} (access-token cookie, no header)`]: await call({ cookie: `scalekit_access_token=${token}`, origin: 'https://evil.example' }),
      };
    },
    async stop() {
      await emulator.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
  return side;
}

const REDIRECT_URI = 'http://127.0.0.1/callback';

/** The emulator refuses unregistered callbacks, as Scalekit does: the bench's is registered through the SDK. */
async function registerCallback(emulator: Emulator): Promise<void> {
  const sdk = new ScalekitClient(emulator.url, emulator.clientId, emulator.clientSecret);
  const uris = await readClientUris(sdk, emulator.clientId);
  if (!uris.redirectUris.includes(REDIRECT_URI)) await writeClientUris(sdk, emulator.clientId, { ...uris, redirectUris: [...uris.redirectUris, REDIRECT_URI] }, ['redirectUris']);
}

async function authorizationCodeToken(emulator: Emulator, email: string): Promise<string> {
  const redirectUri = REDIRECT_URI;
  const authorize = new URL('/oauth/authorize', emulator.url);
  authorize.search = new URLSearchParams({ client_id: emulator.clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'openid offline_access', state: 's', login_hint: email }).toString();
  const code = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '', redirectUri).searchParams.get('code');
  if (!code) throw new Error(`the emulator gave no authorization code for ${email}`);
  const token = await fetch(new URL('/oauth/token', emulator.url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: emulator.clientId, client_secret: emulator.clientSecret }) });
  return ((await token.json()) as { access_token: string }).access_token;
}
