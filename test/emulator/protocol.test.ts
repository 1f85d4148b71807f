import { connect } from 'node:http2';
import { describe, expect, it } from 'vitest';
import { failure, sdkFor, startTestEmulator } from '../helpers/emulator.js';

/** One request over cleartext HTTP/2 with prior knowledge, as the SDK's gRPC transport connects. */
function h2Request(url: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const session = connect(url);
    session.on('error', reject);
    const stream = session.request(headers);
    let text = '';
    let status = 0;
    stream.on('response', (h) => (status = Number(h[':status'])));
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    stream.on('end', () => {
      session.close();
      resolve({ status, body: text });
    });
    stream.end(body);
  });
}

describe('emulator: one port, two protocols', () => {
  it('answers plain HTTP requests over h2c as over HTTP/1.1', async () => {
    const emulator = await startTestEmulator();
    const keys = await h2Request(emulator.url, { ':method': 'GET', ':path': '/keys' });
    expect(keys.status).toBe(200);
    expect(JSON.parse(keys.body).keys).toHaveLength(1);
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: emulator.clientId, client_secret: emulator.clientSecret }).toString();
    const token = await h2Request(emulator.url, { ':method': 'POST', ':path': '/oauth/token', 'content-type': 'application/x-www-form-urlencoded' }, form);
    expect(token.status).toBe(200);
    const roles = await h2Request(emulator.url, { ':method': 'GET', ':path': '/api/v1/roles', authorization: `Bearer ${JSON.parse(token.body).access_token}` });
    expect(JSON.parse(roles.body).roles.map((r: { name: string }) => r.name)).toEqual(['admin', 'member']);
  });

  it('answers UNIMPLEMENTED for gRPC methods it does not emulate, which the SDK reports as such', async () => {
    const sk = sdkFor(await startTestEmulator());
    const error = await failure(sk.passwordless.sendPasswordlessEmail('ada@example.com'));
    expect(error.constructor.name).toBe('ScalekitNotImplementedException');
    expect(error.message).toMatch(/PasswordlessService\/SendPasswordlessEmail is not emulated/);
    expect((await failure(sk.webauthn.listCredentials('usr_1'))).grpcStatus).toBe(12);
  });
});
