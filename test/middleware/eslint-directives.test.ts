import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appEslintDirectives } from '../../src/middleware/edit/eslint-directives.js';
import { runMiddlewareCodemod } from '../../src/middleware/run-codemod.js';
import { tempDir } from '../helpers/temp-dir.js';

const projectEslint = dirname(createRequire(import.meta.url).resolve('eslint/package.json'));

/**
 * An app with the real ESLint 9 in its node_modules (a link to this project's copy) and a flat config: `no-console`
 * and `max-len` as asked, and unused disable directives reported, as many apps' configs do.
 */
function appWithLinter(rules: { noConsole?: boolean; maxLen?: number }): string {
  const dir = tempDir('skm-eslint-');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'linted-app', type: 'module', dependencies: { express: '^4.19.0', 'express-jwt': '^8.4.1' } }));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(projectEslint, join(dir, 'node_modules', 'eslint'), 'dir');
  const configured = {
    ...(rules.noConsole ? { 'no-console': 'error' } : {}),
    ...(rules.maxLen ? { 'max-len': ['error', { code: rules.maxLen }] } : {}),
  };
  writeFileSync(
    join(dir, 'eslint.config.js'),
    `export default [{ files: ['**/*.js'], linterOptions: { reportUnusedDisableDirectives: 'error' }, rules: ${JSON.stringify(configured)} }];\n`,
  );
  return dir;
}

const MODULE = '/* eslint-disable */\n// generated\nexport const a = 1;\n// eslint-disable-next-line no-console\nconsole.log(a);\n';

describe('ESLint directives of the generated modules', () => {
  it('drops the blanket directive when the module lints clean under the app\'s config, so no unused directive is reported', async () => {
    const dir = appWithLinter({});
    const text = await appEslintDirectives(dir)!(join(dir, 'src/auth/scalekit.js'), MODULE);
    expect(text).toBe('// generated\nexport const a = 1;\nconsole.log(a);\n');
  });

  it('names exactly the rules that fire, in place of the blanket directive', async () => {
    const dir = appWithLinter({ noConsole: true, maxLen: 16 });
    const text = await appEslintDirectives(dir)!(join(dir, 'src/auth/scalekit.js'), MODULE);
    expect(text.split('\n')[0]).toBe('/* eslint-disable max-len, no-console */');
    expect(text).not.toMatch(/eslint-disable-next-line|eslint-disable \*\//);
  });

  it('keeps the blanket directive when the app\'s linter cannot read the module or is not installed', async () => {
    const dir = appWithLinter({});
    expect(await appEslintDirectives(dir)!(join(dir, 'x.js'), MODULE + 'const = ;\n')).toBe(MODULE + 'const = ;\n');
    const bare = tempDir('skm-no-eslint-');
    writeFileSync(join(bare, 'package.json'), '{}');
    expect(appEslintDirectives(bare)).toBeUndefined();
  });

  it('applies to the modules the codemod writes: a clean module under the app\'s config carries no directive', { timeout: 60_000 }, async () => {
    const dir = appWithLinter({ noConsole: true });
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'app.js'), "import express from 'express';\nimport { expressjwt } from 'express-jwt';\n\nexport const app = express();\napp.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }));\napp.get('/me', (req, res) => res.json({ id: req.auth.sub }));\n");
    const result = await runMiddlewareCodemod({ workspace: dir, apply: true });
    expect(result.failures).toEqual([]);
    const generated = readFileSync(join(dir, result.generatedModule.auth), 'utf8');
    expect(generated).toMatch(/^\/\/ /);
    expect(generated).not.toContain('eslint-disable');
  });
});
