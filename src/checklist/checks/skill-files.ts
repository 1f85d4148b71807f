import { SKILL_FILES, readSkill } from '../../skills/catalog.js';
import type { AutomaticCheck } from './types.js';

export const skillFilesCheck: AutomaticCheck = async () => {
  const missing: string[] = [];
  const unreadable: string[] = [];
  for (const path of SKILL_FILES) {
    try {
      await readSkill(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') missing.push(path);
      else unreadable.push(`${path} (${(error as Error).message.split('\n')[0]})`);
    }
  }
  if (missing.length === 0 && unreadable.length === 0) return { ok: true, detail: `all ${SKILL_FILES.length} skill files present` };
  const parts = [];
  if (missing.length) parts.push(`missing: ${missing.join(', ')}`);
  if (unreadable.length) parts.push(`unreadable: ${unreadable.join('; ')}`);
  return { ok: false, detail: `skill files ${parts.join('; ')}` };
};
