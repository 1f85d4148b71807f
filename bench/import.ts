// Import benchmark, emulator and importer in separate processes, real SDK over loopback gRPC.
//   npx tsx bench/import.ts [--users N] [--organizations N] [--concurrency N] [--baseline-users N]
//                           [--limit R] [--limited-users N] [--kill-at F] [--skip-scale 1] [--skip-limited 1] [--emulator-heap MiB]
//                           [--emulator-users-on-disk 0|1]
// 1. Rate limit: an emulator limited to R calls per endpoint per second. Baseline: the old fixed
//    pace (--rate 25); then no --rate: paced from X-RateLimit-Remaining/Reset. Calls/s sampled
//    on the emulator every second; 429s counted after the first second.
// 2. Scale: a baseline import of --baseline-users (100k), then --users (1M) in --organizations
//    (20k): SIGKILLed once --kill-at of the users exist, resumed in a new process, then verified and a
//    rollback planned (the baseline is verified, its rollback planned, then applied).
//    Peak RSS of every importer process (the killed one's read from /proc before the kill) and of the emulator,
//    and the ratio of each to the same process at the baseline's size: flat means bounded memory.
//    After every run the package folder is checked for a scratch index left behind (.work-*.sqlite).
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { EmulatorCounters, EmulatorOptions } from '../src/emulator/index.js';
import type { ImportResult } from '../src/import/import-result.js';
import type { RollbackResult } from '../src/import/rollback.js';
import type { VerifyResult } from '../src/import/verify.js';
import type { ScalekitConnection } from '../src/scalekit/client.js';
import { syntheticPackage, writeTestPackage } from '../test/helpers/test-package.js';
import { largePackage } from './support/large-package.js';

const args = new Map<string, string>();
for (let index = 2; index < process.argv.length; index += 2) args.set(process.argv[index]!.replace(/^--/, ''), process.argv[index + 1]!);
const USERS = Number(args.get('users') ?? 1_000_000);
const ORGANIZATIONS = Number(args.get('organizations') ?? 20_000);
const BASELINE_USERS = Number(args.get('baseline-users') ?? 100_000);
const CONCURRENCY = Number(args.get('concurrency') ?? 64);
const LIMIT = Number(args.get('limit') ?? 50);
const LIMITED_USERS = Number(args.get('limited-users') ?? 1_500);
const KILL_AT = Number(args.get('kill-at') ?? 0.5);
const SKIP_SCALE = args.get('skip-scale') === '1';
const SKIP_LIMITED = args.get('skip-limited') === '1';
// The emulator's heap ceiling (V8 --max-old-space-size): it makes the emulator collect garbage before growing past it.
const EMULATOR_HEAP_MIB = Number(args.get('emulator-heap') ?? 900);
// The emulator's users in a temporary SQLite file instead of its heap (the emulator's own memory, not the importer's).
const EMULATOR_USERS_ON_DISK = args.get('emulator-users-on-disk') !== '0';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The commit each child process runs (a long run may span commits when the tree it runs from is updated). */
const commitOf = () => {
  try {
    return execFileSync('git', ['-C', here, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};

function start<T>(script: string, payload: unknown, heapMiB?: number): { child: ChildProcess; first: Promise<T> } {
  const child = fork(join(here, 'support', script), [JSON.stringify(payload)], {
    execArgv: ['--import', 'tsx', '--expose-gc', ...(heapMiB ? [`--max-old-space-size=${heapMiB}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const first = new Promise<T>((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('exit', (code, signal) => reject(new Error(`${script} exited (${code ?? signal}) before answering`)));
  });
  return { child, first };
}

async function emulator(options: EmulatorOptions) {
  options = { usersOnDisk: EMULATOR_USERS_ON_DISK, ...options };
  const { child, first } = start<{ url: string; clientId: string; clientSecret: string }>('emulator-process.ts', options, EMULATOR_HEAP_MIB);
  const ready = await first;
  const connection: ScalekitConnection = { environmentUrl: ready.url, clientId: ready.clientId, clientSecret: ready.clientSecret };
  const ask = () =>
    new Promise<{ counters: EmulatorCounters; maxRssKiB: number; heapUsedMiB: number }>((resolve) => {
      child.once('message', (message) => resolve(message as { counters: EmulatorCounters; maxRssKiB: number; heapUsedMiB: number }));
      child.send({ type: 'counters' });
    });
  return {
    connection,
    ask,
    counters: async () => (await ask()).counters,
    stop: () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.send({ type: 'stop' }))),
  };
}

interface Measured<R> {
  result: R;
  wallMs: number;
  maxRssKiB: number;
  liveHeapPeakMiB: number;
}

function run<R>(command: 'import' | 'verify' | 'rollback', options: object) {
  console.log(`   [${new Date().toISOString().slice(11, 19)} UTC] ${command} starts on commit ${commitOf()}`);
  return start<Measured<R>>('import-process.ts', { command, options });
}

const mib = (kib: number) => `${Math.round(kib / 1024)} MiB`;
const perUser = (calls: number, users: number) => (calls / users).toFixed(3);
const userCalls = (byMethod: Record<string, number>) =>
  ['CreateUserAndMembership', 'UpdateMembership', 'CreateMembership', 'UpdateUser'].reduce((sum, method) => sum + (byMethod[method] ?? 0), 0);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

/** A process's peak RSS so far (VmHWM), read before it is killed: a killed process reports nothing itself. */
function peakRssKiB(pid: number | undefined): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmHWM:'));
    return line ? Number(line.replace(/\D+/g, '')) : 0;
  } catch {
    return 0;
  }
}

/** The scratch indexes a run left in the package folder (none expected: each run removes its own). */
function leftIndexes(dir: string): string {
  const left = readdirSync(dir).filter((name) => name.startsWith('.work-'));
  return left.length ? `LEFT BEHIND: ${left.join(', ')}` : 'no scratch index left';
}

/** Samples a method's call count every second while `work` runs: the steady pace and the refusals after the first second. */
async function sampled<T>(target: Awaited<ReturnType<typeof emulator>>, method: string, work: Promise<T>) {
  const samples: Array<{ at: number; calls: number; refused: number }> = [];
  let done = false;
  void work.finally(() => (done = true));
  const t0 = performance.now();
  while (!done) {
    const counters = await target.counters();
    samples.push({ at: performance.now() - t0, calls: counters.methods[method] ?? 0, refused: counters.rateLimited });
    await sleep(1000);
  }
  const result = await work;
  const active = samples.filter((sample, index) => index > 0 && sample.calls > samples[index - 1]!.calls);
  // Steady state: from the first second with calls to the last full second with calls.
  const first = active[0];
  const last = active.at(-2) ?? active.at(-1);
  const before = first ? samples[samples.indexOf(first) - 1]! : undefined;
  const perSecond = first && last && before && last !== before ? (last.calls - before.calls) / ((last.at - before.at) / 1000) : 0;
  const afterFirstSecond = samples.find((sample) => sample.at >= 1000);
  const final = await target.counters();
  const refusedAfterFirstSecond = final.rateLimited - (afterFirstSecond?.refused ?? 0);
  return { result, perSecond, refused: final.rateLimited, refusedAfterFirstSecond };
}

const work = mkdtempSync(join(tmpdir(), 'skm-bench-'));
try {
  console.log(`import benchmark on Node ${process.version}, concurrency ${CONCURRENCY}`);

  // 1. Rate limit.
  console.log(`\n1. an emulator limited to ${LIMIT} calls per second per endpoint (X-RateLimit-* on every answer), ${LIMITED_USERS} users`);
  const rows: string[] = [];
  let baselineRate = 0;
  for (const [label, rate] of SKIP_LIMITED
    ? []
    : ([
        ['baseline: fixed --rate 25 (the earlier default)', 25],
        ['paced from the announced limit (no --rate)', undefined],
      ] as const)) {
    const dir = join(work, `limited-${rate ?? 'announced'}`);
    writeTestPackage(dir, syntheticPackage({ organizations: Math.max(1, Math.round(LIMITED_USERS / 50)), users: LIMITED_USERS, prefix: 'l' }));
    const limited = await emulator({ rateLimit: LIMIT });
    const measured = await sampled(limited, 'CreateUserAndMembership', run<ImportResult>('import', { packageDir: dir, connection: limited.connection, rate, concurrency: 8, apply: true }).first);
    await limited.stop();
    const r = measured.result.result;
    if (rate !== undefined) baselineRate = measured.perSecond;
    const ratio = rate === undefined && baselineRate ? ` (${(measured.perSecond / baselineRate).toFixed(2)}x the baseline)` : '';
    rows.push(
      `   ${label}: CreateUserAndMembership ${measured.perSecond.toFixed(1)}/s = ${((measured.perSecond / LIMIT) * 100).toFixed(1)}% of ${LIMIT}${ratio}; ` +
        `run ${seconds(r.run!.durationMs)}, failed ${r.failures.total}, refused ${measured.refused} (after the first second ${measured.refusedAfterFirstSecond}); ` +
        `limit seen: ${JSON.stringify(r.run!.rateLimits?.CreateUserAndMembership ?? null)}`,
    );
    console.log(rows.at(-1));
  }

  // 2. Scale.
  if (!SKIP_SCALE) await scale();
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function scale(): Promise<void> {
  console.log(`\n2. scale: baseline ${BASELINE_USERS} users in ${Math.round(BASELINE_USERS / 50)} organizations, then ${USERS} users in ${ORGANIZATIONS} organizations (1 membership each), no rate limit`);
  let started = performance.now();
  const baselineDir = join(work, 'baseline');
  await largePackage(baselineDir, BASELINE_USERS, Math.max(1, Math.round(BASELINE_USERS / 50)), 'b');
  const bigDir = join(work, 'big');
  await largePackage(bigDir, USERS, ORGANIZATIONS, 's');
  console.log(`   packages written in ${seconds(performance.now() - started)}`);

  const baseEmulator = await emulator({});
  const base = await run<ImportResult>('import', { packageDir: baselineDir, connection: baseEmulator.connection, rate: 100_000, concurrency: CONCURRENCY, apply: true }).first;
  const baseEmu = await baseEmulator.ask();
  const baseVerify = await run<VerifyResult>('verify', { packageDir: baselineDir, connection: baseEmulator.connection, rate: 100_000 }).first;
  const baseRollbackPlan = await run<RollbackResult>('rollback', { packageDir: baselineDir, connection: baseEmulator.connection, rate: 100_000, apply: false }).first;
  const baseRollback = await run<RollbackResult>('rollback', { packageDir: baselineDir, connection: baseEmulator.connection, rate: 100_000, concurrency: CONCURRENCY, apply: true }).first;
  await baseEmulator.stop();
  const b = base.result;
  console.log(
    `   baseline ${BASELINE_USERS}: ${b.counts.users.create} created, ${b.failures.total} failed, ${seconds(b.run!.durationMs)} -> ${b.run!.usersPerSecond} users/s; ` +
      `RPCs/user ${perUser(b.run!.rpcs, BASELINE_USERS)}; importer peak RSS ${mib(base.maxRssKiB)} (live heap ${base.liveHeapPeakMiB} MiB); emulator peak RSS ${mib(baseEmu.maxRssKiB)}`,
  );

  console.log(`   baseline verify: ok=${baseVerify.result.ok}, ${baseVerify.result.mismatches.total} mismatches, ${seconds(baseVerify.wallMs)}, peak RSS ${mib(baseVerify.maxRssKiB)} (live heap ${baseVerify.liveHeapPeakMiB} MiB)`);
  console.log(
    `   baseline rollback plan: users to delete ${baseRollbackPlan.result.counts.users.delete}, ${seconds(baseRollbackPlan.wallMs)}, peak RSS ${mib(baseRollbackPlan.maxRssKiB)} (live heap ${baseRollbackPlan.liveHeapPeakMiB} MiB)`,
  );
  console.log(
    `   baseline rollback (applied): complete=${baseRollback.result.complete}, users deleted ${baseRollback.result.counts.users.delete}, ${seconds(baseRollback.wallMs)}, peak RSS ${mib(baseRollback.maxRssKiB)} (live heap ${baseRollback.liveHeapPeakMiB} MiB)`,
  );

  const big = await emulator({});
  const common = { packageDir: bigDir, connection: big.connection, rate: 100_000, concurrency: CONCURRENCY, apply: true };
  started = performance.now();
  const killed = run<ImportResult>('import', common);
  killed.first.catch(() => undefined);
  const killAt = Math.round(USERS * KILL_AT);
  for (;;) {
    await sleep(1000);
    if (((await big.counters()).methods.CreateUserAndMembership ?? 0) >= killAt) break;
  }
  const killedRssKiB = peakRssKiB(killed.child.pid);
  killed.child.kill('SIGKILL');
  await new Promise((resolve) => killed.child.once('exit', resolve));
  const firstRunMs = performance.now() - started;
  const atKill = (await big.counters()).methods.CreateUserAndMembership ?? 0;
  console.log(`   run 1: SIGKILL after ${seconds(firstRunMs)} with ${atKill} users created; importer peak RSS ${mib(killedRssKiB)} (read from /proc just before the kill); ${leftIndexes(bigDir)} (a killed run cannot remove its own; the next run removes it)`);
  const resumed = await run<ImportResult>('import', common).first;
  console.log(`   after the resume: ${leftIndexes(bigDir)}`);
  const totalMs = performance.now() - started;
  const r = resumed.result;
  const counters = await big.ask();
  console.log(
    `   run 2 (resume): re-checked ${r.journal.inFlight} in-flight call(s) (${r.journal.inFlightFoundApplied} had taken effect); created ${r.counts.users.create}, ` +
      `unchanged ${r.counts.users.unchanged}, failed ${r.failures.total}; ${seconds(r.run!.durationMs)}; importer peak RSS ${mib(resumed.maxRssKiB)} (live heap ${resumed.liveHeapPeakMiB} MiB)`,
  );
  const created = counters.counters.methods.CreateUserAndMembership ?? 0;
  const refusedCreates = counters.counters.failures.CreateUserAndMembership ?? 0;
  console.log(
    `   ${USERS} users in ${seconds(totalMs)} over both runs -> ${Math.round(USERS / (totalMs / 1000))} users/s; CreateUserAndMembership calls ${created} ` +
      `(counted as they arrive, so a call from the killed client that never ran is included; ${refusedCreates} answered with an error, e.g. ALREADY_EXISTS for a create resent after the kill); RPCs/user ${perUser(userCalls(counters.counters.methods), USERS)} for users; emulator peak RSS ${mib(counters.maxRssKiB)}`,
  );
  const verify = await run<VerifyResult>('verify', { packageDir: bigDir, connection: big.connection, rate: 100_000 }).first;
  console.log(`   verify: ok=${verify.result.ok}, ${verify.result.mismatches.total} mismatches, ${seconds(verify.wallMs)}, peak RSS ${mib(verify.maxRssKiB)} (live heap ${verify.liveHeapPeakMiB} MiB)`);
  const rollbackPlan = await run<RollbackResult>('rollback', { packageDir: bigDir, connection: big.connection, rate: 100_000, apply: false }).first;
  console.log(
    `   rollback plan of the ${USERS}: users to delete ${rollbackPlan.result.counts.users.delete}, organizations ${rollbackPlan.result.counts.organizations.delete}, blocked ${rollbackPlan.result.blocked.total}; ` +
      `${seconds(rollbackPlan.wallMs)}, peak RSS ${mib(rollbackPlan.maxRssKiB)} (live heap ${rollbackPlan.liveHeapPeakMiB} MiB)`,
  );
  console.log(`   after verify and rollback plan: ${leftIndexes(bigDir)}`);
  const bigEmu = await big.ask();
  console.log(`   emulator after all: peak RSS ${mib(bigEmu.maxRssKiB)}, heap in use ${bigEmu.heapUsedMiB} MiB (heap ceiling ${EMULATOR_HEAP_MIB} MiB)`);
  console.log(`   peak RSS at ${USERS} users / at ${BASELINE_USERS} users (${(USERS / BASELINE_USERS).toFixed(0)}x the users; flat = bounded):`);
  console.log(`     importer, first run (killed) ${mib(killedRssKiB)} / ${mib(base.maxRssKiB)} = ${ratio(killedRssKiB, base.maxRssKiB)}`);
  console.log(`     importer, resume             ${mib(resumed.maxRssKiB)} / ${mib(base.maxRssKiB)} = ${ratio(resumed.maxRssKiB, base.maxRssKiB)}`);
  console.log(`     verify                       ${mib(verify.maxRssKiB)} / ${mib(baseVerify.maxRssKiB)} = ${ratio(verify.maxRssKiB, baseVerify.maxRssKiB)}`);
  console.log(`     rollback plan                ${mib(rollbackPlan.maxRssKiB)} / ${mib(baseRollbackPlan.maxRssKiB)} = ${ratio(rollbackPlan.maxRssKiB, baseRollbackPlan.maxRssKiB)}`);
  console.log(`     emulator                     ${mib(bigEmu.maxRssKiB)} / ${mib(baseEmu.maxRssKiB)} = ${ratio(bigEmu.maxRssKiB, baseEmu.maxRssKiB)}`);
  await big.stop();
}
