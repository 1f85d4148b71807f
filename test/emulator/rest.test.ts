import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { accessToken, startTestEmulator } from '../helpers/emulator.js';

async function restClient(emulator: Emulator) {
  const token = await accessToken(emulator);
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, any> };
  };
}

describe('emulator: REST gateway', () => {
  it('serves the calls of the cURL import sample, with proto field names in JSON', async () => {
    const emulator = await startTestEmulator();
    const call = await restClient(emulator);

    expect((await call('GET', '/api/v1/roles/admin')).json.role).toMatchObject({ name: 'admin', display_name: 'Admin', default_creator: true });
    const missingRole = await call('GET', '/api/v1/roles/support_agent');
    expect(missingRole.status).toBe(404);
    expect(missingRole.json).toMatchObject({ code: 5, message: 'role with name "support_agent" not found' });
    expect(missingRole.json.details[0]).toMatchObject({ '@type': 'type.googleapis.com/scalekit.v1.errdetails.ErrorInfo', error_code: 'ROLE_NOT_FOUND' });
    const role = await call('POST', '/api/v1/roles', { name: 'support_agent', display_name: 'Support Agent' });
    expect(role.status).toBe(200);
    expect(role.json.role).toMatchObject({ name: 'support_agent', display_name: 'Support Agent' });

    expect((await call('GET', `/api/v1/organizations:external/${encodeURIComponent('legacy/org 1')}`)).status).toBe(404);
    const org = await call('POST', '/api/v1/organizations', { display_name: 'Acme Corp', external_id: 'legacy/org 1', metadata: { legacy_plan: 'free' } });
    expect(org.status).toBe(200);
    const orgId = org.json.organization.id as string;
    // The REST API takes metadata on create (the Node SDK's createOrganization drops it).
    expect(org.json.organization).toMatchObject({ display_name: 'Acme Corp', external_id: 'legacy/org 1', metadata: { legacy_plan: 'free' } });
    expect((await call('GET', `/api/v1/organizations:external/${encodeURIComponent('legacy/org 1')}`)).json.organization.id).toBe(orgId);
    const patched = await call('PATCH', `/api/v1/organizations/${orgId}`, { display_name: 'Acme', metadata: { legacy_plan: 'enterprise' } });
    expect(patched.json.organization).toMatchObject({ display_name: 'Acme', metadata: { legacy_plan: 'enterprise' } });
    // An update_mask names exactly what to write, so an empty map clears the metadata.
    const cleared = await call('PATCH', `/api/v1/organizations/${orgId}?update_mask=metadata`, {});
    expect(cleared.json.organization.metadata).toBeUndefined();
    await call('PATCH', `/api/v1/organizations/${orgId}`, { metadata: { legacy_plan: 'enterprise' } });

    expect((await call('GET', '/api/v1/users:external/u-1')).status).toBe(404);
    const created = await call('POST', `/api/v1/organizations/${orgId}/users?send_invitation_email=false`, {
      email: 'ada@example.com',
      external_id: 'u-1',
      user_profile: { given_name: 'Ada', family_name: 'Lovelace' },
    });
    expect(created.status).toBe(200);
    const userId = created.json.user.id as string;
    expect(created.json.user).toMatchObject({
      email: 'ada@example.com',
      external_id: 'u-1',
      user_profile: { given_name: 'Ada', family_name: 'Lovelace', email_verified: true },
      memberships: [{ organization_id: orgId, membership_status: 'ACTIVE', roles: [{ name: 'member' }] }],
    });
    expect(emulator.counters().invitationsSent).toBe(0);

    const roles = await call('PATCH', `/api/v1/memberships/organizations/${orgId}/users/${userId}`, { roles: [{ name: 'support_agent' }] });
    expect(roles.json.user.memberships[0].roles).toEqual([expect.objectContaining({ name: 'support_agent' })]);
    const profile = await call('PATCH', `/api/v1/users/${userId}`, { user_profile: { given_name: 'Augusta Ada' } });
    expect(profile.json.user.user_profile).toMatchObject({ given_name: 'Augusta Ada', family_name: 'Lovelace' });

    const second = await call('POST', '/api/v1/organizations', { display_name: 'Second', external_id: 'org-2' });
    const membership = await call('POST', `/api/v1/memberships/organizations/${second.json.organization.id}/users/${userId}?send_invitation_email=false`, {
      roles: [{ name: 'admin' }],
    });
    expect(membership.status).toBe(200);
    expect(membership.json.user.memberships).toHaveLength(2);
    const invited = await call('POST', `/api/v1/organizations/${orgId}/users`, { email: 'invited@example.com' });
    expect(invited.json.user.memberships[0].membership_status).toBe('PENDING_INVITE');
    expect(emulator.counters().invitationsSent).toBe(1);

    expect((await call('GET', '/api/v1/users:external/u-1')).json.user.memberships.map((m: any) => m.organization_id)).toEqual([orgId, second.json.organization.id]);
    expect((await call('GET', `/api/v1/organizations/${orgId}/users?page_size=10`)).json).toMatchObject({ total_size: 2 });
    expect((await call('GET', '/api/v1/organizations?page_size=10')).json.organizations).toHaveLength(2);
  });

  it('maps errors to HTTP: 409 already exists, 400 invalid, 401 no token, 404 unknown path, 501 not emulated, 429 rate limit', async () => {
    const emulator = await startTestEmulator();
    const call = await restClient(emulator);
    await call('POST', '/api/v1/organizations', { display_name: 'One', external_id: 'dup' });
    const conflict = await call('POST', '/api/v1/organizations', { display_name: 'Two', external_id: 'dup' });
    expect(conflict.status).toBe(409);
    expect(conflict.json).toMatchObject({ code: 6, details: [expect.objectContaining({ error_code: 'ORGANIZATION_EXTERNAL_ID_ALREADY_EXISTS' })] });
    const invalid = await call('POST', '/api/v1/organizations', { display_name: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.json.message).toContain('organization.display_name');
    expect(invalid.json.details[0].validation_error_info.field_violations[0]).toMatchObject({ field: 'organization.display_name', constraint: 'string.min_len' });
    const badJson = await fetch(`${emulator.url}/api/v1/organizations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await accessToken(emulator)}`, 'content-type': 'application/json' },
      body: '{"display_name": ',
    });
    expect(badJson.status).toBe(400);

    const anonymous = await fetch(`${emulator.url}/api/v1/organizations`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 16, message: expect.stringContaining('missing bearer token') });
    const forged = await fetch(`${emulator.url}/api/v1/organizations`, { headers: { authorization: 'Bearer not-a-token' } });
    expect(forged.status).toBe(401);

    expect((await call('GET', '/api/v1/nothing-here')).status).toBe(404);
    const notEmulated = await call('GET', '/api/v1/resources');
    expect(notEmulated.status).toBe(501);
    expect(notEmulated.json.message).toContain('ListResources is not emulated');

    emulator.configure({ rateLimit: 1 });
    await call('GET', '/api/v1/roles');
    const limited = await call('GET', '/api/v1/roles');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(emulator.counters().rateLimited).toBe(1);
  });

  it('exposes state and counters under /_emulator', async () => {
    const emulator = await startTestEmulator();
    const call = await restClient(emulator);
    await call('POST', '/api/v1/organizations', { display_name: 'Acme', external_id: 'acme' });
    const state = (await (await fetch(`${emulator.url}/_emulator/state`)).json()) as ReturnType<Emulator['state']>;
    expect(state).toEqual(emulator.state());
    expect(state.organizations).toEqual([expect.objectContaining({ display_name: 'Acme', external_id: 'acme' })]);
    const counters = await (await fetch(`${emulator.url}/_emulator/counters`)).json();
    expect(counters).toMatchObject({ methods: { CreateOrganization: 1 }, tokensIssued: 1, tokensByGrant: { client_credentials: 1 } });
    const config = await fetch(`${emulator.url}/_emulator/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"faultRate": 2}' });
    expect(config.status).toBe(400);
    expect(((await config.json()) as { error: string }).error).toContain('faultRate must be between 0 and 1');
  });
});
