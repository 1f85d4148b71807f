/** Exit codes of every command (DESIGN.md): ran fine, ran but found problems, could not run on this input. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export interface JsonOption {
  json?: boolean;
}

/**
 * Prints a command's result: exactly one JSON document on stdout with --json (the same object
 * the MCP tool returns as structuredContent), the human rendering otherwise.
 */
export function emitResult(options: JsonOption, result: unknown, human: string, problems = false): void {
  process.stdout.write(options.json ? JSON.stringify(result, null, 2) + '\n' : human.endsWith('\n') ? human : human + '\n');
  process.exitCode = problems ? EXIT_PROBLEMS : EXIT_OK;
}
