// Rewrites skills/scalekit-migrate/ from the root SKILL.md, AUDIT-CHECKLIST.md and IMPORT-SAMPLES.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MASTER_SKILL_COPIES, masterSkillCopy } from '../src/skills/plugin-copies.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const { source, copy } of MASTER_SKILL_COPIES) {
  mkdirSync(dirname(join(root, copy)), { recursive: true });
  writeFileSync(join(root, copy), masterSkillCopy(source, readFileSync(join(root, source), 'utf8')));
  console.log(`${source} -> ${copy}`);
}
