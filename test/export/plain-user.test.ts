import { describe, expect, it } from 'vitest';
import type { SourceMembership, SourceUser } from '../../src/export/model.js';
import { normalizeUser, toPackageUser } from '../../src/export/normalize/user.js';
import { plainUserLine } from '../../src/export/normalize/plain-user.js';

/** The line normalizeUser and toPackageUser write for the same user, or undefined when normalizeUser refuses it. */
function generalLine(user: SourceUser): string | undefined {
  const outcome = normalizeUser(user, { skipInactive: false });
  return outcome.user ? JSON.stringify(toPackageUser(outcome.user)) : undefined;
}

const member = (org: unknown, role: unknown = null, unknownRoleId?: string): SourceMembership => ({ orgExternalId: org, roles: role, unknownRoleId });
const base: SourceUser = {
  sourceRef: 'users id 7',
  record: {},
  externalId: 7,
  email: 'ada@example.com',
  emailVerified: true,
  firstName: 'Ada',
  lastName: 'Lovelace',
  fullName: undefined,
  status: undefined,
  passwordHash: undefined,
  memberships: [member(1, 'admin')],
};

/** Values a database hands over, each changed in one way from `base`. */
const CASES: [string, Partial<SourceUser>][] = [
  ['the usual user', {}],
  ['a text id with spaces around', { externalId: '  u-7  ' }],
  ['a bigint id as text (pg int8)', { externalId: '9223372036854775807' }],
  ['an id too long', { externalId: 'x'.repeat(256) }],
  ['an id that is a boolean', { externalId: true }],
  ['an unsafe float id', { externalId: 1.5 }],
  ['a blank id', { externalId: '   ' }],
  ['an address in capitals with spaces', { email: '  Ada@Example.COM ' }],
  ['an address with a Unicode domain', { email: 'ada@bücher.example' }],
  ['an address with a Unicode local part', { email: 'adé@example.com' }],
  ['an address with a quoted local part', { email: '"ada lovelace"@example.com' }],
  ['an address without a dot in the domain', { email: 'ada@localhost' }],
  ['an address with a no-break space around it', { email: '\u00a0ada@example.com\u00a0' }],
  ['no address', { email: null }],
  ['verified as a word', { emailVerified: 'Yes' }],
  ['verified as a timestamp', { emailVerified: new Date('2024-01-01T00:00:00Z') }],
  ['verified as a number', { emailVerified: 0 }],
  ['verified as something else', { emailVerified: 'maybe' }],
  ['names with quotes, backslashes and control characters', { firstName: 'Say "hi"\t', lastName: 'Back\\slash\u0001' }],
  ['names with a lone surrogate', { firstName: 'Bad\ud800' }],
  ['names padded with Unicode spaces', { firstName: '\u2003Zoë\u3000', lastName: '' }],
  ['a number as a name', { firstName: 42 }],
  ['a name too long', { lastName: 'x'.repeat(201) }],
  ['a full name only', { firstName: null, lastName: null, fullName: 'Grace Brewster Hopper' }],
  ['a blank full name only', { firstName: null, lastName: null, fullName: '  ' }],
  ['a full name beside a first name', { lastName: null, fullName: 'Grace Hopper' }],
  ['a status', { status: 'blocked' }],
  ['metadata', { metadata: [['plan', 'pro']] }],
  ['metadata columns all empty', { metadata: [['plan', null], ['team', undefined]] }],
  ['a password hash', { passwordHash: { value: '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy' } }],
  ['organizations out of order, roles repeated and out of order', { memberships: [member('b', 'viewer'), member('a'), member('b', 'admin'), member('b', 'viewer'), member(10, 'member'), member(9, 'member')] }],
  ['an organization id with spaces, a blank one and none', { memberships: [member(' org-1 ', 'admin'), member('  ', 'member'), member(null, 'member')] }],
  ['only blank organizations', { memberships: [member(''), member(null)] }],
  ['no membership', { memberships: [] }],
  ['a legacy role name', { memberships: [member(1, 'Org Admin')] }],
  ['a capitalized role name', { memberships: [member(1, 'Admin')] }],
  ['two spellings of one role in one organization', { memberships: [member(1, 'Org Admin'), member(1, 'org_admin'), member(2, 'Billing-Manager')] }],
  ['a role name with space around it', { memberships: [member(1, 'admin ')] }],
  ['a role name with no letter or digit', { memberships: [member(1, '!!!')] }],
  ['a role list as JSON text', { memberships: [member(1, '["admin","member"]')] }],
  ['a quoted role name', { memberships: [member(1, '"Admin"')] }],
  ['a role name of 80 characters', { memberships: [member(1, 'Role '.repeat(16))] }],
  ['a role list in one value', { memberships: [member(1, 'admin,member')] }],
  ['a role id that names no role', { memberships: [member(1, null, '99')] }],
  ['a numeric role', { memberships: [member(1, 5)] }],
  ['an organization id that is an object', { memberships: [member({ id: 1 }, 'admin')] }],
  ['an organization id with a quote', { memberships: [member('a"b', 'admin')] }],
  ['a blank role', { memberships: [member(1, '   ')] }],
  ['a list of one role', { memberships: [member(1, ['admin'])] }],
  ['a list of one legacy role with space around it', { memberships: [member(1, [' Org Admin '])] }],
  ['a list of one name holding a comma', { memberships: [member(1, ['a,b'])] }],
  ['a list of one blank name', { memberships: [member(1, [''])] }],
  ['an empty role list', { memberships: [member(1, [])] }],
  ['a list of two roles', { memberships: [member(1, ['admin', 'member'])] }],
  ['a list of one role object', { memberships: [member(1, [{ name: 'admin' }])] }],
  ['a list of one role with no Scalekit name', { memberships: [member(1, ['!!!'])] }],
  ['an organization display name', { memberships: [{ orgExternalId: 'o1', orgDisplayName: '  Acme  ', roles: 'admin' }] }],
  ['display names on two memberships', { memberships: [{ orgExternalId: 'o1', orgDisplayName: 'Acme', roles: 'admin' }, { orgExternalId: 'o2', orgDisplayName: 'Two', roles: null }] }],
  ['linked ids', { linkedIds: ['auth0|7', 'google-oauth2|7'] }],
  ['a merge rank', { mergeRank: 1 }],
  ['not a person', { notAPerson: 'a service account' }],
  ['memberships announced apart', { membershipKeys: ['7'] }],
  ['metadata of every kind of value', { metadata: [['plan', 'pro'], ['seats', 12], ['trial', false], ['since', new Date('2024-01-02T03:04:05Z')], ['prefs', { theme: 'dark' }], ['empty', ''], ['none', null]] }],
  ['metadata with a key too short', { metadata: [['ab', 'x']] }],
  ['metadata with a value too long', { metadata: [['notes', 'x'.repeat(257)]] }],
  ['metadata of eleven pairs', { metadata: Array.from({ length: 11 }, (_, i): [string, unknown] => [`key${i}`, 'v']) }],
  ['metadata with a key twice', { metadata: [['plan', 'pro'], ['plan', 'free']] }],
  ['metadata with a value padded by spaces', { metadata: [['plan', '  pro  ']] }],
  ['a hash with the algorithm the source names', { passwordHash: { value: 'c2NyeXB0', algorithm: 'firebase-scrypt', params: { rounds: 8 } } }],
];

describe('plain users: the short way writes exactly what normalizeUser and toPackageUser write', () => {
  for (const [name, change] of CASES) {
    it(name, () => {
      const values = { ...base, ...change, memberships: (change.memberships ?? base.memberships).map((m) => ({ ...m })) };
      const plain = plainUserLine(structuredClone(values), { skipInactive: false });
      const general = generalLine(values);
      // The short way may decline (normalizeUser then handles the user); when it answers, it answers as normalizeUser would.
      if (plain !== undefined) expect(plain.line).toBe(general);
    });
  }

  it('takes the usual shapes, and declines what needs the general way', () => {
    const takes = (change: Partial<SourceUser>) => plainUserLine({ ...base, ...change }, { skipInactive: false }) !== undefined;
    for (const change of [{}, { externalId: '  u-7  ' }, { email: '  Ada@Example.COM ' }, { email: 'ada@bücher.example' }, { firstName: 'Say "hi"' }, { status: 'deleted' as const }, { emailVerified: new Date() }]) {
      expect(takes(change)).toBe(true);
    }
    for (const change of [{ memberships: [member(1, 'Org Admin')] }, { memberships: [member(1, 'Admin'), member(2, 'admin')] }]) expect(takes(change)).toBe(true);
    for (const change of [{ memberships: [member(1, ['admin'])] }, { memberships: [member(1, '')] }, { memberships: [{ orgExternalId: 'o1', orgDisplayName: 'Acme' }] }]) expect(takes(change)).toBe(true);
    for (const change of [{ metadata: [['plan', 'pro']] as [string, unknown][] }, { mergeRank: 1 }, { fullName: 'Grace Hopper', firstName: null, lastName: null }]) expect(takes(change)).toBe(true);
    for (const change of [{ linkedIds: ['x'] }, { notAPerson: 'a client' }, { membershipKeys: ['7'] }, { memberships: [member(1, ['admin', 'member'])] }, { metadata: [['ab', 'x']] as [string, unknown][] }]) expect(takes(change)).toBe(false);
    expect(plainUserLine({ ...base, mergeRank: 2 }, { skipInactive: false })?.rank).toBe(2);
    for (const change of [ { memberships: [] }, { memberships: [member(1, 'admin,member')] }, { memberships: [member(1, '!!!')] }, { memberships: [member(1, null, '99')] }, { email: 'adé@example.com' }]) {
      expect(takes(change)).toBe(false);
    }
    expect(plainUserLine({ ...base, status: 'inactive' }, { skipInactive: true })).toBeUndefined();
    // No organization: the default one when the export has one, with the roles held outside any organization.
    const orgless = { ...base, memberships: [], rolesWithoutOrganization: ['Org Admin'] };
    expect(plainUserLine(orgless, { skipInactive: false })).toBeUndefined();
    const placed = plainUserLine(orgless, { skipInactive: false, defaultOrg: { externalId: 'main', displayName: 'Main' } })!;
    expect(placed).toMatchObject({ orgs: ['main'], orgDisplayName: 'Main', roles: [{ name: 'org_admin', legacy: 'Org Admin' }] });
    expect(JSON.parse(placed.line).memberships).toEqual([{ org_external_id: 'main', roles: ['org_admin'] }]);
    expect(plainUserLine({ ...orgless, rolesWithoutOrganization: 'admin|member' }, { skipInactive: false, defaultOrg: { externalId: 'main' } })).toBeUndefined();
  });

  it('reports the normalized address, the original when it changed, each organization once and each role spelling', () => {
    const user = plainUserLine({ ...base, email: ' Ada@Example.com', memberships: [member(2, 'viewer'), member(1, 'admin'), member(2, 'Viewer')] }, { skipInactive: false })!;
    expect(user).toMatchObject({
      sourceRef: 'users id 7',
      externalId: '7',
      email: 'ada@example.com',
      originalEmail: ' Ada@Example.com',
      orgs: ['1', '2'],
      roles: [{ name: 'viewer', legacy: 'viewer' }, { name: 'admin', legacy: 'admin' }, { name: 'viewer', legacy: 'Viewer' }],
      status: undefined,
    });
    expect(JSON.parse(user.line).memberships).toEqual([{ org_external_id: '1', roles: ['admin'] }, { org_external_id: '2', roles: ['viewer'] }]);
  });
});
