import { resolve } from 'node:path';
import { defaultPackageDir, lastPackagePointer } from '../package/layout.js';
import { lastPackageDir } from '../package/read.js';
import { resolveInside } from '../workspace/confine.js';

/**
 * The package a phase-2 call works on: the one named, else the one export wrote last
 * (`.scalekit-migration/last-package.json`), else `.scalekit-migration/package`.
 * With `confine` (the MCP tools and checks), every candidate must resolve inside the workspace.
 */
export async function resolvePackageDir(workspace: string, packageDir: string | undefined, confine: boolean): Promise<string> {
  const place = (path: string, what: string) => (confine ? resolveInside(workspace, path, what) : resolve(workspace, path));
  if (packageDir !== undefined) return place(packageDir, 'packageDir');
  const pointer = await lastPackageDir(workspace);
  if (pointer) return place(pointer, `the package named in ${lastPackagePointer(workspace)}`);
  return place(defaultPackageDir(workspace), 'the default package folder');
}
