import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appEslintDirectives } from '../../src/middleware/edit/eslint-directives.js';
import { runMiddlewareCodemod } from '../../src/middleware/run-codemod.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * The app's linter, with ESLint's Node API (`new ESLint({ cwd })`, `lintText(text, { filePath })`): this one reads
 * its rules from the app's lint-rules.json — `max-len` (longest line) and `no-console` — and, like an ESLint config
 * that reports unused directives, flags an `eslint-disable` comment that silences nothing; text it cannot read is a
 * fatal parse message without a rule id.
 */
const LINTER = `
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
class ESLint {
  constructor({ cwd }) { this.rules = JSON.parse(readFileSync(join(cwd, 'lint-rules.json'), 'utf8')); }
  async lintText(text) {
    if (text.includes('@@unparsable@@')) return [{ messages: [{ ruleId: null, severity: 2, message: 'Parsing error' }] }];
    const disabled = /\\/\\* eslint-disable \\*\\//.test(text) ? 'all' : (/\\/\\* eslint-disable ([^*]+) \\*\\//.exec(text)?.[1].split(', ') ?? []);
    const found = [];
    if (this.rules['max-len'] && text.split('\\n').some((line) => line.length > this.rules['max-len'])) found.push('max-len');
    if (this.rules['no-console'] && /console\\./.test(text)) found.push('no-console');
    const messages = found.filter((rule) => disabled !== 'all' && !disabled.includes(rule)).map((ruleId) => ({ ruleId, severity: 1 }));
    if (disabled === 'all' && found.length === 0) messages.push({ ruleId: null, severity: 1, message: 'Unused eslint-disable directive' });
    return [{ messages }];
  }
}
module.exports = { ESLint };
`;

function appWithLinter(rules: Record<string, unknown>): string {
  const dir = tempDir('skm-eslint-');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'linted-app', type: 'module', dependencies: { express: '^4.19.0', 'express-jwt': '^8.4.1' } }));
  mkdirSync(join(dir, 'node_modules', 'eslint'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'eslint', 'package.json'), JSON.stringify({ name: 'eslint', version: '9.0.0', main: 'index.js' }));
  writeFileSync(join(dir, 'node_modules', 'eslint', 'index.js'), LINTER);
  writeFileSync(join(dir, 'lint-rules.json'), JSON.stringify(rules));
  return dir;
}

const MODULE = '/* eslint-disable */\n// generated\nexport const a = 1;\n// eslint-disable-next-line no-console\nconsole.log(a);\n';

describe('ESLint directives of the generated modules', () => {
  it('drops the blanket directive when the module lints clean under the app\'s config, so no unused directive is reported', async () => {
    const lint = appEslintDirectives(appWithLinter({}))!;
    const text = await lint('/app/src/auth/scalekit.js', MODULE);
    expect(text).toBe('// generated\nexport const a = 1;\nconsole.log(a);\n');
  });

  it('names exactly the rules that fire, in place of the blanket directive', async () => {
    const lint = appEslintDirectives(appWithLinter({ 'no-console': true, 'max-len': 16 }))!;
    const text = await lint('/app/src/auth/scalekit.js', MODULE);
    expect(text.split('\n')[0]).toBe('/* eslint-disable max-len, no-console */');
    expect(text).not.toMatch(/eslint-disable-next-line|eslint-disable \*\//);
  });

  it('keeps the blanket directive when the app\'s linter cannot read the module or is not installed', async () => {
    const lint = appEslintDirectives(appWithLinter({}))!;
    expect(await lint('/app/x.js', MODULE + '@@unparsable@@\n')).toBe(MODULE + '@@unparsable@@\n');
    const bare = tempDir('skm-no-eslint-');
    writeFileSync(join(bare, 'package.json'), '{}');
    expect(appEslintDirectives(bare)).toBeUndefined();
  });

  it('applies to the modules the codemod writes: a clean module under the app\'s config carries no directive', { timeout: 60_000 }, async () => {
    const dir = appWithLinter({ 'no-console': true });
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'app.js'), "import express from 'express';\nimport { expressjwt } from 'express-jwt';\n\nexport const app = express();\napp.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }));\napp.get('/me', (req, res) => res.json({ id: req.auth.sub }));\n");
    const result = await runMiddlewareCodemod({ workspace: dir, apply: true });
    expect(result.failures).toEqual([]);
    const generated = readFileSync(join(dir, result.generatedModule.auth), 'utf8');
    expect(generated).toMatch(/^\/\/ /);
    expect(generated).not.toContain('eslint-disable');
  });
});
