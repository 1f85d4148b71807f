import { create } from '@bufbuild/protobuf';
import { CreatePermissionSchema, CreateRoleSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { describe, expect, it } from 'vitest';
import { failure, sdkFor, startTestEmulator } from '../helpers/emulator.js';

describe('emulator: RolesService through the SDK', () => {
  it('starts with the default admin and member roles, creates, gets, lists and deletes roles', async () => {
    const emulator = await startTestEmulator();
    const sk = sdkFor(emulator);
    expect((await sk.role.listRoles()).roles.map((r) => [r.name, r.defaultCreator, r.defaultMember])).toEqual([
      ['admin', true, false],
      ['member', false, true],
    ]);
    await sk.permission.createPermission(create(CreatePermissionSchema, { name: 'projects:read', description: 'Read projects' }));
    const created = (await sk.role.createRole(create(CreateRoleSchema, { name: 'viewer', displayName: 'Viewer', description: 'Reads', permissions: ['projects:read'] }))).role!;
    expect(created).toMatchObject({ name: 'viewer', displayName: 'Viewer', description: 'Reads', permissions: [expect.objectContaining({ name: 'projects:read' })] });
    expect(created.id).toMatch(/^role_\d+$/);
    expect((await sk.role.getRole('viewer')).role?.displayName).toBe('Viewer');
    expect((await sk.role.listRoles()).roles.map((r) => r.name)).toEqual(['admin', 'member', 'viewer']);

    await sk.role.deleteRole('viewer');
    expect((await failure(sk.role.getRole('viewer'))).grpcStatus).toBe(5);
    expect(emulator.state().roles.map((r) => r.name)).toEqual(['admin', 'member']);
  });

  it('refuses duplicates, bad names and permissions that do not exist', async () => {
    const sk = sdkFor(await startTestEmulator());
    const duplicate = await failure(sk.role.createRole(create(CreateRoleSchema, { name: 'admin', displayName: 'Admin again' })));
    expect(duplicate.grpcStatus).toBe(6);
    expect(duplicate.errorCode).toBe('ROLE_NAME_ALREADY_EXISTS');
    const badName = await failure(sk.role.createRole(create(CreateRoleSchema, { name: 'has space', displayName: 'Bad' })));
    expect(badName.grpcStatus).toBe(3);
    expect(badName.message).toContain('role.name: must match');
    const noPermission = await failure(sk.role.createRole(create(CreateRoleSchema, { name: 'auditor', displayName: 'Auditor', permissions: ['logs:read'] })));
    expect(noPermission.errorCode).toBe('PERMISSION_NOT_FOUND');
    expect(noPermission.message).toContain('"logs:read"');
  });

  it('will not delete a role members hold unless told where to move them', async () => {
    const emulator = await startTestEmulator();
    const sk = sdkFor(emulator);
    const org = (await sk.organization.createOrganization('Acme')).organization!;
    await sk.role.createRole(create(CreateRoleSchema, { name: 'editor', displayName: 'Editor' }));
    const user = (await sk.user.createUserAndMembership(org.id, { email: 'e@example.com', sendInvitationEmail: false })).user!;
    await sk.user.updateMembership(org.id, user.id, { roles: ['editor'] });
    expect(Number((await sk.role.getRoleUsersCount('editor')).count)).toBe(1);

    const inUse = await failure(sk.role.deleteRole('editor'));
    expect(inUse.grpcStatus).toBe(9);
    expect(inUse.message).toContain('reassign_role_name');
    await sk.role.deleteRole('editor', 'member');
    expect(emulator.state().memberships[0]?.roles).toEqual(['member']);
    expect((await failure(sk.role.deleteRole('member'))).message).toContain('default role');
  });
});
