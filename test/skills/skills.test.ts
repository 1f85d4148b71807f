import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SKILL_FILES, SKILL_NAMES, parseFrontmatter } from '../../src/skills/catalog.js';
import { MASTER_SKILL_COPIES, MASTER_SKILL_FOLDER, masterSkillCopy } from '../../src/skills/plugin-copies.js';
import { repoRoot } from '../helpers/cli.js';

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const TOOL_NAMES = ['auditCodebase', 'exportUsers', 'importOrgs', 'verifyImport', 'rollbackImport', 'updateMiddleware', 'configureRedirects', 'monitorCutover', 'diagnoseLogin', 'checklist'];

function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!.split('#')[0]!)
    .filter((target) => target !== '' && !/^[a-z]+:/i.test(target));
}

describe('skill files', () => {
  it('ships every catalogued skill file', () => {
    for (const path of SKILL_FILES) expect(existsSync(join(repoRoot, path)), path).toBe(true);
    const onDisk = readdirSync(join(repoRoot, 'skills')).sort();
    expect(onDisk).toEqual([...SKILL_NAMES, MASTER_SKILL_FOLDER.split('/')[1]].sort());
  });

  it('gives each skill spec-conformant frontmatter: kebab-case name = folder, description <= 1024, no other keys (the root SKILL.md: metadata.internal, so installers take skills/*)', () => {
    const skills = ['SKILL.md', `${MASTER_SKILL_FOLDER}/SKILL.md`, ...SKILL_NAMES.map((name) => `skills/${name}/SKILL.md`)];
    for (const path of skills) {
      const frontmatter = parseFrontmatter(read(path), path);
      expect(Object.keys(frontmatter).sort(), path).toEqual(path === 'SKILL.md' ? ['description', 'metadata', 'name'] : ['description', 'name']);
      if (path === 'SKILL.md') expect(frontmatter.metadata).toEqual({ internal: true });
      const name = frontmatter.name as string;
      expect(name, path).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(name.length, path).toBeLessThanOrEqual(64);
      expect(name, path).toBe(path === 'SKILL.md' ? 'scalekit-migrate' : path.split('/')[1]);
      const description = frontmatter.description as string;
      expect(description.length, path).toBeGreaterThan(40);
      expect(description.length, path).toBeLessThanOrEqual(1024);
    }
  });

  it('keeps the master skill under 500 lines, with the five phases in order, naming every tool', () => {
    const master = read('SKILL.md');
    expect(master.split('\n').length).toBeLessThan(500);
    const positions = ['audit', 'import', 'redirect', 'application code', 'deploy'].map((word) =>
      master.toLowerCase().search(new RegExp(`^#+ .*${word}`, 'm')),
    );
    expect(positions.every((position) => position >= 0), `phase headings found at ${positions}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const tool of TOOL_NAMES) expect(master, tool).toContain(tool);
    expect(master).toContain('sendInvitationEmail');
    expect(master).toContain('AUTH_PROVIDER');
  });

  it('keeps skills/scalekit-migrate/ (what plugins and skill installers discover) identical to the root files it is generated from', () => {
    for (const { source, copy } of MASTER_SKILL_COPIES) {
      expect(read(copy), `${copy} is stale: run npm run sync-skills`).toBe(masterSkillCopy(source, read(source)));
    }
    const copy = read(`${MASTER_SKILL_FOLDER}/SKILL.md`);
    expect(copy.startsWith('---\nname: scalekit-migrate\n')).toBe(true);
    for (const name of SKILL_NAMES) expect(copy).toContain(`](../${name}/SKILL.md)`);
  });

  it('links only to files that exist, one level deep from the master skill', () => {
    for (const path of [...SKILL_FILES, ...MASTER_SKILL_COPIES.map((entry) => entry.copy)]) {
      for (const target of relativeLinks(read(path))) {
        expect(existsSync(join(repoRoot, dirname(path), target)), `${path} -> ${target}`).toBe(true);
      }
    }
    const fromMaster = relativeLinks(read('SKILL.md'));
    for (const name of SKILL_NAMES) expect(fromMaster.some((target) => target.includes(`skills/${name}/SKILL.md`)), name).toBe(true);
  });

  it('maps every audit category in AUDIT-CHECKLIST.md', () => {
    const checklist = read('AUDIT-CHECKLIST.md');
    const categories = ['signup', 'login', 'session-middleware', 'token-issuance', 'refresh-token', 'rbac', 'email-verification',
      'password-reset', 'logout', 'password-hashing', 'oauth-provider', 'mfa', 'api-key', 'user-model', 'org-model', 'role-model', 'auth-config'];
    for (const category of categories) expect(checklist, category).toContain(`\`${category}\``);
  });

  it('embeds the runnable import samples verbatim in IMPORT-SAMPLES.md', () => {
    const samples = read('IMPORT-SAMPLES.md');
    const markers = [...samples.matchAll(/<!-- sample: (\S+) -->\s*\n```[a-z]*\n([\s\S]*?)```/g)];
    expect(markers.map((marker) => marker[1]).sort()).toEqual(['samples/import/curl/import-one.sh', 'samples/import/node/import-one.mjs']);
    for (const [, file, body] of markers) expect(body, file).toBe(read(file!));
    const node = read('samples/import/node/import-one.mjs');
    expect(node).toContain('sendInvitationEmail: false');
    expect(node).toMatch(/updateOrganization/);
    expect(node).toMatch(/updateMembership|createMembership|assignUserRoles/);
  });
});
