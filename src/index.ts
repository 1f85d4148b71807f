export { createServer, type ServerOptions } from './mcp/server.js';
export { runChecklist, type ChecklistOptions, type ItemUpdate } from './checklist/run.js';
export type { ChecklistReport } from './checklist/report.js';
export { UserInputError } from './errors.js';
