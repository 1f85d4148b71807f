export { createServer, type ServerOptions } from './mcp/server.js';
export { runChecklist, type ChecklistOptions, type ItemUpdate } from './checklist/run.js';
export type { ChecklistReport } from './checklist/report.js';
export { UserInputError } from './errors.js';
export { startEmulator, type Emulator, type EmulatorOptions, type EmulatorCounters, type EmulatorState, type EmulatorSeed, type FaultSettings } from './emulator/index.js';
export { exportUsers, type ExportHooks } from './export/run-export.js';
