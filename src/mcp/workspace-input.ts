import { z } from 'zod';
import { UserInputError } from '../errors.js';
import { isWithin, resolveWorkspace } from '../workspace/confine.js';

/** The `workspace` input every tool takes: the app root (default: the server's); its name says enough in tools/list. */
export const workspaceInput = z.string().optional();

/** The workspace a call works in: the one asked for, which must lie inside the server's own root. */
export function callWorkspace(serverRoot: string, requested: string | undefined): string {
  const root = resolveWorkspace(serverRoot);
  if (requested === undefined) return root;
  const workspace = resolveWorkspace(requested);
  if (!isWithin(root, workspace)) {
    throw new UserInputError(`workspace "${requested}" resolves to "${workspace}", which is outside the server's root "${root}"`);
  }
  return workspace;
}
