/**
 * The one step a result ends with: the tool to call next with its arguments, the question to ask the
 * user first, or both (ask, then call). Tools and CLI commands compute it the same way; each interface
 * phrases it its own way: tool arguments over MCP (this file), flags in the CLI (cli/next-command.ts).
 */
export interface NextStep {
  /** A question for the user, or a decision only they can take, before anything else. */
  ask?: string;
  /** The tool to call next (after the user's answer, when `ask` is set). */
  tool?: string;
  arguments?: Record<string, unknown>;
  /** Why, or what to look at, in a few words. */
  because?: string;
}

export const NEXT_PREFIX = 'Next: ';

/** The last line of an MCP result: tool arguments, never CLI flags. */
export function renderNextForTool(step: NextStep): string {
  const call = step.tool ? `call \`${step.tool}\` with ${JSON.stringify(step.arguments ?? {})}` : '';
  const ask = step.ask ? `ask the user: ${step.ask}` : '';
  const body = ask && call ? `${ask} Then ${call}` : ask || call || 'nothing left to do';
  return `${NEXT_PREFIX}${body}${step.because ? ` (${step.because})` : ''}.`.replace(/([.?!])\.$/, '$1');
}

/** Text with the next line at its end, as the only line starting with "Next: ". */
export function withNextLine(text: string, line: string): string {
  const body = text
    .split('\n')
    .filter((entry) => !entry.startsWith(NEXT_PREFIX))
    .join('\n')
    .trimEnd();
  return `${body}\n\n${line}`;
}
