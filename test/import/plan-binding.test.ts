import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/import/run-import.js';
import { SCALEKIT_ENV_VARS } from '../../src/scalekit/client.js';
import { testEmulator, writeCalls } from '../helpers/emulator.js';
import { runCli } from '../helpers/child.js';
import { connectInMemory, textOf } from '../helpers/mcp.js';
import { syntheticPackage, writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

const FAST = { rate: 5000, concurrency: 8 };

/** The same package with one user's role changed: what someone editing the folder between plan and apply does. */
function edited(dir: string): void {
  const content = syntheticPackage({ organizations: 2, users: 6 });
  content.users[0]!.memberships[0]!.roles = ['admin'];
  content.users[1]!.memberships[0]!.roles = ['admin'];
  writeTestPackage(dir, content);
}

describe('apply bound to the plan that was shown', () => {
  it('refuses to apply a package edited after its plan, and applies once planned again', async () => {
    const { emulator, connection } = await testEmulator();
    const dir = tempDir();
    writeTestPackage(dir, syntheticPackage({ organizations: 2, users: 6 }));
    const plan = await runImport({ packageDir: dir, apply: false, connection, ...FAST });
    edited(dir);

    await expect(runImport({ packageDir: dir, apply: true, connection, ...FAST })).rejects.toThrow(
      new RegExp(`the package in ${dir} changed after its last plan \\(import-plan\\.json shows package digest ${plan.packageDigest.slice(0, 12)}…, the package now has [0-9a-f]{12}…\\)`),
    );
    await expect(runImport({ packageDir: dir, apply: true, connection, planDigest: plan.packageDigest, ...FAST })).rejects.toThrow(
      `is not the one the plan showed: the plan was for package digest ${plan.packageDigest.slice(0, 12)}…`,
    );
    expect(writeCalls(emulator)).toBe(0);
    expect(existsSync(join(dir, 'journal.ndjson'))).toBe(false);

    const replanned = await runImport({ packageDir: dir, apply: false, connection, ...FAST });
    expect(replanned.packageDigest).not.toBe(plan.packageDigest);
    const applied = await runImport({ packageDir: dir, apply: true, connection, planDigest: replanned.packageDigest, ...FAST });
    expect(applied.counts.users.create).toBe(6);
  });

  it('over MCP: the plan shows the digest; confirm with a stale planDigest is refused with the reason', async () => {
    const saved = Object.fromEntries(SCALEKIT_ENV_VARS.map((name) => [name, process.env[name]]));
    const { emulator, env } = await testEmulator();
    Object.assign(process.env, env);
    try {
      const workspace = tempDir();
      const dir = join(workspace, '.scalekit-migration', 'package');
      writeTestPackage(dir, syntheticPackage({ organizations: 2, users: 6 }));
      const { client, close } = await connectInMemory({ root: workspace });
      const plan = (await client.callTool({ name: 'importOrgs', arguments: {} })) as CallToolResult;
      const digest = (plan.structuredContent as { packageDigest: string }).packageDigest;
      expect(textOf(plan)).toContain(`Package digest: ${digest}`);
      edited(dir);
      const refused = (await client.callTool({ name: 'importOrgs', arguments: { confirm: true, planDigest: digest, rate: 5000 } })) as CallToolResult;
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toContain('is not the one the plan showed');
      expect(writeCalls(emulator)).toBe(0);
      await close();
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('an apply with no plan at all is refused over MCP and the CLI, unless the user says withoutPlan; a resume needs no new plan', async () => {
    const saved = Object.fromEntries(SCALEKIT_ENV_VARS.map((name) => [name, process.env[name]]));
    const { emulator, env } = await testEmulator();
    Object.assign(process.env, env);
    try {
      const workspace = tempDir();
      const dir = join(workspace, '.scalekit-migration', 'package');
      writeTestPackage(dir, syntheticPackage({ organizations: 2, users: 6 }));
      const { client, close } = await connectInMemory({ root: workspace });
      const refused = (await client.callTool({ name: 'importOrgs', arguments: { confirm: true, rate: 5000 } })) as CallToolResult;
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toContain('no plan was made for the package');
      expect(textOf(refused)).toContain('apply with its packageDigest as `planDigest`. To apply without a plan on purpose, say so: `withoutPlan`.');
      expect(textOf(refused)).not.toMatch(/--[a-z]/);
      expect(writeCalls(emulator)).toBe(0);
      const applied = (await client.callTool({ name: 'importOrgs', arguments: { confirm: true, withoutPlan: true, rate: 5000 } })) as CallToolResult;
      expect(applied.isError).toBeFalsy();
      expect(applied.structuredContent).toMatchObject({ mode: 'apply', counts: { users: { create: 6 } } });
      await close();

      const cliDir = tempDir();
      writeTestPackage(cliDir, syntheticPackage({ organizations: 2, users: 4, prefix: 'c' }));
      const before = writeCalls(emulator);
      const cliRefused = await runCli(['import', '--in', cliDir, '--apply', '--rate', '5000'], { env });
      expect(cliRefused.status).toBe(2);
      expect(cliRefused.stderr).toContain(`no plan was made for the package in ${cliDir}`);
      expect(writeCalls(emulator)).toBe(before);
      // Planned (the plan is saved beside the package), the same command applies; so does a resume of it.
      expect((await runCli(['import', '--in', cliDir], { env })).status).toBe(0);
      expect((await runCli(['import', '--in', cliDir, '--apply', '--rate', '5000'], { env })).status).toBe(0);
      expect(existsSync(join(cliDir, 'journal.ndjson'))).toBe(true);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
