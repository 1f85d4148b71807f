import { ConnectionProvider, ConnectionType } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connections/connections_pb.js';
import { DirectoryProvider, DirectoryType } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/directories/directories_pb.js';
import { describe, expect, it } from 'vitest';
import { failure, sdkFor, startTestEmulator } from '../helpers/emulator.js';

describe('emulator: seeded SSO connections and SCIM directories', () => {
  it('lists what the seed holds, per organization and per domain', async () => {
    const emulator = await startTestEmulator({
      seed: {
        organizations: [{ external_id: 'acme', display_name: 'Acme' }, { external_id: 'globex', display_name: 'Globex' }],
        connections: [{ organization_external_id: 'acme', provider: 'OKTA', type: 'SAML', domains: ['acme.com'] }],
        directories: [{ organization_external_id: 'acme', name: 'Acme Okta', directory_provider: 'OKTA', total_users: 12 }],
      },
    });
    const sk = sdkFor(emulator);
    const acme = (await sk.organization.getOrganizationByExternalId('acme')).organization!;
    const globex = (await sk.organization.getOrganizationByExternalId('globex')).organization!;

    const connections = (await sk.connection.listConnections(acme.id)).connections;
    expect(connections).toEqual([
      expect.objectContaining({ organizationId: acme.id, provider: ConnectionProvider.OKTA, type: ConnectionType.SAML, enabled: true, domains: ['acme.com'] }),
    ]);
    expect((await sk.connection.listConnectionsByDomain('ACME.com')).connections.map((c) => c.id)).toEqual([connections[0]!.id]);
    expect((await sk.connection.listConnections(globex.id)).connections).toEqual([]);

    const directories = (await sk.directory.listDirectories(acme.id)).directories;
    expect(directories).toEqual([
      expect.objectContaining({ name: 'Acme Okta', directoryType: DirectoryType.SCIM, directoryProvider: DirectoryProvider.OKTA, totalUsers: 12, enabled: true }),
    ]);
    expect((await sk.directory.listDirectories(globex.id)).directories).toEqual([]);
    expect((await failure(sk.directory.listDirectories('org_404'))).grpcStatus).toBe(5);
  });

  it('refuses a seed that references an organization it does not hold', async () => {
    await expect(startTestEmulator({ seed: { connections: [{ organization_external_id: 'missing' }] } })).rejects.toThrow(
      'emulator seed: connections[0]: organization "missing" is not in the seed',
    );
  });
});
