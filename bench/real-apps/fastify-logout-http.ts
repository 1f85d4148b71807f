// HTTP checks of the Fastify 5 + @fastify/jwt + Prisma app (bench/real-apps/middleware.json: fastify-jwt-prisma): a
// real PostgreSQL with the app's own migrations, its Prisma client run offline (prisma-offline.ts), its own
// registration and login for the legacy user and token; the project's emulator for Scalekit, the user imported with
// external_id = the app's user id. The route: GET /api/v1/auth/logout, which clears the refresh token of the user
// whose id the token carries (Prisma `updateMany({ where: { id } })`, an integer column), checked in the database.
import pg from 'pg';
import { startTestPostgres } from '../../test/helpers/postgres-server.js';
import { startAppProcess } from './app-process.js';
import { applyPrismaMigrations, PRISMA_PG_PRELOAD } from './prisma-offline.js';
import { scalekitSide } from './scalekit-side.js';

const EMAIL = 'ada@example.com';
const MARK = 'bench-refresh-marker';

export async function fastifyLogoutCalls(dir: string): Promise<Record<string, string>> {
  const postgres = await startTestPostgres();
  await applyPrismaMigrations(dir, postgres.url);
  const db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  const scalekit = await scalekitSide();
  const env = { ...scalekit.env, DATABASE_URL: postgres.url, JWT_SECRET: 'bench-jwt-secret', CORS_ALLOWED_ORIGINS: '"http://127.0.0.1"' };
  const args = ['-r', PRISMA_PG_PRELOAD, '--import', 'tsx', 'src/server.ts'];
  const calls: Record<string, string> = {};
  let app = await startAppProcess(dir, args, { ...env, AUTH_PROVIDER: 'dual' });
  try {
    const logout = async (headers: Record<string, string>): Promise<string> => {
      await db.query('UPDATE "User" SET "refreshToken" = $1', [MARK]);
      const response = await fetch(`${app.url}/api/v1/auth/logout`, { headers });
      await response.text();
      const cleared = (await db.query('SELECT id, email FROM "User" WHERE "refreshToken" IS NULL')).rows as Array<{ id: number; email: string }>;
      if (!cleared.length) return `${response.status}, no user logged out`;
      return `${response.status}, logged out ${cleared.map((row) => (row.email === EMAIL ? `ada (user ${row.id})` : `user ${row.id}`)).join(', ')}`;
    };
    const json = { 'content-type': 'application/json' };
    await fetch(`${app.url}/api/v1/auth/register`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'bob@example.com', password: 'bench-password', name: 'Bob' }) });
    await fetch(`${app.url}/api/v1/auth/register`, { method: 'POST', headers: json, body: JSON.stringify({ email: EMAIL, password: 'bench-password', name: 'Ada' }) });
    const login = await fetch(`${app.url}/api/v1/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email: EMAIL, password: 'bench-password' }) });
    const legacy = ((await login.json()) as { accessToken: string }).accessToken;
    const id = (await db.query('SELECT id FROM "User" WHERE email = $1', [EMAIL])).rows[0]?.id as number;
    await scalekit.importUsers([{ externalId: String(id), email: EMAIL }]);
    const token = await scalekit.tokenFor(EMAIL);
    const claims = { xuid: String(id), roles: ['member'] };
    calls['Scalekit token of the imported ada (external_id = her user id)'] = await logout({ authorization: `Bearer ${token}` });
    calls['legacy token from the app\'s login'] = await logout({ authorization: `Bearer ${legacy}` });
    Object.assign(calls, await scalekit.refusedCalls(claims, token, logout));
    await app.stop();
    app = await startAppProcess(dir, args, env);
    calls['Scalekit token, AUTH_PROVIDER unset'] = await logout({ authorization: `Bearer ${token}` });
    return calls;
  } finally {
    await app.stop();
    await db.end().catch(() => undefined);
    await scalekit.stop();
    await postgres.stop();
  }
}
