import { startApp, type RunningApp } from './app-process.js';
import { callProtected, forgedToken, type ProtectedCallPlan } from './http-calls.js';
import type { ProtectedCall } from './result.js';
import type { DemoUser } from './workspace.js';

export const ME_ROUTE = '/api/me';

/** Credentials for the calls, all kept in memory. */
export interface DemoCredentials {
  /** The legacy JWT the admin got from the password login before the migration. */
  legacy: string;
  /** Scalekit access tokens from the code flow, per user. */
  scalekit: { admin: string; billingAdmin: string; member: string };
}

type Planned = ProtectedCallPlan & { token: string };

/**
 * What the migrated app must answer under each AUTH_PROVIDER value: in dual mode both kinds of token
 * and the legacy roles (a Billing Admin may read stats, a member may not); `scalekit` refuses the
 * legacy token and `legacy` the Scalekit one — the runtime rollback switch.
 */
export function plannedCalls(users: { admin: DemoUser; billingAdmin: DemoUser; member: DemoUser }, credentials: DemoCredentials): Map<NonNullable<ProtectedCall['authProvider']>, Planned[]> {
  const { admin, billingAdmin, member } = users;
  const forged = forgedToken({ sub: admin.externalId, org: admin.organization, role: 'admin', xuid: admin.externalId, roles: ['admin'] });
  const stats = (user: DemoUser) => `/api/organizations/${encodeURIComponent(user.organization)}/stats`;
  const me = (credential: ProtectedCall['credential'], expected: number, token: string): Planned => ({
    route: ME_ROUTE,
    credential,
    user: credential === 'forged' ? undefined : admin.externalId,
    expected,
    token,
  });
  return new Map([
    [
      'dual',
      [
        me('scalekit', 200, credentials.scalekit.admin),
        me('legacy', 200, credentials.legacy),
        me('forged', 401, forged),
        { route: stats(billingAdmin), credential: 'scalekit', user: billingAdmin.externalId, expected: 200, token: credentials.scalekit.billingAdmin },
        { route: stats(member), credential: 'scalekit', user: member.externalId, expected: 403, token: credentials.scalekit.member },
      ],
    ],
    ['scalekit', [me('scalekit', 200, credentials.scalekit.admin), me('legacy', 401, credentials.legacy)]],
    ['legacy', [me('legacy', 200, credentials.legacy), me('scalekit', 401, credentials.scalekit.admin)]],
  ]);
}

/** The demo app's counters flush interval, and how long it is given before it is stopped. */
export const COUNTERS_FLUSH_MS = 50;
const COUNTERS_SETTLE_MS = 250;

/** Starts the app once per AUTH_PROVIDER value and makes the planned calls; the app is stopped even when a call fails. */
export async function runAppChecks(appDir: string, env: Record<string, string>, planned: Map<NonNullable<ProtectedCall['authProvider']>, Planned[]>): Promise<ProtectedCall[]> {
  const calls: ProtectedCall[] = [];
  for (const [authProvider, plans] of planned) {
    let app: RunningApp | undefined;
    try {
      app = await startApp(appDir, { ...env, AUTH_PROVIDER: authProvider });
      for (const { token, ...plan } of plans) calls.push(await callProtected(app.url, token, { ...plan, authProvider }));
      // The generated module writes its token counters shortly after the last request (COUNTERS_FLUSH_MS).
      await new Promise((resolve) => setTimeout(resolve, COUNTERS_SETTLE_MS));
    } finally {
      await app?.stop();
    }
  }
  return calls;
}

/** A call went as a correct migration makes it go: the expected status, and on /api/me the right legacy id. */
export function callAsExpected(call: ProtectedCall): boolean {
  if (call.status !== call.expected) return false;
  return !(call.status === 200 && call.route === ME_ROUTE && call.body?.id !== call.user);
}

export function describeCall(call: ProtectedCall): string {
  const shown = call.body && call.status === 200 ? ` ${JSON.stringify(call.body)}` : '';
  return `${call.status}${shown}`;
}
