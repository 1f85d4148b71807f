import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { UserInputError } from '../../src/errors.js';
import { codemodRunPath } from '../../src/middleware/run-record.js';
import { runMiddlewareCodemod } from '../../src/middleware/run-codemod.js';
import { rbacRoleCheck } from '../../src/middleware/transforms/rbac-role-check.js';
import { copyFixtureApp, git } from '../helpers/fixture-app.js';
import { tempDir } from '../helpers/temp-dir.js';

function snapshot(app: string, files: string[]): Record<string, string> {
  return Object.fromEntries(files.map((file) => [file, readFileSync(join(app, file), 'utf8')]));
}

const APP_FILES = ['src/auth/tokens.ts', 'src/auth/require-user.ts', 'src/auth/optional-user.ts', 'src/routes/admin.ts', 'package.json'];

describe('runMiddlewareCodemod: safety', () => {
  it('is a dry run by default: unified diffs and follow-ups, nothing written', { timeout: 60_000 }, async () => {
    const app = copyFixtureApp('express-jsonwebtoken');
    const before = snapshot(app, APP_FILES);
    const result = await runMiddlewareCodemod({ workspace: app });
    expect(result).toMatchObject({ applied: false, unchanged: false, mode: 'dual', verify: 'jwks' });
    expect(snapshot(app, APP_FILES)).toEqual(before);
    expect(existsSync(join(app, 'src/auth/scalekit.ts'))).toBe(false);
    expect(existsSync(codemodRunPath(app))).toBe(false);
    const tokens = result.files.find((file) => file.file === 'src/auth/tokens.ts')!;
    expect(tokens.status).toBe('modified');
    expect(tokens.diff).toMatch(/^--- a\/src\/auth\/tokens\.ts\n\+\+\+ b\/src\/auth\/tokens\.ts/m);
    expect(tokens.diff).toContain('\n-export function verifyAccessToken(token: string): Claims {\n');
    expect(tokens.diff).toContain('\n+export async function verifyAccessToken(token: string): Promise<Claims> {\n');
    expect(result.files.find((file) => file.file === 'src/auth/scalekit.ts')).toMatchObject({ status: 'created', transforms: ['generated'] });
    expect(result.files.find((file) => file.file === 'src/auth/scalekit.ts')!.diff).toMatch(/^--- \/dev\/null/m);
  });

  it('refuses to write into a dirty git tree, naming the files, unless forced; comments and formatting around edits stay', { timeout: 60_000 }, async () => {
    const app = copyFixtureApp('express-jsonwebtoken');
    writeFileSync(join(app, 'src/config.ts'), readFileSync(join(app, 'src/config.ts'), 'utf8') + '// work in progress\n');
    const before = snapshot(app, APP_FILES);
    const refused = await runMiddlewareCodemod({ workspace: app, apply: true }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UserInputError);
    expect((refused as Error).message).toMatch(/uncommitted changes \(src\/config\.ts\)/);
    expect(snapshot(app, APP_FILES)).toEqual(before);

    const forced = await runMiddlewareCodemod({ workspace: app, apply: true, force: true });
    expect(forced.applied).toBe(true);
    const requireUser = readFileSync(join(app, 'src/auth/require-user.ts'), 'utf8');
    expect(requireUser).toContain('    res.locals.user = await verifyAccessToken(header.slice(7)); // the legacy check\n');
    expect(requireUser).toContain('/** Rejects requests without a valid bearer token; the claims go to res.locals.user. */\nexport default async function requireUser(');
    expect(JSON.parse(readFileSync(codemodRunPath(app), 'utf8'))).toMatchObject({ dir: '.', mode: 'dual', verify: 'jwks' });
    git(app, ['add', '-A']);
    git(app, ['commit', '-q', '-m', 'dual']);
    const again = await runMiddlewareCodemod({ workspace: app, apply: true });
    expect(again).toMatchObject({ unchanged: true, applied: false, files: [] });
  });

  it('rolls a file back when a transform throws on it, reports the failure, and still rewrites the other files', { timeout: 60_000 }, async () => {
    const app = copyFixtureApp('express-jsonwebtoken');
    const original = rbacRoleCheck.run;
    const spy = vi.spyOn(rbacRoleCheck, 'run').mockImplementation((file, context) => {
      original.call(rbacRoleCheck, file, context);
      if (file.getFilePath().endsWith('admin.ts')) throw new Error('simulated crash after editing');
    });
    try {
      const result = await runMiddlewareCodemod({ workspace: app });
      expect(spy).toHaveBeenCalled();
      expect(result.failures).toEqual([{ transform: 'rbac-role-check', files: ['src/routes/admin.ts'], error: 'simulated crash after editing' }]);
      expect(result.files.map((file) => file.file)).not.toContain('src/routes/admin.ts');
      expect(result.files.map((file) => file.file)).toContain('src/auth/tokens.ts');
      expect(result.followUps).toContainEqual(expect.objectContaining({ file: 'src/routes/admin.ts', kind: 'transform-failed' }));
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps every path inside the workspace and reports a missing folder', async () => {
    const workspace = tempDir();
    await expect(runMiddlewareCodemod({ workspace, dir: '../elsewhere' })).rejects.toThrow(/dir "..\/elsewhere" resolves to .* outside the workspace/);
    await expect(runMiddlewareCodemod({ workspace, dir: 'missing' })).rejects.toThrow(/dir "missing" is not a folder inside the workspace/);
  });
});

describe('runMiddlewareCodemod: what it generates and where it writes', () => {
  it('generates only what the rewritten code imports; a dry run leaves no .scalekit-migration/ in an app that had none; test files are neither rewritten nor listed', { timeout: 60_000 }, async () => {
    const app = copyFixtureApp('express-nested-claims');
    writeFileSync(
      join(app, 'src/server.test.ts'),
      "import jwt from 'jsonwebtoken';\nexport const token = jwt.sign({ account: { id: 'not-a-number' }, password: 'x' }, 'k');\nexport const check = (t: string) => jwt.verify(t, 'k');\n",
    );
    git(app, ['add', '-A']);
    git(app, ['commit', '-q', '-m', 'a test file']);
    const dry = await runMiddlewareCodemod({ workspace: app });
    expect(existsSync(join(app, '.scalekit-migration'))).toBe(false);
    expect(dry.files.map((file) => file.file)).not.toContain('src/server.test.ts');
    expect(dry.followUps.filter((followUp) => followUp.file === 'src/server.test.ts')).toEqual([]);
    expect(dry.claims.fields.map((field) => field.name)).not.toContain('password');
    const result = await runMiddlewareCodemod({ workspace: app, apply: true });
    const module = readFileSync(join(app, result.generatedModule.auth), 'utf8');
    expect(module).toMatch(/export function expressAuth\(/);
    for (const unused of ['koaAuth', 'verifyFastifyRequest', 'dualJwtStrategy', 'scalekitSession', 'scalekitJwtDecode', 'isAuthenticatedRequest', 'authenticateTokenCallback', 'hasAnyRole']) {
      expect(module, unused).not.toMatch(new RegExp(`\\b${unused}\\b`));
    }
    expect(module).toContain('account: {\n      id: legacyNumber(claims.xuid ?? claims.sub),\n    },');
  });
});

describe('runMiddlewareCodemod: follow-ups worth reading', () => {
  it('does not list passport.authorize as role checks, a hashing plugin as a login route, or one unrewritten check once per occurrence', { timeout: 60_000 }, async () => {
    const app = tempDir('skm-noise-');
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'noise', type: 'module', dependencies: { express: '^5.1.0', passport: '^0.7.0', fastify: '^5.0.0', 'fastify-bcrypt': '^1.0.0' } }));
    writeFileSync(
      join(app, 'connect.js'),
      [
        "import passport from 'passport';",
        "import express from 'express';",
        'export const router = express.Router();',
        "router.get('/connect/github', passport.authorize('github'));",
        "router.get('/connect/google', passport.authorize('google'));",
        "router.get('/connect/gitlab', passport.authorize('gitlab'));",
        '',
      ].join('\n'),
    );
    writeFileSync(join(app, 'plugins.js'), "import Fastify from 'fastify';\nexport const app = Fastify();\napp.register(import('fastify-bcrypt'), { saltWorkFactor: 12 });\n");
    const result = await runMiddlewareCodemod({ workspace: app });
    expect(result.followUps.filter((followUp) => followUp.file === 'connect.js' && followUp.kind === 'rbac')).toEqual([]);
    expect(result.followUps.filter((followUp) => followUp.file === 'plugins.js')).toEqual([]);
  });
});

describe('runMiddlewareCodemod: imports in the app\'s own style', () => {
  it('imports the generated module through the app\'s @/ alias instead of ../../ paths', { timeout: 60_000 }, async () => {
    const app = tempDir('skm-alias-');
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'alias', dependencies: { express: '^5.1.0', 'express-jwt': '^8.4.1' } }));
    writeFileSync(join(app, 'tsconfig.json'), '{\n  // comments are allowed here\n  "compilerOptions": { "strict": true, "baseUrl": ".", "paths": { "@/*": ["./src/*"] } }\n}\n');
    mkdirSync(join(app, 'src', 'features', 'billing', 'http'), { recursive: true });
    writeFileSync(
      join(app, 'src', 'features', 'billing', 'http', 'guard.ts'),
      "import { expressjwt } from 'express-jwt';\nexport const guard = expressjwt({ secret: process.env.KEY ?? 'k', algorithms: ['HS256'] });\n",
    );
    const result = await runMiddlewareCodemod({ workspace: app, apply: true });
    expect(result.generatedModule.auth).toBe('src/auth/scalekit.ts');
    expect(readFileSync(join(app, 'src', 'features', 'billing', 'http', 'guard.ts'), 'utf8')).toContain("import { expressAuth } from '@/auth/scalekit';");
  });
});

describe('runMiddlewareCodemod: files it cannot read', () => {
  it('reports an unparsable source file as not examined (result, follow-up and summary) and leaves it as it was', { timeout: 60_000 }, async () => {
    const app = copyFixtureApp('express-nested-claims');
    const broken = "import { expressjwt } from 'express-jwt';\nexport const guard = expressjwt({ secret: 'k', algorithms: ['HS256'] }\nexport function = ;\n";
    writeFileSync(join(app, 'src', 'broken.ts'), broken);
    git(app, ['add', '-A']);
    git(app, ['commit', '-q', '-m', 'a broken file']);
    const result = await runMiddlewareCodemod({ workspace: app, apply: true });
    expect(result.skipped).toEqual([expect.objectContaining({ file: 'src/broken.ts', reason: 'parse-error' })]);
    expect(result.summary.skipped).toBe(1);
    expect(result.followUps).toContainEqual(expect.objectContaining({ file: 'src/broken.ts', kind: 'review', message: expect.stringContaining('not examined by the codemod (parse-error') }));
    expect(readFileSync(join(app, 'src', 'broken.ts'), 'utf8')).toBe(broken);
  });
});
