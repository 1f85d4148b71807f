import type { ChecklistReport } from '../checklist/report.js';
import type { ExportResult } from '../export/result.js';
import type { ImportResult } from '../import/import-result.js';
import type { RollbackResult } from '../import/rollback.js';
import type { VerifyResult } from '../import/verify.js';
import type { MiddlewareResult } from '../middleware/result.js';
import type { RedirectsResult } from '../redirects/result.js';
import type { NextStep } from './next-step.js';

/**
 * What comes after each tool, as the skills (SKILL.md) order the migration: computed from the result, shared by
 * the MCP tools and the CLI commands, each of which phrases it for its interface.
 */

/** Arguments every phase-2 call carries over: the package, when the user named one. */
type PackageArgs = { packageDir?: string };

function packageArgs(input: PackageArgs): Record<string, unknown> {
  return input.packageDir ? { packageDir: input.packageDir } : {};
}

export function nextAfterExport(result: ExportResult, input: PackageArgs & { out?: string; source: string; url?: string; file?: string }): NextStep {
  const importArgs = input.out ? { packageDir: input.out } : {};
  if (result.packageDir === null) {
    return {
      ask: 'review the proposed mapping above: are these the right tables and columns?',
      tool: 'exportUsers',
      arguments: { source: input.source, ...(input.url ? { url: input.url } : {}), ...(input.file ? { file: input.file } : {}), mapping: '<the saved, adjusted mapping file; omit to export as proposed>' },
    };
  }
  if (!result.countsAddUp) return { ask: 'the export counts do not add up (input records above): stop and look at the source with the user before importing?' };
  const rejected = result.counts.rejects;
  if (rejected > 0) {
    return { ask: `${rejected} record(s) were rejected (reasons above, each in rejects.ndjson): fix the source and export again, or accept each reason?`, tool: 'importOrgs', arguments: importArgs, because: 'a plan; it writes nothing' };
  }
  return { tool: 'importOrgs', arguments: importArgs, because: 'a plan; it writes nothing' };
}

export function nextAfterImport(result: ImportResult, input: PackageArgs & { emailPolicy?: string; includeInactive?: boolean; rate?: number; concurrency?: number }): NextStep {
  const carried = {
    ...packageArgs(input),
    ...(input.emailPolicy ? { emailPolicy: input.emailPolicy } : {}),
    ...(input.includeInactive ? { includeInactive: true } : {}),
  };
  if (result.mode === 'plan') {
    const decision = result.needsDecision?.emailPolicy;
    if (decision) return { ask: decision.question, tool: 'importOrgs', arguments: { ...carried, emailPolicy: decision.choices.join('|') } };
    if (result.journal.packageChanged) {
      return { ask: 'the package changed since its journal started: export into a new folder, or continue with the changed package (force)?', tool: 'importOrgs', arguments: { ...carried, force: true } };
    }
    if (result.conflicts.total > 0) {
      return { ask: `resolve or accept the ${result.conflicts.total} conflict(s) above (they are never overwritten); then plan again?`, tool: 'importOrgs', arguments: carried };
    }
    return { ask: 'approve this plan (creates and updates above)?', tool: 'importOrgs', arguments: { ...carried, confirm: true, planDigest: result.packageDigest } };
  }
  const again = { ...carried, confirm: true, ...(input.rate ? { rate: input.rate } : {}), ...(input.concurrency ? { concurrency: input.concurrency } : {}) };
  if (result.run?.interrupted) return { tool: 'importOrgs', arguments: again, because: 'the run stopped early; the journal resumes it' };
  if (result.failures.total > 0) {
    return { ask: `${result.failures.total} record(s) failed (errors.ndjson, by code above): fix the cause, then apply again (the journal resumes)?`, tool: 'importOrgs', arguments: again };
  }
  return { tool: 'verifyImport', arguments: packageArgs(input), because: 'prove every record arrived, field by field' };
}

export function nextAfterVerify(result: VerifyResult, input: PackageArgs): NextStep {
  if (!result.ok) {
    return { ask: `show the user the ${result.mismatches.total} mismatch(es) by kind above; repair them by applying the import again?`, tool: 'importOrgs', arguments: { ...packageArgs(input), confirm: true } };
  }
  return { ask: 'rehearse the rollback now (non-production environment only), or skip it?', tool: 'rollbackImport', arguments: packageArgs(input), because: 'a plan; it deletes nothing' };
}

export function nextAfterRollback(result: RollbackResult, input: PackageArgs & { force?: boolean }): NextStep {
  const planned = Object.values(result.counts).reduce((sum, counts) => sum + counts.delete + counts.restore, 0);
  if (result.mode === 'plan') {
    if (planned === 0 && result.blocked.total === 0) return { tool: 'checklist', arguments: {}, because: 'nothing this package created is left in Scalekit' };
    return { ask: `approve ${planned} deletion(s) and restore(s)${result.blocked.total ? ` (${result.blocked.total} blocked, listed above)` : ''}?`, tool: 'rollbackImport', arguments: { ...packageArgs(input), confirm: true } };
  }
  if (result.run?.interrupted || result.failures.total > 0) return { tool: 'rollbackImport', arguments: { ...packageArgs(input), confirm: true }, because: 'it retries only what is left' };
  if (result.blocked.total > 0) {
    return { ask: `${result.blocked.total} item(s) are blocked (above): leave them, or force their deletion?`, tool: 'rollbackImport', arguments: { ...packageArgs(input), confirm: true, force: true } };
  }
  return { tool: 'importOrgs', arguments: packageArgs(input), because: 'the rehearsal is done: plan the import again' };
}

/** The skill's next step after the audit: the user reviews it, then the users are exported from where they live. */
export function nextAfterAudit(): NextStep {
  return {
    ask: 'review these findings (unknown flows, MFA, API keys, several user stores, SSO in use); where do the users live (database file or URL, or an IdP export)?',
    tool: 'exportUsers',
    arguments: { source: 'sqlite|postgres|auth0|firebase|cognito|clerk|keycloak|json|csv', url: '<database, for sqlite/postgres>', file: '<export file, for the others>' },
  };
}


export function nextAfterMiddleware(result: MiddlewareResult, input: { dir?: string; mode?: string }): NextStep {
  const args = { ...(input.dir ? { dir: input.dir } : {}), mode: result.mode };
  if (result.failures.length) return { ask: `${result.failures.length} transform(s) failed and left their files unchanged: fix them by hand or go on without them?`, tool: 'updateMiddleware', arguments: args };
  if (!result.applied && !result.unchanged) {
    return { ask: 'approve the diff and the follow-ups (the git tree must be clean: commit or stash first)?', tool: 'updateMiddleware', arguments: { ...args, confirm: true } };
  }
  if (result.applied) return { tool: 'updateMiddleware', arguments: args, because: 'a second dry run must change nothing' };
  return { tool: 'checklist', arguments: {}, because: 'the code has these changes; then the follow-ups, with the user' };
}

/** What each tool item needs as arguments to be started (a plan or a dry run: never a write). */
const ITEM_ARGUMENTS: Record<string, Record<string, unknown>> = {
  'app-code.dry-run': { mode: 'dual' },
  'app-code.apply-dual': { mode: 'dual' },
  'deploy-monitor.no-legacy': { mode: 'scalekit' },
};

export function nextFromChecklist(report: Pick<ChecklistReport, 'nextAction'>): NextStep {
  const action = report.nextAction;
  if (!action) return { ask: 'every item is done or skipped: is the migration finished for the team?' };
  if (action.blocked) return { ask: `"${action.title}" (\`${action.itemId}\`) is blocked: what unblocks it?`, tool: 'checklist', arguments: { updates: [{ id: action.itemId, status: 'pending', note: '<what changed>' }] } };
  if (action.tool && action.tool !== 'checklist') return { tool: action.tool, arguments: ITEM_ARGUMENTS[action.itemId] ?? {}, because: action.title };
  return {
    ask: `${action.title}: is it done (or to be skipped, and why)?`,
    tool: 'checklist',
    arguments: { updates: [{ id: action.itemId, status: 'done', note: '<what the user confirmed>' }] },
  };
}

export function nextAfterRedirects(result: RedirectsResult, input: { baseUrls?: string[]; environmentType?: string }): NextStep {
  const args = { ...(input.baseUrls?.length ? { baseUrls: input.baseUrls } : {}), ...(input.environmentType ? { environmentType: input.environmentType } : {}) };
  if (result.mode === 'plan' && result.refused.length) return { ask: `fix or drop the ${result.refused.length} refused URL(s) above?`, tool: 'configureRedirects', arguments: args };
  if (result.mode === 'plan' && result.changes) return { ask: 'approve these URL changes?', tool: 'configureRedirects', arguments: { ...args, confirm: true } };
  return { tool: 'checklist', arguments: {}, because: 'the redirect items check themselves from the environment' };
}
