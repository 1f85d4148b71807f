import type { AuthTablePurpose, Column, EntityKind } from '../report.js';

export type Classification = { kind: EntityKind; purpose?: undefined } | { kind?: undefined; purpose: AuthTablePurpose } | undefined;

const PREFIX_WORDS = new Set(['app', 'auth', 'core', 'base', 'main', 'tbl', 't']);
const USER_WORDS = new Set(['user', 'appuser', 'authuser']);
const ORG_WORDS = new Set(['organization', 'organisation', 'org', 'team', 'tenant', 'workspace', 'company', 'account']);
const ROLE_WORDS = new Set(['role', 'permission', 'privilege', 'authority']);
const PERSON_WORDS = new Set(['admin', 'administrator', 'customer', 'person', 'staff', 'employee', 'operator', 'manager', 'author', 'player', 'student', 'teacher', 'client', 'profile']);
const MEMBER_WORDS = new Set(['member', 'membership']);
const MFA_WORDS = new Set(['mfa', 'totp', 'otp', 'twofactor', 'webauthn', 'passkey', 'authenticator', 'u2f']);
const SSO_WORDS = new Set(['sso', 'saml', 'idp', 'oidc']);
/** Suffixes ORM class names carry (`UserEntity`, `RoleSchemaClass`, `SessionDocument`): not part of what the table is. */
const ORM_SUFFIX_WORDS = new Set(['entity', 'schema', 'class', 'model', 'document', 'doc', 'record']);
const OWNER_COLUMNS = ['owner', 'ownerid', 'userid'];

/** Words of a table or model name, lower-cased and singular: `UserRoles` -> user, role; `password_resets` -> password, reset. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map(singular);
}

function withoutOrmSuffix(words: string[]): string[] {
  let end = words.length;
  while (end > 1 && ORM_SUFFIX_WORDS.has(words[end - 1]!)) end--;
  return words.slice(0, end);
}

function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (/(?:ss|us|is)$/.test(word)) return word;
  if (word.endsWith('ses') || word.endsWith('xes')) return word.slice(0, -2);
  if (word.endsWith('s') && word.length > 3) return word.slice(0, -1);
  return word;
}

function columnNames(columns: readonly Column[]): Set<string> {
  return new Set(columns.map((column) => normalize(column.name)));
}

export function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Which part a table plays in auth, from its name (and, where names are ambiguous, its columns):
 * one of the four entity kinds, an auth table with a purpose, or nothing (not an auth table).
 */
export function classifyTable(names: readonly string[], columns: readonly Column[]): Classification {
  for (const name of names) {
    const found = classifyName(withoutOrmSuffix(nameWords(name)), columns);
    if (found) return found;
  }
  return undefined;
}

function classifyName(words: string[], columns: readonly Column[]): Classification {
  if (words.length === 0) return undefined;
  const set = new Set(words);
  const has = (word: string) => set.has(word);
  const cols = columnNames(columns);
  const core = words.filter((word) => !PREFIX_WORDS.has(word));

  // Auth tables first: their names often contain "user" too (user_sessions, user_api_keys).
  if (has('refresh') && has('token')) return { purpose: 'refresh-token' };
  if ((has('password') && has('reset')) || (has('reset') && has('token'))) return { purpose: 'password-reset' };
  if (has('verification') || has('verificationtoken') || (has('email') && (has('confirmation') || has('verify')))) return { purpose: 'verification-token' };
  if ((has('api') && has('key')) || has('apikey') || (has('access') && has('token')) || (has('personal') && has('token'))) return { purpose: 'api-key' };
  if (words.some((word) => MFA_WORDS.has(word)) || (has('two') && has('factor')) || (has('recovery') && has('code'))) return { purpose: 'mfa' };
  if (words.some((word) => SSO_WORDS.has(word)) || (has('identity') && has('provider'))) return { purpose: 'sso-connection' };
  if (has('session') && core.every((word) => word === 'session' || word === 'user' || word === 'login')) {
    const looksLikeSessions = cols.size === 0 || [...cols].some((column) => /token|sid|sess|expire/.test(column));
    // Sessions that hold a refresh token are how the app renews its tokens.
    if (cols.has('refreshtoken')) return { purpose: 'refresh-token' };
    if (looksLikeSessions) return { purpose: 'session' };
  }
  if ((has('account') || has('identity')) && (cols.has('provider') || cols.has('providerid')) && (cols.has('provideraccountid') || cols.has('provideruserid') || cols.has('provideridentifier') || cols.has('uid') || cols.has('accountid'))) {
    return { purpose: 'oauth-account' };
  }
  if ((has('oauth') || has('social')) && (has('account') || has('identity') || has('connection'))) return { purpose: 'oauth-account' };

  const hasUser = words.some((word) => USER_WORDS.has(word));
  const hasOrg = words.some((word) => ORG_WORDS.has(word) || word === 'group');
  const hasRole = words.some((word) => ROLE_WORDS.has(word));
  if (words.some((word) => MEMBER_WORDS.has(word)) && core.length <= 3) return { kind: 'membership' };
  if (hasUser && (hasOrg || hasRole) && core.length <= 3) return { kind: 'membership' };
  if (hasRole && core.every((word) => ROLE_WORDS.has(word) || word === 'has')) return { kind: 'role' };

  const last = core[core.length - 1];
  // An `accounts` table keyed to one owning user (bank or CRM accounts) is that user's record, not a tenant.
  if (last === 'account' && core.length === 1 && OWNER_COLUMNS.some((column) => cols.has(column))) return undefined;
  if (core.length === 1 && last && ORG_WORDS.has(last)) return { kind: 'organization' };
  if (core.length === 1 && last && USER_WORDS.has(last)) return { kind: 'user' };
  // People who sign in under another name (`admins`, `customers`): a login identifier beside a password column.
  if (core.length === 1 && last && PERSON_WORDS.has(last) && [...cols].some((column) => /^(?:password|passwordhash|hashedpassword|encryptedpassword|passwd)$/.test(column)) && (cols.has('email') || cols.has('username') || cols.has('login'))) {
    return { kind: 'user' };
  }
  return undefined;
}
