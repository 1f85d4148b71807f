import { describe, expect, it } from 'vitest';
import { COMMANDS, commandsFor } from '../../src/cli/commands/index.js';
import { createProgram } from '../../src/cli/program.js';

const names = (program: { commands: readonly { name(): string }[] }) => program.commands.map((command) => command.name());

describe('CLI commands are loaded only when run', () => {
  it('loads only the named subcommand, whatever options follow it', async () => {
    expect(commandsFor(['node', 'cli', 'export', '--source', 'csv', '--json']).map((entry) => entry.name)).toEqual(['export']);
    expect(names(await createProgram(['node', 'cli', 'verify', '--json']))).toEqual(['verify']);
  });

  it('loads every command for --help, help, no command or an unknown one, in the listed order', async () => {
    const all = COMMANDS.map((entry) => entry.name);
    expect(all).toEqual(['mcp', 'audit', 'checklist', 'export', 'import', 'verify', 'rollback', 'middleware', 'redirects', 'monitor', 'diagnose-login', 'emulator', 'demo']);
    for (const argv of [['node', 'cli', '--help'], ['node', 'cli', 'help', 'export'], ['node', 'cli'], ['node', 'cli', 'exprot']]) {
      expect(commandsFor(argv).map((entry) => entry.name)).toEqual(all);
    }
    expect(names(await createProgram(['node', 'cli', '--help']))).toEqual(all);
  });

  it('loads no command for --version alone, and still prints the version', async () => {
    expect(commandsFor(['node', 'cli', '--version'])).toEqual([]);
    expect(commandsFor(['node', 'cli', '-v'])).toEqual([]);
    expect(commandsFor(['node', 'cli', 'export', '--version']).map((entry) => entry.name)).toEqual(['export']);
    const program = await createProgram(['node', 'cli', '--version']);
    let printed = '';
    program.configureOutput({ writeOut: (text) => (printed += text) });
    await expect(program.parseAsync(['node', 'cli', '--version'])).rejects.toMatchObject({ exitCode: 0 });
    expect(printed.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('each entry registers the command it is named after', async () => {
    for (const entry of COMMANDS) expect(names(await createProgram(['node', 'cli', entry.name]))).toEqual([entry.name]);
  });
});
