import { createHash } from 'node:crypto';
import { readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/child.js';
import { testEmulator, writeCalls } from '../helpers/emulator.js';
import { connectInMemory, textOf } from '../helpers/mcp.js';
import { syntheticPackage, writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';
import { restoreScalekitEnvAfterEach } from '../helpers/scalekit-env.js';

restoreScalekitEnvAfterEach();

/** A file outside the workspace that a hostile package points at; it must come out unchanged. */
function victim(): string {
  const path = join(tempDir('skm-outside-'), 'precious.txt');
  writeFileSync(path, 'must not change\n');
  return path;
}

/** Adds a manifest entry whose name walks out of the package folder, with the checksum of what it points at. */
function listEscapingName(dir: string, name: string, content: string): void {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.files[name] = { sha256: createHash('sha256').update(content).digest('hex'), bytes: Buffer.byteLength(content), records: 0 };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

describe('hostile package entries over MCP', () => {
  it('journal.ndjson as a symlink: importOrgs and rollbackImport with confirm refuse it and write nothing outside', async () => {
    const { emulator, env } = await testEmulator();
    Object.assign(process.env, env);
    const workspace = tempDir();
    const dir = join(workspace, '.scalekit-migration', 'package');
    writeTestPackage(dir, syntheticPackage({ organizations: 2, users: 4 }));
    const outside = victim();
    symlinkSync(outside, join(dir, 'journal.ndjson'));
    const { client, close } = await connectInMemory({ root: workspace });

    const imported = (await client.callTool({ name: 'importOrgs', arguments: { confirm: true, rate: 5000 } })) as CallToolResult;
    expect(imported.isError).toBe(true);
    expect(textOf(imported)).toContain(`${join(dir, 'journal.ndjson')} is a symbolic link: package files must be regular files in the package folder`);
    const rolledBack = (await client.callTool({ name: 'rollbackImport', arguments: { confirm: true } })) as CallToolResult;
    expect(rolledBack.isError).toBe(true);
    expect(textOf(rolledBack)).toContain(`${join(dir, 'journal.ndjson')} is a symbolic link`);
    expect(readFileSync(outside, 'utf8')).toBe('must not change\n');
    expect(writeCalls(emulator)).toBe(0);
    await close();
  });

  it('a manifest naming ../ files or a symlinked data file: plan, apply and verify refuse it naming the manifest and the entry', async () => {
    const { emulator, env } = await testEmulator();
    Object.assign(process.env, env);
    const workspace = tempDir();
    const dir = join(workspace, '.scalekit-migration', 'package');
    writeTestPackage(dir, syntheticPackage({ organizations: 2, users: 4 }));
    const outside = victim();
    listEscapingName(dir, '../../../../../../../../dev/zero', '');
    const { client, close } = await connectInMemory({ root: workspace });
    for (const [name, args] of [['importOrgs', {}], ['importOrgs', { confirm: true }], ['verifyImport', {}]] as const) {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      expect(result.isError, name).toBe(true);
      expect(textOf(result)).toContain(`${join(dir, 'manifest.json')}: files: "../../../../../../../../dev/zero" is not a file name inside the package folder`);
    }

    writeTestPackage(dir, syntheticPackage({ organizations: 2, users: 4 }));
    const users = readFileSync(join(dir, 'users.ndjson'));
    writeFileSync(outside, users);
    unlinkSync(join(dir, 'users.ndjson'));
    symlinkSync(outside, join(dir, 'users.ndjson'));
    const linked = (await client.callTool({ name: 'importOrgs', arguments: { confirm: true } })) as CallToolResult;
    expect(linked.isError).toBe(true);
    expect(textOf(linked)).toContain(`${join(dir, 'users.ndjson')} is a symbolic link`);
    expect(writeCalls(emulator)).toBe(0);
    await close();
  });
});

describe('hostile package entries through the CLI (built)', () => {
  it('import --apply and rollback --apply refuse a symlinked journal; verify refuses a ../ entry at once (exit 2, what and where)', async () => {
    const { emulator, env } = await testEmulator();
    const dir = tempDir();
    writeTestPackage(dir, syntheticPackage({ organizations: 2, users: 4 }));
    const outside = victim();
    symlinkSync(outside, join(dir, 'journal.ndjson'));

    const imported = await runCli(['import', '--in', dir, '--apply', '--rate', '5000'], { env });
    expect(imported.status).toBe(2);
    expect(imported.stderr).toContain(`${join(dir, 'journal.ndjson')} is a symbolic link`);
    const rolledBack = await runCli(['rollback', '--in', dir, '--apply'], { env });
    expect(rolledBack.status).toBe(2);
    expect(rolledBack.stderr).toContain(`${join(dir, 'journal.ndjson')} is a symbolic link`);
    expect(readFileSync(outside, 'utf8')).toBe('must not change\n');

    unlinkSync(join(dir, 'journal.ndjson'));
    listEscapingName(dir, '../../etc/hostname', '');
    const verified = await runCli(['verify', '--in', dir], { env });
    expect(verified.status).toBe(2);
    expect(verified.stderr).toContain(`${join(dir, 'manifest.json')}: files: "../../etc/hostname" is not a file name inside the package folder`);
    expect(writeCalls(emulator)).toBe(0);
  });
});
