import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inferClaimsShape } from '../../src/middleware/claims-shape.js';
import { loadProject } from '../../src/middleware/project.js';
import { tempDir } from '../helpers/temp-dir.js';

/** An app whose handler reads `req.user.id`, typed by a package in its node_modules. */
function appWithTypedUser(idType: string): string {
  const root = tempDir('skm-shared-decl-');
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'me.ts'), "import type { LegacyUser } from 'legacy-claims';\n\nexport function me(req: { user: LegacyUser }) {\n  return req.user.id;\n}\n");
  setTypings(root, idType);
  return root;
}

function setTypings(root: string, idType: string): void {
  const typings = join(root, 'node_modules', 'legacy-claims');
  mkdirSync(typings, { recursive: true });
  writeFileSync(join(typings, 'package.json'), JSON.stringify({ name: 'legacy-claims', version: '1.0.0', types: 'index.d.ts' }));
  writeFileSync(join(typings, 'index.d.ts'), `export interface LegacyUser {\n  id: ${idType};\n}\n`);
}

function idTypeOf(root: string): string | undefined {
  const { files } = loadProject(root);
  return inferClaimsShape(root, files).find((field) => field.name === 'id')?.type;
}

describe('declaration files shared between the codemod runs of one process', () => {
  it('reads the user id type from the typings as they are at each run: a changed .d.ts is parsed again', () => {
    const root = appWithTypedUser('number');
    expect(idTypeOf(root)).toBe('number');
    expect(idTypeOf(root)).toBe('number');
    setTypings(root, 'string');
    expect(idTypeOf(root)).toBe('string');
    setTypings(root, 'number');
    expect(idTypeOf(root)).toBe('number');
  });

  it('keeps two apps with typings at different paths apart', () => {
    const numeric = appWithTypedUser('number');
    const textual = appWithTypedUser('string');
    expect(idTypeOf(numeric)).toBe('number');
    expect(idTypeOf(textual)).toBe('string');
    expect(idTypeOf(numeric)).toBe('number');
  });
});
