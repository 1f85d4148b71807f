import { describe, expect, it } from 'vitest';
import { connectionFromEnv } from '../src/scalekit/client.js';

describe('Scalekit connection settings', () => {
  it('reads the three SCALEKIT_* variables and trims a trailing slash', () => {
    expect(
      connectionFromEnv({ SCALEKIT_ENVIRONMENT_URL: 'http://127.0.0.1:8787/', SCALEKIT_CLIENT_ID: 'skc_1', SCALEKIT_CLIENT_SECRET: 's3cret' }),
    ).toEqual({ environmentUrl: 'http://127.0.0.1:8787', clientId: 'skc_1', clientSecret: 's3cret' });
  });

  it('names every missing variable and never echoes the secret', () => {
    expect(() => connectionFromEnv({ SCALEKIT_CLIENT_SECRET: 'do-not-print' })).toThrow(
      'missing Scalekit connection settings: set SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID',
    );
    const bad = () =>
      connectionFromEnv({ SCALEKIT_ENVIRONMENT_URL: 'not a url', SCALEKIT_CLIENT_ID: 'x', SCALEKIT_CLIENT_SECRET: 'do-not-print' });
    expect(bad).toThrow('SCALEKIT_ENVIRONMENT_URL "not a url" is not a URL');
    expect(bad).not.toThrow(/do-not-print/);
  });
});
