// HTTP checks of the Koa + koa-jwt + TypeORM app (bench/real-apps/middleware.json: koa-jwt-typeorm): a real
// PostgreSQL for its TypeORM entity (schema synchronized by the app itself), run with ts-node as its watch script does
// (transpile-only: its type check is the build column). The app issues no tokens (they are made elsewhere with its
// JWT_SECRET): the legacy token `{ email }` is signed here with that secret. The project's emulator for Scalekit, the
// user imported with external_id = her row id. The route: DELETE /users/:id, which only lets a user delete her own
// row (`ctx.state.user.email` against the row's): 204 for her own, 403 for another's, checked in the database.
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { startTestPostgres } from '../../test/helpers/postgres-server.js';
import { startAppProcess } from './app-process.js';
import { scalekitSide } from './scalekit-side.js';

const SECRET = 'bench-koa-secret';
const ADA = { name: 'Ada Lovelace', email: 'ada@example.com' };
const BOB = { name: 'Bob Builder', email: 'bob@example.com' };

export async function koaDeleteCalls(dir: string): Promise<Record<string, string>> {
  const postgres = await startTestPostgres();
  const scalekit = await scalekitSide();
  const db = new pg.Client({ connectionString: postgres.url });
  const env = { ...scalekit.env, DATABASE_URL: postgres.url, JWT_SECRET: SECRET, NODE_ENV: 'development' };
  const args = ['-r', 'ts-node/register/transpile-only', 'src/server.ts'];
  const calls: Record<string, string> = {};
  let app = await startAppProcess(dir, args, { ...env, AUTH_PROVIDER: 'dual' });
  try {
    await db.connect();
    const ids = new Map<string, number>();
    // Each call starts with both rows present (an earlier call may have deleted one), under fixed ids.
    const ensureRows = async () => {
      for (const user of [ADA, BOB]) {
        const existing = (await db.query('SELECT id FROM "user" WHERE email = $1', [user.email])).rows[0] as { id: number } | undefined;
        if (existing) ids.set(user.email, existing.id);
        else if (ids.has(user.email)) await db.query('INSERT INTO "user" (id, name, email) VALUES ($1, $2, $3)', [ids.get(user.email), user.name, user.email]);
        else ids.set(user.email, (await db.query('INSERT INTO "user" (name, email) VALUES ($1, $2) RETURNING id', [user.name, user.email])).rows[0].id as number);
      }
    };
    const remove = async (whose: typeof ADA, headers: Record<string, string>): Promise<string> => {
      await ensureRows();
      const response = await fetch(`${app.url}/users/${ids.get(whose.email)}`, { method: 'DELETE', headers });
      await response.text();
      const left = (await db.query('SELECT email FROM "user"')).rows.map((row: { email: string }) => row.email);
      const gone = [ADA, BOB].filter((user) => !left.includes(user.email)).map((user) => (user === ADA ? 'ada' : 'bob'));
      return `${response.status}, ${gone.length ? `${gone.join(', ')}'s row deleted` : 'nothing deleted'}`;
    };
    await ensureRows();
    const adaId = ids.get(ADA.email)!;
    await scalekit.importUsers([{ externalId: String(adaId), email: ADA.email }]);
    const token = await scalekit.tokenFor(ADA.email);
    const legacy = jwt.sign({ email: ADA.email }, SECRET, { expiresIn: '15m' });
    const claims = { xuid: String(adaId), roles: ['member'] };
    calls['Scalekit token of the imported ada (external_id = her row id), her own row'] = await remove(ADA, { authorization: `Bearer ${token}` });
    calls['Scalekit token of ada, bob\'s row'] = await remove(BOB, { authorization: `Bearer ${token}` });
    calls['legacy token `{ email }` (signed with the app\'s secret), her own row'] = await remove(ADA, { authorization: `Bearer ${legacy}` });
    Object.assign(calls, await scalekit.refusedCalls(claims, token, (headers) => remove(ADA, headers)));
    calls['expired legacy token'] = await remove(ADA, { authorization: `Bearer ${jwt.sign({ email: ADA.email }, SECRET, { expiresIn: -60 })}` });
    await app.stop();
    app = await startAppProcess(dir, args, env);
    calls['Scalekit token, AUTH_PROVIDER unset'] = await remove(ADA, { authorization: `Bearer ${token}` });
    return calls;
  } finally {
    await app.stop();
    await db.end().catch(() => undefined);
    await scalekit.stop();
    await postgres.stop();
  }
}
