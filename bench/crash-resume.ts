// Crash-and-resume sweep: the CLI's import SIGKILLed at many random points, then resumed to the end, beside a
// baseline import of the same package that runs through uninterrupted. Needs dist/ (`npm run build`).
//   npx tsx bench/crash-resume.ts [--kills 22] [--seeds 20261127,1,2] [--users 150] [--organizations 20]
// test/import/crash-resume.test.ts runs the same sweep with 6 kills, more until both cases of an in-flight call
// were seen; this runs --kills exactly, per seed, and counts: calls a kill left in flight that a later run found
// applied (recovered) or not (absent), creates refused because they were sent again (must be 0), and whether the
// environment ends exactly equal to the package.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { runCli } from '../test/helpers/child.js';
import { importArgs, killImportRepeatedly } from '../test/helpers/kill-and-resume.js';
import { syntheticPackage, writeTestPackage } from '../test/helpers/test-package.js';

const args = new Map<string, string>();
for (let index = 2; index < process.argv.length; index += 2) args.set(process.argv[index]!.replace(/^--/, ''), process.argv[index + 1]!);
const KILLS = Number(args.get('kills') ?? 22);
const SEEDS = (args.get('seeds') ?? '20261127,1,2').split(',').map(Number);
const USERS = Number(args.get('users') ?? 150);
const ORGANIZATIONS = Number(args.get('organizations') ?? 20);

interface Outcome {
  label: string;
  kills: number;
  recovered: number;
  absent: number;
  refusedCreates: number;
  exact: boolean;
  wallMs: number;
}

async function withPackage(label: string, body: (dir: string, env: NodeJS.ProcessEnv, emulator: Emulator) => Promise<Pick<Outcome, 'kills' | 'recovered' | 'absent'>>): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'skm-crash-'));
  const emulator = await startEmulator({ log: () => undefined, latencyMs: 1 });
  try {
    writeTestPackage(dir, syntheticPackage({ organizations: ORGANIZATIONS, users: USERS, membershipsPerUser: 2 }));
    const env = { SCALEKIT_ENVIRONMENT_URL: emulator.url, SCALEKIT_CLIENT_ID: emulator.clientId, SCALEKIT_CLIENT_SECRET: emulator.clientSecret };
    const started = performance.now();
    const counts = await body(dir, env, emulator);
    const last = await runCli(importArgs(dir, 2000), { env });
    if (last.status !== 0) throw new Error(`${label}: the last import exited with ${last.status}: ${last.stderr}`);
    const wallMs = performance.now() - started;
    const state = emulator.state();
    const failures = emulator.counters().failures;
    const refusedCreates = (failures.CreateOrganization ?? 0) + (failures.CreateUserAndMembership ?? 0) + (failures.CreateMembership ?? 0);
    const exact = state.organizations.length === ORGANIZATIONS && state.users.length === USERS && state.memberships.length === USERS * 2;
    return { label, ...counts, refusedCreates, exact, wallMs };
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// The baseline: one run at the kill runs' pace from start to end, then the last run (which finds nothing to do).
const baseline = await withPackage('no kill (baseline)', async (dir, env) => {
  const run = await runCli(importArgs(dir, 100), { env });
  if (run.status !== 0) throw new Error(`baseline import exited with ${run.status}: ${run.stderr}`);
  return { kills: 0, recovered: 0, absent: 0 };
});
const outcomes = [baseline];
for (const seed of SEEDS) {
  outcomes.push(
    await withPackage(`seed ${seed}`, async (dir, env) => {
      const sweep = await killImportRepeatedly({ dir, env, seed, minKills: KILLS, maxKills: KILLS });
      if (sweep.finishedEarly) throw new Error(`seed ${seed}: a run finished before its kill point after ${sweep.kills} kills; use fewer --kills or more --users`);
      return sweep;
    }),
  );
}

console.log(`\nCrash and resume: ${USERS} users in ${ORGANIZATIONS} organizations, 2 memberships each, ${KILLS} kills per seed\n`);
console.log('| run | kills | in flight, found applied | in flight, found absent | creates refused (must be 0) | ends equal to the package | wall | × baseline |');
console.log('|---|---|---|---|---|---|---|---|');
for (const outcome of outcomes) {
  const ratio = (outcome.wallMs / baseline.wallMs).toFixed(1);
  console.log(`| ${outcome.label} | ${outcome.kills} | ${outcome.recovered} | ${outcome.absent} | ${outcome.refusedCreates} | ${outcome.exact ? 'yes' : 'NO'} | ${(outcome.wallMs / 1000).toFixed(1)} s | ${ratio} |`);
}
if (outcomes.some((outcome) => outcome.refusedCreates > 0 || !outcome.exact)) process.exitCode = 1;
