import type { DemoResult, DemoStep } from './result.js';

const STATUS_WORDS: Record<DemoStep['status'], string> = { ok: 'ok', problems: 'PROBLEMS', failed: 'FAILED', skipped: 'skipped' };

/** `[ 3/13] Title` when a step starts. */
export function stepStartLine(index: number, total: number, title: string): string {
  return `[${String(index).padStart(String(total).length)}/${total}] ${title}`;
}

/** The step's one-line result, under its title. */
export function stepResultLine(step: DemoStep, indent: number): string {
  const seconds = step.durationMs >= 100 ? ` (${(step.durationMs / 1000).toFixed(1)} s)` : '';
  return `${' '.repeat(indent)}${STATUS_WORDS[step.status]}${seconds}: ${step.summary}`;
}

/** The summary printed at the end (stdout without --json). */
export function renderDemoSummary(result: DemoResult): string {
  const lines: string[] = [];
  const seconds = (result.durationMs / 1000).toFixed(1);
  lines.push(
    result.ok
      ? `scalekit-migrate demo: the sample app was migrated to a local Scalekit in ${seconds} s.`
      : `scalekit-migrate demo: stopped with problems after ${seconds} s${result.error ? `: ${result.error}` : ''}.`,
    '',
  );
  const row = (label: string, text: string) => lines.push(`  ${label.padEnd(10)} ${text}`);
  if (result.audit) {
    const categories = Object.values(result.audit.byCategory).filter((count) => count > 0).length;
    row('audit', `${result.audit.total} auth touchpoints in ${categories} categories (${result.audit.filesScanned} files)`);
  }
  if (result.export) {
    const e = result.export;
    row('export', `${e.users} users, ${e.organizations} organizations, ${e.roles} roles, ${e.memberships} memberships; ${e.rejects} dirty rows rejected with reasons`);
  }
  if (result.import) {
    const k = result.import.counts;
    row('import', `${k.users.create + k.users.update + k.users.unchanged} users, ${k.organizations.create + k.organizations.update + k.organizations.unchanged} organizations, ${k.memberships.create + k.memberships.update + k.memberships.unchanged} memberships; ${result.import.failed} failed, ${result.import.invitationsSent} invitations sent`);
  }
  if (result.verify) row('verify', result.verify.ok ? 'zero mismatches, field by field' : `${result.verify.mismatches} mismatches`);
  if (result.middleware) {
    const m = result.middleware;
    row('code', `${m.filesChanged} files changed in ${m.mode} mode, ${m.followUps} manual follow-ups; a second run changes ${m.secondRunChanges}`);
  }
  if (result.login) {
    const migrated = result.protectedCalls.filter((call) => call.authProvider);
    const asExpected = migrated.filter((call) => call.status === call.expected).length;
    row('login', `user ${result.login.userExternalId} signed in through Scalekit (xuid ${result.login.tokenClaims?.xuid ?? '?'}); the migrated app answered ${asExpected} of ${migrated.length} calls as expected`);
    row('', 'in dual mode both Scalekit and legacy tokens work, legacy role names still apply; the AUTH_PROVIDER flag switches either off');
  }
  if (result.checklist) row('checklist', `${result.checklist.done} of ${result.checklist.total} items done; current phase: ${result.checklist.currentPhase ?? 'none'}`);
  const problems = result.steps.filter((step) => step.status === 'problems' || step.status === 'failed');
  if (problems.length) {
    lines.push('', 'Problems:');
    for (const step of problems) lines.push(`  - ${step.title}: ${step.summary}`);
  }
  lines.push('', `Workspace: ${result.workspace}`);
  if (result.report) lines.push(`Report:    ${result.report}`);
  lines.push(
    '',
    'Look around: the app and its database are in the workspace, every phase result in .scalekit-migration/;',
    `\`git -C ${quote(result.workspace)} diff HEAD~1\` shows the code the codemod changed. Delete the folder when done.`,
  );
  return lines.join('\n') + '\n';
}

function quote(path: string): string {
  return /^[\w./@:-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
