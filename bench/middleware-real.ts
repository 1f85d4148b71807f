// The middleware codemod on real public apps (bench/real-apps/middleware.json, checked out from the fetched mirrors):
// each app's own build, lint and tests before the codemod, then after it (dual mode) with AUTH_PROVIDER unset
// (= legacy) and =dual; the codemod's time beside the app's own type check as the baseline (ratio).
//
//   npx tsx bench/middleware-real.ts [--only NAME,NAME]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMiddlewareCodemod } from '../src/middleware/run-codemod.js';
import { HARNESS, type AppCheck } from './real-apps/middleware-harness.js';
import { checkoutApp, readAppList, realAppsDir, type RealApp } from './real-apps/checkout.js';

interface CheckResult {
  ok: boolean;
  problems: number;
  seconds: number;
}

const git = (dir: string, args: string[]) => execFileSync('git', ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** The app at its pinned commit (its `subdir` when the repository holds more than the app), installed node_modules kept. */
function prepare(app: RealApp): string {
  // checkoutApp cleans ignored files too (node_modules): an existing checkout is reset here instead, its install kept.
  const existing = join(realAppsDir(), app.name);
  const root = existsSync(join(existing, '.git')) ? existing : checkoutApp(app);
  git(root, ['checkout', '--force', '--detach', app.commit]);
  git(root, ['clean', '-fdq']);
  const dir = typeof app.subdir === 'string' ? join(root, app.subdir) : root;
  if (!existsSync(join(dir, 'node_modules'))) execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  ensureInstalled(dir, app);
  HARNESS[app.name]?.setup?.(dir);
  return dir;
}

function run(dir: string, check: AppCheck, env: Record<string, string | undefined>): CheckResult {
  const started = performance.now();
  const result = spawnSync(check.command[0]!, check.command.slice(1), { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '1', ...env }, timeout: 600_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const problems = (output.match(/error TS\d+|^\s+\d+:\d+\s+(?:error|warning)\s|^ERROR: |^\d+:\d+\s+(?:Error|Warning):|✗|×|FAIL\b|✕/gm) ?? []).length;
  return { ok: result.status === 0, problems, seconds: (performance.now() - started) / 1000 };
}

/**
 * The harness's extra packages and what the generated modules import (the app's package.json lists those after the
 * codemod), installed without saving in one command: npm drops earlier unsaved packages on each install. Then the
 * native modules the harness names are compiled from source when they do not load.
 */
function ensureInstalled(dir: string, app: RealApp, added: Record<string, string> = {}): void {
  const specs = [...(HARNESS[app.name]?.install ?? []), ...Object.entries(added).map(([name, range]) => `${name}@${range}`)];
  const missing = specs.filter((spec) => {
    const manifest = join(dir, 'node_modules', spec.replace(/(?<=.)@[^@/]+$/, ''), 'package.json');
    const version = /(?<=.)@(\d[^@/]*)$/.exec(spec)?.[1];
    return !existsSync(manifest) || (version !== undefined && (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version !== version);
  });
  if (missing.length) execFileSync('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', ...specs], { cwd: dir, stdio: 'inherit' });
  const unbuilt = (HARNESS[app.name]?.native ?? []).filter((name) => spawnSync(process.execPath, ['-e', `require(${JSON.stringify(name)})`], { cwd: dir }).status !== 0);
  if (unbuilt.length) execFileSync('npm', ['rebuild', ...unbuilt, '--build-from-source', '--loglevel=error'], { cwd: dir, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '/usr' } });
}

const cell = (result: CheckResult | undefined) => (result ? `${result.ok ? 'pass' : 'fail'}${result.problems ? ` (${result.problems})` : ''}` : '-');
const same = (a: CheckResult | undefined, b: CheckResult | undefined) => (a === undefined && b === undefined) || (a !== undefined && b !== undefined && a.ok === b.ok && a.problems === b.problems);

const only = process.argv.includes('--only') ? new Set(process.argv[process.argv.indexOf('--only') + 1]!.split(',')) : undefined;
const apps = readAppList(join(import.meta.dirname, 'real-apps', 'middleware.json')).filter((app) => !only || only.has(app.name));
const httpRows: string[] = [];
console.log('| app | kind | rewrites | follow-ups | failures | auth module lines | build: before → legacy / dual | lint | tests | 2nd run changes | codemod (s) | app type check (s) | ratio |');
console.log('|---|---|---:|---:|---:|---:|---|---|---|---:|---:|---:|---:|');
for (const app of apps) {
  const harness = HARNESS[app.name];
  if (!harness) throw new Error(`${app.name}: no harness in bench/real-apps/middleware-harness.ts`);
  const dir = prepare(app);
  const before = new Map(harness.checks.map((check) => [check.name, run(dir, check, {})]));
  const httpBefore = harness.http ? await harness.http(dir) : undefined;
  const started = performance.now();
  const result = await runMiddlewareCodemod({ workspace: dir, apply: true, force: true });
  const codemodSeconds = (performance.now() - started) / 1000;
  ensureInstalled(dir, app, result.dependencies.added);
  harness.setup?.(dir);
  const legacy = new Map(harness.checks.map((check) => [check.name, run(dir, check, { AUTH_PROVIDER: undefined })]));
  const dual = new Map(harness.checks.map((check) => [check.name, run(dir, check, { AUTH_PROVIDER: 'dual' })]));
  const again = await runMiddlewareCodemod({ workspace: dir });
  if (harness.http && httpBefore) {
    const httpAfter = await harness.http(dir);
    for (const [call, result] of Object.entries(httpAfter)) httpRows.push(`| ${app.name} | ${call} | ${httpBefore[call as keyof typeof httpBefore]} | ${result} |`);
  }
  const moduleLines = readFileSync(join(dir, result.generatedModule.auth), 'utf8').split('\n').length;
  const baseline = before.get('build')?.seconds ?? NaN;
  const checks = (['build', 'lint', 'test'] as const).map((name) => {
    const b = before.get(name);
    const verdict = b === undefined ? '' : same(b, legacy.get(name)) && same(b, dual.get(name)) ? ' =' : ' ≠';
    return `${cell(b)} → ${cell(legacy.get(name))} / ${cell(dual.get(name))}${verdict}`;
  });
  console.log(
    `| ${app.name} | ${String(app.kind ?? '')} | ${result.rewrites.length} | ${result.followUps.length} | ${result.failures.length} | ${moduleLines} | ${checks.join(' | ')} | ${again.files.length} | ${codemodSeconds.toFixed(1)} | ${baseline.toFixed(1)} | ${(codemodSeconds / baseline).toFixed(2)} |`,
  );
  console.error(`${app.name}: done (${result.rewrites.length} rewrites, ${result.followUps.length} follow-ups)`);
  git(dir, ['checkout', '--force', '--detach', app.commit]);
  git(dir, ['clean', '-fdq']);
}
if (httpRows.length) {
  console.log('');
  console.log('| app | call (AUTH_PROVIDER=dual unless named) | before the codemod | after (dual mode) |');
  console.log('|---|---|---|---|');
  for (const row of httpRows) console.log(row);
}
