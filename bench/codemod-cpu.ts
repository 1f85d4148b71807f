// The codemod's CPU per run on the fixture apps and the real apps of bench/real-apps/middleware.json (where checked
// out): each app copied to a temp folder and run four times in one fresh process (bench/support/codemod-runs.ts). The
// baseline is the same runs with another checkout's src (--baseline DIR, e.g. `git worktree add /tmp/base <commit>`):
// its CPU beside this checkout's, the ratio, and whether the four results are identical.
//
//   npx tsx bench/codemod-cpu.ts [--baseline DIR] [--only NAME,NAME]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAppList, realAppsDir } from './real-apps/checkout.js';

interface Runs {
  seconds: number[];
  digest: string;
}

const repo = join(import.meta.dirname, '..');
const option = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const baseline = option('--baseline');
const only = option('--only')?.split(',');
if (baseline && !existsSync(join(baseline, 'src', 'middleware', 'run-codemod.ts'))) throw new Error(`--baseline ${baseline}: no src/middleware/run-codemod.ts there`);

const fixtures = join(repo, 'test', 'fixtures', 'middleware', 'apps');
const apps = [
  ...['express-jsonwebtoken', 'express-mixed-modules', 'express-nested-claims', 'express-passport', 'fastify', 'koa', 'koa-sessions', 'nestjs', 'nextjs'].map((name) => ({ name, from: join(fixtures, name), modules: join(repo, 'node_modules') })),
  ...readAppList(join(repo, 'bench', 'real-apps', 'middleware.json')).map((app) => {
    const from = join(realAppsDir(), app.name, typeof app.subdir === 'string' ? app.subdir : '');
    return { name: app.name, from, modules: join(from, 'node_modules') };
  }),
].filter((app) => (!only || only.includes(app.name)) && existsSync(app.from));

/** The app in a fresh temp folder (its node_modules linked), run by `src` in a new process. */
function runApp(app: (typeof apps)[number], src: string): Runs {
  const parent = mkdtempSync(join(tmpdir(), 'skm-codemod-cpu-'));
  try {
    const dir = join(parent, app.name);
    cpSync(app.from, dir, { recursive: true, filter: (path) => !/[\\/](?:node_modules|\.git|\.scalekit-migration)$/.test(path) });
    if (existsSync(app.modules)) symlinkSync(app.modules, join(dir, 'node_modules'), 'dir');
    const output = execFileSync(process.execPath, ['--import', 'tsx', join(repo, 'bench', 'support', 'codemod-runs.ts'), src, dir], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return JSON.parse(output.trim().split('\n').at(-1)!) as Runs;
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const f = (seconds: number) => seconds.toFixed(2);
console.log(baseline ? '| app | baseline: 1st run, runs 2-4 (s CPU) | this: 1st run, runs 2-4 (s CPU) | all four: this / baseline | results identical |' : '| app | 1st run (s CPU) | runs 2-4 (s CPU) | runs 2-4 / 1st |');
console.log(baseline ? '|---|---:|---:|---:|---|' : '|---|---:|---:|---:|');
let before = 0;
let after = 0;
for (const app of apps) {
  const current = runApp(app, join(repo, 'src'));
  after += sum(current.seconds);
  if (!baseline) {
    console.log(`| ${app.name} | ${f(current.seconds[0]!)} | ${f(sum(current.seconds.slice(1)))} | ${(sum(current.seconds.slice(1)) / 3 / current.seconds[0]!).toFixed(2)} |`);
    continue;
  }
  const base = runApp(app, join(baseline, 'src'));
  before += sum(base.seconds);
  console.log(`| ${app.name} | ${f(base.seconds[0]!)}, ${f(sum(base.seconds.slice(1)))} | ${f(current.seconds[0]!)}, ${f(sum(current.seconds.slice(1)))} | ${(sum(current.seconds) / sum(base.seconds)).toFixed(2)} | ${current.digest === base.digest ? 'yes' : `NO (${base.digest} / ${current.digest})`} |`);
}
console.log(baseline ? `\nAll apps: ${f(before)} s CPU with the baseline, ${f(after)} s with this checkout (ratio ${(after / before).toFixed(2)}).` : `\nAll apps: ${f(after)} s CPU.`);
