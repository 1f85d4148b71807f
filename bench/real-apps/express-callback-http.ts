// HTTP checks of the Express + callback jsonwebtoken app (bench/real-apps/middleware.json:
// express-jsonwebtoken-callback): its own JSON-file user store and its own sign-up for the legacy token; the
// project's emulator for Scalekit, the store's user imported with external_id = its username (the app's user key).
import { execFileSync } from 'node:child_process';
import jwt from 'jsonwebtoken';
import { startAppProcess } from './app-process.js';
import { scalekitSide } from './scalekit-side.js';

const SECRET = 'bench-token-secret';
const STORED = { username: 'joe@example.com', birthdate: '2000-01-01' };

async function profile(url: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(`${url}/profile`, { headers });
  const text = await response.text();
  if (response.status !== 200) return String(response.status);
  const body = JSON.parse(text) as { username?: string; birthdate?: string };
  if (body.username === STORED.username && body.birthdate === STORED.birthdate) return '200, joe\'s own profile';
  if (body.username === 'bench-legacy') return '200, the legacy user\'s own profile';
  return `200, another profile (${JSON.stringify(Object.keys(body))})`;
}

export async function expressCallbackCalls(dir: string): Promise<Record<string, string>> {
  // Each run starts from the store as committed (an earlier run's sign-up wrote to it).
  execFileSync('git', ['checkout', '--', 'data.json'], { cwd: dir });
  const scalekit = await scalekitSide([{ externalId: STORED.username, email: STORED.username }]);
  try {
    const token = await scalekit.tokenFor(STORED.username);
    const claims = { xuid: STORED.username, roles: ['member'] };
    const env = { ...scalekit.env, TOKEN_SECRET: SECRET };
    let app = await startAppProcess(dir, ['server.js'], { ...env, AUTH_PROVIDER: 'dual' });
    const calls: Record<string, string> = {};
    try {
      // The app's own sign-up issues the legacy token (and writes its data.json, reset by the bench afterwards).
      const signUp = await fetch(`${app.url}/users/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-legacy', password: 'bench-password', birthdate: '1990-01-01' }) });
      const legacy = ((await signUp.json()) as { token: string }).token;
      calls['Scalekit token of the imported joe (external_id = his username)'] = await profile(app.url, { authorization: `Bearer ${token}` });
      calls['legacy token from the app\'s sign-up'] = await profile(app.url, { authorization: `Bearer ${legacy}` });
      Object.assign(calls, await scalekit.refusedCalls(claims, token, (headers) => profile(app.url, headers)));
      calls['expired legacy token'] = await profile(app.url, { authorization: `Bearer ${jwt.sign({ username: 'bench-legacy', role: 'user' }, SECRET, { expiresIn: -60 })}` });
    } finally {
      await app.stop();
    }
    app = await startAppProcess(dir, ['server.js'], env);
    try {
      calls['Scalekit token, AUTH_PROVIDER unset'] = await profile(app.url, { authorization: `Bearer ${token}` });
    } finally {
      await app.stop();
    }
    return calls;
  } finally {
    await scalekit.stop();
  }
}
