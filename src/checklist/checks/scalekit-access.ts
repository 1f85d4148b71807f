import { join } from 'node:path';
import type { ScalekitClient } from '@scalekit-sdk/node';
import type { z } from 'zod';
import { errorMessage } from '../../errors.js';
import { resolvePackageDir } from '../../import/package-dir.js';
import { PACKAGE_FILES } from '../../package/layout.js';
import { readRecords } from '../../package/read.js';
import { createScalekitClient, SCALEKIT_ENV_VARS } from '../../scalekit/client.js';
import type { CheckResult } from './types.js';

export interface ScalekitAccess {
  sdk: ScalekitClient;
  packageDir: string;
}

/**
 * What the go-live checks need: the SDK client from the SCALEKIT_* variables and the workspace's
 * migration package. A CheckResult saying why not when either is missing.
 */
export async function scalekitAccess(workspace: string): Promise<ScalekitAccess | CheckResult> {
  const missing = SCALEKIT_ENV_VARS.filter((name) => !process.env[name]);
  if (missing.length) return { ok: false, detail: `cannot check: ${missing.join(', ')} not set in the server's environment` };
  try {
    const packageDir = await resolvePackageDir(workspace, undefined, true);
    return { sdk: createScalekitClient(), packageDir };
  } catch (error) {
    return { ok: false, detail: `cannot check: ${errorMessage(error)}` };
  }
}

export function isCheckResult(value: ScalekitAccess | CheckResult): value is CheckResult {
  return 'ok' in value;
}

/** Every record of one package file; none when the file is absent. */
export async function packageRecords<S extends z.ZodType>(packageDir: string, file: string, schema: S): Promise<Array<z.output<S>>> {
  const records: Array<z.output<S>> = [];
  try {
    for await (const { record } of readRecords(join(packageDir, file), schema)) records.push(record);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return records;
}

export const PACKAGE = PACKAGE_FILES;

/** "a, b and 3 more": a short list for a one-line detail. */
export function listSome(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
