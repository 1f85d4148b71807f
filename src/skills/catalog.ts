import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { packageRoot } from '../package-info.js';

/** The phase and review skills shipped under skills/<name>/SKILL.md, in phase order. */
export const SKILL_NAMES = [
  'scalekit-migrate-audit',
  'scalekit-migrate-import',
  'scalekit-migrate-redirects-roles',
  'scalekit-migrate-app-code',
  'scalekit-migrate-deploy',
  'scalekit-sso-readiness',
  'scalekit-scim-readiness',
] as const;

/** Every skill text the package ships, as paths relative to the package root (POSIX). */
export const SKILL_FILES: readonly string[] = [
  'SKILL.md',
  'AUDIT-CHECKLIST.md',
  'IMPORT-SAMPLES.md',
  ...SKILL_NAMES.map((name) => `skills/${name}/SKILL.md`),
];

export const SKILL_URI_PREFIX = 'skill://scalekit-migrate/';

export function skillUri(relativePath: string): string {
  return SKILL_URI_PREFIX + relativePath;
}

export interface SkillDocument {
  path: string;
  uri: string;
  /** Frontmatter `name`, or the file name for the reference texts that carry none. */
  name: string;
  description: string;
  text: string;
}

export async function readSkill(relativePath: string): Promise<SkillDocument> {
  const text = await readFile(join(packageRoot, relativePath), 'utf8');
  const frontmatter = parseFrontmatter(text, relativePath);
  return {
    path: relativePath,
    uri: skillUri(relativePath),
    name: typeof frontmatter.name === 'string' ? frontmatter.name : relativePath,
    description: typeof frontmatter.description === 'string' ? frontmatter.description : firstHeading(text) ?? relativePath,
    text,
  };
}

export function parseFrontmatter(text: string, where: string): Record<string, unknown> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!match) return {};
  const parsed: unknown = parseYaml(match[1] ?? '');
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${where}: frontmatter is not a YAML mapping`);
  }
  return parsed as Record<string, unknown>;
}

function firstHeading(text: string): string | undefined {
  return /^#\s+(.+)$/m.exec(text)?.[1]?.trim();
}
