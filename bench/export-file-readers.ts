/**
 * The file sources' readers alone: each source of bench/support/export-files.ts read by the built CLI's
 * `openSource(...).read()` into a sink that only counts, in a child process per run, so the parsing and
 * per-record mapping are timed without the package writing and merging around them. Beside it, the same
 * read by another build (`--base <dir with dist/>`, e.g. a checkout of main) in the same run, runs
 * alternating, and the ratio of CPU medians (below 1 = this build needs less).
 *
 *   npx tsx bench/export-file-readers.ts [--users 200000] [--runs 5] [--base /path/to/main-checkout] [--sources json,csv]
 *
 * Builds dist/ if missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFileSources } from './support/export-files.js';

const repo = join(import.meta.dirname, '..');

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : process.argv[at + 1]!;
}

const users = Number(arg('users', '200000'));
const runs = Number(arg('runs', '5'));
const base = process.argv.includes('--base') ? resolve(arg('base', '')) : undefined;
const only = process.argv.includes('--sources') ? arg('sources', '').split(',') : undefined;

/** Run in the child: reads the source into a counting sink and prints the CPU milliseconds of the read. */
const READ_SCRIPT = `
const [dist, source, file] = process.argv.slice(1);
const { openSource } = await import(dist + '/export/sources/index.js');
let records = 0;
const count = () => { records += 1; };
const sink = { user: count, organization: count, role: count, membership: count, membershipWithoutUser: count, unreadable: count, async checkpoint() {} };
const read = await openSource({ source, file }, process.cwd(), false);
const before = process.cpuUsage();
await read.read(sink);
const used = process.cpuUsage(before);
console.log(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, records }));
`;

function readOnce(dist: string, source: string, file: string, cwd: string): { cpuMs: number; records: number } {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', READ_SCRIPT, dist, source, file], { cwd, encoding: 'utf8' });
  return JSON.parse(out) as { cpuMs: number; records: number };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function main(): void {
  if (!existsSync(join(repo, 'dist', 'cli.js'))) spawnSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit' });
  if (base && !existsSync(join(base, 'dist', 'export', 'sources', 'index.js'))) throw new Error(`${base} has no built dist/: run npm run build there`);
  const dir = mkdtempSync(join(tmpdir(), 'skm-readers-'));
  try {
    const builds: [string, string][] = [['this build', join(repo, 'dist')], ...(base ? [['base', join(base, 'dist')] as [string, string]] : [])];
    console.log(`file readers alone: ${users.toLocaleString('en-US')} users per source, median CPU ms of ${runs} runs${base ? `, beside ${base}` : ''}\n`);
    console.log(['source', 'records', ...builds.map(([name]) => `${name} CPU ms`), ...(base ? ['this / base'] : [])].map((cell) => cell.padEnd(18)).join(''));
    for (const entry of writeFileSources(dir, users)) {
      if (only && !only.includes(entry.source)) continue;
      const cpu = builds.map((): number[] => []);
      let records = 0;
      for (let run = 0; run < runs; run += 1) {
        // Alternating order, so a change in the machine's load falls on both builds alike.
        const order = run % 2 === 0 ? builds.map((_, i) => i) : builds.map((_, i) => builds.length - 1 - i);
        for (const i of order) {
          const result = readOnce(builds[i]![1], entry.source, entry.file, dir);
          cpu[i]!.push(result.cpuMs);
          records = result.records;
        }
      }
      const medians = cpu.map(median);
      console.log([entry.source, records.toLocaleString('en-US'), ...medians.map((ms) => ms.toFixed(0)), ...(base ? [`${(medians[0]! / medians[1]!).toFixed(2)}`] : [])].map((cell) => String(cell).padEnd(18)).join(''));
      rmSync(join(dir, entry.file), { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
