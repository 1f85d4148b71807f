import type { IncomingHttpHeaders, ServerHttp2Stream } from 'node:http2';
import { create, fromBinary, toBinary, type DescMessage } from '@bufbuild/protobuf';
import { Code, ConnectError } from '@connectrpc/connect';
import { setTrailerStatus } from '@connectrpc/connect/protocol-grpc';
import { ErrorInfoSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/errdetails/errdetails_pb.js';
import type { MethodCall, ServedService } from '../api/services.js';
import type { Gate, Rejection } from '../gate.js';

interface GrpcMethod {
  name: string;
  call: MethodCall | undefined;
  input: DescMessage;
  output: DescMessage;
}

const CONTENT_TYPE = 'application/grpc+proto';
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/**
 * Unary gRPC over HTTP/2 streams, for the SDK's own service descriptors: one length-prefixed
 * protobuf message in, one out, the status in trailers (or a trailers-only answer for errors,
 * with grpc-status-details-bin encoded by connect, so the SDK finds the ErrorInfo details).
 * Written against node:http2 directly because the emulator must answer several thousand calls a
 * second on one core; connect-node's generic handler spent most of its time on stream plumbing.
 */
export function createGrpcStreamHandler(services: ServedService[], gate: Gate): (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => void {
  const methods = new Map<string, GrpcMethod>();
  for (const { service, calls } of services) {
    for (const method of service.methods) {
      methods.set(`/${service.typeName}/${method.name}`, { name: method.name, call: calls.get(method.localName), input: method.input, output: method.output });
    }
  }

  return (stream, headers) => {
    stream.on('error', () => undefined); // a client that resets its stream is not our problem
    const chunks: Buffer[] = [];
    let size = 0;
    const body = new Promise<Buffer>((resolve) => {
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
      });
      stream.on('end', () => resolve(size > MAX_REQUEST_BYTES ? Buffer.alloc(0) : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    });
    void answer(stream, headers, methods, gate, body);
  };
}

async function answer(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, methods: Map<string, GrpcMethod>, gate: Gate, body: Promise<Buffer>): Promise<void> {
  const path = (headers[':path'] ?? '').split('?')[0]!;
  const method = methods.get(path);
  if (!method?.call) {
    await body;
    return sendError(stream, new ConnectError(`${path} is not emulated`, Code.Unimplemented));
  }
  const { rejection, headers: limitHeaders } = await gate.admit(method.name, headers.authorization);
  const bytes = await body;
  if (rejection) return reject(stream, rejection, limitHeaders);
  let request: object;
  try {
    request = fromBinary(method.input, unframe(bytes, headers['grpc-encoding']));
  } catch (error) {
    return sendError(stream, error instanceof ConnectError ? error : new ConnectError(`cannot parse the request: ${(error as Error).message}`, Code.Internal), limitHeaders);
  }
  let reply: Uint8Array;
  try {
    const response = await method.call(request);
    reply = toBinary(method.output, create(method.output, response as never));
  } catch (error) {
    return sendError(stream, error instanceof ConnectError ? error : ConnectError.from(error), limitHeaders);
  }
  if (stream.destroyed) return;
  const frame = Buffer.allocUnsafe(5 + reply.length);
  frame[0] = 0;
  frame.writeUInt32BE(reply.length, 1);
  frame.set(reply, 5);
  stream.respond({ ':status': 200, 'content-type': CONTENT_TYPE, 'grpc-accept-encoding': 'identity', ...limitHeaders }, { waitForTrailers: true });
  stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
  stream.end(frame);
}

/** The message of a length-prefixed gRPC frame; compressed frames are refused (the SDK never sends them). */
function unframe(bytes: Buffer, encoding: string | string[] | undefined): Uint8Array {
  if (bytes.length === 0) throw new ConnectError(`the request is empty or larger than ${MAX_REQUEST_BYTES} bytes`, Code.ResourceExhausted);
  if (bytes.length < 5) throw new ConnectError('the request has no gRPC message frame', Code.Internal);
  if (bytes[0] !== 0) throw new ConnectError(`compressed requests (grpc-encoding ${String(encoding)}) are not supported`, Code.Unimplemented);
  const length = bytes.readUInt32BE(1);
  if (bytes.length !== 5 + length) throw new ConnectError('the request is not exactly one gRPC message', Code.Internal);
  return bytes.subarray(5);
}

/**
 * A refusal by the gate. The rate limit's `retry_after` has no field in the SDK's ErrorInfo proto
 * (2.11), so over gRPC it travels as `retry-after` metadata beside the ErrorInfo's error_code.
 */
function reject(stream: ServerHttp2Stream, rejection: Rejection, limitHeaders: Record<string, string>): void {
  if (stream.destroyed) return;
  if (rejection.plainHttp) {
    stream.respond({ ':status': rejection.httpStatus, 'content-type': 'text/plain', 'retry-after': String(rejection.retryAfterSeconds ?? 1), ...limitHeaders });
    stream.end(rejection.message);
    return;
  }
  const extra: Record<string, string> = { ...limitHeaders, ...(rejection.retryAfterSeconds ? { 'retry-after': String(rejection.retryAfterSeconds) } : {}) };
  const details = rejection.errorCode ? [{ desc: ErrorInfoSchema, value: { errorCode: rejection.errorCode } }] : undefined;
  sendError(stream, new ConnectError(rejection.message, rejection.code, undefined, details), extra);
}

/** A trailers-only answer: status, message and details in the one header block. */
function sendError(stream: ServerHttp2Stream, error: ConnectError, extra: Record<string, string> = {}): void {
  if (stream.destroyed) return;
  const trailer = setTrailerStatus(new Headers(), error);
  const block: Record<string, string | number> = { ':status': 200, 'content-type': CONTENT_TYPE, ...extra };
  trailer.forEach((value, key) => (block[key] = value));
  stream.respond(block, { endStream: true });
}
