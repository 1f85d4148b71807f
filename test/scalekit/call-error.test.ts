import { create } from '@bufbuild/protobuf';
import { Code, ConnectError } from '@connectrpc/connect';
import { ErrorInfoSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/errdetails/errdetails_pb.js';
import { describe, expect, it } from 'vitest';
import { toCallError } from '../../src/scalekit/call-error.js';

describe('Scalekit call errors', () => {
  it('keep the status name, the request id (header or ErrorInfo), Scalekit error code and Retry-After', () => {
    const fromHeader = toCallError('CreateOrganization', new ConnectError('slow down', Code.ResourceExhausted, { 'x-request-id': 'req_abc', 'retry-after': '3' }));
    expect(fromHeader).toMatchObject({ status: 'RESOURCE_EXHAUSTED', requestId: 'req_abc', retryAfterMs: 3000 });
    expect(fromHeader.message).toBe('CreateOrganization: RESOURCE_EXHAUSTED: slow down');

    const info = create(ErrorInfoSchema, { errorCode: 'USER_EMAIL_ALREADY_EXISTS', requestInfo: { requestId: 'req_from_details' } });
    const fromDetails = toCallError('CreateUserAndMembership', new ConnectError('exists', Code.AlreadyExists, undefined, [{ desc: ErrorInfoSchema, value: info }]));
    expect(fromDetails).toMatchObject({ status: 'ALREADY_EXISTS', requestId: 'req_from_details', errorCode: 'USER_EMAIL_ALREADY_EXISTS' });
  });

  it('recognise a plain HTTP 429 that connect reports as UNAVAILABLE', () => {
    const error = toCallError('ListUsers', new ConnectError('HTTP 429 Too Many Requests', Code.Unavailable, { 'retry-after': '1' }));
    expect(error).toMatchObject({ status: 'UNAVAILABLE', httpStatus: 429, retryAfterMs: 1000 });
  });
});
