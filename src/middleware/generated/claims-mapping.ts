/** Where a field of the app's user object comes from in a Scalekit access token. */
export type ClaimSource = 'user-id' | 'org-id' | 'role' | 'roles' | 'permissions' | 'email' | 'unmapped';

/** The type the app's code gives a value (declared, or of what its legacy tokens were signed with). */
export type FieldType = 'string' | 'number';

export interface MappedField {
  /** The property handlers read, e.g. `id`, `sub`, `orgId`, `role`; a dotted path inside nested payloads (`user.id`). */
  name: string;
  source: ClaimSource;
  /** Known from the app's types or sign payloads; absent: unknown, mapped as the claim's own type. */
  type?: FieldType;
  /** Where the codemod saw it (file:line), for the report. */
  seenAt?: string;
}

/** What the generated module maps a Scalekit token onto. */
export interface ClaimsMapping {
  fields: MappedField[];
  /** Scalekit role name -> the legacy name the app compares against (only names that differ). */
  roleNames: Record<string, string>;
  /** Legacy spellings merged on export -> the legacy name their role maps back to (role checks accept either). */
  roleAliases: Record<string, string>;
}

const USER_ID = /^(?:id|_id|sub|userId|user_id|uid|userUuid|user_uuid)$/;
const ORG_ID = /^(?:org|orgId|org_id|organization|organizationId|organization_id|tenant|tenantId|tenant_id|team|teamId|team_id|workspace|workspaceId|workspace_id|account|accountId|account_id|company|companyId|company_id)$/;
const ROLE = /^(?:role|userRole|user_role)$/;
const ROLES = /^(?:roles|userRoles|user_roles)$/;
const PERMISSIONS = /^(?:permissions|perms|scopes|scope)$/;
const EMAIL = /^(?:email|emailAddress|email_address)$/;
/** Names an app keys its users by when its tokens carry no id. */
const USER_KEY = /^(?:username|userName|user_name|login|handle)$/;

/** A field naming the user (`username`) that stands in for the id in tokens that carry none. */
export function isUserKeyField(field: Pick<MappedField, 'name' | 'source'>): boolean {
  return field.source === 'user-id' && USER_KEY.test(field.name.split('.').at(-1)!);
}

/** Classifies a field by its name, and by the expression that filled it when a legacy token was signed. */
export function classifyField(name: string, initializer?: string): ClaimSource {
  if (USER_ID.test(name)) return 'user-id';
  if (ORG_ID.test(name)) return 'org-id';
  if (ROLES.test(name)) return 'roles';
  if (ROLE.test(name)) return 'role';
  if (PERMISSIONS.test(name)) return 'permissions';
  if (EMAIL.test(name)) return 'email';
  if (initializer) {
    const last = /([\w$]+)\s*$/.exec(initializer)?.[1];
    if (last && last !== name) {
      const byValue = classifyField(last);
      if (byValue !== 'unmapped') return byValue;
    }
  }
  return 'unmapped';
}

/** The TypeScript expression that fills a field from `claims` (a verified Scalekit token) and `roles` (legacy names). */
export function fieldExpression(source: ClaimSource, type?: FieldType): string | undefined {
  switch (source) {
    case 'user-id':
      return type === 'number' ? 'legacyNumber(claims.xuid ?? claims.sub)' : 'claims.xuid ?? claims.sub';
    case 'org-id':
      return type === 'number' ? 'legacyNumber(claims.xoid ?? claims.oid)' : 'claims.xoid ?? claims.oid';
    case 'role':
      return 'roles[0]';
    case 'roles':
      return 'roles';
    case 'permissions':
      return 'claims.permissions ?? []';
    case 'email':
      return 'claims.email';
    default:
      return undefined;
  }
}

/** The TypeScript type of a field of the app user. */
export function fieldType(source: ClaimSource, type?: FieldType): string {
  switch (source) {
    case 'roles':
    case 'permissions':
      return 'string[]';
    case 'user-id':
    case 'org-id':
      return type ?? 'string';
    default:
      return 'string';
  }
}

/**
 * The fields every mapping has, whatever the app reads: the user id under `id` and `sub`, and
 * `roles` and `permissions` (the RBAC rewrites read `roles`).
 */
export function completeMapping(fields: readonly MappedField[], roleNames: Record<string, string>, roleAliases: Record<string, string> = {}): ClaimsMapping {
  const byName = new Map<string, MappedField>();
  for (const field of fields) {
    const known = byName.get(field.name);
    if (!known) byName.set(field.name, { ...field });
    else if (!known.type && field.type) known.type = field.type;
  }
  // Tokens without an id that name their user (`{ username }`) are looked up by that name: it is the user's key.
  const userKey = [...byName.values()].some((field) => field.source === 'user-id') ? undefined : [...byName.values()].find((field) => field.source === 'unmapped' && USER_KEY.test(field.name.split('.').at(-1)!));
  if (userKey) userKey.source = 'user-id';
  if (![...byName.values()].some((field) => field.source === 'user-id')) {
    byName.set('id', { name: 'id', source: 'user-id' });
    byName.set('sub', { name: 'sub', source: 'user-id' });
  }
  if (!byName.has('roles')) byName.set('roles', { name: 'roles', source: 'roles' });
  if (!byName.has('permissions')) byName.set('permissions', { name: 'permissions', source: 'permissions' });
  const ordered = [...byName.values()].sort((a, b) => order(a.source) - order(b.source) || a.name.localeCompare(b.name));
  const sorted = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  return { fields: ordered, roleNames: sorted(roleNames), roleAliases: sorted(roleAliases) };
}

const ORDER: ClaimSource[] = ['user-id', 'org-id', 'role', 'roles', 'permissions', 'email', 'unmapped'];
function order(source: ClaimSource): number {
  return ORDER.indexOf(source);
}
