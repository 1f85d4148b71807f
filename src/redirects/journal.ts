import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { migrationDir } from '../workspace/paths.js';

const uris = z.object({ redirectUris: z.array(z.string()), postLogoutRedirectUris: z.array(z.string()), initiateLoginUri: z.string() });

/**
 * `.scalekit-migration/redirects.ndjson` (0600): one line per apply (the client's URLs before, and what was
 * sent) and per rollback. URLs only, never a secret. A rollback undoes every apply after the last rollback.
 */
export const redirectsEntrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('apply'), at: z.string(), environment: z.string(), clientId: z.string(), previous: uris, sent: uris }),
  z.object({ type: z.literal('rollback'), at: z.string(), environment: z.string(), clientId: z.string(), restored: uris }),
]);
export type RedirectsEntry = z.infer<typeof redirectsEntrySchema>;

export function redirectsJournalPath(workspace: string): string {
  return join(migrationDir(workspace), 'redirects.ndjson');
}

/** Every readable line; a torn last line (a crash mid-write) is ignored, any other bad line is an error naming it. */
export async function readRedirectsJournal(workspace: string): Promise<RedirectsEntry[]> {
  const path = redirectsJournalPath(workspace);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  const entries: RedirectsEntry[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      entries.push(redirectsEntrySchema.parse(JSON.parse(line)));
    } catch (error) {
      if (i === lines.length - 1) return;
      throw new Error(`${path}:${i + 1} is not a redirects journal line: ${(error as Error).message.split('\n')[0]}`);
    }
  });
  return entries;
}

export async function appendRedirectsEntry(workspace: string, entry: RedirectsEntry): Promise<void> {
  const path = redirectsJournalPath(workspace);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await appendFile(path, JSON.stringify(entry) + '\n', { mode: 0o600 });
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The applies a rollback would undo for this environment and client: those after its last rollback. */
export function openApplies(entries: RedirectsEntry[], environment: string, clientId: string): Array<Extract<RedirectsEntry, { type: 'apply' }>> {
  const mine = entries.filter((entry) => entry.environment === environment && entry.clientId === clientId);
  const lastRollback = mine.map((entry) => entry.type).lastIndexOf('rollback');
  return mine.slice(lastRollback + 1).filter((entry): entry is Extract<RedirectsEntry, { type: 'apply' }> => entry.type === 'apply');
}
