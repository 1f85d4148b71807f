// HTTP checks of the Next.js 14 pages-router app (bench/real-apps/middleware.json: next14-pages-getserversession),
// served by `next dev`. Its database is MongoDB through Prisma, for which no offline driver exists: its PrismaClient
// is the in-process STUB of prisma-memory-store.cjs (named in the table); its Prisma types are generated from its
// schema. Its own sign-up (POST /api/register, bcrypt) and next-auth credentials sign-in give the legacy user and
// session cookie; the project's emulator for Scalekit, the user imported with external_id = her id in the store.
// The route: GET /api/current, which loads the user by `session.user.email` (getServerSession in lib/serverAuth.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNextDev } from './next-dev.js';
import { PRISMA_MEMORY_PRELOAD } from './prisma-offline.js';
import { scalekitSide } from './scalekit-side.js';

const ADA = { email: 'ada@example.com', name: 'Ada', password: 'bench-password' };

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!);

export async function next14CurrentCalls(dir: string): Promise<Record<string, string>> {
  const work = mkdtempSync(join(tmpdir(), 'mw-next14-'));
  const store = join(work, 'store.json');
  const scalekit = await scalekitSide();
  const env = { ...scalekit.env, NODE_OPTIONS: `-r ${PRISMA_MEMORY_PRELOAD}`, BENCH_PRISMA_STORE: store, NEXTAUTH_SECRET: 'bench-nextauth-secret', NEXTAUTH_JWT_SECRET: 'bench-nextauth-jwt-secret' };
  const calls: Record<string, string> = {};
  let app = await startNextDev(dir, { ...env, AUTH_PROVIDER: 'dual' }, '/api/auth/csrf');
  try {
    const current = async (headers: Record<string, string>): Promise<string> => {
      const response = await fetch(`${app.url}/api/current`, { headers });
      const text = await response.text();
      if (response.status !== 200) return String(response.status);
      const body = JSON.parse(text) as { id?: string; email?: string };
      return body.email === ADA.email ? `200, ada's own record (id ${String(body.id).slice(0, 6)}…)` : `200, another record (${String(body.email)})`;
    };
    await fetch(`${app.url}/api/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bob@example.com', name: 'Bob', password: 'bench-password' }) });
    await fetch(`${app.url}/api/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADA) });
    const csrf = await fetch(`${app.url}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signIn = await fetch(`${app.url}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrf).join('; ') },
      body: new URLSearchParams({ csrfToken, email: ADA.email, password: ADA.password, json: 'true' }),
    });
    const session = cookiesOf(signIn).find((cookie) => cookie.startsWith('next-auth.session-token='));
    if (!session) throw new Error(`next14: the credentials sign-in gave no session cookie (${signIn.status})`);
    const id = ((JSON.parse(readFileSync(store, 'utf8')) as { user: Array<{ id: string; email: string }> }).user.find((user) => user.email === ADA.email))!.id;
    await scalekit.importUsers([{ externalId: id, email: ADA.email }]);
    const token = await scalekit.tokenFor(ADA.email);
    const claims = { xuid: id, roles: ['member'] };
    calls['Scalekit token of the imported ada (external_id = her id), bearer'] = await current({ authorization: `Bearer ${token}` });
    calls['legacy session cookie from the app\'s credentials sign-in'] = await current({ cookie: session });
    Object.assign(calls, await scalekit.refusedCalls(claims, token, current));
    await app.stop();
    app = await startNextDev(dir, env, '/api/auth/csrf');
    calls['Scalekit token, AUTH_PROVIDER unset'] = await current({ authorization: `Bearer ${token}` });
    return calls;
  } finally {
    await app.stop();
    await scalekit.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
