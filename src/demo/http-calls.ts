import type { ProtectedCall } from './result.js';

/** The legacy login: email and password in, the app's own JWT out (kept in memory, never printed). */
export async function legacyLogin(appUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${appUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`POST /auth/login answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { accessToken?: unknown };
  if (typeof body.accessToken !== 'string') throw new Error('POST /auth/login answered without an accessToken');
  return body.accessToken;
}

/** Calls a protected route with a bearer token; returns the status and the JSON it answered. */
export interface ProtectedCallPlan {
  route: string;
  credential: ProtectedCall['credential'];
  authProvider?: ProtectedCall['authProvider'];
  user?: string;
  expected: number;
}

export async function callProtected(appUrl: string, token: string, plan: ProtectedCallPlan): Promise<ProtectedCall> {
  const response = await fetch(`${appUrl}${plan.route}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  return { ...plan, status: response.status, ...(body ? { body } : {}) };
}

/** A JWT that looks right but was signed by nobody the app trusts. */
export function forgedToken(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ ...claims, iat: now, exp: now + 600 })}.${Buffer.from('not-a-real-signature').toString('base64url')}`;
}
