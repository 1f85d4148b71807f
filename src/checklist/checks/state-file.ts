import { stat } from 'node:fs/promises';
import { checklistStatePath } from '../../workspace/paths.js';
import type { AutomaticCheck } from './types.js';

export const stateFileCheck: AutomaticCheck = async ({ workspace }) => {
  const path = checklistStatePath(workspace);
  try {
    await stat(path);
    return { ok: true, detail: `state file present at ${path}` };
  } catch {
    return { ok: false, detail: `no state file at ${path}` };
  }
};
