import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserInputError } from '../errors.js';
import { migrationDir } from '../workspace/paths.js';
import { auditReportSchema, type AuditReport } from './report.js';

export interface AuditReportPaths {
  json: string;
  markdown: string;
  sarif: string;
}

export function auditReportPaths(workspace: string): AuditReportPaths {
  const dir = migrationDir(workspace);
  return { json: join(dir, 'audit.json'), markdown: join(dir, 'audit.md'), sarif: join(dir, 'audit.sarif') };
}

/**
 * The last audit written for a workspace (`<workspace>/.scalekit-migration/audit.json`), validated
 * against the report schema. Export reads `dataModel` from it; the middleware codemod reads `findings`.
 */
export async function readAuditReport(workspace: string): Promise<AuditReport> {
  const path = auditReportPaths(workspace).json;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UserInputError(`no audit report at ${path}: run auditCodebase (or \`scalekit-migrate audit\`) first`);
    throw new UserInputError(`cannot read the audit report ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserInputError(`the audit report ${path} is not valid JSON (${(error as Error).message}): run the audit again`);
  }
  const result = auditReportSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new UserInputError(`the audit report ${path} does not match the audit format at ${issue.path.join('.') || '(root)'}: ${issue.message}; run the audit again`);
  }
  return result.data;
}
