import { create } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { AuditLogsService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/auditlogs/auditlogs_pb.js';
import { ConnectionProvider, ConnectionType, CreateConnectionSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connections/connections_pb.js';
import { CreateDirectorySchema, DirectoryProvider, DirectoryType } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/directories/directories_pb.js';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { rawClient } from '../../src/scalekit/sdk-internals.js';
import { accessToken, failure, sdkFor, startTestEmulator } from '../helpers/emulator.js';

const REDIRECT = 'http://localhost:3000/auth/callback';

async function seeded(): Promise<Emulator> {
  return startTestEmulator({
    seed: {
      organizations: [{ external_id: 'acme', display_name: 'Acme' }, { external_id: 'globex', display_name: 'Globex' }],
      users: [
        { email: 'ada@example.com', external_id: 'u-1', memberships: [{ organization_external_id: 'acme' }] },
        { email: 'bob@example.com', external_id: 'u-2', memberships: [{ organization_external_id: 'globex' }] },
        { email: 'pending@example.com', memberships: [{ organization_external_id: 'acme', status: 'PENDING_INVITE' }] },
      ],
      client: { redirect_uris: [REDIRECT] },
    },
  });
}

/** Opens the authorize URL without following it: the status and where it points. */
async function attempt(url: string): Promise<{ status: number; location: URL | undefined }> {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  return { status: response.status, location: location ? new URL(location) : undefined };
}

describe('emulator: connections and directories through the SDK', () => {
  it('creates a draft connection, refuses to enable it until configured, then enables, disables and deletes it', async () => {
    const emulator = await seeded();
    const sk = sdkFor(emulator);
    const acme = (await sk.organization.getOrganizationByExternalId('acme')).organization!;
    const created = (await sk.connection.createConnection(acme.id, create(CreateConnectionSchema, { provider: ConnectionProvider.OKTA, type: ConnectionType.SAML }))).connection!;
    expect(created).toMatchObject({ organizationId: acme.id, enabled: false });
    expect((await failure(sk.connection.enableConnection(acme.id, created.id))).grpcStatus).toBe(9);

    emulator.arrange({ connections: [{ organization_external_id: 'acme', provider: 'OKTA', type: 'OIDC', status: 'COMPLETED', enabled: false }] });
    const configured = (await sk.connection.listConnections(acme.id)).connections.find((c) => c.id !== created.id)!;
    expect(configured.enabled).toBe(false);
    expect((await sk.connection.enableConnection(acme.id, configured.id)).enabled).toBe(true);
    expect((await sk.connection.getConnection(acme.id, configured.id)).connection).toMatchObject({ id: configured.id, enabled: true, type: ConnectionType.OIDC });
    expect((await sk.connection.disableConnection(acme.id, configured.id)).enabled).toBe(false);
    await sk.connection.deleteConnection(acme.id, created.id);
    expect((await sk.connection.listConnections(acme.id)).connections.map((c) => c.id)).toEqual([configured.id]);
    expect((await failure(sk.connection.getConnection(acme.id, created.id))).grpcStatus).toBe(5);
  });

  it('creates a directory disabled, enables and deletes it; another organization cannot reach it', async () => {
    const emulator = await seeded();
    const sk = sdkFor(emulator);
    const acme = (await sk.organization.getOrganizationByExternalId('acme')).organization!;
    const globex = (await sk.organization.getOrganizationByExternalId('globex')).organization!;
    const directory = (await sk.directory.createDirectory(acme.id, create(CreateDirectorySchema, { directoryType: DirectoryType.SCIM, directoryProvider: DirectoryProvider.MICROSOFT_AD }))).directory!;
    expect(directory).toMatchObject({ organizationId: acme.id, enabled: false, directoryType: DirectoryType.SCIM });
    expect((await sk.directory.enableDirectory(acme.id, directory.id)).enabled).toBe(true);
    expect((await sk.directory.getDirectory(acme.id, directory.id)).directory?.enabled).toBe(true);
    expect((await failure(sk.directory.enableDirectory(globex.id, directory.id))).grpcStatus).toBe(5);
    await sk.directory.deleteDirectory(acme.id, directory.id);
    expect((await sk.directory.listDirectories(acme.id)).directories).toEqual([]);
  });
});

describe('emulator: sign-ins recorded as auth requests, and sessions', () => {
  it('records each attempt with its outcome; ListAuthRequests filters by email and status and pages newest first', async () => {
    const emulator = await seeded();
    const sk = sdkFor(emulator);
    const acme = (await sk.organization.getOrganizationByExternalId('acme')).organization!;
    const ok = await attempt(sk.getAuthorizationUrl(REDIRECT, { loginHint: 'ada@example.com' }));
    expect(ok.location?.searchParams.get('code')).toBeTruthy();
    expect((await attempt(sk.getAuthorizationUrl(REDIRECT, { loginHint: 'nobody@example.com' }))).location?.searchParams.get('error')).toBe('access_denied');
    expect((await attempt(sk.getAuthorizationUrl(REDIRECT, { loginHint: 'pending@example.com' }))).location?.searchParams.get('error')).toBe('access_denied');
    const unregistered = await attempt(sk.getAuthorizationUrl('http://localhost:3000/other', { loginHint: 'ada@example.com' }));
    expect(unregistered.status).toBe(400);
    expect(unregistered.location).toBeUndefined();
    emulator.arrange({ connections: [{ organization_external_id: 'acme', status: 'COMPLETED', enabled: false }] });
    expect((await attempt(sk.getAuthorizationUrl(REDIRECT, { loginHint: 'ada@example.com', organizationId: acme.id }))).location?.searchParams.get('error')).toBe('access_denied');

    const logs = rawClient(sk, AuditLogsService);
    const all = await logs.listAuthRequests({ pageSize: 10 });
    expect(all.totalSize).toBe(5);
    expect(all.authRequests.map((r) => [r.email, r.status])).toEqual([
      ['ada@example.com', 'SSO_NOT_ENABLED'],
      ['ada@example.com', 'REDIRECT_URI_NOT_REGISTERED'],
      ['pending@example.com', 'NO_ACTIVE_MEMBERSHIP'],
      ['nobody@example.com', 'USER_NOT_FOUND'],
      ['ada@example.com', 'SUCCESS'],
    ]);
    expect(all.authRequests[0]).toMatchObject({ organizationId: acme.id, workflow: 'SSO', connectionType: 'SAML' });
    expect(all.authRequests[4]).toMatchObject({ organizationId: acme.id, workflow: 'LOGIN', clientId: emulator.clientId });

    const ada = await logs.listAuthRequests({ email: 'ADA@example.com', status: ['SUCCESS', 'SSO_NOT_ENABLED'] });
    expect(ada.authRequests.map((r) => r.status)).toEqual(['SSO_NOT_ENABLED', 'SUCCESS']);
    const first = await logs.listAuthRequests({ pageSize: 2 });
    const second = await logs.listAuthRequests({ pageSize: 2, pageToken: first.nextPageToken });
    const third = await logs.listAuthRequests({ pageSize: 2, pageToken: second.nextPageToken });
    expect([...first.authRequests, ...second.authRequests, ...third.authRequests].map((r) => r.authRequestId)).toEqual(all.authRequests.map((r) => r.authRequestId));
    expect(third.nextPageToken).toBe('');
    const future = await logs.listAuthRequests({ startTime: timestampFromMs(Date.now() + 60_000) });
    expect(future.authRequests).toEqual([]);
    await expect(logs.listAuthRequests({ pageToken: 'nonsense' })).rejects.toThrow(/page_token/);

    // The REST gateway serves the same log from the descriptors' HTTP binding.
    const rest = await fetch(`${emulator.url}/api/v1/logs/authentication/requests?page_size=2&status=USER_NOT_FOUND`, { headers: { authorization: `Bearer ${await accessToken(emulator)}` } });
    expect(rest.status).toBe(200);
    // The proto names this field authRequests (camelCase) itself, so that is its JSON name here too.
    const body = (await rest.json()) as { authRequests: Array<{ email: string; status: string }>; total_size: number };
    expect(body.total_size).toBe(1);
    expect(body.authRequests).toEqual([expect.objectContaining({ email: 'nobody@example.com', status: 'USER_NOT_FOUND' })]);
  });

  it('opens a session on each code exchange; lists, revokes one and revokes all through the SDK', async () => {
    const emulator = await seeded();
    const sk = sdkFor(emulator);
    const signIn = async () => {
      const { location } = await attempt(sk.getAuthorizationUrl(REDIRECT, { loginHint: 'ada@example.com' }));
      return sk.authenticateWithCode(location!.searchParams.get('code')!, REDIRECT);
    };
    const one = await signIn();
    const two = await signIn();
    const userId = one.user.id!;
    const listed = await sk.session.getUserSessions(userId);
    expect(listed.totalSize).toBe(2);
    expect(listed.sessions.every((s) => s.status === 'ACTIVE')).toBe(true);
    const [latest] = listed.sessions;
    expect((await sk.session.getSession(latest!.sessionId)).userId).toBe(userId);
    expect((await sk.session.revokeSession(latest!.sessionId)).revokedSession?.status).toBe('REVOKED');
    expect((await sk.session.getUserSessions(userId, { filter: { status: ['ACTIVE'] } })).totalSize).toBe(1);
    expect((await sk.session.revokeAllUserSessions(userId)).totalRevoked).toBe(1);
    await expect(sk.refreshAccessToken(two.refreshToken)).rejects.toThrow();
    await expect(sk.refreshAccessToken(one.refreshToken)).rejects.toThrow();
    expect((await failure(sk.session.getSession('ses_1'))).grpcStatus).toBe(5);
  });
});
