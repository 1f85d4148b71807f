import { withNextLine, type NextStep } from '../mcp/next-step.js';
import { renderNextForCli } from './next-command.js';

/** Exit codes of every command (DESIGN.md): ran fine, ran but found problems, could not run on this input. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export interface JsonOption {
  json?: boolean;
}

/**
 * Prints a command's result: exactly one JSON document on stdout with --json (the same object
 * the MCP tool returns as structuredContent), the human rendering otherwise, ending with the next step
 * phrased as a command with its flags.
 */
export function emitResult(options: JsonOption, result: unknown, human: string, problems = false, next?: NextStep): void {
  const text = next ? withNextLine(human, renderNextForCli(next)) : human;
  process.stdout.write(options.json ? JSON.stringify(result, null, 2) + '\n' : text.endsWith('\n') ? text : text + '\n');
  process.exitCode = problems ? EXIT_PROBLEMS : EXIT_OK;
}
