import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/import/run-import.js';
import { runVerify } from '../../src/import/verify.js';
import { successfulCalls, testEmulator, writeCalls } from '../helpers/emulator.js';
import { syntheticPackage, writeTestPackage, type PackageContent } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

const FAST = { rate: 5000, concurrency: 16 };

function packageDir(content: PackageContent): string {
  const dir = tempDir();
  writeTestPackage(dir, content);
  return dir;
}

describe('import against the emulator, through the real SDK', () => {
  it('imports everything, verifies with zero mismatches, and a second import creates nothing', async () => {
    const { emulator, connection } = await testEmulator();
    const content = syntheticPackage({ organizations: 6, users: 40, membershipsPerUser: 2, roles: ['owner', 'viewer'] });
    content.roles[0]!.permissions = ['billing:write', 'users:read'];
    const dir = packageDir(content);

    const plan = await runImport({ packageDir: dir, apply: false, connection, ...FAST });
    expect(plan.mode).toBe('plan');
    expect(plan.counts.users).toMatchObject({ total: 40, create: 40 });
    expect(plan.counts.memberships).toMatchObject({ total: 80, create: 80 });
    expect(writeCalls(emulator)).toBe(0);

    const applied = await runImport({ packageDir: dir, apply: true, connection, ...FAST });
    expect(applied.failures.total).toBe(0);
    expect(applied.counts.permissions.create).toBe(2);
    expect(applied.counts.roles.create).toBe(2);
    expect(applied.counts.organizations.create).toBe(6);
    expect(applied.counts.users.create).toBe(40);
    expect(applied.counts.memberships.create).toBe(80);
    expect(applied.notes.invitationsSent).toBe(0);
    expect(emulator.counters().invitationsSent).toBe(0);

    const state = emulator.state();
    expect(state.organizations.find((org) => org.external_id === 't-org-1')?.metadata).toEqual({ plan: 'pro', legacy_id: '1' });
    const ada = state.users.find((user) => user.external_id === 't-user-3')!;
    expect(ada).toMatchObject({ given_name: 'First3', family_name: 'Last3', metadata: { legacy_id: '3' } });
    const memberships = state.memberships.filter((membership) => membership.user_id === ada.id);
    expect(memberships.map((membership) => [membership.status, membership.roles])).toEqual([
      ['ACTIVE', ['viewer']],
      ['ACTIVE', ['owner']],
    ]);

    const verified = await runVerify({ packageDir: dir, connection, rate: 5000 });
    expect(verified).toMatchObject({ ok: true, mismatches: { total: 0 } });
    expect(verified.checked).toEqual({ roles: 2, organizations: 6, users: 40, memberships: 80 });

    const writesBefore = writeCalls(emulator);
    const again = await runImport({ packageDir: dir, apply: true, connection, ...FAST });
    expect(writeCalls(emulator)).toBe(writesBefore);
    expect(again.counts.users).toMatchObject({ total: 40, unchanged: 40, create: 0, update: 0 });
    expect(again.counts.memberships).toMatchObject({ unchanged: 80 });

    // One access token per run (plan, apply, verify, apply), fetched before fanning out: never one per concurrent call.
    expect(emulator.counters().tokensIssued).toBe(4);
    expect(emulator.counters().unauthenticated).toBe(0);

    const journal = readFileSync(join(dir, 'journal.ndjson'), 'utf8');
    expect(journal).not.toContain('@example.com');
    expect(journal.trim().split('\n').filter((line) => line.includes('"type":"begin"'))).toHaveLength(2);
  });

  it('sets organization metadata and membership roles in as few calls as the server allows: at most 2 per single-membership user', async () => {
    const { emulator, connection } = await testEmulator();
    const dir = packageDir(syntheticPackage({ organizations: 2, users: 30 }));
    const result = await runImport({ packageDir: dir, apply: true, connection, ...FAST });
    const userCalls = ['CreateUserAndMembership', 'UpdateMembership', 'CreateMembership', 'UpdateUser'].reduce(
      (sum, method) => sum + (emulator.counters().methods[method] ?? 0),
      0,
    );
    expect(userCalls / 30).toBeLessThanOrEqual(2);
    expect(result.run?.rpcsByMethod.CreateOrganization).toBe(2);
    expect((await runVerify({ packageDir: dir, connection, rate: 5000 })).ok).toBe(true);
  });

  it('upserts over partial pre-existing state: updates what differs, adds missing memberships and roles, keeps ids', async () => {
    const { emulator, connection } = await testEmulator({
      seed: {
        organizations: [
          { id: 'org_existing1', external_id: 'o1', display_name: 'Acme (old name)', metadata: { plan: 'free', crm_id: 'kept' } },
          { id: 'org_existing2', external_id: 'o2', display_name: 'Globex' },
        ],
        users: [
          {
            id: 'usr_existing00000001',
            email: 'ada@example.com',
            external_id: 'u1',
            given_name: 'Ada',
            email_verified: true,
            memberships: [{ organization_external_id: 'o1', roles: ['member'] }],
          },
        ],
      },
    });
    const dir = packageDir({
      roles: [{ name: 'admin', display_name: 'Admin' }, { name: 'member', description: 'Belongs to the organization' }],
      organizations: [
        { external_id: 'o1', display_name: 'Acme', metadata: { plan: 'pro' } },
        { external_id: 'o2', display_name: 'Globex' },
        { external_id: 'o3', display_name: 'Initech' },
      ],
      users: [
        {
          external_id: 'u1',
          email: 'ada@example.com',
          first_name: 'Ada',
          last_name: 'Lovelace',
          email_verified: true,
          memberships: [
            { org_external_id: 'o1', roles: ['admin'] },
            { org_external_id: 'o2', roles: ['member'] },
          ],
        },
        { external_id: 'u2', email: 'bob@example.com', email_verified: true, memberships: [{ org_external_id: 'o3', roles: ['member'] }] },
      ],
    });

    const plan = await runImport({ packageDir: dir, apply: false, connection, ...FAST });
    expect(plan.counts.roles).toMatchObject({ unchanged: 1, update: 1 });
    expect(plan.counts.organizations).toMatchObject({ create: 1, update: 1, unchanged: 1 });
    expect(plan.counts.users).toMatchObject({ create: 1, update: 1 });
    expect(plan.counts.memberships).toMatchObject({ create: 2, update: 1 });
    expect(plan.updates.samples).toContainEqual({ entity: 'users', ref: 'users.ndjson:1', key: 'u1', changes: ['last_name'] });

    const before = successfulCalls(emulator);
    const applied = await runImport({ packageDir: dir, apply: true, connection, ...FAST });
    expect(applied.failures.total).toBe(0);
    const after = successfulCalls(emulator);
    expect((after.CreateUserAndMembership ?? 0) - (before.CreateUserAndMembership ?? 0)).toBe(1);
    expect((after.CreateOrganization ?? 0) - (before.CreateOrganization ?? 0)).toBe(1);

    const state = emulator.state();
    // A field the package leaves out keeps its value: only the description changed.
    expect(state.roles.find((role) => role.name === 'member')).toMatchObject({ display_name: 'Member', description: 'Belongs to the organization' });
    const acme = state.organizations.find((org) => org.external_id === 'o1')!;
    expect(acme).toMatchObject({ id: 'org_existing1', display_name: 'Acme', metadata: { plan: 'pro', crm_id: 'kept' } });
    const ada = state.users.find((user) => user.external_id === 'u1')!;
    expect(ada).toMatchObject({ id: 'usr_existing00000001', family_name: 'Lovelace' });
    const adaMemberships = state.memberships.filter((membership) => membership.user_id === 'usr_existing00000001');
    expect(adaMemberships.map((membership) => [membership.organization_id, membership.roles, membership.status])).toEqual([
      ['org_existing1', ['admin'], 'ACTIVE'],
      ['org_existing2', ['member'], 'ACTIVE'],
    ]);
    expect((await runVerify({ packageDir: dir, connection, rate: 5000 })).ok).toBe(true);
  });

  it('adds users to organizations that exist only in Scalekit, not in the package', async () => {
    const { emulator, connection } = await testEmulator({ seed: { organizations: [{ id: 'org_onlyinscalekit', external_id: 'o-live', display_name: 'Live' }] } });
    const dir = packageDir({
      organizations: [{ external_id: 'o-new', display_name: 'New' }],
      users: [
        { external_id: 'u1', email: 'a@example.com', email_verified: true, memberships: [{ org_external_id: 'o-live', roles: ['admin'] }] },
        {
          external_id: 'u2',
          email: 'b@example.com',
          email_verified: true,
          memberships: [
            { org_external_id: 'o-new', roles: [] },
            { org_external_id: 'o-live', roles: ['member'] },
          ],
        },
      ],
    });
    const result = await runImport({ packageDir: dir, apply: true, connection, ...FAST });
    expect(result.failures.total).toBe(0);
    expect(result.counts.memberships.create).toBe(3);
    expect(emulator.state().memberships.filter((membership) => membership.organization_id === 'org_onlyinscalekit')).toHaveLength(2);
    expect((await runVerify({ packageDir: dir, connection, rate: 5000 })).ok).toBe(true);
  });

  it('reports conflicts and never overwrites them; everything else is imported', async () => {
    const { emulator, connection } = await testEmulator({
      seed: {
        organizations: [{ external_id: 'o1', display_name: 'Acme' }],
        users: [
          { id: 'usr_signedup00000001', email: 'ada@example.com', given_name: 'Self-signed-up', memberships: [{ organization_external_id: 'o1' }] },
          { id: 'usr_renamed000000001', email: 'robert@example.com', external_id: 'u2', memberships: [{ organization_external_id: 'o1' }] },
        ],
      },
    });
    const dir = packageDir({
      organizations: [{ external_id: 'o1', display_name: 'Acme' }],
      users: [
        { external_id: 'u1', email: 'ada@example.com', email_verified: true, memberships: [{ org_external_id: 'o1', roles: [] }] },
        { external_id: 'u2', email: 'bob@example.com', email_verified: true, memberships: [{ org_external_id: 'o1', roles: [] }] },
        { external_id: 'u3', email: 'cy@example.com', email_verified: true, memberships: [{ org_external_id: 'o1', roles: [] }] },
      ],
    });
    const result = await runImport({ packageDir: dir, apply: true, connection, ...FAST });
    expect(result.counts.users).toMatchObject({ total: 3, create: 1, conflict: 2, failed: 0 });
    expect(result.conflicts.byCode).toMatchObject({ 'email-owned-by-other-user': 1, 'external-id-has-other-email': 1 });
    expect(JSON.stringify(result)).not.toMatch(/ada@|robert@|bob@/);

    const state = emulator.state();
    expect(state.users.find((user) => user.id === 'usr_signedup00000001')).toMatchObject({ given_name: 'Self-signed-up' });
    expect(state.users.find((user) => user.id === 'usr_signedup00000001')?.external_id).toBeUndefined();
    expect(state.users.find((user) => user.id === 'usr_renamed000000001')?.email).toBe('robert@example.com');
    expect(state.users.filter((user) => user.email === 'bob@example.com')).toHaveLength(0);

    const verified = await runVerify({ packageDir: dir, connection, rate: 5000 });
    expect(verified.ok).toBe(false);
    expect(verified.mismatches.byKind).toEqual({ 'user.missing': 1, 'membership.missing': 1, 'user.email': 1 });
    expect(readFileSync(join(dir, 'verify.ndjson'), 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('refuses to continue a journal when the package changed, unless forced', async () => {
    const { connection } = await testEmulator();
    const dir = packageDir(syntheticPackage({ organizations: 1, users: 2 }));
    await runImport({ packageDir: dir, apply: true, connection, ...FAST });
    writeTestPackage(dir, syntheticPackage({ organizations: 1, users: 3 }));
    await expect(runImport({ packageDir: dir, apply: true, connection, ...FAST })).rejects.toThrow(/changed since its journal was started/);
    const plan = await runImport({ packageDir: dir, apply: false, connection, ...FAST });
    expect(plan.journal.packageChanged).toBe(true);
    const forced = await runImport({ packageDir: dir, apply: true, connection, force: true, ...FAST });
    expect(forced.counts.users).toMatchObject({ create: 1, unchanged: 2 });
  });
});
