// `npm test`'s build step: runs `npm run build` unless dist/ and plugin/ were built from exactly the files the build
// reads now (`npm ci` builds through `prepare`, so the test run right after it need not build again).
// Usage: tsx scripts/build-if-changed.ts            build when an input changed or an output is missing
//        tsx scripts/build-if-changed.ts --record   (the end of `npm run build`) record the inputs just built
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Inside dist/ so that removing dist/ forgets it; package.json's `files` leaves it out of the npm package. */
const stamp = join(root, 'dist', '.build-inputs');
/** What the build reads: the sources, the build scripts, the plugin's manifests, the skills and every top-level file. */
const INPUT_FOLDERS = ['src', 'scripts', 'plugin-src', '.claude-plugin', 'skills'];
const OUTPUTS = ['dist/cli.js', 'plugin/server/cli.js', 'plugin/.claude-plugin/plugin.json'];

function filesUnder(dir: string): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1));
}

function inputsDigest(): string {
  const topLevel = readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
  const files = [...topLevel, ...INPUT_FOLDERS.flatMap(filesUnder)].sort();
  const hash = createHash('sha256').update(`node ${process.version}\n`);
  for (const file of files) hash.update(`${file}\n`).update(readFileSync(join(root, file))).update('\n');
  return hash.digest('hex');
}

if (process.argv.includes('--record')) {
  writeFileSync(stamp, inputsDigest() + '\n');
} else {
  const upToDate = OUTPUTS.every((output) => existsSync(join(root, output))) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === inputsDigest();
  if (upToDate) {
    console.log('dist/ and plugin/ are built from the current sources: no build needed (`npm run build` forces one).');
  } else {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    process.exit(build.status ?? 1);
  }
}
