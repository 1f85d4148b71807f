import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import type { Store } from './store.js';
import type { MembershipRecord, RoleRecord } from './records.js';

/**
 * Data a fresh emulator starts with. Connections and directories can only come from here (the
 * emulator serves them read-only, for production-readiness checks). Organizations are referenced
 * by `organization_id` or `organization_external_id`.
 */
const orgRef = { organization_id: z.string().optional(), organization_external_id: z.string().optional() };

export const emulatorSeedSchema = z.object({
  /** Development environments accept http, localhost and wildcard callback URLs (default); production ones do not. */
  environment_type: z.enum(['development', 'production']).optional(),
  /** The environment client's registered URLs; none by default, so a sign-in needs its callback registered first. */
  client: z
    .object({ redirect_uris: z.array(z.string()).optional(), post_logout_redirect_uris: z.array(z.string()).optional(), initiate_login_uri: z.string().optional() })
    .optional(),
  /** Replaces the default roles (`admin`, default creator; `member`, default member) when given. */
  roles: z
    .array(
      z.object({
        name: z.string().min(1),
        display_name: z.string().optional(),
        description: z.string().optional(),
        permissions: z.array(z.string()).optional(),
        extends: z.string().optional(),
        default_member: z.boolean().optional(),
        default_creator: z.boolean().optional(),
      }),
    )
    .optional(),
  permissions: z.array(z.object({ name: z.string().min(1), description: z.string().optional() })).optional(),
  organizations: z
    .array(
      z.object({
        id: z.string().optional(),
        external_id: z.string().optional(),
        display_name: z.string().min(1),
        metadata: z.record(z.string(), z.string()).optional(),
      }),
    )
    .optional(),
  users: z
    .array(
      z.object({
        id: z.string().optional(),
        email: z.string().min(3),
        external_id: z.string().optional(),
        given_name: z.string().optional(),
        family_name: z.string().optional(),
        email_verified: z.boolean().optional(),
        metadata: z.record(z.string(), z.string()).optional(),
        memberships: z
          .array(z.object({ ...orgRef, roles: z.array(z.string()).optional(), status: z.enum(['ACTIVE', 'PENDING_INVITE', 'INACTIVE']).optional() }))
          .optional(),
      }),
    )
    .optional(),
  connections: z
    .array(
      z.object({
        id: z.string().optional(),
        ...orgRef,
        provider: z.string().optional(),
        type: z.string().optional(),
        status: z.string().optional(),
        enabled: z.boolean().optional(),
        domains: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  directories: z
    .array(
      z.object({
        id: z.string().optional(),
        ...orgRef,
        name: z.string().optional(),
        directory_type: z.string().optional(),
        directory_provider: z.string().optional(),
        enabled: z.boolean().optional(),
        status: z.string().optional(),
        total_users: z.number().int().optional(),
        total_groups: z.number().int().optional(),
      }),
    )
    .optional(),
});

export type EmulatorSeed = z.input<typeof emulatorSeedSchema>;

export const DEFAULT_ROLES: NonNullable<EmulatorSeed['roles']> = [
  { name: 'admin', display_name: 'Admin', description: 'Organization administrator', default_creator: true },
  { name: 'member', display_name: 'Member', description: 'Organization member', default_member: true },
];

/**
 * Applies a seed to an empty store; any inconsistency is a UserInputError naming the entry.
 * `fresh: false` adds the seed's entries to a running environment (`POST /_emulator/seed`, tests
 * arranging state): the default roles are then not added again.
 */
export function applySeed(store: Store, input: EmulatorSeed | undefined, { fresh = true }: { fresh?: boolean } = {}): void {
  const parsed = emulatorSeedSchema.safeParse(input ?? {});
  if (!parsed.success) throw new UserInputError(`emulator seed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const seed = parsed.data;
  const now = Date.now();
  if (seed.environment_type) store.environmentType = seed.environment_type;

  for (const p of seed.permissions ?? []) addPermission(store, p.name, p.description ?? '', now);
  for (const r of seed.roles ?? (fresh ? DEFAULT_ROLES : [])) {
    for (const name of r.permissions ?? []) if (!store.permissions.has(name)) addPermission(store, name, '', now);
    const role: RoleRecord = {
      id: store.newId('role_', () => false),
      name: r.name,
      displayName: r.display_name ?? r.name,
      description: r.description ?? '',
      permissions: r.permissions ?? [],
      extends: r.extends,
      defaultCreator: r.default_creator ?? false,
      defaultMember: r.default_member ?? false,
      createTime: now,
    };
    if (store.roles.has(role.name)) throw new UserInputError(`emulator seed: role "${role.name}" is listed twice`);
    store.roles.set(role.name, role);
  }

  for (const [i, o] of (seed.organizations ?? []).entries()) {
    const id = o.id ?? store.newId('org_', (x) => store.organizations.has(x));
    if (store.organizations.has(id)) throw new UserInputError(`emulator seed: organizations[${i}]: id ${id} is listed twice`);
    if (o.external_id && store.orgIdByExternalId.has(o.external_id)) {
      throw new UserInputError(`emulator seed: organizations[${i}]: external_id "${o.external_id}" is listed twice`);
    }
    store.insertOrganization({ id, externalId: o.external_id, displayName: o.display_name, metadata: o.metadata ?? {}, createTime: now, updateTime: now });
  }

  const defaultRoles = [...store.roles.values()].filter((r) => r.defaultMember).map((r) => r.name);
  for (const [i, u] of (seed.users ?? []).entries()) {
    const where = `emulator seed: users[${i}]`;
    const id = u.id ?? store.newId('usr_', (x) => store.users.has(x));
    if (store.users.has(id) || store.userByEmail(u.email)) throw new UserInputError(`${where}: id or email "${u.email}" is listed twice`);
    if (u.external_id && store.userIdByExternalId.has(u.external_id)) throw new UserInputError(`${where}: external_id "${u.external_id}" is listed twice`);
    const memberships = new Map<string, MembershipRecord>();
    for (const m of u.memberships ?? []) {
      const organizationId = resolveOrg(store, m, where);
      const roles = m.roles ?? defaultRoles;
      for (const role of roles) if (!store.roles.has(role)) throw new UserInputError(`${where}: role "${role}" does not exist`);
      memberships.set(organizationId, { organizationId, userId: id, roles, status: m.status ?? 'ACTIVE', metadata: {}, createdAt: now, acceptedAt: now });
    }
    store.insertUser({
      id,
      email: u.email.trim().toLowerCase(),
      externalId: u.external_id,
      emailVerified: u.email_verified ?? true,
      profile: {
        givenName: u.given_name ?? '',
        familyName: u.family_name ?? '',
        name: [u.given_name, u.family_name].filter(Boolean).join(' '),
        locale: '',
        phoneNumber: '',
        preferredUsername: '',
        picture: '',
        gender: '',
        customAttributes: {},
      },
      metadata: u.metadata ?? {},
      createTime: now,
      updateTime: now,
      memberships,
    });
  }

  for (const [i, c] of (seed.connections ?? []).entries()) {
    const id = c.id ?? store.newId('conn_', (x) => store.connections.has(x));
    store.connections.set(id, {
      id,
      organizationId: resolveOrg(store, c, `emulator seed: connections[${i}]`),
      provider: c.provider ?? 'OKTA',
      type: c.type ?? 'SAML',
      status: c.status ?? 'COMPLETED',
      enabled: c.enabled ?? true,
      domains: c.domains ?? [],
      createdAt: now,
    });
  }
  for (const [i, d] of (seed.directories ?? []).entries()) {
    const id = d.id ?? store.newId('dir_', (x) => store.directories.has(x));
    store.directories.set(id, {
      id,
      organizationId: resolveOrg(store, d, `emulator seed: directories[${i}]`),
      name: d.name ?? 'Directory',
      directoryType: d.directory_type ?? 'SCIM',
      directoryProvider: d.directory_provider ?? 'OKTA',
      enabled: d.enabled ?? true,
      status: d.status ?? 'COMPLETED',
      totalUsers: d.total_users ?? 0,
      totalGroups: d.total_groups ?? 0,
    });
  }
  store.changed();
}

function addPermission(store: Store, name: string, description: string, now: number): void {
  store.permissions.set(name, { id: store.newId('perm_', () => false), name, description, createTime: now });
}

function resolveOrg(store: Store, ref: { organization_id?: string; organization_external_id?: string }, where: string): string {
  const id = ref.organization_id ?? (ref.organization_external_id ? store.orgIdByExternalId.get(ref.organization_external_id) : undefined);
  if (!id || !store.organizations.has(id)) {
    throw new UserInputError(`${where}: organization "${ref.organization_id ?? ref.organization_external_id ?? '(none given)'}" is not in the seed`);
  }
  return id;
}
