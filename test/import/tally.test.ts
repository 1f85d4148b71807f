import { Code } from '@connectrpc/connect';
import { describe, expect, it } from 'vitest';
import { DependencyFailure, describeFailure, maskEmails } from '../../src/import/tally.js';
import { ScalekitCallError } from '../../src/scalekit/call-error.js';

describe('failure records', () => {
  it('mask every email address in a server message', () => {
    expect(maskEmails('user with email "Ada.L+x@sub.example.co.uk" already exists (usr_1); also bob@example.com')).toBe(
      'user with email "<email>" already exists (usr_1); also <email>',
    );
  });

  it('carry code, Scalekit error code and request id, and name dependency failures', () => {
    const error = new ScalekitCallError('CreateUserAndMembership', Code.AlreadyExists, 'CreateUserAndMembership: ALREADY_EXISTS: user with email "a@b.io" already exists', 'req_7', undefined, undefined, 'USER_EMAIL_ALREADY_EXISTS');
    expect(describeFailure(error)).toEqual({
      code: 'ALREADY_EXISTS',
      errorCode: 'USER_EMAIL_ALREADY_EXISTS',
      requestId: 'req_7',
      message: 'CreateUserAndMembership: ALREADY_EXISTS: user with email "<email>" already exists',
    });
    expect(describeFailure(new DependencyFailure('organization o1 failed'))).toEqual({ code: 'DEPENDENCY_FAILED', message: 'organization o1 failed' });
  });
});
