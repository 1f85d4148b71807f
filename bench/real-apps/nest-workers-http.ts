// HTTP checks of the NestJS 6 / TypeScript 3.4 app (bench/real-apps/middleware.json: nestjs6-passport-jwt-ts34): a
// real PostgreSQL for its TypeORM entities (connection given by TypeORM's own TYPEORM_* variables), its own
// registration and login for the legacy user and token, compiled with its own tsc; the project's emulator for
// Scalekit, the user imported with external_id = the app's user id. The route: POST /workers, which stores the
// authenticated user as the worker's creator (checked in the database).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startTestPostgres } from '../../test/helpers/postgres-server.js';
import { startAppProcess } from './app-process.js';
import { scalekitSide } from './scalekit-side.js';

const EMAIL = 'ada@example.com';

export async function nestWorkersCalls(dir: string): Promise<Record<string, string>> {
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  // tsc emits despite type errors (the newer TypeORM's declarations need TypeScript 3.6; the build check counts them).
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'ignore' });
  if (!existsSync(join(dir, 'dist', 'main.js'))) throw new Error(`${dir}: tsc emitted no dist/main.js`);
  const postgres = await startTestPostgres();
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query('CREATE DATABASE infostack');
  await admin.end();
  const db = new pg.Client({ connectionString: postgres.urlFor('infostack') });
  const scalekit = await scalekitSide();
  const port = new URL(postgres.url).port;
  const typeorm = { TYPEORM_CONNECTION: 'postgres', TYPEORM_HOST: '127.0.0.1', TYPEORM_PORT: port, TYPEORM_USERNAME: 'postgres', TYPEORM_PASSWORD: '', TYPEORM_DATABASE: 'infostack', TYPEORM_ENTITIES: 'dist/**/*.entity.js', TYPEORM_SYNCHRONIZE: 'true' };
  const env = { ...scalekit.env, ...typeorm, NODE_ENV: 'development' };
  const calls: Record<string, string> = {};
  try {
    let app = await startAppProcess(dir, ['dist/main.js'], { ...env, AUTH_PROVIDER: 'dual' }, '/workers');
    await db.connect();
    let created = 0;
    const createWorker = async (headers: Record<string, string>): Promise<string> => {
      const name = `bench-${++created}`;
      const response = await fetch(`${app.url}/workers`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name, surname: 'Worker', description: 'made by the bench' }) });
      await response.text();
      const row = (await db.query('SELECT w."creatorId" AS creator, u.email FROM workers w LEFT JOIN users u ON u.id = w."creatorId" WHERE w.name = $1', [name])).rows[0] as { creator: number | null; email: string | null } | undefined;
      if (!row) return `${response.status}, no worker stored`;
      return `${response.status}, worker stored with creator ${row.email === EMAIL ? `ada (user ${row.creator})` : String(row.creator)}`;
    };
    try {
      await fetch(`${app.url}/auth/registration`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: 'bench-password' }) });
      const login = await fetch(`${app.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: 'bench-password' }) });
      const legacy = ((await login.json()) as { accessToken: string }).accessToken;
      const id = (await db.query('SELECT id FROM users WHERE email = $1', [EMAIL])).rows[0]?.id as number;
      await scalekit.importUsers([{ externalId: String(id), email: EMAIL }]);
      const token = await scalekit.tokenFor(EMAIL);
      const claims = { xuid: String(id), roles: ['member'] };
      calls['Scalekit token of the imported ada (external_id = her user id)'] = await createWorker({ authorization: `Bearer ${token}` });
      calls['legacy token from the app\'s login'] = await createWorker({ authorization: `Bearer ${legacy}` });
      Object.assign(calls, await scalekit.refusedCalls(claims, token, createWorker, 'write'));
      await app.stop();
      app = await startAppProcess(dir, ['dist/main.js'], env, '/workers');
      calls['Scalekit token, AUTH_PROVIDER unset'] = await createWorker({ authorization: `Bearer ${token}` });
    } finally {
      await app.stop();
    }
    return calls;
  } finally {
    await db.end().catch(() => undefined);
    await scalekit.stop();
    await postgres.stop();
  }
}
