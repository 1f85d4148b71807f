/**
 * The generated auth module's token counters, read by `scalekit-migrate monitor` during the cut-over:
 * Scalekit tokens accepted and rejected (by reason), tokens routed to the legacy check and legacy
 * tokens refused under AUTH_PROVIDER=scalekit, and the first Scalekit sign-in. Counting is a few
 * integer increments per request; the file is written at most every few seconds, off the request path.
 * Only counts, times and a Scalekit user id (`sub`) go to the file: never a token, email or legacy id.
 */

/** Where the counters go, relative to the app's working directory; read back by the monitor. */
export const COUNTERS_DIR = '.scalekit-migration/auth-counters';

/** The module's imports for the counters file: none on the edge runtime (Next.js), where counts stay in memory. */
export function usageCountersImports(edge: boolean): string[] {
  return edge ? [] : [`// Node's file system, for the token counters the migration's monitor reads.\nimport { mkdirSync, writeFileSync } from 'fs';`, `import { join } from 'path';`];
}

export function usageCountersSource(edge: boolean): string {
  const flush = edge
    ? `
/** On the edge runtime there is no file to write: read the counts with scalekitAuthCounters(). */
function scheduleCountersFlush(_soon: boolean): void {}
`
    : `
let countersTimer: unknown;

/** Writes this process's counters (owner-only) soon after a change: immediately for the first Scalekit sign-in. */
function scheduleCountersFlush(soon: boolean): void {
  const dir = process.env.SCALEKIT_MIGRATE_COUNTERS_DIR || '${COUNTERS_DIR}';
  if (dir === 'off' || (countersTimer && !soon)) return;
  const delay = soon ? 0 : Number(process.env.SCALEKIT_MIGRATE_COUNTERS_FLUSH_MS || 5000);
  const timer: any = setTimeout(() => {
    countersTimer = undefined;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      authCounters.updatedAt = new Date().toISOString();
      writeFileSync(join(dir, \`\${authCounters.pid}-\${authCounters.startedAt.replace(/[^0-9]/g, '')}.json\`), JSON.stringify(authCounters), { mode: 0o600 });
    } catch {
      // Counting must never break authentication: a read-only disk only loses the counters.
    }
  }, delay);
  if (timer && typeof timer.unref === 'function') timer.unref();
  countersTimer = timer;
}
`;
  return `
/** What this process saw since it started (see scalekit-migrate monitor). */
export interface ScalekitAuthCounters {
  version: 1;
  pid: number;
  startedAt: string;
  updatedAt: string;
  scalekit: { accepted: number; rejected: Record<string, number> };
  /** routed: tokens handed to the legacy check; refused: legacy tokens turned away under AUTH_PROVIDER=scalekit. */
  legacy: { routed: number; refused: number };
  /** The first Scalekit token accepted: when, whose (Scalekit user id), and whether it carried a legacy id (xuid). */
  firstScalekitSignIn?: { at: string; sub: string; migrated: boolean };
}

const authCounters: ScalekitAuthCounters = {
  version: 1,
  pid: typeof process !== 'undefined' && typeof process.pid === 'number' ? process.pid : 0,
  startedAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
  scalekit: { accepted: 0, rejected: {} },
  legacy: { routed: 0, refused: 0 },
};

/** A copy of this process's token counters. */
export function scalekitAuthCounters(): ScalekitAuthCounters {
  return JSON.parse(JSON.stringify(authCounters));
}

function countScalekitAccepted(claims: { sub: string; xuid?: string }): void {
  authCounters.scalekit.accepted += 1;
  const first = !authCounters.firstScalekitSignIn;
  if (first) authCounters.firstScalekitSignIn = { at: new Date().toISOString(), sub: claims.sub, migrated: typeof claims.xuid === 'string' && claims.xuid !== '' };
  scheduleCountersFlush(first);
}

function countScalekitRejected(reason: string): void {
  authCounters.scalekit.rejected[reason] = (authCounters.scalekit.rejected[reason] || 0) + 1;
  scheduleCountersFlush(false);
}

function countLegacy(kind: 'routed' | 'refused'): void {
  authCounters.legacy[kind] += 1;
  scheduleCountersFlush(false);
}

/** Why a Scalekit token failed verification, as a short code (jose's error codes, else the message). */
function rejectionReason(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const claim = (error as { claim?: unknown } | undefined)?.claim;
  if (code === 'ERR_JWT_EXPIRED') return 'expired';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return claim === 'aud' ? 'audience' : claim === 'iss' ? 'issuer' : 'claims';
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return 'signature';
  if (code === 'ERR_JWKS_NO_MATCHING_KEY') return 'unknown_key';
  const message = String((error as { message?: unknown } | undefined)?.message || '');
  if (/expired|"exp"/i.test(message)) return 'expired';
  if (/audience|"aud"/i.test(message)) return 'audience';
  if (/issuer|"iss"/i.test(message)) return 'issuer';
  if (/signature/i.test(message)) return 'signature';
  return 'invalid';
}
${flush}`;
}
