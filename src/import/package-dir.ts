import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserInputError } from '../errors.js';
import { defaultPackageDir, lastPackagePointer } from '../package/layout.js';
import { resolveInside } from '../workspace/confine.js';

/**
 * The package a phase-2 call works on: the one named, else the one export wrote last
 * (`.scalekit-migration/last-package.json`), else `.scalekit-migration/package`.
 * With `confine` (the MCP tools), every candidate must resolve inside the workspace.
 */
export function resolvePackageDir(workspace: string, packageDir: string | undefined, confine: boolean): string {
  const place = (path: string, what: string) => (confine ? resolveInside(workspace, path, what) : resolve(workspace, path));
  if (packageDir !== undefined) return place(packageDir, 'packageDir');
  const pointer = readPointer(lastPackagePointer(workspace));
  if (pointer) return place(pointer, `the package named in ${lastPackagePointer(workspace)}`);
  return place(defaultPackageDir(workspace), 'the default package folder');
}

function readPointer(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as { path?: unknown };
    if (typeof value.path === 'string' && value.path) return value.path;
  } catch {
    // fall through to the error below
  }
  throw new UserInputError(`${path} should be {"path": "<package folder>"}; export writes it, or pass the package folder explicitly`);
}
