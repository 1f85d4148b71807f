import type { ToolDefinition } from '../tool.js';
import { checklistTool } from './checklist.js';
import { exportUsersTool } from './export-users.js';

/** Every tool the server offers, in phase order. A tool appears here only once it works. */
export const TOOLS: readonly ToolDefinition[] = [exportUsersTool, checklistTool];
