import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserInputError } from '../errors.js';
import { resolvePackageDir } from '../import/package-dir.js';
import { PACKAGE_FILES } from '../package/layout.js';

export interface RoleNames {
  /** Scalekit role name -> legacy name, for roles whose name was normalized on export. */
  names: Record<string, string>;
  /** The roles file read, when there was one. */
  from?: string;
}

/**
 * Reads the migration package's roles: a role exported under a normalized Scalekit name records the
 * name the app's code uses as `legacy_name`. No package: no renames (names are taken as they are).
 */
export async function readRoleNames(workspace: string, packageDir: string | undefined): Promise<RoleNames> {
  let dir: string;
  try {
    dir = await resolvePackageDir(workspace, packageDir, true);
  } catch (error) {
    if (packageDir !== undefined) throw error;
    return { names: {} };
  }
  const path = join(dir, PACKAGE_FILES.roles);
  if (!existsSync(path)) return { names: {} };
  const names: Record<string, string> = {};
  const lines = (await readFile(path, 'utf8')).split('\n');
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    let record: { name?: unknown; legacy_name?: unknown };
    try {
      record = JSON.parse(line) as typeof record;
    } catch (error) {
      throw new UserInputError(`${path}:${index + 1}: not valid JSON: ${(error as Error).message}`);
    }
    if (typeof record.name === 'string' && typeof record.legacy_name === 'string' && record.legacy_name !== record.name) names[record.name] = record.legacy_name;
  });
  return { names, from: path };
}
