import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../../errors.js';
import { resolvePackageDir } from '../../import/package-dir.js';
import { runVerify, type VerifyResult } from '../../import/verify.js';
import { PACKAGE_FILES } from '../../package/layout.js';
import { SCALEKIT_ENV_VARS } from '../../scalekit/client.js';
import type { AutomaticCheck, CheckResult } from './types.js';

/** A verification is reused this long when neither the package nor its journal changed since. */
const REUSE_MS = 5 * 60 * 1000;
const reuse = new Map<string, { key: string; at: number; result: CheckResult }>();

/**
 * Item `import.verify`: runs verifyImport on the workspace's package when the SCALEKIT_* variables
 * are set and a package exists; says why when it cannot run.
 */
export const importVerifiedCheck: AutomaticCheck = async ({ workspace }) => {
  const missing = SCALEKIT_ENV_VARS.filter((name) => !process.env[name]);
  if (missing.length) return { ok: false, detail: `cannot verify: ${missing.join(', ')} not set in the server's environment` };
  let packageDir: string;
  try {
    packageDir = await resolvePackageDir(workspace, undefined, true);
  } catch (error) {
    return { ok: false, detail: `cannot verify: ${errorMessage(error)}` };
  }
  const manifest = await stat(join(packageDir, PACKAGE_FILES.manifest)).catch(() => undefined);
  if (!manifest) return { ok: false, detail: `cannot verify: no migration package at ${packageDir} (export first)` };
  const journal = await stat(join(packageDir, PACKAGE_FILES.journal)).catch(() => undefined);
  if (!journal) return { ok: false, detail: `not imported yet: ${packageDir} has no import journal` };
  const key = `${process.env.SCALEKIT_ENVIRONMENT_URL}|${manifest.mtimeMs}|${journal.size}|${journal.mtimeMs}`;
  const cached = reuse.get(packageDir);
  if (cached && cached.key === key && Date.now() - cached.at < REUSE_MS) return cached.result;
  let verification: VerifyResult;
  try {
    verification = await runVerify({ packageDir, rate: 50 });
  } catch (error) {
    return { ok: false, detail: `cannot verify: ${errorMessage(error)}` };
  }
  const result = { ok: verification.ok, detail: describe(verification) };
  reuse.set(packageDir, { key, at: Date.now(), result });
  return result;
};

function describe(result: VerifyResult): string {
  const { users, organizations, memberships } = result.checked;
  const scope = `${users} users, ${organizations} organizations, ${memberships} memberships in ${result.environment}`;
  if (result.ok) return `verified ${scope}: zero mismatches (${new Date().toISOString()})`;
  const kinds = Object.entries(result.mismatches.byKind)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  return `${result.mismatches.total} mismatch(es) against ${scope}: ${kinds}`;
}
