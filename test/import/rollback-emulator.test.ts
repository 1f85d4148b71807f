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
      domains: { delete: 0, restore: 0, alreadyGone: 0, blocked: 0, failed: 0, pending: 0 },
      memberships: { delete: 1, restore: 0, alreadyGone: 0, blocked: 0, failed: 0, pending: 0 },
      users: { delete: 1, restore: 0, alreadyGone: 0, blocked: 0, failed: 0, pending: 0 },
      organizations: { delete: 1, restore: 1, alreadyGone: 0, blocked: 0, failed: 0, pending: 0 },
      roles: { delete: 1, restore: 0, alreadyGone: 0, blocked: 0, failed: 0, pending: 0 },
      permissions: { delete: 1, restore: 0, alreadyGone: 0, blocked: 0, failed: 0, pending: 0 },
    });
    expect(plan.updatesNotReverted).toBe(0);
    expect(shape(emulator.state())).not.toEqual(before);

    const applied = await runRollback({ packageDir: dir, apply: true, connection, ...FAST });
    expect(applied.failures.total).toBe(0);
    expect(applied.complete).toBe(true);
    expect(shape(emulator.state())).toEqual(before);
    // The metadata key the import added to the pre-existing organization is taken away again.
    expect(emulator.state().organizations[0]!.metadata).toEqual({ crm_id: '77' });

    const nothingLeft = await runRollback({ packageDir: dir, apply: false, connection, ...FAST });
    expect(Object.values(nothingLeft.counts).every((counts) => counts.delete === 0 && counts.restore === 0)).toBe(true);
    expect(nothingLeft.next).toBe('Nothing this package created or changed is left in Scalekit.');
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
    expect(plan.complete).toBe(false);
    expect(plan.next).toMatch(/^Rollback NOT complete: 3 item\(s\) are blocked/);
    expect(emulator.state().organizations.some((org) => org.id === newOrg.id)).toBe(true);
    expect(emulator.state().memberships.some((membership) => membership.user_id === 'usr_bystander00000001' && membership.organization_id === newOrg.id)).toBe(true);

    const forced = await runRollback({ packageDir: dir, apply: true, force: true, connection, ...FAST });
    expect(forced.counts.organizations.delete).toBe(1);
    expect(emulator.state().organizations.map((org) => org.external_id)).toEqual(['o-pre']);
  });

  it('puts back the fields the import overwrote on pre-existing entities, and leaves fields someone changed since unless forced', async () => {
    const { emulator, connection } = await testEmulator({
      seed: {
        roles: [
          { name: 'admin', display_name: 'Admin', description: 'Organization administrator', default_creator: true },
          { name: 'member', display_name: 'Member', description: 'Organization member', default_member: true },
        ],
        organizations: [{ id: 'org_acme', external_id: 'o-acme', display_name: 'Acme Inc', metadata: { crm_id: '77', plan: 'free' } }],
        users: [
          { id: 'usr_ada00000000000001', email: 'ada@example.com', external_id: 'u-ada', given_name: 'Ada', family_name: 'L', memberships: [{ organization_external_id: 'o-acme', roles: ['admin'] }] },
          { id: 'usr_bob00000000000001', email: 'bob@example.com', external_id: 'u-bob', given_name: 'Bob', memberships: [{ organization_external_id: 'o-acme', roles: ['member'] }] },
        ],
      },
    });
    const before = emulator.state();
    const dir = tempDir();
    writeTestPackage(dir, {
      roles: [{ name: 'admin', display_name: 'Administrator', description: 'Organization administrator' }],
      organizations: [{ external_id: 'o-acme', display_name: 'ACME Corporation', metadata: { plan: 'pro', region: 'eu' } }],
      users: [
        // The import downgrades Ada's membership admin -> member and renames her.
        { external_id: 'u-ada', email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace', email_verified: true, memberships: [{ org_external_id: 'o-acme', roles: ['member'] }] },
        { external_id: 'u-bob', email: 'bob@example.com', first_name: 'Robert', email_verified: true, memberships: [{ org_external_id: 'o-acme', roles: ['admin'] }] },
      ],
    });
    const imported = await runImport({ packageDir: dir, apply: true, connection, ...FAST });
    expect(imported.failures.total).toBe(0);
    expect(emulator.state().memberships.find((m) => m.user_id === 'usr_ada00000000000001')!.roles).toEqual(['member']);
    // After the import, a person renames Bob again: the rollback must not undo that.
    const api = new ScalekitManagementApi(createScalekitClient(connection));
    await api.updateUser('usr_bob00000000000001', { givenName: 'Rob', metadata: {} });

    const plan = await runRollback({ packageDir: dir, apply: false, connection, ...FAST });
    expect(plan.counts.roles.restore).toBe(1);
    expect(plan.counts.organizations.restore).toBe(1);
    expect(plan.counts.users.restore).toBe(1);
    expect(plan.counts.memberships.restore).toBe(2);
    expect(plan.blocked.samples).toEqual([
      {
        entity: 'users',
        id: 'usr_bob00000000000001',
        key: 'u-bob',
        code: 'changed-since-import',
        detail: 'givenName of usr_bob00000000000001 changed since the import set them; left as they are (force to put back the values from before the import)',
      },
    ]);

    const applied = await runRollback({ packageDir: dir, apply: true, connection, ...FAST });
    expect(applied.failures.total).toBe(0);
    expect(applied.complete).toBe(false);
    expect(applied.updatesNotReverted).toBe(1);
    expect(applied.next).toMatch(/^Rollback NOT complete: 1 item\(s\) are blocked/);
    const after = emulator.state();
    expect(after.organizations).toEqual(before.organizations.map((org) => ({ ...org, update_time: after.organizations[0]!.update_time })));
    expect(after.roles.find((role) => role.name === 'admin')!.display_name).toBe('Admin');
    const ada = after.users.find((user) => user.id === 'usr_ada00000000000001')!;
    expect([ada.given_name, ada.family_name]).toEqual(['Ada', 'L']);
    expect(after.memberships.map((m) => [m.user_id, m.roles])).toEqual(before.memberships.map((m) => [m.user_id, m.roles]));
    expect(after.users.find((user) => user.id === 'usr_bob00000000000001')!.given_name).toBe('Rob');

    const forced = await runRollback({ packageDir: dir, apply: true, force: true, connection, ...FAST });
    expect(forced.counts.users.restore).toBe(1);
    expect(forced.complete).toBe(true);
    expect(emulator.state().users.find((user) => user.id === 'usr_bob00000000000001')!.given_name).toBe('Bob');
    const again = await runRollback({ packageDir: dir, apply: false, connection, ...FAST });
    expect(again.blocked.total).toBe(0);
    expect(Object.values(again.counts).every((counts) => counts.restore === 0 && counts.delete === 0)).toBe(true);
  });
});
