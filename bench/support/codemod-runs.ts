// One app's four codemod runs in one fresh process (a dry run in each mode, --apply in dual mode, a scalekit dry run
// after it), for bench/codemod-cpu.ts: the CPU of each run and a digest of the four results.
//
//   node --import tsx bench/support/codemod-runs.ts <src folder> <app folder>
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [src, dir] = process.argv.slice(2);
if (!src || !dir) throw new Error('usage: codemod-runs.ts <src folder> <app folder>');
const { runMiddlewareCodemod } = (await import(pathToFileURL(join(src, 'middleware', 'run-codemod.ts')).href)) as typeof import('../../src/middleware/run-codemod.js');

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
const runs = [{ mode: 'dual' }, { mode: 'scalekit' }, { mode: 'dual', apply: true, force: true }, { mode: 'scalekit' }] as const;
const seconds: number[] = [];
const digest = createHash('sha256');
for (const options of runs) {
  const started = cpuSeconds();
  const result = await runMiddlewareCodemod({ workspace: dir, ...options });
  seconds.push(cpuSeconds() - started);
  digest.update(JSON.stringify(result).split(dir).join('<app>'));
}
process.stdout.write(JSON.stringify({ seconds, digest: digest.digest('hex').slice(0, 12) }) + '\n');
