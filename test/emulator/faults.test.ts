import { describe, expect, it } from 'vitest';
import { accessToken, failure, freshRateWindow, sdkFor, startTestEmulator } from '../helpers/emulator.js';

/** A random source that plays the given values, then 0.99 forever. */
function scripted(...values: number[]): () => number {
  return () => values.shift() ?? 0.99;
}

describe('emulator: rate limit, faults and latency', () => {
  it('rate limit in grpc mode: RESOURCE_EXHAUSTED, which the SDK surfaces at once as TooManyRequests', async () => {
    const emulator = await startTestEmulator();
    const sk = sdkFor(emulator);
    await sk.role.listRoles(); // token first, before the limit applies
    emulator.configure({ rateLimit: 2, rateLimitMode: 'grpc' });
    await freshRateWindow();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => sk.role.listRoles()));
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(refused).toHaveLength(3);
    for (const error of refused) {
      expect(error.constructor.name).toBe('ScalekitTooManyRequestsException');
      expect(error.grpcStatus).toBe(8);
      expect(error.message).toContain('Rate limit exceeded: at most 2 ListRoles requests per 1 s');
    }
    expect(emulator.counters()).toMatchObject({ rateLimited: 3, methods: { ListRoles: 3 } });
  });

  it('rate limit in http mode: HTTP 429 with Retry-After, which the SDK retries as UNAVAILABLE after a backoff', async () => {
    const emulator = await startTestEmulator();
    const sk = sdkFor(emulator);
    await sk.role.listRoles();
    const token = await accessToken(emulator);
    emulator.configure({ rateLimit: 1, rateLimitMode: 'http' });
    await freshRateWindow();
    const rest = () => fetch(`${emulator.url}/api/v1/roles`, { headers: { authorization: `Bearer ${token}` } });
    expect((await rest()).status).toBe(200);
    const limited = await rest();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');

    // Refused with a plain 429, the SDK backs off and retries; by then the bucket has refilled.
    expect((await sk.role.listRoles()).roles).toHaveLength(2);
    expect(emulator.counters().rateLimited).toBeGreaterThanOrEqual(2);
    expect(emulator.counters().methods.ListRoles).toBe(3);
  });

  it('faultRate: injected UNAVAILABLE, retried by the SDK; counted as faults sent', async () => {
    const emulator = await startTestEmulator({ faultRate: 0.5, random: scripted(0.1) });
    const sk = sdkFor(emulator);
    // The token round trip, then one fault (0.1 < 0.5), then success on the SDK's retry.
    expect((await sk.organization.createOrganization('Acme', { externalId: 'acme' })).organization?.externalId).toBe('acme');
    expect(emulator.counters()).toMatchObject({ faultsSent: 1, methods: { CreateOrganization: 1 } });
    expect(emulator.state().organizations).toHaveLength(1);

    emulator.configure({ faultRate: 1 });
    const down = await fetch(`${emulator.url}/api/v1/organizations`, { headers: { authorization: `Bearer ${await accessToken(emulator)}` } });
    expect(down.status).toBe(503);
    expect(((await down.json()) as { message: string }).message).toContain('emulated fault');
    emulator.configure({ faultRate: 0 });
    expect((await sk.organization.listOrganization()).organizations).toHaveLength(1);
  });

  it('faultRate 1 makes every management call fail; the SDK gives up with ServiceUnavailable after its retries', async () => {
    const emulator = await startTestEmulator();
    const sk = sdkFor(emulator);
    await sk.role.listRoles();
    emulator.configure({ faultRate: 1 });
    const error = await failure(sk.role.listRoles());
    expect(error.constructor.name).toBe('ScalekitServiceUnavailableException');
    expect(error.grpcStatus).toBe(14);
    expect(emulator.counters().faultsSent).toBe(4); // the call and three retries
  }, 30_000);

  it('refuseMethods: the named methods fail with FAILED_PRECONDITION, others run', async () => {
    const emulator = await startTestEmulator({ refuseMethods: ['CreateOrganization'] });
    const sk = sdkFor(emulator);
    const error = await failure(sk.organization.createOrganization('Acme', { externalId: 'acme' }));
    expect(error.grpcStatus).toBe(9);
    expect(error.message).toContain('CreateOrganization refused (emulated refusal)');
    expect((await sk.role.listRoles()).roles).toHaveLength(2);
    expect(emulator.state().organizations).toHaveLength(0);
    expect(emulator.counters()).toMatchObject({ faultsSent: 1, methods: { ListRoles: 1 } });
  });

  it('latencyMs delays every management call', async () => {
    const emulator = await startTestEmulator({ latencyMs: 300 });
    const token = await accessToken(emulator);
    const t0 = performance.now();
    expect((await fetch(`${emulator.url}/api/v1/roles`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    // A lower bound only: the delay is there (tests assert no speed).
    expect(performance.now() - t0).toBeGreaterThanOrEqual(299);
  });
});
