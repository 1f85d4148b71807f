import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { CreateDirectorySchema, DirectoryProvider, DirectoryType } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/directories/directories_pb.js';
import { afterEach, describe, expect, it } from 'vitest';
import { organizationScimCheck, organizationSsoCheck } from '../../src/checklist/checks/org-sso.js';
import { rolesMatchCheck } from '../../src/checklist/checks/roles-match.js';
import { testLoginCheck } from '../../src/checklist/checks/test-login.js';
import { runImport } from '../../src/import/run-import.js';
import { rawClient } from '../../src/scalekit/sdk-internals.js';
import { RolesService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import type { RoleRecord } from '../../src/package/records.js';
import { sdkFor, testEmulator } from '../helpers/emulator.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeTestPackage } from '../helpers/test-package.js';

const saved = { ...process.env };
afterEach(() => {
  for (const name of ['SCALEKIT_ENVIRONMENT_URL', 'SCALEKIT_CLIENT_ID', 'SCALEKIT_CLIENT_SECRET']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

/** A workspace whose package has an SSO organization (acme), a SCIM one (globex) and a plain one. */
async function workspaceWithPackage() {
  const workspace = tempDir();
  const packageDir = join(workspace, '.scalekit-migration', 'package');
  writeTestPackage(packageDir, {
    roles: [{ name: 'admin', permissions: ['projects:write'] }, { name: 'member', default_member: true } as RoleRecord],
    organizations: [
      { external_id: 'acme', display_name: 'Acme', sso: { type: 'SAML', provider: 'OKTA' } },
      { external_id: 'globex', display_name: 'Globex', scim: { provider: 'MICROSOFT_AD' } },
      { external_id: 'initech', display_name: 'Initech' },
    ],
    users: [{ external_id: 'u-1', email: 'ada@example.com', email_verified: true, memberships: [{ org_external_id: 'acme', roles: ['admin'] }] }],
  });
  const { emulator, connection, env } = await testEmulator({ seed: { roles: [{ name: 'member', default_member: true }] } });
  Object.assign(process.env, env);
  return { workspace, packageDir, emulator, connection, sdk: sdkFor(emulator) };
}

describe('go-live checks against Scalekit through the SDK', () => {
  it('roles, SSO connections and SCIM directories turn green as the environment is arranged', { timeout: 60_000 }, async () => {
    const { workspace, packageDir, emulator, connection, sdk } = await workspaceWithPackage();
    const check = async () => ({
      roles: await rolesMatchCheck({ workspace }),
      sso: await organizationSsoCheck({ workspace }),
      scim: await organizationScimCheck({ workspace }),
    });

    let result = await check();
    expect(result.roles).toEqual({ ok: false, detail: expect.stringContaining('missing in Scalekit: admin') });
    expect(result.sso).toEqual({ ok: false, detail: expect.stringContaining('acme: not in Scalekit (import first)') });
    expect(result.scim).toEqual({ ok: false, detail: expect.stringContaining('globex: not in Scalekit (import first)') });

    expect((await runImport({ packageDir, apply: true, connection })).failures.total).toBe(0);
    result = await check();
    expect(result.roles).toEqual({ ok: true, detail: '2 role(s) match by name and permissions; default member role member' });
    expect(result.sso).toEqual({ ok: false, detail: expect.stringContaining('acme: no SSO connection') });
    expect(result.scim).toEqual({ ok: false, detail: expect.stringContaining('globex: no directory') });

    // The customer's IT admin configures the connection in the admin portal; the team enables it through the API.
    emulator.arrange({ connections: [{ organization_external_id: 'acme', provider: 'OKTA', type: 'SAML', status: 'COMPLETED', enabled: false }] });
    expect(await organizationSsoCheck({ workspace })).toEqual({ ok: false, detail: expect.stringMatching(/acme: 1 connection\(s\), none enabled \(conn_\d+\)/) });
    const acme = (await sdk.organization.getOrganizationByExternalId('acme')).organization!;
    const [acmeConnection] = (await sdk.connection.listConnections(acme.id)).connections;
    await sdk.connection.enableConnection(acme.id, acmeConnection!.id);
    expect(await organizationSsoCheck({ workspace })).toEqual({ ok: true, detail: 'all 1 organization(s) with SSO in the legacy system are set up in Scalekit' });

    const globex = (await sdk.organization.getOrganizationByExternalId('globex')).organization!;
    const directory = (await sdk.directory.createDirectory(globex.id, create(CreateDirectorySchema, { directoryType: DirectoryType.SCIM, directoryProvider: DirectoryProvider.MICROSOFT_AD }))).directory!;
    expect((await organizationScimCheck({ workspace })).ok).toBe(false);
    await sdk.directory.enableDirectory(globex.id, directory.id);
    expect(await organizationScimCheck({ workspace })).toEqual({ ok: true, detail: 'all 1 organization(s) with SCIM provisioning in the legacy system are set up in Scalekit' });

    // A role changed in the dashboard after the import is caught.
    emulator.arrange({ permissions: [{ name: 'projects:read' }] });
    await rawClient(sdk, RolesService).updateRole({ roleName: 'admin', role: { permissions: ['projects:read'] } });
    expect(await rolesMatchCheck({ workspace })).toEqual({ ok: false, detail: expect.stringContaining('permissions differ: admin (lacks projects:write, has extra projects:read)') });
  });

  it('says what is missing when the SCALEKIT_* settings are not there', async () => {
    const workspace = tempDir();
    for (const name of ['SCALEKIT_ENVIRONMENT_URL', 'SCALEKIT_CLIENT_ID', 'SCALEKIT_CLIENT_SECRET']) delete process.env[name];
    expect(await organizationSsoCheck({ workspace })).toEqual({ ok: false, detail: 'cannot check: SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET not set in the server\'s environment' });
  });

  it('test login: done once the app recorded a migrated user\'s Scalekit sign-in, not for a user without a legacy id', async () => {
    const workspace = tempDir();
    expect((await testLoginCheck({ workspace })).detail).toContain('no Scalekit sign-in seen by the app yet');
    const dir = join(workspace, '.scalekit-migration', 'auth-counters');
    mkdirSync(dir, { recursive: true });
    const file = (pid: number, first?: object) => ({
      version: 1, pid, startedAt: '2026-12-03T07:00:00.000Z', updatedAt: '2026-12-03T07:01:00.000Z',
      scalekit: { accepted: first ? 1 : 0, rejected: {} }, legacy: { routed: 3, refused: 0 }, ...(first ? { firstScalekitSignIn: first } : {}),
    });
    writeFileSync(join(dir, '100-1.json'), JSON.stringify(file(100, { at: '2026-12-03T07:00:30.000Z', sub: 'usr_9', migrated: false })));
    expect(await testLoginCheck({ workspace })).toMatchObject({ ok: false, detail: expect.stringContaining('none of a migrated user') });
    writeFileSync(join(dir, '200-2.json'), JSON.stringify(file(200, { at: '2026-12-03T07:05:00.000Z', sub: 'usr_7', migrated: true })));
    expect(await testLoginCheck({ workspace })).toEqual({ ok: true, detail: "the app accepted a migrated user's Scalekit token (usr_7) at 2026-12-03T07:05:00.000Z" });
  });
});
