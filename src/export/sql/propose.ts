import { UserInputError } from '../../errors.js';
import type { DataModelHints, EntityKind } from '../data-model.js';
import type { SqlMapping } from './mapping.js';
import type { TableInfo } from './schema.js';
import { quoteName } from './database.js';
import { ownerColumn, pickMembershipTable, roleOf } from './membership-table.js';

export type Preset = 'saas' | 'nextauth' | 'supabase';

export interface MappingProposal {
  preset: Preset | 'custom';
  mapping: SqlMapping;
  /** What the person should know about the proposal: missing tables, guesses. */
  notes: string[];
}

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const TABLE_NAMES: Record<EntityKind, string[]> = {
  user: ['users', 'user', 'authuser', 'accountsuser', 'appusers', 'appuser', 'wpusers'],
  organization: ['organizations', 'organization', 'orgs', 'org', 'organisations', 'teams', 'team', 'tenants', 'tenant', 'workspaces', 'workspace', 'companies', 'company', 'accounts', 'account'],
  membership: [
    'memberships', 'membership', 'organizationmembers', 'organizationmemberships', 'orgmembers', 'orgmemberships', 'organizationusers', 'orgusers',
    'userorganizations', 'userorgs', 'teammembers', 'teammemberships', 'tenantusers', 'tenantmembers', 'workspacemembers', 'workspaceusers', 'members',
  ],
  role: ['roles', 'role'],
};

const COLUMNS = {
  email: ['email', 'emailaddress', 'mail', 'primaryemail', 'useremail'],
  emailVerified: ['emailverified', 'isemailverified', 'emailconfirmed', 'emailconfirmedat', 'confirmedat', 'emailverifiedat', 'verified', 'isverified'],
  firstName: ['firstname', 'givenname', 'forename'],
  lastName: ['lastname', 'familyname', 'surname'],
  fullName: ['name', 'fullname', 'displayname', 'username'],
  passwordHash: ['passwordhash', 'passworddigest', 'encryptedpassword', 'hashedpassword', 'password', 'pwdhash', 'passhash', 'userpass'],
  deleted: ['deletedat', 'discardedat', 'isdeleted', 'deleted', 'archivedat', 'removedat'],
  blocked: ['banned', 'isbanned', 'bannedat', 'blocked', 'isblocked', 'blockedat', 'lockedat', 'locked', 'islocked', 'suspended', 'issuspended', 'suspendedat'],
  disabled: ['disabled', 'isdisabled', 'disabledat', 'deactivatedat', 'deactivated'],
  status: ['status', 'state', 'accountstatus', 'userstatus'],
  active: ['isactive', 'active', 'enabled', 'isenabled'],
  orgName: ['displayname', 'name', 'title', 'companyname', 'orgname', 'organizationname', 'teamname', 'slug'],
  domains: ['domains', 'domain', 'emaildomain', 'emaildomains'],
  userRef: ['userid', 'memberid', 'accountid', 'user'],
  orgRef: ['organizationid', 'orgid', 'organisationid', 'teamid', 'tenantid', 'workspaceid', 'companyid', 'organization', 'org'],
  role: ['role', 'rolename', 'roles', 'userrole'],
  roleRef: ['roleid'],
  roleName: ['name', 'rolename', 'key', 'slug'],
  roleDisplayName: ['displayname', 'label', 'title'],
  description: ['description'],
  permissions: ['permissions', 'scopes'],
};

function findColumn(table: TableInfo, candidates: string[], exclude: string[] = []): string | undefined {
  for (const candidate of candidates) {
    const column = table.columns.find((c) => squash(c.name) === candidate && !exclude.includes(c.name));
    if (column) return column.name;
  }
  return undefined;
}

function idColumn(table: TableInfo): string | undefined {
  if (table.primaryKey.length === 1) return table.primaryKey[0];
  return findColumn(table, ['id', 'uuid', `${squash(table.name).replace(/s$/, '')}id`]);
}

/** Picks the table for an entity: the audit's choice, then known names, within the preferred schema first. */
function pickTable(tables: TableInfo[], kind: EntityKind, hints: DataModelHints | undefined, schemaOrder: (string | undefined)[], notes: string[]): TableInfo | undefined {
  for (const hint of hints?.tables[kind] ?? []) {
    const wanted = squash(hint.table);
    const found = tables.find((t) => squash(t.qualified) === wanted) ?? tables.find((t) => squash(t.name) === wanted);
    if (found) return found;
    notes.push(`the audit's dataModel names ${kind} table "${hint.table}", which the database does not have`);
  }
  for (const schema of schemaOrder) {
    for (const name of TABLE_NAMES[kind]) {
      const found = tables.find((t) => squash(t.name) === name && t.schema === schema && !(kind === 'organization' && isSignInAccountTable(t)));
      if (found) return found;
    }
  }
  return undefined;
}

/** Auth.js and OAuth `accounts` tables hold sign-in methods, not organizations (Jumpstart's and basejump's `accounts` are organizations). */
function isSignInAccountTable(table: TableInfo): boolean {
  return table.columns.some((c) => ['provider', 'provideraccountid', 'accesstoken', 'refreshtoken', 'providerid'].includes(squash(c.name)));
}

function referencesTable(table: TableInfo, target: TableInfo | undefined, fallbackNames: string[], exclude: string[] = []): string | undefined {
  if (target) {
    const fk = table.foreignKeys.find((key) => (key.table === target.qualified || key.table === target.name) && !exclude.includes(key.column));
    if (fk) return fk.column;
  }
  return findColumn(table, fallbackNames, exclude);
}

/**
 * Proposes how the database maps onto users, organizations, memberships and roles, from its
 * catalog, the audit's dataModel and the preset's known layout. The person reviews it (mappingOnly)
 * or overrides any of it with a mapping file.
 */
export function proposeMapping(tables: TableInfo[], options: { preset?: Preset; hints?: DataModelHints; dialect: 'sqlite' | 'postgres' }): MappingProposal {
  const notes: string[] = [];
  const preset = options.preset ?? detectPreset(tables);
  if (preset === 'supabase' && options.dialect !== 'postgres') throw new UserInputError('the supabase preset needs a PostgreSQL source');
  const schemaOrder = options.dialect === 'postgres' ? ['public', ...new Set(tables.map((t) => t.schema).filter((s) => s !== 'public' && s !== 'auth'))] : [undefined];

  const users = preset === 'supabase' ? tables.find((t) => t.qualified === 'auth.users') : pickTable(tables, 'user', options.hints, schemaOrder, notes);
  if (!users) {
    throw new UserInputError(
      `no users table found (looked for ${TABLE_NAMES.user.slice(0, 3).join(', ')}...${preset === 'supabase' ? ', auth.users' : ''}); tables seen: ${tables.map((t) => t.qualified).slice(0, 15).join(', ') || 'none'}. Give a mapping file (--mapping).`,
    );
  }
  const userId = idColumn(users);
  const email = findColumn(users, COLUMNS.email);
  if (!userId || !email) throw new UserInputError(`table ${users.qualified} has no ${userId ? 'email' : 'primary key or id'} column this export recognizes; give a mapping file (--mapping)`);

  // Auth.js adapters have no organizations of their own, but the SaaS starters built on them add teams.
  const orgs = pickTable(tables, 'organization', options.hints, schemaOrder, notes);
  const roles = pickTable(tables, 'role', options.hints, schemaOrder, notes);
  const memberships = pickMembershipTable(tables, users, orgs, options.hints);

  const mapping: SqlMapping = { users: { table: users.qualified, columns: { external_id: userId, email } } };
  const userColumns = mapping.users.columns;
  if (preset === 'supabase') {
    Object.assign(userColumns, {
      email_verified: 'email_confirmed_at',
      full_name: { sql: `coalesce(u.raw_user_meta_data->>'full_name', u.raw_user_meta_data->>'name')` },
      password_hash: 'encrypted_password',
      deleted: 'deleted_at',
      blocked: { sql: 'u.banned_until IS NOT NULL AND u.banned_until > now()' },
    });
    // Invited (or signed up) and never confirmed: the account cannot sign in yet.
    const has = (name: string) => users.columns.some((c) => c.name === name);
    if (has('invited_at') || has('confirmation_sent_at')) {
      const sent = ['invited_at', 'confirmation_sent_at'].filter(has).map((name) => `u.${name} IS NOT NULL`).join(' OR ');
      userColumns.unconfirmed = { sql: `u.email_confirmed_at IS NULL AND (${sent})` };
    }
  } else {
    const verified = findColumn(users, COLUMNS.emailVerified);
    if (verified) userColumns.email_verified = verified;
    const first = findColumn(users, COLUMNS.firstName);
    const last = findColumn(users, COLUMNS.lastName);
    if (first) userColumns.first_name = first;
    if (last) userColumns.last_name = last;
    const full = !first && !last ? findColumn(users, COLUMNS.fullName, [email]) : undefined;
    if (full) userColumns.full_name = full;
    const hash = findColumn(users, COLUMNS.passwordHash);
    if (hash) userColumns.password_hash = hash;
    const deleted = findColumn(users, COLUMNS.deleted);
    if (deleted) userColumns.deleted = deleted;
    const blocked = findColumn(users, COLUMNS.blocked);
    if (blocked) userColumns.blocked = blocked;
    const disabled = findColumn(users, COLUMNS.disabled);
    if (disabled) userColumns.disabled = disabled;
    else {
      const active = findColumn(users, COLUMNS.active);
      if (active) userColumns.active = active;
    }
    const status = findColumn(users, COLUMNS.status);
    if (status && /char|text|enum|^$/.test(users.columns.find((c) => c.name === status)!.type)) userColumns.status = status;
    // Devise confirmable: an account whose confirmed_at is empty cannot sign in yet.
    if (users.columns.some((c) => c.name === 'confirmed_at') && users.columns.some((c) => c.name === 'confirmation_token')) {
      userColumns.unconfirmed = { sql: 'u.confirmed_at IS NULL' };
    }
  }

  if (orgs) {
    const orgId = idColumn(orgs);
    if (!orgId) notes.push(`organizations table ${orgs.qualified} has no primary key; it is left out`);
    else {
      mapping.organizations = { table: orgs.qualified, columns: { external_id: orgId } };
      const name = findColumn(orgs, COLUMNS.orgName);
      if (name) mapping.organizations.columns.display_name = name;
      const domains = findColumn(orgs, COLUMNS.domains);
      if (domains) mapping.organizations.columns.domains = domains;
    }
  }
  if (roles) {
    const name = findColumn(roles, COLUMNS.roleName);
    if (name) {
      mapping.roles = { table: roles.qualified, columns: { name } };
      const id = idColumn(roles);
      if (id && id !== name) mapping.roles.columns.id = id;
      const display = findColumn(roles, COLUMNS.roleDisplayName, [name]);
      if (display) mapping.roles.columns.display_name = display;
      const description = findColumn(roles, COLUMNS.description);
      if (description) mapping.roles.columns.description = description;
      const permissions = findColumn(roles, COLUMNS.permissions);
      if (permissions) mapping.roles.columns.permissions = permissions;
    } else notes.push(`roles table ${roles.qualified} has no name column; roles come from memberships only`);
  }

  if (memberships) {
    const { table, userRef, orgRef } = memberships;
    mapping.memberships = { table: table.qualified, columns: { user_id: userRef, org_external_id: orgRef } };
    const roleId = mapping.roles?.columns.id ? referencesTable(table, roles, COLUMNS.roleRef) : undefined;
    const role = roleOf(table);
    if (role) mapping.memberships.columns.role = role;
    else if (roleId) mapping.memberships.columns.role_id = roleId;
    notes.push(`memberships from ${table.qualified}: ${memberships.evidence.join(', ')}`);
    const orgTable = orgs;
    const orgMapping = mapping.organizations;
    const owner = orgTable && orgMapping && !mapping.memberships.columns.role_id ? ownerColumn(orgTable, users) : undefined;
    const roleType = role ? table.columns.find((c) => c.name === role)!.type : '';
    if (owner && orgTable && orgMapping && !/json|\[\]|array/.test(roleType)) {
      // Owners kept on the organization row (Jetstream's teams.user_id) are members too, with the role owner.
      mapping.memberships = {
        query:
          `SELECT m.${quoteName(userRef)} AS user_id, m.${quoteName(orgRef)} AS org_id, ${role ? `m.${quoteName(role)}` : 'NULL'} AS role FROM ${quoteName(table.qualified, true)} AS m` +
          ` UNION SELECT o.${quoteName(owner)}, o.${quoteName(orgMapping.columns.external_id as string)}, 'owner' FROM ${quoteName(orgTable.qualified, true)} AS o WHERE o.${quoteName(owner)} IS NOT NULL`,
        columns: { user_id: 'user_id', org_external_id: 'org_id', role: 'role' },
      };
      notes.push(`owners in ${orgTable.qualified}.${owner} are members with the role owner`);
    }
  } else if (orgs) {
    const orgRef = referencesTable(users, orgs, COLUMNS.orgRef);
    if (orgRef) {
      userColumns.org_external_id = orgRef;
      const role = findColumn(users, COLUMNS.role);
      if (role) userColumns.role = role;
    }
  }
  if (options.preset === 'saas' && (!mapping.organizations || (!mapping.memberships && !userColumns.org_external_id))) {
    throw new UserInputError(
      `the saas preset expects users, organizations and memberships tables; found ${[users.qualified, orgs?.qualified, memberships?.table.qualified].filter(Boolean).join(', ')}. Give a mapping file for this layout.`,
    );
  }
  if (!mapping.memberships && !userColumns.org_external_id) {
    notes.push('no organization membership found in the database: pass defaultOrg (one shared organization) or orgPerUser, or a mapping file');
  }
  return { preset: options.preset ?? (preset === 'saas' && !mapping.organizations ? 'custom' : preset), mapping, notes };
}

function detectPreset(tables: TableInfo[]): Preset {
  const authUsers = tables.find((t) => t.qualified === 'auth.users');
  if (authUsers && authUsers.columns.some((c) => c.name === 'encrypted_password')) return 'supabase';
  const hasAccounts = tables.some((t) => squash(t.name) === 'accounts' || squash(t.name) === 'account');
  const hasSessions = tables.some((t) => squash(t.name) === 'sessions' || squash(t.name) === 'session');
  const users = tables.find((t) => squash(t.name) === 'users' || squash(t.name) === 'user');
  const nextAuthAccounts = tables.find((t) => (squash(t.name) === 'accounts' || squash(t.name) === 'account') && t.columns.some((c) => squash(c.name) === 'provideraccountid'));
  if (users && hasAccounts && hasSessions && nextAuthAccounts) return 'nextauth';
  return 'saas';
}
