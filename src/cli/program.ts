import { Command, CommanderError } from 'commander';
import { UserInputError, errorMessage } from '../errors.js';
import { packageVersion } from '../package-info.js';
import { COMMANDS, commandsFor } from './commands/index.js';
import { EXIT_PROBLEMS, EXIT_USAGE } from './output.js';

/** The program with the commands `argv` needs (all of them by default, or when no subcommand is named). */
export async function createProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command('scalekit-migrate')
    .description("Move an application's authentication to Scalekit, phase by phase")
    .version(packageVersion, '-v, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const entries = argv ? commandsFor(argv) : COMMANDS;
  const registrations = await Promise.all(entries.map((entry) => entry.load()));
  for (const register of registrations) register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and returns the exit code; usage and input errors are 2, as DESIGN.md's contract says. */
export async function runCli(argv: string[]): Promise<number> {
  let program: Command;
  try {
    program = await createProgram(argv);
  } catch (error) {
    process.stderr.write(`scalekit-migrate: internal error: ${errorMessage(error)}\n`);
    return EXIT_PROBLEMS;
  }
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
