// Memory of import, verify and rollback plan on an environment that already holds the package's users, at two
// sizes, for this tree and for a baseline tree (a checkout of an earlier commit), in one run.
//   npx tsx bench/bounded-memory.ts --baseline-tree DIR [--small N] [--large N] [--per-organization N]
// The environment is seeded (no import calls: only the listing, planning and comparing are measured) and a
// journal recording that this package created those users and organizations is written with the importer's own
// JournalWriter, so the rollback plan has everything to delete. Every run is a separate process (peak RSS from
// the kernel, live heap sampled after a full GC every 2 s). Flat from small to large = bounded.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJournal } from '../src/import/journal-read.js';
import { JournalWriter } from '../src/import/journal-write.js';
import { packageDigest, readManifest } from '../src/package/read.js';
import { largePackage, largePackageUser } from './support/large-package.js';

const args = new Map<string, string>();
for (let index = 2; index < process.argv.length; index += 2) args.set(process.argv[index]!.replace(/^--/, ''), process.argv[index + 1]!);
const SMALL = Number(args.get('small') ?? 20_000);
const LARGE = Number(args.get('large') ?? 150_000);
const PER_ORGANIZATION = Number(args.get('per-organization') ?? 50);
const BASELINE_TREE = args.get('baseline-tree');
if (!BASELINE_TREE) throw new Error('--baseline-tree DIR: a checkout of the commit to compare with (with node_modules)');
const here = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const trees = [
  ['baseline', resolve(BASELINE_TREE)],
  ['this tree', here],
] as const;

const pad = (n: number) => String(n).padStart(18, '0');
const mib = (kib: number) => Math.round(kib / 1024);

function child<T>(tree: string, script: string, payload: unknown, heapMiB?: number): { first: Promise<T>; stop: () => void } {
  const process_ = fork(join(tree, 'bench/support', script), [JSON.stringify(payload)], {
    cwd: tree,
    execArgv: ['--import', 'tsx', '--expose-gc', ...(heapMiB ? [`--max-old-space-size=${heapMiB}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const first = new Promise<T>((resolveFirst, reject) => {
    process_.once('message', (message) => resolveFirst(message as T));
    process_.once('exit', (code, signal) => reject(new Error(`${script} exited (${code ?? signal}) before answering`)));
  });
  return { first, stop: () => process_.send({ type: 'stop' }) };
}

async function seededEnvironment(work: string, users: number, organizations: number, prefix: string) {
  const seed = {
    roles: [
      { name: 'admin', display_name: 'Admin', description: 'admin role', default_creator: true },
      { name: 'member', display_name: 'Member', description: 'member role', default_member: true },
    ],
    organizations: Array.from({ length: organizations }, (_, n) => ({
      id: `org_${pad(n)}`,
      external_id: `${prefix}-org-${n}`,
      display_name: `Organization ${prefix} ${n}`,
      metadata: { plan: n % 2 ? 'pro' : 'free', legacy_id: String(n) },
    })),
    users: Array.from({ length: users }, (_, n) => {
      const user = largePackageUser(prefix, n, organizations);
      return {
        id: `usr_${pad(n)}`,
        email: user.email,
        external_id: user.external_id,
        given_name: user.first_name,
        family_name: user.last_name,
        email_verified: true,
        metadata: user.metadata,
        memberships: [{ organization_external_id: user.memberships[0]!.org_external_id, roles: user.memberships[0]!.roles }],
      };
    }),
  };
  const seedFile = join(work, `seed-${prefix}.json`);
  writeFileSync(seedFile, JSON.stringify(seed), { mode: 0o600 });
  return child<{ url: string; clientId: string; clientSecret: string }>(here, 'emulator-process.ts', { seedFile, usersOnDisk: true, log: undefined });
}

/** A journal saying this package created the seeded organizations and users (group-committed 1,000 at a time). */
async function journalOfCreates(dir: string, users: number, organizations: number, prefix: string): Promise<void> {
  const path = join(dir, 'journal.ndjson');
  const journal = await JournalWriter.start(path, await readJournal(path), { command: 'import', packageDigest: packageDigest(await readManifest(dir)) });
  const creates: Array<() => Promise<void>> = [];
  for (let n = 0; n < organizations; n += 1) {
    creates.push(async () => journal.done(await journal.intent('org.create', { orgExternalId: `${prefix}-org-${n}` }), `org_${pad(n)}`));
  }
  for (let n = 0; n < users; n += 1) {
    const org = n % organizations;
    creates.push(async () =>
      journal.done(await journal.intent('user.create', { userExternalId: `${prefix}-user-${n}`, org: `org_${pad(org)}`, orgExternalId: `${prefix}-org-${org}` }), `usr_${pad(n)}`),
    );
  }
  for (let from = 0; from < creates.length; from += 1_000) await Promise.all(creates.slice(from, from + 1_000).map((create) => create()));
  await journal.end(false);
  await journal.close();
}

interface Measured {
  result: { ok?: boolean; counts?: { users?: { unchanged?: number; delete?: number } } };
  wallMs: number;
  maxRssKiB: number;
  liveHeapPeakMiB: number;
}

const work = mkdtempSync(join(tmpdir(), 'skm-bounded-'));
const rows: Array<{ tree: string; size: number; command: string; rssMiB: number; heapMiB: number; seconds: number; check: string }> = [];
try {
  console.log(`bounded memory: ${SMALL} and ${LARGE} users already in the environment (${PER_ORGANIZATION} per organization); baseline tree ${BASELINE_TREE}`);
  for (const size of [SMALL, LARGE]) {
    const organizations = Math.max(1, Math.round(size / PER_ORGANIZATION));
    const prefix = `m${size}`;
    const dir = join(work, prefix);
    await largePackage(dir, size, organizations, prefix);
    await journalOfCreates(dir, size, organizations, prefix);
    const emulator = await seededEnvironment(work, size, organizations, prefix);
    const ready = await emulator.first;
    const connection = { environmentUrl: ready.url, clientId: ready.clientId, clientSecret: ready.clientSecret };
    for (const [tree, path] of trees) {
      for (const command of ['import', 'verify', 'rollback'] as const) {
        const options = { packageDir: dir, connection, rate: 100_000, concurrency: 64, ...(command === 'verify' ? {} : { apply: command === 'import' }) };
        const measured = await child<Measured>(path, 'import-process.ts', { command, options }).first;
        const check =
          command === 'import'
            ? `unchanged ${measured.result.counts?.users?.unchanged}`
            : command === 'verify'
              ? `ok ${measured.result.ok}`
              : `users to delete ${measured.result.counts?.users?.delete}`;
        rows.push({ tree, size, command: command === 'rollback' ? 'rollback plan' : command === 'import' ? 'import (all present)' : 'verify', rssMiB: mib(measured.maxRssKiB), heapMiB: measured.liveHeapPeakMiB, seconds: measured.wallMs / 1000, check });
        const row = rows.at(-1)!;
        console.log(`   ${tree.padEnd(9)} ${String(size).padStart(7)} users  ${row.command.padEnd(20)} peak RSS ${row.rssMiB} MiB, live heap ${row.heapMiB} MiB, ${row.seconds.toFixed(1)} s (${check})`);
      }
    }
    emulator.stop();
  }
  console.log(`\n   peak RSS at ${LARGE} / at ${SMALL} users (${(LARGE / SMALL).toFixed(1)}x the users; 1.00x = flat):`);
  for (const [tree] of trees) {
    for (const command of ['import (all present)', 'verify', 'rollback plan']) {
      const small = rows.find((row) => row.tree === tree && row.size === SMALL && row.command === command)!;
      const large = rows.find((row) => row.tree === tree && row.size === LARGE && row.command === command)!;
      console.log(`     ${tree.padEnd(9)} ${command.padEnd(20)} ${large.rssMiB} / ${small.rssMiB} MiB = ${(large.rssMiB / small.rssMiB).toFixed(2)}x`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
