import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/audit/engine/analyze-file.js';
import { discoverFiles } from '../../src/audit/engine/discover.js';
import { Prefilter } from '../../src/audit/engine/prefilter.js';
import { runAudit } from '../../src/audit/engine/run-audit.js';
import { RULES } from '../../src/audit/rules/registry.js';
import { UserInputError } from '../../src/errors.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeTree } from '../helpers/tree.js';

const VERIFY = "import jwt from 'jsonwebtoken';\nexport const check = (t: string) => jwt.verify(t, process.env.JWT_SECRET!);\n";

describe('discovery', () => {
  it('honours .gitignore files (root and nested), the default ignores and never follows symlinks', async () => {
    const root = tempDir();
    const outside = tempDir();
    writeTree(outside, { 'secret.ts': VERIFY });
    writeTree(root, {
      '.gitignore': 'tmp/\n*.generated.ts\n',
      'src/app.ts': VERIFY,
      'src/types.d.ts': 'export type A = string;\n',
      'src/api.generated.ts': VERIFY,
      'tmp/scratch.ts': VERIFY,
      'packages/web/.gitignore': 'legacy/\n!legacy/keep.ts\n',
      'packages/web/legacy/old.ts': VERIFY,
      'packages/web/src/page.tsx': VERIFY,
      'node_modules/jsonwebtoken/index.js': VERIFY,
      'dist/app.js': VERIFY,
      'build/app.js': VERIFY,
      '.next/server/app.js': VERIFY,
      'coverage/lcov.js': VERIFY,
      'vendor/lib.php': '<?php Auth::attempt($c);',
      'public/app.min.js': VERIFY,
      'README.md': 'jwt.verify everywhere',
      'app/models.py': 'class User(models.Model):\n    pass\n',
    });
    symlinkSync(outside, join(root, 'linked-dir'));
    symlinkSync(join(outside, 'secret.ts'), join(root, 'src', 'linked.ts'));
    const { files, gitignored } = await discoverFiles(root);
    expect(files).toEqual(['app/models.py', 'packages/web/src/page.tsx', 'src/app.ts']);
    expect(gitignored).toBeGreaterThanOrEqual(1);
  });

  it("leaves out a package's maintenance scripts (scripts/ beside a manifest) but not a scripts folder inside the app", async () => {
    const root = tempDir();
    const clearSessions = "import { store } from '../src/sessions.js';\nawait store.destroyAll();\n";
    writeTree(root, {
      'package.json': '{"name":"root"}\n',
      'scripts/clear-sessions.mjs': clearSessions,
      'scripts/oauth/create-token.mjs': VERIFY,
      'services/api/package.json': '{"name":"api"}\n',
      'services/api/scripts/seed-admin.ts': VERIFY,
      'services/api/src/app/api/scripts/route.ts': VERIFY,
      'services/api/src/check.ts': VERIFY,
      'backend/pyproject.toml': '[project]\nname = "backend"\n',
      'backend/scripts/prestart.py': 'import jwt\n',
      'tools/scripts/rotate.ts': VERIFY,
      'web/script/reset.rb': 'User.find(1).reset_password!\n',
    });
    const { files, packageScripts } = await discoverFiles(root);
    expect(files).toEqual(['services/api/src/app/api/scripts/route.ts', 'services/api/src/check.ts', 'tools/scripts/rotate.ts', 'web/script/reset.rb']);
    expect(packageScripts).toBe(4);
  });

  it('leaves out stories/ folders of a package with a Storybook setup, not a stories feature of an app without one', async () => {
    const root = tempDir();
    const unlinkCall = "export const unlink = () => fetch('/user/oauth-unlink', { method: 'POST' });\n";
    writeTree(root, {
      'web/package.json': '{"name":"web"}\n',
      'web/.storybook/main.js': 'module.exports = {};\n',
      'web/frontend/stories/helpers/linking.js': unlinkCall,
      'web/frontend/src/linking.js': unlinkCall,
      'blog/package.json': '{"name":"blog"}\n',
      'blog/src/stories/editor.js': unlinkCall,
    });
    const { files, storybookStories } = await discoverFiles(root);
    expect(files).toEqual(['blog/src/stories/editor.js', 'web/frontend/src/linking.js']);
    expect(storybookStories).toBe(1);
  });
});

describe('robustness: one bad file never fails the audit', () => {
  it('skips binary, huge, minified and unparsable files with a note and audits the rest', async () => {
    const root = tempDir();
    const binary = new Uint8Array([0x6a, 0x77, 0x74, 0x00, 0x01, 0x02]);
    writeTree(root, {
      'src/good.ts': VERIFY,
      'src/broken.ts': "import jwt from 'jsonwebtoken';\nexport function x( {\n  return jwt.verify(\n",
      'src/blob.js': binary,
      'src/huge.ts': '// jwt.verify\n' + 'x'.repeat(2048) + '\n',
      'src/bundle.js': 'var jwt=require("jsonwebtoken");' + 'a=1;'.repeat(30_000),
      'src/also-good.py': 'import jwt\n\ntoken = jwt.encode({"sub": "1"}, key, algorithm="HS256")\n',
    });
    const report = await runAudit({ root, workers: 0, maxFileBytes: 1024 });
    const skipped = Object.fromEntries(report.skipped.map((entry) => [entry.file, entry.reason]));
    expect(skipped).toEqual({ 'src/blob.js': 'binary', 'src/broken.ts': 'parse-error', 'src/bundle.js': 'too-large', 'src/huge.ts': 'too-large' });
    expect(report.skipped.find((entry) => entry.file === 'src/broken.ts')!.detail).toMatch(/^syntax error at \d+:\d+: /);
    expect(report.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)).toEqual([
      'src/also-good.py:3 python.pyjwt.token',
      'src/good.ts:2 js.jsonwebtoken.verify',
      'src/good.ts:2 js.env.auth-config',
    ]);

    const roomy = await runAudit({ root, workers: 0 });
    expect(roomy.skipped.find((entry) => entry.file === 'src/bundle.js')).toMatchObject({ reason: 'minified' });
    expect(roomy.skipped.find((entry) => entry.file === 'src/huge.ts')).toBeUndefined();
  });

  it('notes a file that cannot be read', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'weird.ts'));
    const result = analyzeFile(root, 'weird.ts', { maxFileBytes: 1024 * 1024 });
    expect(result.skipped).toMatchObject({ file: 'weird.ts', reason: 'unreadable' });
    expect(result.skipped!.detail).toMatch(/EISDIR/);
  });

  it('refuses a folder that does not exist, naming it', async () => {
    await expect(runAudit({ root: '/no/such/folder', workers: 0 })).rejects.toThrow(UserInputError);
    await expect(runAudit({ root: '/no/such/folder', workers: 0 })).rejects.toThrow(/\/no\/such\/folder/);
  });
});

describe('keyword prefilter', () => {
  it('activates rules whose keywords overlap others and leaves files without keywords unparsed', () => {
    const prefilter = new Prefilter(RULES.filter((rule) => rule.ecosystem === 'javascript'));
    const active = prefilter.activeRules('const header = req.headers.authorization;').map((rule) => rule.id);
    expect(active).toContain('js.request.authorization-header');
    expect(prefilter.activeRules('export const sum = (a: number, b: number) => a + b;\n')).toEqual([]);
  });

  it('reports files it did not need to parse as scanned but not analyzed', async () => {
    const root = tempDir();
    writeTree(root, { 'a.ts': 'export const sum = (a: number, b: number) => a + b;\n', 'b.ts': VERIFY });
    const report = await runAudit({ root, workers: 0 });
    expect(report).toMatchObject({ filesScanned: 2, filesAnalyzed: 1 });
  });
});

describe('ordering', () => {
  it('orders findings by file (code points), line, column and rule, the same on every run', async () => {
    const root = tempDir();
    writeTree(root, { 'b.ts': VERIFY, 'B.ts': VERIFY, 'a/z.ts': VERIFY, 'a.ts': VERIFY });
    const first = await runAudit({ root, workers: 0 });
    const second = await runAudit({ root, workers: 0 });
    expect(first.findings).toEqual(second.findings);
    expect([...new Set(first.findings.map((finding) => finding.file))]).toEqual(['B.ts', 'a.ts', 'a/z.ts', 'b.ts']);
  });
});

describe('worker threads (opt-in)', () => {
  it('give the same report as one thread', async () => {
    const { repoRoot } = await import('../helpers/cli.js');
    const root = join(repoRoot, 'test', 'fixtures', 'apps');
    const single = await runAudit({ root, workers: 0 });
    const threaded = await runAudit({ root, workers: 2 });
    expect(threaded.findings).toEqual(single.findings);
    expect(threaded.dataModel).toEqual(single.dataModel);
    expect(threaded.skipped).toEqual(single.skipped);
  });
});
