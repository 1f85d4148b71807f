// Lost answers benchmark: import, re-import and rollback through a loopback proxy that loses answers
// after the emulator applied the call (test/helpers/lossy-proxy.ts), beside a lossless baseline run.
//   npx tsx bench/lost-answers.ts [--users N] [--organizations N] [--loss 0.05] [--concurrency N] [--kinds rst,internal,connection]
// For each kind of loss: answers lost, calls refused because a create was resent after it had taken
// effect (must be 0), RPCs per user against the baseline, entities left or changed after the
// rollback (must be 0), and wall time against the baseline.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type EmulatorState } from '../src/emulator/index.js';
import { runRollback } from '../src/import/rollback.js';
import { runImport } from '../src/import/run-import.js';
import { startLossyProxy, type LossKind } from '../test/helpers/lossy-proxy.js';
import { syntheticPackage, writeTestPackage } from '../test/helpers/test-package.js';

const args = new Map<string, string>();
for (let index = 2; index < process.argv.length; index += 2) args.set(process.argv[index]!.replace(/^--/, ''), process.argv[index + 1]!);
const USERS = Number(args.get('users') ?? 2000);
const ORGANIZATIONS = Number(args.get('organizations') ?? 50);
const LOSS = Number(args.get('loss') ?? 0.05);
const CONCURRENCY = Number(args.get('concurrency') ?? 16);

const seed = {
  roles: [
    { name: 'admin', display_name: 'Admin', description: 'Organization administrator', default_creator: true },
    { name: 'member', display_name: 'Member', description: 'Organization member', default_member: true },
  ],
  organizations: [{ id: 'org_preexisting', external_id: 'b-org-0', display_name: 'Old Name', metadata: { crm_id: '77' } }],
  users: [
    {
      id: 'usr_preexisting000001',
      email: 'b.user0@example.com',
      external_id: 'b-user-0',
      given_name: 'Old',
      family_name: 'Name',
      metadata: { legacy_id: 'old' },
      memberships: [{ organization_external_id: 'b-org-0', roles: ['member'] }],
    },
  ],
};

function fingerprint(state: EmulatorState): Set<string> {
  const lines = new Set<string>();
  for (const org of state.organizations) lines.add(JSON.stringify(['org', org.id, org.external_id, org.display_name, org.metadata]));
  for (const user of state.users) lines.add(JSON.stringify(['user', user.id, user.external_id, user.given_name, user.family_name, user.metadata]));
  for (const m of state.memberships) lines.add(JSON.stringify(['membership', m.user_id, m.organization_id, [...m.roles].sort()]));
  for (const role of state.roles) lines.add(JSON.stringify(['role', role.name, role.display_name, role.description, [...(role.permissions ?? [])].sort()]));
  for (const permission of state.permissions) lines.add(JSON.stringify(['permission', permission.name]));
  return lines;
}

function seeded(value: number): () => number {
  let state = value;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

interface Row {
  kind: string;
  lost: number;
  resentCreatesRefused: number;
  importRpcs: number;
  importSeconds: number;
  firstFailed: number;
  rollbackProblems: string;
  reimportCreates: number;
  failedAfterReimport: number;
  rollbackComplete: boolean;
  leftOrChanged: number;
}

async function run(kind: LossKind | 'none'): Promise<Row> {
  const emulator = await startEmulator({ log: () => undefined, seed });
  const before = fingerprint(emulator.state());
  const proxy = await startLossyProxy({ upstream: emulator.url, lossRate: kind === 'none' ? 0 : LOSS, kind: kind === 'none' ? 'rst' : kind, random: seeded(11) });
  const connection = { environmentUrl: proxy.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret };
  const dir = mkdtempSync(join(tmpdir(), 'skm-bench-lost-'));
  const content = syntheticPackage({ organizations: ORGANIZATIONS, users: USERS, membershipsPerUser: 2, prefix: 'b' });
  content.users[0] = { ...content.users[0]!, first_name: 'New' };
  writeTestPackage(dir, content);
  const options = { packageDir: dir, apply: true, connection, rate: 100_000, concurrency: CONCURRENCY, retryPolicy: { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 100 } };
  try {
    const started = performance.now();
    const first = await runImport(options);
    const importSeconds = (performance.now() - started) / 1000;
    if (first.failures.total) console.error(kind, 'first import failures', JSON.stringify(first.failures.byCode), JSON.stringify(first.failures.samples.slice(0, 3)));
    const again = await runImport(options);
    const rollback = await runRollback(options);
    const after = fingerprint(emulator.state());
    let leftOrChanged = 0;
    for (const line of after) if (!before.has(line)) leftOrChanged += 1;
    for (const line of before) if (!after.has(line)) leftOrChanged += 1;
    const failures = emulator.counters().failures;
    return {
      kind: kind === 'none' ? 'baseline (no loss)' : `${kind} at ${LOSS * 100}%`,
      lost: [...proxy.lost.values()].reduce((sum, n) => sum + n, 0),
      resentCreatesRefused: Object.entries(failures).filter(([method]) => method.startsWith('Create')).reduce((sum, [, n]) => sum + n, 0),
      importRpcs: first.run?.rpcs ?? 0,
      importSeconds,
      firstFailed: first.failures.total,
      rollbackProblems: JSON.stringify({ blocked: rollback.blocked.samples.map((b) => b.code), failed: rollback.failures.byCode }),
      reimportCreates: again.counts.users.create + again.counts.organizations.create + again.counts.memberships.create,
      failedAfterReimport: again.failures.total,
      rollbackComplete: rollback.complete === true,
      leftOrChanged,
    };
  } finally {
    await proxy.close();
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Row[] = [];
const KINDS = (args.get('kinds') ?? 'rst,internal,connection').split(',') as LossKind[];
for (const kind of ['none' as const, ...KINDS]) rows.push(await run(kind));
const baseline = rows[0]!;
console.log(`${USERS} users (2 memberships each) in ${ORGANIZATIONS} organizations, concurrency ${CONCURRENCY}; import, re-import, rollback through the proxy`);
console.log('| run | answers lost | creates resent after taking effect | import RPCs/user (x baseline) | import s (x baseline) | failed in 1st import | re-import creates | failed after re-import | rollback complete | entities left or changed |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) {
  const perUser = row.importRpcs / USERS;
  console.log(
    `| ${row.kind} | ${row.lost} | ${row.resentCreatesRefused} | ${perUser.toFixed(3)} (${(row.importRpcs / baseline.importRpcs).toFixed(3)}) | ${row.importSeconds.toFixed(1)} (${(row.importSeconds / baseline.importSeconds).toFixed(2)}) | ${row.firstFailed} | ${row.reimportCreates} | ${row.failedAfterReimport} | ${row.rollbackComplete ? 'yes' : `NO ${row.rollbackProblems}`} | ${row.leftOrChanged} |`,
  );
}
