import { errorMessage } from '../errors.js';
import type { ProgressEvent } from '../import/progress.js';
import type { DemoStep } from './result.js';

/** The demo's steps, in order: numbered "[3/14]" as they run. */
export const DEMO_STEPS = [
  { id: 'workspace', title: 'Copy the sample legacy app and seed its database' },
  { id: 'legacy-app', title: 'Run the legacy app: password login, protected route' },
  { id: 'emulator', title: 'Start a local Scalekit (emulator, in-process)' },
  { id: 'audit', title: 'Audit the code for auth touchpoints' },
  { id: 'export', title: 'Export users, organizations, roles from SQLite' },
  { id: 'import-plan', title: 'Plan the import' },
  { id: 'import', title: 'Import into Scalekit' },
  { id: 'verify', title: 'Verify the import field by field' },
  { id: 'redirects', title: 'Register the callback, logout and login URLs (configureRedirects)' },
  { id: 'middleware-dry-run', title: 'Middleware codemod: dry run' },
  { id: 'middleware-apply', title: 'Middleware codemod: apply in dual mode' },
  { id: 'migrated-app', title: 'Run the migrated app: Scalekit login and legacy token' },
  { id: 'monitor', title: 'Phase 5: monitor the cut-over (sign-ins by outcome, legacy share, switch verdict)' },
  { id: 'checklist', title: 'Read the checklist (checks tick what the tools did) and mark what only the demo saw' },
  { id: 'report', title: 'Write the migration report' },
] as const;
export type DemoStepId = (typeof DEMO_STEPS)[number]['id'];

export type DemoEvent =
  | { kind: 'step'; index: number; total: number; id: DemoStepId; title: string }
  | { kind: 'step-done'; index: number; total: number; step: DemoStep }
  | { kind: 'progress'; event: ProgressEvent }
  | { kind: 'note'; message: string };
export type DemoListener = (event: DemoEvent) => void;

export interface StepOutcome {
  summary: string;
  /** The step ran but what it found is a problem (failed records, mismatches, a route that said no). */
  problems?: boolean;
}

/** Runs the steps one by one, timing each and reporting its one-line result. A step that throws ends the demo. */
export class StepRunner {
  readonly steps: DemoStep[] = [];

  constructor(private readonly listener: DemoListener | undefined) {}

  async run(id: DemoStepId, work: () => Promise<StepOutcome>): Promise<void> {
    const index = DEMO_STEPS.findIndex((step) => step.id === id) + 1;
    const { title } = DEMO_STEPS[index - 1]!;
    const total = DEMO_STEPS.length;
    this.listener?.({ kind: 'step', index, total, id, title });
    const started = performance.now();
    let step: DemoStep;
    try {
      const outcome = await work();
      step = { id, title, status: outcome.problems ? 'problems' : 'ok', summary: outcome.summary, durationMs: Math.round(performance.now() - started) };
    } catch (error) {
      step = { id, title, status: 'failed', summary: errorMessage(error), durationMs: Math.round(performance.now() - started) };
      this.finish(index, total, step);
      throw new DemoStepFailed(step);
    }
    this.finish(index, total, step);
  }

  skip(id: DemoStepId, summary: string): void {
    const index = DEMO_STEPS.findIndex((step) => step.id === id) + 1;
    const { title } = DEMO_STEPS[index - 1]!;
    this.listener?.({ kind: 'step', index, total: DEMO_STEPS.length, id, title });
    this.finish(index, DEMO_STEPS.length, { id, title, status: 'skipped', summary, durationMs: 0 });
  }

  /** Marks every step not run yet, except the report (written whatever happened), as skipped. */
  skipRest(summary: string): void {
    for (const step of DEMO_STEPS) {
      if (step.id === 'report' || this.steps.some((done) => done.id === step.id)) continue;
      this.skip(step.id, summary);
    }
  }

  private finish(index: number, total: number, step: DemoStep): void {
    this.steps.push(step);
    this.listener?.({ kind: 'step-done', index, total, step });
  }
}

export class DemoStepFailed extends Error {
  constructor(readonly step: DemoStep) {
    super(`${step.title}: ${step.summary}`);
  }
}
