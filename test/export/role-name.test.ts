import { CreateRoleRequestSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../src/emulator/api/validate.js';
import { ROLE_NAME_TOO_LONG, UNMAPPABLE_ROLE_NAME, mapRoleNames, scalekitRoleName } from '../../src/export/normalize/role-name.js';
import { LEGACY_ROLE_NAME_MAX, ROLE_NAME_MAX, ROLE_NAME_PATTERN, membershipRecordSchema, roleRecordSchema } from '../../src/package/records.js';

const LEGACY_NAMES = [
  'admin', 'Admin', 'ADMIN', 'Org Admin', 'org admin', 'org:admin', 'org-admin', 'billing-manager', 'Billing Manager', 'read_only', '_internal_',
  '  Team  Lead  ', 'Gérant d’équipe', 'Ärzte/Pflege', 'İstanbul ofisi', 'role.v2', '42', 'a', 'x'.repeat(64), 'x'.repeat(65), `Very ${'long '.repeat(30)}name`,
  '!!!', '---', '___', ' ', '管理员', '🙂', 'Straße', 'ｆｕｌｌｗｉｄｔｈ', 'owner (legacy)', 'admin!', '!admin',
];

function acceptedByScalekit(name: string): boolean {
  try {
    validateRequest(CreateRoleRequestSchema, { role: { name, displayName: 'Role' } });
    return true;
  } catch {
    return false;
  }
}

describe('Scalekit role name rule', () => {
  it("is the emulator's rule decoded from the SDK descriptors, and the package schemas apply it", () => {
    const candidates = [...LEGACY_NAMES, 'org_admin', 'A_b_9', '', 'a'.repeat(ROLE_NAME_MAX), 'a'.repeat(ROLE_NAME_MAX + 1)];
    for (const name of candidates) {
      expect(ROLE_NAME_PATTERN.test(name), name).toBe(acceptedByScalekit(name));
      expect(roleRecordSchema.safeParse({ name }).success, name).toBe(acceptedByScalekit(name));
      expect(membershipRecordSchema.safeParse({ org_external_id: 'o1', roles: [name] }).success, name).toBe(acceptedByScalekit(name));
    }
    expect(acceptedByScalekit('a'.repeat(ROLE_NAME_MAX))).toBe(true);
    expect(acceptedByScalekit('a'.repeat(ROLE_NAME_MAX + 1))).toBe(false);
  });

  it('the role record keeps the legacy spelling, and says why a name is refused', () => {
    expect(roleRecordSchema.parse({ name: 'org_admin', legacy_name: 'Org Admin', legacy_aliases: ['org:admin'], display_name: 'Org Admin' })).toEqual({
      name: 'org_admin',
      legacy_name: 'Org Admin',
      legacy_aliases: ['org:admin'],
      display_name: 'Org Admin',
    });
    const refused = roleRecordSchema.safeParse({ name: 'Org Admin' });
    expect(refused.error?.issues[0]?.message).toBe(`role names must match ${ROLE_NAME_PATTERN.source} (Scalekit's rule)`);
    expect(roleRecordSchema.safeParse({ name: 'admin', display_name: 'd'.repeat(101) }).success).toBe(false);
  });
});

describe('legacy role name -> Scalekit role name', () => {
  it.each([
    ['admin', 'admin'],
    ['Admin', 'admin'],
    ['ADMIN', 'admin'],
    ['Org Admin', 'org_admin'],
    ['org:admin', 'org_admin'],
    ['org-admin', 'org_admin'],
    ['billing-manager', 'billing_manager'],
    ['Billing Manager', 'billing_manager'],
    ['read_only', 'read_only'],
    ['_internal_', 'internal'],
    ['  Team  Lead  ', 'team_lead'],
    ['Gérant d’équipe', 'gerant_d_equipe'],
    ['Ärzte/Pflege', 'arzte_pflege'],
    ['İstanbul ofisi', 'istanbul_ofisi'],
    ['role.v2', 'role_v2'],
    ['owner (legacy)', 'owner_legacy'],
    ['Straße', 'stra_e'],
    ['ｆｕｌｌｗｉｄｔｈ', 'fullwidth'],
    ['42', '42'],
    ['a', 'a'],
  ])('%j -> %s', (legacy, expected) => {
    expect(scalekitRoleName(legacy)).toEqual({ ok: true, name: expected });
  });

  it('keeps a 64-character name and gives a longer one a stable hash suffix, so long names only meet when their full forms do', () => {
    expect(scalekitRoleName('x'.repeat(64))).toEqual({ ok: true, name: 'x'.repeat(64) });
    const long = scalekitRoleName(`${'Department '.repeat(6)}Head`);
    const other = scalekitRoleName(`${'Department '.repeat(6)}Lead`);
    expect(long.ok && other.ok).toBe(true);
    if (!long.ok || !other.ok) return;
    expect(long.name).toMatch(/^department_department_department_department_department_[0-9a-f]{8}$/);
    expect(long.name.length).toBeLessThanOrEqual(ROLE_NAME_MAX);
    expect(other.name).not.toBe(long.name);
    expect(scalekitRoleName(`${'DEPARTMENT-'.repeat(6)}HEAD`)).toEqual(long);
  });

  it('has no name for punctuation, blanks, or scripts without Latin letters, nor for absurdly long names', () => {
    for (const legacy of ['!!!', '---', '___', ' ', '', '管理员', '🙂']) expect(scalekitRoleName(legacy), legacy).toEqual({ ok: false, reason: UNMAPPABLE_ROLE_NAME });
    expect(UNMAPPABLE_ROLE_NAME).toBe('role name maps to no valid Scalekit name: it has no letter a-z or digit 0-9 (Scalekit role names match ^[a-zA-Z0-9_]{1,64}$)');
    expect(scalekitRoleName('r'.repeat(LEGACY_ROLE_NAME_MAX))).toMatchObject({ ok: true });
    expect(scalekitRoleName('r'.repeat(LEGACY_ROLE_NAME_MAX + 1))).toEqual({ ok: false, reason: ROLE_NAME_TOO_LONG });
    expect(ROLE_NAME_TOO_LONG).toBe('role name longer than 255 characters');
  });

  it('always yields a name Scalekit accepts, and maps its own output to itself', () => {
    for (const legacy of LEGACY_NAMES) {
      const mapped = scalekitRoleName(legacy);
      if (!mapped.ok) continue;
      expect(acceptedByScalekit(mapped.name), `${legacy} -> ${mapped.name}`).toBe(true);
      expect(scalekitRoleName(mapped.name)).toEqual(mapped);
    }
  });

  it("maps a membership's roles: spellings of one role become one name, unusable ones are listed as dropped", () => {
    expect(mapRoleNames(['Admin', 'admin', 'Org Admin', '!!!', 'org:admin', 'Admin', '!!!'])).toEqual({
      names: ['admin', 'org_admin'],
      spellings: [
        { legacy: 'Admin', name: 'admin' },
        { legacy: 'admin', name: 'admin' },
        { legacy: 'Org Admin', name: 'org_admin' },
        { legacy: 'org:admin', name: 'org_admin' },
      ],
      dropped: [{ legacy: '!!!', reason: UNMAPPABLE_ROLE_NAME }],
    });
    expect(mapRoleNames([])).toEqual({ names: [], spellings: [], dropped: [] });
  });
});
