import { describe, expect, it } from 'vitest';
import { initiateLoginCheck, logoutUrlsCheck, redirectUrisCheck } from '../../src/checklist/checks/redirects-registered.js';
import { writeClientUris } from '../../src/scalekit/client-config.js';
import { sdkFor, successfulCalls, testEmulator } from '../helpers/emulator.js';
import { restoreScalekitEnvAfterEach } from '../helpers/scalekit-env.js';
import { tempDir } from '../helpers/temp-dir.js';

restoreScalekitEnvAfterEach();

describe('the redirect items of the checklist read the environment client', () => {
  it('once per checklist read for all three items, and anew on the next read (a callback registered in between counts at once)', async () => {
    const test = await testEmulator();
    Object.assign(process.env, test.env);
    const workspace = tempDir();
    const getClientCalls = () => successfulCalls(test.emulator).GetClient ?? 0;

    const before = getClientCalls();
    const shared = new Map<string, Promise<unknown>>();
    const first = await Promise.all([redirectUrisCheck, logoutUrlsCheck, initiateLoginCheck].map((check) => check({ workspace, shared })));
    expect(getClientCalls() - before).toBe(1);
    expect(first[0]).toMatchObject({ ok: false, detail: expect.stringContaining("no callback URL(s) for the app's route /auth/callback") });

    const uris = { redirectUris: ['http://127.0.0.1:3000/auth/callback'], postLogoutRedirectUris: [], initiateLoginUri: '' };
    await writeClientUris(sdkFor(test.emulator), test.emulator.clientId, uris, ['redirectUris']);
    // The next read, immediately: no answer of the first read is reused.
    expect(await redirectUrisCheck({ workspace, shared: new Map() })).toMatchObject({ ok: true, detail: expect.stringContaining('http://127.0.0.1:3000/auth/callback registered') });
    expect(getClientCalls() - before).toBe(2);
  });
});
