/**
 * Export on real public export files: each app of bench/real-apps/export.json is checked out at its
 * pinned commit, its export file copied into a scratch workspace and exported; the package is
 * compared with the ground truth marked in the list before the export was first run.
 *
 *   npx tsx bench/export-real-apps.ts [bench/real-apps/export.json]
 *
 * Needs the repositories fetched into the mirrors (see bench/real-apps/checkout.ts).
 */
import type { ZodType } from 'zod';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ExportOptions } from '../src/export/options.js';
import { exportUsers } from '../src/export/run-export.js';
import { readManifest, readRecords } from '../src/package/read.js';
import { passwordHashRecordSchema, rejectRecordSchema, userRecordSchema } from '../src/package/records.js';
import { checkoutApp, readAppList, type RealApp } from './real-apps/checkout.js';

interface Expected {
  users: { external_id: string; email: string; email_verified: boolean; roles: string[] }[];
  rejects: Record<string, number>;
  hashes: Record<string, Record<string, unknown>>;
  /** Texts of the source (plaintext passwords, secrets) that must appear in no file of the package. */
  absent?: string[];
  /** External id -> the other ids the user is known by (linked identities, merged records), for every user that has any. */
  mergedIds?: Record<string, string[]>;
  /** External id -> status, for every user that is not active. */
  statuses?: Record<string, string>;
}

async function all<T>(path: string, schema: ZodType<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const entry of readRecords(path, schema)) out.push(entry.record);
  return out;
}

async function checkApp(app: RealApp): Promise<string[]> {
  const tree = checkoutApp(app);
  const ws = mkdtempSync(join(tmpdir(), 'skm-real-export-'));
  try {
    const file = basename(String(app.file));
    copyFileSync(join(tree, String(app.file)), join(ws, file));
    const result = await exportUsers({ source: app.source, file, ...(app.flags as object) } as ExportOptions, { workspace: ws });
    const dir = result.packageDir!;
    await readManifest(dir);
    const users = await all(join(dir, 'users.ndjson'), userRecordSchema);
    const rejects = await all(join(dir, 'rejects.ndjson'), rejectRecordSchema);
    const hashes = result.passwordHashes.included ? await all(join(dir, 'password_hashes.ndjson'), passwordHashRecordSchema) : [];
    const expected = app.expected as Expected;
    const problems: string[] = [];
    const got = users.map((u) => ({ external_id: u.external_id, email: u.email, email_verified: u.email_verified, roles: u.memberships.flatMap((m) => m.roles) }));
    if (JSON.stringify(got) !== JSON.stringify(expected.users)) problems.push(`users ${JSON.stringify(got)} != ${JSON.stringify(expected.users)}`);
    const reasons: Record<string, number> = {};
    for (const reject of rejects) reasons[reject.reason] = (reasons[reject.reason] ?? 0) + 1;
    if (JSON.stringify(reasons) !== JSON.stringify(expected.rejects)) problems.push(`rejects ${JSON.stringify(reasons)} != ${JSON.stringify(expected.rejects)}`);
    for (const [algorithm, params] of Object.entries(expected.hashes)) {
      const hash = hashes.find((h) => h.algorithm === algorithm);
      if (!hash) problems.push(`no ${algorithm} hash`);
      else for (const [key, value] of Object.entries(params)) if (hash.params?.[key] !== value) problems.push(`${algorithm} ${key} ${String(hash.params?.[key])} != ${String(value)}`);
    }
    const mergedIds = Object.fromEntries(users.filter((u) => u.merged_ids !== undefined).map((u) => [u.external_id, u.merged_ids]));
    if (JSON.stringify(mergedIds) !== JSON.stringify(expected.mergedIds ?? {})) problems.push(`merged ids ${JSON.stringify(mergedIds)} != ${JSON.stringify(expected.mergedIds ?? {})}`);
    const statuses = Object.fromEntries(users.filter((u) => u.status !== undefined).map((u) => [u.external_id, u.status]));
    if (JSON.stringify(statuses) !== JSON.stringify(expected.statuses ?? {})) problems.push(`statuses ${JSON.stringify(statuses)} != ${JSON.stringify(expected.statuses ?? {})}`);
    for (const text of expected.absent ?? []) {
      for (const name of readdirSync(dir)) if (readFileSync(join(dir, name), 'utf8').includes(text)) problems.push(`${name} holds a secret of the source`);
    }
    if (!result.countsAddUp) problems.push('counts do not add up');
    console.log(`${app.name.padEnd(36)} ${result.counts.inputRecords} records: ${result.counts.users} users, ${result.counts.rejects} rejected, ${result.counts.merged} merged; ${problems.length === 0 ? 'matches the ground truth' : problems.join('; ')}`);
    return problems;
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

const list = process.argv[2] ?? join(import.meta.dirname, 'real-apps', 'export.json');
let failures = 0;
for (const app of readAppList(list)) {
  try {
    failures += (await checkApp(app)).length > 0 ? 1 : 0;
  } catch (error) {
    failures += 1;
    console.log(`${app.name.padEnd(36)} failed: ${(error as Error).message}`);
  }
}
process.exitCode = failures > 0 ? 1 : 0;
