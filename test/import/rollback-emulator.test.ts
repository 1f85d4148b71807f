import { describe, expect, it } from 'vitest';
import type { EmulatorState } from '../../src/emulator/index.js';
import { runImport } from '../../src/import/run-import.js';
import { runRollback } from '../../src/import/rollback.js';
import { runVerify } from '../../src/import/verify.js';
import { createScalekitClient } from '../../src/scalekit/client.js';
import { ScalekitManagementApi } from '../../src/scalekit/management-api.js';
import { testEmulator } from '../helpers/emulator.js';
import { writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

const FAST = { rate: 5000, concurrency: 8 };

const seed = {
  organizations: [{ id: 'org_preexisting', external_id: 'o-pre', display_name: 'Pre-existing Co', metadata: { crm_id: '77' } }],
  users: [
    {
      id: 'usr_preexisting000001',
      email: 'pre@example.com',
      external_id: 'u-pre',
      given_name: 'Pre',
      email_verified: true,
      memberships: [{ organization_external_id: 'o-pre', roles: ['member'] }],
    },
    { id: 'usr_bystander00000001', email: 'bystander@example.com', memberships: [{ organization_external_id: 'o-pre' }] },
  ],
};

function importPackage(): string {
  const dir = tempDir();
  writeTestPackage(dir, {
    roles: [{ name: 'lead', display_name: 'Lead', permissions: ['reports:read'] }],
    organizations: [
      { external_id: 'o-pre', display_name: 'Pre-existing Co', metadata: { plan: 'pro' } },
      { external_id: 'o-new', display_name: 'New Co' },
    ],
    users: [
      {
        external_id: 'u-pre',
        email: 'pre@example.com',
        first_name: 'Pre',
        email_verified: true,
        memberships: [
          { org_external_id: 'o-pre', roles: ['member'] },
          { org_external_id: 'o-new', roles: ['lead'] },
        ],
      },
      { external_id: 'u-new', email: 'new@example.com', email_verified: true, memberships: [{ org_external_id: 'o-new', roles: ['lead'] }] },
    ],
  });
  return dir;
}

/** The parts of the state a rollback must restore, without timestamps. */
function shape(state: EmulatorState) {
  return {
    organizations: state.organizations.map((org) => [org.id, org.external_id, org.display_name]),
    users: state.users.map((user) => [user.id, user.external_id, user.email]),
    memberships: state.memberships.map((membership) => [membership.user_id, membership.organization_id, membership.roles, membership.status]),
    roles: state.roles.map((role) => role.name).sort(),
    permissions: state.permissions.map((permission) => permission.name).sort(),
  };
}

describe('rollback against the emulator', () => {
  it('deletes exactly what the import created, memberships first, and never a pre-existing entity', async () => {
    const { emulator, connection } = await testEmulator({ seed });
    const before = shape(emulator.state());
    const dir = importPackage();
    const imported = await runImport({ packageDir: dir, apply: true, connection, ...FAST });
    expect(imported.failures.total).toBe(0);
    expect((await runVerify({ packageDir: dir, connection, rate: 5000 })).ok).toBe(true);

    const plan = await runRollback({ packageDir: dir, apply: false, connection, ...FAST });
    expect(plan.mode).toBe('plan');
    expect(plan.counts).toEqual({
      memberships: { delete: 1, alreadyGone: 0, blocked: 0, failed: 0, pending: 0 },
      users: { delete: 1, alreadyGone: 0, blocked: 0, failed: 0, pending: 0 },
      organizations: { delete: 1, alreadyGone: 0, blocked: 0, failed: 0, pending: 0 },
      roles: { delete: 1, alreadyGone: 0, blocked: 0, failed: 0, pending: 0 },
      permissions: { delete: 1, alreadyGone: 0, blocked: 0, failed: 0, pending: 0 },
    });
    expect(plan.updatesNotReverted).toBe(1);
    expect(shape(emulator.state())).not.toEqual(before);

    const applied = await runRollback({ packageDir: dir, apply: true, connection, ...FAST });
    expect(applied.failures.total).toBe(0);
    expect(shape(emulator.state())).toEqual(before);
    // The pre-existing organization keeps the metadata the import added: a rollback deletes, it does not revert.
    expect(emulator.state().organizations[0]!.metadata).toEqual({ crm_id: '77', plan: 'pro' });

    const nothingLeft = await runRollback({ packageDir: dir, apply: false, connection, ...FAST });
    expect(Object.values(nothingLeft.counts).every((counts) => counts.delete === 0)).toBe(true);
    const verify = await runVerify({ packageDir: dir, connection, rate: 5000 });
    expect(verify.mismatches.byKind).toMatchObject({ 'role.missing': 1, 'organization.missing': 1, 'user.missing': 1 });

    const again = await runImport({ packageDir: dir, apply: true, connection, ...FAST });
    expect(again.counts.users).toMatchObject({ create: 1, unchanged: 1 });
    expect((await runVerify({ packageDir: dir, connection, rate: 5000 })).ok).toBe(true);
    const second = await runRollback({ packageDir: dir, apply: true, connection, ...FAST });
    expect(second.counts.users.delete).toBe(1);
    expect(shape(emulator.state())).toEqual(before);
  });

  it('leaves an organization that gained members from elsewhere unless forced', async () => {
    const { emulator, connection } = await testEmulator({ seed });
    const dir = importPackage();
    await runImport({ packageDir: dir, apply: true, connection, ...FAST });
    const api = new ScalekitManagementApi(createScalekitClient(connection));
    const newOrg = emulator.state().organizations.find((org) => org.external_id === 'o-new')!;
    await api.createMembership(newOrg.id, 'usr_bystander00000001', { roles: ['lead'], metadata: {} });

    const plan = await runRollback({ packageDir: dir, apply: true, connection, ...FAST });
    expect(plan.counts.organizations).toMatchObject({ delete: 0, blocked: 1 });
    expect(plan.counts.roles).toMatchObject({ delete: 0, blocked: 1 });
    expect(plan.blocked.samples.map((sample) => sample.code)).toEqual(['organization-has-other-members', 'role-in-use', 'permission-in-use']);
    expect(emulator.state().organizations.some((org) => org.id === newOrg.id)).toBe(true);
    expect(emulator.state().memberships.some((membership) => membership.user_id === 'usr_bystander00000001' && membership.organization_id === newOrg.id)).toBe(true);

    const forced = await runRollback({ packageDir: dir, apply: true, force: true, connection, ...FAST });
    expect(forced.counts.organizations.delete).toBe(1);
    expect(emulator.state().organizations.map((org) => org.external_id)).toEqual(['o-pre']);
  });
});
