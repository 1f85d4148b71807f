import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPair, SignJWT, importJWK, type JWK } from 'jose';
import jwt from 'jsonwebtoken';
import { expect } from 'vitest';
import { afterEachTest } from './after-each-test.js';
import type { Emulator } from '../../src/emulator/index.js';
import { ScalekitClient } from '@scalekit-sdk/node';
import { readClientUris, writeClientUris } from '../../src/scalekit/client-config.js';
import { repoRoot } from './cli.js';
import { tempDir } from './temp-dir.js';
import { compileProject } from './type-check.js';

export const middlewareFixtures = join(repoRoot, 'test', 'fixtures', 'middleware');

/**
 * A copy of a fixture app in a temp folder, committed to a fresh git repository (the codemod refuses
 * dirty trees), its node_modules a link to this repository's (the apps' dependencies are devDependencies here).
 */
export function copyFixtureApp(name: string): string {
  const dir = join(tempDir('skm-app-'), name);
  cpSync(join(middlewareFixtures, 'apps', name), dir, { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  git(dir, ['init', '-q']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'the app before the migration']);
  return dir;
}

export function git(dir: string, args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' });
  expect(result.status, `git ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

/** `tsc -p <dir>` with this repository's TypeScript (in this process: see type-check.ts); fails the test with the compiler's output. */
export function typeCheck(dir: string, emit = true): void {
  expect(compileProject(join(dir, 'tsconfig.json'), { emit }), 'tsc failed').toBe('');
}

export interface RunningApp {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

const running: ChildProcess[] = [];

/** Starts `node <entry>` in the app folder with PORT=0 and waits for its "listening on <port>" line. */
export async function startApp(dir: string, entry: string, env: Record<string, string>): Promise<RunningApp> {
  const child = spawn(process.execPath, [entry], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1', ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

afterEachTest(async () => {
  await Promise.all(running.splice(0).map(stopChild));
});

/** An access token from the emulator's authorization-code flow for an active user (login_hint, no password). */
export async function scalekitTokenFor(emulator: Pick<Emulator, 'url' | 'clientId' | 'clientSecret'>, email: string): Promise<string> {
  const redirectUri = 'http://127.0.0.1/callback';
  await registerCallback(emulator, redirectUri);
  const authorize = new URL('/oauth/authorize', emulator.url);
  authorize.search = new URLSearchParams({ client_id: emulator.clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'openid profile email offline_access', state: 's1', login_hint: email }).toString();
  const redirect = await fetch(authorize, { redirect: 'manual' });
  const location = new URL(redirect.headers.get('location') ?? '', redirectUri);
  const code = location.searchParams.get('code');
  expect(code, `no code in ${location}`).toBeTruthy();
  const response = await fetch(new URL('/oauth/token', emulator.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: code!, redirect_uri: redirectUri, client_id: emulator.clientId, client_secret: emulator.clientSecret }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A token that claims the emulator's issuer and audience but is signed with a key the emulator never had. */
export async function forgedScalekitToken(emulator: Pick<Emulator, 'url' | 'clientId'>, claims: Record<string, unknown> = {}): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: 'usr_forged', xuid: 'u-1', roles: ['admin'], ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'forged-key' })
    .setIssuer(emulator.url)
    .setAudience([emulator.clientId])
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(privateKey);
}

/**
 * A Scalekit token signed with the emulator's real key that expired ten minutes ago. The key is read
 * from the emulator's state file (`statePath`), which holds the signing keys.
 */
export async function expiredScalekitToken(emulator: Pick<Emulator, 'url' | 'clientId'>, statePath: string, claims: Record<string, unknown>): Promise<string> {
  const deadline = Date.now() + 5000;
  while (!existsSync(statePath) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const saved = JSON.parse(readFileSync(statePath, 'utf8')) as { signing_keys: Array<JWK & { kid: string }> };
  const jwk = saved.signing_keys.at(-1)!;
  const key = await importJWK(jwk, 'RS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: 'usr_expired', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
    .setIssuer(emulator.url)
    .setAudience([emulator.clientId])
    .setIssuedAt(now - 3600)
    .setExpirationTime(now - 600)
    .sign(key);
}

/** A legacy HS256 token, as the app's own login would have issued it. */
export function legacyToken(payload: Record<string, unknown>, secret: string, expiresIn: number | string = '15m'): string {
  return jwt.sign(payload, secret, { algorithm: 'HS256', expiresIn: expiresIn as jwt.SignOptions['expiresIn'] });
}

/** GET with an optional bearer token; the status and the parsed JSON body (or text). */
export async function call(url: string, token?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body };
}

/** The emulator refuses unregistered callbacks, as Scalekit does: register this one through the SDK first. */
async function registerCallback(emulator: Pick<Emulator, 'url' | 'clientId' | 'clientSecret'>, redirectUri: string): Promise<void> {
  const sdk = new ScalekitClient(emulator.url, emulator.clientId, emulator.clientSecret);
  const uris = await readClientUris(sdk, emulator.clientId);
  if (uris.redirectUris.includes(redirectUri)) return;
  await writeClientUris(sdk, emulator.clientId, { ...uris, redirectUris: [...uris.redirectUris, redirectUri] }, ['redirectUris']);
}
