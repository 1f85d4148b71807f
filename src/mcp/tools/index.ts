import type { ToolDefinition } from '../tool.js';
import { auditCodebaseTool } from './audit-codebase.js';
import { checklistTool } from './checklist.js';
import { configureRedirectsTool } from './configure-redirects.js';
import { exportUsersTool } from './export-users.js';
import { importOrgsTool } from './importOrgs.js';
import { rollbackImportTool } from './rollbackImport.js';
import { updateMiddlewareTool } from './update-middleware.js';
import { verifyImportTool } from './verifyImport.js';
import { diagnoseLoginTool } from './diagnose-login.js';
import { monitorCutoverTool } from './monitor-cutover.js';

/** Every tool the server offers, in phase order. A tool appears here only once it works. */
export const TOOLS: readonly ToolDefinition[] = [auditCodebaseTool, exportUsersTool, importOrgsTool, verifyImportTool, rollbackImportTool, updateMiddlewareTool, configureRedirectsTool, monitorCutoverTool, diagnoseLoginTool, checklistTool];
