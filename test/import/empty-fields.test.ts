import { describe, expect, it } from 'vitest';
import { renderImportResult, renderVerifyResult } from '../../src/import/render.js';
import { runImport } from '../../src/import/run-import.js';
import { DEFAULT_ROLES } from '../../src/emulator/store/seed.js';
import { runVerify } from '../../src/import/verify.js';
import { testEmulator } from '../helpers/emulator.js';
import { writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

const FAST = { rate: 5000, concurrency: 4 };

// Set in Scalekit before the import: names and a role description the package leaves empty.
const seed = {
  roles: [...DEFAULT_ROLES, { name: 'lead', display_name: 'Lead', description: 'Leads a team' }],
  organizations: [{ id: 'org_preexisting', external_id: 'o-pre', display_name: 'Pre Co' }],
  users: [
    {
      id: 'usr_preexisting000001',
      email: 'pre@example.com',
      external_id: 'u-pre',
      given_name: 'Pre',
      family_name: 'Existing',
      email_verified: true,
      memberships: [{ organization_external_id: 'o-pre', roles: ['member'] }],
    },
  ],
};

describe('fields empty in the package but set in Scalekit', () => {
  it('are kept, never erased: the plan says so, nothing is sent for them, verify is ok and names them as kept', async () => {
    const { emulator, connection } = await testEmulator({ seed } as never);
    const dir = tempDir();
    writeTestPackage(dir, {
      roles: [{ name: 'lead', display_name: 'Lead', description: '' }],
      organizations: [{ external_id: 'o-pre', display_name: 'Pre Co' }],
      users: [
        // first_name empty (kept), last_name changed (sent): the update must not carry the empty first name.
        { external_id: 'u-pre', email: 'pre@example.com', first_name: '', last_name: 'Renamed', email_verified: true, memberships: [{ org_external_id: 'o-pre', roles: ['member'] }] },
      ],
    });

    const plan = await runImport({ packageDir: dir, apply: false, connection });
    expect(plan.notes.emptyFieldsKept).toBe(2);
    expect(plan.counts.roles).toMatchObject({ unchanged: 1, update: 0 });
    expect(plan.updates.samples).toEqual([expect.objectContaining({ key: 'u-pre', changes: ['last_name'] })]);
    expect(renderImportResult(plan)).toContain('2 field(s) are empty in the package but hold a value in Scalekit');

    const applied = await runImport({ packageDir: dir, apply: true, connection, ...FAST });
    expect(applied.failures.total).toBe(0);
    const user = emulator.state().users.find((candidate) => candidate.external_id === 'u-pre')!;
    expect([user.given_name, user.family_name]).toEqual(['Pre', 'Renamed']);
    expect(emulator.state().roles.find((role) => role.name === 'lead')?.description).toBe('Leads a team');

    const verify = await runVerify({ packageDir: dir, connection });
    expect(verify.mismatches.byKind).toEqual({});
    expect(verify.ok).toBe(true);
    expect(verify.notes.emptyFieldsKept).toBe(2);
    expect(renderVerifyResult(verify)).toContain('Kept: 2 field(s) empty in the package hold a value in Scalekit');

    // A second import sends nothing: the kept values are not a difference to repair.
    const again = await runImport({ packageDir: dir, apply: false, connection });
    expect(again.counts.users).toMatchObject({ update: 0, unchanged: 1 });
  });
});
