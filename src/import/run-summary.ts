import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { errorMessage } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { ProgressEvent, ProgressListener, ProgressPhase } from './progress.js';

/**
 * The last result of each phase-2 command, kept beside the package's journal so the migration
 * report can be drawn later without calling Scalekit again. Counts, ids and reasons only.
 */
export const RUN_SUMMARY_FILES = {
  plan: 'import-plan.json',
  import: 'import-result.json',
  verify: 'verify-result.json',
} as const;
export type RunSummaryKind = keyof typeof RUN_SUMMARY_FILES;

export const timelinePointSchema = z.object({
  /** Milliseconds since the run started. */
  ms: z.number(),
  phase: z.string(),
  done: z.number().int(),
  total: z.number().int().optional(),
});
export type TimelinePoint = z.infer<typeof timelinePointSchema>;

export const runSummarySchema = z.object({
  savedAt: z.string(),
  result: z.unknown(),
  /** Records done over time while the run wrote (apply only): the report's progress chart. */
  timeline: z.array(timelinePointSchema).optional(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export function runSummaryPath(packageDir: string, kind: RunSummaryKind): string {
  return join(packageDir, RUN_SUMMARY_FILES[kind]);
}

/** Writes the summary (owner-only). A folder that cannot be written to does not fail the run: it is said in a log event. */
export async function saveRunSummary(
  packageDir: string,
  kind: RunSummaryKind,
  summary: Omit<RunSummary, 'savedAt'>,
  progress?: ProgressListener,
): Promise<void> {
  const path = runSummaryPath(packageDir, kind);
  try {
    await writeFileAtomic(path, JSON.stringify({ savedAt: new Date().toISOString(), ...summary }, null, 2) + '\n');
  } catch (error) {
    progress?.({ kind: 'log', level: 'warning', message: `could not write ${path}: ${errorMessage(error)}` });
  }
}

/** The saved summary, or undefined when the command never ran on this package (or the file is not one of ours). */
export async function readRunSummary(packageDir: string, kind: RunSummaryKind): Promise<RunSummary | undefined> {
  let text: string;
  try {
    text = await readFile(runSummaryPath(packageDir, kind), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = runSummarySchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
}

const WRITE_PHASES: ReadonlySet<ProgressPhase> = new Set(['permissions', 'roles', 'organizations', 'users']);
const MAX_POINTS = 240;

/**
 * Passes progress events on and keeps a thinned record of how many records each writing phase had
 * done when: at most one point per phase every `spacingMs`, always the first and last of a phase.
 */
export class ProgressTimeline {
  private readonly points: TimelinePoint[] = [];
  private readonly started = performance.now();
  private last: TimelinePoint | undefined;

  constructor(private readonly spacingMs = 50) {}

  wrap(listener: ProgressListener | undefined): ProgressListener {
    return (event: ProgressEvent) => {
      this.record(event);
      listener?.(event);
    };
  }

  private record(event: ProgressEvent): void {
    if (event.kind !== 'advance' && event.kind !== 'phase') return;
    if (!WRITE_PHASES.has(event.phase)) return;
    const point: TimelinePoint = {
      ms: Math.round(performance.now() - this.started),
      phase: event.phase,
      done: event.kind === 'advance' ? event.done : 0,
      ...(event.total !== undefined ? { total: event.total } : {}),
    };
    const previous = this.points.at(-1);
    const samePhase = previous?.phase === point.phase;
    const finished = point.total !== undefined && point.done >= point.total;
    if (samePhase && !finished && point.ms - previous!.ms < this.spacingMs) {
      this.last = point;
      return;
    }
    if (!samePhase && this.last && this.last !== previous) this.points.push(this.last);
    this.points.push(point);
    this.last = point;
  }

  /** The points, thinned evenly to a size a chart can draw. */
  result(): TimelinePoint[] {
    const all = this.last && this.last !== this.points.at(-1) ? [...this.points, this.last] : this.points;
    if (all.length <= MAX_POINTS) return all;
    const step = all.length / MAX_POINTS;
    const kept = Array.from({ length: MAX_POINTS - 1 }, (_, i) => all[Math.floor(i * step)]!);
    kept.push(all.at(-1)!);
    return kept;
  }
}
