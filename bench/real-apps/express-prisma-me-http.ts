// HTTP checks of the Express + jsonwebtoken + Prisma app (bench/real-apps/middleware.json: express-prisma-jsonwebtoken):
// a real PostgreSQL with the app's own migrations, its Prisma client run offline (prisma-offline.ts), its own sign-up
// and sign-in for the legacy user and token; the project's emulator for Scalekit, the user imported with external_id
// = the app's user id. The route: GET /api/user/me, which loads the user by the id the token carries
// (`req.context.id: number`, Prisma `findFirst({ where: { id } })` on an integer column).
import { startTestPostgres } from '../../test/helpers/postgres-server.js';
import { startAppProcess } from './app-process.js';
import { applyPrismaMigrations, PRISMA_PG_PRELOAD } from './prisma-offline.js';
import { scalekitSide } from './scalekit-side.js';
import pg from 'pg';

const USERNAME = 'ada-lovelace';
const EMAIL = 'ada@example.com';

export async function expressPrismaMeCalls(dir: string): Promise<Record<string, string>> {
  const postgres = await startTestPostgres();
  await applyPrismaMigrations(dir, postgres.url);
  const scalekit = await scalekitSide();
  const db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  const env = { ...scalekit.env, DATABASE_URL: postgres.url, JWT_ACCESS_SECRET: 'bench-access-secret', JWT_REFRESH_SECRET: 'bench-refresh-secret' };
  // The app's dev script runs ts-node with tsconfig-paths; transpile-only here (its type check is the build column).
  const args = ['-r', PRISMA_PG_PRELOAD, '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'src/server.ts'];
  const calls: Record<string, string> = {};
  let app = await startAppProcess(dir, args, { ...env, AUTH_PROVIDER: 'dual' }, '/api/auth/signin');
  try {
    const me = async (headers: Record<string, string>): Promise<string> => {
      const response = await fetch(`${app.url}/api/user/me`, { headers });
      const text = await response.text();
      const body = (() => { try { return JSON.parse(text) as { me?: { id?: unknown; username?: string } }; } catch { return {}; } })();
      if (response.status !== 200 || !body.me) return String(response.status);
      return body.me.username === USERNAME ? `200, ada's own record (user ${String(body.me.id)})` : `200, another record (${String(body.me.username)})`;
    };
    const json = { 'content-type': 'application/json' };
    for (const username of ['bob-builder', USERNAME]) await fetch(`${app.url}/api/auth/signup`, { method: 'POST', headers: json, body: JSON.stringify({ username, password: 'bench-password-1' }) });
    const signIn = await fetch(`${app.url}/api/auth/signin`, { method: 'POST', headers: json, body: JSON.stringify({ username: USERNAME, password: 'bench-password-1' }) });
    const legacy = ((await signIn.json()) as { access_token: string }).access_token;
    const id = (await db.query('SELECT id FROM "User" WHERE username = $1', [USERNAME])).rows[0]?.id as number;
    await scalekit.importUsers([{ externalId: String(id), email: EMAIL }]);
    const token = await scalekit.tokenFor(EMAIL);
    const claims = { xuid: String(id), roles: ['member'] };
    calls['Scalekit token of the imported ada (external_id = her user id)'] = await me({ authorization: `Bearer ${token}` });
    calls['legacy token from the app\'s sign-in'] = await me({ authorization: `Bearer ${legacy}` });
    Object.assign(calls, await scalekit.refusedCalls(claims, token, me));
    await app.stop();
    app = await startAppProcess(dir, args, env, '/api/auth/signin');
    calls['Scalekit token, AUTH_PROVIDER unset'] = await me({ authorization: `Bearer ${token}` });
    return calls;
  } finally {
    await app.stop();
    await db.end().catch(() => undefined);
    await scalekit.stop();
    await postgres.stop();
  }
}
