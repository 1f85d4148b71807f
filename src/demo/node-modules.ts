import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserInputError } from '../errors.js';

/**
 * The folder of an installed package, found the way this module would import it: the demo's app
 * runs on the very express, jsonwebtoken and better-sqlite3 that scalekit-migrate was installed with.
 */
export function packageDirectory(name: string): string {
  let entry: string;
  try {
    entry = fileURLToPath(import.meta.resolve(name));
  } catch (error) {
    throw new UserInputError(`the demo app needs the package ${name}, which is not installed beside scalekit-migrate (${(error as Error).message})`);
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return dir;
  }
  throw new UserInputError(`cannot find the folder of the package ${name} above ${entry}`);
}

/** Links every dependency the app's package.json names into `<app>/node_modules`, so `node src/server.js` runs offline. */
export async function linkAppDependencies(appDir: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(appDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const names = Object.keys(manifest.dependencies ?? {}).sort();
  for (const name of names) {
    const target = join(appDir, 'node_modules', name);
    if (existsSync(target)) continue;
    await mkdir(dirname(target), { recursive: true });
    await symlink(packageDirectory(name), target, 'junction');
  }
  return names;
}
