// Import benchmark: 100,000 users in 2,000 organizations into the emulator through the real SDK,
// then a rate-limited run. Prints users/s, RPCs per user and peak RSS.
//   npx tsx bench/import.ts [--users N] [--organizations N] [--concurrency N] [--limited-users N]
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmulatorCounters, EmulatorOptions } from '../src/emulator/index.js';
import type { ImportResult } from '../src/import/import-result.js';
import type { VerifyResult } from '../src/import/verify.js';
import type { ScalekitConnection } from '../src/scalekit/client.js';
import { syntheticPackage, writeTestPackage } from '../test/helpers/test-package.js';

const args = new Map<string, string>();
for (let index = 2; index < process.argv.length; index += 2) args.set(process.argv[index]!.replace(/^--/, ''), process.argv[index + 1]!);
const USERS = Number(args.get('users') ?? 100_000);
const ORGANIZATIONS = Number(args.get('organizations') ?? 2_000);
const CONCURRENCY = Number(args.get('concurrency') ?? 64);
const LIMITED_USERS = Number(args.get('limited-users') ?? 1_500);
const LIMIT = 50;

const here = fileURLToPath(new URL('.', import.meta.url));
const tsx = { execArgv: ['--import', 'tsx'] };

interface Child<T> {
  child: ChildProcess;
  first: Promise<T>;
}

function start<T>(script: string, payload: unknown): Child<T> {
  const child = fork(join(here, 'support', script), [JSON.stringify(payload)], {
    execArgv: [...tsx.execArgv, '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const first = new Promise<T>((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before answering`)));
  });
  return { child, first };
}

async function emulator(options: EmulatorOptions) {
  const { child, first } = start<{ url: string; clientId: string; clientSecret: string }>('emulator-process.ts', options);
  const ready = await first;
  const connection: ScalekitConnection = { environmentUrl: ready.url, clientId: ready.clientId, clientSecret: ready.clientSecret };
  return {
    connection,
    counters: () =>
      new Promise<EmulatorCounters>((resolve) => {
        child.once('message', (message) => resolve((message as { counters: EmulatorCounters }).counters));
        child.send({ type: 'counters' });
      }),
    stop: () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.send({ type: 'stop' }))),
  };
}

interface Measured<R> {
  result: R;
  wallMs: number;
  maxRssKiB: number;
  liveHeapPeakMiB: number;
}

async function run<R>(command: 'import' | 'verify', options: object): Promise<Measured<R>> {
  return start<Measured<R>>('import-process.ts', { command, options }).first;
}

const mib = (kib: number) => `${Math.round(kib / 1024)} MiB`;
const perUser = (calls: number, users: number) => (calls / users).toFixed(3);
const userCalls = (byMethod: Record<string, number>) =>
  ['CreateUserAndMembership', 'UpdateMembership', 'CreateMembership', 'UpdateUser'].reduce((sum, method) => sum + (byMethod[method] ?? 0), 0);

const work = mkdtempSync(join(tmpdir(), 'skm-bench-'));
try {
  console.log(`import benchmark on Node ${process.version}: ${USERS} users (1 membership each) in ${ORGANIZATIONS} organizations, concurrency ${CONCURRENCY}`);
  const dir = join(work, 'package');
  let started = performance.now();
  writeTestPackage(dir, syntheticPackage({ organizations: ORGANIZATIONS, users: USERS, membershipsPerUser: 1 }));
  console.log(`package written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const open = await emulator({});
  const common = { packageDir: dir, connection: open.connection, rate: 100_000, concurrency: CONCURRENCY };
  const first = await run<ImportResult>('import', { ...common, apply: true });
  const r = first.result;
  const counts = r.counts;
  console.log('\n1. import into an empty emulator, no rate limit');
  console.log(`   created: ${counts.organizations.create} organizations, ${counts.users.create} users, ${counts.memberships.create} memberships; failed: ${r.failures.total}`);
  console.log(`   duration ${(r.run!.durationMs / 1000).toFixed(1)} s -> ${r.run!.usersPerSecond} users/s, ${r.run!.requestsPerSecond} requests/s`);
  console.log(`   RPCs per user: ${perUser(r.run!.rpcs, USERS)} overall (listing and organizations included), ${perUser(userCalls(r.run!.rpcsByMethod), USERS)} for users and their memberships`);
  console.log(`   RPCs by method: ${JSON.stringify(r.run!.rpcsByMethod)}`);
  console.log(`   importer peak RSS: ${mib(first.maxRssKiB)} (peak live heap, sampled after a full GC every 2 s: ${first.liveHeapPeakMiB} MiB)`);

  const verify = await run<VerifyResult>('verify', { packageDir: dir, connection: open.connection, rate: 100_000 });
  console.log(`\n2. verify: ok=${verify.result.ok}, ${verify.result.mismatches.total} mismatches, ${(verify.wallMs / 1000).toFixed(1)} s, peak RSS ${mib(verify.maxRssKiB)}`);

  const second = await run<ImportResult>('import', { ...common, apply: true });
  const again = second.result;
  console.log(`\n3. second import: created ${again.counts.users.create} users, ${again.counts.users.unchanged} unchanged; ${again.run!.rpcs} RPCs (${JSON.stringify(again.run!.rpcsByMethod)}), ${(again.run!.durationMs / 1000).toFixed(1)} s`);
  const countersAfter = await open.counters();
  console.log(`   emulator: CreateUserAndMembership calls ${countersAfter.methods.CreateUserAndMembership}, invitations sent ${countersAfter.invitationsSent}`);
  await open.stop();

  const limitedDir = join(work, 'limited');
  writeTestPackage(limitedDir, syntheticPackage({ organizations: Math.max(1, Math.round(LIMITED_USERS / 50)), users: LIMITED_USERS, prefix: 'l' }));
  const limited = await emulator({ rateLimit: LIMIT });
  started = performance.now();
  const paced = await run<ImportResult>('import', { packageDir: limitedDir, connection: limited.connection, rate: LIMIT, concurrency: 8, apply: true });
  const p = paced.result;
  const limitedCounters = await limited.counters();
  await limited.stop();
  const achieved = p.run!.requestsPerSecond;
  console.log(`\n4. --rate ${LIMIT} against an emulator limited to ${LIMIT}/s: ${LIMITED_USERS} users`);
  console.log(`   ${p.run!.rpcs} RPCs in ${(p.run!.durationMs / 1000).toFixed(1)} s -> achieved ${achieved} requests/s = ${((achieved / LIMIT) * 100).toFixed(1)}% of ${LIMIT}`);
  console.log(`   failed records: ${p.failures.total}; refused by the limit: ${limitedCounters.rateLimited}; retries: ${p.run!.retries}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
