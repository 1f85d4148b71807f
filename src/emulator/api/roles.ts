import type { ServiceImpl } from '@connectrpc/connect';
import { Code } from '@connectrpc/connect';
import { RolesService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import type { ApiContext } from './context.js';
import { alreadyExists, apiError, failedPrecondition, notFound } from './errors.js';
import { permissionMessage, roleMessage } from './to-proto.js';
import type { RoleRecord } from '../store/records.js';

function findRole(ctx: ApiContext, name: string): RoleRecord {
  const role = ctx.store.roles.get(name);
  if (!role) throw notFound('role', 'name', name);
  return role;
}

/** Permissions named by a role must exist in the environment, as the API documents. */
function checkPermissions(ctx: ApiContext, names: string[], field: string): void {
  const missing = names.filter((name) => !ctx.store.permissions.has(name));
  if (missing.length) {
    throw apiError(Code.InvalidArgument, 'PERMISSION_NOT_FOUND', `permissions ${missing.map((m) => `"${m}"`).join(', ')} do not exist; create them first`, {
      violations: missing.map((name) => ({ field, description: `permission "${name}" does not exist`, constraint: 'permission.exists' })),
    });
  }
}

function checkBaseRole(ctx: ApiContext, role: string, base: string | undefined): void {
  if (!base) return;
  if (!ctx.store.roles.has(base)) throw apiError(Code.InvalidArgument, 'ROLE_NOT_FOUND', `base role "${base}" of role "${role}" does not exist`);
  for (let r = ctx.store.roles.get(base); r; r = r.extends ? ctx.store.roles.get(r.extends) : undefined) {
    if (r.name === role) throw failedPrecondition('ROLE_CYCLE', `role "${role}" cannot extend "${base}": that would make a cycle`);
  }
}

function usersWithRole(ctx: ApiContext, name: string): number {
  let count = 0;
  for (const user of ctx.store.users.values()) {
    for (const membership of user.memberships.values()) if (membership.roles.includes(name)) count++;
  }
  return count;
}

export function rolesService(ctx: ApiContext): Partial<ServiceImpl<typeof RolesService>> {
  const { store } = ctx;
  return {
    createRole(req) {
      const input = req.role!;
      if (store.roles.has(input.name)) throw alreadyExists('role', 'name', input.name, store.roles.get(input.name)!.id);
      checkBaseRole(ctx, input.name, input.extends);
      checkPermissions(ctx, input.permissions, 'role.permissions');
      const role: RoleRecord = {
        id: store.newId('role_', () => false),
        name: input.name,
        displayName: input.displayName,
        description: input.description ?? '',
        permissions: [...new Set(input.permissions)],
        extends: input.extends || undefined,
        defaultCreator: false,
        defaultMember: false,
        createTime: ctx.now(),
      };
      store.roles.set(role.name, role);
      store.changed();
      return { role: roleMessage(store, role) };
    },

    getRole(req) {
      return { role: roleMessage(store, findRole(ctx, req.roleName)) };
    },

    listRoles() {
      return { roles: [...store.roles.values()].map((role) => roleMessage(store, role)) };
    },

    updateRole(req) {
      const role = findRole(ctx, req.roleName);
      const input = req.role;
      if (input?.extends !== undefined) checkBaseRole(ctx, role.name, input.extends);
      if (input?.permissions.length) checkPermissions(ctx, input.permissions, 'role.permissions');
      if (input?.displayName) role.displayName = input.displayName;
      if (input?.description !== undefined) role.description = input.description;
      if (input?.extends !== undefined) role.extends = input.extends || undefined;
      if (input?.permissions.length) role.permissions = [...new Set(input.permissions)];
      store.changed();
      return { role: roleMessage(store, role) };
    },

    deleteRole(req) {
      const role = findRole(ctx, req.roleName);
      if (role.defaultCreator || role.defaultMember) {
        throw failedPrecondition('DEFAULT_ROLE', `role "${role.name}" is a default role; make another role the default before deleting it`);
      }
      const dependents = [...store.roles.values()].filter((r) => r.extends === role.name).map((r) => r.name);
      if (dependents.length) throw failedPrecondition('ROLE_HAS_DEPENDENTS', `role "${role.name}" is extended by ${dependents.join(', ')}`);
      const target = req.reassignRoleName;
      if (target) findRole(ctx, target);
      else if (usersWithRole(ctx, role.name)) {
        throw failedPrecondition('ROLE_IN_USE', `role "${role.name}" is assigned to users; give reassign_role_name to move them to another role`);
      }
      for (const user of store.users.values()) {
        for (const membership of user.memberships.values()) {
          if (!membership.roles.includes(role.name)) continue;
          const kept = membership.roles.filter((name) => name !== role.name);
          membership.roles = target && !kept.includes(target) ? [...kept, target] : kept;
        }
      }
      store.roles.delete(role.name);
      store.changed();
      return {};
    },

    getRoleUsersCount(req) {
      findRole(ctx, req.roleName);
      return { count: BigInt(usersWithRole(ctx, req.roleName)) };
    },

    createPermission(req) {
      const input = req.permission!;
      if (!input.name) throw apiError(Code.InvalidArgument, 'INVALID_ARGUMENT', 'permission.name is required');
      if (store.permissions.has(input.name)) throw alreadyExists('permission', 'name', input.name);
      const permission = { id: store.newId('perm_', () => false), name: input.name, description: input.description, createTime: ctx.now() };
      store.permissions.set(permission.name, permission);
      store.changed();
      return { permission: permissionMessage(permission) };
    },

    getPermission(req) {
      const permission = store.permissions.get(req.permissionName);
      if (!permission) throw notFound('permission', 'name', req.permissionName);
      return { permission: permissionMessage(permission) };
    },

    listPermissions() {
      const permissions = [...store.permissions.values()].map(permissionMessage);
      return { permissions, totalSize: permissions.length, nextPageToken: '', prevPageToken: '' };
    },

    deletePermission(req) {
      if (!store.permissions.has(req.permissionName)) throw notFound('permission', 'name', req.permissionName);
      const users = [...store.roles.values()].filter((r) => r.permissions.includes(req.permissionName)).map((r) => r.name);
      if (users.length) throw failedPrecondition('PERMISSION_IN_USE', `permission "${req.permissionName}" is used by roles ${users.join(', ')}`);
      store.permissions.delete(req.permissionName);
      store.changed();
      return {};
    },
  };
}
