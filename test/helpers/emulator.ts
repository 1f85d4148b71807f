import { ScalekitClient, ScalekitServerException } from '@scalekit-sdk/node';
import { expect } from 'vitest';
import { afterEachTest } from './after-each-test.js';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';
import type { ScalekitConnection } from '../../src/scalekit/client.js';

const running: Emulator[] = [];

/** A fresh emulator on an ephemeral loopback port, stopped after the test. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator({ log: () => undefined, ...options });
  running.push(emulator);
  return emulator;
}

/** The real SDK client, pointed at the emulator. */
export function sdkFor(emulator: Pick<Emulator, 'url' | 'clientId' | 'clientSecret'>): ScalekitClient {
  return new ScalekitClient(emulator.url, emulator.clientId, emulator.clientSecret);
}

/** The SDK's exception for a call that must fail. */
export async function failure(promise: Promise<unknown>): Promise<ScalekitServerException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(ScalekitServerException);
  return error as ScalekitServerException;
}

/** A bearer token for raw REST calls. */
export async function accessToken(emulator: Emulator): Promise<string> {
  const response = await fetch(`${emulator.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: emulator.clientId, client_secret: emulator.clientSecret }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

export interface TestEmulator {
  emulator: Emulator;
  connection: ScalekitConnection;
  /** The SCALEKIT_* variables for a child process or the MCP tools. */
  env: Record<'SCALEKIT_ENVIRONMENT_URL' | 'SCALEKIT_CLIENT_ID' | 'SCALEKIT_CLIENT_SECRET', string>;
}

/** A fresh emulator with its connection settings, for the importer's tests. */
export async function testEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startTestEmulator(options);
  const connection = { environmentUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret };
  return {
    emulator,
    connection,
    env: { SCALEKIT_ENVIRONMENT_URL: emulator.url, SCALEKIT_CLIENT_ID: emulator.clientId, SCALEKIT_CLIENT_SECRET: emulator.clientSecret },
  };
}

/** Successful calls per method: calls that reached the method minus those answered with an error. */
export function successfulCalls(emulator: Emulator): Record<string, number> {
  const counters = emulator.counters();
  const result: Record<string, number> = {};
  for (const [method, count] of Object.entries(counters.methods)) result[method] = count - (counters.failures[method] ?? 0);
  return result;
}

/** Calls that change state (anything but Get/List), successful or not. */
export function writeCalls(emulator: Emulator): number {
  return Object.entries(emulator.counters().methods)
    .filter(([method]) => !/^(Get|List)/.test(method))
    .reduce((sum, [, count]) => sum + count, 0);
}

afterEachTest(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.stop()));
});

/** Waits for the start of a fresh one-second window (the emulator's rate-limit windows are aligned on Unix seconds). */
export async function freshRateWindow(): Promise<void> {
  const into = Date.now() % 1000;
  if (into > 50) await new Promise((resolve) => setTimeout(resolve, 1000 - into + 5));
}
