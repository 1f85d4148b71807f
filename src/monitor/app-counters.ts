import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { COUNTERS_DIR } from '../middleware/generated/usage-counters.js';

/** One process's file, as the generated auth module writes it (usage-counters.ts). */
const countersFileSchema = z.object({
  version: z.literal(1),
  pid: z.number(),
  startedAt: z.string(),
  updatedAt: z.string(),
  scalekit: z.object({ accepted: z.number().int().min(0), rejected: z.record(z.string(), z.number().int().min(0)) }),
  legacy: z.object({ routed: z.number().int().min(0), refused: z.number().int().min(0) }),
  firstScalekitSignIn: z.object({ at: z.string(), sub: z.string(), migrated: z.boolean() }).optional(),
});

export interface AppCounters {
  /** Where they were read from. */
  dir: string;
  /** Processes that wrote a file (each app start is one). */
  processes: number;
  scalekitAccepted: number;
  scalekitRejected: Record<string, number>;
  legacyRouted: number;
  legacyRefused: number;
  /** The earliest first Scalekit sign-in of a migrated user (a token carrying xuid), else of any user. */
  firstSignIn?: { at: string; sub: string; migrated: boolean };
  lastUpdated?: string;
  /** Files that could not be read, with why. */
  unreadable: string[];
}

/** Sums the app's counters files under `<workspace>/.scalekit-migration/auth-counters/`; undefined when there are none. */
export async function readAppCounters(workspace: string, dir = join(workspace, COUNTERS_DIR)): Promise<AppCounters | undefined> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (!names.length) return undefined;
  const sum: AppCounters = { dir, processes: 0, scalekitAccepted: 0, scalekitRejected: {}, legacyRouted: 0, legacyRefused: 0, unreadable: [] };
  for (const name of names) {
    let file;
    try {
      file = countersFileSchema.parse(JSON.parse(await readFile(join(dir, name), 'utf8')));
    } catch (error) {
      sum.unreadable.push(`${name}: ${error instanceof z.ZodError ? 'not a counters file' : (error as Error).message}`);
      continue;
    }
    sum.processes += 1;
    sum.scalekitAccepted += file.scalekit.accepted;
    for (const [reason, count] of Object.entries(file.scalekit.rejected)) sum.scalekitRejected[reason] = (sum.scalekitRejected[reason] ?? 0) + count;
    sum.legacyRouted += file.legacy.routed;
    sum.legacyRefused += file.legacy.refused;
    const first = file.firstScalekitSignIn;
    if (first && (!sum.firstSignIn || better(first, sum.firstSignIn))) sum.firstSignIn = first;
    if (!sum.lastUpdated || file.updatedAt > sum.lastUpdated) sum.lastUpdated = file.updatedAt;
  }
  return sum;
}

function better(candidate: { at: string; migrated: boolean }, current: { at: string; migrated: boolean }): boolean {
  if (candidate.migrated !== current.migrated) return candidate.migrated;
  return candidate.at < current.at;
}
