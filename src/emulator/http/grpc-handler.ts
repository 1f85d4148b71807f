import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { DescService } from '@bufbuild/protobuf';
import { Code } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import type { ServedService } from '../api/services.js';
import type { Gate } from '../gate.js';
import { drain } from './io.js';

/**
 * gRPC requests: the gate first (latency, rate limit, faults, bearer token), answered here
 * without reading the message; admitted calls go to connect-node, which serves the SDK's own
 * service descriptors. Paths of methods the emulator does not implement answer UNIMPLEMENTED.
 */
export function createGrpcHandler(services: ServedService[], gate: Gate): (req: Http2ServerRequest, res: Http2ServerResponse) => Promise<void> {
  const methods = new Map<string, { name: string; implemented: boolean }>();
  for (const { service, calls } of services) {
    for (const method of service.methods) {
      methods.set(`/${service.typeName}/${method.name}`, { name: method.name, implemented: calls.has(method.localName) });
    }
  }
  const adapter = connectNodeAdapter({
    routes(router) {
      for (const { service, calls } of services) router.service(service as DescService, Object.fromEntries(calls) as never);
    },
    grpc: true,
    grpcWeb: false,
    connect: true,
    // No response compression: on loopback it only costs CPU.
    acceptCompression: [],
  });

  return async (req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    const method = methods.get(path);
    if (!method?.implemented) {
      await grpcStatus(req, res, Code.Unimplemented, `${path} is not emulated`);
      return;
    }
    const rejection = await gate.admit(method.name, req.headers.authorization);
    if (!rejection) {
      adapter(req, res);
      return;
    }
    if (rejection.plainHttp) {
      await drain(req);
      res.writeHead(rejection.httpStatus, { 'content-type': 'text/plain', 'retry-after': String(rejection.retryAfterSeconds ?? 1) });
      res.end(rejection.message);
      return;
    }
    await grpcStatus(req, res, rejection.code, rejection.message, rejection.retryAfterSeconds);
  };
}

/** A "trailers-only" gRPC answer: the status in the response headers, no message. */
async function grpcStatus(req: Http2ServerRequest, res: Http2ServerResponse, code: Code, message: string, retryAfter?: number): Promise<void> {
  await drain(req);
  res.writeHead(200, {
    'content-type': 'application/grpc+proto',
    'grpc-status': String(code),
    'grpc-message': encodeURIComponent(message),
    ...(retryAfter ? { 'retry-after': String(retryAfter) } : {}),
  });
  res.end();
}
