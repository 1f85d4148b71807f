import { describe, expect, it } from 'vitest';
import { readClientUris, writeClientUris } from '../../src/scalekit/client-config.js';
import { ScalekitCallError } from '../../src/scalekit/call-error.js';
import { accessToken, failure, sdkFor, startTestEmulator } from '../helpers/emulator.js';

const seed = {
  organizations: [{ external_id: 'acme', display_name: 'Acme' }],
  users: [{ email: 'ada@acme.test', memberships: [{ organization_external_id: 'acme' }] }],
};

async function refused(promise: Promise<unknown>): Promise<ScalekitCallError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ScalekitCallError);
  return error as ScalekitCallError;
}

describe('emulator ClientService', () => {
  it('starts with no callback registered, refuses the code flow to an unregistered redirect_uri, and takes it once registered', async () => {
    const emulator = await startTestEmulator({ seed });
    const sk = sdkFor(emulator);
    expect(await readClientUris(sk, emulator.clientId)).toEqual({ redirectUris: [], postLogoutRedirectUris: [], initiateLoginUri: '' });

    const callback = 'http://localhost:3000/auth/callback';
    const before = await fetch(sk.getAuthorizationUrl(callback, { loginHint: 'ada@acme.test' }), { redirect: 'manual' });
    expect(before.status).toBe(400);
    expect(((await before.json()) as { error_description: string }).error_description).toContain('is not a registered callback URL');

    const written = await writeClientUris(
      sk,
      emulator.clientId,
      { redirectUris: [callback], postLogoutRedirectUris: ['http://localhost:3000/'], initiateLoginUri: 'http://localhost:3000/auth/login' },
      ['redirectUris', 'postLogoutRedirectUris', 'initiateLoginUri'],
    );
    expect(written.redirectUris).toEqual([callback]);
    expect(emulator.state().clients?.[0]).toMatchObject({ id: emulator.clientId, post_login_uris: [callback], initiate_login_uri: 'http://localhost:3000/auth/login' });
    const after = await fetch(sk.getAuthorizationUrl(callback, { loginHint: 'ada@acme.test', state: 's' }), { redirect: 'manual' });
    expect(after.status).toBe(302);
    expect(new URL(after.headers.get('location')!).searchParams.get('code')).toBeTruthy();
    // Another path on the same host is not the registered URL.
    expect((await fetch(sk.getAuthorizationUrl('http://localhost:3000/other', { loginHint: 'ada@acme.test' }), { redirect: 'manual' })).status).toBe(400);
  });

  it('validates callback URLs as Scalekit documents them, per environment type, and clears a list only through the mask', async () => {
    const dev = await startTestEmulator({ seed });
    const sk = sdkFor(dev);
    const none = { postLogoutRedirectUris: [], initiateLoginUri: '' };
    const bad = async (uris: string[]) => (await refused(writeClientUris(sk, dev.clientId, { redirectUris: uris, ...none }, ['redirectUris']))).message;
    expect(await bad(['https://app.test/cb?x=1'])).toContain('query');
    expect(await bad(['https://app.test/cb#f'])).toContain('fragment');
    expect(await bad(['https://*.com/cb'])).toContain('registrable domain');
    expect(await bad(['https://*.*.acme.test/cb'])).toContain('only one wildcard');
    expect(await bad(['https://auth.*.acme.test/cb'])).toContain('outermost');
    expect(await bad(['https://a.test/1', 'https://a.test/2', 'https://a.test/3', 'https://a.test/4', 'https://a.test/5', 'https://a.test/6'])).toContain('at most 5');
    expect(await bad([`https://a.test/${'x'.repeat(250)}`])).toContain('256');
    await writeClientUris(sk, dev.clientId, { redirectUris: ['https://*.acme.test/cb'], ...none }, ['redirectUris']);
    const wild = await fetch(sk.getAuthorizationUrl('https://eu.acme.test/cb', { loginHint: 'ada@acme.test' }), { redirect: 'manual' });
    expect(wild.status).toBe(302);
    await writeClientUris(sk, dev.clientId, { redirectUris: [], ...none }, ['redirectUris']);
    expect((await readClientUris(sk, dev.clientId)).redirectUris).toEqual([]);

    const prod = await startTestEmulator({ seed: { ...seed, environment_type: 'production' } });
    const pk = sdkFor(prod);
    const prodBad = async (uris: string[]) => (await refused(writeClientUris(pk, prod.clientId, { redirectUris: uris, ...none }, ['redirectUris']))).message;
    expect(await prodBad(['http://app.test/cb'])).toContain('http is allowed in development environments only');
    expect(await prodBad(['https://localhost/cb'])).toContain('localhost');
    expect(await prodBad(['https://*.acme.test/cb'])).toContain('wildcards');
    const unknown = await refused(readClientUris(pk, 'skc_nope'));
    expect(unknown.code).toBe(5);
  });

  it('allows post_logout_redirect_uri only when registered', async () => {
    const emulator = await startTestEmulator({ seed: { ...seed, client: { post_logout_redirect_uris: ['http://localhost:3000/'] } } });
    const sk = sdkFor(emulator);
    expect((await fetch(sk.getLogoutUrl({ postLogoutRedirectUri: 'http://localhost:3000/' }), { redirect: 'manual' })).status).toBe(302);
    expect((await fetch(sk.getLogoutUrl({ postLogoutRedirectUri: 'http://evil.test/' }), { redirect: 'manual' })).status).toBe(400);
  });
});

describe('emulator DomainService', () => {
  it('creates domains unverified, refuses public and duplicate ones, verifies once the TXT record is published, lists and deletes', async () => {
    const emulator = await startTestEmulator({ seed: { organizations: [{ external_id: 'acme', display_name: 'Acme' }, { external_id: 'beta', display_name: 'Beta' }] } });
    const sk = sdkFor(emulator);
    const acme = (await sk.organization.getOrganizationByExternalId('acme')).organization!;
    const beta = (await sk.organization.getOrganizationByExternalId('beta')).organization!;
    const created = (await sk.domain.createDomain(acme.id, 'Acme.Test', { domainType: 'ORGANIZATION_DOMAIN' })).domain!;
    expect(created).toMatchObject({ domain: 'acme.test', organizationId: acme.id, verificationStatus: 1 /* PENDING */, domainType: 2 });
    expect(created.id).toMatch(/^dom_/);
    expect(created.txtRecordKey).toBe('_scalekit-verification.acme.test');

    expect((await failure(sk.domain.createDomain(beta.id, 'acme.test'))).grpcStatus).toBe(6);
    const gmail = await failure(sk.domain.createDomain(acme.id, 'gmail.com'));
    expect(gmail.grpcStatus).toBe(3);
    expect(gmail.message).toContain('public or disposable');
    expect((await failure(sk.domain.createDomain(acme.id, 'not a domain'))).grpcStatus).toBe(3);
    expect((await failure(sk.domain.createDomain('org_404', 'x.test'))).grpcStatus).toBe(5);

    await sk.domain.createDomain(acme.id, 'acme-two.test');
    const listed = await sk.domain.listDomains(acme.id);
    expect(listed.domains.map((d) => d.domain).sort()).toEqual(['acme-two.test', 'acme.test']);
    expect((await sk.domain.listDomains(beta.id)).domains).toEqual([]);
    expect((await failure(sk.domain.getDomain(beta.id, created.id))).grpcStatus).toBe(5);

    // Over REST too, as the descriptors' bindings route it (VerifyDomain is PATCH …:verify; the SDK does not wrap it).
    const rest = await fetch(`${emulator.url}/api/v1/organizations/${acme.id}/domains`, { headers: { authorization: `Bearer ${await accessToken(emulator)}` } });
    expect(rest.status).toBe(200);
    expect(((await rest.json()) as { domains: Array<{ domain: string; verification_status: string }> }).domains.find((d) => d.domain === 'acme.test')?.verification_status).toBe('PENDING');

    const token = await accessToken(emulator);
    const restVerify = async () =>
      (await (await fetch(`${emulator.url}/api/v1/organizations/${acme.id}/domains/${created.id}:verify`, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' })).json()) as { verified?: boolean };
    expect((await restVerify()).verified ?? false).toBe(false);
    emulator.publishTxtRecord('acme.test');
    expect((await restVerify()).verified).toBe(true);
    expect((await sk.domain.getDomain(acme.id, created.id)).domain?.verificationStatus).toBe(2 /* VERIFIED */);

    await sk.domain.deleteDomain(acme.id, created.id);
    expect((await sk.domain.listDomains(acme.id)).domains.map((d) => d.domain)).toEqual(['acme-two.test']);
    await sk.organization.deleteOrganization(acme.id);
    expect(emulator.state().domains).toEqual([]);
  });
});
