import type { Command } from 'commander';
import { registerChecklistCommand } from './checklist.js';
import { registerEmulatorCommand } from './emulator.js';
import { registerExportCommand } from './export.js';
import { registerMcpCommand } from './mcp.js';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [registerMcpCommand, registerChecklistCommand, registerExportCommand, registerEmulatorCommand];
