import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSqlite } from '../../src/export/sql/native-sqlite.js';
import { commitSampleApp, copySampleApp, seedDatabase } from '../../src/demo/workspace.js';
import { tempDir } from './temp-dir.js';

/**
 * The demo's bundled app committed to a fresh git repository with its seeded database, optionally grown to
 * `files` source files by generated modules (plain code, and every 25th a route behind the app's own
 * auth middleware and role helper, so audit and codemod have work in proportion).
 */
export async function exampleWorkspace(options: { files?: number } = {}): Promise<string> {
  await loadSqlite();
  const workspace = tempDir('skm-example-');
  const copied = await copySampleApp(workspace);
  await seedDatabase(workspace);
  await commitSampleApp(workspace);
  // Left uncommitted: git would spend longer on them than the tools do (a dry run does not need a clean tree).
  if (options.files && options.files > copied.files) growApp(workspace, options.files - copied.files);
  return workspace;
}

function growApp(workspace: string, count: number): void {
  for (let index = 0; index < count; index += 1) {
    const dir = join(workspace, 'src', 'modules', `area${Math.floor(index / 100)}`);
    mkdirSync(dir, { recursive: true });
    const body =
      index % 25 === 0
        ? [
            "import { Router } from 'express';",
            "import { requireAuth, requireRole } from '../../auth/middleware.js';",
            '',
            `export const route${index} = Router();`,
            `route${index}.use(requireAuth);`,
            `route${index}.get('/items/${index}', requireRole('admin'), (req, res) => res.json({ id: ${index}, by: req.user.id }));`,
          ]
        : [`/** Generated module ${index}: pricing arithmetic with no auth in it. */`, `export function price${index}(quantity, unit) {`, `  return Math.round(quantity * unit * ${1 + (index % 7)}) / 100;`, '}'];
    writeFileSync(join(dir, `module${index}.js`), body.join('\n') + '\n');
  }
}
