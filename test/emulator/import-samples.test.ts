import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { repoRoot } from '../helpers/cli.js';
import { startTestEmulator } from '../helpers/emulator.js';

const run = promisify(execFile);
const NODE_SAMPLE = join(repoRoot, 'samples/import/node/import-one.mjs');
const CURL_SAMPLE = join(repoRoot, 'samples/import/curl/import-one.sh');

async function runSample(emulator: Emulator, sample: 'node' | 'curl', extraEnv: Record<string, string> = {}) {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    SCALEKIT_ENVIRONMENT_URL: emulator.url,
    SCALEKIT_CLIENT_ID: emulator.clientId,
    SCALEKIT_CLIENT_SECRET: emulator.clientSecret,
    ...extraEnv,
  };
  const { stdout, stderr } =
    sample === 'node'
      ? await run(process.execPath, [NODE_SAMPLE], { env, cwd: repoRoot })
      : await run('bash', [CURL_SAMPLE], { env, cwd: repoRoot });
  expect(stdout + stderr).not.toContain(emulator.clientSecret);
  return JSON.parse(stdout) as {
    organization: { action: string; id: string };
    user: { action: string; id: string };
    membership: { action: string; roles: string[] };
    roles: { created: string[]; existing: string[] };
    warnings: string[];
  };
}

/** What a person checks after an import: the org with its metadata, the user ACTIVE with the role, no invitation. */
function expectImported(emulator: Emulator, roles = ['admin']) {
  const state = emulator.state();
  expect(state.organizations).toEqual([
    expect.objectContaining({ external_id: 'legacy-org-1', display_name: 'Acme Corp', metadata: { legacy_plan: 'enterprise' } }),
  ]);
  expect(state.users).toEqual([
    expect.objectContaining({ external_id: 'legacy-user-1', email: 'ada@example.com', given_name: 'Ada', family_name: 'Lovelace', email_verified: true }),
  ]);
  expect(state.memberships).toEqual([
    expect.objectContaining({ user_id: state.users[0]!.id, organization_id: state.organizations[0]!.id, status: 'ACTIVE', roles }),
  ]);
  expect(state.invitations).toEqual([]);
  expect(emulator.counters().invitationsSent).toBe(0);
}

function writesSince(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after).filter((m) => /^(Create|Update|Delete|Assign)/.test(m) && after[m] !== (before[m] ?? 0));
}

describe('the import samples of IMPORT-SAMPLES.md against the emulator', () => {
  for (const sample of ['node', 'curl'] as const) {
    it(`${sample}: imports one organization and one user with their role, and a second run changes nothing`, async () => {
      const emulator = await startTestEmulator();
      const first = await runSample(emulator, sample);
      expect(first).toMatchObject({
        organization: { action: 'created' },
        user: { action: 'created' },
        membership: { action: 'roles-set', roles: ['admin'] },
        roles: { created: [], existing: ['admin'] },
        warnings: [],
      });
      expectImported(emulator);

      const state = emulator.state();
      const before = emulator.counters().methods;
      const second = await runSample(emulator, sample);
      expect(second).toMatchObject({ organization: { action: 'unchanged' }, user: { action: 'unchanged' }, membership: { action: 'unchanged' }, warnings: [] });
      expect(writesSince(before, emulator.counters().methods)).toEqual([]);
      expect(emulator.state()).toEqual(state);
    });
  }

  it('the two samples agree: after the Node sample the cURL sample finds nothing to do', async () => {
    const emulator = await startTestEmulator();
    await runSample(emulator, 'node');
    const before = emulator.counters().methods;
    const curl = await runSample(emulator, 'curl');
    expect(curl).toMatchObject({ organization: { action: 'unchanged' }, user: { action: 'unchanged' }, membership: { action: 'unchanged' } });
    expect(writesSince(before, emulator.counters().methods)).toEqual([]);
    expectImported(emulator);
  });

  it('cURL: creates a missing role first and repairs roles that differ', async () => {
    const emulator = await startTestEmulator();
    const first = await runSample(emulator, 'curl', { USER_ROLES: 'support_agent' });
    expect(first.roles).toEqual({ created: ['support_agent'], existing: [] });
    expect(emulator.state().roles.find((r) => r.name === 'support_agent')).toMatchObject({ display_name: 'Support Agent' });
    expectImported(emulator, ['support_agent']);
    const repaired = await runSample(emulator, 'curl', { USER_ROLES: 'admin,support_agent' });
    expect(repaired.membership.action).toBe('roles-set');
    expect(emulator.state().memberships[0]?.roles.sort()).toEqual(['admin', 'support_agent']);
  });
});
