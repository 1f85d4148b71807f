import { create } from '@bufbuild/protobuf';
import { CreateRoleSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { MembershipStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import { describe, expect, it } from 'vitest';
import { failure, sdkFor, startTestEmulator } from '../helpers/emulator.js';

async function withOrg(options = {}) {
  const emulator = await startTestEmulator(options);
  const sk = sdkFor(emulator);
  const org = (await sk.organization.createOrganization('Acme', { externalId: 'acme' })).organization!;
  return { emulator, sk, org };
}

describe('emulator: users and memberships through the SDK', () => {
  it('sendInvitationEmail: false makes an ACTIVE membership, a verified email and no invitation', async () => {
    const { emulator, sk, org } = await withOrg();
    const user = (
      await sk.user.createUserAndMembership(org.id, {
        email: 'Ada@Example.com',
        externalId: 'legacy-user-1',
        userProfile: { firstName: 'Ada', lastName: 'Lovelace' },
        metadata: { legacy_id: '42' },
        sendInvitationEmail: false,
      })
    ).user!;
    expect(user.id).toMatch(/^usr_\d{18}$/);
    expect(user).toMatchObject({ email: 'ada@example.com', externalId: 'legacy-user-1', metadata: { legacy_id: '42' } });
    expect(user.userProfile).toMatchObject({ givenName: 'Ada', familyName: 'Lovelace', firstName: 'Ada', lastName: 'Lovelace', emailVerified: true });
    expect(user.memberships).toHaveLength(1);
    // The SDK sends no roles: the environment's default member role applies.
    expect(user.memberships[0]).toMatchObject({ organizationId: org.id, membershipStatus: MembershipStatus.ACTIVE, roles: [expect.objectContaining({ name: 'member' })] });
    expect(emulator.counters().invitationsSent).toBe(0);
    expect(emulator.state().invitations).toEqual([]);
    expect(emulator.state().memberships).toEqual([expect.objectContaining({ user_id: user.id, organization_id: org.id, status: 'ACTIVE', roles: ['member'] })]);
  });

  it('sendInvitationEmail true or left out (the API default) leaves the membership PENDING_INVITE and counts one invitation each', async () => {
    const { emulator, sk, org } = await withOrg();
    const absent = (await sk.user.createUserAndMembership(org.id, { email: 'a@example.com' })).user!;
    const explicit = (await sk.user.createUserAndMembership(org.id, { email: 'b@example.com', sendInvitationEmail: true })).user!;
    for (const user of [absent, explicit]) {
      expect(user.memberships[0]?.membershipStatus).toBe(MembershipStatus.PENDING_INVITE);
      expect(user.userProfile?.emailVerified).toBe(false);
    }
    expect(emulator.counters().invitationsSent).toBe(2);
    expect(emulator.state().invitations.map((i) => i.email)).toEqual(['a@example.com', 'b@example.com']);
    await sk.user.resendInvite(org.id, absent.id);
    expect(emulator.counters().invitationsSent).toBe(3);
  });

  it('keeps email unique across the environment (case-insensitive) and external_id unique among users', async () => {
    const { sk, org } = await withOrg();
    const other = (await sk.organization.createOrganization('Other')).organization!;
    const first = (await sk.user.createUserAndMembership(org.id, { email: 'dup@example.com', externalId: 'u-1', sendInvitationEmail: false })).user!;
    const sameEmail = await failure(sk.user.createUserAndMembership(other.id, { email: 'DUP@example.com', sendInvitationEmail: false }));
    expect(sameEmail.grpcStatus).toBe(6);
    expect(sameEmail.errorCode).toBe('USER_EMAIL_ALREADY_EXISTS');
    expect(sameEmail.message).toContain(first.id);
    const sameExternal = await failure(sk.user.createUserAndMembership(org.id, { email: 'new@example.com', externalId: 'u-1', sendInvitationEmail: false }));
    expect(sameExternal.errorCode).toBe('USER_EXTERNAL_ID_ALREADY_EXISTS');
    // An organization's external_id is another entity type: the same value is fine for a user.
    await sk.organization.createOrganization('Org u-2', { externalId: 'u-2' });
    await sk.user.createUserAndMembership(org.id, { email: 'u2@example.com', externalId: 'u-2', sendInvitationEmail: false });
  });

  it('refuses a bad email and an unknown organization with clear errors', async () => {
    const { sk, org } = await withOrg();
    const bad = await failure(sk.user.createUserAndMembership(org.id, { email: 'not-an-email', sendInvitationEmail: false }));
    expect(bad.grpcStatus).toBe(3);
    expect(bad.message).toContain('user.email: "not-an-email" is not a valid email address');
    const noOrg = await failure(sk.user.createUserAndMembership('org_1', { email: 'x@example.com' }));
    expect(noOrg.grpcStatus).toBe(5);
    expect(noOrg.message).toContain('organization with id "org_1" not found');
  });

  it('gets users by id and external id, lists all users and an organization\'s users page by page', async () => {
    const { sk, org } = await withOrg();
    const other = (await sk.organization.createOrganization('Other')).organization!;
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) {
      const target = i % 2 ? other.id : org.id;
      ids.push((await sk.user.createUserAndMembership(target, { email: `u${i}@example.com`, externalId: `ext-${i}`, sendInvitationEmail: false })).user!.id);
    }
    expect((await sk.user.getUser(ids[3]!)).user?.email).toBe('u3@example.com');
    expect((await sk.user.getUserByExternalId('ext-4')).user?.id).toBe(ids[4]);
    expect((await failure(sk.user.getUserByExternalId('ext-404'))).grpcStatus).toBe(5);

    const all: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await sk.user.listUsers({ pageSize: 10, pageToken });
      expect(page.totalSize).toBe(23);
      all.push(...page.users.map((u) => u.id));
      pageToken = page.nextPageToken || undefined;
    } while (pageToken);
    expect(all).toEqual(ids);

    const members: string[] = [];
    pageToken = undefined;
    do {
      const page = await sk.user.listOrganizationUsers(org.id, { pageSize: 5, pageToken });
      expect(page.totalSize).toBe(12);
      members.push(...page.users.map((u) => u.email));
      pageToken = page.nextPageToken || undefined;
    } while (pageToken);
    expect(members).toEqual(Array.from({ length: 12 }, (_, i) => `u${i * 2}@example.com`));
    expect((await failure(sk.user.listUsers({ pageSize: 9 }))).grpcStatus).toBe(3);
  });

  it('updates profile, external id and metadata; deleting a user frees its email and external id', async () => {
    const { emulator, sk, org } = await withOrg();
    const user = (await sk.user.createUserAndMembership(org.id, { email: 'grace@example.com', externalId: 'g-1', userProfile: { firstName: 'Grace' }, sendInvitationEmail: false })).user!;
    const updated = (await sk.user.updateUser(user.id, { userProfile: { firstName: 'Grace', lastName: 'Hopper' }, metadata: { team: 'navy' }, externalId: 'g-2' } as never)).user!;
    expect(updated.userProfile).toMatchObject({ givenName: 'Grace', familyName: 'Hopper', name: 'Grace Hopper' });
    expect(updated).toMatchObject({ externalId: 'g-2', metadata: { team: 'navy' } });
    expect((await failure(sk.user.getUserByExternalId('g-1'))).grpcStatus).toBe(5);
    await sk.user.updateUserByExternalId('g-2', { userProfile: { lastName: 'Murray Hopper' } });
    expect((await sk.user.getUser(user.id)).user?.userProfile).toMatchObject({ givenName: 'Grace', familyName: 'Murray Hopper' });

    await sk.user.deleteUser(user.id);
    expect((await failure(sk.user.getUser(user.id))).grpcStatus).toBe(5);
    expect(emulator.state().users).toEqual([]);
    expect(emulator.state().memberships).toEqual([]);
    await sk.user.createUserAndMembership(org.id, { email: 'grace@example.com', externalId: 'g-2', sendInvitationEmail: false });
  });

  it('creates, updates and deletes memberships; roles must exist', async () => {
    const { emulator, sk, org } = await withOrg();
    const other = (await sk.organization.createOrganization('Other', { externalId: 'other' })).organization!;
    await sk.role.createRole(create(CreateRoleSchema, { name: 'editor', displayName: 'Editor' }));
    const user = (await sk.user.createUserAndMembership(org.id, { email: 'm@example.com', externalId: 'm-1', sendInvitationEmail: false })).user!;

    const unknownRole = await failure(sk.user.createMembership(other.id, user.id, { roles: ['ghost'], sendInvitationEmail: false }));
    expect(unknownRole.grpcStatus).toBe(3);
    expect(unknownRole.errorCode).toBe('ROLE_NOT_FOUND');
    expect(unknownRole.message).toContain('role "ghost" does not exist');
    expect(emulator.state().memberships).toHaveLength(1);

    const withTwo = (await sk.user.createMembership(other.id, user.id, { roles: ['editor', 'admin'], sendInvitationEmail: false })).user!;
    expect(withTwo.memberships.find((m) => m.organizationId === other.id)?.roles.map((r) => r.name)).toEqual(['editor', 'admin']);
    const again = await failure(sk.user.createMembership(other.id, user.id, { sendInvitationEmail: false }));
    expect(again.grpcStatus).toBe(6);
    expect(again.errorCode).toBe('MEMBERSHIP_ALREADY_EXISTS');

    const updated = (await sk.user.updateMembership(org.id, user.id, { roles: ['admin'] })).user!;
    expect(updated.memberships.find((m) => m.organizationId === org.id)?.roles.map((r) => r.name)).toEqual(['admin']);
    expect((await failure(sk.user.updateMembership(org.id, user.id, { roles: ['ghost'] }))).errorCode).toBe('ROLE_NOT_FOUND');
    await sk.user.updateMembershipByExternalId(org.id, 'm-1', { roles: ['editor'], metadata: { seat: 'A1' } });
    expect(emulator.state().memberships.find((m) => m.organization_id === org.id)).toMatchObject({ roles: ['editor'], metadata: { seat: 'A1' } });

    const stranger = (await sk.organization.createOrganization('Stranger')).organization!;
    const notMember = await failure(sk.user.updateMembership(stranger.id, user.id, { roles: ['admin'] }));
    expect(notMember.grpcStatus).toBe(5);
    expect(notMember.errorCode).toBe('MEMBERSHIP_NOT_FOUND');

    await sk.user.deleteMembership(other.id, user.id);
    expect((await sk.user.getUser(user.id)).user?.memberships.map((m) => m.organizationId)).toEqual([org.id]);
    // cascade (the default): removing the last membership deletes the user too.
    await sk.user.deleteMembership(org.id, user.id);
    expect((await failure(sk.user.getUser(user.id))).grpcStatus).toBe(5);
  });

  it('assigns and lists a member\'s roles', async () => {
    const { sk, org } = await withOrg();
    await sk.role.createRole(create(CreateRoleSchema, { name: 'billing', displayName: 'Billing' }));
    const user = (await sk.user.createUserAndMembership(org.id, { email: 'r@example.com', sendInvitationEmail: false })).user!;
    const assigned = await sk.user.assignUserRoles(org.id, user.id, ['billing', 'admin']);
    expect(assigned.roles.map((r) => r.name)).toEqual(['member', 'billing', 'admin']);
    expect((await sk.user.listUserRoles(org.id, user.id)).roles.map((r) => r.name)).toEqual(['member', 'billing', 'admin']);
    expect((await failure(sk.user.assignUserRoles(org.id, user.id, ['ghost']))).errorCode).toBe('ROLE_NOT_FOUND');
    await sk.user.removeUserRole(org.id, user.id, 'member');
    expect((await sk.user.listUserRoles(org.id, user.id)).roles.map((r) => r.name)).toEqual(['billing', 'admin']);
  });
});
