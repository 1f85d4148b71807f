import type { ServiceImpl } from '@connectrpc/connect';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import {
  ConnectionProvider,
  ConnectionService,
  ConnectionStatus,
  ConnectionType,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connections/connections_pb.js';
import { DirectoryProvider, DirectoryService, DirectoryType } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/directories/directories_pb.js';
import type { ConnectionRecord, DirectoryRecord } from '../store/records.js';
import type { ApiContext } from './context.js';
import { failedPrecondition, invalidArgument, notFound } from './errors.js';
import { organizationById } from './organizations.js';
import { connectionMessage, directoryMessage } from './to-proto.js';

/**
 * SSO connections per organization: list, get, create (a DRAFT, disabled until configured), enable,
 * disable, delete. Configuring the IdP side happens in Scalekit's admin portal, which the SDK does not
 * reach: in the emulator a connection becomes COMPLETED through the seed or `POST /_emulator/seed`.
 */
export function connectionService(ctx: ApiContext): Partial<ServiceImpl<typeof ConnectionService>> {
  const find = (organizationId: string, id: string): ConnectionRecord => {
    organizationById(ctx, organizationId);
    const connection = ctx.store.connections.get(id);
    if (!connection || connection.organizationId !== organizationId) throw notFound('connection', 'id', id);
    return connection;
  };
  const toggle = (organizationId: string, id: string, enabled: boolean) => {
    const connection = find(organizationId, id);
    if (enabled && connection.status !== 'COMPLETED') {
      throw failedPrecondition('CONNECTION_NOT_CONFIGURED', `connection ${id} is ${connection.status}: finish its configuration before enabling it`);
    }
    connection.enabled = enabled;
    ctx.store.changed();
    return { enabled };
  };
  return {
    listConnections(req) {
      if (req.organizationId) organizationById(ctx, req.organizationId);
      const domain = req.domain?.toLowerCase();
      const connections = [...ctx.store.connections.values()].filter(
        (c) => (!req.organizationId || c.organizationId === req.organizationId) && (!domain || c.domains.some((d) => d.toLowerCase() === domain)),
      );
      return { connections: connections.map((c) => connectionMessage(ctx.store, c)) };
    },
    getConnection(req) {
      const c = find(req.organizationId, req.id);
      return {
        connection: {
          id: c.id,
          provider: enumValue(ConnectionProvider, c.provider),
          type: enumValue(ConnectionType, c.type),
          status: enumValue(ConnectionStatus, c.status),
          enabled: c.enabled,
          organizationId: c.organizationId,
          createTime: timestampFromMs(c.createdAt),
          updateTime: timestampFromMs(c.createdAt),
          domains: c.domains.map((domain) => ({ domain, organizationId: c.organizationId })),
        },
      };
    },
    createConnection(req) {
      organizationById(ctx, req.organizationId);
      const provider = enumName(ConnectionProvider, req.connection?.provider ?? 0);
      const type = enumName(ConnectionType, req.connection?.type ?? 0);
      if (!provider) throw invalidArgument('connection.provider', 'a connection provider is required', 'enum.defined_only');
      if (!type) throw invalidArgument('connection.type', 'a connection type is required', 'enum.defined_only');
      const id = ctx.store.newId('conn_', (x) => ctx.store.connections.has(x));
      const record: ConnectionRecord = { id, organizationId: req.organizationId, provider, type, status: 'DRAFT', enabled: false, domains: [], createdAt: ctx.now() };
      ctx.store.connections.set(id, record);
      ctx.store.changed();
      return { connection: { id, provider: req.connection!.provider, type: req.connection!.type, status: ConnectionStatus.DRAFT, enabled: false, organizationId: req.organizationId, createTime: timestampFromMs(record.createdAt) } };
    },
    enableConnection: (req) => toggle(req.organizationId, req.id, true),
    disableConnection: (req) => toggle(req.organizationId, req.id, false),
    deleteConnection(req) {
      find(req.organizationId, req.id);
      ctx.store.connections.delete(req.id);
      ctx.store.changed();
      return {};
    },
  };
}

/** SCIM directories per organization: list, get, create (disabled), enable, disable, delete. */
export function directoryService(ctx: ApiContext): Partial<ServiceImpl<typeof DirectoryService>> {
  const find = (organizationId: string, id: string): DirectoryRecord => {
    organizationById(ctx, organizationId);
    const directory = ctx.store.directories.get(id);
    if (!directory || directory.organizationId !== organizationId) throw notFound('directory', 'id', id);
    return directory;
  };
  const toggle = (organizationId: string, id: string, enabled: boolean) => {
    find(organizationId, id).enabled = enabled;
    ctx.store.changed();
    return { enabled };
  };
  return {
    listDirectories(req) {
      organizationById(ctx, req.organizationId);
      const directories = [...ctx.store.directories.values()].filter((d) => d.organizationId === req.organizationId);
      return { directories: directories.map(directoryMessage) };
    },
    getDirectory(req) {
      return { directory: directoryMessage(find(req.organizationId, req.id)) };
    },
    createDirectory(req) {
      organizationById(ctx, req.organizationId);
      const directoryType = enumName(DirectoryType, req.directory?.directoryType ?? 0) ?? 'SCIM';
      const directoryProvider = enumName(DirectoryProvider, req.directory?.directoryProvider ?? 0);
      if (!directoryProvider) throw invalidArgument('directory.directory_provider', 'a directory provider is required', 'enum.defined_only');
      const id = ctx.store.newId('dir_', (x) => ctx.store.directories.has(x));
      const record: DirectoryRecord = {
        id,
        organizationId: req.organizationId,
        name: `${directoryProvider} directory`,
        directoryType,
        directoryProvider,
        enabled: false,
        status: 'IN_PROGRESS',
        totalUsers: 0,
        totalGroups: 0,
      };
      ctx.store.directories.set(id, record);
      ctx.store.changed();
      return { directory: directoryMessage(record) };
    },
    enableDirectory: (req) => toggle(req.organizationId, req.id, true),
    disableDirectory: (req) => toggle(req.organizationId, req.id, false),
    deleteDirectory(req) {
      find(req.organizationId, req.id);
      ctx.store.directories.delete(req.id);
      ctx.store.changed();
      return {};
    },
  };
}

function enumValue(enumObject: object, name: string): number {
  const value = (enumObject as Record<string, unknown>)[name];
  return typeof value === 'number' ? value : 0;
}

/** The enum's name for a value; undefined for 0 (unspecified) or an unknown value. */
function enumName(enumObject: object, value: number): string | undefined {
  if (!value) return undefined;
  const name = (enumObject as Record<number, unknown>)[value];
  return typeof name === 'string' ? name : undefined;
}
