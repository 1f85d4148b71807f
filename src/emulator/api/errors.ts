import { create } from '@bufbuild/protobuf';
import { Code, ConnectError } from '@connectrpc/connect';
import {
  ErrorInfoSchema,
  ValidationErrorInfo_FieldViolationSchema,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/errdetails/errdetails_pb.js';

export interface FieldViolation {
  field: string;
  description: string;
  constraint: string;
}

/**
 * Every API error carries a Scalekit ErrorInfo detail: the SDK reads its `errorCode` into
 * `ScalekitServerException.errorCode`, and the REST gateway renders it under `details`.
 */
export function apiError(code: Code, errorCode: string, message: string, extra: { resource?: string; violations?: FieldViolation[] } = {}): ConnectError {
  const info = create(ErrorInfoSchema, {
    errorCode,
    ...(extra.resource ? { resourceInfo: { resourceName: extra.resource, description: message } } : {}),
    ...(extra.violations
      ? { validationErrorInfo: { fieldViolations: extra.violations.map((v) => create(ValidationErrorInfo_FieldViolationSchema, v)) } }
      : {}),
  });
  return new ConnectError(message, code, undefined, [{ desc: ErrorInfoSchema, value: info }]);
}

export function notFound(kind: string, key: string, value: string): ConnectError {
  return apiError(Code.NotFound, `${kind.toUpperCase()}_NOT_FOUND`, `${kind} with ${key} "${value}" not found`, { resource: kind });
}

export function alreadyExists(kind: string, key: string, value: string, holderId?: string): ConnectError {
  const holder = holderId ? ` (${holderId})` : '';
  return apiError(
    Code.AlreadyExists,
    `${kind.toUpperCase()}_${key.toUpperCase()}_ALREADY_EXISTS`,
    `${kind} with ${key} "${value}" already exists${holder}`,
    { resource: kind },
  );
}

export function invalidArgument(field: string, description: string, constraint = 'invalid'): ConnectError {
  return invalidArguments([{ field, description, constraint }]);
}

export function invalidArguments(violations: FieldViolation[]): ConnectError {
  const message = `invalid request: ${violations.map((v) => `${v.field}: ${v.description}`).join('; ')}`;
  return apiError(Code.InvalidArgument, 'INVALID_ARGUMENT', message, { violations });
}

export function failedPrecondition(errorCode: string, message: string): ConnectError {
  return apiError(Code.FailedPrecondition, errorCode, message);
}
