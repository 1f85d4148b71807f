/**
 * Claude Code plugins and skill installers find skills only as `skills/<name>/SKILL.md`. The master
 * skill and the two references it links to live at the package root (where the MCP server and the
 * README point), so `skills/scalekit-migrate/` holds generated copies of them: the root files are
 * the source, `npm run sync-skills` rewrites the copies, and a test fails when they differ.
 */
export const MASTER_SKILL_FOLDER = 'skills/scalekit-migrate';

export const MASTER_SKILL_COPIES: ReadonlyArray<{ source: string; copy: string }> = [
  { source: 'SKILL.md', copy: `${MASTER_SKILL_FOLDER}/SKILL.md` },
  { source: 'AUDIT-CHECKLIST.md', copy: `${MASTER_SKILL_FOLDER}/AUDIT-CHECKLIST.md` },
  { source: 'IMPORT-SAMPLES.md', copy: `${MASTER_SKILL_FOLDER}/IMPORT-SAMPLES.md` },
];

const NOTICE = (source: string) => `<!-- Generated from ${source} at the package root by \`npm run sync-skills\`: edit that file, not this copy. -->\n`;

/**
 * The copy's text: links to sibling skills made relative to skills/scalekit-migrate/, a notice after the frontmatter,
 * and the root file's `metadata.internal` dropped. That flag makes skill installers (`npx skills add`) pass over the
 * root SKILL.md and install the skills under skills/, this copy among them.
 */
export function masterSkillCopy(source: string, text: string): string {
  const relinked = text.replace(/\]\(skills\/([a-z0-9-]+\/SKILL\.md)/g, '](../$1');
  const frontmatter = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(relinked);
  if (!frontmatter) return NOTICE(source) + relinked;
  const copied = frontmatter[0].replace(ROOT_ONLY_METADATA, '');
  return copied + NOTICE(source) + relinked.slice(frontmatter[0].length);
}

const ROOT_ONLY_METADATA = /^metadata:\r?\n(?:[ \t]+.*\r?\n)*/m;
