import { ScalekitClient, ScalekitServerException } from '@scalekit-sdk/node';
import { afterEach, expect } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';

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

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.stop()));
});
