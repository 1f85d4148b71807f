import { NEXT_PREFIX, type NextStep } from '../mcp/next-step.js';

/** How each tool's arguments are spelled on the command line: the command, its positional argument, renamed flags. */
const COMMANDS: Record<string, { command: string; positional?: string; flags?: Record<string, string | null> }> = {
  auditCodebase: { command: 'audit', positional: 'dir' },
  exportUsers: { command: 'export', flags: { mappingOnly: '--mapping-only' } },
  importOrgs: { command: 'import', flags: { packageDir: '--in', confirm: '--apply', emailPolicy: '--unverified-emails' } },
  verifyImport: { command: 'verify', flags: { packageDir: '--in' } },
  rollbackImport: { command: 'rollback', flags: { packageDir: '--in', confirm: '--apply' } },
  updateMiddleware: { command: 'middleware', positional: 'dir', flags: { confirm: '--apply', packageDir: '--package' } },
  checklist: { command: 'checklist', flags: { updates: null } },
};

/** The last line of a command's human output: the command to run with its flags, after the question when there is one. */
export function renderNextForCli(step: NextStep): string {
  const command = step.tool ? commandLine(step.tool, step.arguments ?? {}) : '';
  const run = command ? `run \`${command}\`` : '';
  const body = step.ask && run ? `${capitalize(step.ask)} Then ${run}` : step.ask ? capitalize(step.ask) : run ? capitalize(run) : 'nothing left to do';
  return `${NEXT_PREFIX}${body}${step.because ? ` (${step.because})` : ''}.`.replace(/([.?!])\.$/, '$1');
}

export function commandLine(tool: string, args: Record<string, unknown>): string {
  const spec = COMMANDS[tool];
  if (!spec) return `scalekit-migrate ${tool}`;
  const parts = ['scalekit-migrate', spec.command];
  if (spec.positional) parts.push(quoteArg(String(args[spec.positional] ?? '.')));
  if (tool === 'checklist') parts.push(...checklistMarks(args.updates));
  for (const [key, value] of Object.entries(args)) {
    if (key === spec.positional || value === undefined || value === false) continue;
    const flag = spec.flags && key in spec.flags ? spec.flags[key] : `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
    if (!flag) continue;
    parts.push(value === true ? flag : `${flag} ${quoteArg(String(value))}`);
  }
  return parts.join(' ');
}

/** checklist `updates` as the CLI's --done/--skip/--block/--reopen and --note. */
function checklistMarks(updates: unknown): string[] {
  if (!Array.isArray(updates)) return [];
  const flags = { done: '--done', skipped: '--skip', blocked: '--block', pending: '--reopen' } as Record<string, string>;
  return updates.flatMap((update: { id: string; status: string; note?: string }) => [flags[update.status] ?? '--done', update.id, ...(update.note ? ['--note', quoteArg(update.note)] : [])]);
}

function quoteArg(value: string): string {
  return /^[\w./@:=,+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
