import { describe, expect, it } from 'vitest';
import { ScalekitManagementApi } from '../../src/scalekit/management-api.js';
import type { CallObserver } from '../../src/scalekit/observed-transport.js';
import { readRateLimitHeaders, type RateLimitSignal } from '../../src/scalekit/rate-limit-headers.js';
import { createScalekitClient } from '../../src/scalekit/client.js';
import { ScalekitCallError } from '../../src/scalekit/call-error.js';
import { accessToken, freshRateWindow, startTestEmulator } from '../helpers/emulator.js';

describe("emulator: Scalekit's documented rate-limit protocol", () => {
  it('REST: X-RateLimit-* on every answer, then 429 with ErrorInfo RATE_LIMIT_EXCEEDED and retry_after; buckets per endpoint', async () => {
    const emulator = await startTestEmulator({ rateLimit: 3, rateLimitWindowSeconds: 2 });
    const token = await accessToken(emulator);
    const get = (path: string) => fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await freshRateWindow();
    if (Math.floor(Date.now() / 1000) % 2 === 1) await new Promise((resolve) => setTimeout(resolve, 1000));
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await get('/api/v1/roles'));
    const reset = Number(answers[0]!.headers.get('x-ratelimit-reset'));
    expect(reset % 2).toBe(0);
    expect(reset * 1000).toBeGreaterThan(Date.now());
    expect(answers.map((a) => [a.status, a.headers.get('x-ratelimit-limit'), a.headers.get('x-ratelimit-remaining')])).toEqual([
      [200, '6', '5'],
      [200, '6', '4'],
      [200, '6', '3'],
      [200, '6', '2'],
    ]);
    for (let i = 0; i < 2; i += 1) expect((await get('/api/v1/roles')).status).toBe(200);
    const refused = await get('/api/v1/roles');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    const body = (await refused.json()) as { code: number; message: string; details: Array<Record<string, unknown>> };
    expect(body.code).toBe(429);
    expect(body.details).toEqual([
      { '@type': 'type.googleapis.com/scalekit.v1.errdetails.ErrorInfo', error_code: 'RATE_LIMIT_EXCEEDED', retry_after: expect.any(Number) },
    ]);
    const retryAfter = body.details[0]!.retry_after as number;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    // Another endpoint has its own bucket.
    const organizations = await get('/api/v1/organizations');
    expect(organizations.status).toBe(200);
    expect(organizations.headers.get('x-ratelimit-remaining')).toBe('5');
    expect(emulator.counters().rateLimited).toBe(1);
  });

  it('gRPC through the SDK transport: the headers on every answer; RESOURCE_EXHAUSTED with ErrorInfo and retry-after', async () => {
    const emulator = await startTestEmulator({ rateLimit: 2 });
    const seen: Array<{ method: string; signal: RateLimitSignal | undefined; error?: string }> = [];
    const observer: CallObserver = {
      before: async () => undefined,
      after: (method, headers, error) => seen.push({ method, signal: readRateLimitHeaders(headers), error: error?.code?.toString() }),
    };
    const api = new ScalekitManagementApi(createScalekitClient({ environmentUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret }), observer);
    await api.authenticate();
    await freshRateWindow();
    await api.listRoles();
    await api.listRoles();
    const error = await api.listRoles().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ScalekitCallError);
    const failure = error as ScalekitCallError;
    expect(failure.status).toBe('RESOURCE_EXHAUSTED');
    expect(failure.errorCode).toBe('RATE_LIMIT_EXCEEDED');
    expect(failure.retryAfterMs).toBe(1000);
    expect(failure.rateLimit).toMatchObject({ limit: 2, remaining: 0 });
    expect(seen.map((s) => [s.method, s.signal?.limit, s.signal?.remaining])).toEqual([
      ['ListRoles', 2, 1],
      ['ListRoles', 2, 0],
      ['ListRoles', 2, 0],
    ]);
    const nextSecond = Math.floor(Date.now() / 1000) + 1;
    expect(seen[0]!.signal!.resetAtMs).toBe(nextSecond * 1000);
    // Its own bucket: ListOrganization is not refused.
    await api.listOrganizations();
    expect(seen.at(-1)).toMatchObject({ method: 'ListOrganization', signal: { limit: 2, remaining: 1 } });
  });

  it('no limit set: no X-RateLimit-* headers', async () => {
    const emulator = await startTestEmulator();
    const token = await accessToken(emulator);
    const answer = await fetch(`${emulator.url}/api/v1/roles`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-ratelimit-limit')).toBeNull();
  });
});
