// HTTP checks of next-auth's example app (bench/real-apps/middleware.json: next-auth-v4), served by `next dev`. It
// signs in only through OAuth providers and keeps no user store: its user's data is the session itself. The legacy
// credential is next-auth's own session cookie, minted with next-auth's `encode` and the app's NEXTAUTH_SECRET
// (named: no provider can be reached offline), for the same user the emulator holds (imported with external_id = her
// provider account id, the `sub` of her legacy session). Routes: GET /api/examples/session (getServerSession),
// GET /api/examples/jwt (getToken), /me and /admin (behind the app's withAuth middleware: a redirect to sign-in
// without a token; /admin also wants `token.userRole === "admin"`, which the app's jwt callback sets at sign-in).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startNextDev } from './next-dev.js';
import { scalekitSide } from './scalekit-side.js';

const SECRET = 'bench-nextauth-secret';
const ADA = { sub: '4242', email: 'ada@example.com', name: 'Ada Lovelace' };

interface NextAuthJwt {
  encode(params: { token: Record<string, unknown>; secret: string; maxAge?: number }): Promise<string>;
}

function describeBody(text: string): string {
  let body: Record<string, any> | null = null;
  try {
    body = JSON.parse(text) as Record<string, any> | null;
  } catch {
    return 'not JSON';
  }
  if (!body || Object.keys(body).length === 0) return 'no session';
  const email = body.user?.email ?? body.email;
  const sub = body.sub;
  return email === ADA.email ? `ada's session (${sub !== undefined ? `sub ${String(sub)}` : `user ${JSON.stringify(body.user)}`})` : `another session (${JSON.stringify(body).slice(0, 80)})`;
}

export async function nextAuthSessionCalls(dir: string): Promise<Record<string, string>> {
  const scalekit = await scalekitSide([{ externalId: ADA.sub, email: ADA.email }]);
  const env = { ...scalekit.env, NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: 'http://127.0.0.1' };
  const calls: Record<string, string> = {};
  const { encode } = createRequire(join(dir, 'package.json'))('next-auth/jwt') as NextAuthJwt;
  const legacyCookie = `next-auth.session-token=${await encode({ token: { sub: ADA.sub, email: ADA.email, name: ADA.name, userRole: 'admin' }, secret: SECRET })}`;
  const expiredLegacy = `next-auth.session-token=${await encode({ token: { sub: ADA.sub, email: ADA.email }, secret: SECRET, maxAge: -60 })}`;
  const token = await scalekit.tokenFor(ADA.email);
  const claims = { xuid: ADA.sub, roles: ['member'] };
  const bad = { forged: await scalekit.forged(claims), expired: await scalekit.expired(claims), none: scalekit.unsigned(claims) };
  let app = await startNextDev(dir, { ...env, AUTH_PROVIDER: 'dual' }, '/api/examples/session');
  try {
    const probe = async (headers: Record<string, string>): Promise<string> => {
      const session = await fetch(`${app.url}/api/examples/session`, { headers });
      const jwt = await fetch(`${app.url}/api/examples/jwt`, { headers });
      const pages: string[] = [];
      for (const path of ['/me', '/admin']) {
        const page = await fetch(`${app.url}${path}`, { headers, redirect: 'manual' });
        await page.text();
        pages.push(`${path} ${page.status}${page.headers.get('location')?.includes('signin') ? ' to sign-in' : ''}`);
      }
      return `session ${session.status}: ${describeBody(await session.text())}; jwt ${jwt.status}: ${describeBody(await jwt.text())}; ${pages.join(', ')}`;
    };
    calls['Scalekit token of the imported ada (bearer)'] = await probe({ authorization: `Bearer ${token}` });
    calls['legacy next-auth session cookie'] = await probe({ cookie: legacyCookie });
    calls['forged Scalekit token (unknown key)'] = await probe({ authorization: `Bearer ${bad.forged}` });
    calls['expired Scalekit token (the emulator\'s key)'] = await probe({ authorization: `Bearer ${bad.expired}` });
    calls['expired legacy session cookie'] = await probe({ cookie: expiredLegacy });
    calls['`alg: none` token with the issuer'] = await probe({ authorization: `Bearer ${bad.none}` });
    calls['cookie-only cross-origin request (access-token cookie, no header)'] = await probe({ cookie: `scalekit_access_token=${token}`, origin: 'https://evil.example' });
    await app.stop();
    app = await startNextDev(dir, env, '/api/examples/session');
    calls['Scalekit token, AUTH_PROVIDER unset'] = await probe({ authorization: `Bearer ${token}` });
    return calls;
  } finally {
    await app.stop();
    await scalekit.stop();
  }
}
