import { Command, CommanderError } from 'commander';
import { UserInputError, errorMessage } from '../errors.js';
import { packageVersion } from '../package-info.js';
import { COMMANDS } from './commands/index.js';
import { EXIT_PROBLEMS, EXIT_USAGE } from './output.js';

export function createProgram(): Command {
  const program = new Command('scalekit-migrate')
    .description("Move an application's authentication to Scalekit, phase by phase")
    .version(packageVersion, '-v, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of COMMANDS) register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and returns the exit code; usage and input errors are 2, as DESIGN.md's contract says. */
export async function runCli(argv: string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    if (error instanceof UserInputError) {
      process.stderr.write(`scalekit-migrate: ${error.message}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`scalekit-migrate: internal error: ${errorMessage(error)}\n`);
    return EXIT_PROBLEMS;
  }
}
