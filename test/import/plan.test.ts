import { describe, expect, it } from 'vitest';
import { loadImportPackage } from '../../src/import/load-package.js';
import { planImport } from '../../src/import/plan.js';
import { buildSnapshot } from '../../src/import/snapshot.js';
import { tallyPlan } from '../../src/import/tally.js';
import type { PackageContent } from '../helpers/test-package.js';
import { writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';
import type { RemoteUser } from '../../src/scalekit/remote.js';

const content: PackageContent = {
  roles: [
    { name: 'admin', display_name: 'Admin', permissions: ['billing:write'] },
    { name: 'member', display_name: 'Member' },
  ],
  organizations: [
    { external_id: 'o1', display_name: 'Acme', metadata: { plan: 'pro' } },
    { external_id: 'o2', display_name: 'Globex' },
  ],
  users: [
    { external_id: 'u1', email: 'ada@example.com', first_name: 'Ada', email_verified: true, memberships: [{ org_external_id: 'o1', roles: ['admin'] }] },
    {
      external_id: 'u2',
      email: 'bob@example.com',
      first_name: 'Bob',
      email_verified: true,
      memberships: [
        { org_external_id: 'o1', roles: ['member'] },
        { org_external_id: 'o2', roles: ['admin'] },
      ],
    },
  ],
};

async function loaded(value: PackageContent = content) {
  const dir = tempDir();
  writeTestPackage(dir, value);
  return loadImportPackage(dir);
}

const user = (fields: Partial<RemoteUser> & Pick<RemoteUser, 'id' | 'email'>): RemoteUser => ({
  givenName: '',
  familyName: '',
  emailVerified: true,
  metadata: {},
  memberships: [],
  ...fields,
});

describe('import planner', () => {
  it('creates everything in an empty environment, the first membership together with the user', async () => {
    const plan = planImport(await loaded(), buildSnapshot([], [], []));
    expect(plan.permissions).toEqual([{ name: 'billing:write', ref: 'roles.ndjson:1', action: 'create' }]);
    expect(plan.roles.map((role) => role.action)).toEqual(['create', 'create']);
    expect(plan.organizations.map((organization) => organization.action)).toEqual(['create', 'create']);
    expect(plan.users.map((entry) => entry.action)).toEqual(['create', 'create']);
    expect(plan.users[1]!.memberships.map((membership) => [membership.action, membership.withUserCreate ?? false])).toEqual([
      ['create', true],
      ['create', false],
    ]);
    expect(tallyPlan(plan).counts.memberships).toMatchObject({ total: 3, create: 3 });
  });

  it('leaves identical state unchanged and names only the fields that differ', async () => {
    const snapshot = buildSnapshot(
      [
        { id: 'role_1', name: 'admin', displayName: 'Admin', description: '', permissions: ['billing:write'] },
        { id: 'role_2', name: 'member', displayName: 'Members', description: '', permissions: [] },
      ],
      [
        { id: 'org_1', externalId: 'o1', displayName: 'Acme', metadata: { plan: 'free', owner: 'kept' } },
        { id: 'org_2', externalId: 'o2', displayName: 'Globex', metadata: {} },
      ],
      [
        user({ id: 'usr_1', externalId: 'u1', email: 'ADA@example.com', givenName: 'Ada', memberships: [{ organizationId: 'org_1', roles: ['admin'], status: 'ACTIVE', invited: false, metadata: {} }] }),
        user({ id: 'usr_2', externalId: 'u2', email: 'bob@example.com', givenName: 'Robert', memberships: [{ organizationId: 'org_1', roles: ['admin'], status: 'ACTIVE', invited: false, metadata: {} }] }),
      ],
      ['billing:write'],
    );
    const plan = planImport(await loaded(), snapshot);
    expect(plan.permissions[0]!.action).toBe('unchanged');
    expect(plan.roles.map((role) => [role.action, role.changes])).toEqual([
      ['unchanged', []],
      ['update', ['display_name']],
    ]);
    expect(plan.organizations.map((organization) => [organization.action, organization.changes])).toEqual([
      ['update', ['metadata']],
      ['unchanged', []],
    ]);
    expect(plan.users[0]).toMatchObject({ action: 'unchanged', memberships: [{ action: 'unchanged' }] });
    // An existing user still gets the missing membership and the missing role.
    expect(plan.users[1]).toMatchObject({
      action: 'update',
      changes: ['first_name'],
      memberships: [
        { orgExternalId: 'o1', action: 'update', changes: ['roles'] },
        { orgExternalId: 'o2', action: 'create' },
      ],
    });
  });

  it('never overwrites: an email owned by another external id, or an external id with another email, is a conflict', async () => {
    const snapshot = buildSnapshot(
      [],
      [],
      [user({ id: 'usr_9', externalId: 'legacy-9', email: 'ada@example.com' }), user({ id: 'usr_2', externalId: 'u2', email: 'robert@example.com' })],
    );
    const plan = planImport(await loaded(), snapshot);
    expect(plan.users[0]!.action).toBe('conflict');
    expect(plan.users[0]!.conflict).toEqual({
      code: 'email-owned-by-other-user',
      detail: 'the email of users.ndjson:1 belongs to usr_9 (external_id legacy-9), not to external_id u1',
    });
    expect(plan.users[1]!.conflict?.code).toBe('external-id-has-other-email');
    const tally = tallyPlan(plan);
    expect(tally.counts.users).toMatchObject({ total: 2, conflict: 2 });
    expect(tally.conflictsSummary().byCode).toEqual({ 'email-owned-by-other-user': 1, 'external-id-has-other-email': 1, 'user-in-conflict': 3 });
    expect(JSON.stringify(tally.conflictsSummary())).not.toContain('@example.com');
  });

  it('reports memberships naming unknown organizations or roles, pending invitations, and users with no usable organization', async () => {
    const odd = await loaded({
      roles: [],
      organizations: [{ external_id: 'o1', display_name: 'Acme' }],
      users: [
        { external_id: 'u1', email: 'a@example.com', email_verified: false, memberships: [{ org_external_id: 'nowhere', roles: [] }] },
        { external_id: 'u2', email: 'b@example.com', email_verified: true, memberships: [{ org_external_id: 'o1', roles: ['ghost'] }] },
        { external_id: 'u3', email: 'c@example.com', email_verified: true, memberships: [] },
        { external_id: 'u4', email: 'd@example.com', email_verified: true, memberships: [{ org_external_id: 'o1', roles: [] }] },
      ],
    });
    const snapshot = buildSnapshot(
      [],
      [{ id: 'org_1', externalId: 'o1', displayName: 'Acme', metadata: {} }],
      [user({ id: 'usr_4', externalId: 'u4', email: 'd@example.com', memberships: [{ organizationId: 'org_1', roles: ['member'], status: 'PENDING_INVITE', invited: true, metadata: {} }] })],
    );
    const plan = planImport(odd, snapshot);
    expect(plan.users.map((entry) => [entry.action, entry.conflict?.code])).toEqual([
      ['conflict', 'no-organization'],
      ['conflict', 'no-organization'],
      ['conflict', 'no-organization'],
      ['unchanged', undefined],
    ]);
    expect(plan.users[0]!.memberships[0]!.conflict?.code).toBe('unknown-organization');
    expect(plan.users[1]!.memberships[0]!.conflict?.code).toBe('unknown-role');
    expect(plan.users[3]!.memberships[0]!.conflict?.code).toBe('invitation-pending');
    expect(plan.notes.emailVerifiedNotSettable).toBe(0);
  });

  it('counts users whose email_verified Scalekit cannot be told', async () => {
    const pkg = await loaded({
      organizations: [{ external_id: 'o1', display_name: 'Acme' }],
      users: [
        { external_id: 'u1', email: 'a@example.com', email_verified: false, memberships: [{ org_external_id: 'o1', roles: [] }] },
        { external_id: 'u2', email: 'b@example.com', email_verified: true, memberships: [{ org_external_id: 'o1', roles: [] }] },
      ],
    });
    expect(planImport(pkg, buildSnapshot([], [], [])).notes.emailVerifiedNotSettable).toBe(1);
  });
});
