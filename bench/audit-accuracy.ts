import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES } from '../src/audit/categories.js';
import { checkoutApp, readAppList, type RealApp } from './real-apps/checkout.js';

/**
 * Audit accuracy on real public applications against hand-marked truth (file × category pairs):
 * pair recall, pair precision, flagged files and time per app and per stack, beside a baseline
 * that flags every source file containing an auth word (what a grep-driven review starts from).
 *
 *   npx tsx bench/audit-accuracy.ts [--only NAME,NAME] [--misses]
 *
 * Reads every entry of bench/real-apps/audit.json, whatever its stack; each app's truth is
 * bench/real-apps/audit-truth/<name>.json: { app, notes, files: { "<posix path>": [category...] } }.
 * Files not listed have no touchpoint; an app with `"authFree": true` must yield no finding.
 */
interface AuditApp extends RealApp {
  stack: string;
  framework?: string;
  authFree?: boolean;
}
interface Truth {
  app: string;
  notes: string;
  files: Record<string, string[]>;
}
interface RunResult {
  filesScanned: number;
  findings: number;
  auditMs: number;
  cpuMs: number;
  pairs: string[];
}
interface Row {
  app: string;
  stack: string;
  files: number;
  truthPairs: number;
  foundPairs: number;
  hits: number;
  flaggedFiles: number;
  ms: number;
  cpuMs: number;
  baselineFiles: number;
  baselineHitFiles: number;
  truthFiles: number;
  baselineMs: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const listFile = join(here, 'real-apps', 'audit.json');
const truthDir = join(here, 'real-apps', 'audit-truth');
const runner = join(here, 'audit-accuracy-run.ts');
const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : undefined;
const showMisses = args.includes('--misses');

function readTruth(app: string): Truth {
  const file = join(truthDir, `${app}.json`);
  const truth = JSON.parse(readFileSync(file, 'utf8')) as Truth;
  if (truth.app !== app || typeof truth.files !== 'object') throw new Error(`${file}: needs "app": "${app}" and a "files" object`);
  for (const [path, categories] of Object.entries(truth.files)) {
    const unknown = categories.filter((category) => !(CATEGORIES as readonly string[]).includes(category));
    if (unknown.length) throw new Error(`${file}: ${path} has unknown categories ${unknown.join(', ')}`);
  }
  return truth;
}

const truthPairs = (truth: Truth) => new Set(Object.entries(truth.files).flatMap(([path, categories]) => categories.map((category) => `${path}\t${category}`)));

function audit(root: string): RunResult {
  const child = spawnSync(process.execPath, [...process.execArgv, runner, root], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (child.status !== 0) throw new Error(`audit of ${root} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as RunResult;
}

const SOURCE = /\.(?:[cm]?[jt]sx?|py|rb|php|go|java|kt|prisma|sql)$/;
const SKIP_DIRS = new Set(['.git', 'node_modules', 'vendor', 'dist', 'build', '.next', 'coverage', '__pycache__', 'target']);
const AUTH_WORD = /auth|login|logout|passw|session|jwt|token|bcrypt|signup|sign_up|register/i;

/** The baseline: every source file with an auth word in it, as a keyword search would list them. */
function keywordBaseline(root: string): { files: Set<string>; ms: number } {
  const started = performance.now();
  const files = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(join(dir, entry.name));
      } else if (entry.isFile() && SOURCE.test(entry.name) && statSync(join(dir, entry.name)).size < 1 << 20) {
        if (AUTH_WORD.test(readFileSync(join(dir, entry.name), 'utf8'))) files.add(relative(root, join(dir, entry.name)).split('\\').join('/'));
      }
    }
  };
  walk(root);
  return { files, ms: performance.now() - started };
}

const ratio = (part: number, whole: number) => (whole === 0 ? Number.NaN : part / whole);
const fmt = (value: number) => (Number.isNaN(value) ? '  -  ' : value.toFixed(2));

function measure(app: AuditApp): Row {
  const root = checkoutApp(app);
  const truth = readTruth(app.name);
  const expected = truthPairs(truth);
  const run = audit(root);
  const found = new Set(run.pairs);
  const hits = [...found].filter((pair) => expected.has(pair)).length;
  if (showMisses) {
    for (const pair of [...expected].filter((pair) => !found.has(pair)).sort()) console.log(`  ${app.name} missed ${pair.replace('\t', ' ')}`);
    for (const pair of [...found].filter((pair) => !expected.has(pair)).sort()) console.log(`  ${app.name} extra  ${pair.replace('\t', ' ')}`);
  }
  const baseline = keywordBaseline(root);
  const truthFiles = new Set(Object.keys(truth.files));
  return {
    app: app.name,
    stack: app.stack,
    files: run.filesScanned,
    truthPairs: expected.size,
    foundPairs: found.size,
    hits,
    flaggedFiles: new Set(run.pairs.map((pair) => pair.split('\t')[0])).size,
    ms: run.auditMs,
    cpuMs: run.cpuMs,
    baselineFiles: baseline.files.size,
    baselineHitFiles: [...baseline.files].filter((file) => truthFiles.has(file)).length,
    truthFiles: truthFiles.size,
    baselineMs: baseline.ms,
  };
}

function printRow(label: string, stack: string, rows: Row[]) {
  const sum = (pick: (row: Row) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const cells = [
    label,
    stack,
    sum((row) => row.files).toLocaleString('en-US'),
    String(sum((row) => row.truthPairs)),
    fmt(ratio(sum((row) => row.hits), sum((row) => row.truthPairs))),
    fmt(ratio(sum((row) => row.hits), sum((row) => row.foundPairs))),
    String(sum((row) => row.flaggedFiles)),
    `${(sum((row) => row.ms) / 1000).toFixed(2)} s`,
    `${(sum((row) => row.cpuMs) / 1000).toFixed(2)} s`,
    `${sum((row) => row.baselineFiles)} (${fmt(ratio(sum((row) => row.baselineHitFiles), sum((row) => row.truthFiles)))})`,
    `${(sum((row) => row.ms) / Math.max(1, sum((row) => row.baselineMs))).toFixed(1)}×`,
  ];
  console.log(`| ${cells.join(' | ')} |`);
}

const apps = (readAppList(listFile) as AuditApp[]).filter((app) => !only || only.has(app.name));
console.log('| app | stack | files | truth pairs | pair recall | pair precision | flagged files | time | CPU (user+sys) | keyword baseline: files (file recall) | time / baseline |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const rows: Row[] = [];
for (const app of apps) {
  try {
    const row = measure(app);
    rows.push(row);
    printRow(app.authFree ? `${app.name} (auth-free)` : app.name, app.stack, [row]);
  } catch (error) {
    console.log(`| ${app.name} | ${app.stack} | not run: ${(error as Error).message.split('\n')[0]} |`);
  }
}
const scored = rows.filter((row) => row.truthPairs > 0);
for (const stack of [...new Set(scored.map((row) => row.stack))]) printRow(`**all ${stack}**`, stack, scored.filter((row) => row.stack === stack));
const recalls = scored.map((row) => row.hits / row.truthPairs);
const precisions = scored.map((row) => ratio(row.hits, row.foundPairs)).filter((value) => !Number.isNaN(value));
const mean = (values: number[]) => values.reduce((total, value) => total + value, 0) / Math.max(1, values.length);
if (scored.length) console.log(`\nmean pair recall ${mean(recalls).toFixed(2)} (lowest ${Math.min(...recalls).toFixed(2)}), mean pair precision ${mean(precisions).toFixed(2)} over ${scored.length} apps`);
for (const row of rows.filter((row) => row.truthPairs === 0)) console.log(`${row.app}: ${row.foundPairs} file × category pairs flagged on an auth-free project (${row.files} files)`);
