import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/errors.js';
import { failure, sdkFor, startTestEmulator } from '../helpers/emulator.js';
import { tempDir } from '../helpers/temp-dir.js';

const savedState = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { format: string; state: { organizations: unknown[] }; signing_keys: unknown[] };

/** Polls every 20 ms; the limit is a hang guard (at a load average of 12 the 10 s this once allowed ran out). */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (check()) return;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('emulator: --state FILE', () => {
  it('saves the state as it changes (owner-only) and loads it on the next start, keys included', async () => {
    const path = join(tempDir(), 'state', 'emulator.json');
    const first = await startTestEmulator({ statePath: path, persistIntervalMs: 20, seed: { client: { redirect_uris: ['http://localhost/cb'] } } });
    const sk = sdkFor(first);
    const org = (await sk.organization.createOrganization('Acme', { externalId: 'acme' })).organization!;
    await sk.organization.updateOrganization(org.id, { metadata: { plan: 'gold' } });
    const user = (await sk.user.createUserAndMembership(org.id, { email: 'ada@example.com', externalId: 'ada', sendInvitationEmail: false })).user!;
    await until(() => {
      try {
        return JSON.stringify(savedState(path).state).includes('ada@example.com');
      } catch {
        return false;
      }
    }, 'the state file to hold the new user');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(savedState(path).format).toBe('scalekit-migrate-emulator-state');

    const callback = new URL(
      (await fetch(sk.getAuthorizationUrl('http://localhost/cb', { loginHint: 'ada@example.com' }), { redirect: 'manual' })).headers.get('location')!,
    );
    const { accessToken } = await sk.authenticateWithCode(callback.searchParams.get('code')!, 'http://localhost/cb');
    await first.stop();
    const stateAtStop = first.state();
    expect(savedState(path).state).toEqual(stateAtStop);

    const second = await startTestEmulator({ statePath: path, seed: { organizations: [{ display_name: 'Seed is ignored' }] } });
    expect(second.state()).toEqual(stateAtStop);
    const again = sdkFor(second);
    expect((await again.user.getUserByExternalId('ada')).user?.id).toBe(user.id);
    expect((await again.organization.getOrganization(org.id)).organization?.metadata).toEqual({ plan: 'gold' });
    expect((await failure(again.user.createUserAndMembership(org.id, { email: 'ADA@example.com' }))).grpcStatus).toBe(6);
    // Same signing keys: a token from the first run still verifies.
    expect(await again.validateAccessToken(accessToken)).toBe(true);
  });

  it('refuses a file that is not an emulator state, naming it', async () => {
    const dir = tempDir();
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"format":"something else"}');
    const started = startTestEmulator({ statePath: path });
    await expect(started).rejects.toBeInstanceOf(UserInputError);
    await expect(started).rejects.toThrow(`emulator state file ${path} is not an emulator state`);
    writeFileSync(path, 'not json');
    await expect(startTestEmulator({ statePath: path })).rejects.toThrow('is not JSON');
    await expect(startTestEmulator({ statePath: dir })).rejects.toThrow('cannot be read');
  });
});
