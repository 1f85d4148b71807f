import type { Command } from 'commander';

/** A subcommand: its name, and how to load the module that registers it (only the command being run is loaded). */
export interface CommandEntry {
  name: string;
  load: () => Promise<(program: Command) => void>;
}

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: ReadonlyArray<CommandEntry> = [
  { name: 'mcp', load: async () => (await import('./mcp.js')).registerMcpCommand },
  { name: 'audit', load: async () => (await import('./audit.js')).registerAuditCommand },
  { name: 'checklist', load: async () => (await import('./checklist.js')).registerChecklistCommand },
  { name: 'export', load: async () => (await import('./export.js')).registerExportCommand },
  { name: 'import', load: async () => (await import('./import.js')).registerImportCommand },
  { name: 'verify', load: async () => (await import('./verify.js')).registerVerifyCommand },
  { name: 'rollback', load: async () => (await import('./rollback.js')).registerRollbackCommand },
  { name: 'middleware', load: async () => (await import('./middleware.js')).registerMiddlewareCommand },
  { name: 'redirects', load: async () => (await import('./redirects.js')).registerRedirectsCommand },
  { name: 'monitor', load: async () => (await import('./monitor.js')).registerMonitorCommand },
  { name: 'diagnose-login', load: async () => (await import('./monitor.js')).registerDiagnoseLoginCommand },
  { name: 'emulator', load: async () => (await import('./emulator.js')).registerEmulatorCommand },
  { name: 'demo', load: async () => (await import('./demo.js')).registerDemoCommand },
];

/**
 * The commands to load for an argv: only the named subcommand when there is one (a command then
 * loads only its own modules), none for `--version` alone, every command otherwise (`--help`, `help`, an unknown name).
 */
export function commandsFor(argv: readonly string[]): ReadonlyArray<CommandEntry> {
  const args = argv.slice(2);
  const name = args.find((arg) => !arg.startsWith('-'));
  const named = COMMANDS.find((entry) => entry.name === name);
  if (named) return [named];
  // `--version` alone prints the version: no command needs loading for it.
  if (name === undefined && args.some((arg) => arg === '-v' || arg === '--version')) return [];
  return COMMANDS;
}
