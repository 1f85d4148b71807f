import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { AppProfile } from '../../src/middleware/app-profile.js';
import { authModuleSource } from '../../src/middleware/generated/auth-module.js';
import { completeMapping } from '../../src/middleware/generated/claims-mapping.js';
import { renderForApp } from '../../src/middleware/generated/render.js';
import { runMiddlewareCodemod } from '../../src/middleware/run-codemod.js';
import { repoRoot } from '../helpers/cli.js';
import { git } from '../helpers/fixture-app.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A small app in a git repository, from a map of file -> text. */
function app(files: Record<string, string>): string {
  const dir = tempDir('skm-keys-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(dir, ['init', '-q']);
  git(dir, ['add', '-A']);
  git(dir, ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'app']);
  return dir;
}

/** Apps whose legacy tokens carry no user id: they name the user (username) or carry an email the handlers look the user up by. */
describe('legacy tokens that identify the user without an id', () => {
  it('maps a `username` that stands in for the id from the imported external_id, and says so', async () => {
    const dir = app({
      'package.json': JSON.stringify({ name: 'keys', dependencies: { express: '^4.18.0', jsonwebtoken: '^9.0.0' } }),
      'accounts.js': `const jwt = require('jsonwebtoken');
const store = require('./store');

function issue(account) {
  return jwt.sign({ username: account.username, role: 'reader' }, process.env.SIGNING_KEY, { expiresIn: 600 });
}

function requireAccount(req, res, next) {
  const token = (req.headers.authorization || '').split(' ')[1];
  jwt.verify(token, process.env.SIGNING_KEY, (err, claims) => {
    if (err) return res.sendStatus(401);
    req.account = store.byUsername(claims.username);
    next();
  });
}

module.exports = { issue, requireAccount };
`,
      'store.js': `const rows = [{ username: 'kim', shelf: 3 }];\nmodule.exports = { byUsername: (name) => rows.find((row) => row.username === name) };\n`,
    });
    const result = await runMiddlewareCodemod({ workspace: dir });
    expect(result.failures).toEqual([]);
    expect(result.rewrites.map((rewrite) => rewrite.file)).toEqual(['accounts.js']);
    expect(result.claims.fields).toContainEqual(expect.objectContaining({ name: 'username', source: 'user-id' }));
    expect(result.claims.fields.map((field) => field.name)).not.toContain('id');
    const keyNote = result.followUps.find((followUp) => followUp.kind === 'claims' && followUp.message.includes('"username"'));
    expect(keyNote?.message).toContain('external_id = their username');
    const generated = result.files.find((file) => file.file.endsWith('scalekit.js'))!.diff;
    expect(generated).toMatch(/username: \(?claims\.xuid/);
  });

  it('finds the payload of a sign call passed as a variable, and fills its email from the Scalekit user', async () => {
    const dir = app({
      'package.json': JSON.stringify({ name: 'keys-ts', dependencies: { '@nestjs/common': '^8.0.0', '@nestjs/jwt': '^8.0.0', typescript: '^5.0.0' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'es2019', module: 'commonjs', strict: true } }),
      'src/session-token.ts': `interface SessionClaims {
  email: string;
}

export class SessionTokens {
  constructor(private readonly signer: { sign(payload: object): string; verify(token: string): SessionClaims }) {}

  open(email: string): string {
    const claims: SessionClaims = { email };
    return this.signer.sign(claims);
  }

  check(token: string): SessionClaims {
    return this.signer.verify(token);
  }
}
`,
    });
    const result = await runMiddlewareCodemod({ workspace: dir });
    expect(result.claims.fields).toContainEqual(expect.objectContaining({ name: 'email', source: 'email', type: 'string' }));
    const note = result.followUps.find((followUp) => followUp.kind === 'claims' && followUp.message.includes('"email"'));
    expect(note?.message).toContain('reads it from the Scalekit user');
  });
});

describe('the generated module fills the email access tokens do not carry', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      log: () => undefined,
      seed: { roles: [{ name: 'member', default_member: true }], organizations: [{ external_id: 'o1', display_name: 'O' }], users: [{ email: 'lee@example.com', external_id: '12', memberships: [{ organization_external_id: 'o1', roles: ['member'] }] }] },
    });
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it('reads it from the Scalekit user once per user (client credentials, GET /api/v1/users/<sub>)', { timeout: 30_000 }, async () => {
    const dir = tempDir('skm-email-');
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const mapping = completeMapping([{ name: 'id', source: 'user-id', type: 'number' }, { name: 'email', source: 'email', type: 'string' }], {});
    writeFileSync(join(dir, 'module.cjs'), renderForApp(authModuleSource({ mode: 'dual', verify: 'jwks', mapping, clientSpecifier: './scalekit-client.cjs', next: false }), { language: 'javascript', format: 'commonjs' } as AppProfile));
    const token = await accessToken(emulator, 'lee@example.com');
    const script = `const m = require('./module.cjs');
      const calls = [];
      const realFetch = globalThis.fetch;
      globalThis.fetch = (url, init) => { calls.push(String(url).replace(/^https?:\\/\\/[^/]+/, '')); return realFetch(url, init); };
      (async () => {
        const first = m.toAppUser(await m.verifyScalekitToken(process.argv[1]));
        const second = m.toAppUser(await m.verifyScalekitToken(process.argv[1]));
        console.log(JSON.stringify({ first, second, lookups: calls.filter((path) => path.startsWith('/api/')).length }));
      })().catch((error) => console.log(JSON.stringify({ error: error.message })));`;
    // Not spawnSync: the emulator answers from this process's event loop.
    const run = await promisify(execFile)(process.execPath, ['-e', script, token], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', AUTH_PROVIDER: 'dual', SCALEKIT_ENVIRONMENT_URL: emulator.url, SCALEKIT_CLIENT_ID: emulator.clientId, SCALEKIT_CLIENT_SECRET: emulator.clientSecret },
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('"error"');
    const out = JSON.parse(run.stdout) as { first: { id: number; email: string }; second: { email: string }; lookups: number };
    expect(out.first).toMatchObject({ id: 12, email: 'lee@example.com' });
    expect(out.second.email).toBe('lee@example.com');
    expect(out.lookups).toBe(1);
  });
});

async function accessToken(emulator: Emulator, email: string): Promise<string> {
  const redirectUri = 'http://127.0.0.1/callback';
  const authorize = new URL('/oauth/authorize', emulator.url);
  authorize.search = new URLSearchParams({ client_id: emulator.clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'openid', state: 's', login_hint: email }).toString();
  const code = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '', redirectUri).searchParams.get('code') ?? '';
  const response = await fetch(new URL('/oauth/token', emulator.url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: emulator.clientId, client_secret: emulator.clientSecret }) });
  return ((await response.json()) as { access_token: string }).access_token;
}
