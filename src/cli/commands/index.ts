import type { Command } from 'commander';
import { registerAuditCommand } from './audit.js';
import { registerChecklistCommand } from './checklist.js';
import { registerDemoCommand } from './demo.js';
import { registerEmulatorCommand } from './emulator.js';
import { registerExportCommand } from './export.js';
import { registerImportCommand } from './import.js';
import { registerMcpCommand } from './mcp.js';
import { registerMiddlewareCommand } from './middleware.js';
import { registerRollbackCommand } from './rollback.js';
import { registerVerifyCommand } from './verify.js';
import { registerMonitorCommands } from './monitor.js';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerMcpCommand,
  registerAuditCommand,
  registerChecklistCommand,
  registerExportCommand,
  registerImportCommand,
  registerVerifyCommand,
  registerRollbackCommand,
  registerMiddlewareCommand,
  registerMonitorCommands,
  registerEmulatorCommand,
  registerDemoCommand,
];
