import { ScalarType, create, fromJson, toJson, type DescField, type DescMessage, type JsonObject, type JsonValue } from '@bufbuild/protobuf';
import { Code, ConnectError } from '@connectrpc/connect';
import { ErrorInfoSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/errdetails/errdetails_pb.js';
import type { Gate, Rejection } from '../gate.js';
import { BodyTooLargeError, readBody, sendJson, type HttpRequest, type HttpResponse } from '../http/io.js';
import type { ServedService } from '../api/services.js';
import { RouteTable, type RouteMatch } from './route-table.js';

/** gRPC status -> HTTP status, as grpc-gateway maps them. */
const HTTP_STATUS: Record<number, number> = {
  [Code.Canceled]: 499,
  [Code.Unknown]: 500,
  [Code.InvalidArgument]: 400,
  [Code.DeadlineExceeded]: 504,
  [Code.NotFound]: 404,
  [Code.AlreadyExists]: 409,
  [Code.PermissionDenied]: 403,
  [Code.ResourceExhausted]: 429,
  [Code.FailedPrecondition]: 400,
  [Code.Aborted]: 409,
  [Code.OutOfRange]: 400,
  [Code.Unimplemented]: 501,
  [Code.Internal]: 500,
  [Code.Unavailable]: 503,
  [Code.DataLoss]: 500,
  [Code.Unauthenticated]: 401,
};

/**
 * The REST face of the same methods: routes from the descriptors' google.api.http bindings, JSON
 * with proto field names, path variables and query parameters mapped onto the request as
 * grpc-gateway does, errors as `{ code, message, details }` with the mapped HTTP status.
 */
export class RestGateway {
  private readonly table: RouteTable;

  constructor(
    services: ServedService[],
    private readonly gate: Gate,
  ) {
    this.table = new RouteTable(services);
  }

  async handle(req: HttpRequest, res: HttpResponse, url: URL): Promise<void> {
    const found = this.table.match(req.method ?? 'GET', url.pathname);
    if (!('route' in found)) {
      const status = found.pathMatched ? 405 : 404;
      sendJson(res, status, { code: found.pathMatched ? Code.Unimplemented : Code.NotFound, message: `no route for ${req.method} ${url.pathname}`, details: [] });
      return;
    }
    const { route } = found;
    if (!route.call) {
      sendError(res, new ConnectError(`${route.method.parent.typeName}/${route.method.name} is not emulated`, Code.Unimplemented));
      return;
    }
    const { rejection, headers } = await this.gate.admit(route.method.name, req.headers.authorization);
    if (rejection) {
      sendRejection(res, rejection, headers);
      return;
    }
    try {
      const request = await buildRequest(found, req, url);
      const response = await route.call(request);
      const output = route.method.output;
      sendJson(res, 200, toJson(output, create(output, response as never), { useProtoFieldName: true }), headers);
    } catch (error) {
      sendError(res, asConnectError(error), headers);
    }
  }
}

/**
 * A refusal by the gate. A rate-limit refusal is Scalekit's documented body: `code` 429, the ErrorInfo
 * detail with `error_code: RATE_LIMIT_EXCEEDED` and `retry_after` in seconds; other refusals carry the gRPC code.
 */
export function sendRejection(res: HttpResponse, rejection: Rejection, limitHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...limitHeaders, ...(rejection.retryAfterSeconds ? { 'retry-after': String(rejection.retryAfterSeconds) } : {}) };
  if (rejection.errorCode && !rejection.plainHttp) {
    const detail = { '@type': `type.googleapis.com/${ErrorInfoSchema.typeName}`, error_code: rejection.errorCode, retry_after: rejection.retryAfterSeconds };
    sendJson(res, rejection.httpStatus, { code: rejection.httpStatus, message: rejection.message, details: [detail] }, headers);
    return;
  }
  sendJson(res, rejection.httpStatus, { code: rejection.code, message: rejection.message, details: [] }, headers);
}

function sendError(res: HttpResponse, error: ConnectError, headers: Record<string, string> = {}): void {
  const details = error.findDetails(ErrorInfoSchema).map((info) => ({
    '@type': `type.googleapis.com/${ErrorInfoSchema.typeName}`,
    ...(toJson(ErrorInfoSchema, info, { useProtoFieldName: true }) as JsonObject),
  }));
  sendJson(res, HTTP_STATUS[error.code] ?? 500, { code: error.code, message: error.rawMessage, details }, headers);
}

function asConnectError(error: unknown): ConnectError {
  if (error instanceof ConnectError) return error;
  if (error instanceof BodyTooLargeError) return new ConnectError(error.message, Code.ResourceExhausted);
  if (error instanceof SyntaxError) return new ConnectError(`the request body is not valid JSON: ${error.message}`, Code.InvalidArgument);
  return ConnectError.from(error);
}

async function buildRequest({ route, params }: RouteMatch, req: HttpRequest, url: URL): Promise<object> {
  const schema = route.method.input;
  const { body } = route.binding;
  const text = body ? await readBody(req) : '';
  const parsed = text.trim() ? (JSON.parse(text) as JsonValue) : {};
  const json: JsonObject = body === '*' ? { ...(parsed as JsonObject) } : body ? { [body]: parsed } : {};
  for (const [path, value] of Object.entries(params)) setPath(schema, json, path, [value]);
  const query = new Map<string, string[]>();
  for (const [key, value] of url.searchParams) query.set(key, [...(query.get(key) ?? []), value]);
  for (const [path, values] of query) {
    if (path in params || (body && body !== '*' && path.split('.')[0] === body)) continue;
    setPath(schema, json, path, values);
  }
  try {
    return fromJson(schema, json, { ignoreUnknownFields: true });
  } catch (error) {
    throw new ConnectError(`invalid request: ${error instanceof Error ? error.message : String(error)}`, Code.InvalidArgument);
  }
}

/** Sets `a.b.c` on the request JSON, converting text from the URL to the field's JSON type. */
function setPath(schema: DescMessage, json: JsonObject, path: string, values: string[]): void {
  const names = path.split('.');
  let message: DescMessage | undefined = schema;
  let target = json;
  for (const [i, name] of names.entries()) {
    const field: DescField | undefined = message?.fields.find((f) => f.name === name || f.jsonName === name);
    if (!field) return; // unknown query parameters are ignored, as grpc-gateway does
    if (i === names.length - 1) {
      target[field.name] = field.fieldKind === 'list' ? values.map((v) => convert(field, v)) : convert(field, values[values.length - 1]!);
      return;
    }
    message = field.message;
    const next = target[field.name];
    target = (target[field.name] = next && typeof next === 'object' && !Array.isArray(next) ? next : {}) as JsonObject;
  }
}

function convert(field: DescField, text: string): JsonValue {
  const scalar = field.fieldKind === 'scalar' || (field.fieldKind === 'list' && field.listKind === 'scalar') ? field.scalar : undefined;
  switch (scalar) {
    case ScalarType.BOOL:
      return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : text;
    case ScalarType.INT32:
    case ScalarType.UINT32:
    case ScalarType.SINT32:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
    case ScalarType.FLOAT:
    case ScalarType.DOUBLE:
      return text.trim() === '' || Number.isNaN(Number(text)) ? text : Number(text);
    default:
      return text;
  }
}
