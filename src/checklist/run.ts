import { UserInputError } from '../errors.js';
import { resolveWorkspace } from '../workspace/confine.js';
import { checklistStatePath } from '../workspace/paths.js';
import { AUTOMATIC_CHECKS } from './checks/index.js';
import type { AutomaticCheck, CheckResult } from './checks/types.js';
import { CHECKLIST, ITEM_IDS, type ChecklistItemDefinition } from './definition.js';
import type { ChecklistReport, ItemReport, SectionReport } from './report.js';
import { MANUAL_STATUSES, loadState, saveState, type ChecklistState, type ManualStatus } from './state.js';

export interface ItemUpdate {
  id: string;
  status: ManualStatus;
  note?: string;
}

export interface ChecklistOptions {
  workspace: string;
  updates?: ItemUpdate[];
  signal?: AbortSignal;
  /** false: read and check only, never create or change the state file (a read-only server); updates are refused. */
  persist?: boolean;
  /** The automatic checks to run; the registry by default. */
  checks?: Readonly<Record<string, AutomaticCheck>>;
}

/**
 * Reads the checklist, applies the given updates, saves the state (creating it on the
 * first call) and runs every automatic check.
 */
export async function runChecklist(options: ChecklistOptions): Promise<ChecklistReport> {
  const workspace = resolveWorkspace(options.workspace);
  const updates = options.updates ?? [];
  for (const update of updates) {
    if (!ITEM_IDS.has(update.id)) {
      throw new UserInputError(
        `unknown checklist item "${update.id}"; item ids look like "audit-export.audit" (read the checklist to see them all)`,
      );
    }
  }
  const persist = options.persist ?? true;
  if (!persist && updates.length) throw new UserInputError('this checklist is read-only: items cannot be marked (the server runs with --read-only)');
  const state = await loadState(workspace);
  if (persist) {
    applyUpdates(state, updates);
    await saveState(workspace, state);
  }

  const checks = await runChecks(options.checks ?? AUTOMATIC_CHECKS, workspace, options.signal);
  const sections = CHECKLIST.map((section, index): SectionReport => {
    const items = section.items.map((item) => itemReport(item, state, checks.get(item.id)));
    return {
      id: section.id,
      title: section.title,
      kind: section.kind,
      number: section.kind === 'phase' ? index + 1 : undefined,
      counts: countStatuses(items),
      items,
    };
  });
  const phases = sections.filter((section) => section.kind === 'phase');
  // The phase follows what the tools did: the first phase with an open item a check decides. Items only a
  // person can close do not hold it back; those left open in earlier phases are listed (openBehind).
  // A blocked item holds its phase too: someone said it must be unblocked first.
  const holdsPhase = (item: ItemReport) => item.status === 'blocked' || (isOpen(item) && checks.has(item.id));
  const current = phases.find((section) => section.items.some(holdsPhase)) ?? phases.find((section) => section.items.some(isOpen));
  const openBehind = current ? phases.filter((section) => (section.number ?? 0) < (current.number ?? 0)).flatMap((section) => section.items.filter(isOpen)) : [];
  const next = pickNextAction(current ? [current] : sections.filter((section) => section.kind === 'review'));
  return {
    workspace,
    statePath: checklistStatePath(workspace),
    currentPhase: current ? { id: current.id, number: current.number ?? 0, title: current.title } : null,
    nextAction: next ? { itemId: next.id, title: next.title, tool: next.tool, blocked: next.status === 'blocked' } : null,
    openBehind: openBehind.map((item) => ({ itemId: item.id, title: item.title })),
    counts: countStatuses(sections.flatMap((section) => section.items)),
    updated: updates.map((update) => update.id),
    sections,
  };
}

function applyUpdates(state: ChecklistState, updates: ItemUpdate[]): void {
  const now = new Date().toISOString();
  for (const update of updates) {
    state.items[update.id] = { status: update.status, note: update.note, updatedAt: now };
  }
  state.updatedAt = now;
}

async function runChecks(
  checks: Readonly<Record<string, AutomaticCheck>>,
  workspace: string,
  signal?: AbortSignal,
): Promise<Map<string, CheckResult>> {
  const shared = new Map<string, Promise<unknown>>();
  const entries = await Promise.all(
    Object.entries(checks).map(async ([id, check]): Promise<[string, CheckResult]> => {
      try {
        return [id, await check({ workspace, signal, shared })];
      } catch (error) {
        return [id, { ok: false, detail: `the check could not run: ${(error as Error).message}` }];
      }
    }),
  );
  return new Map(entries);
}

function itemReport(item: ChecklistItemDefinition, state: ChecklistState, check: CheckResult | undefined): ItemReport {
  const manual = state.items[item.id];
  const base = { id: item.id, title: item.title, tool: item.tool, check, note: manual?.note };
  if (manual && manual.status !== 'pending') {
    const attention =
      check && manual.status === 'done' && !check.ok ? `marked done by hand, but the automatic check says: ${check.detail}` : undefined;
    return { ...base, status: manual.status, source: 'manual', attention };
  }
  if (check) return { ...base, status: check.ok ? 'done' : 'pending', source: 'automatic' };
  return { ...base, status: 'pending', source: 'none' };
}

function isOpen(item: ItemReport): boolean {
  return item.status === 'pending' || item.status === 'blocked';
}

function pickNextAction(sections: SectionReport[]): ItemReport | undefined {
  const items = sections.flatMap((section) => section.items);
  return items.find((item) => item.status === 'pending') ?? items.find((item) => item.status === 'blocked');
}

function countStatuses(items: ItemReport[]): Record<ManualStatus, number> {
  const counts = Object.fromEntries(MANUAL_STATUSES.map((status) => [status, 0])) as Record<ManualStatus, number>;
  for (const item of items) counts[item.status] += 1;
  return counts;
}
