import type { ServiceImpl } from '@connectrpc/connect';
import { ConnectionService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connections/connections_pb.js';
import { DirectoryService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/directories/directories_pb.js';
import type { ApiContext } from './context.js';
import { notFound } from './errors.js';
import { organizationById } from './organizations.js';
import { connectionMessage, directoryMessage } from './to-proto.js';

/** SSO connections and SCIM directories: read-only, filled from the seed (production-readiness checks). */
export function connectionService(ctx: ApiContext): Partial<ServiceImpl<typeof ConnectionService>> {
  return {
    listConnections(req) {
      if (req.organizationId) organizationById(ctx, req.organizationId);
      const domain = req.domain?.toLowerCase();
      const connections = [...ctx.store.connections.values()].filter(
        (c) => (!req.organizationId || c.organizationId === req.organizationId) && (!domain || c.domains.some((d) => d.toLowerCase() === domain)),
      );
      return { connections: connections.map((c) => connectionMessage(ctx.store, c)) };
    },
  };
}

export function directoryService(ctx: ApiContext): Partial<ServiceImpl<typeof DirectoryService>> {
  return {
    listDirectories(req) {
      organizationById(ctx, req.organizationId);
      const directories = [...ctx.store.directories.values()].filter((d) => d.organizationId === req.organizationId);
      return { directories: directories.map(directoryMessage) };
    },
    getDirectory(req) {
      const directory = ctx.store.directories.get(req.id);
      if (!directory || directory.organizationId !== req.organizationId) throw notFound('directory', 'id', req.id);
      return { directory: directoryMessage(directory) };
    },
  };
}
