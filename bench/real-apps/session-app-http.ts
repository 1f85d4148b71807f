// HTTP checks of the Express + passport sessions app (bench/real-apps/middleware.json: express-passport-sessions):
// the app's own SQLite database and its own login form for the legacy user; the project's emulator for Scalekit,
// alice imported into it with the project's importer.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { scalekitSide } from './scalekit-side.js';

export interface SessionAppCalls {
  scalekitUser: string;
  legacySession: string;
  forged: string;
  unsigned: string;
  cookieOnlyWrite: string;
  unsetProviderScalekit: string;
}

const TODO = 'bench: todo of the legacy user alice';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startApp(dir: string, env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['./bin/www'], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await fetch(url);
      return { url, child };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill();
  throw new Error('the session app did not start');
}

/** The app's own login form: csrf token from the page, then POST /login/password; returns the session cookie. */
async function legacyLogin(url: string): Promise<string> {
  const page = await fetch(`${url}/login`);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const login = await fetch(`${url}/login/password`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: 'alice', password: 'letmein', _csrf: csrf }) });
  return (login.headers.get('set-cookie') ?? cookie).split(';')[0]!;
}

async function addTodo(url: string, cookie: string): Promise<void> {
  const page = await fetch(url, { headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  await fetch(url, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ title: TODO, _csrf: csrf }) });
}

async function home(url: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(url, { headers });
  const body = await response.text();
  return `${response.status} ${body.includes(TODO) ? 'own todos' : 'anonymous page'}`;
}

/**
 * The calls the issue asks about, against the app in `dir` as it is now (before or after the codemod). `migrated`:
 * the codemod ran, so AUTH_PROVIDER=dual is set for the main calls.
 */
export async function sessionAppCalls(dir: string): Promise<SessionAppCalls> {
  // alice (user 1 of the app's own SQLite store) imported with the real importer, external_id = her user id.
  const scalekit = await scalekitSide([{ externalId: '1', email: 'alice@example.com' }]);
  const env = scalekit.env;
  try {
    const token = await scalekit.tokenFor('alice@example.com');
    const forged = await scalekit.forged({ xuid: '1' });
    const unsigned = scalekit.unsigned({ xuid: '1' });

    let app = await startApp(dir, { ...env, AUTH_PROVIDER: 'dual' });
    const session = await legacyLogin(app.url);
    await addTodo(app.url, session);
    const write = await fetch(app.url, { method: 'POST', redirect: 'manual', headers: { cookie: `scalekit_access_token=${token}; ${session}`, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'title=csrf' });
    const calls = {
      scalekitUser: await home(app.url, { authorization: `Bearer ${token}` }),
      legacySession: await home(app.url, { cookie: session }),
      forged: await home(app.url, { authorization: `Bearer ${forged}` }),
      unsigned: await home(app.url, { authorization: `Bearer ${unsigned}` }),
      cookieOnlyWrite: `${write.status} ${write.status >= 400 ? 'refused' : 'accepted'}`,
      unsetProviderScalekit: '',
    };
    app.child.kill();
    app = await startApp(dir, env);
    calls.unsetProviderScalekit = await home(app.url, { authorization: `Bearer ${token}` });
    app.child.kill();
    return calls;
  } finally {
    await scalekit.stop();
  }
}
