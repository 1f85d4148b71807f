import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserInputError } from '../errors.js';

/** The workspace root as a real, existing directory (symlinks resolved). */
export function resolveWorkspace(root: string): string {
  const absolute = resolve(root);
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    throw new UserInputError(`workspace "${root}" does not exist`);
  }
  if (!statSync(real).isDirectory()) throw new UserInputError(`workspace "${root}" is not a directory`);
  return real;
}

/**
 * Resolves `path` (relative to the workspace, or absolute) and refuses it when it lands
 * outside the workspace, following symlinks of every existing part of it.
 * `what` names the argument in the error, e.g. "dir" or "--out".
 */
export function resolveInside(workspace: string, path: string, what: string): string {
  const root = resolveWorkspace(workspace);
  const target = realpathAllowingMissing(resolve(root, path));
  if (!isWithin(root, target)) {
    throw new UserInputError(`${what} "${path}" resolves to "${target}", which is outside the workspace "${root}"`);
  }
  return target;
}

export function isWithin(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/** realpath of the deepest existing ancestor, with the missing tail appended. */
function realpathAllowingMissing(absolute: string): string {
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return join(realpathSync(current), ...missing.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return absolute;
      missing.push(basename(current));
      current = parent;
    }
  }
}
