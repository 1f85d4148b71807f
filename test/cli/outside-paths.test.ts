import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/child.js';
import { copyFixtureApp } from '../helpers/fixture-app.js';
import { connectInMemory, textOf } from '../helpers/mcp.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A project folder (a git repository) and, elsewhere on disk, the user export a person points the CLI at. */
function projectAndOutsideFile(): { project: string; outsideFile: string } {
  const project = tempDir('skm-project-');
  execFileSync('git', ['init', '--quiet', project]);
  const elsewhere = tempDir('skm-srv-');
  const outsideFile = join(elsewhere, 'users.json');
  writeFileSync(outsideFile, JSON.stringify([
    { external_id: 'u1', email: 'ada@example.com', org_external_id: 'o1' },
    { external_id: 'u2', email: 'alan@example.com', org_external_id: 'o1' },
  ]));
  return { project, outsideFile };
}

describe('paths a person types on the command line, and the same paths in an MCP tool call', () => {
  it('CLI: export reads a file outside the current folder; --confine refuses it; the package folder keeps itself out of git', async () => {
    const { project, outsideFile } = projectAndOutsideFile();
    const exported = await runCli(['export', '--source', 'json', '--file', outsideFile, '--json'], { cwd: project });
    expect(exported.status, exported.stderr).toBe(0);
    const result = JSON.parse(exported.stdout) as { packageDir: string; counts: { users: number } };
    expect(result.counts.users).toBe(2);
    expect(result.packageDir).toBe(join(project, '.scalekit-migration', 'package'));

    expect(readFileSync(join(project, '.scalekit-migration', '.gitignore'), 'utf8').split('\n')).toContain('*');
    expect(execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: project, encoding: 'utf8' })).toBe('');

    const confined = await runCli(['export', '--source', 'json', '--file', outsideFile, '--out', 'second', '--confine'], { cwd: project });
    expect(confined.status).toBe(2);
    expect(confined.stderr).toMatch(/file ".*users\.json" resolves to .* outside the workspace/);
    expect(existsSync(join(project, 'second'))).toBe(false);
  });

  it('MCP: exportUsers with the same absolute path is refused, and nothing is written', async () => {
    const { project, outsideFile } = projectAndOutsideFile();
    const { client, close } = await connectInMemory({ root: project });
    try {
      const result = await client.callTool({ name: 'exportUsers', arguments: { source: 'json', file: outsideFile } });
      expect(result.isError).toBe(true);
      expect(textOf(result as never)).toMatch(/file ".*users\.json" resolves to .* outside the workspace/);
      expect(existsSync(join(project, '.scalekit-migration', 'package'))).toBe(false);
    } finally {
      await close();
    }
  });

  it('the audit report folder gets the same .gitignore, and an existing one is left as the user wrote it', async () => {
    const { project } = projectAndOutsideFile();
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'src', 'auth.js'), "const jwt = require('jsonwebtoken');\nmodule.exports = (t) => jwt.verify(t, process.env.JWT_SECRET);\n");
    const audited = await runCli(['audit', project], { cwd: project });
    expect(audited.status, audited.stderr).toBe(0);
    expect(execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: project, encoding: 'utf8' })).toBe('?? src/auth.js\n');

    writeFileSync(join(project, '.scalekit-migration', '.gitignore'), 'audit.md\n');
    expect((await runCli(['audit', project], { cwd: project })).status).toBe(0);
    expect(readFileSync(join(project, '.scalekit-migration', '.gitignore'), 'utf8')).toBe('audit.md\n');
  });

  it('middleware: a --package outside the current folder is read on the CLI, and refused in the MCP tool call', { timeout: 60_000 }, async () => {
    const app = copyFixtureApp('express-jsonwebtoken');
    const packageDir = join(tempDir('skm-srv-'), 'package');
    mkdirSync(packageDir);
    writeFileSync(join(packageDir, 'roles.ndjson'), JSON.stringify({ name: 'org_admin', legacy_name: 'Org Admin' }) + '\n');

    const dry = await runCli(['middleware', '.', '--package', packageDir, '--json'], { cwd: app });
    expect(dry.status, dry.stderr).toBe(0);
    expect((JSON.parse(dry.stdout) as { claims: { roleNames: object } }).claims.roleNames).toEqual({ org_admin: 'Org Admin' });

    const { client, close } = await connectInMemory({ root: app });
    try {
      const refused = await client.callTool({ name: 'updateMiddleware', arguments: { dir: '.', packageDir } });
      expect(refused.isError).toBe(true);
      expect(textOf(refused as never)).toMatch(/packageDir ".*package" resolves to .* outside the workspace/);
    } finally {
      await close();
    }
  });
});
