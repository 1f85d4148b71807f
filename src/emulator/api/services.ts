import type { DescMethod, DescService } from '@bufbuild/protobuf';
import { ConnectError } from '@connectrpc/connect';
import type { ApiContext } from './context.js';
import { organizationService } from './organizations.js';
import { rolesService } from './roles.js';
import { clientService } from './clients.js';
import { domainService } from './domains.js';
import { connectionService, directoryService } from './sso.js';
import { auditLogsService } from './auditlogs.js';
import { sessionService } from './sessions.js';
import { userService } from './users.js';
import { validateRequest } from './validate.js';
import { OrganizationService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import { UserService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import { RolesService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { ConnectionService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connections/connections_pb.js';
import { DirectoryService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/directories/directories_pb.js';
import { AuditLogsService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/auditlogs/auditlogs_pb.js';
import { SessionService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/sessions/sessions_pb.js';
import { ClientService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/clients/clients_pb.js';
import { DomainService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/domains/domains_pb.js';

export type MethodCall = (request: object) => Promise<object>;

export interface ServedService {
  service: DescService;
  /** By method local name (e.g. `createOrganization`), only the methods the emulator implements. */
  calls: Map<string, MethodCall>;
}

/**
 * The services the emulator implements, each method wrapped once: request rules from the
 * descriptors, then the handler, with failures counted. gRPC and the REST gateway both call these.
 */
export function createServices(ctx: ApiContext, endSession: (sessionId: string) => void = () => undefined): ServedService[] {
  const implementations: Array<[DescService, object]> = [
    [OrganizationService, organizationService(ctx)],
    [UserService, userService(ctx)],
    [RolesService, rolesService(ctx)],
    [ConnectionService, connectionService(ctx)],
    [DirectoryService, directoryService(ctx)],
    [AuditLogsService, auditLogsService(ctx)],
    [SessionService, sessionService(ctx, endSession)],
    [ClientService, clientService(ctx)],
    [DomainService, domainService(ctx)],
  ];
  return implementations.map(([service, impl]) => {
    const calls = new Map<string, MethodCall>();
    for (const method of service.methods) {
      const handler = (impl as Record<string, ((request: object) => object | Promise<object>) | undefined>)[method.localName];
      if (handler) calls.set(method.localName, wrap(ctx, method, handler));
    }
    return { service, calls };
  });
}

function wrap(ctx: ApiContext, method: DescMethod, handler: (request: object) => object | Promise<object>): MethodCall {
  return async (request) => {
    try {
      validateRequest(method.input, request);
      return await handler(request);
    } catch (error) {
      ctx.counters.failure(method.name);
      throw error instanceof ConnectError ? error : ConnectError.from(error);
    }
  };
}
