import { describe, expect, it } from 'vitest';
import { exportUsers } from '../../src/export/run-export.js';
import { runImport } from '../../src/import/run-import.js';
import { runVerify } from '../../src/import/verify.js';
import { testEmulator } from '../helpers/emulator.js';
import { tempDir } from '../helpers/temp-dir.js';
import { createLegacyRolesDatabase } from '../export/fixtures/legacy-roles.js';

describe('legacy role names, export to Scalekit', () => {
  it('"Org Admin", "billing-manager", "Admin"/"admin" export, import and verify with no failed user and zero mismatches', async () => {
    const { emulator, connection } = await testEmulator();
    const workspace = tempDir();
    const url = createLegacyRolesDatabase(workspace);
    const exported = await exportUsers({ source: 'sqlite', url }, { workspace });
    expect(exported.counts).toMatchObject({ users: 6, roles: 5, memberships: 8 });

    const result = await runImport({ packageDir: exported.packageDir!, apply: true, connection, rate: 5000 });
    expect(result.failures).toMatchObject({ total: 0, byCode: {} });
    expect(result.counts.users).toMatchObject({ create: 6, failed: 0 });
    expect(result.counts.memberships).toMatchObject({ create: 8, failed: 0 });
    // "admin" and "member" are Scalekit's default roles: the package updates the first and leaves the second as it is.
    expect(result.counts.roles).toMatchObject({ create: 3, update: 1, unchanged: 1, failed: 0 });

    const verified = await runVerify({ packageDir: exported.packageDir!, connection, rate: 5000 });
    expect(verified.mismatches.samples).toEqual([]);
    expect(verified.ok).toBe(true);
    expect(verified.checked).toEqual({ roles: 5, organizations: 2, users: 6, memberships: 8 });

    const state = emulator.state();
    const roles = Object.fromEntries(state.roles.map((role) => [role.name, role.display_name]));
    expect(roles).toMatchObject({ org_admin: 'Org Admin', billing_manager: 'Billing manager', admin: 'Administrator', gerant_d_equipe: "Gérant d'équipe" });
    const orgIds = new Map(state.organizations.map((org) => [org.id, org.external_id]));
    const userIds = new Map(state.users.map((user) => [user.id, user.external_id]));
    const held = state.memberships
      .map((membership) => `${userIds.get(membership.user_id)}@${orgIds.get(membership.organization_id)}: ${[...membership.roles].sort().join(',')}`)
      .sort();
    expect(held).toEqual(['1@1: org_admin', '1@2: admin', '2@1: admin', '3@1: billing_manager', '3@2: org_admin', '4@2: member', '5@1: gerant_d_equipe', '6@2: member']);
  });
});
