import { ENTITIES, type EntityCounts, type ImportResult } from './import-result.js';
import type { RollbackResult } from './rollback.js';
import type { VerifyResult } from './verify.js';

/** Readable renderings of the three results, for the CLI and the text block beside the MCP structured result. */

export function renderImportResult(result: ImportResult): string {
  const lines: string[] = [];
  const title = result.mode === 'plan' ? 'Import plan (nothing was written)' : result.run?.interrupted ? 'Import stopped before the end' : 'Import applied';
  lines.push(`# ${title}`, '', `Package: ${result.packageDir}`, `Package digest: ${result.packageDigest}`, `Environment: ${result.environment}`, '');
  lines.push(`| entity | ${result.mode === 'plan' ? 'to create | to update' : 'created | updated'} | unchanged | conflict | failed | pending |`);
  lines.push('|---|---|---|---|---|---|---|');
  for (const entity of ENTITIES) lines.push(countsRow(entity, result.counts[entity]));
  if (result.conflicts.total) {
    lines.push('', `Conflicts: ${result.conflicts.total} (${byCode(result.conflicts.byCode)})`);
    for (const sample of result.conflicts.samples) lines.push(`- ${sample.entity} ${sample.key} (${sample.ref}): ${sample.code}: ${sample.detail}`);
  }
  if (result.updates.samples.length) {
    lines.push('', 'Updates (examples):');
    for (const sample of result.updates.samples) lines.push(`- ${sample.entity} ${sample.key} (${sample.ref}): ${sample.changes.join(', ')}`);
  }
  if (result.failures.total) {
    lines.push('', `Failures: ${result.failures.total} (${byCode(result.failures.byCode)})`);
    for (const sample of result.failures.samples) {
      lines.push(`- ${sample.entity} ${sample.key} (${sample.ref}): ${sample.action} ${sample.code}${sample.requestId ? ` request ${sample.requestId}` : ''}`);
    }
  }
  const ask = result.needsDecision?.emailPolicy;
  if (ask) lines.push('', `DECISION NEEDED (email policy: ${ask.choices.join(', ')}): ${ask.question}`);
  if (result.decisions.emailPolicy) {
    lines.push('', `Unverified emails: ${result.notes.unverifiedEmails} new user(s), policy ${result.decisions.emailPolicy}` +
      (result.decisions.emailPolicy === 'invite' ? `: ${result.notes.invitationsPlanned} invitation email(s) ${result.mode === 'plan' ? 'to be sent' : `planned, ${result.notes.invitationsSent} sent`}.` : '.'));
  }
  if (result.skipped.total) {
    lines.push('', `Skipped on purpose: ${result.skipped.total} user(s) (${byCode(result.skipped.byReason)})`);
    for (const sample of result.skipped.samples) lines.push(`- ${sample.entity} ${sample.key} (${sample.ref}): ${sample.reason}`);
  }
  const inactive = Object.entries(result.notes.inactiveUsers);
  if (inactive.length) {
    lines.push(`Users not active in the source: ${inactive.map(([status, n]) => `${status} ${n}`).join(', ')}; ${result.decisions.includeInactive ? 'imported with metadata legacy_status' : 'left out (they can be included, flagged, if the user asks)'}.`);
  }
  const notes: string[] = [];
  if (result.notes.emailVerifiedNotSettable) {
    notes.push(`${result.notes.emailVerifiedNotSettable} user(s) have an email_verified that Scalekit will not hold as the package says (the API has no field to set it); verify reports them.`);
  }
  if (result.notes.emptyFieldsKept) {
    notes.push(
      `${result.notes.emptyFieldsKept} field(s) are empty in the package but hold a value in Scalekit (first/last names, role descriptions): ` +
        'kept as Scalekit has them - the import never erases a value; verify reports them as kept, not as mismatches. Clear them in Scalekit if they must be empty.',
    );
  }
  const d = result.domains;
  if (d) {
    const verb = result.mode === 'plan' ? 'to create' : 'created';
    notes.push(
      `Organization domains: ${d.total} in ${d.organizations} organization(s): ${d.create} ${verb} (unverified), ${d.present} present, ${d.failed} failed; ` +
        `${d.needDnsVerification} need DNS verification (TXT record) before SSO routes by email domain, ${d.verified} verified` +
        (d.samples.length ? ` (e.g. ${d.samples.slice(0, 3).map((x) => `${x.domain} of ${x.org}: ${x.status}${x.reason ? `, ${x.reason}` : ''}`).join('; ')})` : '') + '.',
    );
  }
  if (result.notes.invitationsSent && result.decisions.emailPolicy !== 'invite') {
    notes.push(`WARNING: Scalekit reports ${result.notes.invitationsSent} invitation(s) sent. Stop and tell the user.`);
  }
  if (result.journal.packageChanged) notes.push('The package changed since its journal was started.');
  if (result.journal.inFlight) {
    notes.push(
      result.mode === 'plan'
        ? `${result.journal.inFlight} call(s) were in flight when the last run stopped; apply re-checks them by external id first.`
        : `Resumed: ${result.journal.inFlight} call(s) in flight at the last stop were re-checked (${result.journal.inFlightFoundApplied} had taken effect).`,
    );
  }
  if (notes.length) lines.push('', ...notes.map((note) => `Note: ${note}`));
  if (result.run) {
    const run = result.run;
    lines.push(
      '',
      `Run: ${(run.durationMs / 1000).toFixed(1)} s, ${run.rpcs} calls (${run.requestsPerSecond}/s, ${run.rateSource === 'cap' ? `capped at ${run.rate}/s` : 'paced from the announced limits'}, concurrency ${run.concurrency}), ${run.retries} retries, ${run.usersPerSecond} users/s.`,
    );
    const limits = Object.entries(run.rateLimits ?? {});
    if (limits.length) {
      lines.push(`Limits Scalekit announced: ${limits.map(([method, l]) => `${method} ${l.limit}/${l.windowSeconds} s${l.refused ? ` (${l.refused} refused)` : ''}`).join(', ')}.`);
    } else if (run.rateSource !== 'cap') {
      lines.push(`Scalekit announced no rate limit (no X-RateLimit-* headers): paced at ${run.rate}/s.`);
    }
    if (run.stoppedBecause) lines.push(`Stopped: ${run.stoppedBecause}`);
  }
  if (result.files.errors) lines.push(`Errors: ${result.files.errors}`, `Failed records: ${result.files.retry}`);
  lines.push('', `Next: ${result.next}`);
  return lines.join('\n') + '\n';
}

/**
 * Every count that changed something, per entity, in one line: "roles 3 created, 2 updated (description);
 * organizations 12 created; ...". Zero counts are left out; updated fields come from the update examples.
 */
export function describeImportCounts(result: Pick<ImportResult, 'mode' | 'counts' | 'updates'>): string {
  const verbs = result.mode === 'plan'
    ? { create: 'to create', update: 'to update', unchanged: 'unchanged', conflict: 'in conflict', failed: 'failed', pending: 'pending', skipped: 'skipped' }
    : { create: 'created', update: 'updated', unchanged: 'unchanged', conflict: 'in conflict', failed: 'failed', pending: 'pending', skipped: 'skipped' };
  const parts = ENTITIES.flatMap((entity) => {
    const counts = result.counts[entity];
    const fields = [...new Set(result.updates.samples.filter((sample) => sample.entity === entity).flatMap((sample) => sample.changes))];
    const shown = (Object.keys(verbs) as Array<keyof typeof verbs>)
      .filter((key) => counts[key] > 0)
      .map((key) => `${counts[key]} ${verbs[key]}${key === 'update' && fields.length ? ` (${fields.join(', ')})` : ''}`);
    return shown.length ? [`${entity} ${shown.join(', ')}`] : [];
  });
  return parts.join('; ') || 'nothing';
}

export function renderVerifyResult(result: VerifyResult): string {
  const lines = [`# Import verification: ${result.ok ? 'OK, zero mismatches' : `${result.mismatches.total} mismatch(es)`}`, ''];
  lines.push(`Package: ${result.packageDir}`, `Environment: ${result.environment}`);
  const { roles, organizations, users, memberships } = result.checked;
  lines.push(`Checked: ${roles} roles, ${organizations} organizations, ${users} users, ${memberships} memberships.`);
  const policy = result.decisions.emailPolicy;
  lines.push(
    `Compared with the import's choices: unverified emails ${policy ?? 'no policy recorded (expected unverified as in the package)'}, ` +
      `non-active users ${result.decisions.includeInactive ? 'imported' : 'left out'}${result.notes.skipped ? ` (${result.notes.skipped} user(s) left out on purpose, not compared)` : ''}.`,
  );
  if (!result.ok) {
    lines.push('', `By kind: ${byCode(result.mismatches.byKind)}`);
    for (const sample of result.mismatches.samples) {
      const values = sample.expected !== undefined || sample.actual !== undefined ? ` (expected ${sample.expected ?? '-'}, found ${sample.actual ?? '-'})` : '';
      lines.push(`- ${sample.kind} ${sample.key} (${sample.ref})${sample.scalekitId ? ` ${sample.scalekitId}` : ''}${values}`);
    }
    if (result.report) lines.push('', `All mismatches: ${result.report}`);
  }
  if (result.notes.emptyFieldsKept) {
    lines.push('', `Kept: ${result.notes.emptyFieldsKept} field(s) empty in the package hold a value in Scalekit (names, role descriptions); the import never erases a value, so these are not mismatches.`);
  }
  if (result.domains) {
    const d = result.domains;
    lines.push('', `Organization domains: ${d.present} of ${d.total} present, ${d.verified} verified, ${d.needDnsVerification} waiting for DNS verification (TXT record).`);
  }
  if (result.notes.extraMemberships) {
    lines.push('', `Note: imported users hold ${result.notes.extraMemberships} membership(s) in organizations the package does not name for them (left alone).`);
  }
  lines.push('', `Next: ${result.next}`);
  return lines.join('\n') + '\n';
}

export function renderRollbackResult(result: RollbackResult): string {
  const state = result.run?.interrupted ? 'stopped before the end' : result.complete ? 'applied: complete' : 'applied: NOT complete';
  const lines = [`# Rollback ${result.mode === 'plan' ? 'plan (nothing was deleted)' : state}`, ''];
  lines.push(`Package: ${result.packageDir}`, `Environment: ${result.environment}`, `Journal: ${result.journal.path} (${result.journal.runs} run(s))`, '');
  const planned = result.mode === 'plan';
  lines.push(`| entity | ${planned ? 'to delete' : 'deleted'} | ${planned ? 'to restore' : 'restored'} | already gone | blocked | failed | pending |`, '|---|---|---|---|---|---|---|');
  for (const [entity, counts] of Object.entries(result.counts)) {
    lines.push(`| ${entity} | ${counts.delete} | ${counts.restore} | ${counts.alreadyGone} | ${counts.blocked} | ${counts.failed} | ${counts.pending} |`);
  }
  if (result.blocked.total) {
    lines.push('', `Blocked: ${result.blocked.total}`);
    for (const sample of result.blocked.samples) lines.push(`- ${sample.entity} ${sample.id}${sample.key ? ` (${sample.key})` : ''}: ${sample.code}: ${sample.detail}`);
  }
  if (result.failures.total) {
    lines.push('', `Failures: ${result.failures.total} (${byCode(result.failures.byCode)})`);
    for (const sample of result.failures.samples) lines.push(`- ${sample.entity} ${sample.id}: ${sample.code}${sample.requestId ? ` request ${sample.requestId}` : ''}`);
  }
  if (result.updatesNotReverted) {
    lines.push('', `Note: ${result.updatesNotReverted} entit(ies) the imports did not create keep fields the import set (see Blocked).`);
  }
  lines.push('', `Next: ${result.next}`);
  return lines.join('\n') + '\n';
}

function countsRow(entity: string, counts: EntityCounts): string {
  return `| ${entity} | ${counts.create} | ${counts.update} | ${counts.unchanged} | ${counts.conflict} | ${counts.failed} | ${counts.pending} |`;
}

function byCode(groups: Record<string, number>): string {
  return Object.entries(groups)
    .sort((a, b) => b[1] - a[1])
    .map(([code, count]) => `${code} ${count}`)
    .join(', ');
}
