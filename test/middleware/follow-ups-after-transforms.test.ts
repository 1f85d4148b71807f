import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMiddlewareCodemod } from '../../src/middleware/run-codemod.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * A small Express app: a token check and a role helper in one file, routes calling the helper and a
 * permission helper backed by a legacy ACL table in another.
 */
function writeApp(): string {
  const app = tempDir();
  mkdirSync(join(app, 'lib'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'shop', type: 'module', dependencies: { express: '^4.19.0', jsonwebtoken: '^9.0.0' } }, null, 2));
  writeFileSync(
    join(app, 'lib', 'guard.js'),
    [
      "import jwt from 'jsonwebtoken';",
      '',
      'export function authenticate(req, res, next) {',
      "  const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');",
      '  try {',
      '    const claims = jwt.verify(token, process.env.SESSION_KEY);',
      '    req.user = { id: claims.sub, role: claims.role };',
      '    next();',
      '  } catch {',
      '    res.sendStatus(401);',
      '  }',
      '}',
      '',
      'export function requireRole(...allowed) {',
      '  return (req, res, next) => (allowed.includes(req.user.role) ? next() : res.sendStatus(403));',
      '}',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(app, 'lib', 'acl.js'),
    ['const grants = new Map();', '', 'export function hasPermission(user, permission) {', '  return (grants.get(user.id) ?? []).includes(permission);', '}', ''].join('\n'),
  );
  writeFileSync(
    join(app, 'routes.js'),
    [
      "import { Router } from 'express';",
      "import { authenticate, requireRole } from './lib/guard.js';",
      "import { hasPermission } from './lib/acl.js';",
      '',
      'export const routes = Router();',
      'routes.use(authenticate);',
      "routes.delete('/orders/:id', requireRole('manager'), (req, res) => res.sendStatus(204));",
      "routes.get('/reports', (req, res) => (hasPermission(req.user, 'reports:read') ? res.json([]) : res.sendStatus(403)));",
      '',
    ].join('\n'),
  );
  return app;
}

describe('codemod follow-ups are computed from the rewritten code', () => {
  it('lists no call of a role helper the transforms already rewrote, and keeps the check they could not rewrite', { timeout: 60_000 }, async () => {
    const app = writeApp();
    const result = await runMiddlewareCodemod({ workspace: app, mode: 'dual' });

    // The helper itself was rewritten to read the roles claim...
    expect(result.rewrites.some((rewrite) => rewrite.file === 'lib/guard.js' && rewrite.transform === 'rbac-role-check')).toBe(true);
    const guardDiff = result.files.find((file) => file.file === 'lib/guard.js')!.diff;
    expect(guardDiff).toMatch(/^\+.*hasAnyRole\(/m);
    // ...so its call site is done: nothing tells the user to fix requireRole('manager') by hand.
    const onRoutes = result.followUps.filter((followUp) => followUp.file === 'routes.js');
    expect(onRoutes.find((followUp) => followUp.line === 7)).toBeUndefined();
    // The permission check reads a legacy ACL the codemod cannot rewrite: it stays listed, where it is called.
    expect(onRoutes).toContainEqual(expect.objectContaining({ line: 8, kind: 'rbac' }));
    expect(result.summary.followUps).toBe(result.followUps.length);
  });
});
