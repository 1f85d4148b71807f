/** The phase each tool serves, in the order an assistant should call them. */
const PHASE_TOOLS: ReadonlyArray<{ phase: string; tools: string[]; note: string }> = [
  { phase: '1. Audit and export', tools: ['auditCodebase', 'exportUsers'], note: 'find every auth touchpoint, then write the migration package; stop and ask the user about rejects' },
  { phase: '2. Import organizations and users', tools: ['importOrgs', 'verifyImport', 'rollbackImport'], note: 'plan first, apply only after the user confirms, then verify to zero mismatches' },
  { phase: '3. Redirects and roles', tools: [], note: 'dashboard settings the user makes; confirm each with them' },
  { phase: '4. Application code', tools: ['updateMiddleware'], note: 'dry-run diff first; apply in dual mode only after the user confirms' },
  { phase: '5. Deploy and monitor', tools: ['checklist'], note: 'deploy with AUTH_PROVIDER=dual, watch, then switch to scalekit' },
];

export function serverInstructions(registeredTools: ReadonlySet<string>, options: { readOnly?: boolean } = {}): string {
  const lines = [
    "scalekit-migrate moves an application's authentication to Scalekit in five phases, in order.",
    'Call `checklist` first and after every phase: it shows the current phase, the next action, and checks what it can by itself.',
    'Never apply an import, a rollback or a code change without the user\'s explicit go-ahead; every such tool plans or dry-runs by default.',
    'Results carry counts, ids and reasons, never whole user lists, password hashes or secrets; keep it that way when you report to the user.',
    'Every result ends with one `Next:` line: the tool to call next with its arguments, or the question to ask the user first. ' +
      'Diffs and full reports are files under .scalekit-migration/artefacts/ that results name (also served as scalekit-migration:/// resources).',
    '',
  ];
  for (const { phase, tools, note } of PHASE_TOOLS) {
    const available = tools.filter((tool) => registeredTools.has(tool));
    const via = available.length ? ` — tools: ${available.map((tool) => `\`${tool}\``).join(', ')}` : '';
    lines.push(`${phase}${via}: ${note}.`);
  }
  if (options.readOnly) {
    lines.push(
      '',
      'This server runs read-only: it offers only tools that write nothing (no export, import, rollback, code change, checklist mark or report file). ' +
        'When a step needs one, tell the user which tool and ask them to run it or to restart the server without --read-only.',
    );
  }
  lines.push('', 'The full guide is the `migrate-to-scalekit` prompt and the skill:// resources (start with skill://scalekit-migrate/SKILL.md).');
  return lines.join('\n');
}
