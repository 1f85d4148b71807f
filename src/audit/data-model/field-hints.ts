import type { Column, EntityKind, FieldHints } from '../report.js';
import { normalize } from './classify.js';

type Hint = keyof FieldHints;

/** Normalized column names (lower case, no separators) that play each part, best first. */
const CANDIDATES: Record<Exclude<Hint, 'id'>, readonly string[]> = {
  email: ['email', 'emailaddress', 'mail', 'primaryemail', 'useremail'],
  emailVerified: ['emailverified', 'isemailverified', 'emailverifiedat', 'emailconfirmed', 'isemailconfirmed', 'emailconfirmedat', 'confirmedat', 'verified', 'isverified', 'verifiedat', 'confirmed'],
  firstName: ['firstname', 'givenname', 'fname', 'forename'],
  lastName: ['lastname', 'familyname', 'surname', 'lname'],
  name: ['name', 'fullname', 'displayname', 'title'],
  username: ['username', 'login', 'handle', 'nickname'],
  passwordHash: ['passwordhash', 'hashedpassword', 'encryptedpassword', 'passworddigest', 'password', 'pwhash', 'passwd', 'hash'],
  disabled: ['disabled', 'isdisabled', 'isactive', 'active', 'banned', 'isbanned', 'blocked', 'isblocked', 'locked', 'islocked', 'suspended', 'issuspended', 'enabled', 'isenabled', 'status'],
  deletedAt: ['deletedat', 'isdeleted', 'deleted', 'archivedat', 'removedat'],
  userId: ['userid', 'memberid', 'accountid', 'ownerid'],
  organizationId: ['organizationid', 'organisationid', 'orgid', 'teamid', 'tenantid', 'workspaceid', 'companyid', 'accountid', 'groupid'],
  roleId: ['roleid'],
  role: ['role', 'roles', 'rolename', 'type', 'permissionlevel', 'accesslevel'],
  domain: ['domain', 'domains', 'emaildomain', 'allowedomains', 'alloweddomains'],
  mfaSecret: ['totpsecret', 'mfasecret', 'otpsecret', 'twofactorsecret', 'twofasecret', 'mfaenabled', 'twofactorenabled', 'otpenabled'],
};

const PER_KIND: Record<EntityKind, readonly Exclude<Hint, 'id'>[]> = {
  user: ['email', 'emailVerified', 'firstName', 'lastName', 'name', 'username', 'passwordHash', 'disabled', 'deletedAt', 'organizationId', 'role', 'mfaSecret'],
  organization: ['name', 'domain', 'deletedAt', 'disabled'],
  role: ['name'],
  membership: ['userId', 'organizationId', 'roleId', 'role'],
};

/** Which column is the id, the email, the verification flag... of an entity, from column names and keys. */
export function fieldHints(kind: EntityKind, columns: readonly Column[], primaryKey: readonly string[]): FieldHints {
  const byNormalized = new Map<string, string>();
  for (const column of columns) {
    const key = normalize(column.name);
    if (!byNormalized.has(key)) byNormalized.set(key, column.name);
    if (column.field) {
      const fieldKey = normalize(column.field);
      if (!byNormalized.has(fieldKey)) byNormalized.set(fieldKey, column.name);
    }
  }
  const hints: FieldHints = {};
  if (primaryKey.length === 1) hints.id = primaryKey[0];
  const taken = new Set<string>(hints.id ? [hints.id] : []);
  for (const hint of PER_KIND[kind]) {
    for (const candidate of CANDIDATES[hint]) {
      const column = byNormalized.get(candidate);
      if (column && !taken.has(column)) {
        hints[hint] = column;
        taken.add(column);
        break;
      }
    }
  }
  if (kind === 'organization' && hints.name === undefined) {
    const display = columns.find((column) => /name$/i.test(column.name));
    if (display) hints.name = display.name;
  }
  return hints;
}
