import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserInputError } from '../errors.js';
import { resolvePackageDir } from '../import/package-dir.js';
import { PACKAGE_FILES } from '../package/layout.js';

export interface RoleNames {
  /** Scalekit role name -> legacy name, for roles whose name was normalized on export. */
  names: Record<string, string>;
  /** Other legacy spellings merged into one role -> the legacy name the role maps back to. */
  aliases: Record<string, string>;
  /** The roles file read, when there was one. */
  from?: string;
}

/**
 * Reads the migration package's roles: a role exported under a normalized Scalekit name records the
 * name the app's code uses as `legacy_name`. No package: no renames (names are taken as they are).
 */
export async function readRoleNames(workspace: string, packageDir: string | undefined, confine = true): Promise<RoleNames> {
  let dir: string;
  try {
    dir = await resolvePackageDir(workspace, packageDir, confine);
  } catch (error) {
    if (packageDir !== undefined) throw error;
    return { names: {}, aliases: {} };
  }
  const path = join(dir, PACKAGE_FILES.roles);
  if (!existsSync(path)) return { names: {}, aliases: {} };
  const names: Record<string, string> = {};
  const aliases: Record<string, string> = {};
  const lines = (await readFile(path, 'utf8')).split('\n');
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    let record: { name?: unknown; legacy_name?: unknown; legacy_aliases?: unknown };
    try {
      record = JSON.parse(line) as typeof record;
    } catch (error) {
      throw new UserInputError(`${path}:${index + 1}: not valid JSON: ${(error as Error).message}`);
    }
    if (typeof record.name !== 'string') return;
    const legacy = typeof record.legacy_name === 'string' ? record.legacy_name : record.name;
    if (legacy !== record.name) names[record.name] = legacy;
    if (Array.isArray(record.legacy_aliases)) {
      for (const alias of record.legacy_aliases) if (typeof alias === 'string' && alias !== legacy) aliases[alias] = legacy;
    }
  });
  return { names, aliases, from: path };
}
