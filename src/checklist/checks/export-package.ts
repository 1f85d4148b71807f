import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { lastPackageDir, readManifest } from '../../package/read.js';
import type { AutomaticCheck } from './types.js';

/**
 * "Export done": the last package export wrote has a valid manifest whose counts add up, and every
 * file it lists is there with the recorded size (checksums are verify's job, on every import).
 */
export const exportPackageCheck: AutomaticCheck = async ({ workspace }) => {
  const dir = await lastPackageDir(workspace);
  if (!dir) return { ok: false, detail: 'no migration package yet: run exportUsers' };
  let manifest;
  try {
    manifest = await readManifest(dir);
  } catch (error) {
    return { ok: false, detail: `last package ${dir} is not readable: ${(error as Error).message}` };
  }
  const c = manifest.counts;
  if (c.inputRecords !== c.users + c.rejects + c.merged) {
    return { ok: false, detail: `package ${dir}: counts do not add up (${c.inputRecords} input records, ${c.users} users + ${c.rejects} rejects + ${c.merged} merged)` };
  }
  for (const [name, entry] of Object.entries(manifest.files)) {
    const size = await stat(join(dir, name)).then((s) => s.size, () => -1);
    if (size !== entry.bytes) return { ok: false, detail: `package ${dir}: ${name} ${size === -1 ? 'is missing' : 'changed since export'}` };
  }
  return {
    ok: true,
    detail: `package ${dir}: ${c.users} users, ${c.organizations} organizations, ${c.roles} roles, ${c.rejects} rejects, ${c.merged} merged (counts add up)`,
  };
};
