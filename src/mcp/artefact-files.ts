import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { migrationDir } from '../workspace/paths.js';
import { byteSize, formatBytes } from './result-budget.js';

/** Where tool results put what is too big to return: diffs, generated modules, full reports. */
export const ARTEFACTS_DIR_NAME = 'artefacts';

/** A file a result names instead of inlining it. */
export const artefactSchema = z.object({
  /** What it holds, e.g. "diff" or "checklist". */
  kind: z.string(),
  /** Relative to the workspace, POSIX. */
  path: z.string(),
  bytes: z.number().int(),
  /** The MCP resource that serves it (artefact-resources.ts). */
  uri: z.string(),
});
export type Artefact = z.infer<typeof artefactSchema>;

export const ARTEFACT_URI_PREFIX = 'scalekit-migration:///';

export function artefactPath(workspace: string, name: string): string {
  return join(migrationDir(workspace), ARTEFACTS_DIR_NAME, name);
}

/**
 * Writes `content` to .scalekit-migration/artefacts/<name> (owner-only, atomically, kept out of git)
 * and returns how a result names it. `root` is the folder resource URIs are relative to (the server's).
 */
export async function writeArtefact(workspace: string, kind: string, name: string, content: string, root = workspace): Promise<Artefact> {
  const path = artefactPath(workspace, name);
  await writeFileAtomic(path, content);
  return { kind, path: posix(relative(workspace, path)), bytes: byteSize(content), uri: ARTEFACT_URI_PREFIX + posix(relative(root, path)) };
}

/** Names an existing file of .scalekit-migration/ (a report a phase wrote) the same way. */
export function existingArtefact(workspace: string, kind: string, path: string, bytes: number, root = workspace): Artefact {
  return { kind, path: posix(relative(workspace, path)), bytes, uri: ARTEFACT_URI_PREFIX + posix(relative(root, path)) };
}

/** "- diff: .scalekit-migration/artefacts/middleware.diff (12.3 KB)" */
export function artefactLines(artefacts: readonly Artefact[]): string[] {
  return artefacts.map((artefact) => `- ${artefact.kind}: ${artefact.path} (${formatBytes(artefact.bytes)})`);
}

function posix(path: string): string {
  return path.split(sep).join('/');
}
